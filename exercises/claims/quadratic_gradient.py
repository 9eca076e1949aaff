"""quadratic cost with sigmoid output neurons:
dC/dw_jk = (a_j - y_j) sigma'(z_j) a_k^(L-1), dC/db_j = (a_j - y_j) sigma'(z_j), and averaged over
the N training examples as in the chapter. The factor sigma'(z_j) is the learning slowdown.
"""
from __future__ import annotations

from derivations.activations import sigma_prime
from derivations.symbols import a, a_prev, j, k, y, z
from exercises.proof import Claim
from exercises.shared_steps import gradient_statement, prove_gradients
from exercises.sources import NOTES, book

DELTA = (a[j] - y[j]) * sigma_prime(z[j])


def statement(delta=DELTA, weight=DELTA * a_prev[k], bias=DELTA):
    """The claimed delta_j, dC/dw_jk and dC/db_j."""
    return gradient_statement("quadratic", "sigmoid", delta, weight, bias)


CLAIM = Claim(
    __name__,
    title="Quadratic cost gradient, sigmoid output",
    prose=r"For quadratic cost and sigmoid output, $\partial C/\partial w_{jk} = (a_j - y_j) \sigma'(z_j) a^{L-1}_k$ "
          r"and $\partial C/\partial b_j = (a_j - y_j) \sigma'(z_j)$, and averaged over $n$ examples as in the chapter.",
    source=book("The cross-entropy cost function", "equations 55, 56") + f"; {NOTES}, section 58.9",
    expected="proved",
    statement=statement,
    prove=prove_gradients,
)
