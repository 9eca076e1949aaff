"""A claim in a sentence that puts a condition on it in words and gives its reason in symbols.

    * for $k$ such that $z_k^L$ is below the largest, $\\lim_{c \\to +\\infty} e^{c(z_k^L - z_j^L)} = 0$
      since $z_k^L - z_j^L < 0$;

The words ("for $k$ such that $z_k^L$ is below the largest") are not read; the reason after
"since" (or "because"), a single relation in symbols ending the sentence, is what the text says the
claim rests on. The claim is judged with that relation as its hypothesis: proved under it, the step
follows (the text's own reason carries it); shown false under it, the step is only undecided, since
a counterexample must also meet the words, which are not read. With no words before it, the claim
is judged under its reason as any condition the text states.

A claim followed by a condition in words and no reason ("$\\lim_{c \\to +\\infty} a_j^L = 1$ when
$z_j^L$ is the single maximum", "$z_j = \\ln a_j + C$, with $C$ a constant") is judged as written: if it
holds for every value, it holds under the condition too, so it follows; shown false as written, it is
only undecided, saying which words were not read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from exercises.check.report import UNDECIDED, WRONG

# "since $H$" (or "because $H$") right after the claim, H one relation, and nothing after it but the
# sentence's end (a full stop, a semicolon, a line break): "since $H$ and ..." is not this reading.
_REASON = re.compile(r"\s*,?\s*(?:since|because)\s+\$([^$]+)\$\s*[.;,]?[ \t]*(?=\n|\Z)", re.I)
_ONE_RELATION = re.compile(r"(?:<|>|\\leq?(?![A-Za-z])|\\geq?(?![A-Za-z])|\\neq?(?![A-Za-z])|(?<![:<>!\\])=)")


@dataclass(frozen=True)
class Worded:
    """A claim's reason in symbols (offsets of its math in the text) and the words that put a
    condition on it, not read ("" when the sentence has none)."""

    reason: tuple[int, int] | None    # None: no reason in symbols, the claim judged as written
    words: str


# "for sigmoid neurons under the cross-entropy": words that name the exercise (an output layer and a
# cost), which the checker reads as the exercise the claim is judged under (exercises/check/nearby.py),
# not a condition on it
_EXERCISE_WORDS = re.compile(r"(?i)\bfor\s+(?:sigmoid|softmax|linear)\s+(?:neurons?|outputs?|output\s+layers?)\s+"
                             r"(?:under|with)\s+the\s+(?:cross-entropy|quadratic|log-likelihood)(?:\s+cost)?\b")


def without_exercise_words(sentence: str) -> str:
    """The sentence with the words that only name the exercise taken out."""
    return _EXERCISE_WORDS.sub(" ", sentence)


def reason_after(text: str, end: int) -> tuple[int, int] | None:
    """(start, end) of the math of "since $H$" just after a claim ending at `end`, when H is a single
    relation and the sentence ends with it; else None."""
    m = _REASON.match(text, end)
    if not m or len(_ONE_RELATION.findall(m.group(1))) != 1:
        return None
    return m.start(1), m.end(1)


# A condition in words just after a claim that is judged all the same, never to be shown false:
# "... $= 1$ when $z_j^L$ is the single maximum", "$z_j = \ln a_j + C$, with $C$ a constant"
_WORDS_AFTER = re.compile(r"(?i)\s*[,;]?\s*(?:when|whenever|if|unless|provided)\b|\s*,\s*with\s+\$[^$]+\$\s+an?\s+constant\b")
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n\s*\n|\n\s*[*+-]\s")


def words_after(text: str, end: int) -> str:
    """The condition in words just after a claim ending at `end` (to its sentence's end), when it is one
    a claim is judged under all the same (when, if, "with $C$ a constant"); else ""."""
    if not _WORDS_AFTER.match(text, end):
        return ""
    stop = _SENTENCE_END.search(text, end)
    words = text[end:stop.start() if stop else len(text)].strip(" ,;\n\t")
    return words[:-1].rstrip() if words.endswith(")") and words.count(")") > words.count("(") else words


def words_before(sentence: str) -> str:
    """The condition the sentence before a claim puts on it in words, as written (its math kept), or
    "" when it puts none: "for $k$ such that $z_k^L$ is below the largest"."""
    from exercises.check.extract import condition_in_words
    m = condition_in_words(sentence)
    return sentence[m.start():].strip(" ,*\n\t") if m else ""


def guard(reports, worded: Worded | None) -> None:
    """A step shown false under its reason is undecided when words the checker does not read also
    condition it: a counterexample must meet them too."""
    if worded is None or not worded.words:
        return
    for rep in reports:
        if rep.verdict == UNDECIDED and worded.reason is None and worded.words not in rep.reason:
            rep.reason += f" (the condition the sentence puts on it in words, \"{worded.words}\", is not read)"
        if rep.verdict != WRONG:
            continue
        rep.detail = f"{rep.verdict}: {rep.reason}" + (f"; {rep.detail}" if rep.detail else "")
        rep.verdict, rep.counterexample, rep.hint = UNDECIDED, None, None
        under = "under the reason the text gives after \"since\"" if worded.reason else "as written"
        rep.reason = (f"undecided: false {under}, but the sentence also puts a condition on it in words "
                      f"(\"{worded.words}\"), which is not read, so this does not show the step false")
