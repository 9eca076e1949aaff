"""The exercise a text names near a chain, for the steps its own reading leaves undecided.

A chain under no exercise (no --exercise, no marker, a heading that names none) is read with
every letter a free quantity, and a step about C, a_j or δ_j is then mostly undecided. The text
often says which exercise it works nearer the display than its heading: the cost it speaks of
("take one training example and the quadratic cost", "turning to the cross-entropy"), the
output layer ("linear neurons", "a softmax layer"), a problem's bold title (`* **Backpropagation
with softmax** ...`), or the book's equation numbers ("proving equations (81) and (82)").

That reading may only prove. A step left undecided is judged again under the named exercise's
definitions: if it follows there, it follows "reading the text as exercise X does", and the
report says where the text names it; if that reading refutes it, the step stays undecided (the
counterexample rests on a reading the text did not fix) and the report says what would decide
it. A step is never called wrong here, and a step the chain's own reading decided is kept.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from exercises.check.report import FOLLOWS, UNDECIDED, ChainReport, StepReport

# the book's (chapter 3's) equations that state an exercise's claims
BOOK_EQUATIONS = {65: "quadratic-gradient", 66: "cross-entropy-gradient", 67: "cross-entropy-gradient",
                  68: "linear-output-quadratic", 69: "linear-output-quadratic", 70: "linear-output-quadratic",
                  81: "softmax-log-likelihood-gradient", 82: "softmax-log-likelihood-gradient",
                  84: "softmax-log-likelihood-gradient"}

_COST = {"quadratic": r"quadratic|squared[\s-]error|mean[\s-]squared|\bmse\b",
         "log-likelihood": r"log[\s-]?likelihood|categorical\s+cross[\s-]?entropy",
         "cross-entropy": r"cross[\s-]?entropy"}
_ACTIVATION = {"linear": r"linear\s+(?:output|neuron)", "softmax": r"softmax", "sigmoid": r"sigmoid"}
_EQUATIONS = re.compile(r"(?i)\b(?:equations?|eqs?\.?)\s*\(?(\d{2})\)?(?:\s*(?:and|,|-|to)\s*\(?(\d{2})\)?)?")
_MENTION = re.compile("|".join(f"(?P<{kind.replace('-', '_')}>{words})" for kind, words in
                              (*_COST.items(), *_ACTIVATION.items())), re.I)
_DENIED = re.compile(r"(?i)\b(?:no|not|without|unlike|instead\s+of|rather\s+than|than)\b[^.,;:]*$")
_TITLED_BULLET = re.compile(r"(?m)^[ \t]{0,3}[*+-][ \t]+\*\*")          # * **A problem's title** ...
_DISPLAYS = re.compile(r"(?s)\$\$.*?\$\$|\\\[.*?\\\]|\\begin\{(\w+\*?)\}.*?\\end\{\1\}")


@dataclass(frozen=True)
class Named:
    """An exercise the text names near a chain: its id, and the words that name it, with their line."""

    exercise: str
    words: str
    line: int


def exercise_of(cost: str | None, activation: str | None) -> str | None:
    """The chapter's exercise for a cost and an output layer the text names (None: none, or two)."""
    if cost == "log-likelihood" or (cost == "cross-entropy" and activation == "softmax"):
        return "softmax-log-likelihood-gradient"
    if cost == "cross-entropy" and activation in (None, "sigmoid"):
        return "cross-entropy-gradient"
    if cost == "quadratic":
        return {"linear": "linear-output-quadratic", None: "quadratic-gradient",
                "sigmoid": "quadratic-gradient"}.get(activation)
    if cost is None and activation == "softmax":
        return "softmax-jacobian"
    return None


def named_in(text: str) -> tuple[str | None, str | None, int | None, int | None]:
    """The last cost and the last output layer `text` names, and where (offsets), a problem's
    bold-titled bullet starting afresh."""
    cost = activation = cost_at = activation_at = None
    for m in _MENTION.finditer(text):
        if _DENIED.search(text[max(0, m.start() - 24):m.start()]):
            continue                             # "no sigmoid is applied", "unlike the quadratic cost"
        if any(b.start() > max(cost_at or -1, activation_at or -1) and b.start() < m.start()
               for b in _TITLED_BULLET.finditer(text, 0, m.start())):
            cost = activation = cost_at = activation_at = None     # another problem: its own words
        kind = m.lastgroup.replace("_", "-")
        if kind in _COST:
            cost, cost_at = kind, m.start()
        else:
            activation, activation_at = kind, m.start()
    last_bullet = max((b.start() for b in _TITLED_BULLET.finditer(text)), default=-1)
    if max(cost_at if cost_at is not None else -1, activation_at if activation_at is not None else -1) < last_bullet:
        return None, None, None, None           # the display's problem names neither
    return cost, activation, cost_at, activation_at


def named_near(doc, chain) -> Named | None:
    """The exercise the text names for this chain: the book's equation numbers or the cost and
    output layer it speaks of in the chain's section before the display (a problem's bullet
    afresh), else in its heading; None when it names none."""
    section = chain.section
    if section is not None:
        text = _DISPLAYS.sub(lambda m: " " * len(m.group()), section.text)
        found = _by_equations(text)
        if found is not None:
            exercise, at, words = found
            return Named(exercise, words, doc.line_col(section.offset(at))[0])
        cost, activation, cost_at, activation_at = named_in(text)
        exercise = exercise_of(cost, activation)
        if exercise is not None:
            at = max(a for a in (cost_at, activation_at) if a is not None)
            line = doc.line_col(section.offset(at))[0]
            return Named(exercise, _sentence(text, at), line)
    heading = chain.heading or ""
    found = _by_equations(heading)
    exercise = found[0] if found else exercise_of(*named_in(heading)[:2])
    if exercise is not None:
        return Named(exercise, heading.strip(), doc.line_col(section.offset(0))[0] if section is not None else 0)
    return None


def _by_equations(text: str):
    """(exercise, offset, words) for the last of the book's equation numbers `text` cites that
    state one exercise's claims, or None."""
    found = None
    for m in _EQUATIONS.finditer(text):
        numbers = [int(g) for g in m.groups() if g]
        ids = {BOOK_EQUATIONS.get(n) for n in numbers}
        if len(ids) == 1 and None not in ids:
            found = (ids.pop(), m.start(), m.group().strip())
    return found


def _sentence(text: str, at: int) -> str:
    """The sentence of `text` around offset `at` (a blanked display ends one), on one line, shortened."""
    start = max((m.end() for m in _BETWEEN.finditer(text, 0, at)), default=0)
    stop = _BETWEEN.search(text, at)
    words = re.sub(r"\s+", " ", text[start:stop.start() if stop else len(text)]).strip(" *")
    return words if len(words) <= 90 else words[:87] + "..."


_BETWEEN = re.compile(r"\.\s|\n\s*\n|:|\*\*| {6,}")


def check_chain(doc, chain, exercise: str | None) -> ChainReport:
    """The chain's report (exercises.check.checker), with each step it leaves undecided under no
    exercise judged again under the exercise the text names near it: taken when it follows there,
    kept undecided (saying what would decide it) otherwise."""
    from exercises.check.checker import GENERIC, ChainChecker
    from exercises.check.contexts import by_id
    checker = ChainChecker(doc, chain, exercise)
    report = checker.run()
    if checker.ctx is not GENERIC or not any(s.verdict == UNDECIDED for s in report.steps):
        return report
    named = named_near(doc, chain)
    letters = own_letters(doc, chain, named)
    if letters is not None:           # p, o, L: the softmax of o and its log-likelihood, in the text's letters
        named, marker = letters
        alone = dataclasses.replace(chain, marker=marker, section=None, section_after=None, prose_after=None)
        again = ChainChecker(doc, alone, None).run()     # (the text's own C, σ, ... are not the exercise's)
        return merged(report, again, named)
    if named is None:
        return report
    again = ChainChecker(doc, chain, None, context=by_id(named.exercise)).run()
    return merged(report, again, named)


# the letters texts use for the softmax's inputs and outputs and its log-likelihood (Stack Exchange's
# p_j = e^{o_j} / Σ_k e^{o_k}, L = −Σ_j y_j log p_j), read as the chapter's z_j, a_j and C
SOFTMAX_LETTERS = {"p": "a", "o": "z", "L": "C"}
_CHAPTER_INDEXED = re.compile(r"(?<![\\A-Za-z])[az]\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_")
_SETS_UP = re.compile(r"^\s*-\s*\\sum\s*_\s*\{?\s*(\w)\s*\}?\s*y_\{?\1\}?\s*\\frac\s*\{\s*\\partial\s*\\(?:log|ln)\s*\(?\s*p_\{?\1")


def own_letters(doc, chain, named: Named | None) -> tuple[Named, str] | None:
    """When a chain writes the softmax and its log-likelihood in the letters p_k, o_i, L (and none of
    the chapter's a_j, z_j), and either its first line sets up the chapter's meaning (∂L/∂o_i =
    −Σ_k y_k ∂ log p_k / ∂o_i: L the log-likelihood of the p_k) or the text names a softmax exercise
    near it: that exercise, read with p as a, o as z, L as C (as an nndl marker would rename them).
    None otherwise."""
    raw = " ".join(p.source.text for p in chain.parts)
    if not (re.search(r"(?<![\\A-Za-z])p_", raw) and re.search(r"(?<![\\A-Za-z])o_", raw)) \
            or _CHAPTER_INDEXED.search(raw) or chain.marker:
        return None
    has_cost = re.search(r"\\partial\s*L(?![A-Za-z])", raw) is not None
    first_line = len(chain.parts) > 1 and has_cost and re.search(r"\\partial\s*L\s*\}\s*\{\s*\\partial\s*o_",
                                                                  chain.parts[0].source.text) \
        and _SETS_UP.search(chain.parts[1].source.text)
    if first_line:
        line = doc.line_col(chain.start)[0]
        named = Named("softmax-log-likelihood-gradient", "−Σ_k y_k log p_k, the chain's first line", line)
    elif named is None or named.exercise not in ("softmax-jacobian", "softmax-log-likelihood-gradient"):
        return None
    elif has_cost != (named.exercise == "softmax-log-likelihood-gradient"):
        return None                   # a cost L where the text names the softmax alone, or none where it names one
    renames = ", ".join(f"{old}={new}" for old, new in SOFTMAX_LETTERS.items() if has_cost or old != "L")
    return Named(named.exercise, named.words + " (p read as a, o as z" + (", L as C" if has_cost else "") + ")",
                 named.line), f"{named.exercise}; {renames}"


def merged(first: ChainReport, again: ChainReport, named: Named) -> ChainReport:
    """`first` with each undecided step that follows in `again` (the same step, read under the
    exercise the text names) taken from it; a step `again` refutes stays undecided, saying so."""
    where = f"“{named.words}”, line {named.line}" if named.line else f"“{named.words}”"
    taken = 0
    theirs = {(s.line, s.column, s.source, s.claim): s for s in again.steps}
    for number, step in enumerate(first.steps):
        other = theirs.get((step.line, step.column, step.source, step.claim))
        if step.verdict != UNDECIDED or other is None:
            continue
        if other.verdict == FOLLOWS:
            first.steps[number] = StepReport(
                step.line, step.column, step.source, step.relation, FOLLOWS,
                f"follows, read as exercise {named.exercise}, which the text names ({where})",
                equals_start=step.equals_start, quoted=step.quoted, claim=step.claim, detail=other.detail)
            taken += 1
        elif other.verdict == "wrong":
            step.reason += (f"; read as exercise {named.exercise}, which the text names ({where}), it is false "
                            f"there, but the text does not fix that reading: name the exercise (--exercise "
                            f"{named.exercise}, a heading or <!-- nndl: {named.exercise} -->) to decide it")
    if taken:
        from exercises.check.contexts import by_id
        standing = "; ".join(by_id(named.exercise).standing)
        first.notes.append(f"{taken} step(s) follow read as exercise {named.exercise}"
                           + (f" ({standing})" if standing else "") + f", which the text names near the display "
                           f"({where}); under no exercise they are undecided")
    return first
