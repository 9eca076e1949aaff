"""Symbolic derivations: likelihood models -> costs -> output-layer gradients, and the proof
primitives every proof in the project is built from."""
from derivations.activations import ACTIVATIONS, Activation, sigmoid, sigmoid_prime, softmax
from derivations.derivation import Derivation, Step
from derivations.errors import NndlError
from derivations.models import MODELS, Bernoulli, Categorical, Gaussian, LikelihoodModel
from derivations.outputs import PAIRINGS, OutputError, output_error
from derivations.proof import (Premise, Verdict, prove_equal, prove_limit, prove_negative,
                               prove_nonzero, prove_positive)

__all__ = [
    "ACTIVATIONS", "Activation", "sigmoid", "sigmoid_prime", "softmax", "Derivation", "Step",
    "NndlError", "MODELS", "Bernoulli", "Categorical", "Gaussian", "LikelihoodModel", "PAIRINGS",
    "OutputError", "output_error", "Premise", "Verdict", "prove_equal", "prove_limit",
    "prove_negative", "prove_nonzero", "prove_positive",
]
