"""the log-likelihood cost C = -ln a_t of the true class t
(equivalently -sum_j y_j ln a_j with one-hot y) with softmax outputs gives dC/dz_j = a_j - y_j,
dC/db_j = a_j - y_j and dC/dw_jk = a_k^(L-1) (a_j - y_j).
"""
from __future__ import annotations

import dataclasses

import sympy as sp

from derivations.symbols import a, a_prev, j, k, n, y, z
from exercises.proof import Claim
from exercises.shared_steps import gradient_statement, gradient_steps
from exercises.sources import NLL_NOTEBOOK, ROELANTS, book

DELTA = a[j] - y[j]
label = sp.Symbol("t", integer=True, positive=True)    # the true class: y_t = 1, the other y_j = 0
ONE_HOT_AT_LABEL = {y[j]: sp.KroneckerDelta(j, label)}


def statement(delta=DELTA, weight=a_prev[k] * DELTA, bias=DELTA):
    """The claimed delta_j, dC/dw_jk and dC/db_j."""
    s = gradient_statement("log-likelihood", "softmax", delta, weight, bias)
    cost_of_label = -sp.log(a[label])
    extra = (sp.Eq(-sp.Sum(sp.KroneckerDelta(j, label) * sp.log(a[j]), (j, 1, n)), cost_of_label, evaluate=False),
             sp.Eq(sp.Derivative(cost_of_label, z[j]), delta.xreplace(ONE_HOT_AT_LABEL), evaluate=False))
    return dataclasses.replace(s, proposition=sp.And(*s.proposition.args, *extra, evaluate=False),
                               ranges={**s.ranges, label: n}, parts={**s.parts, "extra": extra})


def prove(proof, s):
    shown = gradient_steps(proof, s)
    same, direct = s.extra
    shown.append(proof.show(same, r"with $y$ one-hot at the true class $t$, $-\sum_j y_j \ln a_j = -\ln a_t$"))
    shown.append(proof.show(direct, r"the same gradient from $-\ln a_t$ directly (SymPy, symbolic $n$)"))
    proof.show(s.proposition, "the claim: the steps above", using=shown)


CLAIM = Claim(
    __name__,
    title="Softmax + log-likelihood: delta = a - y",
    prose=r"$C = -\ln a_y$ (equivalently $-\sum_j y_j \ln a_j$ with one-hot $y$) gives "
          r"$\partial C/\partial z_j = a_j - y_j$, $\partial C/\partial b_j = a_j - y_j$, "
          r"$\partial C/\partial w_{jk} = a^{L-1}_k (a_j - y_j)$.",
    source=book("Softmax", "problem 'backpropagation with softmax and the log-likelihood cost'") + f"; {ROELANTS} and {NLL_NOTEBOOK} (the derivative of the cross-entropy with softmax)",
    expected="proved",
    statement=statement,
    prove=prove,
)
