"""Every claim of the chapter, in a stable order (the chapter's), each found by its id."""
from __future__ import annotations

import importlib

from derivations.errors import unknown
from exercises.proof import Claim

ORDER = (   # the modules of exercises.claims, in the chapter's order
    "sigmoid_derivative",
    "sigmoid_saturation",
    "sigmoid_derivative_bound",
    "quadratic_gradient",
    "cross_entropy_is_a_cost",
    "cross_entropy_gradient",
    "cross_entropy_argument_order",
    "binary_entropy_minimum",
    "input_factor",
    "cross_entropy_from_gradient",
    "linear_output_quadratic",
    "cost_from_likelihood",
    "sigmoid_outputs_not_distribution",
    "softmax_distribution",
    "softmax_jacobian",
    "softmax_monotonicity",
    "softmax_nonlocality",
    "softmax_inverse",
    "softmax_shift_invariance",
    "log_softmax_stable",
    "softmax_temperature",
    "softmax_log_likelihood_gradient",
    "two_class_softmax_is_logistic",
    "binary_vs_categorical_one_hot",
)


def all_claims() -> list[Claim]:
    """All claims, in the chapter's order."""
    return [importlib.import_module(f"exercises.claims.{name}").CLAIM for name in ORDER]


def ids() -> list[str]:
    return [name.replace("_", "-") for name in ORDER]


def get(claim_id: str) -> Claim:
    """The claim with this id; an NndlError naming the known ids otherwise."""
    if claim_id not in ids():
        raise unknown("claim with id", claim_id, ids())
    return importlib.import_module(f"exercises.claims.{claim_id.replace('-', '_')}").CLAIM
