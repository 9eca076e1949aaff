"""The numeric oracle: evaluate a claim with mpmath at 50 digits at random admissible points.

It is independent of SymPy's symbolic machinery on purpose: it walks the expression tree itself.
A sum is a loop over its index (at a concrete n: 2, 3, 7, 10), a Kronecker delta compares two
integers, and a derivative is taken numerically by mpmath.diff, not by SymPy. Values are drawn
when first needed, within the bounds the assumptions give (0 < a_j < 1 bounds the whole family
a_1..a_n), and free indices j, k are drawn all equal once, all different once, then at random.
A point that fails is a counterexample only if it still fails at twice the precision.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Mapping, Sequence

import mpmath
import sympy as sp

from derivations.symbols import INDEX_RANGES, n as n_symbol

DIGITS = 50                 # working precision
TOLERANCE = mpmath.mpf("1e-30")
CONCRETE_N = (2, 3, 7, 10)  # where a claim over a symbolic n is checked
INDEX_DRAWS = 3             # index assignments per n: all equal, all different, random
POINTS = 3                  # random points per index assignment


class Unusable(Exception):
    """This point cannot be evaluated (outside a domain, an unknown function): try another."""


@dataclass
class Bounds:
    lo: float = -math.inf
    hi: float = math.inf


def as_relations(assumptions) -> list[sp.Basic]:
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


def bounds_of(relations: Sequence[sp.Basic]) -> dict:
    """Interval bounds `lo < s < hi` from relations with a number on one side. A bound on a_j
    with a free index j bounds the whole family a (keyed by the IndexedBase)."""
    out: dict = {}
    for rel in relations:
        if not isinstance(rel, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)):
            continue
        small, big = (rel.lhs, rel.rhs) if isinstance(rel, (sp.StrictLessThan, sp.LessThan)) else (rel.rhs, rel.lhs)
        if big.is_number and not small.is_number:
            bd = out.setdefault(_key(small), Bounds())
            bd.hi = min(bd.hi, float(big))
        elif small.is_number and not big.is_number:
            bd = out.setdefault(_key(big), Bounds())
            bd.lo = max(bd.lo, float(small))
    return out


def _key(expr: sp.Basic):
    if isinstance(expr, sp.Indexed) and any(not t.is_number for t in expr.indices):
        return expr.base
    return expr


def has_free_index(rel: sp.Basic) -> bool:
    return any(not all(t.is_number for t in ind.indices) for ind in rel.atoms(sp.Indexed))


def free_indices(expr: sp.Expr) -> set:
    """Free integer symbols used as indices (k in a_k, KroneckerDelta(j, k))."""
    free = expr.free_symbols
    out = set()
    for atom in expr.atoms(sp.Indexed) | expr.atoms(sp.KroneckerDelta):
        args = atom.indices if isinstance(atom, sp.Indexed) else atom.args
        for idx in args:
            out |= {s for s in idx.free_symbols if s in free and s.is_integer and s != n_symbol}
    return out


class Point:
    """A random admissible point, filled in lazily as the evaluator meets symbols."""

    def __init__(self, rng: random.Random, n_value: int | None, indices: dict, bounds: dict,
                 samplers: Mapping, ranges: Mapping):
        self.rng, self.bounds, self.ranges = rng, bounds, ranges
        self.values: dict = {}
        self.memo: dict = {}        # (sum, bound indices it uses, dual key) -> value
        if n_value is not None:
            self.values[n_symbol] = n_value
        self.values.update(indices)
        size = n_value or 3
        for base, sampler in samplers.items():
            drawn = sampler(rng, size)
            if isinstance(base, sp.IndexedBase):
                for pos, v in enumerate(drawn, start=1):
                    self.values[(base, (pos,))] = mpmath.mpf(v)
            else:
                self.values[base] = mpmath.mpf(drawn)

    def symbol(self, s: sp.Symbol):
        if s not in self.values:
            if s.is_integer:   # a size (m, N): small; an index with a known range: within it
                upper = self.ranges.get(s)
                top = int(evaluate(sp.sympify(upper), self)) if upper is not None else 5
                self.values[s] = self.rng.randint(1 if upper is not None else 2, max(top, 1))
            else:
                self.values[s] = self._draw(self.bounds.get(s), s)
        return self.values[s]

    def element(self, base: sp.IndexedBase, idx: tuple):
        key = (base, idx)
        if key not in self.values:
            self.values[key] = self._draw(self.bounds.get(base), base)
        return self.values[key]

    def _draw(self, bd: Bounds | None, s) -> mpmath.mpf:
        lo, hi = (bd.lo, bd.hi) if bd else (-math.inf, math.inf)
        if getattr(s, "is_positive", False) or getattr(s, "is_nonnegative", False):
            lo = max(lo, 0.0)
        if getattr(s, "is_negative", False):
            hi = min(hi, 0.0)
        rng = self.rng
        if math.isfinite(lo) and math.isfinite(hi):
            u = mpmath.mpf(rng.random())
            return lo + (hi - lo) * (mpmath.mpf("1e-6") + (1 - mpmath.mpf("2e-6")) * u)
        spread = mpmath.mpf(10) ** rng.uniform(-2, 1)   # magnitudes 0.01 .. 10
        if math.isfinite(lo):
            return lo + spread
        if math.isfinite(hi):
            return hi - spread
        return spread if rng.random() < 0.5 else -spread

    def describe(self) -> dict:
        out = {}
        for key, v in self.values.items():
            name = f"{key[0]}[{', '.join(map(str, key[1]))}]" if isinstance(key, tuple) else str(key)
            out[name] = int(v) if isinstance(v, int) else float(v)
        return out


_FUNCTIONS = {sp.exp: mpmath.exp, sp.log: mpmath.log, sp.sin: mpmath.sin, sp.cos: mpmath.cos,
              sp.tanh: mpmath.tanh, sp.Abs: abs, sp.sqrt: mpmath.sqrt}


def evaluate(e: sp.Basic, pt: Point, bound: dict | None = None):
    """The value of e at the point (bound: values of summation indices in scope)."""
    bound = bound or {}
    if e in bound:
        return bound[e]
    if isinstance(e, sp.Integer):
        return int(e)
    if isinstance(e, sp.Rational):
        return mpmath.mpf(e.p) / e.q
    if isinstance(e, sp.Float):
        return mpmath.mpf(e)
    if e is sp.pi:
        return +mpmath.pi
    if e is sp.E:
        return +mpmath.e
    if e in (sp.oo, -sp.oo, sp.zoo, sp.nan):
        raise Unusable(f"{e}")
    if isinstance(e, sp.Symbol):
        return pt.symbol(e)
    if isinstance(e, sp.Indexed):
        idx = tuple(int(evaluate(t, pt, bound)) for t in e.indices)
        return pt.element(e.base, idx)
    if isinstance(e, sp.Add):
        return mpmath.fsum(evaluate(t, pt, bound) for t in e.args)
    if isinstance(e, sp.Mul):
        out = mpmath.mpf(1)
        for t in e.args:
            out *= evaluate(t, pt, bound)
        return out
    if isinstance(e, sp.Pow):
        base, ex = evaluate(e.base, pt, bound), evaluate(e.exp, pt, bound)
        if base == 0 and ex < 0:
            raise Unusable("division by zero")
        if isinstance(ex, int):
            return mpmath.mpf(base) ** ex
        return mpmath.power(base, ex)
    if isinstance(e, sp.KroneckerDelta):
        return int(evaluate(e.args[0], pt, bound) == evaluate(e.args[1], pt, bound))
    if isinstance(e, (sp.Sum, sp.Product)):
        return _loop(e, pt, bound)
    if isinstance(e, sp.Derivative):
        return _derivative(e, pt, bound)
    if isinstance(e, sp.Piecewise):
        for value, cond in e.args:
            if evaluate(cond, pt, bound):
                return evaluate(value, pt, bound)
        raise Unusable("no Piecewise branch applies")
    if isinstance(e, sp.Rel):
        lhs, rhs = evaluate(e.lhs, pt, bound), evaluate(e.rhs, pt, bound)
        return {sp.StrictLessThan: lhs < rhs, sp.LessThan: lhs <= rhs, sp.StrictGreaterThan: lhs > rhs,
                sp.GreaterThan: lhs >= rhs, sp.Eq: lhs == rhs, sp.Ne: lhs != rhs}[type(e)]
    if isinstance(e, sp.And):
        return all(evaluate(t, pt, bound) for t in e.args)
    if isinstance(e, sp.Or):
        return any(evaluate(t, pt, bound) for t in e.args)
    if isinstance(e, sp.Not):
        return not evaluate(e.args[0], pt, bound)
    if e is sp.true or e is sp.false:
        return bool(e)
    if isinstance(e, (sp.Max, sp.Min)):
        vals = [evaluate(t, pt, bound) for t in e.args]
        return max(vals) if isinstance(e, sp.Max) else min(vals)
    if isinstance(e, sp.factorial):
        return mpmath.factorial(evaluate(e.args[0], pt, bound))
    for fn, mp_fn in _FUNCTIONS.items():
        if isinstance(e, fn):
            arg = evaluate(e.args[0], pt, bound)
            if fn is sp.log and arg == 0:
                raise Unusable("log of 0")
            return mp_fn(arg)
    raise Unusable(f"cannot evaluate {type(e).__name__}")


def _memo_key(e, bound: dict, dual_key=None):
    """A sum's value depends on the point and on the outer indices it uses, nothing else."""
    used = tuple(sorted(((str(v), t) for v, t in bound.items() if v in _free(e)), key=str))
    return (e, used, dual_key)


@lru_cache(maxsize=4096)
def _free(e) -> frozenset:
    return frozenset(e.free_symbols)


def _loop(e, pt: Point, bound: dict):
    key = _memo_key(e, bound)
    if key not in pt.memo:
        pt.memo[key] = _loop_uncached(e, pt, bound)
    return pt.memo[key]


def _loop_uncached(e, pt: Point, bound: dict):
    (v, lo, hi), *rest = e.limits
    inner = e.func(e.function, *rest) if rest else e.function
    lo_v, hi_v = int(evaluate(lo, pt, bound)), int(evaluate(hi, pt, bound))
    terms = [evaluate(inner, pt, {**bound, v: t}) for t in range(lo_v, hi_v + 1)]
    if isinstance(e, sp.Sum):
        return mpmath.fsum(terms)
    out = mpmath.mpf(1)
    for t in terms:
        out *= t
    return out


def _derivative(e: sp.Derivative, pt: Point, bound: dict):
    """A first derivative by forward-mode dual numbers (exact chain-rule arithmetic on numbers);
    higher orders by mpmath.diff. Neither uses SymPy's differentiation."""
    (var, count), *rest = e.variable_count
    inner = sp.Derivative(e.expr, *rest) if rest else e.expr
    if isinstance(var, sp.Indexed):
        idx = tuple(int(evaluate(t, pt, bound)) for t in var.indices)
        key, at = (var.base, idx), pt.element(var.base, idx)
    else:
        key, at = var, pt.symbol(var)
    if count == 1 and not rest and not inner.has(sp.Derivative):
        return _dual(inner, pt, bound, key)[1]
    saved = pt.values[key]

    def f(t):
        pt.values[key], pt.memo = t, {}
        try:
            return evaluate(inner, pt, bound)
        finally:
            pt.values[key], pt.memo = saved, {}
    return mpmath.diff(f, at, count)


_DUAL_FUNCTIONS = {
    sp.exp: lambda v: (mpmath.exp(v), mpmath.exp(v)),
    sp.log: lambda v: (mpmath.log(v), 1 / v),
    sp.sin: lambda v: (mpmath.sin(v), mpmath.cos(v)),
    sp.cos: lambda v: (mpmath.cos(v), -mpmath.sin(v)),
    sp.tanh: lambda v: (mpmath.tanh(v), 1 - mpmath.tanh(v) ** 2),
    sp.Abs: lambda v: (abs(v), mpmath.sign(v)),
}


def _dual(e: sp.Basic, pt: Point, bound: dict, key):
    """(value, d value / d key) of e at the point: forward-mode differentiation."""
    if isinstance(e, sp.Symbol) and e not in bound:
        return pt.symbol(e), int(e == key)
    if isinstance(e, sp.Indexed):
        idx = tuple(int(evaluate(t, pt, bound)) for t in e.indices)
        return pt.element(e.base, idx), int((e.base, idx) == key)
    if isinstance(e, sp.Add):
        parts = [_dual(t, pt, bound, key) for t in e.args]
        return mpmath.fsum(v for v, _ in parts), mpmath.fsum(d for _, d in parts)
    if isinstance(e, sp.Mul):
        v, d = mpmath.mpf(1), mpmath.mpf(0)
        for t in e.args:
            tv, td = _dual(t, pt, bound, key)
            v, d = v * tv, d * tv + v * td
        return v, d
    if isinstance(e, sp.Pow):
        (bv, bd), (ev, ed) = _dual(e.base, pt, bound, key), _dual(e.exp, pt, bound, key)
        if bv == 0 and ev < 0:
            raise Unusable("division by zero")
        value = mpmath.mpf(bv) ** ev if isinstance(ev, int) else mpmath.power(bv, ev)
        if ed == 0:
            return value, (ev * mpmath.power(bv, ev - 1) * bd if bd != 0 else 0)
        return value, value * (ed * mpmath.log(bv) + ev * bd / bv)
    if isinstance(e, (sp.Sum, sp.Product)):
        memo_key = _memo_key(e, bound, key)
        if memo_key not in pt.memo:
            pt.memo[memo_key] = _dual_loop(e, pt, bound, key)
        return pt.memo[memo_key]
    if isinstance(e, sp.Piecewise):
        for value, cond in e.args:
            if evaluate(cond, pt, bound):
                return _dual(value, pt, bound, key)
        raise Unusable("no Piecewise branch applies")
    for fn, rule in _DUAL_FUNCTIONS.items():
        if isinstance(e, fn):
            av, ad = _dual(e.args[0], pt, bound, key)
            if fn is sp.log and av == 0:
                raise Unusable("log of 0")
            value, slope = rule(av)
            return value, slope * ad
    if isinstance(e, sp.Derivative):   # a derivative inside: differentiate it numerically
        saved = pt.values.get(key)
        at = saved

        def f(t):
            pt.values[key], pt.memo = t, {}
            try:
                return evaluate(e, pt, bound)
            finally:
                pt.values[key], pt.memo = saved, {}
        return evaluate(e, pt, bound), mpmath.diff(f, at)
    return evaluate(e, pt, bound), 0   # numbers, indices, Kronecker deltas: constant in key


def _dual_loop(e, pt: Point, bound: dict, key):
    (v_, lo, hi), *rest = e.limits
    inner = e.func(e.function, *rest) if rest else e.function
    lo_v, hi_v = int(evaluate(lo, pt, bound)), int(evaluate(hi, pt, bound))
    parts = [_dual(inner, pt, {**bound, v_: t}, key) for t in range(lo_v, hi_v + 1)]
    if isinstance(e, sp.Sum):
        return mpmath.fsum(v for v, _ in parts), mpmath.fsum(d for _, d in parts)
    v, d = mpmath.mpf(1), mpmath.mpf(0)
    for tv, td in parts:
        v, d = v * tv, d * tv + v * td
    return v, d


def close(x, y) -> bool:
    return abs(x - y) <= TOLERANCE * max(mpmath.mpf(1), abs(x), abs(y))


def check(exprs: Sequence[sp.Expr], test: Callable, assumptions=None, samplers: Mapping | None = None,
          ranges: Mapping | None = None, seed: int = 0):
    """(ok, detail, counterexample): test(*values) at random points; ok None if none was usable.

    Any failure of the check itself leaves the claim undecided, never proved."""
    try:
        return _check(exprs, test, assumptions, samplers or {}, {**INDEX_RANGES, **(ranges or {})}, seed)
    except Exception as exc:
        return None, f"the numeric check failed ({type(exc).__name__}: {exc})", None


def _check(exprs, test, assumptions, samplers, ranges, seed):
    exprs = [sp.sympify(e) for e in exprs]
    relations = as_relations(assumptions)
    bounds = bounds_of(relations)
    point_relations = [r for r in relations if not has_free_index(r)]
    names = sorted(set().union(*(free_indices(e) for e in exprs)), key=str)
    ns = CONCRETE_N if any(n_symbol in e.free_symbols for e in exprs) else (None,)
    rng = random.Random(seed)
    checked, unusable = 0, ""
    with mpmath.workdps(DIGITS):
        for n_value in ns:
            for attempt in range(INDEX_DRAWS if names else 1):
                for _ in range(POINTS if names else POINTS * INDEX_DRAWS):
                    pt = _admissible_point(rng, n_value, names, attempt, bounds, samplers, ranges,
                                           point_relations)
                    if pt is None:
                        unusable = "no point satisfying the assumptions was found"
                        continue
                    try:
                        values = [evaluate(e, pt) for e in exprs]
                    except (Unusable, ArithmeticError, ValueError, TypeError, ZeroDivisionError) as exc:
                        unusable = str(exc)
                        continue
                    values = [_real(v) for v in values]
                    checked += 1
                    if test(*values):
                        continue
                    pt.memo = {}
                    with mpmath.workdps(2 * DIGITS):   # rounding, or a real counterexample?
                        again = [_real(evaluate(e, pt)) for e in exprs]
                    if test(*again):
                        continue
                    shown = ", ".join(mpmath.nstr(v, 8) for v in values)
                    return False, f"false at {pt.describe()} (values {shown})", pt.describe()
    if checked == 0:
        return None, f"no point could be evaluated ({unusable})", None
    where = f" for n = {', '.join(map(str, ns))}" if ns != (None,) else ""
    return True, f"holds at {checked} random points{where} ({DIGITS} digits)", None


def _real(v):
    if isinstance(v, mpmath.mpc) and abs(v.imag) <= TOLERANCE * max(1, abs(v.real)):
        return v.real
    return v


def _admissible_point(rng, n_value, names, attempt, bounds, samplers, ranges, relations):
    for _ in range(50):
        top = n_value or 3
        indices = _draw_indices(rng, names, top, attempt)
        pt = Point(rng, n_value, {}, bounds, samplers, ranges)
        for s, v in indices.items():   # an index over another layer stays within its range
            upper = ranges.get(s)
            limit = int(evaluate(sp.sympify(upper), pt)) if upper is not None else top
            pt.values[s] = v if v <= limit else rng.randint(1, limit)
        try:
            if all(evaluate(r, pt) for r in relations):
                return pt
        except (Unusable, ArithmeticError, ValueError, TypeError):
            continue
    return None


def _draw_indices(rng: random.Random, names: list, top: int, attempt: int) -> dict:
    if attempt == 0:
        v = rng.randint(1, top)
        return {s: v for s in names}
    if attempt == 1 and len(names) <= top:
        return dict(zip(names, rng.sample(range(1, top + 1), len(names))))
    return {s: rng.randint(1, top) for s in names}
