"""sigma'(z) <= 1/4, with equality only at z = 0.

So with the quadratic cost the factor sigma'(z) in the gradient shrinks it by at least 4 for
every input, and by far more once the neuron saturates. "Only at z = 0": for z > 0 and for z < 0
the inequality is strict.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, sigma_prime
from derivations.symbols import z1
from exercises.proof import Claim, Statement
from exercises.sources import book

HALF = sp.Rational(1, 2)
s = sp.Symbol("s", real=True)      # s = sigma(z)


def statement(bound=sp.Rational(1, 4)):
    """bound: the claimed maximum of sigma'."""
    return Statement(sp.And(sp.Le(sigma_prime(z1), bound, evaluate=False),
                            sp.Eq(sigma_prime(0), bound, evaluate=False),
                            sp.Implies(sp.Gt(z1, 0), sp.Lt(sigma_prime(z1), bound, evaluate=False)),
                            sp.Implies(sp.Lt(z1, 0), sp.Lt(sigma_prime(z1), bound, evaluate=False))),
                     parts={"bound": bound})


def prove(proof, st):
    bound = st.bound
    proof.define(s, sigma(z1), r"write $s$ for $\sigma(z)$")
    square = (s - HALF) ** 2
    identity = proof.show(sp.Eq(sigma_prime(z1), bound - square, evaluate=False),
                          r"with $\sigma' = \sigma(1 - \sigma)$, complete the square")
    nonnegative = proof.show(sp.Ge(square, 0, evaluate=False), "a real square is nonnegative")
    at_most = proof.show(sp.Le(sigma_prime(z1), bound, evaluate=False), "so $\\sigma'(z)$ is at most the bound",
                         using=[identity, nonnegative])
    at_zero = proof.show(sp.Eq(sigma_prime(0), bound, evaluate=False), r"at $z = 0$: $\sigma(0) = 1/2$, the square vanishes")
    strict = [at_most, at_zero]
    for side, rel, words in ((sp.Gt(z1, 0), sp.Gt, "above"), (sp.Lt(z1, 0), sp.Lt, "below")):
        apart = proof.show(sp.Implies(side, rel(s - HALF, 0, evaluate=False)),
                           f"$\\sigma$ is increasing: for $z$ {words} 0, $\\sigma(z)$ is {words} 1/2")
        strict.append(proof.show(sp.Implies(side, sp.Lt(sigma_prime(z1), bound, evaluate=False)),
                                 "so the square is positive, and the inequality strict", using=[identity, apart]))
    proof.show(st.proposition, "the bound, and where it is attained", using=strict)


CLAIM = Claim(
    __name__,
    title="sigma' is at most 1/4",
    prose=r"$\sigma'(z) \le 1/4$ for every $z$, with equality only at $z = 0$.",
    source=book("The cross-entropy cost function", "why the quadratic cost learns slowly"),
    expected="proved",
    statement=statement,
    prove=prove,
)
