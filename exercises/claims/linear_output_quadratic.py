"""with linear output neurons (a_j = z_j) the quadratic cost gives
delta_j = a_j - y_j, so dC/dw_jk = a_k^(L-1) (a_j - y_j) and dC/db_j = a_j - y_j: no slowdown.
"""
from __future__ import annotations

from derivations.symbols import a, a_prev, j, k, y
from exercises.proof import Claim
from exercises.shared_steps import gradient_statement, prove_gradients
from exercises.sources import NOTES, book

DELTA = a[j] - y[j]


def statement(delta=DELTA, weight=a_prev[k] * DELTA, bias=DELTA):
    """The claimed delta_j, dC/dw_jk and dC/db_j."""
    return gradient_statement("quadratic", "identity", delta, weight, bias)


CLAIM = Claim(
    __name__,
    title="Linear outputs with the quadratic cost",
    prose=r"With linear output neurons ($a = z$) the quadratic cost gives $\delta = a - y$.",
    source=book("Introducing the cross-entropy cost function", "problem 'using the quadratic cost when we have linear neurons in the output layer'") + f"; {NOTES}, section 58.9",
    expected="proved",
    statement=statement,
    prove=prove_gradients,
)
