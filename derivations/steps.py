"""Steps: the one form every derivation and every proof in the project is written in.

A step is a statement (a SymPy relation such as `Eq(lhs, rhs)` or `Gt(expr, 0)`), the words that
justify it, and how it is established:
  - "definition": it introduces notation or a quantity; nothing to check;
  - "check": the verdicts of the proof primitives (`derivations.proof`) establish it;
  - "lemma": it rests on a named standard lemma; the verdicts establish the lemma's hypotheses.
A step's status comes from the one vocabulary of `Verdict`s: proved, refuted, undecided,
disagreement, vacuous. A `Derivation` is a chain of steps, each checked to follow from the one
before; `exercises.proof.Proof` collects the steps of a claim's proof.
"""
from __future__ import annotations

from typing import Callable, Sequence

import sympy as sp

from derivations.notation import tex, tex_inline, text, why_text
from derivations.proof import Premise, Verdict, prove_equal

PROVED, REFUTED, UNDECIDED, DISAGREEMENT, VACUOUS = "proved", "refuted", "undecided", "disagreement", "vacuous"
DEFINITION, CHECK, LEMMA = "definition", "check", "lemma"      # how a step is established
RELATION_TEXT = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤", ">": ">", "<": "<"}


class Step:
    """One step: `statement` holds because of `why`, as its checks establish.

    The checks run when first read (`checks`, `status`), not when the step is built: a program
    that only needs a derived formula (the network's delta) does not pay for the proofs. A check
    is a `Verdict`, or a function returning one or a list of them.
    """

    def __init__(self, statement, why, how: str = CHECK, checks=(), lemma: str | None = None):
        self.statement = statement if isinstance(statement, sp.Basic) else sp.sympify(statement)
        # why: words with LaTeX math between $...$, or a sequence of words and SymPy expressions
        self.why_parts = tuple(why) if isinstance(why, (list, tuple)) else (why,)
        self.why = why_words(self.why_parts)
        self.how, self.lemma = how, lemma
        self._pending = list(checks)

    def add_check(self, check) -> None:
        self._pending.append(check)

    @property
    def lhs(self):
        return self.statement.lhs

    @property
    def rhs(self):
        return self.statement.rhs

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
    def status(self) -> str:
        """proved, or the status of the first check that did not prove (undecided if a step
        that needs checks has none)."""
        if self.how == DEFINITION and not self._pending:
            return PROVED
        failing = [v.status for v in self.checks if not v.proved]
        if failing:
            return failing[0]
        return PROVED if self.checks or self.how == LEMMA else UNDECIDED

    @property
    def holds(self) -> bool:
        return self.status == PROVED

    @property
    def label(self) -> str:
        """What a reader is shown beside the step: definition, proved, lemma, or the failing status."""
        if not self.holds:
            return self.status.upper()
        if self.how == DEFINITION and not self._pending:
            return DEFINITION
        return LEMMA if self.how == LEMMA else PROVED

    def latex(self) -> str:
        return tex(self.statement)

    def text(self) -> str:
        """The statement on one line, in the chapter's notation."""
        st = self.statement
        if isinstance(st, sp.Rel):
            return f"{text(st.lhs)} {RELATION_TEXT.get(st.rel_op, st.rel_op)} {text(st.rhs)}"
        return text(st)

    def __repr__(self) -> str:
        return f"<Step {self.text()} [{self.label}]>"


class Derivation:
    """A chain `lhs = rhs`, each step checked to follow from the one before.

    Build with start(), then equal() (the previous right-hand side, rewritten), differentiate()
    (its derivative) and define() (a new quantity, justified by checks given with it). Before
    comparing, `unfold` turns display forms (a_j, sigma(z_j)) into what they stand for, so every
    step is checked in one set of variables.
    """

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
        self.steps.append(Step(_equation(lhs, rhs), why, CHECK if checks else DEFINITION, checks))
        return self

    def equal(self, rhs, why, *, lhs=None, premises: Sequence[Premise] = ()) -> "Derivation":
        """rhs is the previous right-hand side, rewritten (using `premises` if given)."""
        prev = self.steps[-1]
        check = self._prove(prev.rhs, rhs, premises, why)
        self.steps.append(Step(_equation(prev.lhs if lhs is None else lhs, rhs), why, CHECK, [check]))
        return self

    def differentiate(self, lhs, rhs, variable, why, *, premises: Sequence[Premise] = ()) -> "Derivation":
        """rhs is the derivative of the previous right-hand side with respect to `variable`."""
        prev = self.steps[-1]
        check = self._prove(prev.rhs, rhs, premises, why, differentiate_by=variable)
        self.steps.append(Step(_equation(lhs, rhs), why, CHECK, [check]))
        return self

    def define(self, lhs, rhs, why, checks) -> "Derivation":
        """A new quantity, justified by `checks` (Verdicts, or functions that return them)."""
        self.steps.append(Step(_equation(lhs, rhs), why, CHECK, checks))
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
        return all(step.holds for step in self.steps)

    def failures(self) -> list[Verdict]:
        return [v for step in self.steps for v in step.checks if not v.proved]

    def to_text(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        for number, step in enumerate(self.steps, start=1):
            lines.append(f"{number:>2}. {step.text()}")
            lines.append(f"      [{step.label}] {why_text(step.why_parts)}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """An align* block in the chapter's notation: each step, its justification under it."""
        rows = []
        for step in self.steps:
            rows.append(f"{tex(step.lhs)} &= {tex(step.rhs)}")
            rows.append(f"&\\qquad\\text{{{tex_text(step.why)}}}")
        return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"

    def _repr_latex_(self) -> str:
        return f"$\\textbf{{{tex_text(self.title)}}}$\n" + self.to_latex().replace("align*", "aligned").join(["$$", "$$"])

    def __repr__(self) -> str:
        return f"<Derivation {self.title!r}: {len(self.steps)} steps, {'verified' if self.verified else 'NOT verified'}>"


def _equation(lhs, rhs) -> sp.Eq:
    return sp.Eq(sp.sympify(lhs), sp.sympify(rhs), evaluate=False)


def why_words(parts) -> str:
    """Words with SymPy parts as inline LaTeX math, $...$."""
    return "".join(f"${tex_inline(p)}$" if isinstance(p, sp.Basic) else p
                   for p in (parts if isinstance(parts, (list, tuple)) else [parts]))


def tex_text(s: str) -> str:
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
