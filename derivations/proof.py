"""Proof primitives: every proof in the project is built from these five.

A claim is proved only when two independent oracles agree:
  1. SymPy establishes it (a difference reduced to exactly 0, a sign decided under the
     assumptions, a limit computed), and
  2. a numeric check with mpmath at 50 digits finds it true at many random points that satisfy
     the assumptions (for a symbolic number of neurons n, at n = 2, 3, 7 and 10).
SymPy alone is not trusted: it is known to answer wrongly in a few corners (limits of sums of
exponentials with symbolic gaps, derivatives through MatrixSymbol). A disagreement is reported,
never proved. A false or undecidable claim gives `proved=False` with the reason; a well-formed
claim never raises.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Sequence

import mpmath
import sympy as sp

from derivations.symbols import INDEX_RANGES, evaluate as evaluate_indexed, in_range, n as n_symbol

DIGITS = 50                 # working precision of the numeric oracle
TOLERANCE = mpmath.mpf("1e-30")
CONCRETE_N = (2, 3, 7, 10)  # where a claim over a symbolic n is checked numerically
INDEX_DRAWS = 3             # index assignments per concrete n: all equal, all different, random
POINTS = 3                  # random points per index assignment

Sampler = Callable[[random.Random, int], object]


@dataclass
class Verdict:
    """The outcome of one claim.

    status is "proved", "refuted" (false: a counterexample or SymPy decided it false),
    "undecided" (SymPy could not decide) or "disagreement" (the two oracles differ).
    """

    claim: str
    proved: bool
    status: str
    reason: str
    steps: list[str] = field(default_factory=list)
    counterexample: dict | None = None

    def __bool__(self) -> bool:
        return self.proved

    def __str__(self) -> str:
        return f"{self.status}: {self.claim} ({self.reason})"


# --------------------------------------------------------------------------- assumptions

@dataclass
class _Bounds:
    lo: float = -math.inf
    hi: float = math.inf
    integer: bool = False


def _as_relations(assumptions) -> list[sp.Basic]:
    if assumptions is None:
        return []
    if isinstance(assumptions, (sp.Basic, bool)):
        assumptions = [assumptions]
    out = []
    for rel in assumptions:
        rel = sp.sympify(rel)
        if isinstance(rel, sp.And):
            out.extend(rel.args)
        elif rel is not sp.true:
            out.append(rel)
    return out


def _key(expr: sp.Basic):
    """What a bound constrains: a Symbol, or an IndexedBase for a whole family a_j."""
    if isinstance(expr, sp.Indexed):
        free_index = any(not idx.is_number for idx in expr.indices)
        return expr.base if free_index else expr
    return expr


def _bounds(relations: Sequence[sp.Basic]) -> dict:
    """Interval bounds `lo < s < hi` read from relations with a number on one side."""
    bounds: dict = {}
    for rel in relations:
        if not isinstance(rel, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)):
            continue
        small, big = (rel.lhs, rel.rhs) if isinstance(rel, (sp.StrictLessThan, sp.LessThan)) else (rel.rhs, rel.lhs)
        if big.is_number and not small.is_number:
            bounds.setdefault(_key(small), _Bounds()).hi = min(bounds.get(_key(small), _Bounds()).hi, float(big))
        elif small.is_number and not big.is_number:
            bounds.setdefault(_key(big), _Bounds()).lo = max(bounds.get(_key(big), _Bounds()).lo, float(small))
    return bounds


def _symbol_bounds(s: sp.Basic, given: dict) -> _Bounds:
    base = s.base if isinstance(s, sp.Indexed) else s
    bd = given.get(s) or given.get(base) or _Bounds()
    bd = _Bounds(bd.lo, bd.hi, bool(s.is_integer))
    if s.is_positive or base.is_positive:
        bd.lo = max(bd.lo, 0.0)
    if s.is_nonnegative or base.is_nonnegative:
        bd.lo = max(bd.lo, 0.0)
    if s.is_negative or base.is_negative:
        bd.hi = min(bd.hi, 0.0)
    return bd


def _draw(rng: random.Random, bd: _Bounds) -> mpmath.mpf:
    lo, hi = bd.lo, bd.hi
    if bd.integer:
        lo_i = int(math.floor(lo)) + 1 if math.isfinite(lo) else -6
        hi_i = int(math.ceil(hi)) - 1 if math.isfinite(hi) else lo_i + 12
        return mpmath.mpf(rng.randint(lo_i, max(lo_i, hi_i)))
    if math.isfinite(lo) and math.isfinite(hi):
        u = mpmath.mpf(rng.random())
        return lo + (hi - lo) * (mpmath.mpf("1e-6") + (1 - mpmath.mpf("2e-6")) * u)
    spread = mpmath.mpf(10) ** rng.uniform(-2, 1)   # magnitudes 0.01..10
    if math.isfinite(lo):
        return lo + spread
    if math.isfinite(hi):
        return hi - spread
    return spread if rng.random() < 0.5 else -spread


# --------------------------------------------------------------------------- numeric oracle

def _concrete_ns(exprs: Iterable[sp.Expr]) -> tuple:
    has_n = any(n_symbol in e.free_symbols for e in exprs)
    return CONCRETE_N if has_n else (None,)


def _index_symbols(expr: sp.Expr) -> set:
    """Free integer symbols used as indices (k in a_k): each gets a value 1..n."""
    free = expr.free_symbols
    out = set()
    for atom in expr.atoms(sp.Indexed) | expr.atoms(sp.KroneckerDelta):
        args = atom.indices if isinstance(atom, sp.Indexed) else atom.args
        for idx in args:
            out |= {s for s in idx.free_symbols if s in free and s.is_integer and s != n_symbol}
    return out


def _labels(expr: sp.Expr) -> set:
    return {base.label for base in expr.atoms(sp.IndexedBase)}


def _size_symbols(expr: sp.Expr) -> set:
    """Integer symbols used as sum or product bounds, other than n (N examples, m inputs)."""
    out = set()
    for atom in expr.atoms(sp.Sum, sp.Product):
        for _, lo, hi in atom.limits:
            out |= {s for s in (lo.free_symbols | hi.free_symbols) if s.is_integer and s != n_symbol}
    return out


def _has_free_index(rel: sp.Basic) -> bool:
    """A relation about a whole family, like 0 < a_j: enforced through bounds, not per point."""
    return any(not all(t.is_number for t in ind.indices) for ind in rel.atoms(sp.Indexed))


def _draw_indices(rng: random.Random, names: list, top: int, attempt: int) -> dict:
    """Index values 1..top: the first draw has them all equal, the second all different."""
    if attempt == 0:
        v = rng.randint(1, top)
        return {s: v for s in names}
    if attempt == 1 and len(names) <= top:
        return dict(zip(names, rng.sample(range(1, top + 1), len(names))))
    return {s: rng.randint(1, top) for s in names}


class _Concrete:
    """The expressions with n and the free indices fixed, sums expanded, compiled for mpmath."""

    def __init__(self, exprs, relations, n_value, index_values, ranges=None):
        subs = {s: sp.Integer(v) for s, v in index_values.items()}
        if n_value is not None:
            subs[n_symbol] = sp.Integer(n_value)

        def concrete(e):
            e = sp.sympify(e).subs(subs)
            # expand the now finite sums first, innermost first; then carry out derivatives
            e = e.replace(lambda x: isinstance(x, (sp.Sum, sp.Product)), lambda x: x.doit())
            if e.has(sp.Sum, sp.Product, sp.Derivative, sp.KroneckerDelta, sp.Piecewise):
                e = in_range(e.doit(), {**INDEX_RANGES, **(ranges or {})}).subs(subs)
            return e

        self.exprs = [concrete(e) for e in exprs]
        self.relations = [concrete(r) for r in relations]
        labels = set().union(*(_labels(e) for e in self.exprs + self.relations)) if self.exprs else set()
        found = set().union(*(e.free_symbols for e in self.exprs + self.relations))
        self.symbols = sorted((s for s in found if not isinstance(s, sp.IndexedBase) and s not in labels
                               and not (isinstance(s, sp.Indexed) and not all(t.is_number for t in s.indices))),
                              key=str)
        self.index_values = dict(index_values)
        self.n_value = n_value
        self._compiled = None

    def compile(self):
        if self._compiled is None:
            plain = {s: sp.Symbol(f"v{number}") for number, s in enumerate(self.symbols)}
            args = list(plain.values())
            self._compiled = [sp.lambdify(args, e.xreplace(plain), modules="mpmath", dummify=False)
                              for e in self.exprs]
            self._relations = [sp.lambdify(args, r.xreplace(plain), modules="mpmath", dummify=False)
                               for r in self.relations]
        return self._compiled

    def evaluate(self, values: dict) -> list | None:
        args = [values[s] for s in self.symbols]
        out = []
        for f in self.compile():
            v = f(*args)
            if isinstance(v, mpmath.mpc) and abs(v.imag) <= TOLERANCE * max(1, abs(v.real)):
                v = v.real
            if not isinstance(v, (mpmath.mpf, mpmath.mpc, int, float)) or not mpmath.isfinite(v):
                return None
            out.append(mpmath.mpf(v) if isinstance(v, (int, float)) else v)
        return out

    def satisfies(self, values: dict) -> bool:
        if not self.relations:
            return True
        self.compile()
        args = [values[s] for s in self.symbols]
        return all(bool(f(*args)) for f in self._relations)

    def describe(self, values: dict) -> dict:
        out = {str(s): v for s, v in self.index_values.items()}
        if self.n_value is not None:
            out["n"] = self.n_value
        out.update({str(s): float(v) for s, v in values.items()})
        return out


def _draw_values(rng, conc: _Concrete, bounds: dict, samplers: Mapping | None) -> dict:
    values = {}
    size = conc.n_value or 3
    for base, sampler in (samplers or {}).items():
        value = sampler(rng, size)
        if isinstance(base, sp.IndexedBase):
            for pos, v in enumerate(value, start=1):
                values[base[pos]] = mpmath.mpf(v)
        else:
            values[base] = mpmath.mpf(value)
    for s in conc.symbols:
        if s not in values:
            values[s] = _draw(rng, _symbol_bounds(s, bounds))
    return {s: values[s] for s in conc.symbols}


def _numeric_check(*args, **kwargs):
    """(ok, detail, counterexample): test(*values) at random points; ok None if none was usable.

    An unexpected failure of the check itself leaves the claim undecided, never proved."""
    try:
        return _numeric_check_points(*args, **kwargs)
    except Exception as exc:
        return None, f"the numeric check failed ({type(exc).__name__}: {exc})", None


def _numeric_check_points(exprs, test: Callable, assumptions, samplers, seed=0, points=POINTS, ranges=None):
    relations = _as_relations(assumptions)
    bounds = _bounds(relations)
    point_relations = [r for r in relations if not _has_free_index(r)]
    exprs = [sp.sympify(e) for e in exprs]
    names = sorted(set().union(*(_index_symbols(e) for e in exprs)), key=str)
    sizes = set().union(*(_size_symbols(e) for e in exprs))
    for s in names:  # the bound of an index's own range (m for k over layer L-1) is drawn too
        sizes |= {t for t in sp.sympify((ranges or {}).get(s, 0)).free_symbols if t != n_symbol}
    sizes = sorted(sizes - set(names), key=str)
    rng = random.Random(seed)
    checked = 0
    with mpmath.workdps(DIGITS):
        for n_value in _concrete_ns(exprs):
            draws = INDEX_DRAWS if names else 1
            for attempt in range(draws):
                size_values = {s: rng.randint(2, 5) for s in sizes}
                idx = _draw_indices(rng, names, n_value or 3, attempt)
                for s in names:  # an index over another layer: redraw within its own range
                    upper = (ranges or {}).get(s)
                    if upper is not None:
                        top = int(sp.sympify(upper).subs(size_values).subs(n_symbol, n_value or 3))
                        idx[s] = rng.randint(1, top) if attempt else min(idx[s], top)
                idx.update(size_values)
                try:
                    conc = _Concrete(exprs, point_relations, n_value, idx, ranges)
                except (ArithmeticError, TypeError, ValueError, NotImplementedError):
                    continue
                for _ in range(points if names else points * INDEX_DRAWS):
                    values = next((v for v in (_draw_values(rng, conc, bounds, samplers) for _ in range(50))
                                   if conc.satisfies(v)), None)
                    if values is None:
                        continue
                    try:
                        result = conc.evaluate(values)
                    except (ArithmeticError, TypeError, ValueError, ZeroDivisionError, NameError):
                        continue
                    if result is None:
                        continue
                    checked += 1
                    if not test(*result):
                        # a counterexample must survive twice the precision (not a rounding artefact)
                        with mpmath.workdps(2 * DIGITS):
                            again = conc.evaluate(values)
                        if again is not None and test(*again):
                            continue
                        shown = ", ".join(mpmath.nstr(v, 8) for v in result)
                        where = conc.describe(values)
                        return False, f"false at {where} (values {shown})", where
    if checked == 0:
        return None, "no point satisfying the assumptions could be evaluated", None
    ns = [v for v in _concrete_ns(exprs) if v is not None]
    where = f" for n = {', '.join(map(str, ns))}" if ns else ""
    return True, f"holds at {checked} random points{where} ({DIGITS} digits)", None


def _close(x, y) -> bool:
    scale = max(mpmath.mpf(1), abs(x), abs(y))
    return abs(x - y) <= TOLERANCE * scale


# --------------------------------------------------------------------------- symbolic helpers

def _substitute_bounded(expr: sp.Expr, assumptions) -> tuple[sp.Expr, list[str]]:
    """Rewrite symbols bounded by the assumptions as maps of positive symbols.

    lo < s < hi becomes s = lo + (hi - lo) t/(1 + t); lo < s becomes s = lo + t; s < hi becomes
    s = hi - t; with t > 0. SymPy's assumption system can then decide signs.
    """
    relations = _as_relations(assumptions)
    bounds = _bounds(relations)
    notes, subs = [], {}
    targets = set(expr.free_symbols) | expr.atoms(sp.Indexed)
    for s in sorted(targets, key=str):
        if isinstance(s, sp.IndexedBase):
            continue
        key = s if s in bounds else (s.base if isinstance(s, sp.Indexed) and s.base in bounds else None)
        if key is None:
            continue
        bd = bounds[key]
        t = sp.Dummy(f"t_{s}", positive=True)
        lo, hi = bd.lo, bd.hi
        lo_s = sp.nsimplify(lo) if math.isfinite(lo) else None
        hi_s = sp.nsimplify(hi) if math.isfinite(hi) else None
        if lo_s is not None and hi_s is not None:
            subs[s] = lo_s + (hi_s - lo_s) * t / (1 + t)
        elif lo_s is not None:
            subs[s] = lo_s + t
        elif hi_s is not None:
            subs[s] = hi_s - t
        else:
            continue
        notes.append(f"write {s} = {subs[s]} with t > 0")
    return (expr.xreplace(subs) if subs else expr), notes


def _positive_sums(expr: sp.Expr) -> tuple[sp.Expr, list[str]]:
    """Replace each sum of positive terms by a positive symbol (sound: a sign that holds for
    every positive value holds for this one)."""
    subs, notes = {}, []
    for s in expr.atoms(sp.Sum):
        if s.function.is_positive and not s.has(*subs):
            subs[s] = sp.Dummy("S", positive=True)
            notes.append(f"{s} is a sum of positive terms: write it as S > 0")
    return (expr.xreplace(subs) if subs else expr), notes


def _sign(expr: sp.Expr, assumptions, steps: list[str]) -> bool | None:
    """True if SymPy shows expr > 0 under the assumptions, False if it shows expr <= 0 somewhere."""
    candidates = [expr]
    rewritten, notes = _substitute_bounded(expr, assumptions)
    if notes:
        steps.extend(notes)
        candidates.append(rewritten)
    abstracted, sum_notes = _positive_sums(rewritten)
    if sum_notes:
        steps.extend(sum_notes)
        candidates.append(abstracted)
    for cand in candidates:
        for how, form in (("as given", lambda e: e), ("simplify", sp.simplify),
                          ("factor", lambda e: sp.factor(sp.together(e))),
                          ("cancel", sp.cancel)):
            try:
                f = form(cand)
                if f.is_positive:
                    steps.append(f"SymPy: {f} > 0 ({how})")
                    return True
                if f.is_nonpositive:
                    steps.append(f"SymPy: {f} <= 0 ({how})")
                    return False
            except Exception as exc:  # SymPy failed on this form: try the next, undecided at worst
                steps.append(f"{how}: SymPy raised {type(exc).__name__}")
    # one free real symbol left: ask solveset for where the expression is <= 0
    free = [s for s in rewritten.free_symbols if s != n_symbol]
    if len(free) == 1 and not rewritten.has(sp.Sum, sp.Indexed):
        s = free[0]
        domain = sp.Interval.open(0, sp.oo) if s.is_positive else sp.S.Reals
        try:
            bad = sp.solveset(rewritten <= 0, s, domain)
            if bad is sp.S.EmptySet:
                steps.append(f"SymPy solveset: {rewritten} <= 0 has no solution for {s} in {domain}")
                return True
            if isinstance(bad, sp.Set) and bad.measure != 0:
                steps.append(f"SymPy solveset: {rewritten} <= 0 on {bad}")
                return False
        except Exception as exc:  # undecided, not proved
            steps.append(f"solveset: SymPy raised {type(exc).__name__}")
    return None


def _verdict(claim: str, symbolic: bool | None, sym_text: str, numeric: bool | None, num_text: str,
             steps: list[str], counterexample=None) -> Verdict:
    steps = steps + [f"numeric check: {num_text}"]
    if symbolic is True and numeric is True:
        return Verdict(claim, True, "proved", f"SymPy: {sym_text}; numeric: {num_text}", steps)
    if symbolic is True and numeric is False:
        return Verdict(claim, False, "disagreement",
                       f"SymPy says proved ({sym_text}) but the numeric check says false ({num_text})",
                       steps, counterexample)
    if symbolic is True:
        return Verdict(claim, False, "undecided", f"SymPy: {sym_text}, but {num_text}", steps)
    if numeric is False:
        return Verdict(claim, False, "refuted", f"false: {num_text}", steps, counterexample)
    if symbolic is False:
        if numeric is True:
            return Verdict(claim, False, "disagreement",
                           f"SymPy says false ({sym_text}) but the numeric check says true ({num_text})", steps)
        return Verdict(claim, False, "refuted", f"SymPy: {sym_text}", steps)
    return Verdict(claim, False, "undecided", f"SymPy could not decide ({sym_text}); numeric: {num_text}", steps)


def _safe(fn, steps: list[str], what: str):
    try:
        return fn()
    except Exception as exc:  # an engine failure means "not established", never "proved"
        steps.append(f"{what}: SymPy raised {type(exc).__name__}: {exc}")
        return None


# --------------------------------------------------------------------------- the primitives

def prove_equal(lhs, rhs, assumptions=None, *, premises: Sequence[Premise] = (),
                samplers: Mapping | None = None, ranges: Mapping | None = None,
                claim: str | None = None) -> Verdict:
    """Prove lhs = rhs: SymPy reduces lhs - rhs to exactly 0, and mpmath agrees at random points.

    premises: facts (`Premise`) SymPy may rewrite with, e.g. sum_j y_j = 1 for a one-hot y; the
    numeric check draws its points from the premises' samplers, so they satisfy the facts too.
    samplers: {symbol or IndexedBase: f(rng, n)} for values that interval assumptions cannot
    describe. ranges: index -> upper bound, where it is not n (k over layer L-1's m neurons).
    """
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    claim = claim or f"{lhs} = {rhs}"
    steps: list[str] = []
    diff = _apply_premises(lhs - rhs, premises)
    steps.extend(f"premise: {p.text}" for p in premises or ())
    symbolic, sym_text = None, "the difference did not reduce to 0"
    def evaluated(e):  # carry out derivatives and sums, discharge index ranges, use the premises
        return _apply_premises(evaluate_indexed(e, ranges), premises)

    def logs_expanded(e):  # ln prod = sum ln, ln(u v) = ln u + ln v: valid for positive factors
        return sp.expand(sp.expand_log(e, force=True))

    for how, form in (("expand", lambda e: sp.expand(e)),
                      ("evaluate and simplify", lambda e: sp.simplify(evaluated(e))),
                      ("expand logs, evaluate and simplify", lambda e: sp.simplify(
                          logs_expanded(evaluated(logs_expanded(e))))),
                      ("rewrite with exp", lambda e: sp.simplify(evaluated(e).rewrite(sp.exp)))):
        reduced = _safe(lambda: form(diff), steps, how)
        if reduced is None:
            continue
        if reduced == 0:
            symbolic, sym_text = True, f"lhs - rhs reduces to 0 ({how})"
            steps.append(f"{how}: lhs - rhs = 0")
            break
        if reduced.is_number and reduced.is_zero is False:
            symbolic, sym_text = False, f"lhs - rhs reduces to the nonzero constant {reduced}"
            break
    numeric, num_text, cex = _numeric_check([lhs, rhs], _close, assumptions,
                                            _merged_samplers(samplers, premises), ranges=ranges)
    return _verdict(claim, symbolic, sym_text, numeric, num_text, steps, cex)


@dataclass(frozen=True)
class Premise:
    """A fact a step relies on, in both oracles' terms.

    rewrite: expr -> expr, applying the fact symbolically (e.g. sum_j y_j -> 1);
    samplers: how the numeric check draws values that satisfy it (e.g. a one-hot y).
    """

    text: str
    rewrite: Callable[[sp.Expr], sp.Expr]
    samplers: Mapping = field(default_factory=dict)


def _apply_premises(expr, premises):
    for p in premises or ():
        expr = p.rewrite(expr)
    return expr


def _merged_samplers(samplers, premises) -> dict:
    merged = {}
    for p in premises or ():
        merged.update(p.samplers)
    merged.update(samplers or {})
    return merged


def prove_positive(expr, assumptions=None, *, samplers=None, claim: str | None = None) -> Verdict:
    """Prove expr > 0 under the assumptions."""
    expr = sp.sympify(expr)
    claim = claim or f"{expr} > 0"
    steps: list[str] = []
    sym = _safe(lambda: _sign(in_range(expr.doit()), assumptions, steps), steps, "sign")
    text = {True: "decided positive", False: "decided not positive", None: "sign not decided"}[sym]
    numeric, num_text, cex = _numeric_check([expr], lambda v: v > 0, assumptions, samplers)
    return _verdict(claim, sym, text, numeric, num_text, steps, cex)


def prove_negative(expr, assumptions=None, *, samplers=None, claim: str | None = None) -> Verdict:
    """Prove expr < 0 under the assumptions (as -expr > 0)."""
    expr = sp.sympify(expr)
    v = prove_positive(-expr, assumptions, samplers=samplers, claim=claim or f"{expr} < 0")
    return v


def prove_nonzero(expr, assumptions=None, *, samplers=None, claim: str | None = None) -> Verdict:
    """Prove expr != 0 under the assumptions: SymPy shows it positive, negative or nonzero."""
    expr = sp.sympify(expr)
    claim = claim or f"{expr} != 0"
    steps: list[str] = []
    e = in_range(expr.doit())
    sym = None
    text = "not decided"
    rewritten, notes = _substitute_bounded(e, assumptions)
    for cand in (e, rewritten, _safe(lambda: sp.simplify(rewritten), steps, "simplify")):
        if cand is None:
            continue
        if cand.is_nonzero or cand.is_zero is False:
            steps.extend(notes)
            sym, text = True, f"SymPy: {cand} is nonzero"
            break
        if cand.is_zero:
            sym, text = False, f"SymPy: {cand} is zero"
            break
    if sym is None:
        sub_steps: list[str] = []
        if _safe(lambda: _sign(e, assumptions, sub_steps), steps, "sign") is True:
            sym, text = True, "SymPy: positive, so nonzero"
        elif _safe(lambda: _sign(-e, assumptions, sub_steps), steps, "sign") is True:
            sym, text = True, "SymPy: negative, so nonzero"
        steps.extend(sub_steps)
    numeric, num_text, cex = _numeric_check([expr], lambda v: v != 0 and abs(v) > TOLERANCE,
                                            assumptions, samplers)
    return _verdict(claim, sym, text, numeric, num_text, steps, cex)


def prove_limit(expr, symbol, point, expected, assumptions=None, *, samplers=None,
                claim: str | None = None) -> Verdict:
    """Prove lim_{symbol -> point} expr = expected.

    SymPy computes the limit; the numeric check evaluates expr far along the approach
    (symbol = 10^2, 10^4, ..., or point +- 10^-k) at random values of the other symbols and
    requires the distance to `expected` to shrink and end below 1e-12.
    """
    expr, symbol = sp.sympify(expr), sp.sympify(symbol)
    point, expected = sp.sympify(point), sp.sympify(expected)
    claim = claim or f"lim {symbol} -> {point} of {expr} = {expected}"
    steps: list[str] = []
    symbolic, sym_text = None, "no limit computed"
    lim = _safe(lambda: sp.limit(in_range(expr.doit()), symbol, point), steps, "limit")
    if lim is not None and not lim.has(sp.Limit):
        steps.append(f"SymPy: the limit is {lim}")
        d = _safe(lambda: sp.simplify(lim - expected), steps, "simplify")
        if d == 0:
            symbolic, sym_text = True, f"the limit is {lim}"
        elif d is not None and d.is_number and d.is_zero is False:
            symbolic, sym_text = False, f"the limit is {lim}, not {expected}"
        else:
            sym_text = f"the limit is {lim}; equality with {expected} not decided"
    approach = _approach(point)
    stacked = [expr.subs(symbol, value) for value in approach] + [expected]

    def converges(*vals):
        *path, target = vals
        gaps = [abs(v - target) for v in path]
        return gaps[-1] < mpmath.mpf("1e-12") and all(g2 <= g1 * 1.01 + mpmath.mpf("1e-40")
                                                       for g1, g2 in zip(gaps[-3:], gaps[-2:]))
    numeric, num_text, cex = _numeric_check(stacked, converges, assumptions, samplers)
    if numeric:
        num_text += f" (approach {', '.join(str(v) for v in approach)})"
    return _verdict(claim, symbolic, sym_text, numeric, num_text, steps, cex)


def _approach(point) -> list:
    if point == sp.oo:
        return [sp.Integer(10) ** e for e in (2, 4, 8, 16, 32)]
    if point == -sp.oo:
        return [-sp.Integer(10) ** e for e in (2, 4, 8, 16, 32)]
    return [point + sp.Integer(10) ** -e for e in (2, 4, 8, 16, 32)]
