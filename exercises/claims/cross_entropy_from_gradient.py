"""asking a sigmoid neuron for dC/db = a - y (no sigma' factor) forces
C = -[y ln a + (1-y) ln(1-a)] + constant: the chapter's "where does the cross-entropy come from".

By the chain rule dC/db = C'(a) sigma'(z) = C'(a) a(1 - a), for every C; so the wish means
C'(a) = (a - y) / (a(1 - a)). The cross-entropy has exactly this derivative, and two
antiderivatives on an interval differ by a constant.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigmoid
from derivations.proof import prove_equal
from exercises.proof import Claim
from exercises.sources import book
from derivations.symbols import a1, y1

w1, x1, b1 = sp.symbols("w x b", real=True)
g = sp.Symbol("g", real=True)            # the value C'(a) at the point: any real number
CROSS_ENTROPY = -(y1 * sp.log(a1) + (1 - y1) * sp.log(1 - a1))
OPEN_UNIT = [0 < a1, a1 < 1]


def prove(proof, cost=CROSS_ENTROPY, wanted=a1 - y1):
    """cost: the claimed C(a); wanted: the dC/db asked for, in terms of a and y."""
    C = sp.Function("C")
    z = w1 * x1 + b1
    chain = sp.diff(C(sigmoid(z)), b1).replace(lambda e: isinstance(e, sp.Subs), lambda e: g)
    proof.check(sp.Eq(sp.Derivative(C(sp.Symbol("a")), b1), g * a1 * (1 - a1), evaluate=False),
                r"chain rule (SymPy, any $C$): $\partial C/\partial b = C'(a) \sigma'(z)$ and $\sigma'(z) = a(1 - a)$; $g = C'(a)$",
                prove_equal(chain, (g * a1 * (1 - a1)).subs(a1, sigmoid(z)),
                            claim="dC/db = C'(a) a (1 - a) for every value g of C'(a)"))
    needed = wanted / (a1 * (1 - a1))
    proof.check(sp.Eq(sp.Derivative(C(a1), a1), needed, evaluate=False),
                r"so $\partial C/\partial b = a - y$ exactly when $C'(a)$ is this, for $0 < a < 1$: "
                r"divide by $a(1 - a) > 0$",
                prove_equal(needed * a1 * (1 - a1), wanted, OPEN_UNIT, claim="C'(a) a (1 - a) = wanted"))
    proof.check(sp.Eq(sp.Derivative(cost, a1), needed, evaluate=False),
                "the claimed cost has that derivative",
                prove_equal(sp.diff(cost, a1), needed, OPEN_UNIT, claim="d(claimed cost)/da = needed C'(a)"))
    proof.lemma(sp.Eq(C(a1), cost + sp.Symbol("constant"), evaluate=False),
                r"every cost with $\partial C/\partial b = a - y$ is the cross-entropy plus a constant",
                "two antiderivatives of one function on an interval differ by a constant")
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Cross-entropy from the wanted gradient",
    statement=r"If $\partial C/\partial b = a - y$ for a sigmoid neuron, then $C = -[y \ln a + (1-y) \ln(1-a)]$ + constant.",
    source=book("What does the cross-entropy mean? Where does it come from?"),
    expected="proved",
    prove=prove,
)
