"""What the assumptions of a claim say, exactly: the interval of each variable and what is left.

Both oracles read the assumptions through this module, so they agree on what they mean:
  - a relation between one variable and a number (x > 1/3, 0 <= a_j, 2 x < 1) is an interval
    bound, kept as an exact SymPy number (never through a float);
  - a bound on a_j, with j a symbolic index, bounds every element of the family a;
  - a symbol's own assumptions count too (positive, nonnegative, integer, ...);
  - every other relation (d_2 <= d_3, x + y < 1, j != k) is kept as it is, as `general`.
A plain Symbol (no real=True) is complex in SymPy; one that appears in an order relation of the
assumptions (x > 0) is real by that relation, and `realify` makes it so.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

ORDER = (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)


@dataclass
class Interval:
    """lo < x < hi, with either end possibly closed; ends are exact SymPy numbers or +-oo."""

    lo: sp.Expr = -sp.oo
    hi: sp.Expr = sp.oo
    lo_closed: bool = False
    hi_closed: bool = False
    integer: bool = False

    def raise_lo(self, value, closed: bool) -> None:
        if value > self.lo or (value == self.lo and not closed):
            self.lo, self.lo_closed = value, closed and value.is_finite

    def lower_hi(self, value, closed: bool) -> None:
        if value < self.hi or (value == self.hi and not closed):
            self.hi, self.hi_closed = value, closed and value.is_finite

    def integer_ends(self) -> tuple:
        """(smallest, largest) allowed integer, None for an infinite end."""
        lo = hi = None
        if self.lo.is_finite:
            lo = int(sp.ceiling(self.lo)) if self.lo_closed else int(sp.floor(self.lo)) + 1
        if self.hi.is_finite:
            hi = int(sp.floor(self.hi)) if self.hi_closed else int(sp.ceiling(self.hi)) - 1
        return lo, hi

    @property
    def empty(self) -> bool:
        if self.integer:
            lo, hi = self.integer_ends()
            return lo is not None and hi is not None and lo > hi
        if self.lo < self.hi:
            return False
        return not (self.lo == self.hi and self.lo_closed and self.hi_closed)

    def contains(self, value: Fraction | int) -> bool:
        """Exactly: is this rational value inside?"""
        lo, hi = _as_fraction(self.lo), _as_fraction(self.hi)
        if lo is not False and hi is not False:     # rational or infinite ends: Fractions only
            if lo is not None and not (value > lo or (self.lo_closed and value == lo)):
                return False
            if hi is not None and not (value < hi or (self.hi_closed and value == hi)):
                return False
            return True
        v = sp.Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else sp.Integer(value)
        if self.lo.is_finite and not (v > self.lo or (self.lo_closed and v == self.lo)):
            return False
        if self.hi.is_finite and not (v < self.hi or (self.hi_closed and v == self.hi)):
            return False
        return True

    def __str__(self) -> str:
        left = "[" if self.lo_closed else "("
        right = "]" if self.hi_closed else ")"
        return f"{left}{self.lo}, {self.hi}{right}"


_FRACTIONS: dict = {}


def _as_fraction(end):
    """A rational end as a Fraction, None for an infinite one, False for an irrational one."""
    if end in _FRACTIONS:
        return _FRACTIONS[end]
    if end.is_infinite:
        out = None
    elif end.is_Rational:
        out = Fraction(int(end.p), int(end.q))
    else:
        out = False
    _FRACTIONS[end] = out
    return out


@dataclass
class Assumptions:
    relations: list                        # every relation, as given (And split)
    bounds: dict = field(default_factory=dict)     # key -> Interval (key: Symbol, IndexedBase, Indexed)
    general: list = field(default_factory=list)    # relations that are not a bound of one variable
    false: bool = False                    # a relation that SymPy evaluated to False


def as_relations(assumptions) -> list:
    """The assumptions as a flat list of SymPy relations (an And is split; True dropped)."""
    if assumptions is None:
        return []
    if isinstance(assumptions, (sp.Basic, bool)):
        assumptions = [assumptions]
    out = []
    for rel in assumptions:
        rel = sp.sympify(rel)
        if isinstance(rel, sp.And):
            out.extend(as_relations(list(rel.args)))
        elif rel is not sp.true:
            out.append(rel)
    return out


def key_of(expr: sp.Basic, elements: bool = False, families: bool = True):
    """What a bound on expr bounds: a_j with a symbolic index bounds the family a (the search's
    reading); with `elements` (the decision procedures'), an element bounds that element only,
    but at bare indices (the chapter's convention), unless `families` is False: the kernel has
    read the family hypotheses itself, and what it passes on are elements (0 < z_j with j != 1
    is the one element z_j)."""
    if isinstance(expr, sp.Indexed) and not elements and any(not t.is_number for t in expr.indices):
        return expr.base
    if isinstance(expr, sp.Indexed) and elements and families and bare_indices(expr):
        return expr.base        # the chapter's convention: 0 < a_j at a bare index j of 1..n is every a_j
    return expr


def bare_indices(e) -> bool:
    """Every index of the element is a bare index symbol of the chapter (j, k, i, ... of 1..n),
    all different: a hypothesis on it speaks of every element (the kernel's `ForAll`)."""
    from derivations.symbols import INDEX_RANGES, x_index
    return all(isinstance(t, sp.Symbol) and (t in INDEX_RANGES or t == x_index) for t in e.indices) and \
        len(set(e.indices)) == len(e.indices)


def is_variable(expr) -> bool:
    return isinstance(expr, (sp.Symbol, sp.Indexed))


def _as_bound(rel):
    """(variable, '>' or '<', exact number, closed) if rel bounds one variable linearly, else None."""
    if not isinstance(rel, ORDER):
        return None
    diff = rel.lhs - rel.rhs            # rel says: diff > 0, >= 0, < 0 or <= 0
    indexed = diff.atoms(sp.Indexed)
    index_symbols = set().union(*(ind.free_symbols - ind.base.free_symbols for ind in indexed)) if indexed else set()
    variables = list(indexed) + [s for s in diff.free_symbols if s not in index_symbols
                                 and not any(s in ind.free_symbols for ind in indexed)]
    variables = [v for v in variables if not isinstance(v, sp.IndexedBase)]
    if len(variables) != 1:
        return None
    v = variables[0]
    if not diff.is_polynomial(v):
        return None
    poly = sp.Poly(diff, v)
    if poly.degree() != 1:
        return None
    slope, offset = poly.all_coeffs()
    if not (slope.is_number and offset.is_number and slope.is_extended_real and offset.is_extended_real) \
            or slope.is_zero is not False:
        return None
    greater = isinstance(rel, (sp.StrictGreaterThan, sp.GreaterThan))   # diff > 0 (or >= 0)
    if slope.is_negative:
        greater = not greater
    closed = isinstance(rel, (sp.LessThan, sp.GreaterThan))
    return v, (">" if greater else "<"), exact_number(-offset / slope), closed


def parse(assumptions, elements: bool = False, families: bool = True) -> Assumptions:
    """Split the assumptions into exact interval bounds and general relations; a bounded
    variable's own sign and integrality (its SymPy assumptions) are folded into its interval."""
    relations = as_relations(assumptions)
    out = Assumptions(relations)
    for rel in relations:
        if rel is sp.false:
            out.false = True
            continue
        bound = _as_bound(rel)
        if bound is None:
            out.general.append(rel)
            continue
        v, side, end, closed = bound
        iv = out.bounds.setdefault(key_of(v, elements, families), Interval())
        if end in (sp.oo, -sp.oo, sp.zoo, sp.nan):
            out.general.append(rel)
            continue
        if side == ">":
            iv.raise_lo(end, closed)
        else:
            iv.lower_hi(end, closed)
    for v, iv in out.bounds.items():
        fold_own_assumptions(iv, v)
    return out


def _probe(v):
    """An element standing for v: v itself, or a generic member of a family."""
    if isinstance(v, sp.IndexedBase):
        return v[sp.Dummy("index", integer=True)]
    return v


def fold_own_assumptions(iv: Interval | None, v) -> None:
    if iv is None:
        return
    p = _probe(v)
    if p.is_positive:
        iv.raise_lo(sp.Integer(0), False)
    elif p.is_nonnegative:
        iv.raise_lo(sp.Integer(0), True)
    if p.is_negative:
        iv.lower_hi(sp.Integer(0), False)
    elif p.is_nonpositive:
        iv.lower_hi(sp.Integer(0), True)
    if p.is_integer:
        iv.integer = True


def interval_of(parsed: Assumptions, v) -> Interval:
    """The interval of a variable (a family element takes its family's), own assumptions included."""
    if v in parsed.bounds:
        return parsed.bounds[v]
    if isinstance(v, sp.Indexed) and v.base in parsed.bounds:
        return parsed.bounds[v.base]
    iv = Interval()
    fold_own_assumptions(iv, v.base if isinstance(v, sp.Indexed) else v)
    return iv


def exact_number(value: sp.Expr) -> sp.Expr:
    """A bound as an exact number: a Float by the exact binary value it holds (never rounded to
    a nearby simple fraction), anything else as it is."""
    value = sp.sympify(value)
    if isinstance(value, sp.Float):
        return sp.Rational(*float(value).as_integer_ratio()) if value._prec <= 53 else sp.Rational(value)
    return value


def fraction_inside(value: sp.Expr, upward: bool) -> Fraction:
    """A rational at or just inside an exact number: value itself when rational; otherwise rounded
    at 10^-60 towards the inside (up for a lower end, down for an upper end)."""
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    scaled = sp.N(value * sp.Integer(10) ** 60, 80)
    whole = int(sp.ceiling(scaled)) if upward else int(sp.floor(scaled))
    return Fraction(whole, 10 ** 60)


def plain_symbols(exprs) -> list:
    """Symbols and families whose values SymPy takes as complex (no real=True, not integer)."""
    out = set()
    for e in exprs:
        e = sp.sympify(e)
        labels = {ind.base.label for ind in e.atoms(sp.Indexed)} | \
            {b.label for b in e.atoms(sp.IndexedBase)}
        for s in e.free_symbols:
            if isinstance(s, sp.Symbol) and s not in labels and s.is_real is None and s.is_integer is None:
                out.add(s)
        for ind in e.atoms(sp.Indexed):
            if ind.is_real is None:
                out.add(ind.base)
    return sorted(out, key=str)


def real_twin(s, taken, **declared):
    """A real symbol (or family) standing for the plain symbol (or IndexedBase) s, printed as s
    is: Symbol(name, real=True), unless another symbol in `taken` already is that symbol (a real
    x beside a plain x: the two are different variables, and must stay so); then a real Dummy of
    the same name."""
    if isinstance(s, sp.IndexedBase):      # a family: the same, by its label
        twin = sp.IndexedBase(str(s), real=True)
        if twin in taken and twin != s:
            return sp.IndexedBase(sp.Dummy(str(s), real=True), real=True)
        return twin
    twin = sp.Symbol(s.name, real=True, **declared)
    if twin in taken and twin != s:
        return sp.Dummy(s.name, real=True, **declared)
    return twin


def realify(exprs: list, relations: list) -> tuple[list, list, dict]:
    """Plain symbols (and families) that appear in an order relation of the assumptions are real
    by that relation: replace them by real ones of the same name. Returns (exprs, relations, map)."""
    ordered = [r for r in relations if isinstance(r, ORDER)]
    plain = plain_symbols(ordered)
    if not plain:
        return exprs, relations, {}
    mapping = {}
    taken = set().union(*(sp.sympify(e).free_symbols for e in list(exprs) + list(relations)))
    taken |= {x.base for e in list(exprs) + list(relations) for x in sp.sympify(e).atoms(sp.Indexed)}
    for s in plain:
        mapping[s] = real_twin(s, taken)

    def swap(e):
        e = sp.sympify(e)
        e = e.xreplace({s: r for s, r in mapping.items() if isinstance(s, sp.Symbol)})
        for s, r in mapping.items():
            if isinstance(s, sp.IndexedBase):
                e = e.replace(lambda x: isinstance(x, sp.Indexed) and x.base == s,
                              lambda x: r[x.indices])
        return e
    return [swap(e) for e in exprs], [swap(r) for r in relations], mapping
