"""softmax(z - m) = softmax(z) for every real m.

The common factor e^(-m) cancels between numerator and normaliser. With m = max_k z_k every
exponent is <= 0, so the stable softmax cannot overflow, and it changes nothing.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.symbols import ell, j, n, z
from exercises.proof import Claim, Statement
from exercises.sources import SOFTMAX_NUMPY

shift = sp.Symbol("m", real=True)
S = sp.Symbol("S", real=True)


def shifted(idx, move=lambda v: v - shift):
    """The softmax of the moved inputs, e^(move(z_idx)) / sum_ell e^(move(z_ell))."""
    return sp.exp(move(z[idx])) / sp.Sum(sp.exp(move(z[ell])), (ell, 1, n))


def statement(move=lambda v: v - shift):
    """move: what is done to every z_ell (claimed: subtract the same m)."""
    return Statement(sp.Eq(shifted(j, move), softmax(z, j), evaluate=False), parts={"move": move})


def prove(proof, s):
    proof.define(S, sp.Sum(sp.exp(z[ell]), (ell, 1, n)), r"the normaliser of $z$")
    out = proof.show(sp.Eq(sp.Sum(sp.exp(s.move(z[ell])), (ell, 1, n)), sp.exp(-shift) * S, evaluate=False),
                     r"$e^{z_\ell - m} = e^{z_\ell} e^{-m}$: the factor $e^{-m}$ comes out of the sum")
    proof.show(sp.Eq(shifted(j, s.move), softmax(z, j), evaluate=False), r"and cancels against $e^{-m}$ in the numerator",
               using=[out])


CLAIM = Claim(
    __name__,
    title="Softmax ignores a common shift",
    prose=r"$\operatorname{softmax}(z - m) = \operatorname{softmax}(z)$ for every scalar $m$ (why the stable "
          r"softmax subtracts $\max z$ and changes nothing).",
    source=f"{SOFTMAX_NUMPY}, the numerically stable softmax",
    expected="proved",
    statement=statement,
    prove=prove,
)
