"""asking a sigmoid neuron for dC/db = a - y (no sigma' factor) forces
C = -[y ln a + (1-y) ln(1-a)] + constant: the chapter's "where does the cross-entropy come from".

By the chain rule dC/db = C'(a) sigma'(z) = C'(a) a(1 - a), for every C (a = sigma(z), z = wx + b).
So the wish dC/db = a - y says C'(a) a(1 - a) = a - y for every output a in (0, 1): that is the
claim's hypothesis, and the chain rule is the claim's first part. Dividing by a(1 - a) != 0 gives
C'(a) = (a - y)/(a(1 - a)); the cross-entropy has exactly this derivative, and two functions with
the same derivative on an interval differ by a constant.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma
from derivations.steps import Definition, Given
from derivations.symbols import a1, cost_function, y1
from exercises import lemmas
from exercises.proof import Claim, Statement
from exercises.sources import book

w1, x1, b1 = sp.symbols("w x b", real=True)
a2 = sp.Symbol("a'", real=True)                      # a second output in (0, 1)
out = sp.Symbol("A", real=True)                      # the neuron's output sigma(w x + b)
C = cost_function()                      # any differentiable cost
E = sp.Function("E", real=True)                      # the claimed cost
CROSS_ENTROPY = -(y1 * sp.log(a1) + (1 - y1) * sp.log(1 - a1))
UNIT = (sp.Gt(a1, 0), sp.Lt(a1, 1))


def wish(wanted):
    """The wish dC/db = a - y, written with the chain rule: C'(a) a (1 - a) = wanted, for every a."""
    return sp.Eq(sp.Derivative(C(a1), a1) * a1 * (1 - a1), wanted, evaluate=False)


def statement(cost=CROSS_ENTROPY, wanted=a1 - y1):
    """cost: the claimed C(a); wanted: the dC/db asked for, in terms of a and y."""
    chain = sp.Eq(sp.Derivative(C(out), b1), sp.Derivative(C(out), out) * out * (1 - out), evaluate=False)
    constant = sp.Implies(sp.And(sp.Lt(0, a1), sp.Lt(a1, 1), sp.Lt(0, a2), sp.Lt(a2, 1)),
                          sp.Eq(C(a1) - E(a1), C(a2) - E(a2), evaluate=False), evaluate=False)
    return Statement(sp.And(chain, constant), hypotheses=UNIT, given=(Given(wish(wanted)),),
                     notation=(Definition(out, sigma(w1 * x1 + b1)), Definition(E(a1), cost)),
                     parts={"wanted": wanted})


def prove(proof, s):
    chain = proof.show(s.proposition.args[0] if isinstance(s.proposition.args[0], sp.Eq) else s.proposition.args[1],
                       r"chain rule (SymPy, any $C$): $\partial C/\partial b = C'(a) \sigma'(z)$ and $\sigma'(z) = a(1 - a)$")
    needed = s.wanted / (a1 * (1 - a1))
    slope = proof.lemma(lemmas.CANCEL_FACTOR, r"so the wish is $C'(a) a (1 - a) = a - y$: divide by $a(1 - a) > 0$",
                        unknown=sp.Derivative(C(a1), a1), factor=a1 * (1 - a1), value=s.wanted)
    claimed = proof.show(sp.Eq(sp.Derivative(E(a1), a1), needed, evaluate=False), "the claimed cost has that derivative")
    same = proof.lemma(lemmas.SAME_DERIVATIVE,
                       r"so every cost with $\partial C/\partial b = a - y$ is the claimed one plus a constant",
                       using=[slope, claimed], f=C(a1), g=E(a1), variable=a1, other=a2, lo=0, hi=1)
    proof.show(s.proposition, "the chain rule, and the constant", using=[chain, same])


CLAIM = Claim(
    __name__,
    title="Cross-entropy from the wanted gradient",
    prose=r"If $\partial C/\partial b = a - y$ for a sigmoid neuron, then $C = -[y \ln a + (1-y) \ln(1-a)]$ + constant.",
    source=book("What does the cross-entropy mean? Where does it come from?"),
    expected="proved",
    statement=statement,
    prove=prove,
)
