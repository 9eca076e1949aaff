"""for ANY differentiable cost C(a) of one sigmoid neuron a = sigma(sum_i w_i x_i + b),
dC/dw_j = x_j dC/db. No choice of cost removes the factor x_j.

C is an undefined SymPy function, so the chain rule is SymPy's, for every C at once. Its one
unknown, the value C'(a) at the point, enters both sides as a common factor; the proof writes it
as a free real number g, for which the identity must hold whatever g is.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import sigmoid
from derivations.proof import prove_equal
from derivations.symbols import i, j, n
from exercises.proof import Claim
from exercises.sources import NOTES, book

x = sp.IndexedBase("x", real=True)        # the neuron's inputs x_1..x_n
w = sp.IndexedBase("w", real=True)        # its weights
b = sp.Symbol("b", real=True)             # its bias
g = sp.Symbol("g", real=True)             # the value C'(a) at the point: any real number
C = sp.Function("C")


def _as_g(expr: sp.Expr) -> sp.Expr:
    """Write the unknown derivative C'(a) at the point as the free real number g."""
    return expr.replace(lambda e: isinstance(e, sp.Subs) and e.expr.has(sp.Derivative), lambda e: g)


def prove(proof, factor=x[j]):
    """factor: what multiplies dC/db in dC/dw_j (claimed: the input x_j)."""
    z = sp.Sum(w[i] * x[i], (i, 1, n)) + b
    cost = C(sigmoid(z))
    proof.define(sp.Eq(sp.Symbol("C"), C(sp.Symbol("a")), evaluate=False),
                 r"$C$ is any differentiable function of the output $a = \sigma(z)$, $z = \sum_i w_i x_i + b$")
    dw, db = sp.diff(cost, w[j]), sp.diff(cost, b)
    proof.check(sp.Eq(sp.Derivative(C(sp.Symbol("a")), w[j]), factor * sp.Derivative(C(sp.Symbol("a")), b),
                      evaluate=False),
                r"chain rule (SymPy): both are $C'(a) \sigma'(z)$ times $\partial z/\partial w_j = x_j$ or "
                r"$\partial z/\partial b = 1$; $C'(a)$ is a common factor $g$, arbitrary",
                prove_equal(_as_g(dw), factor * _as_g(db),
                            claim="dC/dw_j = factor * dC/db, for every value g of C'(a)"))
    proof.lemma(sp.Eq(sp.Subs(sp.Derivative(C(sp.Symbol("a")), w[j]), x[j], 0), 0, evaluate=False),
                r"so when $x_j = 0$ the weight $w_j$ does not learn, whatever the cost: the factor comes from "
                r"$z$, not from $C$",
                "a product with a zero factor is zero")
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="No cost removes the input factor x_j",
    statement=r"For any differentiable cost $C(a)$ with $a = \sigma(\sum_j w_j x_j + b)$, "
              r"$\partial C/\partial w_j = x_j\, \partial C/\partial b$, so no choice of cost removes the factor $x_j$.",
    source=book("What does the cross-entropy mean? Where does it come from?", "exercise") + f"; {NOTES}, exercise D",
    expected="proved",
    prove=prove,
)
