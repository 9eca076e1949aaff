"""ln a_j = (z_j - M) - ln sum_ell e^(z_ell - M) for every real M.

When M is one of the inputs (M = z_t; the stable form takes M = max z, so that every exponent is
<= 0 and nothing overflows) the sum is >= 1: its term ell = t is e^0 = 1 and the others are
positive, so the logarithm's argument is at least 1. The form the stable log-softmax and the
cross-entropy in `numeric` compute.
"""
from __future__ import annotations

import sympy as sp

from derivations.symbols import a, ell, j, n, z
from exercises import lemmas
from exercises.proof import Claim, Statement
from exercises.shared_steps import SOFTMAX
from exercises.sources import SOFTMAX_NUMPY, book

M = sp.Symbol("M", real=True)
t = sp.Symbol("t", integer=True, positive=True)       # the index of the input M is
STABLE = (z[j] - M) - sp.log(sp.Sum(sp.exp(z[ell] - M), (ell, 1, n)))
SHIFTED = sp.Sum(sp.exp(z[ell] - M), (ell, 1, n))


def statement(stable=STABLE):
    """stable: the claimed form of ln a_j."""
    return Statement(sp.And(sp.Eq(sp.log(a[j]), stable, evaluate=False),
                            sp.Implies(sp.Eq(z[t], M), sp.Ge(SHIFTED, 1, evaluate=False), evaluate=False)),
                     notation=(SOFTMAX,), ranges={t: n}, parts={"stable": stable})


def prove(proof, s):
    form = proof.show(sp.Eq(sp.log(a[j]), s.stable, evaluate=False),
                      r"$\ln$ of the softmax; $e^{z_\ell} = e^M e^{z_\ell - M}$ and $\ln e^M = M$")
    term = proof.lemma(lemmas.SUM_AT_LEAST_TERM, r"every term $e^{z_\ell - M}$ is positive; take the term $\ell = t$",
                       term=sp.exp(z[ell] - M), index=ell, lo=1, hi=n, at=t)
    at_least = proof.show(sp.Implies(sp.Eq(z[t], M), sp.Ge(SHIFTED, 1, evaluate=False), evaluate=False),
                          r"with $M = z_t$ that term is $e^0 = 1$", using=[term])
    proof.show(s.proposition, "the stable form, and its logarithm's argument", using=[form, at_least])


CLAIM = Claim(
    __name__,
    title="The stable log-softmax",
    prose=r"$\ln a_j = (z_j - M) - \ln \sum_k e^{z_k - M}$ for every real $M$; with $M = \max z$ nothing "
          r"overflows and the logarithm's argument is at least 1.",
    source=f"{SOFTMAX_NUMPY} (the stable softmax), taken to its logarithm; " + book("Softmax", "the log-likelihood cost"),
    expected="proved",
    statement=statement,
    prove=prove,
)
