"""sigma'(z) <= 1/4, with equality only at z = 0.

So with the quadratic cost the factor sigma'(z) in the gradient shrinks it by at least 4 for
every input, and by far more once the neuron saturates.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, sigma_prime, sigmoid, sigmoid_prime
from derivations.proof import prove_equal, prove_positive
from exercises.proof import Claim
from exercises.sources import book
from derivations.symbols import z1

HALF = sp.Rational(1, 2)


def prove(proof, bound=sp.Rational(1, 4)):
    """bound: the claimed maximum of sigma'."""
    square = (sigma(z1) - HALF) ** 2
    proof.check(sp.Eq(bound - sigma_prime(z1), square, evaluate=False),
                r"with $\sigma' = \sigma(1 - \sigma)$, complete the square",
                prove_equal(bound - sigmoid_prime(z1), square.subs(sigma(z1), sigmoid(z1))))
    proof.lemma(sp.Ge(square, 0, evaluate=False), r"a square of a real number is nonnegative, so $\sigma'(z)$ is at most the bound",
                "a real square is >= 0")
    proof.check(sp.Gt(sp.Derivative(sigma(z1), z1), 0),
                r"$\sigma$ is strictly increasing, so $\sigma(z) = 1/2$ at one $z$ only",
                prove_positive(sigmoid_prime(z1)))
    proof.check(sp.Eq(sigma(0), HALF), r"so the square vanishes, and $\sigma'$ equals the bound, at $z = 0$ only",
                prove_equal(sigmoid(sp.Integer(0)), HALF))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="sigma' is at most 1/4",
    statement=r"$\sigma'(z) \le 1/4$ for every $z$, with equality only at $z = 0$.",
    source=book("The cross-entropy cost function", "why the quadratic cost learns slowly"),
    expected="proved",
    prove=prove,
)
