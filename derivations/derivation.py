"""A derivation: an ordered list of steps, each checked to follow from the one before.

A step is an equation `lhs = rhs` with its justification in words. How a step follows:
  - "equal": rhs equals the previous rhs (same quantity, rewritten) -> prove_equal;
  - "differentiate": rhs equals d(previous rhs)/d(variable) -> prove_equal on the derivative;
  - "define": a new quantity, justified by checks given with it (e.g. "the minimiser is unchanged").
Before comparing, `unfold` turns display forms (a_j, sigma(z_j)) into what they stand for, so
every step is checked in one set of variables.
"""
from __future__ import annotations

from typing import Callable, Sequence

import sympy as sp

from derivations.notation import tex, tex_inline, text, why_text
from derivations.proof import Premise, Verdict, prove_equal


class Step:
    """One step `lhs = rhs`, why it holds, and the checks that establish it.

    The checks run when first read (`checks`, `proved`), not when the step is built: a program
    that only needs the derived formula (the network's delta) does not pay for the proofs.
    """

    def __init__(self, lhs, rhs, why, how: str = "equal", checks=()):
        self.lhs, self.rhs, self.how = sp.sympify(lhs), sp.sympify(rhs), how
        # why: words with LaTeX math between $...$; why_parts: the same with SymPy expressions
        self.why_parts = tuple(why) if isinstance(why, (list, tuple)) else (why,)
        self.why = why_words(self.why_parts)
        self._pending = list(checks)     # Verdicts, or functions returning a Verdict or a list

    def add_check(self, check) -> None:
        self._pending.append(check)

    @property
    def checks(self) -> list[Verdict]:
        if any(callable(c) for c in self._pending):
            done = []
            for c in self._pending:
                v = c() if callable(c) else c
                done.extend(v if isinstance(v, list) else [v])
            self._pending = done
        return self._pending

    @property
    def proved(self) -> bool:
        if self.how == "start" and not self._pending:
            return True               # a definition to start from
        return bool(self.checks) and all(v.proved for v in self.checks)

    def latex(self) -> str:
        return f"{tex(self.lhs)} = {tex(self.rhs)}"

    def text(self) -> str:
        return f"{text(self.lhs)} = {text(self.rhs)}"


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
    def start(self, lhs, rhs, why, checks=()) -> "Derivation":
        self.steps.append(Step(lhs, rhs, why, "start", checks))
        return self

    def equal(self, rhs, why: str, *, lhs=None, premises: Sequence[Premise] = ()) -> "Derivation":
        """rhs is the previous right-hand side, rewritten (using `premises` if given)."""
        prev = self.steps[-1]
        check = self._prove(prev.rhs, rhs, premises, why)
        self.steps.append(Step(prev.lhs if lhs is None else lhs, rhs, why, "equal", [check]))
        return self

    def differentiate(self, lhs, rhs, variable, why: str, *, premises: Sequence[Premise] = ()) -> "Derivation":
        """rhs is the derivative of the previous right-hand side with respect to `variable`."""
        prev = self.steps[-1]
        check = self._prove(prev.rhs, rhs, premises, why, differentiate_by=variable)
        self.steps.append(Step(lhs, rhs, why, "differentiate", [check]))
        return self

    def define(self, lhs, rhs, why, checks) -> "Derivation":
        """A new quantity, justified by `checks` (Verdicts, or functions that return them)."""
        self.steps.append(Step(lhs, rhs, why, "define", checks))
        return self

    def _prove(self, before, after, premises, why, differentiate_by=None) -> Callable[[], Verdict]:
        """The check that `before` (or its derivative) equals `after`, run when first asked for."""
        def check() -> Verdict:
            lhs = self.unfold(before)      # unfold first: a_j must be a function of z_j to differentiate
            if differentiate_by is not None:
                lhs = sp.Derivative(lhs, differentiate_by)
            return prove_equal(self.unfold(lhs), self.unfold(after), self.assumptions,
                               premises=[*self.premises, *premises], samplers=self.samplers,
                               ranges=self.ranges, claim=f"{why_text(why)}: {text(before)} = {text(after)}")
        return check

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
            lines.append(f"      [{mark}] {why_text(step.why_parts)}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """An align* block in the chapter's notation: each step, its justification under it."""
        rows = []
        for step in self.steps:
            rows.append(f"{tex(step.lhs)} &= {tex(step.rhs)}")
            rows.append(f"&\\qquad\\text{{{_tex_text(step.why)}}}")
        return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"

    def _repr_latex_(self) -> str:
        return f"$\\textbf{{{_tex_text(self.title)}}}$\n" + self.to_latex().replace("align*", "aligned").join(["$$", "$$"])

    def __repr__(self) -> str:
        return f"<Derivation {self.title!r}: {len(self.steps)} steps, {'verified' if self.verified else 'NOT verified'}>"


def why_words(parts) -> str:
    """Words with SymPy parts as inline LaTeX math, $...$."""
    return "".join(f"${tex_inline(p)}$" if isinstance(p, sp.Basic) else p
                   for p in (parts if isinstance(parts, (list, tuple)) else [parts]))


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
