"""the log-likelihood cost C = -ln a_k of the true class k
(equivalently -sum_j y_j ln a_j with one-hot y) with softmax outputs gives dC/dz_j = a_j - y_j,
dC/db_j = a_j - y_j and dC/dw_jk = a_k^(L-1) (a_j - y_j).
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import SOFTMAX, softmax
from derivations.proof import prove_equal
from derivations.symbols import a, a_prev, j, k, n, y, z
from exercises.proof import Claim
from exercises.sources import NLL_NOTEBOOK, ROELANTS, book
from exercises.shared_steps import gradient_steps

DELTA = a[j] - y[j]
label = sp.Symbol("t", integer=True, positive=True)    # the true class: y_t = 1, the other y_j = 0


def prove(proof, delta=DELTA, weight=a_prev[k] * DELTA, bias=DELTA):
    """The claimed delta_j, dC/dw_jk and dC/db_j."""
    proof = gradient_steps(proof, "log-likelihood", "softmax", delta, weight, bias)
    one_hot = {y[j]: sp.KroneckerDelta(j, label)}
    cost_of_label = -sp.log(a[label])
    proof.check(sp.Eq(-sp.Sum(sp.KroneckerDelta(j, label) * sp.log(a[j]), (j, 1, n)), cost_of_label,
                      evaluate=False),
                r"with $y$ one-hot at the true class $t$, $-\sum_j y_j \ln a_j = -\ln a_t$",
                prove_equal(-sp.Sum(sp.KroneckerDelta(j, label) * sp.log(softmax(z, j)), (j, 1, n)),
                            -sp.log(softmax(z, label)), ranges={label: n}, claim="-sum_j delta_jt ln a_j = -ln a_t"))
    proof.check(sp.Eq(sp.Derivative(cost_of_label, z[j]), delta.subs(one_hot), evaluate=False),
                r"the same gradient from $-\ln a_t$ directly (SymPy, symbolic $n$)",
                prove_equal(sp.diff(-sp.log(softmax(z, label)), z[j]), SOFTMAX.unfold(delta.subs(one_hot)),
                            ranges={label: n}, claim="d(-ln a_t)/dz_j = claimed delta with y_j = delta_jt"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Softmax + log-likelihood: delta = a - y",
    statement=r"$C = -\ln a_y$ (equivalently $-\sum_j y_j \ln a_j$ with one-hot $y$) gives "
              r"$\partial C/\partial z_j = a_j - y_j$, $\partial C/\partial b_j = a_j - y_j$, "
              r"$\partial C/\partial w_{jk} = a^{L-1}_k (a_j - y_j)$.",
    source=book("Softmax", "problem 'backpropagation with softmax and the log-likelihood cost'") + f"; {ROELANTS} and {NLL_NOTEBOOK} (the derivative of the cross-entropy with softmax)",
    expected="proved",
    prove=prove,
)
