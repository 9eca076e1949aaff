"""da_j/dz_k > 0 if j = k and < 0 if j != k (n >= 2 classes).

Raising z_j raises a_j and lowers every other output. For j = k: the normaliser has n >= 2
positive terms, so it exceeds its term e^(z_j): R = sum_ell e^(z_ell) - e^(z_j) > 0, and
da_j/dz_j = e^(z_j) R / (e^(z_j) + R)^2 > 0. For j != k, delta_jk = 0 leaves -a_j a_k.
"""
from __future__ import annotations

import sympy as sp

from derivations.steps import Definition
from derivations.symbols import a, j, k, n, z
from exercises.proof import Claim, Statement
from exercises.shared_steps import diagonal_steps, off_diagonal_step, softmax_of_z
from exercises.sources import NOTES, book

RELATION = {1: sp.Gt, -1: sp.Lt}


def statement(activation=softmax_of_z, diagonal_sign=1, off_diagonal_sign=-1):
    """The claimed signs: +1 for positive, -1 for negative."""
    slope = sp.Derivative(a[j], z[k])
    return Statement(sp.And(sp.Implies(sp.Eq(k, j), RELATION[diagonal_sign](slope, 0, evaluate=False), evaluate=False),
                            sp.Implies(sp.Ne(j, k), RELATION[off_diagonal_sign](slope, 0, evaluate=False), evaluate=False)),
                     hypotheses=(sp.Ge(n, 2),), notation=(Definition(a[j], activation(j)),),
                     parts={"diagonal": RELATION[diagonal_sign], "off_diagonal": RELATION[off_diagonal_sign]})


def prove(proof, s):
    positive, slope = diagonal_steps(proof)
    diagonal = proof.show(s.diagonal(sp.Derivative(a[j], z[j]), 0, evaluate=False),
                          r"$e^{z_j} R / (e^{z_j} + R)^2$ with $R > 0$", using=[slope, positive])
    same = proof.show(sp.Implies(sp.Eq(k, j), s.diagonal(sp.Derivative(a[j], z[k]), 0, evaluate=False), evaluate=False),
                      r"$k = j$ is the case above", using=[diagonal])
    off = off_diagonal_step(proof)
    other = proof.show(sp.Implies(sp.Ne(j, k), s.off_diagonal(sp.Derivative(a[j], z[k]), 0, evaluate=False), evaluate=False),
                       r"$-a_j a_k$: a product of two positive outputs, negated", using=[off])
    proof.show(s.proposition, "both cases", using=[same, other])


CLAIM = Claim(
    __name__,
    title="Monotonicity of softmax",
    prose=r"$\partial a_j/\partial z_k > 0$ if $j = k$ and $< 0$ if $j \neq k$.",
    source=book("Softmax", "exercise") + f"; {NOTES}, exercise F",
    expected="proved",
    statement=statement,
    prove=prove,
)
