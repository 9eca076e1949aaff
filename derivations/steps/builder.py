"""The step builder: the one place a chain of steps (a `Derivation`, or a claim's `Proof` in
`exercises.proof`) is built - define, show, equal, the scope each step is checked in, citations.

A `Derivation` is a chain of steps (a = b, then = c by transitivity); its methods return the
derivation, so a chain reads as one expression.
"""
from __future__ import annotations

from typing import Sequence

import sympy as sp

from derivations.notation import tex, text, why_text
from derivations.proof import Premise, Verdict
from derivations.steps.checks import Checker, Given, Scope
from derivations.steps.definitions import Definition, fresh_problem
from derivations.steps.statements import statement_tex, tex_text
from derivations.steps.step import CHECK, DEFINITION, Check, Step
from derivations import kernel
from derivations.kernel import Kind
from derivations.steps.verdicts import BY_STEP, UNDECIDED, failed


class StepBuilder:
    """The steps of one chain in one scope: each new step is checked in the scope as it stands
    before it (the hypotheses, the definitions made so far, the steps so far), numbered, and kept.

      define(target, value, why)             a fresh symbol, family or function: asserts nothing
      show(statement, why, using=, keep=)    the statement, checked as it stands
      equal(rhs, why, using=, keep=)         the previous right-hand side equals rhs: shown as
                                             prev.lhs = rhs by transitivity
    """

    def __init__(self, scope: Scope):
        self.scope = scope
        self.steps: list[Step] = []

    def taken(self) -> set:
        """Names a definition may not use."""
        return self.scope.taken()

    def define(self, target, value, why) -> Step:
        """A fresh symbol, family a_j or function C(a), and its value: it asserts nothing (its
        symbol carries no assumption its value does not imply); later checks unfold it."""
        value = sp.sympify(value)
        problem = fresh_problem(target, value, self.taken())
        step = Step(equation(target, value), why, DEFINITION, problem=problem,
                    rule="introduces a fresh symbol: nothing to check")
        if problem is None:
            self.scope.definitions.add(Definition(target, value))
        return self.add(step)

    def show(self, statement, why, *, using: Sequence[Step] = (), keep: Sequence = ()) -> Step:
        """A statement whose check is the statement itself: its definitions unfolded (those in
        `keep` left as variables: it holds for every value), the `using` steps cited (their
        equations rewrite it, their signs are facts about their subjects)."""
        checker = Checker(self.scope_here(), using, keep)
        return self.add(Step(statement, why, CHECK, derive=lambda s: [checker.check(s.statement)],
                             rule="the statement, its definitions unfolded" + citing(using),
                             checker=checker, cited=using))

    def equal(self, rhs, why, *, using: Sequence[Step] = (), keep: Sequence = ()) -> Step:
        """prev.lhs = rhs: checked as prev.rhs = rhs (definitions unfolded, `using` cited, `keep`
        left as variables), and shown as prev.lhs = rhs by transitivity with the previous step."""
        prev = self.steps[-1]
        checker = Checker(self.scope_here(), using, keep)
        link = equation(prev.rhs, rhs)

        def derive(step, prev=prev, link=link):
            return [Check("the previous step", prev.statement, prev.statement, (), holds_verdict(prev)),
                    checker.check(link, "the previous right-hand side equals the new one")]
        return self.add(Step(equation(prev.lhs, rhs), why, CHECK, derive=derive,
                             rule=f"transitivity: the previous step, and {text(prev.rhs)} = {text(rhs)}" + citing(using),
                             checker=checker, cited=using, link=(prev, link)))

    def scope_here(self) -> Scope:
        """The scope a new step is checked in: this chain's, with the steps so far (not those of
        a derivation shown in it, which were checked in their own)."""
        scope = self.scope.child()
        scope.steps = [s for s in self.steps if s.in_proof]
        return scope

    def add(self, step: Step) -> Step:
        step.number = len(self.steps) + 1
        self.steps.append(step)
        return step


class Derivation:
    """A chain of steps, each checked: start() (a definition of a fresh symbol, or a statement),
    equal() (the previous right-hand side, rewritten: checked as prev.rhs = rhs and shown as
    lhs = rhs by transitivity with the previous step), show() and differentiate() (a statement
    checked as it stands), define() (a fresh symbol and its value: nothing to check). Each is
    built by the chain's `StepBuilder`.

    `definitions` (a_j = sigma(z_j), z_i in terms of the weights) are unfolded by every check.
    """

    def __init__(self, title: str, *, assumptions: Sequence = (), premises: Sequence[Premise] = (),
                 samplers: dict | None = None, ranges: dict | None = None,
                 definitions: Sequence[Definition] = (), given: Sequence[Given] = ()):
        self.title = title
        scope = Scope(list(assumptions), list(given), tuple(premises), dict(samplers or {}), ranges)
        for d in definitions:
            scope.definitions.add(d)
        self.chain = StepBuilder(scope)
        self.marked: dict[str, Step] = {}       # steps others cite, by name

    @property
    def scope(self) -> Scope:
        return self.chain.scope

    @property
    def steps(self) -> list[Step]:
        return self.chain.steps

    def mark(self, name: str) -> "Derivation":
        """Name the last step, for a claim to cite."""
        self.marked[name] = self.steps[-1]
        return self

    @property
    def assumptions(self):
        return self.scope.hypotheses

    @property
    def premises(self):
        return self.scope.premises

    # -- building -----------------------------------------------------------------------------
    def start(self, lhs, rhs, why) -> "Derivation":
        """lhs = rhs: a definition when lhs is a fresh symbol, else a statement checked as it stands."""
        if isinstance(lhs, sp.Symbol) and fresh_problem(lhs, sp.sympify(rhs), self.chain.taken()) is None:
            return self.define(lhs, rhs, why)
        return self.show(equation(lhs, rhs), why)

    def define(self, target, value, why) -> "Derivation":
        self.chain.define(target, value, why)
        return self

    def show(self, statement, why, *, using: Sequence[Step] = (), keep: Sequence = ()) -> "Derivation":
        """A statement, checked as it stands (see `StepBuilder.show`)."""
        self.chain.show(statement, why, using=using, keep=keep)
        return self

    def differentiate(self, lhs, rhs, variable, why) -> "Derivation":
        """lhs = rhs where lhs is a derivative (by `variable`) of defined quantities: checked as it stands."""
        return self.show(equation(lhs, rhs), why)

    def equal(self, rhs, why, *, using: Sequence[Step] = (), keep: Sequence = ()) -> "Derivation":
        """prev.lhs = rhs, by transitivity (see `StepBuilder.equal`)."""
        self.chain.equal(rhs, why, using=using, keep=keep)
        return self

    # -- reading ------------------------------------------------------------------------------
    @property
    def result(self) -> sp.Expr:
        return self.steps[-1].rhs

    @property
    def verified(self) -> bool:
        return all(step.holds for step in self.steps)

    def failures(self) -> list[Verdict]:
        return [v for step in self.steps for v in step.checks if not v.proved] + \
               [failed(step.text(), UNDECIDED, step.problem) for step in self.steps if step.problem]

    def unfold(self, expr):
        """expr with this derivation's definitions (and the display forms sigma, sigma') unfolded."""
        return self.scope.definitions.unfold(expr)

    def to_text(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        for number, step in enumerate(self.steps, start=1):
            lines.append(f"{number:>2}. {step.text()}")
            lines.append(f"      [{step.label}] {why_text(step.why_parts)}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """An align* block in the chapter's notation: each step, its justification under it."""
        from derivations.notation import RELATIONS as TEX_RELATIONS
        rows = []
        for step in self.steps:
            st = step.statement
            rows.append(f"{tex(st.lhs)} &{TEX_RELATIONS[st.rel_op]} {tex(st.rhs)}" if isinstance(st, sp.Rel)
                        else f"&{statement_tex(st)}")
            rows.append(f"&\\qquad\\text{{{tex_text(step.why)}}}")
        return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"

    def _repr_latex_(self) -> str:
        return f"$\\textbf{{{tex_text(self.title)}}}$\n" + self.to_latex().replace("align*", "aligned").join(["$$", "$$"])

    def __repr__(self) -> str:
        return f"<Derivation {self.title!r}: {len(self.steps)} steps, {'verified' if self.verified else 'NOT verified'}>"


def citing(steps) -> str:
    return f", citing step{'s' if len(steps) > 1 else ''} {', '.join(str(s.number) for s in steps)}" if steps else ""


def holds_verdict(step: Step) -> Verdict:
    """The verdict that an earlier step holds (its own checks decide)."""
    if step.holds:
        return kernel.structural(step.text(), Kind.EARLIER_STEP, step.checks, f"step {step.number} is proved",
                                 step.statement, by=f"{BY_STEP} (step {step.number})", cites=(step,))
    return failed(step.text(), step.status, f"step {step.number} does not hold", cites=(step,))


def equation(lhs, rhs) -> sp.Eq:
    return sp.Eq(sp.sympify(lhs), sp.sympify(rhs), evaluate=False)

