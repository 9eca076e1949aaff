"""What the output-layer gradient claims share: take the derivation of delta_j, dC/dw_jk and dC/db_j
from `derivations.outputs`, compare each result with the chapter's formula, and average over the
N training examples as the chapter does (C = (1/N) sum_x C_x).
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import ACTIVATIONS
from derivations.outputs import output_error
from derivations.proof import prove_equal
from derivations.symbols import C, a_prev, b, j, k, w, x_count, x_index, z
from exercises.claim import Proof


def per_example(expr: sp.Expr) -> sp.Expr:
    """The same quantity for training example x: every a_j, y_j, z_j, a_k^(L-1) gains the index x."""
    return expr.replace(lambda e: isinstance(e, sp.Indexed), lambda e: e.base[(*e.indices, x_index)])


def gradient_proof(claim_id: str, cost: str, activation: str, delta, weight, bias) -> Proof:
    """The steps for the pairing (cost, activation), checking the claimed delta_j, dC/dw_jk, dC/db_j."""
    proof = Proof(claim_id)
    oe = output_error(cost, activation)
    unfold = ACTIVATIONS[activation].unfold
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
