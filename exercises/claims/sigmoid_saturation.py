"""sigma'(z) -> 0 as z -> +oo and as z -> -oo (the neuron saturates)."""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, sigma_prime
from derivations.symbols import z1
from exercises import lemmas
from exercises.proof import Claim, Statement
from exercises.sources import NOTES, book

u = sp.Symbol("u", real=True)


def statement(limit=0):
    """limit: the claimed value of sigma'(z) far out on either side."""
    return Statement(sp.And(*(sp.Eq(sp.Limit(sigma_prime(z1), z1, end), limit, evaluate=False) for end in (sp.oo, -sp.oo))),
                     parts={"limit": limit})


def prove(proof, s):
    identity = proof.show(sp.Eq(sigma_prime(z1), sigma(z1) * (1 - sigma(z1)), evaluate=False),
                          r"$\sigma' = \sigma (1 - \sigma)$ (differentiate the definition)")
    ends = []
    for end, sig_end, why in ((sp.oo, 1, r"$e^{-z} \to 0$ as $z \to \infty$"),
                              (-sp.oo, 0, r"$e^{-z} \to \infty$ as $z \to -\infty$")):
        outer = proof.show(sp.Eq(sp.Limit(sigma(z1), z1, end), sig_end, evaluate=False), why)
        product = proof.lemma(lemmas.CONTINUOUS_LIMIT, r"$u (1 - u)$ is continuous: one of its factors tends to 0",
                              outer=u * (1 - u), u=u, inner=sigma(z1), variable=z1, point=end, value=sig_end)
        ends.append(proof.show(sp.Eq(sp.Limit(sigma_prime(z1), z1, end), s.limit, evaluate=False),
                               r"so $\sigma'$ tends to 0 there", using=[identity, product, outer]))
    proof.show(s.proposition, "both ends", using=ends)


CLAIM = Claim(
    __name__,
    title="A saturated sigmoid learns slowly",
    prose=r"$\sigma'(z) \to 0$ as $z \to +\infty$ and as $z \to -\infty$.",
    source=book("The cross-entropy cost function", "learning slowdown") + f"; {NOTES}, section 58.9",
    expected="proved",
    statement=statement,
    prove=prove,
)
