"""numeric.kernel: the compiled epoch takes the steps of update_mini_batch (Network.sgd(engine="numba"))."""
import sys

import numpy as np
import pytest

from derivations.errors import NndlError
from numeric import functions, kernel
from numeric.network import Network, choose_engine

PAIRINGS = ("quadratic", "cross-entropy", "log-likelihood")


def data(n, sizes, seed=1):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 1, (n, sizes[0])), rng.integers(0, sizes[-1], n)


def book_epoch(net, x, labels, batch_size, eta):
    """The book's step on every mini-batch of the seeded shuffle that sgd takes."""
    y = np.eye(net.sizes[-1])[labels]
    order = net.rng.permutation(len(x))
    for k in range(0, len(x), batch_size):
        net.update_mini_batch(x[order[k:k + batch_size]], y[order[k:k + batch_size]], eta)


# (17, 9, 6): whole blocks of three neurons and five examples; (6, 5, 3), (6, 5, 4, 3): remainders
@pytest.mark.parametrize("cost", PAIRINGS)
@pytest.mark.parametrize("sizes", [(6, 5, 3), (6, 5, 4, 3), (17, 9, 6)])
@pytest.mark.parametrize("batch_size", [1, 4, 10, 50])
def test_numba_epoch_does_what_update_mini_batch_does(cost, sizes, batch_size):
    """sgd through the kernel and the book's step, mini-batch by mini-batch (a partial last batch too),
    in float64 to a relative error of 1e-12."""
    x, labels = data(23, sizes)
    compiled, book = (Network(sizes, cost=cost, seed=5, init="large") for _ in range(2))
    compiled.sgd(x, labels, epochs=1, batch_size=batch_size, eta=0.7, engine="numba", dtype="float64")
    book_epoch(book, x, labels, batch_size, 0.7)
    for c, b in zip(compiled.weights + compiled.biases, book.weights + book.biases):
        np.testing.assert_allclose(c, b, rtol=1e-12, atol=1e-14)
    assert not np.allclose(compiled.weights[0], Network(sizes, cost=cost, seed=5, init="large").weights[0])


def test_a_large_batch_is_updated_in_parts_with_the_same_numbers():
    """Batches larger than UPDATE_EXAMPLES are updated UPDATE_EXAMPLES examples at a time."""
    sizes = (17, 9, 6)
    batch_size = 2 * kernel.UPDATE_EXAMPLES + 10
    x, labels = data(batch_size + 30, sizes)
    compiled, book = (Network(sizes, seed=5) for _ in range(2))
    compiled.sgd(x, labels, epochs=1, batch_size=batch_size, eta=0.7, engine="numba", dtype="float64")
    book_epoch(book, x, labels, batch_size, 0.7)
    for c, b in zip(compiled.weights + compiled.biases, book.weights + book.biases):
        np.testing.assert_allclose(c, b, rtol=1e-12, atol=1e-14)


def test_a_wrong_step_would_be_caught():
    """The comparison above can fail: the book's step with another learning rate differs."""
    sizes = (17, 9, 6)
    x, labels = data(23, sizes)
    compiled, book = (Network(sizes, seed=5) for _ in range(2))
    compiled.sgd(x, labels, epochs=1, batch_size=10, eta=0.7, engine="numba", dtype="float64")
    book_epoch(book, x, labels, 10, 0.7 * (1 + 1e-9))
    assert not np.allclose(compiled.weights[0], book.weights[0], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("cost", PAIRINGS)
def test_numba_and_numpy_engines_agree_over_epochs(cost):
    sizes = (8, 6, 5, 4)
    x, labels = data(40, sizes, seed=2)
    runs = {engine: Network(sizes, cost=cost, seed=3) for engine in ("numpy", "numba")}
    for engine, net in runs.items():
        net.sgd(x, labels, epochs=3, batch_size=10, eta=0.5, engine=engine, dtype="float64")
    for c, n in zip(runs["numba"].weights + runs["numba"].biases, runs["numpy"].weights + runs["numpy"].biases):
        np.testing.assert_allclose(c, n, rtol=1e-12, atol=1e-14)


def test_same_seed_same_numbers_and_float32_runs():
    sizes = (8, 6, 4)
    x, labels = data(30, sizes, seed=4)
    nets = [Network(sizes, seed=7, dtype=dt) for dt in ("float32", "float32", "float64")]
    for net in nets:
        net.sgd(x, labels, epochs=2, batch_size=10, eta=0.5, engine="numba", dtype=net.dtype)
    assert all(w.dtype == np.float32 for w in nets[0].weights + nets[0].biases)
    for a, b, c in zip(nets[0].weights + nets[0].biases, nets[1].weights + nets[1].biases,
                       nets[2].weights + nets[2].biases):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_allclose(a, c, rtol=1e-4, atol=1e-5)  # float32 follows float64
    assert not np.allclose(nets[0].weights[0], Network(sizes, seed=7, dtype="float32").weights[0])


ULPS = 2   # the compiled exp (numba's LLVM) and NumPy's may round differently in the last bit


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_kernels_sigmoid_is_numeric_functions(dtype):
    """The kernel compiles numeric.functions' own formulas: the same values within 2 ulps."""
    big, overflows = (1e300, 800.0) if dtype == "float64" else (3e38, 120.0)   # e^{-z} = inf beyond
    z = np.array([-big, -overflows, -40.0, -1.0, 0.0, 1e-8, 3.0, 40.0, overflows, big], dtype)
    np.testing.assert_array_max_ulp(kernel.evaluate("sigmoid", z), functions.sigmoid(z), maxulp=ULPS)
    a = functions.sigmoid(z)
    np.testing.assert_array_max_ulp(kernel.evaluate("sigmoid_prime_of_output", a),
                                    functions.sigmoid_prime_of_output(a), maxulp=ULPS)
    np.testing.assert_array_equal(kernel.evaluate("identity", z), z)
    two = np.array([2.0], dtype)
    assert kernel.evaluate("sigmoid", two)[0] != functions.sigmoid(-two)[0]  # a wrong sign would show


@pytest.mark.parametrize("z", [[1.0, 2.0, 3.0], [1e300, -1e300, 0.0], [-5.0, -5.0], [700.0, 710.0, -3.0]])
def test_the_kernels_softmax_is_numeric_functions(z):
    """The kernel's own softmax loop against numeric.functions.softmax and against the derived
    formula, a_j = e^(z_j) / sum_l e^(z_l), at 50 digits (derivations.activations)."""
    import mpmath

    from derivations.activations import softmax_function
    z = np.array(z)
    out = np.empty_like(z)
    kernel.softmax_row(z, out)
    assert np.isfinite(out).all()
    np.testing.assert_allclose(out, functions.softmax(z), rtol=1e-15, atol=1e-300)
    with mpmath.workdps(50):
        derived = [float(v) for v in softmax_function(len(z))(*(mpmath.mpf(float(v)) for v in z))]
    np.testing.assert_allclose(out, derived, rtol=1e-15, atol=1e-300)


def test_the_kernels_delta_is_the_derived_one():
    from derivations.pairings import output_error
    a, y = np.array([0.2, 0.9, 0.5]), np.array([0.0, 1.0, 0.0])
    for cost, activation in (("quadratic", "sigmoid"), ("cross-entropy", "sigmoid"), ("log-likelihood", "softmax")):
        expected = output_error(cost, activation).numpy(a, y)
        np.testing.assert_array_equal(kernel.evaluate_delta(cost, activation, a, y), expected)
    assert kernel.evaluate_delta("quadratic", "sigmoid", a, y)[0] != 0.2  # not a - y


def test_unknown_engine_and_missing_numba_are_clear_errors(monkeypatch):
    net = Network((4, 3, 2))
    x, labels = data(5, (4, 3, 2))
    with pytest.raises(NndlError, match="unknown engine 'jax'"):
        net.sgd(x, labels, 1, 5, 0.5, engine="jax")
    monkeypatch.setitem(sys.modules, "numba", None)      # numba not importable
    monkeypatch.delitem(sys.modules, "numeric.kernel")
    with pytest.raises(NndlError, match="needs numba"):
        net.sgd(x, labels, 1, 5, 0.5, engine="numba")
    assert choose_engine(10) == "numpy"                  # auto falls back to NumPy, and trains
    before = net.weights[0].copy()
    net.sgd(x, labels, 1, 5, 0.5)
    assert not np.array_equal(before, net.weights[0])
