"""every a_j depends on every z_k: da_j/dz_k != 0 for all j, k (n >= 2).

Unlike a sigmoid layer, where a_j = sigma(z_j) sees z_j alone, each softmax output shares the
normaliser sum_ell e^(z_ell) with all the others.
"""
from __future__ import annotations

import sympy as sp

from derivations.steps import Definition
from derivations.symbols import a, j, k, n, z
from exercises.proof import Claim, Statement
from exercises.shared_steps import diagonal_steps, off_diagonal_step, softmax_of_z
from exercises.sources import NOTES, book


def statement(activation=softmax_of_z):
    """activation: a_j in terms of z (claimed: the softmax)."""
    slope = sp.Derivative(a[j], z[k])
    return Statement(sp.And(sp.Implies(sp.Eq(k, j), sp.Ne(slope, 0, evaluate=False), evaluate=False),
                            sp.Implies(sp.Ne(j, k), sp.Ne(slope, 0, evaluate=False), evaluate=False)),
                     hypotheses=(sp.Ge(n, 2),), notation=(Definition(a[j], activation(j)),))


def prove(proof, s):
    positive, slope = diagonal_steps(proof)
    diagonal = proof.show(sp.Ne(sp.Derivative(a[j], z[j]), 0, evaluate=False),
                          r"$k = j$: $e^{z_j} R / (e^{z_j} + R)^2$ with $R > 0$", using=[slope, positive])
    same = proof.show(sp.Implies(sp.Eq(k, j), sp.Ne(sp.Derivative(a[j], z[k]), 0, evaluate=False), evaluate=False),
                      r"$k = j$ is the case above", using=[diagonal])
    off = off_diagonal_step(proof)
    other = proof.show(sp.Implies(sp.Ne(j, k), sp.Ne(sp.Derivative(a[j], z[k]), 0, evaluate=False), evaluate=False),
                       r"$k \neq j$: $-a_j a_k$, a product of nonzero factors", using=[off])
    proof.show(s.proposition, "both cases", using=[same, other])


CLAIM = Claim(
    __name__,
    title="Non-locality of softmax",
    prose=r"Every $a_j$ depends on every $z_k$: $\partial a_j/\partial z_k \neq 0$ for all $j, k$.",
    source=book("Softmax", "exercise") + f"; {NOTES}, exercise G",
    expected="proved",
    statement=statement,
    prove=prove,
)
