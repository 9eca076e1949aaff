"""The chapter's functions in NumPy: the activations, sigma', log-sigmoid, softmax, log-softmax and
the three costs (the cross-entropy also from the weighted inputs z), each written once (the training loop's buffered `_into` versions beside their plain ones).

Each public function's body is the formula itself, written with plain `np.exp`, `np.log` and
`np.sum` so that latexify can render it beside the SymPy result it implements. The checks and the
few numerical safeguards live in the small helpers below them. Every function is finite and
accurate for any finite input, logits of +-1e300 included, and refuses NaN, infinity and wrong
shapes with an `NndlError` that names the problem.

Shapes: a 2-D array holds one example per row; a 0-D or 1-D array is a single example.
Costs are means over the examples (Nielsen's 1/n sum over x).
"""
from __future__ import annotations

import functools
import inspect

import numpy as np

from derivations.errors import NndlError


def _checked(formula):
    """Run `formula` on finite arrays.

    Every argument but `axis` becomes a NumPy array and must be numeric and finite. Overflow stays
    quiet, because where it happens in these formulas the result is the correctly rounded value:
    e^{-z} = inf for z < -709 gives sigma(z) = 1/(1 + inf) = 0, and a z - max(z) beyond the float
    range gives e^{-inf} = 0 and a log-probability of -inf.
    """
    signature = inspect.signature(formula)

    @functools.wraps(formula)
    def run(*args, **kwargs):
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise NndlError(f"{formula.__name__}: {exc}") from None
        bound.apply_defaults()
        for name, value in bound.arguments.items():
            if name != "axis":
                bound.arguments[name] = finite_array(value, name, formula.__name__)
        with np.errstate(over="ignore"):
            return formula(*bound.args, **bound.kwargs)

    return run


def finite_array(value, name: str, where: str = "input") -> np.ndarray:
    """`value` as a NumPy array of numbers with no NaN or infinity, else an NndlError."""
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise NndlError(f"{where}: {name} must be an array of real numbers, got dtype {array.dtype}")
    if array.dtype.kind == "f" and array.size and not (np.isfinite(array.min()) and np.isfinite(array.max())):
        # min and max are finite exactly when every entry is (NaN propagates), with no array-sized temporary
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise NndlError(f"{where}: {name} contains {bad} NaN or infinite value(s); only finite input is allowed")
    return array


# --- activations -----------------------------------------------------------------------------

@_checked
def identity(z):
    """a = z: a linear output layer."""
    return z


@_checked
def sigmoid(z):
    """sigma(z) = 1 / (1 + e^{-z}). For z < -709, e^{-z} is inf and sigma(z) the correct 0."""
    return 1 / (1 + np.exp(-z))


@_checked
def sigmoid_prime(z):
    """sigma'(z) = sigma(z) (1 - sigma(z)), written with 1 - sigma(z) = sigma(-z) so that it stays
    accurate where sigma(z) rounds to 1."""
    return sigmoid(z) * sigmoid(-z)


@_checked
def log_sigmoid(z):
    """ln sigma(z) = min(z, 0) - ln(1 + e^{-|z|}): the same as -ln(1 + e^{-z}), but e^{-|z|} <= 1 never
    overflows, and for z far above 0 the log stays the tiny -e^{-z} instead of ln 1 = 0 (so
    ln(1 - sigma(z)) = ln sigma(-z) is about -z where sigma(z) rounds to 1, not ln 0)."""
    return np.minimum(z, 0) - np.log1p(np.exp(-np.abs(z)))


@_checked
def softmax(z, axis=-1):
    """a_j = e^{z_j} / sum_k e^{z_k}, computed from the shifted d = z - max(z): same value, no overflow."""
    d = shifted(z, axis)
    return np.exp(d) / np.sum(np.exp(d), axis=axis, keepdims=True)


@_checked
def log_softmax(z, axis=-1):
    """ln a_j = d_j - ln sum_k e^{d_k} with d = z - max(z): accurate log-probabilities, near 1 too."""
    d = shifted(z, axis)
    return d - log_sum_exp(d, axis)


def shifted(z: np.ndarray, axis: int) -> np.ndarray:
    """z - max(z) along `axis`: every entry <= 0, the largest exactly 0.

    softmax(z) = softmax(z - c) for any c, and this c keeps every e^{d} in [0, 1]. Where a
    difference leaves the float range (entries of both signs near 1e308) it rounds to -inf, whose
    exponential is the correct 0 and whose log-probability is the correctly rounded -inf.
    """
    if z.ndim == 0:
        raise NndlError("softmax: z must have at least one axis, got a scalar")
    try:
        if z.shape[axis] == 0:
            raise NndlError(f"softmax: z has no entries along axis {axis} (shape {z.shape})")
    except IndexError:
        raise NndlError(f"softmax: axis {axis} is out of range for z of shape {z.shape}") from None
    return z - np.max(z, axis=axis, keepdims=True)


def log_sum_exp(d: np.ndarray, axis: int) -> np.ndarray:
    """ln sum_k e^{d_k} for shifted d (max exactly 0): ln(1 + the sum of the other terms) by log1p,
    so that a probability near 1 keeps its small log (ln(1 - 1e-20) = -1e-20, not 0)."""
    others = np.exp(d)
    np.put_along_axis(others, np.argmax(d, axis=axis, keepdims=True), 0, axis=axis)
    return np.log1p(np.sum(others, axis=axis, keepdims=True))


# --- the training loop's versions: the same formulas written into a buffer, unchecked ---------
# `Network.sgd` runs them thousands of times per epoch on arrays it has already checked, where
# argument checks and fresh arrays would cost more than the arithmetic. Overflow of exp is
# silenced by the caller (it gives the correct 0 here too).

def identity_into(z, out):
    """out = z; `out` may be `z`."""
    if out is not z:
        out[...] = z
    return out


def sigmoid_into(z, out):
    """out = sigma(z) = 1 / (1 + e^{-z}); `out` may be `z`."""
    np.negative(z, out=out)
    np.exp(out, out=out)
    out += 1
    return np.reciprocal(out, out=out)


def sigmoid_prime_of_output(a):
    """sigma'(z) = a (1 - a), from the sigmoid's output a = sigma(z) (the form backpropagation
    uses: the hidden layers keep a, not z). Works on numbers and arrays alike."""
    return a * (1 - a)


def sigmoid_prime_of_output_into(a, out):
    """out = a (1 - a), as `sigmoid_prime_of_output`; `out` must not be `a`."""
    np.subtract(1, a, out=out)
    return np.multiply(out, a, out=out)


def softmax_into(z, out, axis=0):
    """out = softmax(z) along `axis` (the training loop keeps one example per column), from
    z - max(z); `out` may be `z`."""
    np.subtract(z, z.max(axis=axis, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=axis, keepdims=True)
    return out


# --- costs -----------------------------------------------------------------------------------

@_checked
def quadratic_cost(a, y):
    """C = 1/(2n) sum_x ||y(x) - a(x)||^2, the quadratic cost (Nielsen eq. 6)."""
    n = examples(a, y)
    return np.sum((y - a) ** 2) / (2 * n)


@_checked
def binary_cross_entropy(a, y):
    """C = -1/n sum_x sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)], the cross-entropy (Nielsen eq. 63).

    0 ln 0 counts as 0; an output of exactly 0 or 1 on the wrong side costs inf, the true value.
    """
    n = examples(a, y, probabilities=True)
    return -np.sum(xlogy(y, a) + xlogy(1 - y, 1 - a)) / n


@_checked
def sigmoid_cross_entropy(z, y):
    """C = -1/n sum_x sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)] with a = sigma(z), from the weighted
    inputs z: ln a_j = ln sigma(z_j) and ln(1 - a_j) = ln sigma(-z_j). Finite for every finite z,
    where a_j rounds to 0 or 1 too (float32 rounds sigma(z) to 1 from z = 17.4 on)."""
    n = examples(z, y, probabilities="y")
    log_a = log_sigmoid(z)
    log_b = log_sigmoid(-z)                 # ln(1 - a) = ln sigma(-z)
    return -np.sum(y * log_a + (1 - y) * log_b) / n


@_checked
def categorical_cross_entropy(logits, labels):
    """C = -1/n sum_x ln a_{y(x)} with a = softmax(z): the log-likelihood cost, from the logits z.

    `labels` are class indices (one per example) or one-hot rows of the logits' shape.
    """
    z, y = logits_and_indices(logits, labels)
    log_a = log_softmax(z)
    n = len(y)
    return -np.sum(log_a[np.arange(n), y] / n)  # 1/n inside the sum: a finite mean never overflows


def examples(a: np.ndarray, y: np.ndarray, probabilities: bool | str = False) -> int:
    """The number n of examples in outputs `a` and targets `y`, after checking they match.

    With `probabilities`, both must lie in [0, 1]; with probabilities="y", the targets only."""
    if a.shape != y.shape:
        raise NndlError(f"cost: outputs a {a.shape} and targets y {y.shape} must have the same shape")
    if a.ndim > 2:
        raise NndlError(f"cost: expected one example per row (at most 2 axes), got shape {a.shape}")
    if probabilities:
        for name, v in (("a", a), ("y", y)):
            if probabilities == "y" and name == "a":
                continue
            if np.any(v < 0) or np.any(v > 1):
                raise NndlError(f"cross-entropy: {name} must lie in [0, 1] "
                                f"(found values from {v.min():g} to {v.max():g})")
    if a.size == 0:
        raise NndlError(f"cost: there are no examples (shape {a.shape})")
    return a.shape[0] if a.ndim == 2 else 1


def xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x ln y with 0 ln 0 = 0 (the limit), so a saturated but correct output costs nothing."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 0.0, x * np.log(y))


def logits_and_indices(logits: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Logits as (n, k) and labels as n class indices in 0..k-1 (from indices or one-hot rows)."""
    if logits.ndim == 1:  # a single example
        logits, labels = logits[None, :], (labels[None] if labels.ndim <= 1 else labels)
    if logits.ndim != 2 or logits.shape[1] == 0:
        raise NndlError(f"log-likelihood: logits must have shape (n, k) with k >= 1, got {logits.shape}")
    n, k = logits.shape
    if n == 0:
        raise NndlError("log-likelihood: there are no examples (logits of shape (0, k))")
    if labels.shape == (n, k):
        one_hot = (labels == 0) | (labels == 1)
        if not one_hot.all() or not (labels.sum(axis=1) == 1).all():
            raise NndlError("log-likelihood: labels of the logits' shape must be one-hot rows "
                            "(a single 1, zeros elsewhere)")
        return logits, np.argmax(labels, axis=1)
    if labels.shape != (n,):
        raise NndlError(f"log-likelihood: labels must be {n} class indices or one-hot of shape {(n, k)}, "
                        f"got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise NndlError(f"log-likelihood: class indices must be integers, got dtype {labels.dtype}")
    if (labels.min() < 0 or labels.max() >= k):
        raise NndlError(f"log-likelihood: labels must lie in 0..{k - 1}, "
                        f"found {labels.min()}..{labels.max()}")
    return logits, labels
