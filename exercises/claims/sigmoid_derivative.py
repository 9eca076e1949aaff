"""sigma'(z) = sigma(z)(1 - sigma(z)), from the definition of sigma."""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, sigmoid
from derivations.proof import prove_equal
from exercises.proof import Claim
from exercises.sources import NOTES, book
from derivations.symbols import z1


def in_terms_of_sigma(s):
    """The claimed sigma' written with s = sigma(z)."""
    return s * (1 - s)


def prove(proof, claimed=in_terms_of_sigma):
    proof.define(sp.Eq(sigma(z1), sigmoid(z1), evaluate=False), "definition of the sigmoid")
    proof.check(sp.Eq(sp.Derivative(sigma(z1), z1), claimed(sigma(z1)), evaluate=False),
                "differentiate the definition (quotient rule) and compare with the claimed form",
                prove_equal(sp.diff(sigmoid(z1), z1), claimed(sigmoid(z1)),
                            claim="d/dz 1/(1 + e^-z) = claimed form"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Derivative of the sigmoid",
    statement=r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$.",
    source=book("The cross-entropy cost function", "exercise") + f"; {NOTES}, exercise A",
    expected="proved",
    prove=prove,
)
