"""Signs by a fixed calculus: the kernel's own, read from the expression and the stated facts.

Sound by construction: each rule is a textbook fact about real numbers (a sum of nonnegative
numbers with one positive is positive; a product's sign is the product of the signs; e^u > 0 for
real u; a power of a positive base is positive; a nonempty finite sum of positive terms is
positive). An atom's sign comes only from (a) a stated assumption matched exactly (an element
z_n > 0 says nothing of z_1: the match is structural, up to polynomial arithmetic over the
rationals), (b) its own declaration (Symbol('x', positive=True), IndexedBase('a', positive=True)),
(c) a number's certified Arb enclosure. Nothing is guessed; anything else is "not shown".
"""
from __future__ import annotations

import sympy as sp

from derivations.kernel import arb, excluded

GT, GE, NE = ">0", ">=0", "!=0"


def _facts(assumptions) -> list:
    from derivations.kernel.propositions import ForAll
    out = []
    for r in assumptions or ():
        if isinstance(r, ForAll):
            bounds, inner = [], r
            while isinstance(inner, ForAll):
                bounds.append((inner.index, inner.lo, inner.hi))
                inner = inner.relation
            for f, k in _facts([inner]):
                out.append((("forall", tuple(bounds), f), k))
            continue
        if isinstance(r, sp.StrictGreaterThan):
            out.append((r.lhs - r.rhs, GT))
        elif isinstance(r, sp.GreaterThan):
            out.append((r.lhs - r.rhs, GE))
        elif isinstance(r, sp.StrictLessThan):
            out.append((r.rhs - r.lhs, GT))
        elif isinstance(r, sp.LessThan):
            out.append((r.rhs - r.lhs, GE))
        elif isinstance(r, sp.Unequality):
            out.append((r.lhs - r.rhs, NE))
    return out


class Signs:
    """The sign calculus under a list of stated relations (and index ranges i in 1..n)."""

    def __init__(self, assumptions=(), ranges=None, _facts_list=None):
        self.assumptions = list(assumptions or ())
        self.facts = _facts_list if _facts_list is not None else _facts(self.assumptions)
        self.ranges = dict(ranges or {})
        self.memo: dict = {}

    def with_facts(self, relations) -> "Signs":
        return Signs(self.assumptions + list(relations), self.ranges, self.facts + _facts(relations))

    # -- matching a stated fact ---------------------------------------------------------------
    def _stated(self, e, kinds) -> bool:
        for f, k in self.facts:
            if k in kinds and e == f:
                return True
        if not self.rewritable(e):      # matched up to polynomial arithmetic: only where e is defined
            return False
        for f, k in self.facts:
            if k in kinds and (self._instance(e, f) if isinstance(f, tuple) else _same(e, f)):
                return True
        # e = f + c for a stated f > 0 (or f >= 0) and a number c >= 0 (or c > 0): e > 0 (or e >= 0)
        for f, k in self.facts:
            if isinstance(f, tuple) or k == NE:
                continue
            c = sp.expand(e - f, power_exp=False, power_base=False, log=False)
            if not c.is_number or c.has(sp.Float):
                continue
            s = arb.sign(c)
            if s not in (0, 1):
                continue
            if GT in kinds and (k == GT or s == 1):
                return True
            if GE in kinds and k in (GT, GE):
                return True
        return False

    def _stated_neg(self, e, kinds) -> bool:
        return self._stated(-e, kinds)

    def _instance(self, e, fact) -> bool:
        """e is the family fact at an index t that is an integer shown to lie in its range."""
        _, bounds, f = fact
        shape = next(iter(f.atoms(sp.Indexed))).indices
        bases = {x.base for x in f.atoms(sp.Indexed)}
        for ts in {x.indices for x in e.atoms(sp.Indexed) if x.base in bases and len(x.indices) == len(shape)}:
            at = dict(zip(shape, ts))
            if _same(e, f.xreplace(at)) and all(
                    at[i] == i or (_integer_valued(at[i]) and self.nonnegative(at[i] - lo)
                                   and self.nonnegative(hi - at[i]))
                    for i, lo, hi in bounds):
                return True
        return False

    # -- the calculus -------------------------------------------------------------------------
    def real(self, e) -> bool:
        e = sp.sympify(e)
        if e.is_Number:
            return e.is_real is True and e.is_finite is True
        if e.is_NumberSymbol:
            return True
        if isinstance(e, sp.Symbol):
            return e.is_real is True
        if isinstance(e, sp.Indexed):
            return e.base.is_real is True or e.base.label.is_real is True or e.is_real is True and \
                e.base.label.is_real is not False
        if isinstance(e, (sp.Add, sp.Mul)):
            return all(self.real(a) for a in e.args)
        if isinstance(e, sp.Pow):
            b, x = e.args
            if x.is_Integer:
                return self.real(b) and (x >= 0 or self.nonzero(b))
            return self.positive(b) and self.real(x)
        if isinstance(e, sp.exp):
            return self.real(e.args[0])
        if isinstance(e, sp.log):
            return self.positive(e.args[0])
        if isinstance(e, sp.KroneckerDelta):
            return True
        if isinstance(e, sp.Sum):
            (k, lo, hi), = e.limits if len(e.limits) == 1 else ((None, None, None),)
            return k is not None and self._inside(k, lo, hi).real(e.function.xreplace({k: self._fresh(k)}))
        if isinstance(e, sp.Abs):
            return self.defined(e.args[0])
        return False

    def rewritable(self, e) -> bool:
        """Whether e may be replaced by its expanded form or its form over one denominator for a
        sign. Polynomial arithmetic cancels a factor that vanishes where e is undefined (x (1/x - 1)
        = 1 - x everywhere but at x = 0), so a rewritten e speaks for e only where e is defined: e
        has no denominator, fractional power or logarithm, or is shown defined."""
        key = (e, "rewritable")
        if key not in self.memo:
            self.memo[key] = False      # no circular argument
            singular = any(isinstance(a, sp.log) or (isinstance(a, sp.Pow) and not (a.exp.is_Integer and a.exp >= 0))
                           for a in sp.preorder_traversal(e))
            self.memo[key] = not singular or self.defined(e)
        return self.memo[key]

    def defined(self, e) -> bool:
        """e has a (possibly complex) value wherever the facts hold: no power of a base that may
        be 0 to a negative or non-integer exponent, no log of what may be 0, every function's
        arguments defined; a real expression is defined."""
        e = sp.sympify(e)
        if self.real(e):
            return True
        if e.is_Atom:
            return e.is_finite is not False and e not in (sp.zoo, sp.nan)
        if isinstance(e, sp.Pow):
            b, x = e.args
            if not (self.defined(b) and self.defined(x)):
                return False
            return (x.is_Integer and x >= 0) or self.nonzero(b)
        if isinstance(e, sp.log):
            return self.defined(e.args[0]) and self.nonzero(e.args[0])
        if isinstance(e, (sp.Add, sp.Mul, sp.exp, sp.Abs, sp.sin, sp.cos, sp.conjugate, sp.re, sp.im)):
            return all(self.defined(a) for a in e.args)
        return False

    def _fresh(self, k):
        return self.__dict__.setdefault(("fresh", k), sp.Dummy(str(k), integer=True))

    def term_range(self, lo, hi):
        """(first, last): the indices a sum or product over lo..hi takes its terms at, by Karr's
        convention (SymPy's): lo..hi where hi >= lo - 1; hi+1..lo-1 where hi < lo - 1 (the sum
        is then minus the sum over those, the product its reciprocal); None where neither is
        shown, and then nothing is known of the index. (Facts lo <= k <= hi for a reversed
        range would contradict each other and prove anything of its terms.)"""
        if self.nonnegative(hi - lo + 1):
            return lo, hi
        if self.nonnegative(lo - hi - 2):
            return hi + 1, lo - 1
        return None

    def _inside(self, k, lo, hi) -> "Signs":
        d = self._fresh(k)
        span = self.term_range(lo, hi)
        return self.with_facts([] if span is None else [sp.Ge(d, span[0]), sp.Le(d, span[1])])

    def positive(self, e) -> bool:
        return self._sign(sp.sympify(e), GT)

    def nonnegative(self, e) -> bool:
        return self._sign(sp.sympify(e), GE)

    def negative(self, e) -> bool:
        return self._sign(sp.sympify(e), "<0")

    def nonzero(self, e) -> bool:
        e = sp.sympify(e)
        key = (e, NE)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = False
        out = self.positive(e) or self.negative(e) or self._stated(e, (NE,)) or self._stated_neg(e, (NE,))
        if not out and isinstance(e, sp.Mul):
            out = all(self.nonzero(a) for a in e.args)
        if not out and isinstance(e, sp.Pow) and e.exp.is_Integer:
            out = self.nonzero(e.base)
        if not out and isinstance(e, sp.exp):
            out = self.real(e.args[0])
        if not out and isinstance(e, (sp.Add, sp.Mul)) and self.rewritable(e):
            x = sp.expand(e, power_exp=False, power_base=False, log=False)
            out = x != e and self.nonzero(x)
        if not out and self.rewritable(e):
            q = _quotient(e)
            if q is not None:
                out = self.nonzero(q[0]) and self.nonzero(q[1])
        self.memo[key] = out
        return out

    def _sign(self, e, kind) -> bool:
        key = (e, kind)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = False          # no circular argument
        out = self._sign_uncached(e, kind)
        if not out and isinstance(e, (sp.Add, sp.Mul)):
            x = sp.expand(e, power_exp=False, power_base=False, log=False)
            if x != e and self.rewritable(e):
                out = self._sign(x, kind)
        self.memo[key] = out
        return out

    def _sign_uncached(self, e, kind) -> bool:
        pos, nonneg, neg = kind == GT, kind == GE, kind == "<0"
        if e.is_number and not e.has(sp.Sum, sp.Derivative, sp.Integral):
            s = arb.sign(e)
            if s == arb.NONREAL:
                return False
            if s is not None:
                return s > 0 if pos else (s >= 0 if nonneg else s < 0)
            # no enclosure decides it (1 - 1/(1 + e^(-10^300))): the structural rules below may
        if neg:
            if self._stated_neg(e, (GT,)):
                return True
        elif self._stated(e, (GT,) if pos else (GT, GE)):
            return True
        if isinstance(e, (sp.Symbol, sp.Indexed)):
            if not self.real(e):
                return False
            if pos:
                return e.is_positive is True
            if nonneg:
                return e.is_nonnegative is True
            return e.is_negative is True
        if isinstance(e, sp.Add) and nonneg and _integer_valued(e) and self.positive(e + 1):
            return True                 # an integer e with e + 1 > 0 is >= 0
        if isinstance(e, sp.Add) and len(e.args) == 2 and not neg:
            # e^u - e^v has the sign of u - v (the exponential is increasing), for real u, v
            # (a number c > 0 is e^(ln c))
            ups = [a if isinstance(a, sp.exp) else sp.exp(sp.log(a), evaluate=False) for a in e.args
                   if isinstance(a, sp.exp) or (a.is_number and arb.sign(a) == 1)]
            downs = [-a if isinstance(-a, sp.exp) else sp.exp(sp.log(-a), evaluate=False) for a in e.args
                     if isinstance(-a, sp.exp) or (a.is_number and arb.sign(a) == -1)]
            if len(ups) == 1 and len(downs) == 1:
                u, v = ups[0].args[0], downs[0].args[0]
                if self.real(u) and self.real(v) and self._sign(sp.expand(u - v), kind):
                    return True
        if isinstance(e, sp.Add):
            q = _quotient(e) if self.rewritable(e) else None
            if q is not None:           # over one denominator: the signs of numerator and denominator
                num, den = q
                if self.positive(den) and self._sign(num, kind):
                    return True
                if self.negative(den) and self._sign(-num, kind):
                    return True
            if neg:
                return all(self.negative(a) or self._sign(-a, GE) for a in e.args) and \
                    any(self.negative(a) for a in e.args)
            if all(self.nonnegative(a) for a in e.args):
                return True if nonneg else any(self.positive(a) for a in e.args)
            return False
        if isinstance(e, sp.Mul):
            negatives = 0
            zero_possible = False
            for a in e.args:
                if self.positive(a):
                    continue
                if self.negative(a):
                    negatives += 1
                    continue
                if nonneg and self.nonnegative(a):
                    zero_possible = True
                    continue
                if nonneg and self._sign(-a, GE):
                    negatives += 1
                    zero_possible = True
                    continue
                return False
            return negatives % 2 == (1 if neg else 0)
        if isinstance(e, sp.Pow):
            b, x = e.args
            if self.positive(b) and self.real(x):
                return not neg
            if x.is_Integer and x.is_even and self.real(b):
                if pos or x < 0:        # b^(-2) is undefined where b = 0
                    return self.nonzero(b) and not neg
                return nonneg
            if x.is_Integer and x.is_odd:
                return self._sign(b, kind) if not (nonneg and x < 0) else self.positive(b)
            return False
        if isinstance(e, sp.exp):
            return (not neg) and self.real(e.args[0])
        if isinstance(e, sp.cosh):
            return (not neg) and self.real(e.args[0])        # cosh u >= 1 for real u
        if isinstance(e, sp.log):
            u = e.args[0]
            if pos:
                return self.positive(u - 1)
            if nonneg:
                return self.nonnegative(u - 1) and self.positive(u)
            return self.positive(u) and self.positive(1 - u)
        if isinstance(e, sp.Sum) and len(e.limits) == 1:
            k, lo, hi = e.limits[0]
            d = self._fresh(k)
            inner = self._inside(k, lo, hi)
            term = e.function.xreplace({k: d})
            if neg:
                return self.nonnegative(hi - lo) and inner.negative(term)
            if pos:
                return (self.nonnegative(hi - lo) and inner.positive(term)) or excluded.positive(self, inner, term, d, lo, hi)
            return self.nonnegative(hi - lo + 1) and inner.nonnegative(term)
        if isinstance(e, sp.Product) and len(e.limits) == 1 and not neg:
            k, lo, hi = e.limits[0]
            return self.nonnegative(hi - lo + 1) and self._inside(k, lo, hi)._sign(
                e.function.xreplace({k: self._fresh(k)}), kind)
        if isinstance(e, sp.Abs):           # |u| >= 0 wherever u is defined; > 0 where u != 0
            return (nonneg and self.defined(e.args[0])) or (pos and self.nonzero(e.args[0])
                                                             and self.defined(e.args[0]))
        if isinstance(e, sp.KroneckerDelta):
            return nonneg
        return False


def _same(e, f) -> bool:
    """e and f are the same expression up to polynomial arithmetic over the rationals."""
    if e == f:
        return True
    try:
        return sp.expand(e - f, power_exp=False, power_base=False, log=False, mul=True, multinomial=True) == 0
    except Exception:      # an expression expand cannot take: not the same
        return False


def _integer_valued(e) -> bool:
    from derivations.kernel.propositions import IsInteger
    if isinstance(e, sp.Dummy) and e.is_integer:
        return True
    return IsInteger(e).holds()


def _quotient(e):
    """(numerator, denominator) of e over one denominator, the numerator expanded (polynomial
    arithmetic over the rationals); None when e has no denominator to clear."""
    try:
        num, den = sp.fraction(sp.together(e))
    except Exception:      # together cannot take it: no quotient form
        return None
    if den == 1:
        return None
    return sp.expand(num, power_exp=False, power_base=False, log=False), den
