"""da_j/dz_k > 0 if j = k and < 0 if j != k (n >= 2 classes).

Raising z_j raises a_j and lowers every other output. For j = k the proof splits the normaliser
as sum_ell e^(z_ell) = e^(z_j) + R, R the sum over ell != j; R > 0 because it has n - 1 >= 1
positive terms, so a_j (1 - a_j) is positive. For j != k, delta_jk = 0 leaves -a_j a_k.
"""
from __future__ import annotations

import sympy as sp

from derivations.proof import prove_equal, prove_negative, prove_positive
from derivations.symbols import a, j, k, n, z
from exercises.proof import Claim
from exercises.sources import NOTES, book
from exercises.shared_steps import J_NOT_K, diagonal, off_diagonal, softmax_of_z, split_normaliser

def prove(proof, activation=softmax_of_z, diagonal_sign=1, off_diagonal_sign=-1):
    """The claimed signs: +1 for positive, -1 for negative."""
    sign_check = {1: prove_positive, -1: prove_negative}
    relation = {1: sp.Gt, -1: sp.Lt}
    proof.define(sp.Ge(n, 2), "at least two classes")
    split_normaliser(proof)
    proof.check(relation[diagonal_sign](sp.Derivative(a[j], z[j]), 0),
                r"$\partial a_j/\partial z_j = e^{z_j} R / (e^{z_j} + R)^2 = a_j (1 - a_j)$, for every $R > 0$",
                sign_check[diagonal_sign](diagonal(activation), claim="da_j/dz_j has the claimed sign"))
    full, cut = off_diagonal(activation)
    proof.check(sp.Eq(sp.Derivative(a[j], z[k]), cut, evaluate=False),
                r"for $j \ne k$ the Kronecker delta vanishes",
                prove_equal(full, cut, [sp.Ne(j, k)], premises=[J_NOT_K], claim="da_j/dz_k at j != k"))
    proof.check(relation[off_diagonal_sign](sp.Derivative(a[j], z[k]), 0),
                r"$-a_j a_k$: a product of two positive outputs, negated",
                sign_check[off_diagonal_sign](cut, claim="da_j/dz_k (j != k) has the claimed sign"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Monotonicity of softmax",
    statement=r"$\partial a_j/\partial z_k > 0$ if $j = k$ and $< 0$ if $j \ne k$.",
    source=book("Softmax", "exercise") + f"; {NOTES}, exercise F",
    expected="proved",
    prove=prove,
)
