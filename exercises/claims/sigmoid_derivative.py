"""sigma'(z) = sigma(z)(1 - sigma(z)), from the definition of sigma."""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, sigmoid
from derivations.symbols import z1
from exercises.proof import Claim, Statement
from exercises.sources import NOTES, book

s = sp.Symbol("s", real=True)      # s = sigma(z), for short


def in_terms_of_sigma(value):
    """The claimed sigma' written with value = sigma(z)."""
    return value * (1 - value)


def statement(claimed=in_terms_of_sigma):
    return Statement(sp.Eq(sp.Derivative(sigma(z1), z1), claimed(sigma(z1)), evaluate=False), parts={"claimed": claimed})


def prove(proof, st):
    proof.show(sp.Eq(sigma(z1), sigmoid(z1), evaluate=False), "the definition of the sigmoid")
    proof.define(s, sigma(z1), r"write $s$ for $\sigma(z)$")
    proof.show(sp.Eq(sp.Derivative(sigma(z1), z1), st.claimed(s), evaluate=False),
               "differentiate the definition (quotient rule) and compare with the claimed form")


CLAIM = Claim(
    __name__,
    title="Derivative of the sigmoid",
    prose=r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$.",
    source=book("The cross-entropy cost function", "exercise") + f"; {NOTES}, exercise A",
    expected="proved",
    statement=statement,
    prove=prove,
)
