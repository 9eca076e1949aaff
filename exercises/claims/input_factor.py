"""for ANY differentiable cost C(a) of one sigmoid neuron a = sigma(sum_i w_i x_i + b),
dC/dw_j = x_j dC/db. No choice of cost removes the factor x_j: where x_j = 0, w_j does not learn.

C is an arbitrary (undefined) function, so the chain rule is SymPy's, for every C at once: C'(a)
at the point enters both sides as a common factor, checked as an arbitrary real number.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigma, sigma_prime
from derivations.steps import Definition
from derivations.symbols import cost_function, i, j, n
from exercises.proof import Claim, Statement
from exercises.sources import NOTES, book

x = sp.IndexedBase("x", real=True)        # the neuron's inputs x_1..x_n
w = sp.IndexedBase("w", real=True)        # its weights
b = sp.Symbol("b", real=True)             # its bias
a = sp.Symbol("a", real=True)             # its output
zz = sp.Symbol("z", real=True)            # its weighted input
C = cost_function()           # any differentiable cost of the output


def statement(factor=x[j]):
    """factor: what multiplies dC/db in dC/dw_j (claimed: the input x_j)."""
    gradient = sp.Derivative(C(a), w[j])
    return Statement(sp.And(sp.Eq(gradient, factor * sp.Derivative(C(a), b), evaluate=False),
                            sp.Implies(sp.Eq(x[j], 0), sp.Eq(gradient, 0, evaluate=False), evaluate=False)),
                     notation=(Definition(a, sigma(sp.Sum(w[i] * x[i], (i, 1, n)) + b)),),
                     parts={"factor": factor})


def prove(proof, s):
    proof.define(zz, sp.Sum(w[i] * x[i], (i, 1, n)) + b, r"the weighted input")
    proof.show(sp.Eq(a, sigma(zz), evaluate=False), r"the output is $\sigma$ of it")
    through = []
    for variable, inner in ((w[j], x[j]), (b, 1)):
        through.append(proof.show(sp.Eq(sp.Derivative(zz, variable), inner, evaluate=False),
                                  f"differentiate $z$ by ${sp.latex(variable)}$"))
    chains = [proof.show(sp.Eq(sp.Derivative(C(a), variable),
                               sp.Derivative(C(a), a) * sigma_prime(zz) * sp.Derivative(zz, variable), evaluate=False),
                         r"chain rule (SymPy, for every $C$): $C'(a)\, \sigma'(z)\, \partial z/\partial$ the variable")
              for variable in (w[j], b)]
    factor = proof.show(sp.Eq(sp.Derivative(C(a), w[j]), s.factor * sp.Derivative(C(a), b), evaluate=False),
                        r"so both are $C'(a)\sigma'(z)$ times $\partial z/\partial w_j = x_j$ or $\partial z/\partial b = 1$",
                        using=[*chains, *through])
    zero = proof.show(sp.Implies(sp.Eq(x[j], 0), sp.Eq(sp.Derivative(C(a), w[j]), 0, evaluate=False), evaluate=False),
                      r"so when $x_j = 0$ the weight $w_j$ does not learn, whatever the cost: the factor comes from "
                      r"$z$, not from $C$", using=[factor])
    proof.show(s.proposition, "the factor, and what it means", using=[factor, zero])


CLAIM = Claim(
    __name__,
    title="No cost removes the input factor x_j",
    prose=r"For any differentiable cost $C(a)$ with $a = \sigma(\sum_j w_j x_j + b)$, "
          r"$\partial C/\partial w_j = x_j\, \partial C/\partial b$, so no choice of cost removes the factor $x_j$.",
    source=book("What does the cross-entropy mean? Where does it come from?", "exercise") + f"; {NOTES}, exercise D",
    expected="proved",
    statement=statement,
    prove=prove,
)
