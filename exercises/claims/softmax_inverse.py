"""from the outputs back to the weighted inputs, z_j = ln a_j + C with C the same
for every j; in fact C = ln sum_k e^(z_k).

Only up to C: softmax-shift-invariance shows every C gives the same outputs.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.proof import prove_equal
from derivations.symbols import a, ell, j, k, n, z
from exercises.proof import Claim
from exercises.sources import NOTES, book

LOG_NORMALISER = sp.log(sp.Sum(sp.exp(z[ell]), (ell, 1, n)))


def prove(proof, constant=LOG_NORMALISER):
    """constant: the claimed C in z_j = ln a_j + C."""
    C_ = sp.IndexedBase("C")
    left = lambda idx: z[idx] - sp.log(softmax(z, idx))       # C_j := z_j - ln a_j
    proof.define(sp.Eq(C_[j], z[j] - sp.log(a[j]), evaluate=False), r"call what is left over $C_j$")
    proof.check(sp.Eq(C_[j], C_[k], evaluate=False),
                r"$\ln a_j = z_j - \ln \sum_\ell e^{z_\ell}$: the same $C$ for every $j$",
                prove_equal(left(j), left(k), claim="z_j - ln a_j = z_k - ln a_k"))
    proof.check(sp.Eq(C_[j], constant, evaluate=False),
                "the log of a quotient is the difference of the logs",
                prove_equal(left(j), constant, claim="z_j - ln a_j = C"))
    proof.check(sp.Eq(z[j], sp.log(a[j]) + constant, evaluate=False),
                r"so $z_j = \ln a_j + C$, with $C$ independent of $j$",
                prove_equal(z[j], sp.log(softmax(z, j)) + constant, claim="z_j = ln a_j + C"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Inverting the softmax layer",
    statement=r"$z_j = \ln a_j + C$, with $C$ independent of $j$ (and $C = \ln \sum_k e^{z_k}$).",
    source=book("Softmax", "problem 'Inverting the softmax layer'") + f"; {NOTES}, exercise H",
    expected="proved",
    prove=prove,
)
