"""sigma'(z) -> 0 as z -> +oo and as z -> -oo (the neuron saturates)."""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, sigma_prime, sigmoid, sigmoid_prime
from derivations.proof import prove_limit
from exercises.proof import Claim
from exercises.sources import NOTES, book
from derivations.symbols import z1


def prove(proof, limit=0):
    """limit: the claimed value of sigma'(z) far out on either side."""
    for end, sig_end, why in ((sp.oo, 1, r"$e^{-z} \to 0$ as $z \to \infty$"),
                              (-sp.oo, 0, r"$e^{-z} \to \infty$ as $z \to -\infty$")):
        proof.check(sp.Eq(sp.Limit(sigma(z1), z1, end), sig_end), why,
                    prove_limit(sigmoid(z1), z1, end, sig_end))
        proof.check(sp.Eq(sp.Limit(sigma_prime(z1), z1, end), limit),
                    r"$\sigma' = \sigma (1 - \sigma)$ and one of its factors tends to 0",
                    prove_limit(sigmoid_prime(z1), z1, end, limit))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="A saturated sigmoid learns slowly",
    statement=r"$\sigma'(z) \to 0$ as $z \to +\infty$ and as $z \to -\infty$.",
    source=book("The cross-entropy cost function", "learning slowdown") + f"; {NOTES}, section 58.9",
    expected="proved",
    prove=prove,
)
