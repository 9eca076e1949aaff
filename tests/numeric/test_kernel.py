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
@pytest.mark.parametrize("threads", [1, 2])
def test_numba_epoch_does_what_update_mini_batch_does(cost, sizes, batch_size, threads, monkeypatch):
    """sgd through the kernel (in segments of about 7 examples, on one thread or two) and the book's
    step, mini-batch by mini-batch (a partial last batch too), in float64 to a relative error of 1e-12."""
    monkeypatch.setattr(kernel, "SEGMENT_EXAMPLES", 7)
    x, labels = data(23, sizes)
    compiled, book = (Network(sizes, cost=cost, seed=5, init="large") for _ in range(2))
    compiled.sgd(x, labels, epochs=1, batch_size=batch_size, eta=0.7, engine="numba", dtype="float64",
                 threads=threads)
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


# (17, 9, 6): three blocks of three neurons for up to three threads; (40, 31, 10): a neuron left
# over after the blocks; (20, 12, 7, 5): two hidden layers; (9, 4, 3): too few neurons to share
@pytest.mark.slow
@pytest.mark.parametrize("sizes", [(17, 9, 6), (40, 31, 10), (20, 12, 7, 5), (9, 4, 3)])
@pytest.mark.parametrize("cost", PAIRINGS)
def test_any_number_of_threads_and_segments_trains_the_same_numbers(sizes, cost, monkeypatch):
    """The threads share the first layer's neurons in whole blocks, so every number is computed by the
    same compiled code from the same numbers whatever the number of threads or of segments: the
    trained networks are equal bit for bit (one library, one build: this is the kernel's arithmetic
    compared with itself), in float32 and float64."""
    x, labels = data(64, sizes, seed=8)
    for dtype in ("float32", "float64"):
        results = []
        for threads, segment in ((1, 10 ** 6), (1, 20), (2, 10 ** 6), (2, 30), (3, 20)):
            monkeypatch.setattr(kernel, "SEGMENT_EXAMPLES", segment)
            net = Network(sizes, cost=cost, seed=6, dtype=dtype)
            net.sgd(x, labels, epochs=2, batch_size=6, eta=0.5, engine="numba", dtype=dtype, threads=threads)
            results.append(net.weights + net.biases)
        for other in results[1:]:
            for a, b in zip(results[0], other):
                np.testing.assert_array_equal(a, b)
    assert not np.array_equal(results[0][0], Network(sizes, cost=cost, seed=6).weights[0])


def test_a_bad_number_of_threads_is_a_clear_error():
    x, labels = data(10, (6, 5, 3))
    for bad in (0, -2, "many", 1.5):
        with pytest.raises(NndlError, match="threads"):
            Network((6, 5, 3)).sgd(x, labels, 1, 5, 0.5, engine="numba", threads=bad)


def test_the_split_is_in_whole_blocks_of_three():
    assert kernel.split(30, 2).tolist() == [0, 15, 30]
    assert kernel.split(31, 2).tolist() == [0, 15, 31]
    assert kernel.split(100, 2).tolist() == [0, 48, 100]
    assert kernel.split(9, 3).tolist() == [0, 3, 6, 9]
    assert kernel.split(7, 1).tolist() == [0, 7]


@pytest.mark.slow
def test_a_thread_told_to_stop_stops_instead_of_waiting_forever():
    """If thread 0 never runs (its caller failed, and marked it STOPPED), a thread waiting for it returns,
    and marks itself STOPPED (so that a third thread waiting for it would stop too)."""
    import threading
    sizes = (9, 6, 4)
    net = Network(sizes, seed=1)
    x, labels = data(20, sizes)
    bounds, progress = kernel.split(6, 2), np.zeros((2, 8), np.int64)
    exchange = np.zeros((2, 2, 5, 16))
    formulas = (kernel.formula("sigmoid"), kernel.formula("sigmoid_prime_of_output"), kernel.formula("sigmoid"),
                False, kernel.compiled_delta("cross-entropy", "sigmoid"))
    weights = (net.weights[0].copy(),) + tuple(kernel.padded(w) for w in net.weights[1:])
    helper = threading.Thread(target=kernel.epoch, daemon=True,
                              args=(1, bounds, progress, exchange, x, 1.0, labels, np.arange(20), weights,
                                    tuple(b.copy() for b in net.biases), 5, 0.5, *formulas))
    helper.start()
    helper.join(0.5)
    assert helper.is_alive() and progress[1, 0] == 1      # it did its first part and waits for thread 0
    progress[0, 0] = kernel.STOPPED
    helper.join(5)
    assert not helper.is_alive() and progress[1, 0] == kernel.STOPPED


class Clock:
    """Threads' segments timed by hand: seconds per example for each number of threads."""
    def __init__(self, plan, pace):
        self.plan, self.pace, self.chosen = plan, pace, []

    def segments(self, count):
        for _ in range(count):
            threads = self.plan.choose()
            self.chosen.append(threads)
            self.plan.measured(threads, self.pace[threads] * 1000, 1000)


def test_threads_auto_takes_the_faster_and_times_the_other_again_less_and_less_often(monkeypatch):
    monkeypatch.setattr(kernel.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    plan = kernel.Threads("auto")
    clock = Clock(plan, {2: 1.0, 1: 1.5})
    clock.segments(200)
    assert clock.chosen[:2] == [2, 1]                    # each timed once, the most threads first
    probes = [k for k, t in enumerate(clock.chosen) if t == 1]
    assert probes[:2] == [1, 5]                          # timed again after 4 segments, then after
    assert [b - a - 1 for a, b in zip(probes[1:], probes[2:])] == [8, 16, 32, 64, 64]   # 8, 16, ... 64
    clock.pace[2] = 9.0                                  # another program takes the second core
    clock.segments(70)
    assert clock.chosen[-5:] == [1] * 5                  # found at the next probe, and kept
    clock.pace[2] = 1.0                                  # it has gone again
    clock.segments(150)
    assert clock.chosen[-5:] == [2] * 5


def test_threads_auto_on_one_core_and_a_fixed_number(monkeypatch):
    monkeypatch.setattr(kernel.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    clock = Clock(kernel.Threads("auto"), {1: 1.0})
    clock.segments(10)
    assert clock.chosen == [1] * 10
    clock = Clock(kernel.Threads(2), {2: 5.0})
    clock.segments(10)
    assert clock.chosen == [2] * 10


@pytest.mark.parametrize("engine", ["numpy", "numba"])
def test_an_interrupted_epoch_leaves_the_network_as_the_last_whole_epoch(engine, monkeypatch):
    """Ctrl-C in the middle of the second epoch (the compiled engine: after its second segment of
    three; the NumPy engine: after all its steps) leaves the network as the first epoch left it."""
    sizes = (9, 6, 4)
    x, labels = data(60, sizes)
    done = Network(sizes, seed=2)
    done.sgd(x, labels, epochs=1, batch_size=5, eta=0.5, engine=engine, dtype="float64")
    monkeypatch.setattr(kernel, "SEGMENT_EXAMPLES", 20)
    owner, name, stop_at = (kernel, "_segment", 5) if engine == "numba" else (Network, "_train_epoch", 2)
    real, calls = getattr(owner, name), []

    def interrupted(*args, **kwargs):
        real(*args, **kwargs)                  # the steps are taken, then Ctrl-C
        calls.append(1)
        if len(calls) == stop_at:
            raise KeyboardInterrupt
    monkeypatch.setattr(owner, name, interrupted)
    net = Network(sizes, seed=2)
    with pytest.raises(KeyboardInterrupt):
        net.sgd(x, labels, epochs=3, batch_size=5, eta=0.5, engine=engine, dtype="float64")
    assert len(calls) == stop_at
    for a, b in zip(net.weights + net.biases, done.weights + done.biases):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(net.weights[0], Network(sizes, seed=2).weights[0])


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_press_during_the_evaluation_leaves_the_network_as_the_epoch_handed_on(dtype):
    """Ctrl-C while an epoch is evaluated (its steps taken, not yet handed on): the network is as
    the last epoch handed on left it, so `nndl train` saves what it says it saves."""
    sizes = (9, 6, 4)
    x, labels = data(60, sizes)
    net = Network(sizes, seed=2)
    seen, evaluated = [], []

    def on_epoch(record):
        seen.append((record["epoch"], [p.copy() for p in net.weights + net.biases]))

    def accuracy(*args):
        evaluated.append(1)
        if len(evaluated) == 2:
            raise KeyboardInterrupt
        return Network.accuracy(net, *args)
    net.accuracy = accuracy
    with pytest.raises(KeyboardInterrupt):
        net.sgd(x, labels, epochs=3, batch_size=5, eta=0.5, evaluation=(x, labels), on_epoch=on_epoch,
                engine="numpy", dtype=dtype)
    assert [epoch for epoch, _ in seen] == [1]
    assert net.dtype == np.float64 and all(p.dtype == np.float64 for p in net.weights + net.biases)
    for a, b in zip(net.weights + net.biases, seen[0][1]):
        np.testing.assert_array_equal(a, b)


def test_a_press_while_the_epoch_is_handed_on_lands_after_it():
    """Ctrl-C inside `on_epoch` (where `nndl train` notes the epoch and prints its line) lands when
    it returns: the epoch is noted and said whole, and the network is as that epoch left it."""
    import os
    import signal
    sizes = (9, 6, 4)
    x, labels = data(60, sizes)
    net = Network(sizes, seed=2)
    said, kept = [], []

    def on_epoch(record):
        kept[:] = [p.copy() for p in net.weights + net.biases]
        if record["epoch"] == 2:
            os.kill(os.getpid(), signal.SIGINT)      # Python's handler would raise at the next line
        said.append(record["epoch"])
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with pytest.raises(KeyboardInterrupt):
        net.sgd(x, labels, epochs=3, batch_size=5, eta=0.5, on_epoch=on_epoch, engine="numpy",
                dtype="float64")
    assert said == [1, 2]
    for a, b in zip(net.weights + net.biases, kept):
        np.testing.assert_array_equal(a, b)


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
