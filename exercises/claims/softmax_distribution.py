"""softmax outputs are positive and sum to 1, for any number n of classes."""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.steps import Definition
from derivations.symbols import a, ell, j, n, z
from exercises.proof import Claim, Statement
from exercises.shared_steps import RENAME_INDEX
from exercises.sources import NOTES, ROELANTS, book

S = sp.Symbol("S", real=True)      # the normaliser


def statement(activation=lambda idx: softmax(z, idx)):
    """activation: a_j in terms of z (claimed: the softmax)."""
    return Statement(sp.And(sp.Gt(a[j], 0, evaluate=False), sp.Eq(sp.Sum(a[j], (j, 1, n)), 1, evaluate=False)),
                     notation=(Definition(a[j], activation(j)),), premises=(RENAME_INDEX,))


def prove(proof, s):
    proof.define(S, sp.Sum(sp.exp(z[ell]), (ell, 1, n)), r"the normaliser $\sum_\ell e^{z_\ell}$")
    quotient = proof.show(sp.Eq(a[j], sp.exp(z[j]) / S, evaluate=False), "the softmax is a quotient by it")
    positive_sum = proof.show(sp.Gt(S, 0, evaluate=False), r"$n \ge 1$ positive terms")
    positive = proof.show(sp.Gt(a[j], 0, evaluate=False), r"$e^{z_j} > 0$ over a positive number",
                          using=[quotient, positive_sum])
    total = proof.show(sp.Eq(sp.Sum(a[j], (j, 1, n)), sp.Sum(sp.exp(z[j]), (j, 1, n)) / S, evaluate=False),
                       "the sum over $j$ shares the denominator", using=[quotient])
    one = proof.show(sp.Eq(sp.Sum(sp.exp(z[j]), (j, 1, n)) / S, 1, evaluate=False), "the numerators add up to it")
    proof.show(s.proposition, "positive, and they sum to 1", using=[positive, total, one])


CLAIM = Claim(
    __name__,
    title="Softmax outputs form a distribution",
    prose="Softmax outputs are positive and sum to 1.",
    source=book("Softmax") + f"; {NOTES}, section 58.6; {ROELANTS}, 'Softmax function'",
    expected="proved",
    statement=statement,
    prove=prove,
)
