"""`nndl confirm`: the chapter's symbolic results, checked numerically on real digits.

Each confirmation measures something on real MNIST digits (or on Nielsen's single neuron),
puts it beside what `derivations` says it should be, and passes or fails:

    gradients-match-derivations       backprop = derived closed form = finite differences
    learning-slowdown                 quadratic cost learns slowly from saturation, cross-entropy not
    sigmoid-outputs-not-distribution  sigmoid outputs need not sum to 1
    softmax-outputs-distribution      softmax outputs do; the Jacobian's signs are as derived
    softmax-temperature               softmax(c z) -> one-hot argmax as c grows; ties give 1/m
    accuracy                          [784, 30, 10] with cross-entropy reaches >= 93% held out

The trained networks are shared between confirmations (one per pairing, trained once).

Each confirmation returns a `Result`: the claim (words with $...$ math), what was measured and
expected, its tables and figures. That data is what every reader renders: the terminal (`text`),
the Markdown report (`markdown`), `confirm.json` and the LaTeX document (exercises.document).
"""
from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import mpmath
import numpy as np

from derivations.files import atomic_file, interrupts_held
from numeric.functions import sigmoid, softmax
from numeric.network import Network

SEED = 0
EPOCHS = 15                 # per pairing, on the 8,000 training digits (or all there are)
BATCH_SIZE = 10
ACCURACY_TARGET = 0.93

GRADIENT_BATCH = 20         # real digits in the batch whose gradients are compared
GRADIENT_H = 1e-6           # central-difference step
GRADIENT_TOLERANCE = 1e-6   # relative error, float64

NEURON_STARTS = ((0.6, 0.9), (2.0, 2.0))  # Nielsen's single neuron: (w, b), x = 1, y = 0
NEURON_ETA, NEURON_EPOCHS = 0.15, 300
SLOWER_BY = 10              # quadratic from saturation needs >= 10x the epochs to halve C
SATURATE = 10.0             # MNIST: the output layer's w and b scaled by this
MNIST_SLOWDOWN_ETA = 0.5    # the same rate for both costs
CLEARLY_ABOVE = 0.10        # first-epoch accuracy gap that counts as clear

JACOBIAN_DIGITS = 20        # held-out digits whose softmax Jacobian is taken
JACOBIAN_DPS, JACOBIAN_H = 50, "1e-20"
SUM_TOLERANCE = 1e-12
TEMPERATURES = (1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)
ONE_HOT_TOLERANCE = 1e-6
TIES = (2, 3, 10)
SUM_KEY = r"max $|\sum_j a_j - 1|$"


def pairings() -> dict:
    """{cost: pairing} the network trains with, and Nielsen's learning rate in each (the table
    of derivations.pairings)."""
    from derivations.pairings import default_pairings
    return default_pairings()


@dataclass
class Table:
    """A table of a confirmation: cells are numbers or words with $...$ math."""
    columns: list
    rows: list
    caption: str = ""

    def as_json(self) -> dict:
        return {"caption": self.caption, "columns": self.columns, "rows": self.rows}


@dataclass
class Result:
    """One confirmation: what was claimed, measured and expected, whether it held, and the tables
    and figures (PNG file names) that show it."""
    id: str
    claim: str
    measured: object
    expected: object
    passed: bool
    tables: list = field(default_factory=list)
    figures: list = field(default_factory=list)

    def as_json(self) -> dict:
        return {"id": self.id, "claim": self.claim, "measured": self.measured, "expected": self.expected,
                "passed": self.passed, "tables": [t.as_json() for t in self.tables], "figures": self.figures}

    def text(self) -> str:
        """For the terminal: the chapter's notation in plain text."""
        lines = [f"[{'PASS' if self.passed else 'FAIL'}] {self.id}: {plain(self.claim)}",
                 f"    measured: {plain(_show(self.measured))}",
                 f"    expected: {plain(_show(self.expected))}"]
        for t in self.tables:
            lines += ["", *("    " + line for line in text_table(t))]
        lines += [f"    figure: {f}" for f in self.figures]
        return "\n".join(lines) + "\n"


def _show(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def power(x: float) -> str:
    """A power of ten as math: 10^{-6}; other numbers as they are."""
    exponent = round(np.log10(x)) if x > 0 else None
    if exponent is not None and abs(x - 10.0 ** exponent) <= 1e-12 * x and abs(exponent) >= 3:
        return f"10^{{{exponent}}}"
    return f"{x:g}"


def plain(words: str) -> str:
    """Words with $...$ math for the terminal (the derivations' plain-text notation)."""
    from derivations.notation import why_text
    return why_text(words)


def text_table(t: Table) -> list[str]:
    """A table in fixed-width columns."""
    cells = [[plain(str(c)) for c in t.columns]] + [[plain(_cell(v)) for v in row] for row in t.rows]
    widths = [max(len(r[c]) for r in cells) for c in range(len(t.columns))]
    lines = [plain(t.caption)] if t.caption else []
    for number, row in enumerate(cells):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
    return str(value)


class Context:
    """What the confirmations share: the data, the trained networks, the figures drawn so far."""

    def __init__(self, data, out=None, seed=SEED, epochs=EPOCHS):
        self.data, self.seed, self.epochs = data, seed, epochs
        self.out = None if out is None else Path(out)
        self.figures: dict = {}         # name -> PNG bytes, written together at the end
        self._trained: dict = {}

    def trained(self, cost: str):
        """The [784, 30, 10] network of this pairing after `epochs` epochs, and its history."""
        if cost not in self._trained:
            net = Network(sizes=(784, 30, 10), cost=cost, seed=self.seed)
            history = net.sgd(self.data.train_x, self.data.train_y, self.epochs, BATCH_SIZE,
                              pairings()[cost].eta, evaluation=(self.data.test_x, self.data.test_y))
            self._trained[cost] = (net, history)
        return self._trained[cost]

    def save(self, fig, name: str) -> list:
        """Keep a matplotlib figure as PNG under `name` ([] when there is no out folder)."""
        if self.out is None:
            return []
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        self.figures[name] = buffer.getvalue()
        return [name]


def _figure(*size):
    from matplotlib.figure import Figure  # no pyplot: no global backend state, renders with Agg
    return Figure(figsize=size, layout="constrained")


def _relative(got: np.ndarray, reference: np.ndarray) -> float:
    return float(np.linalg.norm(got - reference) / np.linalg.norm(reference))


def _one_hot(labels, k=10) -> np.ndarray:
    return np.eye(k)[labels]


# ---------------------------------------------------------------- gradients-match-derivations

def gradients_match_derivations(ctx: Context, output_error=None) -> Result:
    """On a batch of real digits: the network's output-layer gradient (backprop) equals the
    derived closed form delta_j a_k^(L-1), delta_j, and central finite differences of C."""
    if output_error is None:
        from derivations.pairings import output_error
    x, labels = ctx.data.train_x[:GRADIENT_BATCH], ctx.data.train_y[:GRADIENT_BATCH]
    y = _one_hot(labels)
    measured, forms, rows = {}, {}, []
    for cost in pairings():
        net = Network(sizes=(784, 30, 10), cost=cost, seed=ctx.seed)
        nabla_b, nabla_w = net.backprop(x, y)
        backprop = np.concatenate([nabla_b[-1], nabla_w[-1].ravel()])
        derived = output_error(cost, net.cost.activation_name)
        delta = derived.numpy(net.feedforward(x), y)
        a_prev = _hidden_activations(net, x)
        closed = np.concatenate([delta.mean(axis=0), (delta.T @ a_prev / len(x)).ravel()])
        fd = np.concatenate([g.ravel() for g in
                             net.central_differences(x, labels, [net.biases[-1], net.weights[-1]], GRADIENT_H)])
        errors = {"vs closed form": _relative(backprop, closed),
                  "vs finite differences": _relative(backprop, fd)}
        measured[cost] = errors
        forms[cost] = rf"$\delta_j = {_tex(derived.closed_form)}$"
        rows.append([f"{cost} + {net.cost.activation_name}", forms[cost],
                     errors["vs closed form"], errors["vs finite differences"]])
    worst = max(e for errors in measured.values() for e in errors.values())
    table = Table(["pairing", "derived output error", "relative error vs the closed form",
                   "vs finite differences"], rows)
    return Result(
        "gradients-match-derivations",
        rf"On {len(x)} real digits, each pairing's output-layer gradient $\partial C/\partial b_j = \delta_j$, "
        r"$\partial C/\partial w_{jk} = \delta_j a^{L-1}_k$ (backpropagation) equals the derived closed form "
        f"and central finite differences ($h = {power(GRADIENT_H)}$)",
        measured, {"relative error": f"$< {power(GRADIENT_TOLERANCE)}$", **forms},
        worst < GRADIENT_TOLERANCE, [table])


def _tex(formula) -> str:
    """A derived formula in the chapter's LaTeX notation (a string is shown as it is)."""
    if isinstance(formula, str):
        return formula
    from derivations.notation import tex
    return tex(formula)


def _hidden_activations(net: Network, x: np.ndarray) -> np.ndarray:
    """a^(L-1): the activations feeding the output layer."""
    a = x
    for b, w in zip(net.biases[:-1], net.weights[:-1]):
        a = sigmoid(a @ w.T + b)
    return a


# ---------------------------------------------------------------- learning-slowdown

def learning_slowdown(ctx: Context) -> Result:
    """Nielsen's single neuron, then a saturated output layer on MNIST."""
    from derivations.activations import sigmoid_prime
    x, y = np.array([[1.0]]), np.array([[0.0]])
    curves, halving, ratio, ratio_expected = {}, {}, {}, {}
    for w, b in NEURON_STARTS:
        start = f"w={w}, b={b}"
        first_steps = {}
        for cost in ("quadratic", "cross-entropy"):
            net = Network(sizes=(1, 1), cost=cost, seed=ctx.seed)
            net.weights[0][:] = w
            net.biases[0][:] = b
            costs = [_neuron_cost(net, x, y)]
            for epoch in range(NEURON_EPOCHS):
                net.update_mini_batch(x, y, NEURON_ETA)
                if epoch == 0:
                    first_steps[cost] = w - float(net.weights[0][0, 0])
                costs.append(_neuron_cost(net, x, y))
            curves[(start, cost)] = np.array(costs)
            halving.setdefault(start, {})[cost] = _epochs_to_halve(costs)
        ratio[start] = first_steps["quadratic"] / first_steps["cross-entropy"]
        ratio_expected[start] = float(sigmoid_prime(w * 1.0 + b))
    ratio_ok = all(abs(ratio[s] / ratio_expected[s] - 1) < 1e-9 for s in ratio)
    easy, saturated = (f"w={w}, b={b}" for w, b in NEURON_STARTS)
    q, ce = halving[saturated]["quadratic"], halving[saturated]["cross-entropy"]
    slow_ok = q >= SLOWER_BY * ce and q > halving[easy]["quadratic"]
    mnist = _mnist_first_epoch(ctx)
    gap = mnist["saturated"]["cross-entropy"] - mnist["saturated"]["quadratic"]
    control_gap = mnist["not saturated"]["cross-entropy"] - mnist["not saturated"]["quadratic"]
    mnist_ok = gap >= CLEARLY_ABOVE and gap > control_gap
    figures = _slowdown_figures(ctx, curves, mnist)
    measured = {
        "first-step ratio quadratic/cross-entropy": ratio,
        "epochs to halve C": halving,
        "MNIST first-epoch held-out accuracy": mnist,
    }
    expected = {
        "first-step ratio quadratic/cross-entropy": {
            s: rf"$\sigma'(z) = {v:.6g}$ ($\partial C/\partial w = (a - y) \sigma'(z) x$ against $(a - y) x$)"
            for s, v in ratio_expected.items()},
        "epochs to halve C": f"from {saturated}: quadratic >= {SLOWER_BY}x cross-entropy, and "
                             f"slower than quadratic from {easy}",
        "MNIST first-epoch held-out accuracy": f"from the saturated output layer, cross-entropy "
                                              f">= quadratic + {CLEARLY_ABOVE}",
    }
    neuron = Table(["start", "cost", "$C$ at the start", "$C$ at the end", "epochs to halve $C$"],
                   [[s, c, float(curves[(s, c)][0]), float(curves[(s, c)][-1]), halving[s][c]]
                    for s in halving for c in halving[s]],
                   rf"Single neuron, $x = 1$, $y = 0$, $\eta = {NEURON_ETA}$, {NEURON_EPOCHS} epochs.")
    first_epoch = Table(["output layer", "quadratic", "cross-entropy"],
                        [[k, mnist[k]["quadratic"], mnist[k]["cross-entropy"]] for k in ("not saturated", "saturated")],
                        rf"MNIST [784, 30, 10], $\eta = {MNIST_SLOWDOWN_ETA}$ for both costs, held-out accuracy "
                        rf"after one epoch; saturated: the output layer's $w$ and $b$ times {SATURATE:g} "
                        f"({mnist['saturated share']:.0%} of the outputs beyond 0.02 or 0.98 at the start).")
    return Result(
        "learning-slowdown",
        "The quadratic cost learns slowly from a saturated start and the cross-entropy does not "
        "(Nielsen's single neuron; a saturated output layer on MNIST)",
        measured, expected, ratio_ok and slow_ok and mnist_ok, [neuron, first_epoch], figures)


def _neuron_cost(net: Network, x, y) -> float:
    return float(net.cost.fn(net.output_z(x), y))


def _epochs_to_halve(costs) -> int | None:
    return next((epoch for epoch, c in enumerate(costs) if c <= costs[0] / 2), None)


def _mnist_first_epoch(ctx: Context) -> dict:
    result = {"not saturated": {}, "saturated": {}}
    data = ctx.data
    for kind, scale in (("not saturated", 1.0), ("saturated", SATURATE)):
        for cost in ("quadratic", "cross-entropy"):
            net = Network(sizes=(784, 30, 10), cost=cost, seed=ctx.seed)
            net.weights[-1] *= scale
            net.biases[-1] *= scale
            if kind == "saturated":
                a = net.feedforward(data.test_x)
                result["saturated share"] = float(np.mean((a < 0.02) | (a > 0.98)))
            history = net.sgd(data.train_x, data.train_y, 1, BATCH_SIZE, MNIST_SLOWDOWN_ETA,
                              evaluation=(data.test_x, data.test_y))
            result[kind][cost] = history[0]["accuracy"]
    return result


def _slowdown_figures(ctx: Context, curves: dict, mnist: dict) -> list:
    if ctx.out is None:
        return []
    fig = _figure(10, 3.6)
    for panel, (w, b) in enumerate(NEURON_STARTS):
        ax = fig.add_subplot(1, 2, panel + 1)
        start = f"w={w}, b={b}"
        for cost, style in (("quadratic", "-"), ("cross-entropy", "--")):
            ax.plot(curves[(start, cost)], style, label=cost)
        ax.set(title=f"single neuron from {start} (x = 1, y = 0)", xlabel="epoch", ylabel="cost C",
               yscale="log")
        ax.legend()
    names = ctx.save(fig, "learning-slowdown-neuron.png")
    fig = _figure(5.5, 3.6)
    ax = fig.add_subplot()
    kinds = ("not saturated", "saturated")
    for offset, cost in ((-0.2, "quadratic"), (0.2, "cross-entropy")):
        ax.bar(np.arange(2) + offset, [mnist[k][cost] for k in kinds], width=0.4, label=cost)
    ax.set(xticks=range(2), xticklabels=[f"output layer {k}" for k in kinds],
           ylabel="held-out accuracy after 1 epoch", ylim=(0, 1.15), title="MNIST [784, 30, 10]")
    ax.legend(loc="upper center", ncol=2)
    return names + ctx.save(fig, "learning-slowdown-mnist.png")


# ---------------------------------------------------------------- sigmoid-outputs-not-distribution

def sigmoid_outputs_not_distribution(ctx: Context) -> Result:
    """The trained cross-entropy network's 10 sigmoid outputs: their sums over held-out digits."""
    net, _ = ctx.trained("cross-entropy")
    a = net.feedforward(ctx.data.test_x)
    sums = a.sum(axis=1)
    near_one = float(np.mean(np.abs(sums - 1) <= 0.05))
    measured = {"min sum": float(sums.min()), "max sum": float(sums.max()),
                "mean sum": float(sums.mean()), "share within 0.05 of 1": near_one}
    figures = _outputs_figure(ctx, a, _figure_digits(ctx), "sigmoid-outputs.png",
                              "sigmoid outputs of the trained cross-entropy network")
    return Result(
        "sigmoid-outputs-not-distribution",
        f"A trained sigmoid-output network's 10 activations are not a probability distribution: "
        f"over the {len(sums):,} held-out digits their sums spread away from 1",
        measured, {"share within 0.05 of 1": r"< 0.99 (the sum of the $a_j$ is not constrained)"},
        near_one < 0.99, [], figures)


def _figure_digits(ctx: Context) -> list[int]:
    """Four held-out digits to draw: where the sigmoid network's output sum is smallest,
    largest, nearest 1, and the first other digit. Both output figures show these four."""
    net, _ = ctx.trained("cross-entropy")
    sums = net.feedforward(ctx.data.test_x).sum(axis=1)
    picks = [int(np.argmin(sums)), int(np.argmax(sums)), int(np.argmin(np.abs(sums - 1)))]
    return picks + [next(i for i in range(len(sums)) if i not in picks)]


def _outputs_figure(ctx: Context, a, picks, name: str, title: str) -> list:
    """Each picked digit beside the bars of its 10 outputs a_j, titled with their sum."""
    if ctx.out is None:
        return []
    sums = a.sum(axis=1)
    fig = _figure(11, 5.2)
    fig.suptitle(title)
    for n, i in enumerate(picks):
        place = 4 * (n // 2) + 2 * (n % 2) + 1  # two (digit, bars) pairs per row
        image = fig.add_subplot(2, 4, place)
        image.imshow(ctx.data.test_x[i].reshape(28, 28), cmap="gray_r")
        image.set(xticks=[], yticks=[], title=f"label {ctx.data.test_y[i]}")
        bars = fig.add_subplot(2, 4, place + 1)
        bars.bar(range(10), a[i])
        bars.set(xticks=range(10), ylim=(0, 1.05), xlabel="j",
                 title=rf"$a_j$, $\sum_j a_j$ = {sums[i]:.3f}")
    return ctx.save(fig, name)


# ---------------------------------------------------------------- softmax-outputs-distribution

def softmax_sign_pattern():
    """+1 on the diagonal, -1 off it: the signs of da_j/dz_k = a_j (delta_jk - a_k), each
    proved by `derivations` for outputs 0 < a < 1. None where a proof fails."""
    from derivations.activations import softmax_jacobian_entry
    from derivations.proof import prove_negative, prove_positive
    from derivations.symbols import a, j, k
    bounds = [a[j] > 0, a[j] < 1, a[k] > 0, a[k] < 1]
    diagonal = prove_positive(softmax_jacobian_entry(a[j], a[j], 1), bounds)
    off = prove_negative(softmax_jacobian_entry(a[j], a[k], 0), bounds)
    return diagonal, off


def softmax_outputs_distribution(ctx: Context, sign_pattern=softmax_sign_pattern) -> Result:
    """Softmax outputs of the trained log-likelihood network: sums, positivity, Jacobian signs."""
    net, _ = ctx.trained("log-likelihood")
    z = net.output_z(ctx.data.test_x)
    a = softmax(z)
    worst_sum = float(np.max(np.abs(a.sum(axis=1) - 1)))
    diagonal, off = sign_pattern()
    expected_signs = None
    if diagonal and off:
        expected_signs = np.where(np.eye(10, dtype=bool), 1, -1)
    closed_form = _derived_jacobian()
    from derivations.activations import softmax_function
    derived_softmax = softmax_function(z.shape[1])
    agree, checked, gap = 0, 0, 0.0
    for row in z[:JACOBIAN_DIGITS]:
        with mpmath.workdps(JACOBIAN_DPS):
            jacobian, outputs = _mp_jacobian(derived_softmax, row)
            closed = closed_form(*outputs)
            gap = max(gap, max(float(abs(jacobian[j][k] - closed[j, k]) / abs(closed[j, k]))
                               for j in range(10) for k in range(10)))
        signs = np.array([[int(mpmath.sign(v)) for v in r] for r in jacobian])
        checked += signs.size
        if expected_signs is not None:
            agree += int(np.sum(signs == expected_signs))
    gap_key = r"max relative gap of the finite-difference Jacobian to $a_j(\delta_{jk} - a_k)$"
    measured = {SUM_KEY: worst_sum, "min $a_j$": float(a.min()),
                "Jacobian signs as derived": f"{agree} of {checked}", gap_key: gap}
    expected = {SUM_KEY: f"$< {power(SUM_TOLERANCE)}$", "min $a_j$": "$> 0$",
                "Jacobian signs as derived": f"all: + on the diagonal ({diagonal.status}), "
                                             f"- off it ({off.status})",
                gap_key: f"$< {power(1e-20)}$"}
    figures = _outputs_figure(ctx, a, _figure_digits(ctx), "softmax-outputs.png",
                              "softmax outputs of the trained log-likelihood network "
                              "(the same digits as sigmoid-outputs.png)")
    passed = (worst_sum < SUM_TOLERANCE and a.min() > 0 and expected_signs is not None
              and agree == checked and gap < 1e-20)
    return Result(
        "softmax-outputs-distribution",
        f"The trained softmax network's outputs sum to 1 on every one of the {len(a):,} held-out "
        rf"digits, and on {JACOBIAN_DIGITS} of them the finite-difference Jacobian $\partial a_j/\partial z_k$ has "
        "the derived signs (monotonicity of softmax: $a_j$ rises with $z_j$, falls with every other $z_k$)",
        measured, expected, bool(passed), [], figures)


def _derived_jacobian():
    """The derived Jacobian diag(a) - a a^T as an mpmath function of the 10 outputs."""
    import sympy as sp

    from derivations.activations import softmax_jacobian_matrix
    outputs = sp.symbols("a0:10", positive=True)
    return sp.lambdify(outputs, softmax_jacobian_matrix(sp.Matrix(outputs)), modules="mpmath")


def _mp_jacobian(derived_softmax, z_row):
    """Central differences of the derived softmax at z, and softmax(z) itself, at the current
    mpmath precision (JACOBIAN_DPS digits resolve even the smallest entries' signs)."""
    z = [mpmath.mpf(float(v)) for v in z_row]
    h = mpmath.mpf(JACOBIAN_H)
    columns = []
    for k in range(len(z)):
        up, down = list(z), list(z)
        up[k] += h
        down[k] -= h
        columns.append([(u - d) / (2 * h) for u, d in zip(derived_softmax(*up), derived_softmax(*down))])
    jacobian = [[columns[k][j] for k in range(len(z))] for j in range(len(z))]
    return jacobian, derived_softmax(*z)


# ---------------------------------------------------------------- softmax-temperature

def softmax_temperature(ctx: Context) -> Result:
    """softmax(c z) on the trained network's held-out logits, as the temperature c grows."""
    net, _ = ctx.trained("log-likelihood")
    z = net.output_z(ctx.data.test_x)
    target = _one_hot(np.argmax(z, axis=1))
    distance = np.array([np.max(np.abs(softmax(c * z) - target), axis=1) for c in TEMPERATURES])
    never_rises = bool(np.all(np.diff(distance, axis=0) <= 1e-15))
    worst = {f"$c = {power(c)}$": float(d.max()) for c, d in zip(TEMPERATURES, distance)}
    ties, ties_ok = {}, True
    for m in TIES:
        tied = z[0].copy()
        top = np.argsort(tied)[-m:]
        tied[top] = tied.max()
        a = softmax(TEMPERATURES[-1] * tied)
        rest = np.delete(a, top)
        ties[f"m={m}"] = float(a[top].mean())
        ties_ok &= bool(np.all(np.abs(a[top] - 1 / m) < 1e-12) and np.all(rest < 1e-12))
    distance_key = r"max $|\operatorname{softmax}(c z) - \text{one-hot argmax}|$"
    tied_key = f"tied maxima at $c = {power(TEMPERATURES[-1])}$"
    measured = {distance_key: worst, tied_key: ties}
    expected = {distance_key: f"never rises with $c$, $< {power(ONE_HOT_TOLERANCE)}$ at $c = {power(TEMPERATURES[-1])}$",
                tied_key: {f"m={m}": 1 / m for m in TIES}}
    passed = never_rises and distance[-1].max() < ONE_HOT_TOLERANCE and ties_ok
    return Result(
        "softmax-temperature",
        f"On the trained network's logits $z$ for {len(z):,} held-out digits, $\\operatorname{{softmax}}(c z)$ "
        "approaches the one-hot argmax as $c$ grows, and $m$ tied maxima each approach $1/m$",
        measured, expected, bool(passed))


# ---------------------------------------------------------------- accuracy

def accuracy(ctx: Context) -> Result:
    """The three pairings trained the same way; the cross-entropy network must reach 93%."""
    rows, curves = [], {}
    for cost, p in pairings().items():
        net, history = ctx.trained(cost)
        curves[cost] = [r["accuracy"] for r in history]
        rows.append([f"{cost} + {net.cost.activation_name}", p.eta, len(history), history[0]["accuracy"],
                     history[-1]["accuracy"], history[-1]["cost"], round(sum(r["seconds"] for r in history), 1)])
    reached = curves["cross-entropy"][-1]
    data = ctx.data
    table = Table(["pairing", r"$\eta$", "epochs", "accuracy after 1", "after the last", "cost", "seconds"], rows,
                  f"[784, 30, 10], mini-batches of {BATCH_SIZE}, seed {ctx.seed}, trained on "
                  f"{len(data.train_y):,} digits, accuracy on {len(data.test_y):,} held out.")
    figures = []
    if ctx.out is not None:
        fig = _figure(6, 4)
        ax = fig.add_subplot()
        for cost, acc in curves.items():
            ax.plot(range(1, len(acc) + 1), acc, marker="o", label=rf"{cost} ($\eta$ = {pairings()[cost].eta})")
        ax.axhline(ACCURACY_TARGET, color="gray", linestyle=":")
        ax.set(xlabel="epoch", ylabel="held-out accuracy", title="MNIST [784, 30, 10]")
        ax.legend()
        figures = ctx.save(fig, "accuracy.png")
    return Result(
        "accuracy",
        f"The cross-entropy [784, 30, 10] network trained on the {len(data.train_y):,} available "
        f"real digits for {ctx.epochs} epochs reaches at least {ACCURACY_TARGET:.0%} on the "
        f"{len(data.test_y):,} held-out digits",
        reached, ACCURACY_TARGET, reached >= ACCURACY_TARGET, [table], figures)


CONFIRMATIONS = (gradients_match_derivations, learning_slowdown, sigmoid_outputs_not_distribution,
                 softmax_outputs_distribution, softmax_temperature, accuracy)


def run_all(data, out=None, on_result=None, epochs=EPOCHS) -> tuple[list[Result], float]:
    """Every confirmation in turn; with `out`, then (and only then, all together) the figures,
    report.md and confirm.json there: an interrupted run writes nothing."""
    start = time.perf_counter()
    ctx = Context(data, out, epochs=epochs)
    results = []
    for confirmation in CONFIRMATIONS:
        result = confirmation(ctx)
        results.append(result)
        if on_result is not None:
            on_result(result)
    seconds = time.perf_counter() - start
    if out is not None:
        write(Path(out), report(results, data, seconds), ctx.figures)
    return results, seconds


def report(results: list[Result], data, seconds: float) -> dict:
    """What confirm.json holds: the data used, the time, and every result with its tables."""
    return {"data": {"name": data.name, "source": str(data.source), "note": data.note},
            "seconds": round(seconds, 1), "passed": sum(r.passed for r in results),
            "results": [r.as_json() for r in results]}


def write(out: Path, payload: dict, figures: dict) -> None:
    """The figures, report.md and confirm.json in `out` (created if missing), each written whole,
    and all or none of them: Ctrl-C is held while they are written (a moment: the figures are
    drawn already), so a press lands once all are in place; confirm.json is the last."""
    report_md = markdown(payload)
    with interrupts_held():
        out.mkdir(parents=True, exist_ok=True)
        for name, png in figures.items():
            with atomic_file(out / name) as f:
                f.write(png)
        with atomic_file(out / "report.md", "w") as f:
            f.write(report_md)
        with atomic_file(out / "confirm.json", "w") as f:
            f.write(json.dumps(payload, indent=2) + "\n")


def markdown(payload: dict) -> str:
    """report.md: the same data as confirm.json, for a reader (math between $...$)."""
    results, data = payload["results"], payload["data"]
    lines = ["# nndl confirm", "",
             f"{payload['passed']} of {len(results)} confirmations passed in {payload['seconds']:.1f} s.", "",
             f"Data: {data['name']} from `{data['source']}`."]
    if data["note"]:
        lines += ["", f"Note: {data['note']}."]
    for r in results:
        lines += ["", f"## {'PASS' if r['passed'] else 'FAIL'}: {r['id']}", "", r["claim"] + ".", "",
                  f"- measured: {_show(r['measured'])}", f"- expected: {_show(r['expected'])}"]
        for t in r["tables"]:
            lines += ["", t["caption"], "", "| " + " | ".join(map(str, t["columns"])) + " |",
                      "|" + "---|" * len(t["columns"])]
            lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in t["rows"]]
        lines += [f"\n![{f}]({f})" for f in r["figures"]]
    return "\n".join(lines) + "\n"
