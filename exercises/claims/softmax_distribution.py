"""softmax outputs are positive and sum to 1, for any number n of classes."""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.proof import prove_equal, prove_positive
from derivations.symbols import a, j, n, z
from exercises.proof import Claim
from exercises.sources import NOTES, ROELANTS, book
from exercises.shared_steps import RENAME_INDEX


def prove(proof, activation=lambda idx: softmax(z, idx)):
    """activation: a_j in terms of z (claimed: the softmax) for the same proof to examine."""
    aj = activation(j)
    proof.define(sp.Eq(a[j], aj, evaluate=False), r"the output activations, $j = 1, \dots, n$")
    proof.check(sp.Gt(a[j], 0), r"$e^{z_j} > 0$ over a sum of such positive terms",
                prove_positive(aj, claim="a_j > 0"))
    proof.check(sp.Eq(sp.Sum(a[j], (j, 1, n)), 1),
                r"the sum over $j$ shares the denominator; the numerators add up to it",
                prove_equal(sp.Sum(aj, (j, 1, n)), 1, premises=[RENAME_INDEX], claim="sum_j a_j = 1"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Softmax outputs form a distribution",
    statement="Softmax outputs are positive and sum to 1.",
    source=book("Softmax") + f"; {NOTES}, section 58.6; {ROELANTS}, 'Softmax function'",
    expected="proved",
    prove=prove,
)
