"""The exercise a text names near a chain, for the steps its own reading leaves undecided.

A chain under no exercise (no --exercise, no marker, a heading that names none) is read with
every letter a free quantity, and a step about C, a_j or δ_j is then mostly undecided. The text
often says which exercise it works nearer the display than its heading: the cost it speaks of
("take one training example and the quadratic cost", "turning to the cross-entropy"), the
output layer ("linear neurons", "a softmax layer"), a problem's bold title (`* **Backpropagation
with softmax** ...`), or the book's equation numbers ("proving equations (81) and (82)").

A step left undecided is judged again under the named exercise's definitions: if it follows
there, it follows "reading the text as exercise X does", and the report says where the text names
it. If that reading refutes it, the step stays undecided (the counterexample rests on a reading the
text did not fix) and the report says what would decide it, unless the text fixes that reading
(`fixed_by_text`): it names the exercise by its cost (in words, or by the book's equation numbers
that state it) in the chain's heading or in the words that lead into the display, the step writes
only the chapter's letters (C, a, z, y, w, b, x, σ, n, δ, with their indices and layers: nothing of
the text's own for the named exercise to reinterpret), the text does not define the output
activation its own way, and that reading refutes no step the chain's own reading proved. Then the counterexample meets what
the text states and what the exercise assumes (the chapter's output layer a = σ(z) where the text
names no other), in the learner's letters, and the step is wrong. A step the chain's own reading
decided is kept.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from derivations import symbols as S
from exercises.check.any_cost import proved_for_any_cost
from exercises.check.report import FOLLOWS, UNDECIDED, WRONG, ChainReport, StepReport

# the book's (chapter 3's) equations that state an exercise's claims
BOOK_EQUATIONS = {**{n: "quadratic-gradient" for n in (54, 55, 56)},
                  **{n: "cross-entropy-gradient" for n in range(57, 64)}, 65: "quadratic-gradient", 66: "cross-entropy-gradient", 67: "cross-entropy-gradient",
                  68: "linear-output-quadratic", 69: "linear-output-quadratic", 70: "linear-output-quadratic",
                  # 71-77: the cost whose gradient has no σ'(z), found to be the cross-entropy
                  **{n: "cross-entropy-gradient" for n in range(71, 78)},
                  81: "softmax-log-likelihood-gradient", 82: "softmax-log-likelihood-gradient",
                  84: "softmax-log-likelihood-gradient"}

_COST = {"quadratic": r"quadratic|squared[\s-]error|mean[\s-]squared|\bmse\b|二次代价",
         "log-likelihood": r"log[\s-]?likelihood|categorical\s+cross[\s-]?entropy|对数似然",
         "cross-entropy": r"cross[\s-]?entropy|交叉熵"}
_ACTIVATION = {"linear": r"linear\s+(?:output|neuron)|(?:output\s+)?neurons?\s+(?:are|is)\s+linear|线性(?:神经元|输出)", "softmax": r"softmax", "sigmoid": r"sigmoid"}
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
    by: str = "layer"        # what names it: "cost" (the cost in words), "equations" (the book's equation
                             # numbers), "layer" (the output layer alone), "letters" (the text's own letters),
                             # "afar" (a cost or equation named above another paragraph or display)


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
    places = [] if section is None else [(section.text, section.offset(0))]
    heading = chain.heading or ""
    places.append((heading, section.offset(0) if section is not None else None))
    places += _parents(doc, section.offset(0)) if section is not None else []
    for place, (text, start) in enumerate(places):     # the section, its heading, the sections it is part of
        raw, text = text, _DISPLAYS.sub(lambda m: " " * len(m.group()), text)
        found = _by_equations(text)
        if found is not None:
            exercise, at, words = found
            by = "equations"
        else:
            cost, activation, cost_at, activation_at = named_in(text)
            exercise = exercise_of(cost, activation)
            if exercise is None:
                continue
            at = max(a for a in (cost_at, activation_at) if a is not None)
            words = _sentence(text, at)
            by = "cost" if cost is not None else "layer"
            if cost is not None and text is not heading and _in_heading(text, cost_at) \
                    and exercise_of(cost, None) == exercise and start is not None:
                # the cost named in the chain's own heading, the output layer (one that changes nothing) in its prose
                return Named(exercise, heading.strip(), doc.line_col(start)[0], by)
            if cost is not None and place == 0 and section is not None \
                    and exercise_of(heading_cost(text), activation) == exercise == displayed_cost(raw):
                # the chain's own heading names the cost its prose names last and its section displays
                # before the chain ("# 2. The cross-entropy cost", then $$C = -\frac{1}{n} \sum_x [y \ln a ...]$$)
                return Named(exercise, heading.strip(), doc.line_col(start)[0], by)
        if text is heading:
            return Named(exercise, heading.strip(), doc.line_col(start)[0] if start is not None else 0, by)
        return Named(exercise, words, doc.line_col(start + at)[0], by)
    return None


_HEADING = re.compile(r"(?m)^[ \t]{0,3}(#{1,6})[ \t]+\S")


_COST_DISPLAY = re.compile(r"(?s)(?:\$\$|\\\[|\\begin\{(?:equation|eqnarray|align)\*?\})\s*C\s*(?:&\s*)?=\s*(?:&\s*)?(.*?)"
                           r"(?:\$\$|\\\]|\\end\{)")


def displayed_cost(section: str) -> str | None:
    """The exercise of the one cost a section displays on its own (a display that opens with C = ...,
    which the reading then takes as the text's C): the cross-entropy where it takes a logarithm, else
    the quadratic; None where it displays none, or two."""
    shown = [m.group(1) for m in _COST_DISPLAY.finditer(section)]
    if len(shown) != 1:
        return None
    return "cross-entropy-gradient" if re.search(r"ln|log", shown[0]) else "quadratic-gradient"   # (\ln, or ln as letters)


def heading_cost(section: str) -> str | None:
    """The one cost a section's heading (its first line, a Markdown heading) names, else None."""
    lead = len(section) - len(section.lstrip())
    first = section[lead:].split("\n", 1)[0]
    if _HEADING.match(first) is None:
        return None
    costs = {m.lastgroup.replace("_", "-") for m in _MENTION.finditer(first)} & set(_COST)
    return costs.pop() if len(costs) == 1 and not _DENIED.search(first) else None


def _in_heading(section: str, at: int) -> bool:
    """Whether offset `at` of a section's text falls in its first line, a Markdown heading."""
    lead = len(section) - len(section.lstrip())
    first = section[lead:].split("\n", 1)[0]
    return _HEADING.match(first) is not None and lead <= at < lead + len(first)


def _parents(doc, start: int) -> list[tuple[str, int]]:
    """The text of each section the section at `start` is part of (Markdown headings of fewer #),
    up to where the next inner one begins, the nearest first: (its text, its offset)."""
    first_line = re.compile(r"\s*[^\n]*").match(doc.text, start).end()
    headings = [(m.start(), len(m.group(1))) for m in _HEADING.finditer(doc.text, 0, max(first_line, start) + 1)]
    if not headings or not start <= headings[-1][0] <= max(first_line, start):
        return []                              # (the section starts at its heading, or before it at the blank line)
    out, level, end = [], headings[-1][1], headings[-1][0]
    for pos, depth in reversed(headings[:-1]):
        if depth < level:
            out.append((doc.text[pos:end], pos))
            level, end = depth, pos
    return out


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


_BETWEEN = re.compile(r"\.\s|\n\s*\n|:|\*\*| {6,}|[。：；]")


def check_chain(doc, chain, exercise: str | None) -> ChainReport:
    """The chain's report (exercises.check.checker), with each step it leaves undecided under no
    exercise judged again under the exercise the text names near it: taken when it follows there,
    kept undecided (saying what would decide it) otherwise; then each still undecided that follows
    for every cost (the backpropagation equations: exercises.check.any_cost) taken."""
    from exercises.check.checker import GENERIC, ChainChecker
    from exercises.check.contexts import by_id
    checker = ChainChecker(doc, chain, exercise)
    report = checker.run()
    if checker.ctx is not GENERIC or not any(s.verdict == UNDECIDED for s in report.steps):
        return report
    named = named_near(doc, chain)
    layer = None if named is None else by_id(named.exercise).activation
    return proved_for_any_cost(doc, chain, _named_reading(doc, chain, report),
                               sigmoid=layer is None or layer.name == "sigmoid")


def _named_reading(doc, chain, report: ChainReport) -> ChainReport:
    """The report with its undecided steps judged again under the exercise the text names."""
    from exercises.check.checker import ChainChecker
    from exercises.check.contexts import by_id
    named = named_near(doc, chain)
    letters = own_letters(doc, chain, named)
    if letters is not None:           # p, o, L: the softmax of o and its log-likelihood, in the text's letters
        named, renamed = letters
        again = ChainChecker(doc, renamed, None).run()
        return merged(report, again, named)
    if named is None:
        return report
    context = with_labels(by_id(named.exercise))
    checker = ChainChecker(doc, chain, None, context=context)
    again = checker.run()
    if not just_before(doc, chain, named):      # named further up: a reading that may only prove
        named = dataclasses.replace(named, by="afar")
    own = defines_activation(checker)
    if own and own_sigma_only(checker) and context.activation is not None and context.activation.name == "sigmoid":
        again, own = either_sigma(again, _chapter_sigma_checker()(doc, chain, None, context=context).run()), False
    return merged(report, again, named, own_activation=own)


def own_sigma_only(checker) -> bool:
    """Whether the text's own definition of the output activation is its σ alone (σ(z) = 1/(1 − e^{-z})),
    not a formula for a."""
    from derivations.activations import sigma
    defs = checker._reading[0] if getattr(checker, "_reading", None) else {}
    return sigma in defs and not any(k in (S.a, S.a1) for k in defs)


@lru_cache(maxsize=1)
def _chapter_sigma_checker():
    """A checker that reads σ as the chapter's sigmoid though the text displays its own."""
    from derivations.activations import sigma
    from exercises.check.checker import ChainChecker

    class ChapterSigma(ChainChecker):
        def definitions(self):
            defs, index_range = super().definitions()
            defs.pop(sigma, None)
            return defs, index_range
    return ChapterSigma


def either_sigma(own: ChainReport, chapter: ChainReport) -> ChainReport:
    """One report of the two readings of a text that displays its own σ (a typo, 1/(1 − e^{-z}), or
    not) and names the sigmoid: `own`, a = σ(z) with the text's σ, and `chapter`, with the chapter's
    σ. A step follows where either reading proves it (each is a reading the text allows: its formula,
    its words), and is wrong only where both refute it (the chapter's counterexample shown, a real
    point); otherwise it is `own`'s, never wrong."""
    theirs = {(s.line, s.column, s.source, s.claim): s for s in chapter.steps}
    for number, step in enumerate(own.steps):
        other = theirs.get((step.line, step.column, step.source, step.claim))
        if step.verdict == FOLLOWS or other is None:
            continue
        if other.verdict == FOLLOWS or (step.verdict == WRONG and other.verdict == WRONG):
            extra = ("with the chapter's σ(z) = 1/(1 + e^{-z}), the sigmoid the text names" if other.verdict == FOLLOWS
                     else "with the chapter's σ, and false with the text's own σ too")
            own.steps[number] = dataclasses.replace(other, reason=f"{other.reason} ({extra})")
        elif step.verdict == WRONG:
            own.steps[number] = dataclasses.replace(step, verdict=UNDECIDED, counterexample=None,
                                                    reason="undecided: false with the text's own σ, not shown false "
                                                           "with the chapter's")
    return own


def just_before(doc, chain, named: Named) -> bool:
    """Whether the words that name the exercise lead into the chain: the chain's heading, or the
    paragraph just before the display (no blank line, no other display between them: "prove that
    under the quadratic cost the derivative is", "the chain rule (the book's equation 73) gives")."""
    if named.words == (chain.heading or "").strip():
        return True
    lines = doc.text.split("\n")
    start = sum(len(line) + 1 for line in lines[:max(named.line - 1, 0)])
    between = re.sub(r"(?:\$\$?|\\\[|\\begin\s*\{\w+\*?\}|\s)+$", "", doc.text[start:chain.start])   # (its own opening, $\begin{eqnarray} too)
    return re.search(r"\n[ \t]*\n", between) is None and _DISPLAYS.search(between) is None \
        and "$$" not in between


def defines_activation(checker) -> bool:
    """Whether the text defines the output activation itself (σ, or a as a formula) where the chain
    was read: the exercise's a = σ(z) and the text's own then meet in one reading, which may only
    prove (xinyudu's σ(z) = 1/(1 − e^{-z}))."""
    reading = getattr(checker, "_reading", None)
    defs = reading[0] if reading else {}
    return any(getattr(k, "__name__", str(k)) in ("sigma", "a") or k in (S.a, S.a1) for k in defs)


def _label(rng, size) -> int:
    return rng.randint(0, 1)


def with_labels(ctx):
    """The exercise's context with the single neuron's target y (a scalar, as texts about one neuron
    write it) drawn as its labels y_j are, 0 or 1, where the exercise's labels are binary: a
    counterexample found under the text's reading then meets the exercise's standing y ∈ {0, 1}."""
    from derivations.models import binary_labels
    from derivations.proof import Premise
    if ctx.samplers.get(S.y) is not binary_labels:
        return ctx
    label = Premise("the neuron's target y is 0 or 1", lambda e: e, {S.y1: _label})
    return dataclasses.replace(ctx, given=tuple(ctx.given) + (label,))


# the letters texts use for the softmax's inputs and outputs and its log-likelihood, read as the
# chapter's z_j, a_j and C: Stack Exchange's p_j = e^{o_j} / Σ_k e^{o_k}, L = −Σ_j y_j log p_j; the
# classifiers' ŷ_i = softmax(θ)_i (its cost J(θ) is not read so)
@dataclass(frozen=True)
class Letters:
    outputs: str                 # the letter as the reader names it (its renames' key)
    inputs: str
    cost: str | None
    written: tuple               # how the outputs, the inputs are written in LaTeX (patterns)
    shown: str                   # in words


LETTERS = (Letters("p", "o", "L", (r"(?<![\\A-Za-z])p_", r"(?<![\\A-Za-z])o_"), "p read as a, o as z"),
           Letters("p", "x", "L", (r"(?<![\\A-Za-z])p_", r"(?<![\\A-Za-z])x_"), "p read as a, x as z"),
           Letters("ŷ", "theta", None, (r"\\hat\s*\{?\s*(?:\\mathbb\s*\{\s*)?y", r"\\theta\s*\}?\s*_"),
                   "ŷ read as a, θ as z"))
_CHAPTER_INDEXED = re.compile(r"(?<![\\A-Za-z])[az]\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_")
_SETS_UP = re.compile(r"^\s*-\s*\\sum\s*_\s*\{?\s*(\w)\s*\}?\s*y_\{?\1\}?\s*\\frac\s*\{\s*\\partial\s*\\(?:log|ln)\s*\(?\s*p_\{?\1")
_SOFTMAX = ("softmax-jacobian", "softmax-log-likelihood-gradient")


def own_letters(doc, chain, named: Named | None) -> tuple[Named, object] | None:
    """When a chain writes the softmax in letters of its own (p_k of o_i, with a cost L; ŷ_i of θ_i)
    and none of the chapter's a_j, z_j, and either the text names a softmax exercise near it or the
    chain's first line sets up the chapter's meaning (∂L/∂o_i = −Σ_k y_k ∂ log p_k / ∂o_i: L the
    log-likelihood of the p_k): (that exercise, the chain read with its letters as a, z and C, as
    an nndl marker renaming them would). The softmax's exercise alone where the chain writes no
    cost. None otherwise."""
    raw = " ".join(p.source.text for p in chain.parts)
    if chain.marker or _CHAPTER_INDEXED.search(raw):
        return None
    letters = next((l for l in LETTERS if all(re.search(w, raw) for w in l.written)), None)
    if letters is None:
        return None
    has_cost = letters.cost is not None and re.search(rf"\\partial\s*{letters.cost}(?![A-Za-z])", raw) is not None
    first_line = has_cost and len(chain.parts) > 1 and re.search(
        r"\\partial\s*L\s*\}\s*\{\s*\\partial\s*o_", chain.parts[0].source.text) \
        and _SETS_UP.search(chain.parts[1].source.text)
    if first_line:
        named = Named(_SOFTMAX[1], "−Σ_k y_k log p_k, the chain's first line", doc.line_col(chain.start)[0], "letters")
    elif named is None or named.exercise not in _SOFTMAX or (has_cost and named.exercise != _SOFTMAX[1]):
        return None                   # no softmax named, or a cost L where the text names the softmax alone
    exercise = named.exercise if has_cost or letters.cost is None else _SOFTMAX[0]   # (J(θ) stays the text's)
    renames = {letters.outputs: "a", letters.inputs: "z", **({letters.cost: "C"} if has_cost else {})}
    shown = letters.shown + (f", {letters.cost} as C" if has_cost else "")
    marker = f"{exercise}; " + ", ".join(f"{old}={new}" for old, new in renames.items())
    renamed = dataclasses.replace(chain, marker=marker)
    if has_cost:                      # (the text's own C, displayed around, is not the one its L is read as)
        renamed = dataclasses.replace(renamed, section=None, section_after=None, prose_after=None)
    return Named(exercise, f"{named.words} ({shown})", named.line, "letters"), renamed


def merged(first: ChainReport, again: ChainReport, named: Named, *, own_activation: bool = False) -> ChainReport:
    """`first` with each undecided step that follows in `again` (the same step, read under the
    exercise the text names) taken from it; a step `again` refutes is wrong where the text fixes
    that reading (and does not define the output activation its own way: `own_activation`), and
    stays undecided otherwise, saying so."""
    where = f"“{named.words}”, line {named.line}" if named.line else f"“{named.words}”"
    taken = 0
    theirs = {(s.line, s.column, s.source, s.claim): s for s in again.steps}
    consistent = not any(s.verdict == FOLLOWS and theirs.get((s.line, s.column, s.source, s.claim)) is not None
                         and theirs[(s.line, s.column, s.source, s.claim)].verdict == WRONG for s in first.steps)
    for number, step in enumerate(first.steps):
        other = theirs.get((step.line, step.column, step.source, step.claim))
        if step.verdict != UNDECIDED or other is None:
            continue
        if other.verdict == WRONG and consistent and not own_activation and fixed_by_text(named, step, other):
            first.steps[number] = StepReport(
                step.line, step.column, step.source, step.relation, WRONG,
                f"{other.reason}, read as exercise {named.exercise}, which the text names ({where})",
                counterexample=_as_written(other.counterexample, step.source), hint=other.hint,
                equals_start=step.equals_start,
                quoted=step.quoted, claim=step.claim, detail=other.detail)
        elif other.verdict == FOLLOWS:
            first.steps[number] = StepReport(
                step.line, step.column, step.source, step.relation, FOLLOWS,
                f"follows, read as exercise {named.exercise}, which the text names ({where})",
                equals_start=step.equals_start, quoted=step.quoted, claim=step.claim, detail=other.detail)
            taken += 1
        elif other.verdict == WRONG:
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


# the chapter's letters: what a step may write for the named exercise's reading to be the text's own
_CHAPTER_COMMANDS = re.compile(r"\\(?:frac|dfrac|tfrac|partial|sigma|sum|ln|log|exp|delta|left|right|cdot|times|"
                               r"prime|displaystyle|limits|big|Big|bigg|Bigg|[,;!:]|q?quad)(?![A-Za-z])")
_ASIDE = re.compile(r"\\(?:tag|label|text|mbox|mathrm)\s*\{[^{}]*\}")
_CHAPTER_LETTERS = frozenset("Cazywbxnjk") | {"L"}


def chapter_letters_only(source: str) -> bool:
    """Whether a step's LaTeX writes only the chapter's letters (C, a, z, y, w, b, x, n and the
    indices j, k, the layer L), σ, δ, ∂, Σ, ln, exp: no letter of the text's own (o, p, t, E, θ, ŷ,
    a hat or a bold face) that the named exercise would read as one of its own."""
    rest = _CHAPTER_COMMANDS.sub(" ", _ASIDE.sub(" ", source))
    if "\\" in rest.replace("\\\\", ""):
        return False                          # another command: \hat, \theta, \mathbf, ...
    rest = re.sub(r"\be(?=\s*\^)", " ", rest)      # e^{...}
    return all(ch in _CHAPTER_LETTERS for ch in re.findall(r"[A-Za-z]", rest))


def fixed_by_text(named: Named, step: StepReport, other: StepReport) -> bool:
    """Whether the text fixes the named exercise's reading of this step, so that its refutation
    there is a counterexample to the step as the learner wrote it: the text names the exercise by
    its cost (in words or by the book's equation numbers; an output layer alone names no cost), the
    step writes only the chapter's letters, and the refutation comes with its point."""
    return named.by in ("cost", "equations") and other.counterexample is not None \
        and chapter_letters_only(step.source) \
        and all(_POINT_NAME.match(name) for name in other.counterexample.get("point", {"?": 0})) \
        and not {"N", "n"} <= set(other.counterexample.get("point", {}))    # the text's one n read as two counts


# a counterexample's point in the chapter's letters (N: the number of training examples of 1/n Σ_x,
# and m the number of output neurons where n counts the examples)
_POINT_NAME = re.compile(r"^(?:[Cazywbxnjkm]|N|L)(?:[_^](?:\{[^{}]*\}|[\w,\-]+))*$")


def _as_written(counterexample: dict, source: str) -> dict:
    """The counterexample with the exercise's labels y_1, y_2, ... left out of its point where the
    step writes one neuron's target y and no y_j (they are drawn with the exercise, not used)."""
    point = counterexample.get("point", {})
    if "y" not in point or re.search(r"(?<![\\A-Za-z])y\s*_", source):
        return counterexample
    return {**counterexample, "point": {k: v for k, v in point.items() if not re.match(r"y_", k)}}
