"""A derivation: an ordered list of steps, each checked to follow from the one before.

A step is an equation `lhs = rhs` with its justification in words. How a step follows:
  - "equal": rhs equals the previous rhs (same quantity, rewritten) -> prove_equal;
  - "differentiate": rhs equals d(previous rhs)/d(variable) -> prove_equal on the derivative;
  - "define": a new quantity, justified by checks given with it (e.g. "the minimiser is unchanged").
Before comparing, `unfold` turns display forms (a_j, sigma(z_j)) into what they stand for, so
every step is checked in one set of variables.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import sympy as sp

from derivations.proof import Premise, Verdict, prove_equal


@dataclass
class Step:
    lhs: sp.Expr
    rhs: sp.Expr
    why: str
    how: str = "equal"                 # "start", "equal", "differentiate", "define"
    checks: list[Verdict] = field(default_factory=list)

    @property
    def proved(self) -> bool:
        if self.how == "start" and not self.checks:
            return True               # a definition to start from
        return bool(self.checks) and all(v.proved for v in self.checks)

    def latex(self) -> str:
        return f"{sp.latex(self.lhs)} = {sp.latex(self.rhs)}"

    def text(self) -> str:
        return f"{sp.sstr(self.lhs)} = {sp.sstr(self.rhs)}"


class Derivation:
    """Build with start(), then equal()/differentiate()/define(); every step is checked at once."""

    def __init__(self, title: str, *, unfold: Callable[[sp.Expr], sp.Expr] = lambda e: e,
                 assumptions: Sequence = (), premises: Sequence[Premise] = (),
                 samplers: dict | None = None, ranges: dict | None = None):
        self.title = title
        self.unfold = unfold
        self.assumptions = list(assumptions)
        self.premises = list(premises)
        self.samplers = samplers or {}
        self.ranges = ranges
        self.steps: list[Step] = []

    # -- building -----------------------------------------------------------------------------
    def start(self, lhs, rhs, why: str) -> "Derivation":
        self.steps.append(Step(sp.sympify(lhs), sp.sympify(rhs), why, "start"))
        return self

    def equal(self, rhs, why: str, *, lhs=None, premises: Sequence[Premise] = ()) -> "Derivation":
        """rhs is the previous right-hand side, rewritten (using `premises` if given)."""
        prev = self.steps[-1]
        verdict = self._prove(prev.rhs, rhs, premises, why)
        self.steps.append(Step(prev.lhs if lhs is None else lhs, sp.sympify(rhs), why, "equal", [verdict]))
        return self

    def differentiate(self, lhs, rhs, variable, why: str, *, premises: Sequence[Premise] = ()) -> "Derivation":
        """rhs is the derivative of the previous right-hand side with respect to `variable`."""
        prev = self.steps[-1]
        target = sp.Derivative(self.unfold(prev.rhs), variable)
        verdict = self._prove(target, rhs, premises, why)
        self.steps.append(Step(sp.sympify(lhs), sp.sympify(rhs), why, "differentiate", [verdict]))
        return self

    def define(self, lhs, rhs, why: str, checks: Sequence[Verdict]) -> "Derivation":
        """A new quantity, justified by `checks` (each a Verdict from the primitives)."""
        self.steps.append(Step(sp.sympify(lhs), sp.sympify(rhs), why, "define", list(checks)))
        return self

    def _prove(self, before, after, premises, why) -> Verdict:
        return prove_equal(self.unfold(before), self.unfold(after), self.assumptions,
                           premises=[*self.premises, *premises], samplers=self.samplers, ranges=self.ranges,
                           claim=f"{why}: {sp.sstr(before)} = {sp.sstr(after)}")

    # -- reading ------------------------------------------------------------------------------
    @property
    def result(self) -> sp.Expr:
        return self.steps[-1].rhs

    @property
    def verified(self) -> bool:
        return all(step.proved for step in self.steps)

    def failures(self) -> list[Verdict]:
        return [v for step in self.steps for v in step.checks if not v.proved]

    def to_text(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        for number, step in enumerate(self.steps, start=1):
            mark = "ok" if step.proved else "NOT CHECKED"
            lines.append(f"{number:>2}. {step.text()}")
            lines.append(f"      [{mark}] {step.why}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """An align* block: one line per step, its justification beside it."""
        rows = []
        for step in self.steps:
            rows.append(f"{sp.latex(step.lhs)} &= {sp.latex(step.rhs)} "
                        f"&& \\text{{{_tex_text(step.why)}}}")
        return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"

    def _repr_latex_(self) -> str:
        return f"$\\textbf{{{_tex_text(self.title)}}}$\n" + self.to_latex().replace("align*", "aligned").join(["$$", "$$"])

    def __repr__(self) -> str:
        return f"<Derivation {self.title!r}: {len(self.steps)} steps, {'verified' if self.verified else 'NOT verified'}>"


def _tex_text(s: str) -> str:
    """Escape plain text for \\text{...}; $...$ inside it stays math."""
    out, math = [], False
    for ch in s:
        if ch == "$":
            math = not math
            out.append(ch)
        elif not math and ch in "&%#_{}":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)
