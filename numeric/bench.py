"""`nndl bench`: training speed against the reference implementations, and proof-suite speed.

One run on this machine measures:

- seconds per training epoch of [784, 30, 10], sigmoid, cross-entropy, eta 0.5, over 60,000
  examples (real Fashion-MNIST when present, else the real MNIST test digits repeated to 60,000),
  at batch sizes 10 and 100, for this project (`Network.sgd` as it is called by default, engine
  and dtype "auto"; and each engine by name: "numpy" and "numba", the compiled epoch (threads
  "auto"; "numba1": on one thread), loaded from
  numba's disk cache or compiled before timing), for a reference that follows Nielsen's
  network2.py (a Python loop over the examples of each mini-batch, below), and for PyTorch on
  the CPU with the same net, batch and optimiser when torch is importable;
- the ratios reference/this, torch/this and the same against the best engine of the round: each
  contender runs in its own worker process (so no two BLAS or OpenMP thread pools share one),
  the contenders take turns in rotating order, and a ratio is the median over the rounds of the
  two epochs timed side by side, so drift of the machine cancels;
- floating-point work per epoch and the GFLOP/s it implies, beside the measured peak of a large
  NumPy matrix product (the faster of all threads and one);
- peak memory of each worker (it loads the data and trains), and what one `sgd` call holds;
- with `scaling=True` (`nndl bench --scaling`): seconds per epoch over batch sizes 1 to 1000 and
  hidden widths 30 to 300, beside the floor that the measured peak implies;
- (the command, `nndl bench`, adds the time of the proof suite and of the document.)

Slow contenders are timed on part of an epoch and scaled to 60,000 examples; the output says so.
Interrupted (Ctrl-C), the benchmark kills its workers at once; they ignore SIGINT themselves.
"""
from __future__ import annotations

import json
import math
import os
import random
import signal
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

from derivations.errors import NndlError
from derivations.files import Temporary, end_process

SIZES = (784, 30, 10)
EPOCH_EXAMPLES = 60_000
ETA = 0.5
SEED = 0
THIS_DTYPE = "float32"  # the dtype the engines are timed in (the float64 rows show why)
SCALING_BATCHES = (1, 10, 100, 1000)
SCALING_HIDDEN = (30, 100, 300)
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS")


# --- the reference: Nielsen's network2.py algorithm ----------------------------------------------

class ReferenceNetwork:
    """The benchmark baseline: network2.py's algorithm, as the book runs it.

    Column vectors, float64, and `update_mini_batch` loops in Python over the examples of each
    mini-batch, backpropagating one example at a time and summing the gradients (network2.py's
    cross-entropy cost and default initialisation, no regularisation: lmbda = 0).
    """

    def __init__(self, sizes=SIZES, seed=SEED):
        rng = np.random.default_rng(seed)
        self.num_layers, self.sizes = len(sizes), sizes
        self.biases = [rng.standard_normal((y, 1)) for y in sizes[1:]]
        self.weights = [rng.standard_normal((y, x)) / np.sqrt(x) for x, y in zip(sizes[:-1], sizes[1:])]
        self.shuffle = random.Random(seed).shuffle

    def sgd_epoch(self, training_data, mini_batch_size, eta, lmbda=0.0):
        n = len(training_data)
        self.shuffle(training_data)
        for k in range(0, n, mini_batch_size):
            self.update_mini_batch(training_data[k:k + mini_batch_size], eta, lmbda, n)

    def update_mini_batch(self, mini_batch, eta, lmbda, n):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        self.weights = [(1 - eta * (lmbda / n)) * w - (eta / len(mini_batch)) * nw
                        for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, x, y):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation, activations, zs = x, [x], []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = _sigmoid(z)
            activations.append(activation)
        delta = activations[-1] - y  # network2.py's CrossEntropyCost.delta
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for l in range(2, self.num_layers):
            sp = _sigmoid(zs[-l]) * (1 - _sigmoid(zs[-l]))
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sp
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return nabla_b, nabla_w


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# --- the contenders, each timed in a worker process ----------------------------------------------

def flops_per_epoch(sizes=SIZES, n=EPOCH_EXAMPLES) -> int:
    """Floating-point operations of the matrix products in one epoch (a multiply-add counts 2):
    feedforward and nabla_w for every layer, BP2 for every layer but the first. Elementwise work
    (sigmoid, deltas, updates) is left out."""
    sizes = tuple(sizes)
    products = [n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return n * (2 * sum(products) + 2 * sum(products) + 2 * sum(products[1:]))


def sizes_of(hidden: int) -> tuple:
    return (SIZES[0], hidden, SIZES[-1])


DATASETS = ("auto", "fashion-mnist", "mnist")


def bench_data(dataset="auto"):
    """(images, labels, description): 60,000 real examples as Images (the files' bytes): with
    "auto", Fashion-MNIST's training set if present, else the real MNIST test digits repeated;
    "fashion-mnist" or "mnist" asks for one of them."""
    from numeric.data import DataError, Images, load_dataset, shared_data_dir

    if dataset in ("auto", "fashion-mnist"):
        try:
            d = load_dataset("fashion-mnist", download=False, progress=False, warn=False)
            if len(d.train_y) >= EPOCH_EXAMPLES:
                return (d.train_images[:EPOCH_EXAMPLES], d.train_y[:EPOCH_EXAMPLES],
                        "real Fashion-MNIST training images")
            problem = f"it has {len(d.train_y):,} training images"
        except DataError as exc:
            problem = str(exc)
        if dataset == "fashion-mnist":
            raise NndlError(f"bench: no 60,000 Fashion-MNIST training images here ({problem})")
    try:
        d = load_dataset("mnist", data_dir=shared_data_dir(), download=False, progress=False, warn=False)
    except DataError as exc:
        raise NndlError(f"bench: neither Fashion-MNIST nor the MNIST test digits are here ({exc})") from None
    pixels = np.concatenate([d.train_images.pixels, d.test_images.pixels])
    labels = np.concatenate([d.train_y, d.test_y])
    reps = math.ceil(EPOCH_EXAMPLES / len(pixels))
    return (Images(np.tile(pixels, (reps, 1))[:EPOCH_EXAMPLES]), np.tile(labels, reps)[:EPOCH_EXAMPLES],
            f"the {len(pixels):,} real MNIST test digits, repeated")


class _This:
    """This project's network as `Network.sgd` trains it by default (engine and dtype "auto"), or
    with the engine `ENGINE`; `dtype` "auto" or a dtype."""
    ENGINE = "auto"
    THREADS = "auto"

    def __init__(self, dtype, dataset="auto"):
        from numeric.network import Network, training_plan
        self.network, self.dtype = Network, dtype
        self.engine, self.data_dtype = training_plan(self.ENGINE, dtype)   # (for [784, 30, 10])
        self.x, self.labels, self.data = bench_data(dataset)   # Images: sgd divides by 255 as it gathers
        self.ready_info = {"pixel_density": np.count_nonzero(self.x.pixels) / self.x.pixels.size}
        if self.engine == "numba":  # numba's cache loaded (or the epoch compiled) before any timing
            self.network(SIZES, cost="cross-entropy").cost.delta   # derived first: the time is numba's
            start = time.perf_counter()
            for batch_size in (10, 100):
                self.epoch(batch_size, 200)
            self.ready_info["compile_seconds"] = time.perf_counter() - start

    def epoch(self, batch_size, n, hidden=SIZES[1]):
        net = self.network(sizes_of(hidden), cost="cross-entropy", seed=SEED)
        return net.sgd(self.x[:n], self.labels[:n], 1, batch_size, ETA, engine=self.ENGINE,
                       dtype=self.dtype, threads=self.THREADS)[0]["seconds"]

    def training_memory_mb(self, batch_size, n):
        """The most memory that one `sgd` call on n examples holds at once, beyond the data
        (traced allocations: NumPy reports its arrays to tracemalloc)."""
        import tracemalloc
        tracemalloc.start()
        self.epoch(batch_size, n)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak / 2**20


class _Numpy(_This):
    """This project's network trained by the NumPy engine (`sgd(engine="numpy")`)."""
    ENGINE = "numpy"


class _Numba(_This):
    """This project's network trained by the compiled epoch (`sgd(engine="numba")`), its compiled
    code loaded (or compiled) before any timing (compile_seconds)."""
    ENGINE = "numba"


class _NumbaOne(_Numba):
    """The compiled epoch on one thread (`sgd(engine="numba", threads=1)`), beside "numba" with
    threads "auto" (both cores while they are measured faster)."""
    THREADS = 1


class _Book(_This):
    """This project's book-style step (`Network.update_mini_batch`), without the buffered epoch
    that `sgd` uses: what the buffers, the layout and float32 gain."""
    ENGINE = "numpy"

    def __init__(self, dtype, dataset="auto"):
        super().__init__(dtype, dataset)
        self.x = self.x.floats(self.data_dtype)   # the book's step takes floats

    def epoch(self, batch_size, n, hidden=SIZES[1]):
        net = self.network(sizes_of(hidden), cost="cross-entropy", seed=SEED, dtype=self.dtype)
        y = np.eye(SIZES[-1], dtype=self.dtype)[self.labels[:n]]
        order = np.random.default_rng(SEED).permutation(n)
        start = time.perf_counter()
        for k in range(0, n, batch_size):
            batch = order[k:k + batch_size]
            net.update_mini_batch(self.x[batch], y[batch], ETA)
        return time.perf_counter() - start


class _Reference:
    def __init__(self, dtype, dataset="auto"):
        images, labels, self.data = bench_data(dataset)
        x, eye = images.floats(np.float64), np.eye(SIZES[-1])
        self.examples = [(xi.reshape(-1, 1), eye[j].reshape(-1, 1)) for xi, j in zip(x, labels)]

    def epoch(self, batch_size, n, hidden=SIZES[1]):
        net, data = ReferenceNetwork(sizes_of(hidden)), self.examples[:n]
        start = time.perf_counter()
        net.sgd_epoch(data, batch_size, ETA)
        return time.perf_counter() - start


class _Torch:
    def __init__(self, dtype, dataset="auto"):
        import torch
        self.torch = torch
        images, labels, self.data = bench_data(dataset)
        self.x = torch.from_numpy(images.floats(np.float32))
        self.y = torch.nn.functional.one_hot(torch.from_numpy(labels), SIZES[-1]).float()

    def epoch(self, batch_size, n, hidden=SIZES[1]):
        torch = self.torch
        torch.manual_seed(SEED)
        model = torch.nn.Sequential(torch.nn.Linear(SIZES[0], hidden), torch.nn.Sigmoid(),
                                    torch.nn.Linear(hidden, SIZES[2]))
        optimiser = torch.optim.SGD(model.parameters(), lr=ETA)
        x, y = self.x[:n], self.y[:n]
        start = time.perf_counter()
        order = torch.randperm(n)
        for k in range(0, n, batch_size):
            batch = order[k:k + batch_size]
            optimiser.zero_grad()
            # Nielsen's cross-entropy of sigmoid outputs: summed over outputs, mean over the batch
            cost = torch.nn.functional.binary_cross_entropy_with_logits(
                model(x[batch]), y[batch], reduction="sum") / len(batch)
            cost.backward()
            optimiser.step()
        return time.perf_counter() - start


CONTENDERS = {"this": _This, "numpy": _Numpy, "numba": _Numba, "numba1": _NumbaOne, "book": _Book,
              "reference": _Reference,
              "torch": _Torch}
ENGINE_CONTENDERS = ("this", "numpy", "numba", "numba1")  # this project's: the best of them is "best"


def _rss_mb(kind="peak"):
    if kind == "peak":
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def serve(contender: str, dtype: str, dataset: str = "auto") -> None:
    """A worker: load the data, then time one epoch per request line on stdin, answering on stdout.
    Ctrl-C is the benchmark's to handle (it kills its workers), so a worker ignores SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker = CONTENDERS[contender](dtype, dataset)
    print(json.dumps({"ready": True, "data": worker.data, "rss_mb": _rss_mb("now"),
                      **getattr(worker, "ready_info", {})}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("memory"):
            answer = {"training_mb": worker.training_memory_mb(request["batch_size"], request["examples"])}
        else:
            answer = {"seconds": worker.epoch(request["batch_size"], request["examples"],
                                              request.get("hidden", SIZES[1]))}
        print(json.dumps({**answer, "peak_mb": _rss_mb()}), flush=True)


class Worker:
    """A contender in its own process (its own BLAS / OpenMP threads), timed on request."""

    def __init__(self, contender: str, dtype: str, threads: int | None = None, dataset: str = "auto"):
        self.name = f"{contender}/{dtype}"
        env = dict(os.environ)
        if threads:  # the same for every contender: NumPy's OpenBLAS, torch's OpenMP and MKL
            env.update({k: str(threads) for k in THREAD_VARIABLES})
        self.stderr = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: it never fills up
        self._made = Temporary(lambda: subprocess.Popen(      # never left running, whenever Ctrl-C lands
            [sys.executable, "-m", "numeric.bench", "--serve", contender, dtype, dataset],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True, env=env), end_process)
        self.process = self._made.thing

    def answer(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            self.stderr.seek(0)
            err = self.stderr.read().strip().splitlines()
            raise NndlError(f"bench: the {self.name} worker failed: {err[-1] if err else 'no output'}")
        return json.loads(line)

    def ask(self, **request) -> dict:
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self.answer()

    def close(self, at_once: bool = False):
        """End the worker: by closing its input (it finishes its epoch and leaves), or, `at_once`
        (after an interruption or an error), by killing it."""
        if not at_once and self.process.poll() is None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._made.close()            # killed if it still runs, and waited for
        self.stderr.close()


class Workers(dict):
    """{(contender, dtype): Worker}, all started at once; leaving the `with` block ends them: at
    once on an exception (Ctrl-C included), else by closing their input."""

    def __init__(self, keys, threads, dataset="auto"):
        super().__init__()
        try:
            for key in keys:
                self[key] = Worker(*key, threads, dataset)
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        for worker in self.values():
            worker.close(at_once=kind is not None)


def torch_available() -> str | None:
    """torch's version when it can be imported (in a subprocess: torch never enters this one)."""
    done = subprocess.run([sys.executable, "-c", "import torch; print(torch.__version__)"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return done.stdout.strip() if done.returncode == 0 else None


# --- the measurements ---------------------------------------------------------------------------

def numba_available() -> bool:
    """Whether numba is installed (the compiled engine's contender runs only then)."""
    import importlib.util
    return importlib.util.find_spec("numba") is not None


def plan(quick: bool, torch_version: str | None, numba: bool = False):
    """(rows, unmeasured): the timed rows (key, contender, dtype, batch size, examples timed), and
    {key: why it is not timed} for the rows left out."""
    full = 2_000 if quick else EPOCH_EXAMPLES
    part = 500 if quick else 6_000            # the per-example reference: one tenth of an epoch
    torch_part = 1_000 if quick else 20_000   # torch at batch 10: a third of an epoch
    rows = [("this@10", "this", "auto", 10, full), ("this@100", "this", "auto", 100, full),
            ("numpy@10", "numpy", THIS_DTYPE, 10, full), ("numpy@100", "numpy", THIS_DTYPE, 100, full),
            ("reference@10", "reference", "float64", 10, part)]
    unmeasured = {}
    numba_rows = [("numba@10", "numba", THIS_DTYPE, 10, full), ("numba@100", "numba", THIS_DTYPE, 100, full),
                  ("numba1@10", "numba1", THIS_DTYPE, 10, full), ("numba1@100", "numba1", THIS_DTYPE, 100, full)]
    if numba:
        rows += numba_rows
    else:
        unmeasured.update({key: "numba is not installed" for key, *_ in numba_rows})
    slow_rows = [("this@10/float64", "this", "float64", 10, full), ("this@100/float64", "this", "float64", 100, full),
                 ("book@10/float64", "book", "float64", 10, part * 2)]
    if not quick:  # the measurements behind the dtype "auto" chooses and the buffered epoch
        rows += slow_rows
    else:
        unmeasured.update({key: "not measured with --quick" for key, *_ in slow_rows})
    torch_rows = [("torch@10", "torch", "float32", 10, torch_part), ("torch@100", "torch", "float32", 100, full)]
    if torch_version:
        rows += torch_rows
    else:
        unmeasured.update({key: "torch is not installed" for key, *_ in torch_rows})
    return rows, unmeasured


def peak_gflops(dtype, n: int, repeats: int = 3) -> float:
    """The best GFLOP/s of an n x n NumPy matrix product (all BLAS threads)."""
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((n, n)).astype(dtype), rng.standard_normal((n, n)).astype(dtype)
    out = np.empty_like(a)
    np.matmul(a, b, out=out)
    best = min(_timed(lambda: np.matmul(a, b, out=out)) for _ in range(repeats))
    return 2 * n ** 3 / best / 1e9


def measure_peak(n: int, threads: int | None) -> dict:
    """{dtype: GFLOP/s} of n x n products in a fresh process with `threads` BLAS threads (None:
    OpenBLAS's own choice, all cores)."""
    env = dict(os.environ)
    if threads:
        env.update({k: str(threads) for k in THREAD_VARIABLES})
    done = subprocess.run([sys.executable, "-m", "numeric.bench", "--peak", str(n)], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise NndlError(f"bench: measuring the peak failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout)


def machine_peak(quick: bool, threads: int | None, log) -> tuple[dict, dict, dict]:
    """(peak, with all threads, with one): {dtype: GFLOP/s}; peak is the better of the two (threads
    can lose on a busy machine)."""
    n = 1024 if quick else 2048
    log(f"peak: {n} x {n} matrix products, with the contenders' threads and with one ...")
    peak_all, peak_one = measure_peak(n, threads), measure_peak(n, 1)
    return {dt: max(peak_all[dt], peak_one[dt]) for dt in peak_all}, peak_all, peak_one


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# {ratio: (the slower row, the faster row)}: the keys of `nndl bench --json`'s "ratios"
RATIOS = {"reference/this@10": ("reference@10", "this@10"), "torch/this@10": ("torch@10", "this@10"),
          "torch/this@100": ("torch@100", "this@100"),
          "float64/float32@10": ("this@10/float64", "this@10"), "float64/float32@100": ("this@100/float64", "this@100"),
          "book/this@10": ("book@10/float64", "this@10"),
          "reference/numba@10": ("reference@10", "numba@10"), "torch/numba@10": ("torch@10", "numba@10"),
          "torch/numba@100": ("torch@100", "numba@100"),
          "numpy/numba@10": ("numpy@10", "numba@10"), "numpy/numba@100": ("numpy@100", "numba@100"),
          "numba1/numba@10": ("numba1@10", "numba@10"), "numba1/numba@100": ("numba1@100", "numba@100"),
          "reference/best@10": ("reference@10", "best@10"), "torch/best@10": ("torch@10", "best@10"),
          "torch/best@100": ("torch@100", "best@100")}


def run_benchmark(quick: bool = False, runs: int | None = None, threads: int | None = None,
                  log=None, dataset: str = "auto") -> dict:
    """Every training measurement of `nndl bench`, as the JSON object it prints (the command adds
    the proof suite's times); `dataset` as `bench_data` takes it."""
    from numeric.network import choose_dtype
    log = log or (lambda message: None)
    runs = runs or (1 if quick else 5)
    load_at_start = os.getloadavg()
    torch_version = torch_available()
    numba = numba_available()
    rows, unmeasured = plan(quick, torch_version, numba)
    notes = []
    log(f"starting {len({(r[1], r[2]) for r in rows})} worker processes ...")
    with Workers(dict.fromkeys((c, dt) for _, c, dt, _, _ in rows), threads, dataset) as workers:
        ready = {key: w.answer() for key, w in workers.items()}
        data = next(iter(ready.values()))["data"]
        density = ready["this", "auto"]["pixel_density"]
        times = {key: [] for key, *_ in rows}
        peaks = {}
        for key, c, dt, bs, n in rows:  # warm-up: lazy imports, the derived delta, BLAS threads
            workers[c, dt].ask(batch_size=bs, examples=min(n, 1_000))
        for r in range(runs):
            turn = rows[r % len(rows):] + rows[:r % len(rows)]  # rotate who goes first
            for key, c, dt, bs, n in turn:
                answer = workers[c, dt].ask(batch_size=bs, examples=n)
                times[key].append(answer["seconds"] * EPOCH_EXAMPLES / n)
                peaks[c, dt] = answer["peak_mb"]
                time.sleep(0.05)  # let the previous worker's spinning threads go idle
            log(f"round {r + 1}/{runs}: " + ", ".join(f"{k} {v[-1]:.3f} s" for k, v in times.items()))
        log("memory of a training run ...")
        memory = workers["this", "auto"].ask(memory=True, batch_size=10, examples=rows[0][4])
    for bs in (10, 100):  # the best of this project's engines, round by round
        engines = [times[f"{c}@{bs}"] for c in ENGINE_CONTENDERS if f"{c}@{bs}" in times]
        times[f"best@{bs}"] = [min(round_times) for round_times in zip(*engines)]
    for key, c, dt, bs, n in rows:
        if n < EPOCH_EXAMPLES:
            notes.append(f"{key}: timed on {n:,} examples and scaled to {EPOCH_EXAMPLES:,}")
    if not torch_version:
        notes.append("torch is not importable: its rows are n/a (pip install torch==2.13.0)")
    if not numba:
        notes.append("numba is not installed: its rows are n/a (pip install numba)")
    notes.append(f"the data: {density:.1%} of the pixels are nonzero; every engine computes every pixel's "
                 "products, the zeros included (no sparsity is exploited), as the reference and PyTorch do")
    compile_seconds = ready.get(("numba", THIS_DTYPE), {}).get("compile_seconds")
    if compile_seconds is not None:
        notes.append(f"numba: loading the compiled epoch from numba's cache (or compiling it, the first time "
                     f"on a machine) took {compile_seconds:.1f} s in a fresh worker, before timing")

    def ratio(other, this):
        if other not in times or this not in times:
            return None
        return statistics.median(o / t for o, t in zip(times[other], times[this]))

    peak, peak_all, peak_one = machine_peak(quick, threads, log)
    epoch = {key: statistics.median(v) for key, v in times.items()}
    dtype_of = {key: (choose_dtype() if dt == "auto" else dt) for key, _, dt, _, _ in rows}
    dtype_of.update({"best@10": THIS_DTYPE, "best@100": THIS_DTYPE})
    flops = flops_per_epoch()
    gflops = {key: flops / s / 1e9 for key, s in epoch.items()}
    result = {
        "epoch_seconds": {key: epoch.get(key)
                          for key in ("this@10", "reference@10", "torch@10", "this@100", "torch@100",
                                      "numba@10", "numba@100", "numba1@10", "numba1@100", "numpy@10",
                                      "numpy@100", "best@10", "best@100")},
        "ratios": {name: ratio(*keys) for name, keys in RATIOS.items()},
        "numba_compile_seconds": compile_seconds,
        "gflops": gflops,
        "peak_gflops": peak[THIS_DTYPE],
        "peak_gflops_by_dtype": peak,
        "peak_gflops_all_threads": peak_all,
        "peak_gflops_one_thread": peak_one,
        "share_of_peak": {key: g / peak[dtype_of[key]] for key, g in gflops.items()},
        "share_of_one_thread_peak": {key: g / peak_one[dtype_of[key]] for key, g in gflops.items()},
        "peak_memory_mb": memory["peak_mb"],
        "training_memory_mb": memory["training_mb"],
        "peak_memory_mb_by_worker": {f"{c}/{dt}": mb for (c, dt), mb in peaks.items()},
        "epoch_seconds_all": epoch,
        "unmeasured": unmeasured,
        "runs": times,
    }
    environment = {k: str(threads) if threads else os.environ.get(k) for k in THREAD_VARIABLES}
    result["settings"] = {"sizes": list(SIZES), "cost": "cross-entropy", "eta": ETA, "epoch_examples": EPOCH_EXAMPLES,
                          "this_dtype": THIS_DTYPE, "runs": runs, "quick": quick, "data": data,
                          "dataset": dataset, "pixel_density": density,
                          "flops_per_epoch": flops, "torch": torch_version, "numpy": np.__version__,
                          "cpus": os.cpu_count(), "load_average_at_start": load_at_start,
                          "load_average_at_end": os.getloadavg(), "thread_environment": environment}
    result["notes"] = notes
    return result


# --- how the cost grows with the work ---------------------------------------------------------

def run_scaling(quick: bool = False, runs: int | None = None, threads: int | None = None, log=None,
                batches=SCALING_BATCHES, widths=None, dataset: str = "auto") -> dict:
    """Seconds per epoch (60,000 examples) of this project (`sgd` by default, and the NumPy
    engine), the reference and PyTorch, for every batch size in SCALING_BATCHES and hidden width
    in SCALING_HIDDEN, beside the floor the measured peak implies: the epoch's products at the
    machine's peak. Each time is of as many examples as take about half a second (a twentieth
    with `quick`, and only the first width), at least one mini-batch, scaled to 60,000; the median
    of `runs` rounds."""
    log = log or (lambda message: None)
    runs = runs or (1 if quick else 3)
    budget = 0.05 if quick else 0.5
    contenders = [("this", "auto"), ("numpy", THIS_DTYPE), ("reference", "float64")]
    torch_version = torch_available()
    if torch_version:
        contenders.append(("torch", "float32"))
    widths = widths or (SCALING_HIDDEN[:1] if quick else SCALING_HIDDEN)
    seconds = {f"{c}": {str(h): {} for h in widths} for c, _ in contenders}
    examples = {f"{c}": {str(h): {} for h in widths} for c, _ in contenders}
    log(f"scaling: starting {len(contenders)} worker processes ...")
    with Workers(dict.fromkeys(contenders), threads, dataset) as workers:
        for w in workers.values():
            w.answer()
        for h in widths:
            for bs in batches:
                for (c, dt), w in workers.items():
                    probe = max(bs, 200)
                    per_example = w.ask(batch_size=bs, examples=probe, hidden=h)["seconds"] / probe
                    n = int(min(EPOCH_EXAMPLES, max(bs, budget / max(per_example, 1e-9))))
                    n = max(bs, n - n % bs)
                    timed = [w.ask(batch_size=bs, examples=n, hidden=h)["seconds"] * EPOCH_EXAMPLES / n
                             for _ in range(runs)]
                    seconds[c][str(h)][str(bs)] = statistics.median(timed)
                    examples[c][str(h)][str(bs)] = n
                log(f"hidden {h}, batch {bs}: " + ", ".join(
                    f"{c} {seconds[c][str(h)][str(bs)]:.3f} s" for c, _ in contenders))
    peak, peak_all, peak_one = machine_peak(quick, threads, log)
    floor = {str(h): flops_per_epoch(sizes_of(h)) / (peak[THIS_DTYPE] * 1e9) for h in widths}
    return {"batch_sizes": list(batches), "hidden": list(widths), "seconds": seconds, "examples_timed": examples,
            "floor_seconds": floor, "peak_gflops": peak[THIS_DTYPE], "peak_gflops_all_threads": peak_all,
            "peak_gflops_one_thread": peak_one, "torch": torch_version, "runs": runs, "quick": quick,
            "note": (f"floor: the epoch's matrix products at the measured peak, {peak[THIS_DTYPE]:.0f} GFLOP/s "
                     f"in {THIS_DTYPE} (the faster of all threads and one); times of part of an epoch are "
                     "scaled to 60,000 examples")}


def scaling_table(r: dict) -> str:
    """The scaling measurements as a text table: s/epoch per contender, batch size and width."""
    contenders = list(r["seconds"])
    lines = [f"{'hidden':>6} {'batch':>6}" + "".join(f"{c:>11}" for c in contenders) + f"{'floor':>11}"]
    for h in map(str, r["hidden"]):
        for bs in map(str, r["batch_sizes"]):
            lines.append(f"{h:>6} {bs:>6}" + "".join(f"{r['seconds'][c][h][bs]:>11.3f}" for c in contenders)
                         + f"{r['floor_seconds'][h]:>11.4f}")
    return "\n".join(lines)


def scaling_figure(r: dict) -> bytes:
    """A log-log figure (PNG bytes) of seconds per epoch against batch size, one panel per hidden
    width, one line per contender, the floor dashed."""
    import io

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    labels = {"this": "this project (sgd default)", "numpy": "this project, NumPy engine",
              "reference": "network2.py-style reference", "torch": f"PyTorch {r.get('torch') or ''} CPU"}
    fig, axes = plt.subplots(1, len(r["hidden"]), figsize=(4.2 * len(r["hidden"]), 3.8), sharey=True,
                             squeeze=False)
    for ax, h in zip(axes[0], map(str, r["hidden"])):
        for c, by_width in r["seconds"].items():
            ax.plot(r["batch_sizes"], [by_width[h][str(bs)] for bs in r["batch_sizes"]], marker="o",
                    label=labels.get(c, c))
        ax.axhline(r["floor_seconds"][h], color="black", linestyle="--", linewidth=1,
                   label=f"floor at peak ({r['peak_gflops']:.0f} GFLOP/s)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(f"[784, {h}, 10]")
        ax.set_xlabel("mini-batch size")
        ax.grid(True, which="both", alpha=0.3)
    axes[0][0].set_ylabel("seconds per epoch (60,000 examples)")
    axes[0][-1].legend(fontsize=7, loc="upper right")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return buffer.getvalue()


if __name__ == "__main__":  # the benchmark's own subprocesses
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        serve(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 3 and sys.argv[1] == "--peak":
        print(json.dumps({dt: peak_gflops(np.dtype(dt), int(sys.argv[2])) for dt in ("float32", "float64")}))
