"""the two properties that make the cross-entropy a cost function.

For 0 < a < 1: C = -[y ln a + (1-y) ln(1-a)] is positive (for y in [0, 1]: here y = 0, y = 1
and 0 < y < 1), and for the classification targets y = 0 and y = 1 it tends to 0 as the output
approaches the target.
"""
from __future__ import annotations

import sympy as sp

from derivations.proof import prove_limit, prove_positive
from exercises.proof import Claim
from exercises.sources import book
from derivations.symbols import a1, t1, y1

COST = -(y1 * sp.log(a1) + (1 - y1) * sp.log(1 - a1))
A_OPEN = [0 < a1, a1 < 1]


def prove(proof, target=lambda label: label):
    """target: label -> the output a at which the cost is claimed to vanish (claimed: a = y)."""
    proof.define(sp.Eq(sp.Symbol("C"), COST, evaluate=False), r"the cross-entropy of one neuron, $0 < a < 1$")
    proof.check(sp.Gt(COST, 0), r"$0 < y < 1$: both logarithms are of numbers in $(0, 1)$, so negative",
                prove_positive(COST, A_OPEN + [0 < y1, y1 < 1], claim="C > 0 for 0 < y < 1"))
    for label in (0, 1):
        proof.check(sp.Gt(COST.subs(y1, label), 0), f"$y = {label}$: one term is left, $-\\ln$ of a number in $(0, 1)$",
                    prove_positive(COST.subs(y1, label), A_OPEN, claim=f"C > 0 at y = {label}"))
    for label in (0, 1):
        goal = target(sp.Integer(label))
        side = "+" if goal == 0 else "-"
        approach = goal + t1 if side == "+" else goal - t1      # from inside (0, 1)
        proof.check(sp.Eq(sp.Limit(COST.subs(y1, label), a1, goal, side), 0, evaluate=False),
                    f"$y = {label}$: as the output approaches $a = {goal}$ the cost vanishes",
                    prove_limit(COST.subs(y1, label).subs(a1, approach), t1, 0, 0,
                                claim=f"C -> 0 as a -> {goal} at y = {label}"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Cross-entropy is positive, 0 at target",
    statement=r"For $0 < a < 1$ the cross-entropy is positive, and for $y = 0$ or $y = 1$ it tends to 0 as $a$ tends to $y$.",
    source=book("Introducing the cross-entropy cost function", "its two properties"),
    expected="proved",
    prove=prove,
)
