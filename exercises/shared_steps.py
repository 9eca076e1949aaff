"""Proof steps several claims take, written once so that no claim imports another.

    gradient_steps     a pairing's derived delta_j, dC/dw_jk, dC/db_j against the claimed ones,
                       and their average over the N training examples
    split_normaliser   sum_ell e^(z_ell) = e^(z_j) + R with R > 0 (the softmax sign claims)
    RENAME_INDEX       a summation index is a bound name
    J_NOT_K            j != k, so delta_jk = 0
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.pairings import output_error
from derivations.proof import Premise, prove_equal
from derivations.symbols import C, a_prev, b, ell, evaluate, j, k, n, w, x_count, x_index, z


# --- premises ---------------------------------------------------------------------------------

def _canonical_indices(expr: sp.Expr) -> sp.Expr:
    """Name every bound summation index by its nesting depth, so sums equal up to the name of
    their index become identical (sum_i e^(z_i) and sum_ell e^(z_ell))."""
    def walk(e, depth):
        if isinstance(e, sp.Sum) and len(e.limits) == 1:
            v, lo, hi = e.limits[0]
            fresh = sp.Symbol(f"iota_{depth}", integer=True, positive=True)
            return sp.Sum(walk(e.function.xreplace({v: fresh}), depth + 1), (fresh, lo, hi))
        if not e.args:
            return e
        return e.func(*(walk(arg, depth) for arg in e.args))
    return walk(expr, 0)


RENAME_INDEX = Premise(
    r"a summation index is a bound name: $\sum_i e^{z_i} = \sum_\ell e^{z_\ell}$",
    _canonical_indices,
)
J_NOT_K = Premise(r"$j \ne k$, so $\delta_{jk} = 0$", lambda e: e.xreplace({sp.KroneckerDelta(j, k): 0}))


# --- the output-layer gradients of a pairing ---------------------------------------------------

def per_example(expr: sp.Expr) -> sp.Expr:
    """The same quantity for training example x: every a_j, y_j, z_j, a_k^(L-1) gains the index x."""
    return expr.replace(lambda e: isinstance(e, sp.Indexed), lambda e: e.base[(*e.indices, x_index)])


def gradient_steps(proof, cost: str, activation: str, delta, weight, bias):
    """The steps for the pairing (cost, activation), checking the claimed delta_j, dC/dw_jk, dC/db_j:
    the derivations of `derivations.pairings`, each result against the claimed formula, then the
    average over the N training examples as the chapter writes it (C = (1/N) sum_x C_x)."""
    oe = output_error(cost, activation)
    unfold = oe.derivation.unfold
    proof.derivation(oe.derivation)
    proof.check(sp.Eq(sp.Derivative(C, z[j]), delta, evaluate=False),
                "the derived output error is the claimed one",
                prove_equal(unfold(oe.closed_form), unfold(delta), claim="derived delta_j = claimed delta_j"))
    for derivation, variable, claimed, derived in (
            (oe.weight_gradient, w[j, k], weight, oe.closed_form * a_prev[k]),
            (oe.bias_gradient, b[j], bias, oe.closed_form)):
        proof.derivation(derivation)
        proof.check(sp.Eq(sp.Derivative(C, variable), claimed, evaluate=False),
                    r"with the derived $\delta_j$, this is the claimed gradient",
                    prove_equal(unfold(derived), unfold(claimed),
                                claim=f"dC/d{variable} = claimed, with the derived delta_j"))
    for variable, claimed in ((w[j, k], weight), (b[j], bias)):
        proof.lemma(sp.Eq(sp.Derivative(C, variable), sp.Sum(per_example(claimed), (x_index, 1, x_count)) / x_count,
                          evaluate=False),
                    r"averaged over the $N$ training examples, $C = \frac{1}{N} \sum_x C_x$: differentiate term by term",
                    "the derivative of a finite sum is the sum of the derivatives")
    return proof


# --- the softmax normaliser, split at j -------------------------------------------------------

NORMALISER = sp.Sum(sp.exp(z[ell]), (ell, 1, n))
REST = sp.Sum(sp.exp(z[ell]) * (1 - sp.KroneckerDelta(ell, j)), (ell, 1, n))   # sum over ell != j
r = sp.Symbol("R", positive=True)   # stands for REST: any positive number


def softmax_of_z(idx):
    return softmax(z, idx)


def diagonal(activation=softmax_of_z) -> sp.Expr:
    """da_j/dz_j, with the normaliser written as e^(z_j) + R, R > 0."""
    return evaluate(sp.diff(activation(j), z[j])).xreplace({NORMALISER: sp.exp(z[j]) + r})


def off_diagonal(activation=softmax_of_z) -> tuple[sp.Expr, sp.Expr]:
    """(da_j/dz_k, the same with delta_jk = 0)."""
    d = evaluate(sp.diff(activation(j), z[k]))
    return d, J_NOT_K.rewrite(d)


def split_normaliser(proof) -> None:
    """The steps that write sum_ell e^(z_ell) = e^(z_j) + R with R > 0."""
    proof.check(sp.Eq(NORMALISER, sp.exp(z[j]) + REST, evaluate=False),
                r"take the term $\ell = j$ out of the normaliser",
                prove_equal(NORMALISER, sp.exp(z[j]) + REST, claim="sum_ell e^z_ell = e^z_j + R"))
    proof.lemma(sp.Gt(REST, 0), r"$R$ has $n - 1 \ge 1$ terms ($n \ge 2$ classes), each positive",
                "a finite sum of at least one positive term is positive")
