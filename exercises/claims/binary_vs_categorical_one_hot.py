"""REFUTED. "For one-hot labels, binary and categorical cross-entropy
give the same cost" is false.

For any labels, binary - categorical = -sum_j (1 - y_j) ln(1 - a_j): with a one-hot y the binary
form keeps -sum_{j != y} ln(1 - a_j), which is positive whenever another output is positive (as
every softmax output is). The proof shows an explicit counterexample and that the gradients differ.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.models import MODELS
from derivations.proof import prove_equal, prove_nonzero, prove_positive
from derivations.symbols import a, j, n, y, z
from exercises.proof import Claim
from exercises.sources import NOTES, book

BINARY = MODELS["cross-entropy"].cost()
CATEGORICAL = MODELS["log-likelihood"].cost()
EXTRA = -sp.Sum((1 - y[j]) * sp.log(1 - a[j]), (j, 1, n))   # what the binary form adds


def _tuple(values) -> str:
    return "(" + ", ".join(sp.latex(sp.sympify(v)) for v in values) + ")"


def prove(proof, first=BINARY, second=CATEGORICAL, labels=(1, 0, 0), inputs=(sp.log(2), 0, 0)):
    """Refute first == second for one-hot labels: the general difference, then a counterexample
    (labels, and the weighted inputs whose softmax gives the outputs) and the gradients there."""
    C1, C2 = sp.Symbol("C_bin"), sp.Symbol("C_cat")
    proof.define(sp.Eq(C1, first, evaluate=False), "the binary cross-entropy (Bernoulli model)")
    proof.define(sp.Eq(C2, second, evaluate=False), "the categorical cross-entropy (categorical model)")
    proof.check(sp.Eq(C1 - C2, EXTRA, evaluate=False),
                r"subtract: the binary form has an extra term for every $j$, kept where $y_j = 0$",
                prove_equal(first - second, EXTRA, claim="binary - categorical = -sum (1 - y_j) ln(1 - a_j)"))
    size = len(labels)
    zs = [z[q + 1] for q in range(size)]
    at_inputs = dict(zip(zs, inputs))
    at_labels = {y[q + 1]: v for q, v in enumerate(labels)}
    softmax_a = {a[q + 1]: softmax(z, q + 1, size=size).doit() for q in range(size)}
    outputs = [sp.simplify(softmax_a[a[q + 1]].subs(at_inputs)) for q in range(size)]
    in_z = lambda cost: cost.subs(n, size).doit().subs(at_labels).subs(softmax_a)   # C(z), labels fixed
    at = lambda cost: in_z(cost).subs(at_inputs)
    proof.check(sp.Gt(C1 - C2, 0),
                f"counterexample: $n = {size}$, one-hot $y = {_tuple(labels)}$, $z = {_tuple(inputs)}$, "
                f"so $a = \\operatorname{{softmax}}(z) = {_tuple(outputs)}$",
                prove_positive(at(first) - at(second), claim="binary - categorical > 0 at the counterexample"))
    other = next(q for q, v in enumerate(labels) if v == 0)   # an output whose label is 0
    gap = (sp.diff(in_z(first), zs[other]) - sp.diff(in_z(second), zs[other])).subs(at_inputs)
    proof.check(sp.Ne(sp.Derivative(C1, zs[other]), sp.Derivative(C2, zs[other])),
                f"the gradients differ too: $\\partial C / \\partial z_{other + 1}$ of each cost at the counterexample "
                "(softmax outputs)",
                prove_nonzero(gap, claim="dC_binary/dz - dC_categorical/dz != 0 at the counterexample"))
    proof.counterexample = {"n": size, "y": tuple(labels), "z": tuple(str(v) for v in inputs),
                            "a": tuple(str(v) for v in outputs),
                            "binary": float(at(first)), "categorical": float(at(second)),
                            f"gradient gap dC/dz_{other + 1}": float(gap)}
    return proof.conclude(refutes=True)


CLAIM = Claim(
    __name__,
    title="Binary != categorical CE, one-hot y",
    statement='The claim "for one-hot labels, binary and categorical cross-entropy give the same cost" is false: '
              r"the binary form keeps $-\sum_{j \ne y} \ln(1 - a_j)$, and the gradients differ.",
    source=f"{NOTES}, section 58.7 (which asserts the claim); " + book("Softmax", "the log-likelihood cost"),
    expected="refuted",
    prove=prove,
)
