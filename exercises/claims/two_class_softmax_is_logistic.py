"""softmax([z_1, z_2])_1 = sigma(z_1 - z_2), and the two-class
categorical cross-entropy equals the binary cross-entropy of that sigmoid (with y = y_1).

Both costs come from `derivations.models`; with n = 2 and y_2 = 1 - y_1 (one of two classes),
they agree for every z and y.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, softmax
from derivations.models import MODELS
from derivations.proof import Premise
from derivations.steps import Definition, Given
from derivations.symbols import a, n, y, z
from exercises.proof import Claim, Statement
from exercises.sources import ROELANTS

p = sp.Symbol("j_", integer=True, positive=True)
def _two_labels(rng, size):
    """Labels of two classes for the numeric check: y_1 anything, y_2 = 1 - y_1."""
    first = rng.uniform(-2, 3)
    return [first, 1 - first]


TWO_CLASSES = Given(sp.Eq(y[2], 1 - y[1], evaluate=False),
                    Premise("two classes: the label is one of them, y_2 = 1 - y_1", lambda e: e.xreplace({y[2]: 1 - y[1]}),
                            {y: _two_labels}, fact=sp.Eq(y[2], 1 - y[1], evaluate=False)))


def statement(logit=z[1] - z[2]):
    """logit: the claimed argument of sigma giving a_1 (claimed: z_1 - z_2)."""
    categorical = MODELS["log-likelihood"].cost().subs(n, 2).doit()
    binary = MODELS["cross-entropy"].cost().subs(n, 1).doit()
    proposition = sp.And(sp.Eq(a[1], sigma(logit), evaluate=False), sp.Eq(a[2], 1 - sigma(logit), evaluate=False),
                         sp.Eq(categorical, binary.xreplace({a[1]: sigma(logit)}), evaluate=False))
    return Statement(proposition, given=(TWO_CLASSES,), notation=(Definition(a[p], softmax(z, p, size=2)),),
                     parts={"logit": logit, "categorical": categorical, "binary": binary})


def prove(proof, s):
    first = proof.show(sp.Eq(a[1], sigma(s.logit), evaluate=False),
                       r"divide numerator and denominator of $e^{z_1} / (e^{z_1} + e^{z_2})$ by $e^{z_1}$")
    second = proof.show(sp.Eq(a[2], 1 - sigma(s.logit), evaluate=False), "the two outputs sum to 1")
    costs = proof.show(sp.Eq(s.categorical, s.binary.xreplace({a[1]: sigma(s.logit)}), evaluate=False),
                       "put in the two outputs found above: the categorical cross-entropy of the two softmax "
                       "outputs is the binary cross-entropy of the sigmoid", using=[first, second])
    proof.show(s.proposition, "the outputs, and the costs", using=[first, second, costs])


CLAIM = Claim(
    __name__,
    title="Two-class softmax is the sigmoid",
    prose=r"$\operatorname{softmax}([z_1, z_2])_1 = \sigma(z_1 - z_2)$, and two-class categorical cross-entropy "
          r"equals binary cross-entropy of that sigmoid.",
    source=f"{ROELANTS}, 'Softmax function' (the softmax generalises the logistic function; two-class error)",
    expected="proved",
    statement=statement,
    prove=prove,
)
