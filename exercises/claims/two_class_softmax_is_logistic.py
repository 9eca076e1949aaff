"""softmax([z_1, z_2])_1 = sigma(z_1 - z_2), and the two-class
categorical cross-entropy equals the binary cross-entropy of that sigmoid (with y = y_1).

Both costs come from `derivations.models`; with n = 2 and y_2 = 1 - y_1 (one of two classes),
they agree for every z and y.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, sigmoid, softmax
from derivations.models import MODELS
from derivations.proof import prove_equal
from derivations.symbols import a, n, y, z
from exercises.proof import Claim
from exercises.sources import ROELANTS


def two_class_softmax(idx):
    return softmax(z, idx, size=2)


def prove(proof, logit=z[1] - z[2]):
    """logit: the claimed argument of sigma giving a_1 (claimed: z_1 - z_2)."""
    proof.check(sp.Eq(a[1], sigma(logit), evaluate=False),
                r"divide numerator and denominator of $e^{z_1} / (e^{z_1} + e^{z_2})$ by $e^{z_1}$",
                prove_equal(two_class_softmax(1), sigmoid(logit), claim="softmax([z1, z2])_1 = sigma(logit)"))
    proof.check(sp.Eq(a[2], 1 - sigma(logit), evaluate=False), "the two outputs sum to 1",
                prove_equal(two_class_softmax(2), 1 - sigmoid(logit), claim="softmax([z1, z2])_2 = 1 - sigma(logit)"))
    categorical = MODELS["log-likelihood"].cost().subs(n, 2).doit()
    binary = MODELS["cross-entropy"].cost().subs(n, 1).doit()
    two_classes = {y[2]: 1 - y[1]}
    as_sigmoid = {a[1]: sigmoid(logit), a[2]: 1 - sigmoid(logit)}     # the two steps above
    proof.define(sp.Eq(y[2], 1 - y[1], evaluate=False), "two classes: the label is one of them")
    proof.check(sp.Eq(categorical.subs(two_classes), binary.subs(a[1], sigma(logit)), evaluate=False),
                "put in the two outputs found above: the categorical cross-entropy of the two softmax "
                "outputs is the binary cross-entropy of the sigmoid",
                prove_equal(categorical.subs(as_sigmoid).subs(two_classes),
                            binary.subs(a[1], sigmoid(logit)),
                            claim="two-class categorical CE = binary CE of sigma(logit)"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Two-class softmax is the sigmoid",
    statement=r"$\operatorname{softmax}([z_1, z_2])_1 = \sigma(z_1 - z_2)$, and two-class categorical cross-entropy "
              r"equals binary cross-entropy of that sigmoid.",
    source=f"{ROELANTS}, 'Softmax function' (the softmax generalises the logistic function; two-class error)",
    expected="proved",
    prove=prove,
)
