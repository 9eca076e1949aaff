"""A claim in a sentence that puts a condition on it in words and gives its reason in symbols.

    * for $k$ such that $z_k^L$ is below the largest, $\\lim_{c \\to +\\infty} e^{c(z_k^L - z_j^L)} = 0$
      since $z_k^L - z_j^L < 0$;

The words ("for $k$ such that $z_k^L$ is below the largest") are not read; the reason after
"since" (or "because"), a single relation in symbols ending the sentence, is what the text says the
claim rests on. The claim is judged with that relation as its hypothesis: proved under it, the step
follows (the text's own reason carries it); shown false under it, the step is only undecided, since
a counterexample must also meet the words, which are not read. With no words before it, the claim
is judged under its reason as any condition the text states.
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

    reason: tuple[int, int]
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
        if rep.verdict != WRONG:
            continue
        rep.detail = f"{rep.verdict}: {rep.reason}" + (f"; {rep.detail}" if rep.detail else "")
        rep.verdict, rep.counterexample, rep.hint = UNDECIDED, None, None
        rep.reason = (f"undecided: false under the reason the text gives after \"since\", but the sentence also "
                      f"puts a condition on it in words (\"{worded.words}\"), which is not read, so this does not "
                      f"show the step false")
