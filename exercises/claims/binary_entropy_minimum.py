"""for 0 < y < 1 the cross-entropy over 0 < a < 1 has its unique minimum
at a = y, and the minimum is the binary entropy -[y ln y + (1-y) ln(1-y)].

Averaged over the training inputs (each term a function of its own a_x) the cost is then
minimised by a_x = y_x for every x, with value (1/N) sum_x of the binary entropies.
"""
from __future__ import annotations

import sympy as sp

from derivations.proof import prove_equal, prove_positive
from derivations.symbols import a, x_count, x_index, y
from exercises.proof import Claim
from exercises.sources import NOTES, book
from derivations.symbols import a1, y1

COST = -(y1 * sp.log(a1) + (1 - y1) * sp.log(1 - a1))
ENTROPY = -(y1 * sp.log(y1) + (1 - y1) * sp.log(1 - y1))
OPEN_UNIT = [0 < a1, a1 < 1, 0 < y1, y1 < 1]


def prove(proof, minimiser=y1, minimum=ENTROPY):
    """minimiser: the claimed a at the minimum (in terms of y); minimum: the claimed value there."""
    C = sp.Function("C")(a1)
    proof.define(sp.Eq(C, COST, evaluate=False), r"the cross-entropy of one neuron, $0 < a < 1$, $0 < y < 1$")
    slope = (a1 - y1) / (a1 * (1 - a1))
    proof.check(sp.Eq(sp.Derivative(C, a1), slope, evaluate=False), "differentiate; common denominator",
                prove_equal(sp.diff(COST, a1), slope, OPEN_UNIT))
    proof.check(sp.Eq(sp.Subs(sp.Derivative(C, a1), a1, minimiser), 0, evaluate=False),
                "the claimed minimiser is a stationary point",
                prove_equal(slope.subs(a1, minimiser), 0, OPEN_UNIT))
    curvature = sp.diff(COST, a1, 2)
    proof.check(sp.Gt(sp.Derivative(C, (a1, 2)), 0),
                r"the second derivative $y/a^2 + (1-y)/(1-a)^2$ is positive: $C$ is strictly convex on $(0, 1)$",
                prove_positive(curvature, OPEN_UNIT))
    proof.lemma(sp.Eq(sp.Symbol(r"\arg\min_{0<a<1} C"), minimiser, evaluate=False),
                "so the stationary point is the one and only minimum",
                "a stationary point of a strictly convex differentiable function on an interval "
                "is its unique minimiser")
    proof.check(sp.Eq(sp.Subs(C, a1, minimiser), minimum, evaluate=False),
                "the value there is the binary entropy",
                prove_equal(COST.subs(a1, minimiser), minimum, OPEN_UNIT))
    # over N training inputs, each with its own y_x and a_x
    per_input = {y1: y[x_index], a1: a[x_index]}
    proof.lemma(sp.Eq(sp.Symbol(r"\min_{a_1, \dots, a_N} C"),
                      sp.Sum(minimum.subs(per_input), (x_index, 1, x_count)) / x_count, evaluate=False),
                r"averaged over the $N$ training inputs, each term $C(a_x)$ depends on its own $a_x$ only: "
                r"minimise term by term, at $a_x = y_x$",
                "a sum of functions of separate variables is minimised by minimising each term")
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Cross-entropy is least at a = y",
    statement=r"For $0 < y < 1$ the cross-entropy over $0 < a < 1$ has its unique minimum at $a = y$, "
              r"and the minimum value is the binary entropy $-[y \ln y + (1-y) \ln(1-y)]$.",
    source=book("The cross-entropy cost function", "exercise") + f"; {NOTES}, exercise C",
    expected="proved",
    prove=prove,
)
