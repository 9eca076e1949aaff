"""Symbolic derivations: likelihood models -> costs -> output-layer gradients, and the proof
primitives every proof in the project is built from.

The names below load their module on first use, so that `from derivations.errors import NndlError`
(which the NumPy code needs) does not import SymPy.
"""
from importlib import import_module

_WHERE = {
    "ACTIVATIONS": "activations", "Activation": "activations", "sigmoid": "activations",
    "sigmoid_prime": "activations", "softmax": "activations",
    "Derivation": "derivation", "Step": "derivation",
    "NndlError": "errors",
    "MODELS": "models", "Bernoulli": "models", "Categorical": "models", "Gaussian": "models",
    "LikelihoodModel": "models",
    "PAIRINGS": "outputs", "OutputError": "outputs", "output_error": "outputs",
    "Premise": "proof", "Verdict": "proof", "prove_equal": "proof", "prove_limit": "proof",
    "prove_negative": "proof", "prove_nonzero": "proof", "prove_positive": "proof",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'derivations' has no attribute {name!r}")
    value = getattr(import_module(f"derivations.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
