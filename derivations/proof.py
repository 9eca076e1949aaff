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
from typing import Callable, Mapping, Sequence

import mpmath
import sympy as sp

from derivations import oracle
from derivations.oracle import TOLERANCE, as_relations as _as_relations, bounds_of as _bounds
from derivations.symbols import evaluate as evaluate_indexed, in_range, n as n_symbol

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


# --------------------------------------------------------------------------- symbolic helpers

def _substitute_bounded(expr: sp.Expr, assumptions) -> tuple[sp.Expr, list[str]]:
    """Rewrite symbols bounded by the assumptions as maps of positive symbols.

    lo < s < hi becomes s = lo + (hi - lo) t/(1 + t); lo < s becomes s = lo + t; s < hi becomes
    s = hi - t; with t > 0. SymPy's assumption system can then decide signs.
    """
    subs, notes = _bounded_map(expr, assumptions)
    return (expr.xreplace(subs) if subs else expr), notes


def _bounded_map(expr: sp.Expr, assumptions) -> tuple[dict, list[str]]:
    relations = _as_relations(assumptions)
    bounds = _bounds(relations)
    closed = _closed_ends(relations)
    notes, subs = [], {}
    targets = set(expr.free_symbols) | expr.atoms(sp.Indexed)
    for s in sorted(targets, key=str):
        if isinstance(s, sp.IndexedBase):
            continue
        key = s if s in bounds else (s.base if isinstance(s, sp.Indexed) and s.base in bounds else None)
        if key is None:
            continue
        bd = bounds[key]
        lo_closed, hi_closed = closed.get(key, (False, False))
        lo, hi = bd.lo, bd.hi
        if (s.is_positive or s.is_nonnegative) and not lo > 0:   # the symbol's own sign bounds it too
            lo, lo_closed = 0.0, bool(s.is_nonnegative and not s.is_positive)
        if (s.is_negative or s.is_nonpositive) and not hi < 0:
            hi, hi_closed = 0.0, bool(s.is_nonpositive and not s.is_negative)
        # an end given with <= or >= is attained: t = 0 must stay possible there
        t = sp.Dummy(f"t_{s}", nonnegative=True) if lo_closed or hi_closed else sp.Dummy(f"t_{s}", positive=True)
        lo_s = sp.nsimplify(lo) if math.isfinite(lo) else None
        hi_s = sp.nsimplify(hi) if math.isfinite(hi) else None
        if lo_s is not None and hi_s is not None:
            if lo_closed and hi_closed:
                continue        # [lo, hi]: no map of one t covers both ends; leave s as it is
            subs[s] = (hi_s - (hi_s - lo_s) * t / (1 + t)) if hi_closed else (lo_s + (hi_s - lo_s) * t / (1 + t))
        elif lo_s is not None:
            subs[s] = lo_s + t
        elif hi_s is not None:
            subs[s] = hi_s - t
        else:
            continue
        notes.append(f"write {s} = {subs[s]} with t {'>=' if t.is_nonnegative and not t.is_positive else '>'} 0")
    return subs, notes


def _closed_ends(relations) -> dict:
    """{symbol or family: (lower end closed, upper end closed)} for bounds given with <= or >=."""
    out: dict = {}
    for rel in relations:
        if not isinstance(rel, (sp.LessThan, sp.GreaterThan)):
            continue
        small, big = (rel.lhs, rel.rhs) if isinstance(rel, sp.LessThan) else (rel.rhs, rel.lhs)
        if big.is_number and not small.is_number:
            key = oracle._key(small)
            out[key] = (out.get(key, (False, False))[0], True)
        elif small.is_number and not big.is_number:
            key = oracle._key(big)
            out[key] = (True, out.get(key, (False, False))[1])
    return out


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
    memo: dict = {}

    def evaluated():  # carry out derivatives and sums, discharge index ranges, use the premises
        if "e" not in memo:
            memo["e"] = _apply_premises(evaluate_indexed(diff, ranges), premises)
        return memo["e"]

    def logs_expanded(e):  # ln prod = sum ln, ln(u v) = ln u + ln v: valid for positive factors
        return sp.expand(sp.expand_log(e, force=True), power_exp=False)

    forms = (  # cheapest first; the first that gives 0 (or a nonzero number) decides
        ("expand", lambda: sp.expand(diff)),
        ("evaluate, common denominator, expand the numerator",
         lambda: sp.expand(sp.fraction(sp.together(evaluated()))[0], power_exp=False)),
        ("evaluate and cancel", lambda: sp.cancel(evaluated())),
        ("evaluate and factor", lambda: sp.factor(evaluated())),
        ("evaluate and simplify", lambda: sp.simplify(evaluated())),
        ("expand logs, evaluate and simplify", lambda: sp.simplify(logs_expanded(
            _apply_premises(evaluate_indexed(logs_expanded(diff), ranges), premises)))),
        ("rewrite with exp and simplify", lambda: sp.simplify(evaluated().rewrite(sp.exp))),
    )
    relations = _as_relations(assumptions)
    if relations:  # let SymPy use the assumptions: refine, and bounded symbols as positive maps
        forms += (
            ("refine under the assumptions", lambda: sp.simplify(sp.refine(evaluated(), sp.And(*relations)))),
            ("bounded symbols as maps of positive ones, simplify",
             lambda: sp.simplify(_substitute_bounded(evaluated(), assumptions)[0])),
        )
    for how, form in forms:
        reduced = _safe(form, steps, how)
        if reduced is None:
            continue
        if reduced == 0:
            symbolic, sym_text = True, f"lhs - rhs reduces to 0 ({how})"
            steps.append(f"{how}: lhs - rhs = 0")
            break
        if reduced.is_number and reduced.is_zero is False:
            symbolic, sym_text = False, f"lhs - rhs reduces to the nonzero constant {reduced}"
            break
    numeric, num_text, cex = oracle.check([lhs, rhs], oracle.close, assumptions,
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
    numeric, num_text, cex = oracle.check([expr], lambda v: v > 0, assumptions, samplers)
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
    free = [t for t in rewritten.free_symbols if t != n_symbol]
    if sym is None and len(free) == 1 and not rewritten.has(sp.Sum, sp.Indexed):
        t = free[0]
        domain = sp.Interval.open(0, sp.oo) if t.is_positive else sp.S.Reals
        zeros = _safe(lambda: sp.solveset(sp.Eq(rewritten, 0), t, domain), steps, "solveset")
        if zeros is sp.S.EmptySet:
            sym, text = True, f"SymPy solveset: no zero for {t} in {domain}"
        elif isinstance(zeros, sp.FiniteSet) and zeros:
            sym, text = False, f"SymPy solveset: zero at {t} in {zeros}"
            for z0 in zeros:   # a zero SymPy found is a counterexample once mpmath confirms it
                value = _safe(lambda: sp.N(rewritten.subs(t, z0), 60), steps, "evaluate the zero")
                if value is not None and value.is_number and abs(value) < sp.Float("1e-40"):
                    where = {str(t): float(z0)}
                    steps.append(f"numeric check: the expression is 0 at {where} (60 digits)")
                    return Verdict(claim, False, "refuted", f"false: {expr} = 0 ({text})",
                                   steps, where)
    if sym is None:
        sub_steps: list[str] = []
        if _safe(lambda: _sign(e, assumptions, sub_steps), steps, "sign") is True:
            sym, text = True, "SymPy: positive, so nonzero"
        elif _safe(lambda: _sign(-e, assumptions, sub_steps), steps, "sign") is True:
            sym, text = True, "SymPy: negative, so nonzero"
        steps.extend(sub_steps)
    numeric, num_text, cex = oracle.check([expr], lambda v: v != 0 and abs(v) > TOLERANCE,
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
    others = [r for r in _as_relations(assumptions) if symbol not in r.free_symbols]
    subs, notes = _bounded_map(expr, others)   # so that limit knows the signs of other symbols
    steps.extend(notes)
    lim = _safe(lambda: sp.limit(in_range(expr.doit()).xreplace(subs), symbol, point), steps, "limit")
    if lim is not None and not lim.has(sp.Limit):
        steps.append(f"SymPy: the limit is {lim}")
        d = _safe(lambda: sp.simplify(lim - expected.xreplace(subs)), steps, "simplify")
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
    numeric, num_text, cex = oracle.check(stacked, converges, assumptions, samplers)
    if numeric:
        num_text += f" (approach {', '.join(str(v) for v in approach)})"
    return _verdict(claim, symbolic, sym_text, numeric, num_text, steps, cex)


def _approach(point) -> list:
    if point == sp.oo:
        return [sp.Integer(10) ** e for e in (2, 4, 8, 16, 32)]
    if point == -sp.oo:
        return [-sp.Integer(10) ** e for e in (2, 4, 8, 16, 32)]
    return [point + sp.Integer(10) ** -e for e in (2, 4, 8, 16, 32)]
