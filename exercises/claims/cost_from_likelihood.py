"""each cost of the chapter is the negative log-likelihood of a model of the
labels, with the terms that do not depend on the output dropped:
Gaussian -> quadratic, independent Bernoulli -> binary cross-entropy, categorical -> categorical
cross-entropy; and averaged over the N training examples.

The derivations are `derivations.models`'; this claim takes over their checked steps and compares
each resulting cost with the chapter's formula.
"""
from __future__ import annotations

import sympy as sp

from derivations.models import MODELS
from derivations.proof import prove_equal
from derivations.symbols import C, a, j, n, y
from exercises.proof import Claim
from exercises.sources import BOOK, NOTES, ROELANTS

CHAPTER_COSTS = {
    "quadratic": sp.Rational(1, 2) * sp.Sum((y[j] - a[j]) ** 2, (j, 1, n)),
    "cross-entropy": -sp.Sum(y[j] * sp.log(a[j]) + (1 - y[j]) * sp.log(1 - a[j]), (j, 1, n)),
    "log-likelihood": -sp.Sum(y[j] * sp.log(a[j]), (j, 1, n)),
}


def prove(proof, costs=CHAPTER_COSTS):
    """costs: model key -> the claimed cost for that model."""
    for key, model in MODELS.items():
        proof.derivation(model.derivation, prefix=f"{model.name}: ")
        proof.check(sp.Eq(C, costs[key], evaluate=False),
                    f"the {model.name} model's cost is the chapter's {model.cost_name} cost",
                    prove_equal(model.cost(), costs[key], model.assumptions, samplers=model.samplers,
                                claim=f"{model.name} cost = claimed"))
        proof.derivation(model.average_derivation, prefix=f"{model.name}, N examples: ")
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Each cost is a negative log-likelihood",
    statement="Gaussian gives the quadratic cost, independent Bernoulli the binary cross-entropy, categorical "
              "the categorical cross-entropy (derived in derivations.models).",
    source=f"{NOTES}, sections 58.2-58.5 (likelihood models and costs); {ROELANTS} (cross-entropy from the likelihood); {BOOK}, equations 57, 63, 80",
    expected="proved",
    prove=prove,
)
