"""REFUTED. "For one-hot labels, binary and categorical cross-entropy
give the same cost" is false.

For any labels, binary - categorical = -sum_j (1 - y_j) ln(1 - a_j): with a one-hot y the binary
form keeps -sum_{j != y} ln(1 - a_j), which is positive whenever another output is positive (as
every softmax output is). The proof shows that the claim's equation fails at an explicit point
that satisfies its hypotheses (the labels are checked one-hot there), and that the gradients
differ there too.
"""
from __future__ import annotations

import sympy as sp

from derivations.models import MODELS
from derivations.symbols import a, j, n, y, z
from exercises.proof import Claim, Statement
from exercises.shared_steps import SOFTMAX, one_hot
from exercises.sources import NOTES, book

BINARY = MODELS["cross-entropy"].cost()
CATEGORICAL = MODELS["log-likelihood"].cost()
EXTRA = -sp.Sum((1 - y[j]) * sp.log(1 - a[j]), (j, 1, n))   # what the binary form adds


def statement(first=BINARY, second=CATEGORICAL, labels=(1, 0, 0), inputs=(sp.log(2), 0, 0)):
    """The claim refuted: first == second for one-hot labels, with softmax outputs. labels and
    inputs: the counterexample the proof uses (n = len(labels))."""
    return Statement(sp.Eq(first, second, evaluate=False), given=(one_hot(),), notation=(SOFTMAX,), refutes=True,
                     parts={"first": first, "second": second, "labels": tuple(labels), "inputs": tuple(inputs)})


def prove(proof, s):
    proof.show(sp.Eq(s.first - s.second, EXTRA, evaluate=False),
               r"subtract: the binary form has an extra term for every $j$, kept where $y_j = 0$")
    size = len(s.labels)
    point = {n: size, y: s.labels, z: s.inputs}
    other = next((q + 1 for q, v in enumerate(s.labels) if v == 0), 1)     # an output whose label is 0
    gradients = [sp.Subs(sp.Derivative(proof._at(cost, {n: size, y: s.labels}), z[other]),
                         tuple(z[q + 1] for q in range(size)), s.inputs) for cost in (s.first, s.second)]
    proof.show(sp.Ne(*gradients, evaluate=False),
               f"the gradients $\\partial C/\\partial z_{other}$ of the two costs differ there too")
    proof.refute(point, f"counterexample: $n = {size}$, one-hot $y = {_tuple(s.labels)}$, $z = {_tuple(s.inputs)}$ "
                        f"(so $a = \\operatorname{{softmax}}(z)$): the two costs differ")


def _tuple(values) -> str:
    from derivations.notation import tex_inline
    return "(" + ", ".join(tex_inline(sp.sympify(v)) for v in values) + ")"


CLAIM = Claim(
    __name__,
    title="Binary != categorical CE, one-hot y",
    prose='The claim "for one-hot labels, binary and categorical cross-entropy give the same cost" is false: '
          r"the binary form keeps $-\sum_{j \neq y} \ln(1 - a_j)$, and the gradients differ.",
    source=f"{NOTES}, section 58.7 (which asserts the claim); " + book("Softmax", "the log-likelihood cost"),
    expected="refuted",
    statement=statement,
    prove=prove,
)
