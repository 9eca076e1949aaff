"""every a_j depends on every z_k: da_j/dz_k != 0 for all j, k (n >= 2).

Unlike a sigmoid layer, where a_j = sigma(z_j) sees z_j alone, each softmax output shares the
normaliser sum_ell e^(z_ell) with all the others.
"""
from __future__ import annotations

import sympy as sp

from derivations.proof import prove_equal, prove_nonzero
from derivations.symbols import a, j, k, n, z
from exercises.proof import Claim
from exercises.sources import NOTES, book
from exercises.shared_steps import J_NOT_K, diagonal, off_diagonal, softmax_of_z, split_normaliser


def prove(proof, activation=softmax_of_z):
    """activation: a_j in terms of z (claimed: the softmax)."""
    proof.define(sp.Ge(n, 2), "at least two classes")
    split_normaliser(proof)
    proof.check(sp.Ne(sp.Derivative(a[j], z[j]), 0),
                r"$k = j$: $e^{z_j} R / (e^{z_j} + R)^2$ with $R > 0$",
                prove_nonzero(diagonal(activation), claim="da_j/dz_j != 0"))
    full, cut = off_diagonal(activation)
    proof.check(sp.Eq(sp.Derivative(a[j], z[k]), cut, evaluate=False),
                r"$k \ne j$: the Kronecker delta vanishes",
                prove_equal(full, cut, [sp.Ne(j, k)], premises=[J_NOT_K], claim="da_j/dz_k at j != k"))
    proof.check(sp.Ne(sp.Derivative(a[j], z[k]), 0),
                r"$k \ne j$: $-e^{z_j} e^{z_k} / (\sum_\ell e^{z_\ell})^2$, a product of nonzero factors",
                prove_nonzero(cut, claim="da_j/dz_k != 0 for j != k"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Non-locality of softmax",
    statement=r"Every $a_j$ depends on every $z_k$: $\partial a_j/\partial z_k \ne 0$ for all $j, k$.",
    source=book("Softmax", "exercise") + f"; {NOTES}, exercise G",
    expected="proved",
    prove=prove,
)
