"""sigmoid output activations need not sum to 1.

An explicit input: the chapter's MNIST output layer (n = 10) at z = 0 gives sum_j sigma(0) = 5.
And for every n >= 2 classes, z_j = 1 for all j gives n sigma(1) > 1 (at n = 1 it is less than
1: the hypothesis n >= 2 is needed). The numeric counterpart on trained MNIST networks is in
`numeric`.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma
from derivations.symbols import j, n
from exercises.proof import Claim, Statement
from exercises.sources import NOTES, book


def statement(example=(10, 0), witness=1):
    """example: (n, the common input z_j) of the explicit case; witness: the common input used
    for every n >= 2."""
    size, value = example
    explicit = sp.Sum(sigma(sp.Integer(value)), (j, 1, size))
    every = sp.Sum(sigma(sp.Integer(witness)), (j, 1, n))
    return Statement(sp.And(sp.Ne(explicit, 1, evaluate=False), sp.Gt(every, 1, evaluate=False)),
                     hypotheses=(sp.Ge(n, 2),), parts={"explicit": explicit, "every": every, "size": size,
                                                        "value": value, "witness": witness})


def prove(proof, s):
    total = sp.nsimplify(s.explicit.doit().replace(sigma, lambda v: 1 / (1 + sp.exp(-v))))
    value = proof.show(sp.Eq(s.explicit, total, evaluate=False),
                       f"$n = {s.size}$ sigmoid outputs at $z = ({s.value}, \\dots, {s.value})$")
    explicit = proof.show(sp.Ne(s.explicit, 1, evaluate=False), "so they do not form a distribution", using=[value])
    scaled = proof.show(sp.Eq(s.every, n * sigma(sp.Integer(s.witness)), evaluate=False),
                        f"any $n$, at $z_j = {s.witness}$ for all $j$: $n$ equal terms")
    every = proof.show(sp.Gt(s.every, 1, evaluate=False), f"and $n \\sigma({s.witness}) > 1$ once $n \\ge 2$",
                       using=[scaled])
    proof.show(s.proposition, "an explicit input, and one for every n >= 2", using=[explicit, every])


CLAIM = Claim(
    __name__,
    title="Sigmoid outputs need not sum to 1",
    prose="An explicit input $z$ for which the sigmoid output activations do not sum to 1.",
    source=book("Softmax", "exercise") + f"; {NOTES}, exercise E",
    expected="proved",
    statement=statement,
    prove=prove,
)
