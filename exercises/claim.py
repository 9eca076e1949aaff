"""A claim of the chapter, its proof as a list of checked steps, and the verdict.

Every claim module builds its proof with `Proof`: each step is a statement (a SymPy relation, so
it renders to LaTeX), its justification in words, and the `Verdict`s of the proof primitives that
establish it. A step may instead rest on a standard lemma SymPy cannot check; it then names it.

Words (a claim's statement, a step's justification, a lemma's name) are text with inline math
between $...$, in LaTeX, as in `derivations`' steps; formulas themselves are SymPy objects.

The verdict is never written by hand: `Proof.conclude` reads it off the steps.
  proved   every step holds (its checks proved, or it is a definition or a named lemma);
  refuted  a refutation whose every step holds (the counterexample is checked, not asserted);
  failed   some check did not prove: the claim as given is false or was not established.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import sympy as sp

from derivations.derivation import text as plain_text
from derivations.proof import Verdict

PROVED, REFUTED, FAILED = "proved", "refuted", "failed"


@dataclass
class Step:
    """One step: `statement` (SymPy) holds because of `why`, as the `checks` establish.

    kind: "check" (the primitives' verdicts establish it), "definition" (introduces notation or
    an assumption; nothing to check), "lemma" (rests on the standard lemma named in `lemma`,
    possibly supported by checks of its hypotheses).
    """

    statement: sp.Basic
    why: str
    checks: list[Verdict] = field(default_factory=list)
    kind: str = "check"
    lemma: str | None = None

    @property
    def holds(self) -> bool:
        if self.kind == "definition":
            return True
        if self.kind == "lemma":
            return all(v.proved for v in self.checks)
        return bool(self.checks) and all(v.proved for v in self.checks)

    @property
    def status(self) -> str:
        if self.kind == "definition":
            return "definition"
        if not self.holds:
            return "NOT PROVED"
        return f"by lemma: {self.lemma}" if self.kind == "lemma" else "proved"

    def latex(self) -> str:
        """The statement in LaTeX, terms in the order the proof wrote them."""
        return sp.latex(self.statement, order="none")

    def text(self) -> str:
        """The statement as plain text in the chapter's notation (derivations' printer)."""
        st = self.statement
        if isinstance(st, sp.Rel) and not isinstance(st, (sp.And, sp.Or)):
            op = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤"}.get(st.rel_op, st.rel_op)
            return f"{plain_text(st.lhs)} {op} {plain_text(st.rhs)}"
        return plain_text(st)


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

    def failures(self) -> list[tuple[Step, Verdict]]:
        return [(s, v) for s in self.steps for v in s.checks if not v.proved] + \
               [(s, None) for s in self.steps if s.kind == "check" and not s.checks]

    def explain(self) -> str:
        """The steps as plain text, one numbered block each, then the verdict."""
        lines = []
        for number, step in enumerate(self.steps, start=1):
            lines.append(f"{number:>2}. {step.text()}")
            lines.append(f"      [{step.status}] {step.why}")
            for v in step.checks:
                lines.append(f"        - {v.status}: {v.reason}")
        if self.counterexample:
            shown = ", ".join(f"{k} = {v}" for k, v in self.counterexample.items())
            lines.append(f"counterexample: {shown}")
        if self.lemmas:
            lines.append("rests on: " + "; ".join(self.lemmas))
        scope = "general n" if self.general_n else "explicit n = 2..10"
        lines.append(f"verdict: {self.verdict} ({scope})")
        return "\n".join(lines)


class Proof:
    """Collects the steps of one proof; `conclude` reads the verdict off them."""

    def __init__(self, claim_id: str, *, general_n: bool = True):
        self.claim_id = claim_id
        self.general_n = general_n
        self.steps: list[Step] = []
        self.counterexample: dict | None = None

    def define(self, statement, why: str) -> Step:
        """Notation or an assumption: nothing to check."""
        return self._add(Step(statement, why, [], "definition"))

    def check(self, statement, why: str, *checks: Verdict) -> Step:
        """A step the primitives' verdicts establish (all of them must be proved)."""
        return self._add(Step(statement, why, list(checks), "check"))

    def lemma(self, statement, why: str, lemma: str, *checks: Verdict) -> Step:
        """A step resting on a named standard lemma; `checks` establish its hypotheses."""
        return self._add(Step(statement, why, list(checks), "lemma", lemma))

    def derivation(self, derivation, prefix: str = "") -> None:
        """Take over the checked steps of a `derivations.derivation.Derivation`."""
        for st in derivation.steps:
            kind = "definition" if st.how == "start" and not st.checks else "check"
            self._add(Step(sp.Eq(st.lhs, st.rhs, evaluate=False), prefix + st.why, list(st.checks), kind))

    def _add(self, step: Step) -> Step:
        self.steps.append(step)
        return step

    @property
    def holds(self) -> bool:
        return bool(self.steps) and all(s.holds for s in self.steps)

    def conclude(self, *, refutes: bool = False) -> Result:
        """proved (or refuted, for a refutation) when every step holds; failed otherwise."""
        verdict = (REFUTED if refutes else PROVED) if self.holds else FAILED
        return Result(self.claim_id, verdict, self.general_n, self.steps,
                      self.counterexample if verdict == REFUTED else None)


@dataclass(frozen=True)
class Claim:
    """A claim of the chapter: what it says, where it comes from, what its proof should find.

    `prove(**variant)` builds the proof; its keyword arguments hold the claimed formula (the
    default is the claim as stated), so a test can feed the same proof a false variant.
    general_n on the result: True when the proof is symbolic in everything the statement ranges
    over (a symbolic number of classes n, where it has one); False when it is checked only for
    the explicit n = 2..10, the fallback.
    """

    id: str
    title: str
    statement: str
    source: str
    expected: str
    prove: Callable[..., Result]

    def run(self, **variant) -> Result:
        start = time.perf_counter()
        result = self.prove(**variant)
        result.seconds = time.perf_counter() - start
        return result
