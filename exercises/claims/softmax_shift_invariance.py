"""softmax(z - m) = softmax(z) for every real m.

The common factor e^(-m) cancels between numerator and normaliser. With m = max_k z_k every
exponent is <= 0, so the stable softmax cannot overflow, and it changes nothing.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.proof import prove_equal
from derivations.symbols import ell, j, n, z
from exercises.proof import Claim
from exercises.sources import SOFTMAX_NUMPY

shift = sp.Symbol("m", real=True)


def shifted(idx, move=lambda v: v - shift):
    """The softmax of the moved inputs, e^(move(z_idx)) / sum_ell e^(move(z_ell))."""
    return sp.exp(move(z[idx])) / sp.Sum(sp.exp(move(z[ell])), (ell, 1, n))


def prove(proof, move=lambda v: v - shift):
    """move: what is done to every z_ell (claimed: subtract the same m)."""
    proof.check(sp.Eq(shifted(j, move), softmax(z, j), evaluate=False),
                r"$e^{z - m} = e^z e^{-m}$; the factor $e^{-m}$ comes out of the sum and cancels",
                prove_equal(shifted(j, move), softmax(z, j), claim="softmax(moved z)_j = softmax(z)_j"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Softmax ignores a common shift",
    statement=r"$\operatorname{softmax}(z - m) = \operatorname{softmax}(z)$ for every scalar $m$ (why the stable "
              r"softmax subtracts $\max z$ and changes nothing).",
    source=f"{SOFTMAX_NUMPY}, the numerically stable softmax",
    expected="proved",
    prove=prove,
)
