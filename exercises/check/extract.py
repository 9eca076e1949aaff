"""The displayed derivations of a learner's file, found and split into chains of parts.

Markdown (.md), LaTeX (.tex) and the markdown cells of Jupyter notebooks (.ipynb) are read the
same way: every display ($$...$$, \\[...\\], align, align*, equation, equation*, gather, and the
aligned or split inside them, also a bare align* in Markdown as Jupyter renders it) is split into
rows at \\\\ and each row into parts at its relations (=, <, >, \\le, \\ge, \\iff, \\implies, ...,
outside braces and brackets). A row that begins with its relation (&= ...) goes on with the chain
above it; a row with its own left side starts a new chain; a row with no relation continues the
part before it. What stands before a chain in the text is kept for its context: the heading above
it, an <!-- nndl: ID --> marker (% nndl: ID in LaTeX), and the sentence just before it, where a
condition ("if $j = k$:") or a definition ("where $C = ...$") may be written.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from derivations.errors import NndlError
from exercises.check import worded
from exercises.check.latex import Source

ENVIRONMENTS = ("align", "align*", "aligned", "equation", "equation*", "gather", "gather*", "gathered",
                "split", "multline", "multline*", "eqnarray", "eqnarray*", "flalign", "flalign*", "alignat",
                "alignat*", "alignedat", "displaymath", "math")
RELATIONS = {   # as written -> the relation's name in the report
    "=": "=", "<": "<", ">": ">", r"\le": "≤", r"\leq": "≤", r"\leqslant": "≤", r"\ge": "≥",
    r"\geq": "≥", r"\geqslant": "≥", r"\neq": "≠", r"\ne": "≠", r"\iff": "⟺", r"\Leftrightarrow": "⟺",
    r"\Longleftrightarrow": "⟺", r"\implies": "⟹", r"\Rightarrow": "⟹", r"\Longrightarrow": "⟹",
    r"\approx": "≈", r"\equiv": "≡", ":=": ":=", r"\coloneqq": ":=", r"\triangleq": ":=",
}
RELATION_PATTERN = re.compile(r":=|\\(?:Longleftrightarrow|Leftrightarrow|Longrightarrow|Rightarrow|coloneqq|"
                       r"triangleq|leqslant|geqslant|implies|approx|equiv|iff|leq|geq|neq|le|ge|ne)(?![A-Za-z])|[=<>]")
_CONDITION_WORDS = r"(?:if|for|when|whenever|where|with|assuming|case)"


@dataclass
class Part:
    """One side of a relation in a chain, as written."""

    source: Source


@dataclass
class Relation:
    """A relation between two consecutive parts of a learner's chain (the proof layer's steps are
    derivations.steps.Step; this is only what the text writes)."""

    relation: str           # =, <, >, ≤, ≥, ≠, ⟺, ⟹, ≈, ≡, :=
    where: int              # the relation's file offset
    row: int                # which row of the display (0-based) the right part ends on
    width: int = 1          # the relation's length as written


@dataclass
class Chain:
    """Parts p0 R1 p1 R2 p2 ..., with what the text around it says."""

    parts: list[Part]
    steps: list[Relation]
    rows: list[Source]              # the display's rows, as written (for quoting)
    start: int                      # file offset of the chain's first part
    conditions: list[Source] = field(default_factory=list)   # written in the display (\text{if} ...)
    prose_before: Source | None = None
    prose_after: Source | None = None
    heading: str = ""
    marker: str = ""                # the <!-- nndl: ... --> in force
    section: Source | None = None   # the text since the heading (prose definitions)
    section_after: Source | None = None   # the text after the display, up to the next heading
    orphan: bool = False            # the display opens with its relation ($$ = ... $$) and no chain goes on into it
    case_root: int | None = None    # a case's chain: the part its case goes on from (see case_branch)
    worded: "worded.Worded | None" = None   # an inline claim's reason after "since" and its words (worded.py)


@dataclass
class Document:
    """A file's text (one markdown cell for a notebook: `cell` counts the notebook's cells from 1)
    and the chains in it."""

    path: str
    text: str
    cell: int | None
    chains: list[Chain]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a file offset."""
        before = self.text[:offset]
        line = before.count("\n") + 1
        return line, offset - (before.rfind("\n") + 1) + 1

    def line_text(self, line: int) -> str:
        lines = self.text.split("\n")
        return lines[line - 1] if 0 < line <= len(lines) else ""


# ============================================================================ files

def read_documents(path: Path) -> list[Document]:
    """The documents of a file: the file itself, or one per markdown cell of a notebook."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NndlError(f"{path}: not a text file (not UTF-8)") from None
    except OSError as exc:
        raise NndlError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    kind = path.suffix.lower()
    if kind == ".ipynb":
        return notebook_documents(str(path), raw)
    return [document(str(path), raw, None, latex=kind == ".tex")]


def notebook_documents(name: str, raw: str) -> list[Document]:
    try:
        notebook = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise NndlError(f"{name}: not a Jupyter notebook (not JSON: {exc.msg}, line {exc.lineno})") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise NndlError(f"{name}: not a Jupyter notebook (no list of cells)")
    docs, carried = [], Carried()
    for number, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        docs.append(document(name, text, number + 1, latex=False, carried=carried))   # cells counted from 1
    return docs


@dataclass
class Carried:
    """Heading and marker in force, carried from one notebook cell to the next."""

    heading: str = ""
    marker: str = ""


def document(name: str, text: str, cell: int | None, *, latex: bool, carried: Carried | None = None) -> Document:
    carried = carried or Carried()
    text = _parenthesised_math(text)
    masked = _mask_code(text, latex)
    events = _headings_and_markers(masked, latex)
    chains: list[Chain] = []
    pending: list[Source] = []
    last_display = -1
    inline = inline_chains(masked)
    spans = sorted(list(displays(masked)) + inline)
    sentences = {outer: _sentence_start(masked, outer[0]) for outer, _, _ in inline}
    for number, (outer, inner_start, inner_end) in enumerate(spans):
        heading, marker, section_start = carried.heading, carried.marker, 0
        for pos, kind, value in events:
            if pos >= outer[0]:
                break
            if kind == "heading":          # a marker applies to its section, not to later ones
                heading, section_start, marker = value, pos, ""
            else:
                marker = value
        before_start = spans[number - 1][0][1] if number else section_start
        before_start = max(before_start, section_start, sentences.get(outer, 0))   # inline: its own sentence
        after_end = spans[number + 1][0][0] if number + 1 < len(spans) else len(text)
        body = Source.at(masked[inner_start:inner_end], inner_start)   # a ```math fence is blanked
        prose_before = Source.at(text[before_start:outer[0]], before_start)
        prose_after = Source.at(text[outer[1]:after_end], outer[1])
        section = Source.at(text[section_start:outer[0]], section_start)
        section_end = next((pos for pos, kind, _ in events if kind == "heading" and pos >= outer[1]), len(text))
        section_after = Source.at(text[outer[1]:section_end], outer[1])
        only = _ONLY_CONDITION.match(body.text)
        if only:                        # $$\text{for } j = k:$$ before the display it speaks of
            group = 1 if only.group(1) and only.group(1).strip() else 2
            pending = [body[only.start(group):only.end(group)]]
            continue
        # a display that opens with its relation ($$ = ... $$) goes on with the chain the display before it
        # reached, however much prose stands between them (a paragraph explaining the next step), but
        # never across a heading
        between = text[spans[number - 1][0][1]:outer[0]] if number else ""
        previous = chains[-1] if chains and number and last_display == number - 1 \
            and not any(spans[number - 1][0][1] <= pos < outer[0] for pos, kind, _ in events if kind == "heading") else None
        branch = case_branch(previous, between) if previous is not None else None
        if branch is not None:         # "When $i=j$," then $$ = ... $$: that case's steps, from the cases' root
            previous = branch
        before_steps = len(previous.steps) if previous is not None else 0
        found = [c for c in chains_of(body, previous) if not is_between_words(c)]
        if branch is not None and branch.steps:
            found.insert(0, branch)
        if found or (previous is not None and len(previous.steps) > before_steps):
            last_display = number          # the display the last chain reaches
        if found and all(is_condition(c) for c in found):
            pending = [src for c in found for src in _condition_sources(c)]   # $$\text{for } j = k:$$
            continue
        reason = worded.reason_after(masked, outer[1]) if outer in sentences else None
        after_words = worded.words_after(masked, outer[1]) if outer in sentences and reason is None else ""
        for chain in found:
            chain.conditions[:0] = pending
            if reason is not None:     # "..., $claim$ since $H$": H its hypothesis, the words unread
                chain.conditions.append(Source.at(masked[reason[0]:reason[1]], reason[0]))
                chain.worded = worded.Worded(reason, worded.words_before(masked[sentences[outer]:outer[0]]))
            elif after_words:          # "$claim$ when $z_j$ is the single maximum": judged, never shown false
                chain.worded = worded.Worded(None, after_words)
            chain.prose_before, chain.prose_after = prose_before, prose_after
            chain.heading, chain.marker, chain.section = heading, marker, section
            chain.section_after = section_after
            chains.append(chain)
        pending = []
    for pos, kind, value in events:
        if kind == "heading":
            carried.heading, carried.marker = value, ""
        else:
            carried.marker = value
    return Document(name, text, cell, chains)


_CASE = re.compile(r"(?i)\b(?:if|when|whenever|for|case|assuming)\b[^$]{0,30}\$\s*((?:[A-Za-z](?:_\{?\w+\}?)?)\s*"
                   r"(?:=|\\neq?(?![A-Za-z])|\\not\s*=)\s*(?:[A-Za-z](?:_\{?\w+\}?)?))\s*\$")


def case_branch(previous: Chain, between: str) -> Chain | None:
    """A display that opens with its relation ($$ = ... $$) after prose stating a case ("When
    $i=j$,", "and if $k \\ne y_i$") goes on from where the cases start, not from the end of the
    case before: a new chain from that part (the last one before the first case), its case its
    condition. None when the prose between states no case."""
    if not _CASE.search(between):
        return None
    root = previous.case_root if previous.case_root is not None else len(previous.parts) - 1
    part = previous.parts[root]
    return Chain([Part(part.source)], [], [], part.source.offset(0), case_root=0)


_ONLY_CONDITION = re.compile(r"\s*\\text\s*\{\s*(?:if|for|when|case)\b\s*\$?([^{}$]*)\$?\s*\}\s*"
                             r"([A-Za-z_{}\\ ]*(?:=|\\neq?|\\not\s*=)[A-Za-z_{}\\ 0-9]*?)?\s*[:.,]?\s*$")
_INDEX_PART = re.compile(r"\s*(?:\\text\s*\{[^{}]*\}\s*)?[A-Za-z]\s*[:.,]?\s*$")


def is_condition(chain: Chain) -> bool:
    """A chain that only relates index letters (j = k, j \\ne k): a condition on what follows,
    not a derivation."""
    return all(_INDEX_PART.match(p.source.text) for p in chain.parts) and \
        all(r.relation in ("=", "≠") for r in chain.steps)


_WORD_PART = re.compile(r"\s*(?:\\text\s*\{[^{}$]*\}|\\mathrm\s*\{[A-Za-z ]+\}|[A-Z][a-z]{2,})\s*[:.,]?\s*$")


def is_between_words(chain: Chain) -> bool:
    """A chain whose every side is a word ($$ Orange < Lemon < Lime $$, \\text{Orange}): a sentence
    written in math, not mathematics (read letter by letter it would be a product of letters, and
    "wrong" at some value of them)."""
    return bool(chain.steps) and all(_WORD_PART.match(p.source.text) for p in chain.parts)


def _condition_sources(chain: Chain) -> list[Source]:
    out = []
    for left, rel, right in zip(chain.parts, chain.steps, chain.parts[1:]):
        l = left.source.sub(r"\\text\s*\{[^{}]*\}", "").strip()
        r = right.source.sub(r"[:.,]\s*$", "").strip()
        out.append(l + Source(" = " if rel.relation == "=" else r" \ne ", [r.offset(0)] * (3 if rel.relation == "=" else 5)) + r)
    return out


_PAREN_MATH = re.compile(r"(?<!\\)\\\(((?:[^\n$]|\n(?![ \t]*\n))+?)(?<!\\)\\\)")   # \( ... \), within a paragraph


def _parenthesised_math(text: str) -> str:
    """Inline math written \\( ... \\) (LaTeX's and MathJax's other delimiters, "When \\(i=j\\),") as
    $ ... $, every offset unchanged (\\( becomes "$ ", \\) " $"): one way of writing inline math for
    every reading after (conditions, definitions, inline derivations)."""
    return _PAREN_MATH.sub(lambda m: "$ " + m.group(1) + " $", text)


def _mask_code(text: str, latex: bool) -> str:
    """The text with code (``` fences, `inline`) and comments blanked, offsets unchanged; an
    nndl marker in a comment stays."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group())
    if latex:
        return re.sub(r"(?<!\\)%(?!\s*nndl:).*", blank, text)
    # a ```math block (GitHub's displayed mathematics) is a display: its fences become $$
    text = re.sub(r"(?ms)^(```|~~~)\s*math[ \t]*$(.*?)^\1[ \t]*$",
                  lambda m: "$$" + " " * (m.end(1) - m.start(1) + len(m.group()) - len(m.group(2)) - 2 * len(m.group(1)) - 2)
                  + m.group(2) + "$$" + " " * (len(m.group(1)) - 2), text)
    text = re.sub(r"(?ms)^(```|~~~).*?^\1[^\n]*$", blank, text)
    text = re.sub(r"(?s)<!--(?!\s*nndl:).*?-->", blank, text)
    return re.sub(r"`[^`\n]*`", blank, text)


def _headings_and_markers(text: str, latex: bool) -> list[tuple[int, str, str]]:
    events = []
    if latex:
        for m in re.finditer(r"\\(?:sub)*section\*?\s*\{([^{}]*)\}|\\paragraph\*?\s*\{([^{}]*)\}", text):
            events.append((m.start(), "heading", (m.group(1) or m.group(2) or "").strip()))
        for m in re.finditer(r"%\s*nndl:\s*([^\n]*)", text):
            events.append((m.start(), "marker", m.group(1).strip()))
    else:
        for m in re.finditer(r"(?m)^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", text):
            events.append((m.start(), "heading", m.group(1).strip()))
        for m in re.finditer(r"(?s)<!--\s*nndl:\s*(.*?)-->", text):
            events.append((m.start(), "marker", m.group(1).strip()))
    return sorted(events)


_INLINE = re.compile(r"(?<![\$\\])\$(?!\$)((?:[^$\n]|\n(?![ \t]*\n))+?)(?<!\\)\$(?!\$)")   # (within a paragraph)


def inline_chains(text: str) -> list:
    """Inline math $...$ that is itself a derivation, a chain of two relations or more
    ($\\sigma'(z) = \\sigma(z)(1 - \\sigma(z)) = a(1 - a)$), as a display: (outer span, inner start,
    inner end). A single relation in a sentence ($j \\ne k$, $C = ...$) is a condition or a
    definition, read as such from the prose."""
    taken = [outer for outer, _, _ in displays(text)]
    out = []
    for m in _INLINE.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in taken):
            continue
        every = _FOR_EVERY.match(m.group(1))     # $\forall x \in \mathbb{R}, f'(x) = 1$: the relation, for every x
        math, inner = (m.group(1)[every.end():], m.start(1) + every.end()) if every else (m.group(1), m.start(1))
        relations = split_top(Source.at(math, 0), RELATION_PATTERN)
        elided = re.sub(r"=\s*\\[cl]?dots\s*(?==)", "=", math)     # A = \ldots = B: steps skipped
        elided = _NAMED_FUNCTION.sub("f", elided)                 # \text{softmax}(x_0): a function's name, not prose
        if re.search(r"\\(?:text|mbox|q?quad|[cl]?dots|;)(?![A-Za-z])|,", elided):
            continue               # prose inside ($\Sigma = ... \text{for} c = 1 \cdots C$): not a chain
        if len(relations) >= 2 and all(r.group() in ("=",) for r in relations):
            out.append(((m.start(), m.end()), inner, m.end(1)))
        elif relations and _alone(text, m.start(), m.end()):
            out.append(((m.start(), m.end()), inner, m.end(1)))    # a paragraph of its own: a display
        elif relations and (is_claim(text, m.start(), m.end(), math, relations) or every and _stated_for_every(
                text, m.start(), m.end(), relations)):
            out.append(((m.start(), m.end()), inner, m.end(1)))
    return out


def _alone(text: str, start: int, end: int) -> bool:
    """Whether inline math $...$ is a paragraph of its own (blank lines, or the text's ends, around it
    and nothing else): written as inline math, set apart as a display is."""
    before, after = text[:start], text[end:]
    return bool(re.search(r"(?:\A|\n[ \t]*\n)[ \t]*\Z", before) and re.match(r"[ \t]*(?:\n[ \t]*\n|\n?[ \t]*\Z)", after))


_NAMED_FUNCTION = re.compile(r"\\(?:text|mathrm|operatorname)\s*\{\s*[A-Za-z]{2,}\s*\}\s*(?=\()")
_FOR_EVERY = re.compile(r"\s*\\forall\s*[A-Za-z]\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*,\s*")


# A claim's words before it ("hence", "we get", ":") and a definition's or condition's ("let",
# "where", "is", "if", "for"): the nearest to the formula decides.
_CLAIM_WORD = r"(?:start\w*|open\w*|begin\w*)\s+with|hence|thus|therefore|whence|so(?!\s+that)|gives?|giving|" \
              r"yields?|get|gets|find|found|obtain\w*|follows?\s+that|proves?|know|must\s+be|shows?|i\.\s*e\.|true\s+that|implements?|:"
_NOT_CLAIM_WORD = r"let|where|define[sd]?|defining|denot\w*|write|writing|set|setting|call|called|with|take|taking|" \
                  r"is|are|be|as|by\s+definition|such\s+that|so\s+that|if|when|whenever|for|given|assum\w*|" \
                  r"suppos\w*|solv\w*|at|because|since|unless|provided|comes?\s+to|variable|function"
_LEAD_WORD = re.compile(rf"(?i)\b(?:(?P<claim>{_CLAIM_WORD})|(?P<other>{_NOT_CLAIM_WORD}))\b|(?P<colon>:)")
# A condition in the sentence before, written in words ("for $k$ such that ..."), or just after the
# formula ("... = 1 when $z_j$ is the single maximum", "since ..."): not read, so not a claim.
_CONDITION_BEFORE = re.compile(r"(?i)\b(?:if|when|whenever|given|assuming|suppose|unless|provided|"
                               r"for(?!\s+(?:all|any|every|each)\b))\b(?!\s*\$[^$]*(?:=|<|>|\\neq?|\\le|\\ge)[^$]*\$)")
condition_in_words = _CONDITION_BEFORE.search
_CONDITION_AFTER = re.compile(r"(?i)\s*[,;]?\s*(?:if|with|when|whenever|since|because|as\s+long\s+as|unless|provided|"
                              r"assuming|where|for(?!\s+(?:all|any|every|each)\b))\b")
_DERIVATIVE_LEFT = re.compile(r"\s*(?:\\left\s*\(?\s*)?(?:\\frac\s*\{\s*(?:\\partial|d\b|\\mathrm\s*\{\s*d|\\d\b)|"
                              r"\\partial|\\lim(?![A-Za-z])|\\nabla|\\delta(?![A-Za-z])|[^=<>]*')")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n|\n\s*[*+-]\s|^\s*[*+-]\s|\n\s*#")


def _stated_for_every(text: str, start: int, end: int, relations) -> bool:
    """A relation "for every x" the text gives as its reason ("because $\\forall x \\in \\mathbb{R},
    \\sigma(x) < 1$"): a claim of its own, true or not whatever the case at hand, so judged."""
    sentence = text[_sentence_start(text, start):start]
    stop = _SENTENCE_END.search(text, end)
    return bool(re.search(r"(?i)\b(?:because|since|as)\s*$", sentence)) and not _CONDITION_AFTER.match(
        text[end:stop.start() if stop else len(text)]) and all(r.group() != ":=" for r in relations)


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding the offset `start` begins."""
    ends = [e.end() for e in _SENTENCE_END.finditer(text, 0, start)]
    return ends[-1] if ends else 0


def is_claim(text: str, start: int, end: int, math: str, relations) -> bool:
    """Whether one inline relation in a sentence is a claim the text makes, to be judged: after
    "hence", "so", "thus", "we get", "which gives", ":" ..., or, with no such word, one whose left
    side is a derivative, a limit, a gradient or δ ("Hence $\\delta^L = a^L - y$.", "The two
    agree, so $\\sigma'(z) = ...$"). A definition ("let", "where", "is", ":=") or a condition ("if",
    "for", "when", "with") stays one, read from the prose as before; so does a claim whose
    sentence puts a condition in words on it, before it or just after it (not read)."""
    if any(r.group() not in ("=", "<", ">", r"\le", r"\leq", r"\ge", r"\geq", r"\neq", r"\ne") for r in relations):
        return False                   # :=, \equiv, \approx, implications: not a plain claim
    sides = [math[:relations[0].start()]] + [math[a.end():b.start()] for a, b in zip(relations, relations[1:] + [None])
                                             if b is not None] + [math[relations[-1].end():]]
    if all(_INDEX_PART.match(side) for side in sides):
        return False                   # $j = k$: a case, a condition on what follows
    sentence = text[_sentence_start(text, start):start]
    lead = re.sub(r"\$[^$]*\$", " ", sentence)     # the sentence before, without its math
    stop = _SENTENCE_END.search(text, end)
    after = text[end:stop.start() if stop else len(text)]
    before = _CONDITION_BEFORE.search(worded.without_exercise_words(sentence))
    if (before or _CONDITION_AFTER.match(after)) and worded.reason_after(text, end) is None \
            and (before or not worded.words_after(text, end)):
        return False                   # a condition in words, not one read or judged around (exercises/check/worded.py)
    words = list(_LEAD_WORD.finditer(lead))
    if words and not words[-1].group("other"):
        return True                    # "hence", "we get", ":" nearest to the formula
    if words and lead[words[-1].end():].strip(" ,(") == "":
        return False                   # "where", "is", "if" just before it
    return bool(_DERIVATIVE_LEFT.match(sides[0]))


def displays(text: str):
    """(outer span, inner start, inner end) of each display, in order."""
    pos = 0
    pattern = re.compile(r"\$\$|\\\[|\\begin\{(" + "|".join(re.escape(e) for e in ENVIRONMENTS) + r")\}")
    while True:
        m = pattern.search(text, pos)
        if not m:
            return
        if m.group() == "$$":
            end = text.find("$$", m.end())
            if end < 0:
                return
            yield (m.start(), end + 2), m.end(), end
            pos = end + 2
        elif m.group() == r"\[":
            end = text.find(r"\]", m.end())
            if end < 0:
                return
            yield (m.start(), end + 2), m.end(), end
            pos = end + 2
        else:
            env = m.group(1)
            close = text.find(rf"\end{{{env}}}", m.end())
            if close < 0:
                return
            yield (m.start(), close + len(rf"\end{{{env}}}")), m.end(), close
            pos = close + len(rf"\end{{{env}}}")


# ============================================================================ rows, parts

def _unwrap(body: Source) -> Source:
    """The display's content without inner aligned/split wrappers and column specs."""
    body = body.sub(r"\\begin\{(?:aligned|split|gathered|alignedat|array)\}(?:\{[^{}]*\})?", " ")
    body = body.sub(r"\\end\{(?:aligned|split|gathered|alignedat|array)\}", " ")
    body = body.sub(r"\\begin\{(align|alignat|equation|gather|multline|flalign)\*?\}(?:\{[^{}]*\})?", " ")
    return body.sub(r"\\end\{(align|alignat|equation|gather|multline|flalign)\*?\}", " ")


def split_top(src: Source, pattern: re.Pattern, *, skip_matrices: bool = True):
    """Matches of `pattern` outside braces, brackets, parentheses and nested environments."""
    text = src.text
    depth, env, out = 0, 0, []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if text.startswith(r"\begin{", pos):
            env += 1
        elif text.startswith(r"\end{", pos):
            env -= 1
        if ch == "\\" and pos + 1 < len(text) and text[pos + 1] in "{}":
            pos += 2
            continue
        if ch in "{([" and not text.startswith(r"\left", max(0, pos - 5)):
            depth += 1
        elif ch in "})]":
            depth = max(depth - 1, 0)
        if depth == 0 and env == 0:
            m = pattern.match(text, pos)
            if m and m.group():
                out.append(m)
                pos = m.end()
                continue
        pos += 1
    return out


_ROW = re.compile(r"\\\\(?:\[[^\]]*\])?")


_SEPARATOR = re.compile(r",?\s*\\q?quad(?![A-Za-z])(?!\s*\\text)")


def rows_of(body: Source) -> list[Source]:
    """The display's rows (at \\\\), and within a row the relations a \\quad or \\qquad
    separates (a = b, \\qquad c = d), each its own row; a \\quad before \\text{if ...} stays."""
    body = _unwrap(body)
    out, last = [], 0
    for m in split_top(body, _ROW):
        out.extend(_separated(body[last:m.start()]))
        last = m.end()
    out.extend(_separated(body[last:]))
    return [r for r in out if r.text.strip()]


_ARROWS = r"\\(?:Longleftrightarrow|Leftrightarrow|Longrightarrow|Rightarrow|implies|iff)(?![A-Za-z])"
_ARROW_AFTER = re.compile(rf"\s*{_ARROWS}")
_ARROW_BEFORE = re.compile(rf"{_ARROWS}\s*$")


def _separated(row: Source) -> list[Source]:
    out, last = [], 0
    for m in split_top(row, _SEPARATOR):
        before, after = row[last:m.start()], row[m.end():]
        if _BARE_CONDITION.match(row.text[m.start():]):
            continue                   # a = b \quad j = k: the condition stays with its row
        if _ARROW_AFTER.match(after.text) or _ARROW_BEFORE.search(row.text[:m.start()]):
            continue                   # a = b \quad \Rightarrow \quad c = d: one implication chain
        if split_top(before, RELATION_PATTERN) and split_top(after, RELATION_PATTERN):
            out.append(before)
            last = m.end()
    return out + [row[last:]]


def _condition_prefix(row: Source) -> tuple[Source | None, Source]:
    r"""A row that opens with \text{if} i = j :  (or for, when): the condition and the rest."""
    m = re.match(rf"\s*&?\s*\\text\{{\s*{_CONDITION_WORDS}\b\s*(\$?)([^{{}}$]*)\1\s*\}}", row.text, re.I)
    if not m:
        return None, row
    written_inside = m.group(2).strip()
    rest = row[m.end():]
    if written_inside:
        return row[m.start(2):m.end(2)], rest
    stop = re.search(r"[:&,]|\\quad", rest.text)
    if not stop:
        return None, row
    return rest[:stop.start()], rest[stop.end():]


_BARE_CONDITION = re.compile(r"\s*(?:,?\s*\\q?quad(?![A-Za-z])|,)\s*(?:\\text\s*\{\s*(?:if|for|when|where)?\s*\}\s*)?\(?"
                             r"([A-Za-z]\s*(?:=|\\neq?(?![A-Za-z])|\\not\s*=)\s*[A-Za-z])\)?\s*[.,;]?\s*$")


def _condition_suffix(row: Source) -> tuple[Source | None, Source]:
    r"""A row that ends with \quad \text{for } j \ne k (or \quad j = k, \quad (i = j)): the condition
    and the rest."""
    bare = _BARE_CONDITION.search(row.text)
    if bare and split_top(row[:bare.start()], RELATION_PATTERN):
        return row[bare.start(1):bare.end(1)], row[:bare.start()]
    m = re.search(rf"(?:,|\\quad|\\qquad|\s)\s*\\text\{{\s*{_CONDITION_WORDS}\b\s*(\$?)([^{{}}$]*)\1\s*\}}(.*)$",
                  row.text, re.I | re.S)
    if not m:
        return None, row
    cond = (row[m.start(2):m.end(2)] if m.group(2).strip() else row[m.start(3):m.end(3)])
    if not RELATION_PATTERN.search(cond.text) or _inside_environment(row.text[:m.start()]):
        return None, row
    return cond, row[:m.start()]


def _inside_environment(text: str) -> bool:
    """Whether the text leaves an environment open (a case's \\text{if } i = k within \\begin{cases})."""
    return len(re.findall(r"\\begin\s*\{", text)) > len(re.findall(r"\\end\s*\{", text))


_REMARK = re.compile(r"(?:\\q?quad(?![A-Za-z])|,)\s*\(?\s*\\(?:text|textrm|mbox|textit)\s*\{\s*(?!(?:if|for|when|whenever|where|"
                     r"with|assuming|case)\b)[A-Za-z]|(?:\\q?quad(?![A-Za-z])|,)?\s*\\forall(?![A-Za-z])")   # , \forall i = 1, 2, 3


def _drop_remark(row: Source) -> Source:
    """A row without its remark: \\qquad \\text{recalling that } a_j = ... or \\text{since } y_j = 0
    justifies the step; it is not a step of the chain."""
    m = _REMARK.search(row.text)
    return row[:m.start()] if m else row


def chains_of(body: Source, previous: Chain | None = None) -> list[Chain]:
    """The chains of one display (a display that opens with its relation, $$ = ... $$, goes on with
    `previous`, the chain of the display before it)."""
    chains: list[Chain] = []
    current: Chain | None = None
    left, left_rows = None, []          # rows with no relation before the first: the left side (X \\ = Y)
    rows = rows_of(body)
    for number, row in enumerate(rows):
        condition, row_rest = _condition_prefix(row)
        suffix, row_rest = _condition_suffix(row_rest)
        row_rest = _drop_remark(row_rest)
        cleaned = row_rest.sub(r"(?s)\\begin\{cases\}.*?\\end\{cases\}|(?<!\\)&",
                               lambda m: " " if m.group() == "&" else m.group())   # a case's & stays
        matches = split_top(cleaned, RELATION_PATTERN)
        pieces, last = [], 0
        for m in matches:
            pieces.append((cleaned[last:m.start()], m))
            last = m.end()
        tail = cleaned[last:]
        if not matches:
            if current is not None and tail.text.strip():
                current.parts[-1].source = current.parts[-1].source + Source(" ", [tail.offset(0)]) + tail
                current.rows.append(row)
            elif current is None and tail.text.strip() and condition is None:
                left = tail if left is None else left + Source(" ", [tail.offset(0)]) + tail
                left_rows.append(row)
            continue
        first = pieces[0][0]
        if current is None and left is not None and not first.text.strip() and condition is None:
            current = Chain([Part(left)], [], left_rows + [row], left.offset(0))   # X \\ = Y: X the left side
            chains.append(current)
        elif current is None and previous is not None and not first.text.strip() and condition is None:
            current = previous             # $$ = ... $$: the chain of the display before goes on
            current.rows.append(row)
        elif first.text.strip() or current is None or condition is not None:
            current = Chain([Part(first)], [], [row], first.offset(0), orphan=not first.text.strip())
            chains.append(current)
        else:
            current.rows.append(row)
        left = None
        current.conditions.extend(c for c in (condition, suffix) if c is not None)
        for k, (_, m) in enumerate(pieces):
            right = pieces[k + 1][0] if k + 1 < len(pieces) else tail
            if len(current.parts) >= 2 and _ELIDED.match(current.parts[-1].source.text) \
                    and current.steps[-1].relation == "=":
                current.parts.pop()        # A = \ldots = B: the steps the author skipped, A = B
                current.steps.pop()
            current.steps.append(Relation(RELATIONS[m.group()], cleaned.offset(m.start()), number, len(m.group())))
            current.parts.append(Part(right))
    return [c for c in chains if c.steps and (c.parts[0].source.text.strip() or c.orphan)]


_ELIDED = re.compile(r"\s*(?:\\[lc]?dots|\\ldotp|\.\.\.|…)\s*$")
