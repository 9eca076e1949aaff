"""sigmoid output activations need not sum to 1.

An explicit input: the chapter's MNIST output layer (n = 10) at z = 0 gives sum_j sigma(0) = 5.
And for every n >= 2 classes, z_j = 1 for all j gives n sigma(1) > 1. (The numeric counterpart on
trained MNIST networks is in `numeric`.)
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, sigmoid
from derivations.proof import prove_equal, prove_nonzero, prove_positive
from derivations.symbols import j, n
from exercises.proof import Claim
from exercises.sources import NOTES, book

extra = sp.Symbol("u", integer=True, nonnegative=True)   # n = 2 + u covers every n >= 2


def prove(proof, example=(10, 0), witness=1):
    """example: (n, the common input z_j) of the explicit case; witness: the common input used
    for every n >= 2."""
    size, value = example
    total = sum(sigmoid(sp.Integer(value)) for _ in range(size))
    shown = sp.Sum(sigma(sp.Integer(value)), (j, 1, size))
    proof.check(sp.Eq(shown, sp.nsimplify(total), evaluate=False),
                f"$n = {size}$ sigmoid outputs at $z = ({value}, \\dots, {value})$: $\\sigma({value}) = {sp.latex(sigmoid(sp.Integer(value)))}$",
                prove_equal(total, sp.nsimplify(total), claim=f"sum of {size} sigma({value})"))
    proof.check(sp.Ne(shown, 1), "so they do not form a distribution",
                prove_nonzero(total - 1, claim=f"sum of {size} sigma({value}) != 1"))
    every_n = sp.Sum(sigmoid(sp.Integer(witness)), (j, 1, 2 + extra))
    proof.check(sp.Gt(sp.Sum(sigma(sp.Integer(witness)), (j, 1, n)), 1),
                f"any $n = 2 + u \\ge 2$, at $z_j = {witness}$ for all $j$: $n \\sigma({witness}) > 1$",
                prove_positive(every_n - 1, claim=f"(2 + u) sigma({witness}) - 1 > 0 for every integer u >= 0"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Sigmoid outputs need not sum to 1",
    statement="An explicit input $z$ for which the sigmoid output activations do not sum to 1.",
    source=book("Softmax", "exercise") + f"; {NOTES}, exercise E",
    expected="proved",
    prove=prove,
)
