"""The chapter's network in NumPy, written like Nielsen's network2.py.

A network of any layer sizes ([784, 30, 10] by default) with sigmoid hidden layers, trained by
mini-batch stochastic gradient descent. The output activation and the cost come as one of the
chapter's pairings (`derivations.pairings`, the one table of them), each a `Cost` with the cost
`fn` and the output error `delta` side by side:

    quadratic       sigmoid outputs   C = ||y - a||^2 / 2
    cross-entropy   sigmoid outputs   C = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)]
    log-likelihood  softmax outputs   C = -ln a_y

The `delta` of each pairing, dC/dz for the output layer, is the one `derivations` derived with
SymPy and turned into NumPy code; it is not retyped here. The activation and the cost are the
NumPy formulas of `numeric.functions` the table names.

Layout: the methods take a batch of n examples as a matrix with one example per row, so a layer
computes z = a w^T + b with w[l] of shape (n_out, n_in) as in the book, and every gradient is the
mean over the batch. `update_mini_batch` is the book's step; `sgd` runs the same steps through a
buffered version of it (`_train_epoch`, which works one example per column, as the book's
equations do) because at batch size 10 that is several times faster.
"""
from __future__ import annotations

import contextlib
import functools
import math
import time
import zipfile
from pathlib import Path

import numpy as np

from derivations.errors import NndlError
from derivations.files import atomic_file, interrupts_held
from numeric import functions
from numeric.data import PIXEL_MAX, Images
from numeric.functions import finite_array, sigmoid, sigmoid_into, sigmoid_prime, sigmoid_prime_of_output_into


class Cost:
    """A pairing of cost and output activation, in NumPy: the cost `fn` and the output error
    `delta` side by side, as in network2.py."""

    def __init__(self, pairing):
        self.pairing = pairing
        self.name, self.activation_name = pairing.cost, pairing.activation.name
        self.activation = getattr(functions, pairing.activation.numpy)
        self.activation_into = getattr(functions, pairing.activation.numpy + "_into")
        self._cost = getattr(functions, pairing.model.numpy_cost)
        self._cost_of_z = getattr(functions, pairing.numpy_cost_of_z) if pairing.numpy_cost_of_z else None

    def fn(self, z, y):
        """The cost C of outputs with weighted input z and targets y, mean over the examples; from z
        where the pairing has a stable form (finite where a rounds to 0 or 1)."""
        if self._cost_of_z is not None:
            return self._cost_of_z(z, y)
        return self._cost(z if self.pairing.cost_from_logits else self.activation(z), y)

    @functools.cached_property
    def delta(self):
        """dC/dz = delta(a, y) for the output layer, as `derivations` derived it (elementwise)."""
        return self.pairing.output_error.numpy

    def __repr__(self):
        return f"<Cost {self.pairing.name}>"


def costs() -> dict[str, Cost]:
    """{cost name: its Cost} for the pairing each cost's name stands for (derivations.pairings)."""
    from derivations.pairings import default_pairings
    return {name: cost_of(p) for name, p in default_pairings().items()}


@functools.lru_cache(maxsize=None)
def cost_of(pairing) -> Cost:
    """The one Cost of a pairing (built once: its delta is derived once)."""
    return Cost(pairing)


def _pairing(cost, output):
    """The pairing a Network is asked for: a Pairing, or a cost's name and an output activation."""
    if not isinstance(cost, str):
        return cost
    from derivations.pairings import PAIRINGS, pairing
    if cost not in {p.cost for p in PAIRINGS}:
        raise NndlError(f"unknown cost {cost!r}; choose one of {', '.join(map(repr, costs()))}")
    return pairing(cost, output)


INITS = ("scaled", "large")
DTYPES = ("float32", "float64")
ENGINES = ("numpy", "numba")
FILE_KIND = "nndl-proofs network"


COMPILED_UP_TO = 30   # batch size, or widest hidden layer, up to which "auto" compiles (measured)


def choose_engine(batch_size: int, sizes=(784, 30, 10)) -> str:
    """The engine `sgd(engine="auto")` takes: the compiled one ("numba", when numba is installed)
    for mini-batches of up to 30 examples, or hidden layers of up to 30 neurons; else "numpy"
    (where each engine wins, measured: the project's docs/performance.md)."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return "numpy"
    widest = max(sizes[1:-1], default=0)
    return "numba" if batch_size <= COMPILED_UP_TO or widest <= COMPILED_UP_TO else "numpy"


def training_plan(engine="auto", dtype="auto", batch_size=10, sizes=(784, 30, 10)) -> tuple[str, str]:
    """(engine, dtype) that `Network.sgd` uses for these choices: "auto" resolved by measurement
    (`choose_engine`, `choose_dtype`), an explicit choice checked."""
    engine = _choose(ENGINES + ("auto",), engine, "engine")
    dtype = _choose(DTYPES + ("auto",), _dtype_name(dtype), "dtype")
    return (choose_engine(batch_size, sizes) if engine == "auto" else engine,
            choose_dtype() if dtype == "auto" else dtype)


def choose_dtype() -> str:
    """The arithmetic `sgd(dtype="auto")` takes: float32 (measured faster for both engines at every
    batch size, and the trained networks agree with float64's within the tests' tolerances)."""
    return "float32"


class Network:
    """A feedforward network: sigmoid hidden layers, the output and cost of one pairing."""

    def __init__(self, sizes=(784, 30, 10), cost="cross-entropy", seed=0, init="scaled",
                 dtype="float64", output=None):
        """A cost's name (with the output activation `output`, by default the one the cost stands
        for in derivations.pairings) or a Pairing. Weights w ~ N(0, 1/n_in) ("scaled", Nielsen's
        default) or N(0, 1) ("large", his old one), biases b ~ N(0, 1); the same seed gives the
        same numbers."""
        self.sizes = _check_sizes(sizes)
        self.cost = cost_of(_pairing(cost, output))
        self.init = _choose(INITS, init, "init")
        self.dtype = np.dtype(_choose(DTYPES, _dtype_name(dtype), "dtype"))
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.biases = [self.rng.standard_normal(n).astype(self.dtype) for n in self.sizes[1:]]
        scale = (lambda n_in: 1 / math.sqrt(n_in)) if init == "scaled" else (lambda n_in: 1.0)
        self.weights = [(self.rng.standard_normal((n_out, n_in)) * scale(n_in)).astype(self.dtype)
                        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:])]

    def __repr__(self):
        return (f"Network(sizes={self.sizes}, cost={self.cost.name!r}, output={self.cost.activation_name!r}, "
                f"init={self.init!r}, dtype={self.dtype.name!r})")

    # --- forward ---------------------------------------------------------------------------

    def output_z(self, x):
        """The output layer's weighted input z for inputs x, shape (n, sizes[-1])."""
        a = self._inputs(x)
        for b, w in zip(self.biases[:-1], self.weights[:-1]):
            a = sigmoid(a @ w.T + b)
        return a @ self.weights[-1].T + self.biases[-1]

    def feedforward(self, x):
        """The output activations a for inputs x, shape (n, sizes[-1])."""
        return self.cost.activation(self.output_z(x))

    def accuracy(self, x, labels):
        """The fraction of inputs whose largest output is the label."""
        z = self.output_z(x)
        return float(np.mean(np.argmax(z, axis=1) == self._labels(labels, len(z))))

    def total_cost(self, x, labels):
        """The cost C, mean over the examples."""
        z = self.output_z(x)
        return float(self.cost.fn(z, self._one_hot(self._labels(labels, len(z)))))

    def central_differences(self, x, labels, parameters, h=1e-6):
        """dC/dp for every entry p of each array in `parameters` (some of the network's biases and
        weights), by central differences of the network's own cost, (C(p + h) - C(p - h)) / 2h:
        what backpropagation is checked against."""
        out = []
        for array in parameters:
            g = np.empty(array.shape)
            for index in np.ndindex(array.shape):
                keep = array[index]
                array[index] = keep + h
                up = self.total_cost(x, labels)
                array[index] = keep - h
                down = self.total_cost(x, labels)
                array[index] = keep
                g[index] = (up - down) / (2 * h)
            out.append(g)
        return out

    # --- learning --------------------------------------------------------------------------

    def backprop(self, x, y):
        """The gradient (nabla_b, nabla_w) of the cost, mean over the batch, for inputs x and
        one-hot targets y, by the four equations of backpropagation (BP1-BP4)."""
        x, y = self._inputs(x), self._targets(y, len(self._inputs(x)))
        activation, activations, zs = x, [x], []
        for l, (b, w) in enumerate(zip(self.biases, self.weights)):
            z = activation @ w.T + b
            activation = sigmoid(z) if l < len(self.weights) - 1 else self.cost.activation(z)
            zs.append(z)
            activations.append(activation)
        return self._backward(activations, zs, y)

    def _backward(self, activations, zs, y):
        """BP1-BP4 from the stored forward pass, one example per row."""
        n = len(y)
        nabla_b, nabla_w = [None] * len(self.biases), [None] * len(self.weights)
        delta = self.cost.delta(activations[-1], y)                    # BP1 (from derivations)
        nabla_b[-1] = delta.sum(axis=0) / n                            # BP3
        nabla_w[-1] = delta.T @ activations[-2] / n                    # BP4
        for l in range(2, len(self.sizes)):
            delta = (delta @ self.weights[-l + 1]) * sigmoid_prime(zs[-l])   # BP2
            nabla_b[-l] = delta.sum(axis=0) / n
            nabla_w[-l] = delta.T @ activations[-l - 1] / n
        return nabla_b, nabla_w

    def update_mini_batch(self, x, y, eta):
        """One step of gradient descent on a mini-batch: w -> w - eta nabla_w, b -> b - eta nabla_b."""
        nabla_b, nabla_w = self.backprop(x, y)
        for b, w, nb, nw in zip(self.biases, self.weights, nabla_b, nabla_w):
            b -= eta * nb
            w -= eta * nw

    def sgd(self, train_x, train_labels, epochs, batch_size, eta, evaluation=None, on_epoch=None,
            engine="auto", dtype="auto", threads="auto"):
        """Mini-batch stochastic gradient descent.

        Each epoch shuffles the training data (with the network's seeded generator) and takes one
        step per mini-batch of `batch_size` examples. After each epoch, with
        `evaluation=(x, labels)`, the accuracy and cost on those examples are measured (else they
        are None); `on_epoch` receives the epoch's record (with Ctrl-C held: keep it short). Returns the list of records
        {"epoch", "accuracy", "cost", "seconds"}; "seconds" is the training time of the epoch.

        `engine`: "numpy" (`_train_epoch`), "numba" (the same steps compiled, numeric.kernel), or
        "auto": the one `choose_engine` picks for this batch size and these layers. `dtype`: the
        arithmetic of the steps, "float32", "float64", or "auto" (`choose_dtype`); the weights keep
        the network's dtype between epochs. `threads` (the compiled engine): a number, or "auto"
        (`numeric.kernel.Threads`: both cores while they are measured faster than one). Every engine,
        dtype and number of threads takes the same steps (the tests hold them to one another). Ctrl-C
        leaves the network as the last epoch handed on left it: a press during an epoch's steps or
        its evaluation restores the network as it was before them.
        """
        engine, dtype = training_plan(engine, dtype, batch_size, self.sizes)
        x = self._inputs(train_x, convert=False)
        labels = self._labels(train_labels, len(x))
        epochs, batch_size = _count(epochs, "epochs", 0), _count(batch_size, "batch_size", 1)
        eta = _positive(eta, "eta")
        if evaluation is not None:
            eval_x, eval_labels = evaluation
            eval_x = self._inputs(eval_x)
            eval_labels = self._labels(eval_labels, len(eval_x))
        if threads != "auto":
            threads = _count(threads, "threads", 1)
        if engine == "numba":
            from numeric.kernel import train_epoch as kernel_epoch  # an NndlError without numba
            train_epoch = functools.partial(kernel_epoch, self, threads=threads)
        else:
            train_epoch = self._train_epoch
        history = []
        for epoch in range(1, epochs + 1):
            start = time.perf_counter()
            # The invariant: the network is as the last epoch handed on (to `on_epoch`, to the
            # records) left it, whenever Ctrl-C lands. A press before the epoch is handed on (in its
            # steps, its evaluation) restores the network as it was; the hand-on itself is held whole.
            kept = (self.dtype, [w.copy() for w in self.weights], [b.copy() for b in self.biases])
            try:
                # a learning rate too large for the cost overflows the weights: that is found below,
                # from the weights themselves, and said as divergence, not as NumPy's warnings
                with self._arithmetic(dtype), np.errstate(over="ignore", invalid="ignore"):
                    try:
                        train_epoch(x, labels, self.rng.permutation(len(x)), batch_size, eta)
                    except NndlError:              # non-finite values met inside the epoch: diverged,
                        if self.finite():          # unless the weights are finite (then the input's fault)
                            raise
                if not self.finite():
                    raise Diverged(epoch, "the weights are no longer finite")
                record = {"epoch": epoch, "accuracy": None, "cost": None,
                          "seconds": time.perf_counter() - start}
                if evaluation is not None:
                    record["accuracy"] = self.accuracy(eval_x, eval_labels)
                    record["cost"] = self.total_cost(eval_x, eval_labels)
            except KeyboardInterrupt:              # the network as the last whole epoch left it
                with interrupts_held():
                    self.dtype, self.weights, self.biases = kept
                raise
            with interrupts_held():                # handed on whole: a press meanwhile lands after
                history.append(record)
                if on_epoch is not None:
                    on_epoch(record)
        return history

    def finite(self) -> bool:
        """Are all the weights and biases finite numbers?"""
        return all(np.isfinite(p).all() for p in (*self.weights, *self.biases))

    @contextlib.contextmanager
    def _arithmetic(self, dtype):
        """Within: the weights and biases in `dtype` (as the network's own dtype); after: back in the
        network's dtype, holding what the steps made of them."""
        if dtype == self.dtype.name:
            yield
            return
        own, self.dtype = self.dtype, np.dtype(dtype)
        self.weights = [w.astype(dtype) for w in self.weights]
        self.biases = [b.astype(dtype) for b in self.biases]
        try:
            yield
        finally:
            self.dtype = own
            self.weights = [w.astype(own) for w in self.weights]
            self.biases = [b.astype(own) for b in self.biases]

    def _train_epoch(self, x, labels, order, batch_size, eta):
        """One epoch of `update_mini_batch` steps, on the mini-batches order[k:k+batch_size]:
        the same arithmetic, arranged for speed (a test checks it against `update_mini_batch`).

        x holds the inputs (any float dtype, or Images: each mini-batch is converted as it is
        gathered, bytes divided by 255 as Images.floats does), labels the class indices. At batch size 10 the book's step spends more time creating and checking
        arrays than multiplying them, so here:
        - the step works in the book's layout, one example per column, with w and b side by side
          and a row of ones under every layer's input: [w b] [a; 1] = w a + b. One matrix product
          gives z, and one gives the whole update of w and b (BP3 and BP4 together);
        - the learning rate is folded into the output error, delta := -(eta/m) delta: BP2 is
          linear in delta, so every layer's delta carries it, and the update is [w b] += delta [a; 1]^T;
        - every array has a buffer, allocated once per batch size and written with `out=`; two
          gathers fetch a mini-batch's x and one-hot y; the activation overwrites z in place, and
          sigma'(z) is taken as a (1 - a).
        The arithmetic is the book's, step for step (a test holds it to `update_mini_batch`);
        what each of these choices saved is in the project's docs/performance.md.
        """
        L, n_in = len(self.weights), self.sizes[0]
        targets = self._one_hot(labels)
        wb = [np.column_stack([w, b]) for w, b in zip(self.weights, self.biases)]
        w_transposed = [layer[:, :-1].T for layer in wb]  # w^T inside [w b], for BP2
        delta_of, output_into = self.cost.delta, self.cost.activation_into
        workspaces = {}
        with np.errstate(over="ignore", under="ignore"):  # exp(-z) -> inf gives sigma(z) = 0, correctly
            for k in range(0, len(order), batch_size):
                batch = order[k:k + batch_size]
                m = len(batch)
                if m not in workspaces:
                    workspaces[m] = _Workspace(self.sizes, m, self.dtype)
                ws = workspaces[m]
                inputs, inputs_t, a, errors, sp, nabla = (ws.inputs, ws.inputs_t, ws.a, ws.errors, ws.sp,
                                                          ws.nabla)
                if isinstance(x, Images):                          # byte / 255, as Images.floats
                    x.pixels.take(batch, axis=0, out=ws.pixels, mode="clip")  # indices are valid
                    np.divide(ws.pixels, ws.pixel_max, out=ws.rows[:, :n_in])
                else:
                    x.take(batch, axis=0, out=ws.rows[:, :n_in], mode="clip")
                targets.take(batch, axis=0, out=ws.rows[:, n_in + 1:], mode="clip")
                for l in range(L):                                 # feedforward: a = sigma([w b] [a; 1])
                    np.matmul(wb[l], inputs[l], out=a[l])
                    (sigmoid_into if l < L - 1 else output_into)(a[l], a[l])
                delta = delta_of(a[-1], ws.y)                      # BP1 (from derivations)
                delta *= -eta / m
                for l in range(L - 1, -1, -1):                     # backward, updating as it goes
                    if l > 0:
                        np.matmul(w_transposed[l], delta, out=errors[l])  # BP2, with w before its update
                    wb[l] += np.matmul(delta, inputs_t[l], out=nabla[l])   # BP3 + BP4
                    if l > 0:
                        sigmoid_prime_of_output_into(a[l - 1], sp[l])   # sigma'(z) = a (1 - a)
                        delta = np.multiply(errors[l], sp[l], out=errors[l])
        for w, b, layer in zip(self.weights, self.biases, wb):
            w[...], b[...] = layer[:, :-1], layer[:, -1]

    # --- saving and loading ----------------------------------------------------------------

    def save(self, path):
        """Write the network to an .npz file, atomically (a temporary file, then a rename)."""
        path = Path(path)
        arrays = {"kind": np.array(FILE_KIND), "sizes": np.array(self.sizes),
                  "cost": np.array(self.cost.name), "output": np.array(self.cost.activation_name),
                  "init": np.array(self.init),
                  "dtype": np.array(self.dtype.name), "seed": np.array(-1 if self.seed is None else self.seed)}
        arrays.update({f"w{l}": w for l, w in enumerate(self.weights)})
        arrays.update({f"b{l}": b for l, b in enumerate(self.biases)})
        try:
            with atomic_file(path) as f:
                np.savez(f, **arrays)
        except OSError as exc:
            raise NndlError(f"{path}: cannot write the network there ({exc.strerror or exc})") from None

    @classmethod
    def load(cls, path):
        """A network saved by `save`; a wrong, corrupt or mismatched file gives an NndlError."""
        try:
            with np.load(path, allow_pickle=False) as f:
                arrays = {key: f[key] for key in f.files}
        except FileNotFoundError:
            raise NndlError(f"{path}: no such file") from None
        except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
            raise NndlError(f"{path}: not a readable .npz network file ({exc})") from None
        if not isinstance(arrays, dict) or str(arrays.get("kind", "")) != FILE_KIND:
            raise NndlError(f"{path}: not a network saved by nndl (no '{FILE_KIND}' marker)")
        try:
            seed = int(arrays["seed"])
            net = cls(sizes=tuple(int(s) for s in arrays["sizes"]), cost=str(arrays["cost"]),
                      seed=None if seed < 0 else seed, init=str(arrays["init"]),
                      dtype=str(arrays["dtype"]), output=str(arrays["output"]) if "output" in arrays else None)
            for l in range(len(net.weights)):
                net.weights[l] = _stored(arrays, f"w{l}", net.weights[l].shape, net.dtype, path)
                net.biases[l] = _stored(arrays, f"b{l}", net.biases[l].shape, net.dtype, path)
        except KeyError as exc:
            raise NndlError(f"{path}: network file lacks the entry {exc}") from None
        except (TypeError, ValueError) as exc:
            raise NndlError(f"{path}: malformed network file ({exc})") from None
        extra = set(arrays) - {"kind", "sizes", "cost", "output", "init", "dtype", "seed"} - {
            f"{p}{l}" for p in "wb" for l in range(len(net.weights))}
        if extra:
            raise NndlError(f"{path}: network file has unexpected entries {sorted(extra)} "
                            f"for layer sizes {net.sizes}")
        return net

    # --- checking input --------------------------------------------------------------------

    def _inputs(self, x, convert=True):
        """Inputs as an (n, sizes[0]) array of the network's dtype (a single example becomes n = 1);
        Images (numeric.data: bytes) as their intensities byte / 255, or as they are (`convert=False`)."""
        if isinstance(x, Images):
            if x.shape[1] != self.sizes[0]:
                raise NndlError(f"network input: expected shape (n, {self.sizes[0]}), got {x.shape}")
            return x.floats(self.dtype) if convert else x
        x = finite_array(x, "x", "network input")
        if x.ndim == 1:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != self.sizes[0]:
            raise NndlError(f"network input: expected shape (n, {self.sizes[0]}), got {x.shape}")
        return x.astype(self.dtype, copy=False) if convert else x

    def _targets(self, y, n):
        """Targets as an (n, sizes[-1]) array of the network's dtype."""
        y = finite_array(y, "y", "network targets")
        if y.ndim == 1:
            y = y[None, :]
        if y.shape != (n, self.sizes[-1]):
            raise NndlError(f"network targets: expected shape ({n}, {self.sizes[-1]}), got {y.shape}")
        return y.astype(self.dtype, copy=False)

    def _labels(self, labels, n):
        """Class labels as n integers in 0..sizes[-1]-1."""
        labels = np.asarray(labels)
        if labels.ndim == 0:
            labels = labels[None]
        if labels.shape != (n,):
            raise NndlError(f"labels: expected {n} class labels (one per input), got shape {labels.shape}")
        if labels.dtype.kind not in "iu":
            raise NndlError(f"labels: class labels must be integers, got dtype {labels.dtype}")
        if n and (labels.min() < 0 or labels.max() >= self.sizes[-1]):
            raise NndlError(f"labels: must lie in 0..{self.sizes[-1] - 1}, "
                            f"found {labels.min()}..{labels.max()}")
        return labels

    def _one_hot(self, labels):
        """Labels as one-hot rows y, the network's targets."""
        return np.eye(self.sizes[-1], dtype=self.dtype)[labels]


class _Workspace:
    """The arrays of one training step for mini-batches of m examples, allocated once.

    One example per column, as in the book; each layer's input [a; 1] ends in a row of ones.
    """

    def __init__(self, sizes, m, dtype):
        self.rows = np.ones((m, sizes[0] + 1 + sizes[-1]), dtype)  # the batch's rows: x, 1, y
        self.pixels, self.pixel_max = np.empty((m, sizes[0]), np.uint8), np.asarray(PIXEL_MAX, dtype)  # Images
        self.y = self.rows[:, sizes[0] + 1:].T                       # targets, one per column
        hidden = [np.ones((n + 1, m), dtype) for n in sizes[1:-1]]
        self.inputs = [self.rows[:, :sizes[0] + 1].T] + hidden      # [a; 1] fed to each layer
        self.inputs_t = [i.T for i in self.inputs]
        self.a = [h[:-1] for h in hidden] + [np.empty((sizes[-1], m), dtype)]  # each layer's a (z first)
        self.errors = [None] + [np.empty((n, m), dtype) for n in sizes[1:-1]]  # delta by BP2
        self.sp = [None] + [np.empty((n, m), dtype) for n in sizes[1:-1]]      # sigma'(z)
        self.nabla = [np.empty((n_out, n_in + 1), dtype) for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def _check_sizes(sizes) -> tuple[int, ...]:
    try:
        sizes = tuple(int(s) for s in sizes)
    except (TypeError, ValueError):
        raise NndlError(f"layer sizes must be a sequence of integers, got {sizes!r}") from None
    if len(sizes) < 2 or min(sizes) < 1:
        raise NndlError(f"layer sizes must be at least two positive integers, got {list(sizes)}")
    return sizes


def _choose(options, value, what: str):
    if value not in options:
        raise NndlError(f"unknown {what} {value!r}; choose one of {', '.join(map(repr, options))}")
    return value


def _dtype_name(dtype):
    try:
        return np.dtype(dtype).name  # "float32", np.float32 and np.dtype("float32") alike
    except TypeError:
        return dtype


def _count(value, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise NndlError(f"{what} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _positive(value, what: str) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise NndlError(f"{what} must be a positive number, got {value!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise NndlError(f"{what} must be a positive finite number, got {value!r}")
    return value


def _stored(arrays, key, shape, dtype, path) -> np.ndarray:
    """A weight or bias array from a saved file, checked for shape and finiteness."""
    value = arrays[key]
    if value.shape != shape:
        raise NndlError(f"{path}: {key} has shape {value.shape}, expected {shape} for these layer sizes")
    if value.dtype.kind != "f" or not np.isfinite(value).all():
        raise NndlError(f"{path}: {key} must hold finite floating-point numbers")
    return value.astype(dtype)


class Diverged(Exception):
    """Training diverged in `epoch` (the learning rate is too large for the cost): `why`."""

    def __init__(self, epoch: int, why: str):
        super().__init__(f"training diverged in epoch {epoch}: {why}")
        self.epoch, self.why = epoch, why
