"""the two properties that make the cross-entropy a cost function.

For 0 < a < 1: C(a, y) = -[y ln a + (1-y) ln(1-a)] is positive (for y in [0, 1]: here y = 0,
y = 1 and 0 < y < 1), and for the classification targets y = 0 and y = 1 it tends to 0 as the
output approaches the target (from inside (0, 1)).
"""
from __future__ import annotations

import sympy as sp

from derivations.steps import Definition
from derivations.symbols import a1, cost_function, y1
from exercises.proof import Claim, Statement
from exercises.sources import book

COST = -(y1 * sp.log(a1) + (1 - y1) * sp.log(1 - a1))
C = cost_function()
A_OPEN = (sp.Gt(a1, 0), sp.Lt(a1, 1))


def statement(target=lambda label: label):
    """target: label -> the output a at which the cost is claimed to vanish (claimed: a = y)."""
    limits = []
    for label in (0, 1):
        goal = sp.sympify(target(sp.Integer(label)))
        side = "+" if goal == 0 else "-"
        limits.append(sp.Eq(sp.Limit(C(a1, label), a1, goal, side), 0, evaluate=False))
    return Statement(sp.And(sp.Implies(sp.And(sp.Gt(y1, 0), sp.Lt(y1, 1)), sp.Gt(C(a1, y1), 0, evaluate=False)),
                            sp.Gt(C(a1, 0), 0, evaluate=False), sp.Gt(C(a1, 1), 0, evaluate=False), *limits),
                     hypotheses=A_OPEN, notation=(Definition(C(a1, y1), COST),))


def prove(proof, s):
    parts = [proof.show(sp.Implies(sp.And(sp.Gt(y1, 0), sp.Lt(y1, 1)), sp.Gt(C(a1, y1), 0, evaluate=False)),
                        r"$0 < y < 1$: both logarithms are of numbers in $(0, 1)$, so negative")]
    for label in (0, 1):
        parts.append(proof.show(sp.Gt(C(a1, label), 0, evaluate=False),
                                f"$y = {label}$: one term is left, $-\\ln$ of a number in $(0, 1)$"))
    for part in s.proposition.args:
        if isinstance(part, sp.Eq) and isinstance(part.lhs, sp.Limit):
            goal = part.lhs.args[2]
            parts.append(proof.show(part, f"as the output approaches $a = {sp.latex(goal)}$ from inside $(0, 1)$ "
                                          "the cost vanishes"))
    proof.show(s.proposition, "the two properties", using=parts)


CLAIM = Claim(
    __name__,
    title="Cross-entropy is positive, 0 at target",
    prose=r"For $0 < a < 1$ the cross-entropy is positive, and for $y = 0$ or $y = 1$ it tends to 0 as $a$ tends to $y$.",
    source=book("Introducing the cross-entropy cost function", "its two properties"),
    expected="proved",
    statement=statement,
    prove=prove,
)
