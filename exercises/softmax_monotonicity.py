"""softmax-monotonicity: da_j/dz_k > 0 if j = k and < 0 if j != k (n >= 2 classes).

Raising z_j raises a_j and lowers every other output. For j = k the proof splits the normaliser
as sum_ell e^(z_ell) = e^(z_j) + R, R the sum over ell != j; R > 0 because it has n - 1 >= 1
positive terms, so a_j (1 - a_j) is positive. For j != k, delta_jk = 0 leaves -a_j a_k.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.proof import Premise, prove_equal, prove_negative, prove_positive
from derivations.symbols import a, ell, evaluate, j, k, n, z
from exercises.claim import Claim, Proof

NORMALISER = sp.Sum(sp.exp(z[ell]), (ell, 1, n))
REST = sp.Sum(sp.exp(z[ell]) * (1 - sp.KroneckerDelta(ell, j)), (ell, 1, n))   # sum over ell != j
r = sp.Symbol("R", positive=True)   # stands for REST: any positive number
J_NOT_K = Premise(r"$j \ne k$, so $\delta_{jk} = 0$", lambda e: e.xreplace({sp.KroneckerDelta(j, k): 0}))


def softmax_of_z(idx):
    return softmax(z, idx)


def diagonal(activation=softmax_of_z) -> sp.Expr:
    """da_j/dz_j, with the normaliser written as e^(z_j) + R, R > 0."""
    return evaluate(sp.diff(activation(j), z[j])).xreplace({NORMALISER: sp.exp(z[j]) + r})


def off_diagonal(activation=softmax_of_z) -> tuple[sp.Expr, sp.Expr]:
    """(da_j/dz_k, the same with delta_jk = 0)."""
    d = evaluate(sp.diff(activation(j), z[k]))
    return d, J_NOT_K.rewrite(d)


def split_normaliser(proof: Proof) -> None:
    """The steps that write sum_ell e^(z_ell) = e^(z_j) + R with R > 0."""
    proof.check(sp.Eq(NORMALISER, sp.exp(z[j]) + REST, evaluate=False),
                r"take the term $\ell = j$ out of the normaliser",
                prove_equal(NORMALISER, sp.exp(z[j]) + REST, claim="sum_ell e^z_ell = e^z_j + R"))
    proof.lemma(sp.Gt(REST, 0), r"$R$ has $n - 1 \ge 1$ terms ($n \ge 2$ classes), each positive",
                "a finite sum of at least one positive term is positive")


def prove(activation=softmax_of_z, diagonal_sign=1, off_diagonal_sign=-1):
    """The claimed signs: +1 for positive, -1 for negative."""
    proof = Proof("softmax-monotonicity")
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
    id="softmax-monotonicity",
    title="Monotonicity of softmax",
    statement=r"$\partial a_j/\partial z_k > 0$ if $j = k$ and $< 0$ if $j \ne k$.",
    source="Nielsen ch. 3, 'Softmax', exercise; seed 000 exercise F",
    expected="proved",
    prove=prove,
)
