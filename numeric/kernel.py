"""A compiled training epoch: `Network.sgd(engine="numba")`.

The same steps as `Network.update_mini_batch`, one per mini-batch, written as plain loops and
compiled by numba, so that a step at batch size 10 costs its arithmetic and not ~20 NumPy calls.
Any layer sizes; sigmoid hidden layers; the output activation of the pairing (derivations.pairings).
The output error delta is the one `derivations` derived with SymPy (its lambdified NumPy code,
compiled by numba), not typed here; an elementwise activation and sigma' are the very formulas of
`numeric.functions`, compiled; the softmax is written out per row (`softmax_row`), and tests hold
it against `numeric.functions.softmax` and the derived formula.

Importing this module without numba installed raises an NndlError.
"""
from __future__ import annotations

import functools
import inspect
import os

import numpy as np

from derivations.errors import NndlError
from numeric import functions


# Reassociating sums (and fusing multiply-adds) lets the compiler vectorise the dot products; the
# results differ from NumPy's by rounding only (tests: 1e-12 in float64). No other fast-math flag:
# e^{-z} = inf must still give sigma(z) = 0.
REORDER = {"reassoc", "contract"}

try:
    import numba
except ImportError:
    raise NndlError("engine 'numba' needs numba, which is not installed (pip install numba)") from None


@functools.lru_cache(maxsize=None)
def compiled_delta(cost: str, activation: str):
    """The derived output error delta(a, y) (elementwise NumPy code from SymPy), compiled by numba."""
    from derivations.pairings import output_error
    return numba.njit(output_error(cost, activation).numpy)


njit = functools.partial(numba.njit, cache=True)


# --- the kernel's scalar forms: the formulas of numeric.functions, compiled --------------------

@functools.lru_cache(maxsize=None)
def scalar(name: str):
    """numeric.functions' formula `name` (an elementwise activation), compiled for one number
    (once: the compiled epoch holds on to it). A formula defined outside a file (in a notebook)
    is compiled without numba's disk cache, which needs the file."""
    formula = getattr(functions, name).__wrapped__
    try:
        in_a_file = os.path.isfile(inspect.getsourcefile(formula) or "")
    except TypeError:
        in_a_file = False
    return numba.njit(formula, cache=in_a_file)


sigmoid = scalar("sigmoid")                                      # 1 / (1 + e^{-z})
sigmoid_prime_of_output = njit(functions.sigmoid_prime_of_output)  # a (1 - a)


@njit
def softmax_row(z, out):
    """out = softmax(z) for one example, from z - max(z) (no overflow), as numeric.functions.softmax."""
    top = z[0]
    for j in range(1, len(z)):
        top = max(top, z[j])
    total = z[0] * 0
    for j in range(len(z)):
        out[j] = np.exp(z[j] - top)
        total += out[j]
    for j in range(len(z)):
        out[j] = out[j] / total


# --- the epoch ---------------------------------------------------------------------------------

@njit(fastmath=REORDER)
def epoch(x, y, order, weights, biases, batch_size, eta, output_of, row_output, delta_of):
    """update_mini_batch on x[order[k:k+batch_size]] for every k: feedforward, BP1 (delta_of),
    BP2 with the weights before the step, BP3/BP4, then w -= eta nabla_w, b -= eta nabla_b.
    weights[l] (n_out, n_in) and biases[l] are updated in place; y holds one-hot targets.
    (delta_of comes as an argument, so the compiled epoch is not reused from numba's disk cache
    across processes: each process compiles it once per cost, a few seconds.)"""
    L = len(weights)
    dtype_one = np.ones(1, x.dtype)                             # m in the weights' dtype
    sizes = [x.shape[1]] + [weights[l].shape[0] for l in range(L)]
    a = [np.empty((batch_size, n), x.dtype) for n in sizes]     # a[0] = x, a[l] = sigma(z[l])
    z = [np.empty((batch_size, n), x.dtype) for n in sizes]
    deltas = [np.empty((batch_size, n), x.dtype) for n in sizes]
    for k in range(0, len(order), batch_size):
        m = min(batch_size, len(order) - k)
        dtype_one[0] = m
        n_m = dtype_one[0]
        for i in range(m):
            a[0][i, :] = x[order[k + i]]
        for l in range(L):                                      # feedforward: z = a w^T + b
            w, b, a_in, z_out, a_out = weights[l], biases[l], a[l], z[l + 1], a[l + 1]
            for j in range(sizes[l + 1]):                       # w[j] stays in cache for the batch
                for i in range(m):
                    s = a_in[i, 0] * w[j, 0]
                    for p in range(1, sizes[l]):
                        s += a_in[i, p] * w[j, p]
                    z_out[i, j] = s + b[j]
            for i in range(m):
                if l < L - 1:
                    for j in range(sizes[l + 1]):
                        a_out[i, j] = sigmoid(z_out[i, j])
                elif row_output:
                    softmax_row(z_out[i], a_out[i])
                else:
                    for j in range(sizes[l + 1]):
                        a_out[i, j] = output_of(z_out[i, j])
        for i in range(m):                                      # BP1 (from derivations)
            t = y[order[k + i]]
            for j in range(sizes[L]):
                deltas[L][i, j] = delta_of(a[L][i, j], t[j])
        for l in range(L - 1, -1, -1):                          # layer l maps a[l] to a[l + 1]
            w, b, a_in, delta = weights[l], biases[l], a[l], deltas[l + 1]
            n_in, n_out = sizes[l], sizes[l + 1]
            if l > 0:                                           # BP2, with w before its update
                delta_in = deltas[l]
                for i in range(m):
                    delta_in[i, :] = 0
                    for j in range(n_out):
                        d = delta[i, j]
                        for p in range(n_in):
                            delta_in[i, p] += d * w[j, p]
                    for p in range(n_in):
                        delta_in[i, p] *= sigmoid_prime_of_output(a_in[i, p])
            step = -eta / n_m
            for j in range(n_out):
                s = delta[0, j]                                 # BP3: b -= eta (sum_i delta_i) / m
                for i in range(1, m):
                    s += delta[i, j]
                b[j] += step * s
                for i in range(m):                              # BP4: w -= eta (sum_i delta_i a_i^T) / m,
                    c = step * delta[i, j]                      # added one example at a time
                    for p in range(n_in):
                        w[j, p] += c * a_in[i, p]


def train_epoch(net, rows, order, batch_size, eta):
    """`Network._train_epoch` through the compiled kernel: the same arguments, the same steps."""
    n_in = net.sizes[0]
    weights = tuple(np.ascontiguousarray(w) for w in net.weights)
    biases = tuple(np.ascontiguousarray(b) for b in net.biases)
    activation = net.cost.pairing.activation
    output_of = scalar(activation.numpy) if activation.elementwise else sigmoid   # (unused for a row)
    if not activation.elementwise and activation.numpy != "softmax":
        raise NndlError(f"engine 'numba' has no row form of the {activation.name} activation")
    epoch(rows[:, :n_in], rows[:, n_in + 1:], order, weights, biases, batch_size, net.dtype.type(eta),
          output_of, not activation.elementwise, compiled_delta(net.cost.name, net.cost.activation_name))
    for w, b, w_new, b_new in zip(net.weights, net.biases, weights, biases):
        w[...], b[...] = w_new, b_new
