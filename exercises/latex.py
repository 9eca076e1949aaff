"""`nndl latex`: the derivations, the proofs and the code beside its maths, as one LaTeX document.

Everything in the document is printed from the SymPy objects the proofs use: the models' and the
output errors' `Derivation`s (derivations), each claim's `Result` (exercises), and the NumPy code
of `numeric.functions`, rendered by latexify-py beside the formula it implements. Before anything
is written, each NumPy function is evaluated against its SymPy formula (mpmath, 60 digits) at
random points and, for the stable forms, at extreme ones (logits of +-1e300); a mismatch is an
error and nothing is written.

    1. Costs from likelihood models      one subsection per model, then its output errors
    2. Exercises and claims              one subsection per claim: statement, steps, verdict
    3. From math to code                 numeric.functions beside derivations, checked equal
    4. Numeric confirmation              `nndl confirm --out DIR` results found in DIR

Equations are laid out by `ChapterPrinter` (the chapter's notation: a_j, w_jk, a^{L-1}_k, ln,
dC/dz_j) and broken across lines by `pieces`, `lines` and `align` where they would run off the page;
the compiled document is checked for lines that run into the margin.
"""
from __future__ import annotations

import contextlib
import inspect
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import mpmath
import numpy as np
import sympy as sp

from derivations.errors import NndlError
from derivations.files import atomic_file
from derivations.notation import (RELATIONS, _PRINTER, ordered_terms, split_fraction, tex, tex_inline,
                                  width)

# ============================================================================ the printer

# ============================================================================ words

def text(s: str) -> str:
    """Words with $...$ math (a step's justification, a claim's statement) as LaTeX text.

    Outside math the characters LaTeX treats specially are escaped, and ASCII notation (>=, ->)
    becomes the symbol; inside math SymPy's {a}_{j} and \\log become the chapter's a_j and \\ln.
    """
    out = []
    for number, part in enumerate(s.split("$")):
        out.append(f"${math(part)}$" if number % 2 else plain(part))
    return "".join(out)


_PLAIN = [("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("#", r"\#"), ("_", r"\_"),
          ("{", r"\{"), ("}", r"\}"), ("~", r"\textasciitilde{}"), ("^", r"\textasciicircum{}"),
          (">=", r"$\geq$"), ("<=", r"$\leq$"), ("!=", r"$\neq$"), ("->", r"$\to$"),
          (">", "$>$"), ("<", "$<$"), ("|", r"$|$")]


def plain(s: str, quotes: bool = True) -> str:
    """Text outside math, escaped for LaTeX ("..." as typeset quotes unless quotes=False)."""
    pattern = "|".join(re.escape(k) for k, _ in _PLAIN)
    table = dict(_PLAIN)
    s = re.sub(pattern, lambda m: table[m.group(0)], s)
    return re.sub(r'"([^"]*)"', r"``\1''", s) if quotes else s


def words(parts) -> str:
    """A justification given as words and SymPy expressions (a derivation step's why_parts)."""
    return "".join(f"${tex_inline(p)}$" if isinstance(p, sp.Basic) else text(p) for p in parts)


def math(s: str) -> str:
    """Math written with SymPy's latex() inside words, in the chapter's notation."""
    s = re.sub(r"\{([A-Za-z]|\\[A-Za-z]+)\}_", r"\1_", s)          # {a}_{j} -> a_{j}
    s = re.sub(r"\\log\{\\left\(([^{}]*?) \\right\)\}", r"\\ln(\1)", s)
    return s.replace(r"\log", r"\ln")


TITLE_MATH = [(r"\bsigma'", r"$\sigma'$"), (r"\bdelta = a - y\b", r"$\delta = a - y$"),
              (r"\bx_j\b", r"$x_j$"), (r"\bc -> oo\b", r"$c \to \infty$"), (r"!=", r"$\neq$"),
              (r"\bat a = y\b", r"at $a = y$")]


def title(s: str) -> str:
    """A claim's title (ASCII, for the terminal) with its few bits of notation typeset."""
    pattern = "|".join(f"({p})" for p, _ in TITLE_MATH)
    out, last = [], 0
    for m in re.finditer(pattern, s):
        out += [plain(s[last:m.start()]), TITLE_MATH[m.lastindex - 1][1]]
        last = m.end()
    return "".join(out) + plain(s[last:])


# ============================================================================ layout

LINE = 84          # the text width (16 cm) in units of about one letter of math (5 pt)
FRAGMENT_LINE = 62  # a fragment may land in the article class's default 12.2 cm
LHS_MAX = 26       # a wider left-hand side gets a line of its own

def pieces(expr, limit: float) -> list[str]:
    """`expr` in LaTeX, cut where a line may break: between the terms of a sum, after the factor
    in front of a long bracket, inside the bracket of a long sum or derivative. Joined with spaces
    the pieces are the whole expression."""
    full = tex(expr)
    if width(full) <= limit:
        return [full]
    if isinstance(expr, sp.Add):
        out = []
        for number, term in enumerate(ordered_terms(expr)):
            negative = term.could_extract_minus_sign()
            body = -term if negative and number else term
            sign = ("- " if negative else "+ ") if number else ""
            parts = pieces(body, limit) if not body.is_Add else [tex(body)]
            out += [sign + parts[0], *parts[1:]]
        return out
    if isinstance(expr, sp.Mul):
        if expr.could_extract_minus_sign():
            inner = -expr
            parts = bracket(inner, limit) if inner.is_Add else pieces(inner, limit)
            return ["- " + parts[0], *parts[1:]]
        top, bottom = split_fraction(expr)
        widest = max(top, key=lambda f: width(tex(f)))
        rest = [f for f in top if f is not widest]
        lead = _PRINTER._product(rest) if rest else ""
        if bottom:
            lead = rf"\frac{{{lead or '1'}}}{{{_PRINTER._product(bottom)}}}"
        parts = bracket(widest, limit) if widest.is_Add else pieces(widest, limit)
        return [f"{lead} {parts[0]}".strip(), *parts[1:]] if lead else parts
    if isinstance(expr, (sp.Sum, sp.Product)) and len(expr.limits) == 1:
        head = _PRINTER._big_operator(r"\sum" if isinstance(expr, sp.Sum) else r"\prod", expr)
        body = expr.function
        parts = bracket(body, limit) if body.is_Add else pieces(body, limit)
        return [head + parts[0], *parts[1:]]
    if isinstance(expr, sp.Derivative):
        head = tex(sp.Derivative(sp.Symbol("__"), *expr.variables)).replace(r" \left(__\right)", "")
        head = re.sub(r"\\partial __", r"\\partial", head)
        return [head + " " + p if n_ == 0 else p for n_, p in enumerate(bracket(expr.expr, limit))]
    return [full]


def bracket(expr, limit: float) -> list[str]:
    """pieces of `expr` inside brackets that may span lines (\\Bigl( ... \\Bigr), not \\left)."""
    parts = pieces(expr, limit)
    if len(parts) == 1:
        return [rf"\left({parts[0]}\right)"]
    tall = any(s in "".join(parts) for s in (r"\frac", r"\sum", r"\prod"))
    left, right = (r"\biggl(", r"\biggr)") if tall else (r"\Bigl(", r"\Bigr)")
    return [left + parts[0], *parts[1:-1], parts[-1] + right]


def lines(expr, limit: float) -> list[str]:
    """`expr` as lines of at most `limit` letters where it can be broken."""
    out: list[str] = []
    for piece in pieces(expr, limit):
        if out and width(out[-1] + " " + piece) > limit:
            out.append(piece)
        elif out:
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


_LAYOUT = {"line": LINE}     # set by `build` for the document being written


@contextlib.contextmanager
def text_width(letters: float):
    """Lay equations out for a text this many letters wide while the block runs."""
    saved = _LAYOUT["line"]
    _LAYOUT["line"] = letters
    try:
        yield
    finally:
        _LAYOUT["line"] = saved


@dataclass
class Row:
    """One line of an aligned block: lhs rel rhs, with the words that justify it above it."""
    lhs: object              # SymPy, or None: the same left-hand side as the row before
    rel: str                 # "=", "<", ... in LaTeX; "" for a statement that is not a relation
    rhs: object
    why: str = ""            # LaTeX text
    status: str = ""         # checked, definition, lemma, NOT PROVED


def align(rows: Sequence[Row]) -> str:
    """An align* block: each row's justification, then the row, broken where it is too long."""
    line_ = _LAYOUT["line"]
    lhs = [tex(r.lhs) if r.lhs is not None else "" for r in rows]
    col = max([w for w in map(width, lhs) if w <= LHS_MAX], default=0.0)
    room = line_ - col - 3
    out = []
    for number, (row, left) in enumerate(zip(rows, lhs)):
        if number and (row.why or row.status):
            out.append(rf"\intertext{{{_why(row)}}}")
        body = []
        if width(left) > LHS_MAX:
            body += [f"&{line}" for line in lines(row.lhs, line_ - col)]
            left = ""
        rhs = lines(row.rhs, room) if row.rhs is not None else [""]
        body.append(f"{left} &{row.rel} {rhs[0]}" if row.rel else f"{left} &{rhs[0]}")
        body += [r"&\qquad " + ("{}" if line[:1] in "+-" else "") + line for line in rhs[1:]]
        out.append(" \\\\\n".join(body) + (r" \\" if number < len(rows) - 1 else ""))
    lead = _why(rows[0]) if rows and (rows[0].why or rows[0].status) else ""
    return ("\n\\noindent " + lead + "\n" if lead else "") + \
        "\\begin{align*}\n" + "\n".join(out) + "\n\\end{align*}\n"


def _why(row: Row) -> str:
    """The justification, its status at the right margin (on its own line if there is no room)."""
    mark = (r"\unskip\nobreak\hfil\penalty50\hskip1em\hbox{}\nobreak\hfill"
            rf"{{\footnotesize\itshape {row.status}}}{{\parfillskip=0pt\finalhyphendemerits=0\endgraf}}"
            if row.status else "")
    return rf"{{\small {row.why}}}{mark}"


# ============================================================================ sections 1 and 2

def derivation_block(d) -> str:
    """A `Derivation` as an aligned block, each step under its justification."""
    rows, previous = [], None
    for step in d.steps:
        same = previous is not None and step.lhs == previous
        rows.append(Row(None if same else step.lhs, "=", step.rhs, words(step.why_parts), _derivation_status(step)))
        previous = step.lhs
    return align(rows)


def _derivation_status(step) -> str:
    if step.how == "start" and not step.checks:
        return "definition"
    return "checked" if step.proved else "NOT PROVED"


def model_section(model, output_errors: Sequence) -> str:
    """One likelihood model: distribution, likelihood, log-likelihood, what is dropped, the cost,
    the average over N examples; then the output error of each activation paired with the cost."""
    out = [rf"\subsection{{The {plain(model.name)} model and the {plain(model.cost_name)} cost}}",
           r"\noindent The distribution of the desired output $y$ given the network's output $a$:",
           rf"\[ {model.distribution} \]",
           (r"\noindent (Here $\sigma$ is the standard deviation of the noise, not the sigmoid.)"
            if any(str(s_) == "sigma" for s_ in model.likelihood.free_symbols) else ""),
           r"\noindent The likelihood of one example is $L$ below; its logarithm is",
           align([Row(sp.log(sp.Symbol("L")), "=", model.log_likelihood)]),
           r"\noindent From the negative log-likelihood to the cost, every step checked:",
           derivation_block(model.derivation)]
    dropped = [rf"${tex_inline(d.term)}$ ({text(d.why)})" for d in model.dropped]
    if model.scale != 1:
        dropped.append(rf"the positive factor ${tex_inline(model.scale)}$, divided out")
    out.append(r"\noindent Dropped: " + ("; ".join(dropped) if dropped else "nothing") +
               ". The minimiser over $a$ is unchanged.\n")
    out += [r"\noindent Over the $N$ training examples (the chapter's average over $x$):",
            derivation_block(model.average_derivation)]
    for oe in output_errors:
        out.append(output_error_section(oe))
    return "\n".join(out)


def output_error_section(oe) -> str:
    from derivations.activations import ACTIVATIONS
    from derivations.symbols import a, j
    act = ACTIVATIONS[oe.activation]
    out = [rf"\subsubsection{{Output error with {plain(oe.activation)} output}}",
           rf"\noindent The output activations are ${tex(sp.Eq(a[j], act.of_z(j), evaluate=False))}$; "
           r"the output error $\delta_j = \partial C/\partial z_j$:",
           derivation_block(oe.derivation),
           r"\noindent The gradient for the weights, through $z_i = \sum_q w_{iq} a^{L-1}_q + b_i$:",
           derivation_block(oe.weight_gradient),
           r"\noindent and for the biases:",
           derivation_block(oe.bias_gradient)]
    if oe.in_terms_of_a != oe.closed_form:
        out.append(rf"\noindent In terms of $a$ and $y$ alone, as the network computes it: "
                   rf"$\delta_j = {tex(oe.in_terms_of_a)}$.")
    return "\n".join(out) + "\n"


def claim_rows(result) -> list[Row]:
    rows, previous = [], None
    for step in result.steps:
        st = step.statement
        status = {"definition": "definition", "lemma": "lemma"}.get(step.kind, "checked")
        status = status if step.holds else "NOT PROVED"
        why = text(step.why) + (rf" (lemma: {text(step.lemma)})" if step.lemma else "")
        if isinstance(st, sp.Rel) and not isinstance(st, sp.And):
            same = previous is not None and st.lhs == previous and st.rel_op == "=="   # a chain a = b = c
            rows.append(Row(None if same else st.lhs, RELATIONS[st.rel_op], st.rhs, why, status))
            previous = st.lhs if st.rel_op == "==" else None
        else:
            rows.append(Row(None, "", st, why, status))
            previous = None
    return rows


SCOPE = {True: "in general (for a symbolic number of classes $n$ where the claim has one)",
         False: "for the explicit $n = 2, \\dots, 10$ only, not for a general $n$"}


def claim_section(claim, result) -> str:
    """One claim: statement, source, the proof's steps, the verdict and what it rests on."""
    out = [rf"\subsection{{{title(claim.title)}}}",
           rf"\noindent\textbf{{Claim}} (\texttt{{{plain(claim.id)}}}). {text(claim.statement)}",
           "",
           rf"\noindent{{\small Source: {plain(claim.source)}.}}",
           "",
           align(claim_rows(result)) if result.steps else ""]
    verdict = {"proved": "proved", "refuted": "refuted: the claim is false, as the counterexample shows",
               "failed": "FAILED: not established"}[result.verdict]
    scope = "" if result.verdict == "refuted" else f", {SCOPE[bool(result.general_n)]}"
    out.append(rf"\noindent\textbf{{Verdict:}} {verdict}{scope}."
               + ("" if result.verdict == claim.expected else rf" (expected: {claim.expected})"))
    if result.lemmas:
        out.append("Resting on the standard " + ("lemmas" if len(result.lemmas) > 1 else "lemma") + ": "
                   + "; ".join(text(x) for x in result.lemmas) + ".")
    if result.counterexample:
        out.append("\n" + r"\noindent\textbf{Counterexample:} " +
                   "; ".join(_counterexample_item(k, v) for k, v in result.counterexample.items()) + ".")
    failures = [v for s in result.steps for v in s.checks if not v.proved]
    if failures:
        out.append("\n" + r"\noindent Checks that did not prove: " +
                   "; ".join(plain(f"{v.claim} ({v.status}: {v.reason})") for v in failures) + ".")
    return "\n".join(out) + "\n"


def _counterexample_item(key: str, value) -> str:
    name = f"${key}$" if re.fullmatch(r"[A-Za-z]", key) else plain(key)
    return f"{name} $= {_value(value)}$"


def _value(value) -> str:
    if isinstance(value, (tuple, list)):
        return r"\left(" + ", ".join(_value(v) for v in value) + r"\right)"
    if isinstance(value, float):
        return f"{value:.6g}".replace("e", r"\times 10^{") + ("}" if "e" in f"{value:.6g}" else "")
    if isinstance(value, str):
        return tex(sp.sympify(value))
    return tex(value)


# ============================================================================ section 3: code

DIGITS = 60                 # mpmath precision of the formulas' values
RTOL = 1e-12                # NumPy agrees with the formula to this relative error ...
ATOL = 2.3e-308             # ... or both are below the smallest normal double
SEED = 0


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


@dataclass
class Checked:
    pair: CodeFormula
    random_points: int
    extreme_points: int
    worst: float                    # the largest relative difference found


def check(pair: CodeFormula, seed: int = SEED) -> Checked:
    """Evaluate code and formula at the random and extreme points; FormulaMismatch at the first
    value where they differ by more than RTOL (relative) and ATOL (absolute)."""
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
                                          f"{want.shape} (at {_show_point(point)}); nothing written")
                bad = ~_agree(got, want)
                if bad.any():
                    at = np.flatnonzero(bad)[0]
                    raise FormulaMismatch(
                        f"{where} does not match its formula ({pair.heading}) at {_show_point(point)}: "
                        f"NumPy gives {float(got.ravel()[at])!r}, the formula {float(want.ravel()[at])!r} "
                        "(value {at}); nothing written".replace("{at}", str(at)))
                normal = np.isfinite(want) & (np.abs(want) >= ATOL)
                if normal.any():
                    worst = max(worst, float(np.max(np.abs(got[normal] - want[normal]) / np.abs(want[normal]))))
            counts[kind] += want.size
    return Checked(pair, counts[0], counts[1], worst)


def _agree(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", over="ignore"):
        same = (got == want) & ~np.isnan(got)
        close = np.abs(got - want) <= RTOL * np.abs(want) + ATOL
    return same | (close & np.isfinite(got) & np.isfinite(want))


def _show_point(point) -> str:
    with np.printoptions(precision=6, threshold=12, linewidth=200):
        return ", ".join(str(np.asarray(p)).replace("\n", "") for p in point)


def _mp_function(expr, symbols):
    """The SymPy expression as an mpmath function of `symbols`, evaluated at DIGITS digits and
    rounded to the nearest double."""
    f = sp.lambdify(symbols, expr, modules="mpmath")

    def value(*args):
        args = [float(x) for x in args]
        with mpmath.workdps(_digits(args)):
            return float(f(*(mpmath.mpf(x) for x in args)))
    return value


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
    """Every formula of numeric.functions (and the derived output errors the network uses),
    each beside the SymPy object it implements."""
    import numeric.functions as F
    from derivations.activations import ACTIVATIONS, sigma, sigma_prime, sigmoid, sigmoid_prime, softmax
    from derivations.models import MODELS, C_sym
    from derivations.outputs import PAIRINGS, output_error
    from derivations.symbols import a, j, z

    s = sp.Symbol("z", real=True)
    pairs = []

    def scalar_points(rng):
        return [(np.concatenate([rng.normal(0, 8, 100), rng.uniform(-40, 40, 100)]),)]

    scalar_extremes = ((np.array([1e300, -1e300, 1e3, -1e3, 745.0, -745.0, 710.0, -710.0, 40.0, -40.0,
                                  0.0, 1e-300, -1e-300]),),)
    scalar_shown = r"$z = \pm 10^{300}$, $\pm 1000$, $\pm 745$, $\pm 710$, $\pm 40$, $0$, $\pm 10^{-300}$"
    pairs.append(CodeFormula(
        "the sigmoid", F.sigmoid, "numeric.functions.sigmoid",
        (Row(sigma(s), "=", sigmoid(s)),), _elementwise(sigmoid(s), s), lambda p: F.sigmoid(p[0]),
        scalar_points, scalar_extremes, scalar_shown,
        also=(("numeric.functions.sigmoid_into", lambda p: F.sigmoid_into(p[0], np.empty_like(p[0]))),)))
    pairs.append(CodeFormula(
        "the derivative of the sigmoid", F.sigmoid_prime, "numeric.functions.sigmoid_prime",
        (Row(sigma_prime(s), "=", sigmoid_prime(s)),), _elementwise(sigmoid_prime(s), s),
        lambda p: F.sigmoid_prime(p[0]), scalar_points, scalar_extremes, scalar_shown))

    def logit_points(rng):
        return [(rng.normal(0, 10, (20, size)),) for size in (2, 3, 10)]

    logit_extremes = tuple((np.array(rows, dtype=float),) for rows in (
        [[1e300, -1e300, 0.0], [1e300, 1e300, -1e300], [-1e300, -1e300, -1e300], [0.0, -50.0, -800.0],
         [700.0, 710.0, 720.0], [-1e300, 0.0, 1e-300]],
        [[1e308, -1e308], [-1e308, 1e308], [1e300, 1e300]]))
    logit_shown = (r"logits such as $(10^{300}, -10^{300}, 0)$, $(10^{300}, 10^{300}, -10^{300})$, "
                   r"$(10^{308}, -10^{308})$, $(0, -50, -800)$ and $(700, 710, 720)$")

    def rows_of(per_row):
        def reference(point):
            z_rows = point[0]
            f = per_row(z_rows.shape[-1])
            return np.array([[g(*row) for g in f] for row in z_rows])
        return reference

    softmax_row = _PerRow(lambda size: [_mp_function(*_swap(softmax(z, q, size=size).doit(), size, z))
                                        for q in range(1, size + 1)])
    pairs.append(CodeFormula(
        "the softmax", F.softmax, "numeric.functions.softmax",
        (Row(a[j], "=", softmax(z, j)),), rows_of(softmax_row), lambda p: F.softmax(p[0]),
        logit_points, logit_extremes, logit_shown,
        also=(("numeric.functions.softmax_into",
               lambda p: F.softmax_into(p[0].T.copy(), np.empty_like(p[0].T), axis=0).T),)))
    log_softmax = sp.expand_log(sp.log(softmax(z, j)), force=True)
    log_softmax_row = _PerRow(lambda size: [
        _mp_function(*_swap(sp.expand_log(sp.log(softmax(z, q, size=size).doit()), force=True), size, z))
        for q in range(1, size + 1)])
    pairs.append(CodeFormula(
        "the log-softmax", F.log_softmax, "numeric.functions.log_softmax",
        (Row(sp.log(a[j]), "=", log_softmax),), rows_of(log_softmax_row), lambda p: F.log_softmax(p[0]),
        logit_points, logit_extremes, logit_shown))

    average = MODELS["quadratic"].average_derivation.result          # (1/N) sum_x C_x
    for key, code, where in (("quadratic", F.quadratic_cost, "numeric.functions.quadratic_cost"),
                             ("cross-entropy", F.binary_cross_entropy, "numeric.functions.binary_cross_entropy")):
        model = MODELS[key]
        per_example = _PerRow(lambda size, m=model: _mp_function(*_pair_args(m.cost(), size)))

        def reference(point, per_example=per_example):
            outputs, targets = (np.atleast_2d(v) for v in point)
            f = per_example(outputs.shape[1])
            return _mean([f(*row_a, *row_y) for row_a, row_y in zip(outputs, targets)], average)

        def points(rng, key=key):
            out = []
            for rows, size in ((5, 10), (1, 3), (8, 2)) * 4:
                outputs = rng.uniform(0.001, 0.999, (rows, size))
                hot = np.eye(size)[rng.integers(0, size, rows)]
                out += [(outputs, hot), (outputs, rng.uniform(0, 1, (rows, size)))]
            out.append((rng.uniform(0.01, 0.99, 4), rng.uniform(0, 1, 4)))       # a single example
            return out
        extremes = ((np.array([[1e-300, 1 - 2**-53, 0.5]]), np.array([[1.0, 0.0, 0.5]])),
                    (np.array([[1e-300, 1 - 2**-53]]), np.array([[0.0, 1.0]])))
        pairs.append(CodeFormula(
            f"the {model.cost_name} cost", code, where,
            (Row(sp.IndexedBase("C")[sp.Symbol("x")], "=", model.cost()), Row(C_sym, "=", average)),
            reference, lambda p, code=code: code(*p), points,
            extremes if key == "cross-entropy" else (),
            r"outputs $a = 10^{-300}$ and $a = 1 - 2^{-53}$" if key == "cross-entropy" else ""))

    categorical = MODELS["log-likelihood"]
    ce_row = _PerRow(lambda size: _mp_function(*_categorical_args(categorical.cost(), size)))

    def ce_reference(point):
        logits, labels = point
        f = ce_row(logits.shape[1])
        hot = np.eye(logits.shape[1])[labels]
        return _mean([f(*zs, *ys) for zs, ys in zip(logits, hot)], average)

    def ce_points(rng):
        return [(rng.normal(0, 10, (rows, size)), rng.integers(0, size, rows)) for rows, size in
                ((5, 10), (1, 2), (7, 3)) * 5]
    ce_extremes = tuple((np.array(rows, dtype=float), np.array(labels)) for rows, labels in (
        ([[1e300, -1e300, 0.0], [1e300, -1e300, 0.0], [1e300, -1e300, 0.0]], [0, 1, 2]),
        ([[1e300, 1e300, -1e300], [0.0, -50.0, -800.0]], [1, 0]),
        ([[1e308, -1e307], [700.0, 720.0]], [0, 1])))
    pairs.append(CodeFormula(
        "the categorical cross-entropy (log-likelihood) cost", F.categorical_cross_entropy,
        "numeric.functions.categorical_cross_entropy",
        (Row(sp.IndexedBase("C")[sp.Symbol("x")], "=", categorical.cost()), Row(a[j], "=", softmax(z, j)),
         Row(C_sym, "=", average)),
        ce_reference, lambda p: F.categorical_cross_entropy(*p), ce_points, ce_extremes,
        r"logits $(10^{300}, -10^{300}, 0)$ with each label, $(10^{308}, -10^{307})$, $(700, 720)$"))

    for cost, activation in PAIRINGS:
        pairs.append(_delta_formula(output_error(cost, activation), ACTIVATIONS[activation], F))
    return pairs


def _swap(expr, size, base):
    """(expr with base_1..base_size as plain symbols, those symbols) for _mp_function."""
    out, names = _concrete(expr, size, [base])
    return out, names[base]


def _pair_args(cost, size):
    from derivations.symbols import a, y
    out, names = _concrete(cost, size, [a, y])
    return out, [*names[a], *names[y]]


def _categorical_args(cost, size):
    """-sum_j y_j ln a_j with a_j the softmax of z, as a function of z_1..z_n, y_1..y_n."""
    from derivations.activations import softmax
    from derivations.symbols import a, y, z
    in_z = cost.subs(sp.Symbol("n", integer=True, positive=True), size).doit()
    in_z = in_z.xreplace({a[q]: softmax(z, q, size=size).doit() for q in range(1, size + 1)})
    out, names = _concrete(in_z, size, [z, y])
    return out, [*names[z], *names[y]]


def _mean(values: list, average) -> float:
    """The average formula (1/N) sum_x C_x evaluated on the examples' costs, at DIGITS digits."""
    from derivations.symbols import x_count
    costs = sp.IndexedBase("C")
    count = len(values)
    concrete = average.subs(x_count, count).doit()
    f = sp.lambdify([costs[q] for q in range(1, count + 1)], concrete, modules="mpmath") if count else None
    with mpmath.workdps(_digits(values)):
        return float(f(*(mpmath.mpf(v) for v in values)))


def _delta_formula(oe, act, F) -> CodeFormula:
    """The output error the network uses (derivations' lambdified delta(a, y)) beside its closed
    form, evaluated in z: a = the activation of z, computed by numeric.functions."""
    from derivations.outputs import delta as delta_base
    from derivations.symbols import j, y, z
    zs, ys = sp.Symbol("z", real=True), sp.Symbol("y", real=True)
    rows = [Row(delta_base[j], "=", oe.closed_form)]
    if oe.in_terms_of_a != oe.closed_form:
        rows.append(Row(None, "=", oe.in_terms_of_a))
    if act.name == "softmax":
        per_row = _PerRow(lambda size: [
            _mp_function(*_softmax_delta_args(act.unfold(oe.closed_form).subs(j, q), size))
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
        evaluate = lambda p: oe.numpy(F.softmax(p[0]), p[1])
    else:
        in_z = act.unfold(oe.closed_form).xreplace({z[j]: zs, y[j]: ys})
        f = _mp_function(in_z, [zs, ys])
        reference = lambda p: np.vectorize(f, otypes=[float])(p[0], p[1])

        def points(rng):
            return [(rng.uniform(-6, 6, 200), rng.integers(0, 2, 200).astype(float))]
        activation = F.sigmoid if act.name == "sigmoid" else (lambda v: v)
        evaluate = lambda p: oe.numpy(activation(p[0]), p[1])
    return CodeFormula(
        f"the output error, {oe.cost} cost with {oe.activation} output", oe.numpy,
        f'derivations.outputs.output_error("{oe.cost}", "{oe.activation}").numpy', tuple(rows),
        reference, evaluate, points)


def _softmax_delta_args(expr, size):
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


def code_section(checked: Sequence[Checked]) -> str:
    """From math to code: each NumPy function rendered by latexify beside its SymPy formula."""
    import numeric.functions as F
    out = [r"\section{From math to code}",
           r"Each function of \texttt{numeric.functions} that computes a formula of the chapter, as "
           r"latexify-py renders its Python source, beside the SymPy formula from \texttt{derivations} "
           r"it implements; the output errors are the ones the network uses, generated from the "
           r"derivations by \texttt{sympy.lambdify}. Before this document was written the two were "
           rf"evaluated at the same points, the code in float64 and the formula with mpmath at {DIGITS} "
           r"digits (more where the input is large, so that nothing cancels), and found equal within "
           rf"a relative error of ${scientific(RTOL)}$ (values below the smallest normal double, "
           rf"${scientific(ATOL)}$, count as equal to 0). In the code $n$ is the number of examples "
           r"in a batch, the chapter's $n$ in $C = \frac{1}{n}\sum_x C_x$; the derivations call it $N$ "
           r"and keep $n$ for the number of output neurons.", ""]
    shown = set()
    for c in checked:
        pair = c.pair
        shown.add(getattr(pair.code, "__name__", ""))
        shown.update(w.rsplit(".", 1)[-1] for w, _ in pair.also)
        code, why = rendered(pair.code)
        out.append(rf"\subsection{{{plain(pair.heading[0].upper() + pair.heading[1:])}}}")
        out.append(rf"\noindent The code, {_tt(pair.where)}"
                   + (", as latexify renders it:" if code else rf", which latexify cannot render ({plain(why)})."))
        if code:
            out.append(rf"\[ {code} \]")
        out.append(r"\noindent The formula it implements:")
        out.append(align(list(pair.formula)))
        extreme = (rf" and {c.extreme_points} at extreme points ({pair.extremes_shown})" if c.extreme_points else "")
        out.append(rf"\noindent\emph{{Checked equal}}: {c.random_points} values at random points{extreme}; "
                   rf"largest relative difference \mbox{{${scientific(c.worst)}$}}.")
        for where, _ in pair.also:
            fn = getattr(F, where.rsplit(".", 1)[-1])
            code_also, why_also = rendered(fn)
            note = "" if code_also else f" (latexify cannot render it: {plain(why_also)})"
            out.append(rf"The training loop's version, {_tt(where)}{note}, agrees at the same points.")
        out.append("")
    others = [(name, rendered(fn)) for name, fn in inspect.getmembers(F, inspect.isfunction)
              if fn.__module__ == F.__name__ and name not in shown and not name.startswith("_")]
    if others:
        out.append(r"\subsection{The other functions of \texttt{numeric.functions}}")
        out.append(r"\noindent These check their input or are numerical safeguards used by the functions "
                   r"above (the shift by $\max z$, $x \ln y$ with $0 \ln 0 = 0$); they have no formula of "
                   r"their own to compare with here:")
        out.append(r"\begin{itemize}")
        for name, (code, why) in others:
            out.append(rf"\item {_tt(name)}: " + (rf"$ {code} $" if code else f"latexify cannot render it ({plain(why)})."))
        out.append(r"\end{itemize}")
    return "\n".join(out) + "\n"


def scientific(x: float) -> str:
    """2.2 \\cdot 10^{-16}, 10^{-12}, 0."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.1e}".split("e")
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1.0" else rf"{mantissa} \cdot {power}"


def _tt(name: str) -> str:
    """A Python name in typewriter type, breakable after dots and underscores."""
    out = plain(name, quotes=False)
    for mark in (".", r"\_", ", ", "(", "-"):
        out = out.replace(mark, mark + r"\allowbreak{}")
    return r"\texttt{" + out + "}"


# ============================================================================ section 4: confirm

def confirmation_section(folder: Path) -> tuple[str, list[str]] | None:
    """`nndl confirm --out DIR` results in DIR as a section (None when there are none), and the
    figures it shows."""
    found = folder / "confirm.json"
    if not found.exists():
        return None
    try:
        results = json.loads(found.read_text())
        assert isinstance(results, list) and all({"id", "claim", "passed"} <= set(r) for r in results)
    except (ValueError, AssertionError, TypeError):
        raise NndlError(f"{found}: not the confirm.json that `nndl confirm --out` writes "
                        "(a JSON list of objects with id, claim, measured, expected, passed)") from None
    report = folder / "report.md"
    head, parts = _report(report.read_text() if report.exists() else "")
    passed = sum(bool(r["passed"]) for r in results)
    out = [r"\section{Numeric confirmation on MNIST}",
           r"The results of \texttt{nndl confirm} found in this folder"
           + (f" ({passed} of {len(results)} passed). " if not head else ". ")
           + " ".join(_markdown_line(x) for x in head if not x.startswith("#")), "",
           r"\begin{center}\small", r"\begin{tabular}{p{0.34\linewidth}p{0.5\linewidth}l}",
           r"\hline confirmation & what it checks & \\ \hline"]
    for r in results:
        out.append(rf"{_tt(r['id'])} & {plain(str(r['claim']))} & {'pass' if r['passed'] else 'FAIL'} \\")
    out += [r"\hline", r"\end{tabular}", r"\end{center}"]
    figures = []
    for r in results:
        out.append(rf"\subsection{{{'Passed' if r['passed'] else 'FAILED'}: {plain(r['id'])}}}")
        out.append(plain(str(r["claim"])) + ".")
        out.append(r"\begin{itemize}\small")
        for label in ("measured", "expected"):
            if label in r:
                out.append(rf"\item {label}: " + plain(_flat(r[label])))
        out.append(r"\end{itemize}")
        for kind, body in parts.get(r["id"], []):
            if kind == "table":
                out.append(_table(body))
            elif kind == "figure":
                if (folder / body).exists():
                    figures.append(body)
                    out.append(r"\begin{center}\includegraphics[width=0.8\linewidth,height=0.32\textheight,"
                               rf"keepaspectratio]{{{body}}}\end{{center}}")
                else:
                    out.append(rf"\noindent (The figure {_tt(body)} is not in the folder.)")
            else:
                out.append(_markdown_line(body) + "\n")
    return "\n".join(out) + "\n", figures


def _report(markdown: str) -> tuple[list[str], dict]:
    """report.md as its opening lines and, per confirmation id, its tables, figures and words
    (the measured/expected lines are taken from confirm.json instead)."""
    head, parts, current, table = [], {}, None, []

    def flush():
        if table and current is not None:
            parts[current].append(("table", list(table)))
        table.clear()
    for line in markdown.splitlines():
        m = re.match(r"## (?:PASS|FAIL): (\S+)", line)
        if m:
            flush()
            current = m.group(1)
            parts[current] = []
            continue
        if line.startswith("|"):
            table.append(line)
            continue
        flush()
        if not line.strip() or current is None:
            if current is None and line.strip():
                head.append(line)
            continue
        figure = re.fullmatch(r"!\[[^\]]*\]\(([^)]+)\)", line.strip())
        if figure:
            parts[current].append(("figure", figure.group(1)))
        elif not line.startswith("- measured:") and not line.startswith("- expected:"):
            parts[current].append(("words", line))
    flush()
    for key in parts:   # the first line of words is the claim, shown from confirm.json
        words = [p for p in parts[key] if p[0] == "words"]
        if words:
            parts[key].remove(words[0])
    return head, parts


def _markdown_line(line: str) -> str:
    pieces_ = line.split("`")
    return "".join(rf"\texttt{{{plain(p)}}}" if n_ % 2 else plain(p) for n_, p in enumerate(pieces_))


def _table(lines_: list[str]) -> str:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines_
            if not re.fullmatch(r"\|?[\s|:-]+\|?", line.strip())]
    columns = max(len(r) for r in rows)
    body = [" & ".join(_markdown_line(c) for c in r) + r" \\" for r in rows]
    letters = sum(max(len(r[c]) for r in rows if c < len(r)) for c in range(columns))
    size = r"\small" if letters < 70 else r"\footnotesize\setlength{\tabcolsep}{3pt}"
    return "\n".join([r"\begin{center}" + size, rf"\begin{{tabular}}{{{'l' * columns}}}", r"\hline",
                      body[0], r"\hline", *body[1:], r"\hline", r"\end{tabular}", r"\end{center}"])


def _flat(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


# ============================================================================ the document

PREAMBLE = r"""\documentclass[10pt,a4paper]{article}
\usepackage{amsmath,amssymb}
%(graphicx)s\setlength{\textwidth}{16cm}
\setlength{\oddsidemargin}{0cm}
\setlength{\evensidemargin}{0cm}
\setlength{\textheight}{23.5cm}
\setlength{\topmargin}{-1cm}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.4\baselineskip}
\setlength{\emergencystretch}{3em}
\allowdisplaybreaks
\makeatletter
\g@addto@macro\normalsize{%%
  \setlength\abovedisplayskip{5pt plus 2pt}\setlength\belowdisplayskip{5pt plus 2pt}%%
  \setlength\abovedisplayshortskip{3pt plus 2pt}\setlength\belowdisplayshortskip{3pt plus 2pt}}
\makeatother
\title{%(title)s}
\author{generated by \texttt{nndl latex}}
\date{}
\begin{document}
\maketitle
"""

FRAGMENT_HEAD = r"""%% nndl latex --fragment: paste into a document that loads amsmath and amssymb%(graphicx)s.
%% Equations are broken for a text width of 12 cm or more. In the preamble, \allowdisplaybreaks
%% lets the long derivations break across pages and \setlength{\emergencystretch}{3em} helps
%% paragraphs with long formulas.
"""


@dataclass
class Document:
    """The LaTeX, and what went into it."""
    body: str
    title: str
    figures: list
    claims: list                 # one summary dict per claim (id, title, verdict, expected, seconds)
    derivations_ok: bool = True
    formulas_checked: int = 0

    def latex(self, fragment: bool = False) -> str:
        graphicx = bool(self.figures)
        if fragment:
            return FRAGMENT_HEAD % {"graphicx": " and graphicx" if graphicx else ""} + self.body
        head = PREAMBLE % {"title": self.title, "graphicx": "\\usepackage{graphicx}\n" if graphicx else ""}
        return head + self.body + "\\end{document}\n"

    @property
    def unexpected(self) -> list[str]:
        return [c["id"] for c in self.claims if c["verdict"] != c["expected"]]


def build(folder: Path | None = None, only: str | None = None, jobs: int = 2,
          fragment: bool = False) -> Document:
    """The document; a fragment is laid out for a narrower text (it may land in any document)."""
    with text_width(FRAGMENT_LINE if fragment else LINE):
        return _build(folder, only, jobs)


def _build(folder: Path | None, only: str | None, jobs: int) -> Document:
    """The whole document (or one claim's, with `only`). First the derivations are checked in this
    process while a forked one checks the code against its formulas; then the claims are proved
    in `jobs` forked processes, which inherit the checked derivations: no claim checks a
    derivation step again."""
    from exercises.registry import claims as all_claims, get
    if only:
        claim = get(only)
        summary = _prove_and_render(claim.id, "section")
        return Document(summary.pop("latex"), title(claim.title), [], [summary])

    confirm = confirmation_section(folder) if folder is not None else None     # bad files: fail early
    from derivations.models import MODELS
    from derivations.outputs import PAIRINGS, output_error
    models = [(model, [output_error(cost, act) for cost, act in PAIRINGS if cost == key])
              for key, model in MODELS.items()]
    derivations = [d for model, oes in models for d in (model.derivation, model.average_derivation,
                   *(x for oe in oes for x in (oe.derivation, oe.weight_gradient, oe.bias_gradient)))]
    with _pool(1 if jobs > 1 else 0) as pool:
        checking = pool.submit(_check_code) if pool else None
        derivations_ok = all(d.verified for d in derivations)     # runs every step's checks, once
        found = checking.result() if checking else _check_code()  # a mismatch stops everything here
    checked = [Checked(pair, *numbers) for pair, numbers in zip(code_formulas(), found)]
    ids = [c.id for c in all_claims()]
    with _pool(jobs if jobs > 1 else 0) as pool:
        rendered_claims = list(pool.map(_prove_and_render, ids) if pool else map(_prove_and_render, ids))

    body = [r"\tableofcontents", "",
            r"\section{Costs from likelihood models}",
            r"Each cost of the chapter is the negative log-likelihood of a model of the desired output $y$ "
            r"given the network's output $a$, with the terms that do not depend on $a$ dropped. Below each "
            r"model, the output error $\delta_j = \partial C/\partial z_j$ of every output activation the "
            r"chapter pairs with that cost, and the gradients $\partial C/\partial w_{jk}$ and "
            r"$\partial C/\partial b_j$. Every step is checked by SymPy and by an independent 50-digit "
            r"numeric evaluation; the mark at the right of each justification says so.", ""]
    body += [model_section(model, oes) for model, oes in models]
    body += [r"\section{Exercises and claims}",
             r"Every exercise and claim of the chapter that \texttt{nndl prove} proves, with its "
             r"statement, the steps of its proof and the verdict.", "", _claims_table(rendered_claims)]
    body += [c.pop("latex") for c in rendered_claims]
    body.append(code_section(checked))
    figures = []
    if confirm:
        body.append(confirm[0])
        figures = confirm[1]
    return Document("\n".join(body), "Cost functions and softmax: derivations, proofs and code",
                    figures, rendered_claims, derivations_ok, len(checked))


def _check_code() -> list[tuple]:
    """Check every code formula pair; what was found, as numbers (it may run in another process)."""
    return [(c.random_points, c.extreme_points, c.worst) for c in map(check, code_formulas())]


class _pool:
    """A pool of `workers` forked processes (they share what this one computed so far), or None
    for none (or where fork is not available): then the caller works alone."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = None

    def __enter__(self):
        if self.workers > 0 and "fork" in multiprocessing.get_all_start_methods():
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        return self.pool

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.shutdown(wait=exc[0] is None, cancel_futures=True)
        return False


def _prove_and_render(claim_id: str, level: str = "subsection") -> dict:
    """Run one claim's proof and render it; a proof that raises is a failed claim, shown as such."""
    from exercises.registry import get
    claim = get(claim_id)
    row = {"id": claim.id, "title": claim.title, "expected": claim.expected}
    try:
        result = claim.run()
    except Exception as exc:  # a crash is a failed proof, shown in the document, never a pass
        error = f"{type(exc).__name__}: {exc}"
        row.update(verdict="failed", general_n=False, seconds=0.0, error=error, latex=(
            rf"\{level}{{{title(claim.title)}}}" + "\n" + rf"\noindent\textbf{{Claim}} "
            rf"(\texttt{{{plain(claim.id)}}}). {text(claim.statement)}" + "\n\n" +
            rf"\noindent\textbf{{Verdict:}} FAILED: the proof raised {plain(error)}." + "\n"))
        return row
    section = claim_section(claim, result)
    if level != "subsection":
        section = section.replace(r"\subsection{", rf"\{level}{{", 1)
    row.update(verdict=result.verdict, general_n=result.general_n, seconds=result.seconds, latex=section)
    return row


def _claims_table(rows: list[dict]) -> str:
    out = [r"\begin{center}\small", r"\begin{tabular}{p{0.32\linewidth}p{0.36\linewidth}ll}", r"\hline",
           r"claim & title & verdict & $n$ \\ \hline"]
    for r in rows:
        out.append(rf"{_tt(r['id'])} & {title(r['title'])} & {r['verdict']} & "
                   rf"{'general' if r['general_n'] else '2 to 10'} \\")
    return "\n".join(out + [r"\hline", r"\end{tabular}", r"\end{center}", ""])


# ============================================================================ compiling

ENGINES = ("pdflatex", "lualatex", "xelatex", "tectonic")
DEBIAN_PACKAGE = "texlive-latex-base"


def find_engine() -> str:
    """The first LaTeX engine on PATH, or an NndlError saying what to install."""
    for name in ENGINES:
        found = shutil.which(name)
        if found:
            return found
    raise NndlError(f"--pdf needs a LaTeX engine and none is on PATH (looked for {', '.join(ENGINES)}). "
                    f"On Debian or Ubuntu: apt-get install --no-install-recommends {DEBIAN_PACKAGE}")


@dataclass
class Compiled:
    pdf: Path
    pages: int
    overfull: list               # (points too wide, where), from the engine's log


def compile_pdf(source: Path, engine: str | None = None) -> Compiled:
    """Compile source.tex (in its own folder, so its figures are found) into source.pdf beside it.
    The engine's files go to a temporary folder; the PDF is moved into place only when the run
    succeeded. A LaTeX error raises NndlError with the message and the offending lines."""
    engine = engine or find_engine()
    folder, stem = source.parent, source.stem
    with tempfile.TemporaryDirectory(dir=folder, prefix=".nndl-latex-") as build_dir:
        if Path(engine).name == "tectonic":
            commands = [[engine, "--keep-logs", "--outdir", build_dir, source.name]]
        else:
            once = [engine, "-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
                    f"-output-directory={build_dir}", source.name]
            commands = [once, once]        # the second run puts in the table of contents
        for command in commands:
            try:
                done = subprocess.run(command, cwd=folder, capture_output=True, timeout=600)
            except subprocess.TimeoutExpired:
                raise NndlError(f"{Path(engine).name} did not finish {source} within 10 minutes") from None
            log_file = Path(build_dir) / f"{stem}.log"
            log = log_file.read_text(errors="replace") if log_file.exists() else \
                done.stdout.decode(errors="replace")
            if done.returncode != 0 or not (Path(build_dir) / f"{stem}.pdf").exists():
                raise NndlError(latex_error(log, source))
        pdf = folder / f"{stem}.pdf"
        os.replace(Path(build_dir) / f"{stem}.pdf", pdf)
    pages = re.search(r"Output written on .*?\((\d+) pages?", log.replace("\n", ""))
    return Compiled(pdf, int(pages.group(1)) if pages else 0, overfull_lines(log))


def latex_error(log: str, source: Path) -> str:
    """The engine's error message and the lines of the source it points at."""
    lines_ = source.read_text().splitlines()
    m = re.search(r"^(?:\S*?):(\d+): (.*)$", log, re.M) or re.search(r"^! (.*)$", log, re.M)
    if m is None:
        return f"LaTeX failed on {source}; the end of its log:\n" + "\n".join(log.splitlines()[-20:])
    if m.re.groups == 2:
        number, message = int(m.group(1)), m.group(2)
    else:
        message = m.group(1)
        at = re.search(r"^l\.(\d+)", log[m.end():], re.M)
        number = int(at.group(1)) if at else 0
    context = []
    for line in log[m.end():].strip("\n").splitlines()[:8]:
        context.append(line)
        if re.match(r"l\.\d+", line):
            break
    first = max(1, number - 2)
    end = re.match(r"\\end\{(\w+\*?)\}", lines_[number - 1]) if 0 < number <= len(lines_) else None
    if end:   # an error inside an environment is reported at its end: show the environment
        begins = [k for k in range(1, number) if lines_[k - 1].startswith(rf"\begin{{{end.group(1)}}}")]
        first = max(begins[-1] if begins else first, number - 12)
    shown = [f"{k:>5} | {lines_[k - 1]}" for k in range(first, min(len(lines_), number + 1) + 1)]
    return (f"LaTeX error in {source}, line {number}: {message}\n" + "\n".join(context) + "\n"
            + "\n".join(shown)).strip()


def overfull_lines(log: str) -> list[tuple[float, str]]:
    """Lines the engine set wider than the text (Overfull \\hbox), with how much wider."""
    return [(float(pt), where) for pt, where in
            re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\) (.*)", log)]


def write_atomically(path: Path, content: str) -> None:
    """Write to a temporary file in the same folder, then rename it into place."""
    with atomic_file(path, "w") as f:
        f.write(content)


# ============================================================================ the command

def run(args) -> int:
    start = time.perf_counter()
    if args.pdf and args.fragment:
        raise NndlError("--pdf compiles a whole document; a --fragment has no preamble (drop one of them)")
    engine = find_engine() if args.pdf else None
    folder = args.out
    if folder.exists() and not folder.is_dir():
        raise NndlError(f"--out {folder}: exists and is not a folder")
    document = build(folder if folder.exists() else None, args.only, args.jobs, args.fragment)
    folder.mkdir(parents=True, exist_ok=True)
    name = (args.only or "nndl-proofs") + ("-fragment" if args.fragment else "")
    path = folder / f"{name}.tex"
    write_atomically(path, document.latex(args.fragment))
    print(f"wrote {path}")
    if engine:
        compiled = compile_pdf(path, engine)
        print(f"wrote {compiled.pdf} ({compiled.pages} pages, {Path(engine).name})")
        for points, where in compiled.overfull:
            print(f"nndl latex: warning: a line {points:g} pt wider than the text, {where}", file=sys.stderr)
    counts = {v: sum(c["verdict"] == v for c in document.claims) for v in ("proved", "refuted", "failed")}
    print(f"{len(document.claims)} claim{'s' if len(document.claims) != 1 else ''} "
          f"({', '.join(f'{n_} {v}' for v, n_ in counts.items() if n_)})"
          + (f", {document.formulas_checked} formulas checked against the code" if document.formulas_checked else "")
          + f"; {time.perf_counter() - start:.1f} s")
    problems = []
    if document.unexpected:
        problems.append("verdicts not as expected: " + ", ".join(document.unexpected))
    if not document.derivations_ok:
        problems.append("some derivation steps failed their check")
    for c in document.claims:
        if c.get("error"):
            problems.append(f"{c['id']}: the proof raised {c['error']}")
    for problem in problems:
        print(f"nndl latex: {problem} (the document shows it)", file=sys.stderr)
    return 1 if problems else 0
