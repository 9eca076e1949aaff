"""A claim of the chapter, its proof as a list of checked steps, and the verdict.

Every claim module (`exercises.claims`) defines a `Claim` and its `prove(proof, **variant)`, which
adds the proof's steps to `proof` with the primitives of `derivations.proof`. A step is a
`derivations.steps.Step`, the same form the derivations are written in: a statement (a SymPy
relation, so it renders in LaTeX and in text), its justification in words, and how it holds
(checked by the primitives' verdicts, a definition, or a named standard lemma SymPy cannot check).

Words (a claim's statement, a step's justification, a lemma's name) are text with inline math
between $...$, in LaTeX; formulas themselves are SymPy objects.

The verdict is never written by hand: `Proof.conclude` reads it off the steps, in the one
vocabulary of `derivations.steps`:
  proved     every step holds;
  refuted    a refutation whose every step holds (the counterexample is checked, not asserted);
  undecided  some step did not prove: the claim as given is false or was not established.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from derivations.proof import Verdict
from derivations.steps import CHECK, DEFINITION, LEMMA, PROVED, REFUTED, UNDECIDED, Step


def checked_by(v: Verdict) -> str:
    """One check, as a reader sees it: its status, the oracle that established it, the numeric check."""
    numeric = v.reason.split("numeric: ", 1)[1] if "numeric: " in v.reason else ""
    by = f" by {v.by}" if v.by else ""
    if v.proved:
        return f"{v.status}{by}" + (f"; numeric check: {numeric}" if numeric else "")
    return f"{v.status}{by}: {v.reason}"


def shown_value(v) -> str:
    """A value of a counterexample in the chapter's notation: (ln(2), 0, 0), 0.287682."""
    from derivations.notation import text
    if isinstance(v, (tuple, list)):
        return "(" + ", ".join(shown_value(x) for x in v) + ")"
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, str):
        import sympy as sp
        return text(sp.sympify(v))
    return str(v)


@dataclass
class Result:
    """What a proof established: the verdict, its steps, and what it rests on."""

    claim_id: str
    verdict: str
    general_n: bool
    steps: list[Step]
    counterexample: dict | None = None
    seconds: float = 0.0

    @property
    def lemmas(self) -> list[str]:
        """The standard lemmas the proof rests on, in order, each once."""
        return list(dict.fromkeys(s.lemma for s in self.steps if s.lemma))

    def failures(self) -> list[tuple[Step, Verdict | None]]:
        """(step, the check that did not prove), and (step, None) for a step with nothing to show."""
        return [(s, v) for s in self.steps for v in s.checks if not v.proved] + \
               [(s, None) for s in self.steps if s.how == CHECK and not s.checks]

    def explain(self) -> str:
        """The steps as plain text, one numbered block each, then the verdict."""
        from derivations.notation import why_text
        lines = []
        for number, step in enumerate(self.steps, start=1):
            lines.append(f"{number:>2}. {step.text()}")
            label = f"lemma: {step.lemma}" if step.how == LEMMA and step.holds and step.lemma else step.label
            lines.append(f"      [{label}] {why_text(step.why_parts)}")
            for v in step.checks:
                lines.append(f"        - {checked_by(v)}")
        if self.counterexample:
            shown = "; ".join(f"{k} = {shown_value(v)}" for k, v in self.counterexample.items())
            lines.append(f"counterexample: {shown}")
        if self.lemmas:
            lines.append("rests on: " + "; ".join(self.lemmas))
        scope = "general n" if self.general_n else "explicit n = 2..10"
        lines.append(f"verdict: {self.verdict} ({scope})")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Result {self.claim_id}: {self.verdict}, {len(self.steps)} steps, {self.seconds:.2f} s>"

    def _repr_markdown_(self) -> str:
        """In Jupyter: the verdict, then the steps in the chapter's notation."""
        from derivations.notation import why_text
        rows = "\n".join(f"| {n} | {s.text()} | {s.label} | {why_text(s.why_parts)} |"
                         for n, s in enumerate(self.steps, start=1))
        return (f"**{self.claim_id}**: {self.verdict}\n\n| | step | | why |\n|---|---|---|---|\n{rows}")


class Proof:
    """Collects the steps of one proof; `conclude` reads the verdict off them."""

    def __init__(self, claim_id: str, *, general_n: bool = True):
        self.claim_id = claim_id
        self.general_n = general_n
        self.steps: list[Step] = []
        self.counterexample: dict | None = None

    def define(self, statement, why: str) -> Step:
        """Notation or an assumption: nothing to check."""
        return self._add(Step(statement, why, DEFINITION))

    def check(self, statement, why: str, *checks: Verdict) -> Step:
        """A step the primitives' verdicts establish (all of them must be proved)."""
        return self._add(Step(statement, why, CHECK, checks))

    def lemma(self, statement, why: str, lemma: str, *checks: Verdict) -> Step:
        """A step resting on a named standard lemma; `checks` establish its hypotheses."""
        return self._add(Step(statement, why, LEMMA, checks, lemma))

    def derivation(self, derivation, prefix: str = "") -> None:
        """Take over the checked steps of a `derivations.steps.Derivation`."""
        for st in derivation.steps:
            self._add(Step(st.statement, (prefix, *st.why_parts) if prefix else st.why_parts, st.how,
                           st.checks if st.how != DEFINITION else ()))

    def _add(self, step: Step) -> Step:
        self.steps.append(step)
        return step

    @property
    def holds(self) -> bool:
        return bool(self.steps) and all(s.holds for s in self.steps)

    def conclude(self, *, refutes: bool = False) -> Result:
        """proved (or refuted, for a refutation) when every step holds; undecided otherwise."""
        verdict = (REFUTED if refutes else PROVED) if self.holds else UNDECIDED
        return Result(self.claim_id, verdict, self.general_n, self.steps,
                      self.counterexample if verdict == REFUTED else None)


@dataclass(frozen=True)
class Claim:
    """A claim of the chapter: what it says, where it comes from, what its proof should find.

    `module` is the claim module's `__name__`; the claim's id is its last part with hyphens
    (exercises.claims.softmax_temperature -> softmax-temperature), so the id is written nowhere.
    `prove(proof, **variant)` builds the proof; its keyword arguments hold the claimed formula
    (the default is the claim as stated), so a test can feed the same proof a false variant.
    general_n on the result: True when the proof is symbolic in everything the statement ranges
    over (a symbolic number of classes n, where it has one); False when it is checked only for
    the explicit n = 2..10, the fallback.
    """

    module: str
    title: str
    statement: str
    source: str
    expected: str
    prove: Callable[..., Result]

    @property
    def id(self) -> str:
        return self.module.rsplit(".", 1)[-1].replace("_", "-")

    def run(self, **variant) -> Result:
        start = time.perf_counter()
        result = self.prove(Proof(self.id), **variant)
        result.seconds = time.perf_counter() - start
        return result

    def __repr__(self) -> str:
        return f"<Claim {self.id}: {self.title}>"

    def _repr_markdown_(self) -> str:
        return f"**{self.title}** (`{self.id}`, expected: {self.expected}): {self.statement}"
