"""NumPy code held against the formula it implements, derived by `derivations`.

A `CodeFormula` pairs a NumPy function with its SymPy formula and the points where both are
evaluated: the code in float64, the formula with mpmath at DIGITS digits (more where the input is
large, so that nothing cancels), at random points and, for the stable forms, at extreme ones
(logits of +-1e300). `check` raises FormulaMismatch at the first value where they differ by more
than RTOL. `code_formulas()` lists every formula of `numeric.functions` and the output errors the
network uses (one per pairing of `derivations.pairings`); the document shows them side by side.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import mpmath
import numpy as np
import sympy as sp

from derivations.errors import NndlError

DIGITS = 60                 # mpmath precision of the formulas' values
RTOL = 1e-12                # NumPy agrees with the formula to this relative error ...
ATOL = 2.3e-308             # ... or both are below the smallest normal double
SEED = 0
DELTA_ATOL = 2.0**-50       # an output error (|delta| <= 1 here) agrees to this absolute error


class FormulaMismatch(NndlError):
    """A NumPy function and the SymPy formula it implements disagree at some point."""


@dataclass(frozen=True)
class CodeFormula:
    """A NumPy function beside the SymPy formula it implements, and the points where both are
    evaluated (the code in float64, the formula with mpmath at DIGITS digits) before writing."""

    heading: str
    code: Callable                  # the NumPy function, as the project calls it
    where: str                      # e.g. numeric.functions.softmax
    formula: tuple                  # Rows: the SymPy formula as shown
    reference: Callable             # one point -> the formula's values (floats, correctly rounded)
    evaluate: Callable              # one point -> the code's values
    points: Callable                # rng -> random points
    extremes: tuple = ()            # extreme points (the stable forms)
    extremes_shown: str = ""        # what the extreme points are, in LaTeX text
    also: tuple = ()                # (where, evaluate) other NumPy versions of the same formula
    rtol: float = RTOL              # agreement: relative error at most rtol, ...
    atol: float = ATOL              # ... or absolute error at most atol


@dataclass
class Checked:
    pair: CodeFormula
    random_points: int
    extreme_points: int
    worst: float                    # the largest difference found: relative, or absolute where rtol = 0

    @property
    def measure(self) -> str:
        return "relative" if self.pair.rtol else "absolute"


def check(pair: CodeFormula, seed: int = SEED) -> Checked:
    """Evaluate code and formula at the random and extreme points; FormulaMismatch at the first
    value where they differ by more than the pair's rtol (relative) and atol (absolute)."""
    rng = np.random.default_rng(seed)
    counts, worst = [0, 0], 0.0
    for kind, points in enumerate((list(pair.points(rng)), pair.extremes)):
        for point in points:
            want = np.asarray(pair.reference(point), dtype=float)
            for where, run in [(pair.where, pair.evaluate), *pair.also]:
                with np.errstate(over="ignore"):      # exp overflowing to inf is part of the design
                    got = np.asarray(run(point), dtype=float)
                if got.shape != want.shape:
                    raise FormulaMismatch(f"{where}: returns shape {got.shape} where its formula has "
                                          f"{want.shape} (at {_show_point(point)})")
                bad = ~_agree(got, want, pair.rtol, pair.atol)
                if bad.any():
                    at = np.flatnonzero(bad)[0]
                    raise FormulaMismatch(
                        f"{where} does not match its formula ({pair.heading}) at {_show_point(point)}: "
                        f"NumPy gives {float(got.ravel()[at])!r}, the formula {float(want.ravel()[at])!r} "
                        f"(value {at})")
                normal = np.isfinite(want) & (np.abs(want) >= ATOL)
                if normal.any():
                    gap = np.abs(got[normal] - want[normal])
                    worst = max(worst, float(np.max(gap / np.abs(want[normal]) if pair.rtol else gap)))
            counts[kind] += want.size
    return Checked(pair, counts[0], counts[1], worst)


def _agree(got: np.ndarray, want: np.ndarray, rtol: float = RTOL, atol: float = ATOL) -> np.ndarray:
    with np.errstate(invalid="ignore", over="ignore"):
        same = (got == want) & ~np.isnan(got)
        close = np.abs(got - want) <= rtol * np.abs(want) + atol
    return same | (close & np.isfinite(got) & np.isfinite(want))


def _show_point(point) -> str:
    with np.printoptions(precision=6, threshold=12, linewidth=200):
        return ", ".join(str(np.asarray(p)).replace("\n", "") for p in point)


def _mp_function(expr, symbols):
    """The SymPy expression as an mpmath function of `symbols`, evaluated at DIGITS digits and
    rounded to the nearest double."""
    f = sp.lambdify(symbols, expr, modules=[{"exp": _exp}, "mpmath"])

    def value(*args):
        args = [float(x) for x in args]
        with mpmath.workdps(_digits(args)):
            return float(f(*(mpmath.mpf(x) for x in args)))
    return value


def _exp(x):
    """mpmath's e^x at the working precision, each (x, precision) computed once: the formulas
    evaluate e^(z_ell) of the same logits many times, and at 10^300 each takes milliseconds."""
    return _exp_at(x, mpmath.mp.prec)


@lru_cache(maxsize=1 << 14)
def _exp_at(x, precision: int):
    with mpmath.workprec(precision):
        return mpmath.exp(x)


def _digits(values) -> int:
    """DIGITS beyond the largest input: z_j - ln sum e^(z_ell) at z = 1e300 cancels 300 digits."""
    largest = max((abs(v) for v in values if np.isfinite(v)), default=0.0)
    return DIGITS + (int(np.log10(largest)) if largest > 1 else 0)


def _elementwise(expr, symbol):
    f = _mp_function(expr, [symbol])
    return lambda point: np.vectorize(f, otypes=[float])(point[0])


def _plain_symbols(size: int, *bases):
    """Indexed a_1..a_size, ... as plain symbols for lambdify."""
    return {base: [sp.Symbol(f"{base}_{q}", real=True) for q in range(1, size + 1)] for base in bases}


def _concrete(expr, size: int, bases):
    """expr over a symbolic n, written out for n = size, its Indexed terms as plain symbols."""
    from derivations.symbols import n
    names = _plain_symbols(size, *bases)
    out = expr.subs(n, size).doit()
    return out.xreplace({base[q + 1]: names[base][q] for base in bases for q in range(size)}), names


class _PerRow:
    """A formula over the n entries of one example (a row), evaluated row by row."""

    def __init__(self, build):
        self.build, self.cache = build, {}

    def __call__(self, size):
        if size not in self.cache:
            self.cache[size] = self.build(size)
        return self.cache[size]


def code_formulas() -> list[CodeFormula]:
    """Every formula of numeric.functions, and the output error of every pairing of
    derivations.pairings, each beside the SymPy object it implements."""
    import numeric.functions as F
    from derivations.pairings import PAIRINGS

    from derivations.activations import SIGMOID

    activations = list(dict.fromkeys(p.activation for p in PAIRINGS))
    models = list(dict.fromkeys(p.model for p in PAIRINGS))
    pairs = []
    for act in activations:
        pairs.append(_activation_formula(act, F))
        if act is SIGMOID:      # the hidden layers' sigma', in both of the forms the code uses
            pairs += [_sigmoid_prime_formula(F), _sigmoid_prime_of_output_formula(F)]
    pairs.append(_log_softmax_formula(F))
    for model in models:
        from_logits = [p for p in PAIRINGS if p.model is model and p.cost_from_logits]
        pairs.append(_cost_of_logits_formula(model, from_logits[0].activation, F) if from_logits
                     else _cost_formula(model, F))
    pairs += [_delta_formula(p, F) for p in PAIRINGS]
    return pairs


# --- points --------------------------------------------------------------------------------------

def _scalar_points(rng):
    return [(np.concatenate([rng.normal(0, 8, 100), rng.uniform(-40, 40, 100)]),)]


SCALAR_EXTREMES = ((np.array([1e300, -1e300, 1e3, -1e3, 745.0, -745.0, 710.0, -710.0, 40.0, -40.0,
                              0.0, 1e-300, -1e-300]),),)
SCALAR_SHOWN = r"$z = \pm 10^{300}$, $\pm 1000$, $\pm 745$, $\pm 710$, $\pm 40$, $0$, $\pm 10^{-300}$"


def _logit_points(rng):
    return [(rng.normal(0, 10, (20, size)),) for size in (2, 3, 10)]


LOGIT_EXTREMES = tuple((np.array(rows, dtype=float),) for rows in (
    [[1e300, -1e300, 0.0], [1e300, 1e300, -1e300], [-1e300, -1e300, -1e300], [0.0, -50.0, -800.0],
     [700.0, 710.0, 720.0], [-1e300, 0.0, 1e-300]],
    [[1e308, -1e308], [-1e308, 1e308], [1e300, 1e300]]))
LOGIT_SHOWN = (r"logits such as $(10^{300}, -10^{300}, 0)$, $(10^{300}, 10^{300}, -10^{300})$, "
               r"$(10^{308}, -10^{308})$, $(0, -50, -800)$ and $(700, 710, 720)$")


def _rows_of(per_row):
    """A per-row formula (one function per output) applied to every row of the point's matrix."""
    def reference(point):
        z_rows = point[0]
        f = per_row(z_rows.shape[-1])
        return np.array([[g(*row) for g in f] for row in z_rows])
    return reference


# --- the activations and sigma' ----------------------------------------------------------------

def _activation_formula(act, F) -> CodeFormula:
    """numeric.functions' form of an output activation (and its `_into` version) beside a_j."""
    from derivations.activations import unfold_sigma
    from derivations.symbols import a, j, z
    code, into = getattr(F, act.numpy), getattr(F, act.numpy + "_into")
    where = f"numeric.functions.{act.numpy}"
    shown = (sp.Eq(a[j], act.of_z(j), evaluate=False),)
    if act.elementwise:
        s = sp.Symbol("z", real=True)
        formula = unfold_sigma(act.of_z(j)).xreplace({z[j]: s})
        if act.of_z(j) != unfold_sigma(act.of_z(j)):       # sigma(z) = 1 / (1 + e^-z): show both
            shown = (sp.Eq(act.of_z(j).xreplace({z[j]: s}), formula, evaluate=False),)
        return CodeFormula(f"the {act.name} activation", code, where, shown, _elementwise(formula, s),
                           lambda p: code(p[0]), _scalar_points, SCALAR_EXTREMES, SCALAR_SHOWN,
                           also=((where + "_into", lambda p: into(p[0], np.empty_like(p[0]))),))
    per_row = _PerRow(lambda size: [_mp_function(*_swap(act.of_z(q).subs(n_symbol(), size).doit(), size, z))
                                    for q in range(1, size + 1)])
    return CodeFormula(f"the {act.name}", code, where, shown, _rows_of(per_row), lambda p: code(p[0]),
                       _logit_points, LOGIT_EXTREMES, LOGIT_SHOWN,
                       also=((where + "_into", lambda p: into(p[0].T.copy(), np.empty_like(p[0].T), axis=0).T),))


def n_symbol():
    from derivations.symbols import n
    return n


def _sigmoid_prime_formula(F) -> CodeFormula:
    from derivations.activations import sigma_prime, sigmoid_prime
    s = sp.Symbol("z", real=True)
    return CodeFormula(
        "the derivative of the sigmoid", F.sigmoid_prime, "numeric.functions.sigmoid_prime",
        (sp.Eq(sigma_prime(s), sigmoid_prime(s), evaluate=False),), _elementwise(sigmoid_prime(s), s),
        lambda p: F.sigmoid_prime(p[0]), _scalar_points, SCALAR_EXTREMES, SCALAR_SHOWN)


def _sigmoid_prime_of_output_formula(F) -> CodeFormula:
    """sigma' from the sigmoid's output, as backpropagation takes it: a (1 - a) at a = sigma(z).
    Held to an absolute error (it loses relative accuracy where a rounds to 1, as it must)."""
    from derivations.activations import SIGMOID, sigma_prime, sigmoid_prime
    from derivations.symbols import j, z
    s = sp.Symbol("z", real=True)
    in_a = sigma_prime(z[j]).xreplace(SIGMOID.derivative_in_a(j))
    return CodeFormula(
        "the derivative of the sigmoid from its output", F.sigmoid_prime_of_output,
        "numeric.functions.sigmoid_prime_of_output",
        (sp.Eq(sigma_prime(z[j]), in_a, evaluate=False),), _elementwise(sigmoid_prime(s), s),
        lambda p: F.sigmoid_prime_of_output(F.sigmoid(p[0])), _scalar_points, SCALAR_EXTREMES, SCALAR_SHOWN,
        also=(("numeric.functions.sigmoid_prime_of_output_into",
               lambda p: F.sigmoid_prime_of_output_into(F.sigmoid(p[0]), np.empty_like(p[0]))),),
        rtol=0.0, atol=2.0**-52)


def _log_softmax_formula(F) -> CodeFormula:
    from derivations.activations import softmax
    from derivations.symbols import a, j, z
    log_softmax = sp.expand_log(sp.log(softmax(z, j)), force=True)   # exp and sum are positive
    per_row = _PerRow(lambda size: [
        _mp_function(*_swap(sp.expand_log(sp.log(softmax(z, q, size=size).doit()), force=True), size, z))
        for q in range(1, size + 1)])
    return CodeFormula(
        "the log-softmax", F.log_softmax, "numeric.functions.log_softmax",
        (sp.Eq(sp.log(a[j]), log_softmax, evaluate=False),), _rows_of(per_row), lambda p: F.log_softmax(p[0]),
        _logit_points, LOGIT_EXTREMES, LOGIT_SHOWN)


# --- the costs -----------------------------------------------------------------------------------

def _average():
    from derivations.models import GAUSSIAN
    return GAUSSIAN.average_derivation.result          # (1/N) sum_x C_x


def _cost_formula(model, F) -> CodeFormula:
    """A cost of outputs a and targets y, mean over the examples."""
    from derivations.symbols import C, C_x
    code, average = getattr(F, model.numpy_cost), _average()
    per_example = _PerRow(lambda size: _mp_function(*_pair_args(model.cost(), size)))

    def reference(point):
        outputs, targets = (np.atleast_2d(v) for v in point)
        f = per_example(outputs.shape[1])
        return _mean([f(*row_a, *row_y) for row_a, row_y in zip(outputs, targets)], average)

    def points(rng):
        out = []
        for rows, size in ((5, 10), (1, 3), (8, 2)) * 4:
            outputs = rng.uniform(0.001, 0.999, (rows, size))
            hot = np.eye(size)[rng.integers(0, size, rows)]
            out += [(outputs, hot), (outputs, rng.uniform(0, 1, (rows, size)))]
        out.append((rng.uniform(0.01, 0.99, 4), rng.uniform(0, 1, 4)))       # a single example
        return out
    logs = model.cost().has(sp.log)      # where ln a and ln(1 - a) meet outputs near 0 and 1
    extremes = ((np.array([[1e-300, 1 - 2**-53, 0.5]]), np.array([[1.0, 0.0, 0.5]])),
                (np.array([[1e-300, 1 - 2**-53]]), np.array([[0.0, 1.0]])))
    return CodeFormula(
        f"the {model.cost_name} cost", code, f"numeric.functions.{model.numpy_cost}",
        (sp.Eq(C_x[sp.Symbol("x")], model.cost(), evaluate=False), sp.Eq(C, average, evaluate=False)),
        reference, lambda p: code(*p), points, extremes if logs else (),
        r"outputs $a = 10^{-300}$ and $a = 1 - 2^{-53}$" if logs else "")


def _cost_of_logits_formula(model, act, F) -> CodeFormula:
    """A cost computed from the weighted inputs z (logits) and class labels, mean over the examples."""
    from derivations.symbols import C, C_x, a, j
    code, average = getattr(F, model.numpy_cost), _average()
    per_row = _PerRow(lambda size: _mp_function(*_cost_of_z_args(model.cost(), act, size)))

    def reference(point):
        logits, labels = point
        f = per_row(logits.shape[1])
        hot = np.eye(logits.shape[1])[labels]
        return _mean([f(*zs, *ys) for zs, ys in zip(logits, hot)], average)

    def points(rng):
        return [(rng.normal(0, 10, (rows, size)), rng.integers(0, size, rows)) for rows, size in
                ((5, 10), (1, 2), (7, 3)) * 5]
    extremes = tuple((np.array(rows, dtype=float), np.array(labels)) for rows, labels in (
        ([[1e300, -1e300, 0.0], [1e300, -1e300, 0.0], [1e300, -1e300, 0.0]], [0, 1, 2]),
        ([[1e300, 1e300, -1e300], [0.0, -50.0, -800.0]], [1, 0]),
        ([[1e308, -1e307], [700.0, 720.0]], [0, 1])))
    return CodeFormula(
        f"the {model.cost_name} ({model.key}) cost", code, f"numeric.functions.{model.numpy_cost}",
        (sp.Eq(C_x[sp.Symbol("x")], model.cost(), evaluate=False), sp.Eq(a[j], act.of_z(j), evaluate=False),
         sp.Eq(C, average, evaluate=False)),
        reference, lambda p: code(*p), points, extremes,
        r"logits $(10^{300}, -10^{300}, 0)$ with each label, $(10^{308}, -10^{307})$, $(700, 720)$")


def _swap(expr, size, base):
    """(expr with base_1..base_size as plain symbols, those symbols) for _mp_function."""
    out, names = _concrete(expr, size, [base])
    return out, names[base]


def _pair_args(cost, size):
    from derivations.symbols import a, y
    out, names = _concrete(cost, size, [a, y])
    return out, [*names[a], *names[y]]


def _cost_of_z_args(cost, act, size):
    """The cost with a_j the activation of z, as a function of z_1..z_n, y_1..y_n."""
    from derivations.activations import unfold_sigma
    from derivations.symbols import a, y, z
    in_z = cost.subs(n_symbol(), size).doit()
    in_z = in_z.xreplace({a[q]: unfold_sigma(act.of_z(q)).subs(n_symbol(), size).doit() for q in range(1, size + 1)})
    out, names = _concrete(in_z, size, [z, y])
    return out, [*names[z], *names[y]]


def _mean(values: list, average) -> float:
    """The average formula (1/N) sum_x C_x evaluated on the examples' costs, at DIGITS digits."""
    f = _average_of(len(values), average)
    with mpmath.workdps(_digits(values)):
        return float(f(*(mpmath.mpf(v) for v in values)))


@lru_cache(maxsize=None)
def _average_of(count: int, average):
    """The average formula for `count` examples, lambdified once per count."""
    from derivations.symbols import C_x, x_count
    concrete = average.subs(x_count, count).doit()
    return sp.lambdify([C_x[q] for q in range(1, count + 1)], concrete, modules="mpmath")


# --- the output errors ---------------------------------------------------------------------------

def _delta_formula(pairing, F) -> CodeFormula:
    """The output error the network uses (derivations' lambdified delta(a, y)) beside its closed
    form, evaluated in z: a = the activation of z, computed by numeric.functions."""
    from derivations.symbols import delta, j, y, z
    oe, act = pairing.output_error, pairing.activation
    activation = getattr(F, act.numpy)
    zs, ys = sp.Symbol("z", real=True), sp.Symbol("y", real=True)
    rows = [sp.Eq(delta[j], oe.closed_form, evaluate=False)]
    if oe.in_terms_of_a != oe.closed_form:
        rows.append(sp.Eq(delta[j], oe.in_terms_of_a, evaluate=False))
    if act.elementwise:
        in_z = act.unfold(oe.closed_form).xreplace({z[j]: zs, y[j]: ys})
        f = _mp_function(in_z, [zs, ys])
        reference = lambda p: np.vectorize(f, otypes=[float])(p[0], p[1])

        def points(rng):
            return [(rng.uniform(-6, 6, 200), rng.integers(0, 2, 200).astype(float))]
    else:
        per_row = _PerRow(lambda size: [
            _mp_function(*_delta_of_z_args(act.unfold(oe.closed_form).subs(j, q).subs(n_symbol(), size), size))
            for q in range(1, size + 1)])

        def reference(point):
            logits, hot = point
            fs = per_row(logits.shape[1])
            return np.array([[f(*zr, *yr) for f in fs] for zr, yr in zip(logits, hot)])

        def points(rng):
            out = []
            for rows_, size in ((10, 10), (10, 3)):
                out.append((rng.normal(0, 5, (rows_, size)), np.eye(size)[rng.integers(0, size, rows_)]))
            return out
    # held to an absolute error: written with a, the delta loses relative accuracy where the
    # activation's derivative cancels (1 - a when a rounds to 1), as the network's own arithmetic does
    return CodeFormula(
        f"the output error, {pairing.name}", oe.numpy,
        f'derivations.pairings.output_error("{oe.cost}", "{oe.activation}").numpy', tuple(rows),
        reference, lambda p: oe.numpy(activation(p[0]), p[1]), points, rtol=0.0, atol=DELTA_ATOL)


# --- one formula at a time: what a learner's code is held to (exercises.check.code) -------------

def activation_formula(act) -> CodeFormula:
    """An output activation of derivations.activations (sigmoid, softmax) beside its formula."""
    import numeric.functions as F
    return _activation_formula(act, F)


def sigmoid_prime_formula() -> CodeFormula:
    """sigma'(z), differentiated by SymPy from the sigmoid's definition."""
    import numeric.functions as F
    return _sigmoid_prime_formula(F)


def log_softmax_formula() -> CodeFormula:
    """ln a_j of the softmax, expanded: z_j - ln sum_ell e^(z_ell)."""
    import numeric.functions as F
    return _log_softmax_formula(F)


def cost_formula(model, of_logits=None) -> CodeFormula:
    """A model's cost, mean over the examples: of outputs a and targets y (one row per example),
    or, given the activation `of_logits`, of logits z and class indices."""
    import numeric.functions as F
    return _cost_of_logits_formula(model, of_logits, F) if of_logits else _cost_formula(model, F)


def delta_formula(pairing) -> CodeFormula:
    """A pairing's derived output error delta_j, as a function of z and y."""
    import numeric.functions as F
    return _delta_formula(pairing, F)


def _delta_of_z_args(expr, size):
    from derivations.symbols import y, z
    out, names = _concrete(expr, size, [z, y])
    return out, [*names[z], *names[y]]


def rendered(fn) -> tuple[str | None, str]:
    """latexify's LaTeX of a function (None when it cannot render it), and why not."""
    import latexify
    names = {"_lambdifygenerated": "delta"}          # the name lambdify gives what it generates
    try:
        code = latexify.get_latex(fn, identifiers=names if fn.__name__ in names else None)
    except Exception as exc:   # latexify refuses what it cannot render: say so in the document
        return None, str(exc)
    # a function of several lines is an array: set each line in display style
    return code.replace(r"\begin{array}{l}", r"\begin{array}{l}\displaystyle").replace(
        r" \\ ", r" \\[3pt] \displaystyle "), ""


