"""ln a_j = (z_j - M) - ln sum_ell e^(z_ell - M) for every real M.

With M = max_ell z_ell every exponent is <= 0 and the sum is >= 1 (the term at the maximum is
e^0 = 1): no overflow, and the logarithm's argument is at least 1. The form the stable
log-softmax and the cross-entropy in `numeric` compute.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.proof import prove_equal
from derivations.symbols import a, ell, j, n, z
from exercises.proof import Claim
from exercises.sources import SOFTMAX_NUMPY, book

M = sp.Symbol("M", real=True)
STABLE = (z[j] - M) - sp.log(sp.Sum(sp.exp(z[ell] - M), (ell, 1, n)))


def prove(proof, stable=STABLE):
    """stable: the claimed form of ln a_j."""
    proof.check(sp.Eq(sp.log(a[j]), stable, evaluate=False),
                r"$\ln$ of the softmax; $e^{z_\ell} = e^M e^{z_\ell - M}$ and $\ln e^M = M$",
                prove_equal(sp.log(softmax(z, j)), stable, claim="ln softmax_j = stable form"))
    proof.lemma(sp.Ge(sp.Sum(sp.exp(z[ell] - M), (ell, 1, n)), 1),
                r"with $M = \max z$, the term at the maximum is $e^0 = 1$ and the others are positive",
                "a sum of positive terms is at least any one of them")
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="The stable log-softmax",
    statement=r"$\ln a_j = (z_j - M) - \ln \sum_k e^{z_k - M}$ for every real $M$; with $M = \max z$ nothing "
              r"overflows and the logarithm's argument is at least 1.",
    source=f"{SOFTMAX_NUMPY} (the stable softmax), taken to its logarithm; " + book("Softmax", "the log-likelihood cost"),
    expected="proved",
    prove=prove,
)
