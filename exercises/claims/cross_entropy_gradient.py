"""binary cross-entropy with sigmoid output neurons: sigma' cancels,
delta_j = a_j - y_j, dC/dw_jk = a_k^(L-1) (a_j - y_j), dC/db_j = a_j - y_j, and for the average
cost over the N training examples the average of these.
"""
from __future__ import annotations

from derivations.symbols import a, a_prev, j, k, y
from exercises.proof import Claim
from exercises.shared_steps import gradient_statement, prove_gradients
from exercises.sources import NOTES, book

DELTA = a[j] - y[j]


def statement(delta=DELTA, weight=a_prev[k] * DELTA, bias=DELTA):
    """The claimed delta_j, dC/dw_jk and dC/db_j."""
    return gradient_statement("cross-entropy", "sigmoid", delta, weight, bias)


CLAIM = Claim(
    __name__,
    title="Cross-entropy gradient: sigma' cancels",
    prose=r"For binary cross-entropy and sigmoid output, $\sigma'$ cancels: "
          r"$\partial C/\partial w_{jk} = a^{L-1}_k (a_j - y_j)$, $\partial C/\partial b_j = a_j - y_j$ "
          r"(and averaged over $n$ examples).",
    source=book("Introducing the cross-entropy cost function", "equations 61, 62", "problem 'many-layer multi-neuron networks'") + f"; {NOTES}, section 58.9",
    expected="proved",
    statement=statement,
    prove=prove_gradients,
)
