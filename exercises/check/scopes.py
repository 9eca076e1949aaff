"""Which prose a chain reads its definitions in, beyond its own section: a section's headings nest
(`#` above `##`, \\section above \\subsection), and what a section says before its first
sub-heading (its preamble: "the output layer is a softmax, $\\hat{y}_i = ...$") holds in every one
of its sub-sections. A sibling section's text is never read: only the chain's enclosing headings'."""
from __future__ import annotations

import re

from exercises.check.latex import Source

_MD_HEADING = re.compile(r"(?m)^\s{0,3}(#{1,6})\s+\S")
_TEX_HEADING = re.compile(r"\\(section|subsection|subsubsection|paragraph)\*?\s*\{")
_TEX_LEVEL = {"section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4}


def headings(text: str, latex: bool) -> list[tuple[int, int]]:
    """(offset, level) of each heading of a text, in order (level 1 the outermost); code and
    comments blanked first, as the chains' reader does."""
    from exercises.check.extract import _mask_code
    masked = _mask_code(text, latex)
    if latex:
        return [(m.start(), _TEX_LEVEL[m.group(1)]) for m in _TEX_HEADING.finditer(masked)]
    return [(m.start(), len(m.group(1))) for m in _MD_HEADING.finditer(masked)]


def enclosing_preambles(doc, at: int) -> list[Source]:
    """The preambles of the headings that enclose the section holding offset `at` (not that section
    itself), the nearest first: each from its heading to the next heading of any level."""
    latex = str(getattr(doc, "path", "")).lower().endswith(".tex")
    marks = headings(doc.text, latex)
    before = [(pos, level) for pos, level in marks if pos <= at]
    if not before:
        return []
    out, level = [], before[-1][1]
    for number in range(len(before) - 2, -1, -1):
        pos, outer = before[number]
        if outer < level:                  # an enclosing heading
            level = outer
            end = before[number + 1][0]
            out.append(Source.at(doc.text[pos:end], pos))
    return out
