"""from the outputs back to the weighted inputs, z_j = ln a_j + C with C the same
for every j; in fact C = ln sum_k e^(z_k).

Only up to C: softmax-shift-invariance shows every C gives the same outputs.
"""
from __future__ import annotations

import sympy as sp

from derivations.symbols import a, ell, j, k, n, z
from exercises.proof import Claim, Statement
from exercises.shared_steps import SOFTMAX
from exercises.sources import NOTES, book

LOG_NORMALISER = sp.log(sp.Sum(sp.exp(z[ell]), (ell, 1, n)))
left = sp.IndexedBase("c", real=True)      # what is left over: c_j = z_j - ln a_j


def statement(constant=LOG_NORMALISER):
    """constant: the claimed C in z_j = ln a_j + C."""
    return Statement(sp.And(sp.Eq(z[j] - sp.log(a[j]), z[k] - sp.log(a[k]), evaluate=False),
                            sp.Eq(z[j], sp.log(a[j]) + constant, evaluate=False)),
                     notation=(SOFTMAX,), parts={"constant": constant})


def prove(proof, s):
    proof.define(left[j], z[j] - sp.log(a[j]), r"call what is left over $c_j$")
    value = proof.show(sp.Eq(left[j], s.constant, evaluate=False),
                       r"$\ln a_j = z_j - \ln \sum_\ell e^{z_\ell}$: the log of a quotient of positive numbers")
    same = proof.show(sp.Eq(left[j], left[k], evaluate=False), r"so it is the same for every $j$", using=[value])
    inverse = proof.show(sp.Eq(z[j], sp.log(a[j]) + s.constant, evaluate=False),
                         r"so $z_j = \ln a_j + C$, with $C$ independent of $j$", using=[value])
    proof.show(s.proposition, "the same constant, and its value", using=[same, inverse])


CLAIM = Claim(
    __name__,
    title="Inverting the softmax layer",
    prose=r"$z_j = \ln a_j + C$, with $C$ independent of $j$ (and $C = \ln \sum_k e^{z_k}$).",
    source=book("Softmax", "problem 'Inverting the softmax layer'") + f"; {NOTES}, exercise H",
    expected="proved",
    statement=statement,
    prove=prove,
)
