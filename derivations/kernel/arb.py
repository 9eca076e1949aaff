"""Certified enclosures with Arb (python-flint): a complex ball guaranteed to contain the value.

An exact SymPy expression (rationals, i, e, pi, exp, log, sqrt, powers, sums with concrete ranges)
is evaluated ball by ball (`flint.acb`, principal branches, as SymPy's); each operation of Arb
returns a ball containing the exact result, so the final ball contains the exact value (the
library's contract). A sign is read only from a ball whose real part excludes 0 and whose imaginary
part is exactly 0; a ball whose imaginary part excludes 0 is certainly not real (NONREAL); anything
else (a ball straddling 0, an operation Arb does not offer) is None: not shown.
"""
from __future__ import annotations

import sympy as sp

try:
    import flint
except ImportError:        # without python-flint nothing is certified: every sign is "not shown"
    flint = None

PRECISIONS = (128, 512, 2048)
NONREAL = "nonreal"


class NoEnclosure(Exception):
    pass


def enclose(e, values=None, prec: int = 128):
    """A flint.acb ball containing the exact value of e (values: exact SymPy numbers for atoms)."""
    if flint is None:
        raise NoEnclosure("python-flint is not installed")
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return _ball(sp.sympify(e), values or {})
    finally:
        flint.ctx.prec = old


def enclose_real(e, prec: int = 128):
    """A flint.arb ball containing the real number e (NoEnclosure if it is not shown real)."""
    b = enclose(e, None, prec)
    if not b.imag.is_zero():
        raise NoEnclosure(f"{e} is not shown real")
    return b.real


def _ball(e, values):
    acb = flint.acb
    if e in values:
        if isinstance(values[e], acb):      # a ball: every point of it (interval arithmetic)
            return values[e]
        return _ball(sp.sympify(values[e]), {})
    if e.is_Integer:
        return acb(int(e))
    if e.is_Rational:
        return acb(int(e.p)) / acb(int(e.q))
    if e is sp.I:
        return acb(0, 1)
    if e is sp.E:
        return acb(flint.arb.const_e())
    if e is sp.pi:
        return acb(flint.arb.pi())
    if isinstance(e, sp.Float):
        raise NoEnclosure("a float is not an exact number")
    if isinstance(e, sp.Add):
        out = acb(0)
        for a in e.args:
            out += _ball(a, values)
        return out
    if isinstance(e, sp.Mul):
        out = acb(1)
        for a in e.args:
            out *= _ball(a, values)
        return out
    if isinstance(e, sp.Pow):
        b = _ball(e.base, values)
        if e.exp.is_Integer:
            k = int(e.exp)
            if k < 0:
                if b.contains(0):
                    raise NoEnclosure("a division by a ball containing 0")
                return acb(1) / b ** (-k)
            return b ** k
        if b.contains(0):
            raise NoEnclosure("a non-integer power of a ball containing 0")
        return b ** _ball(e.exp, values)
    if isinstance(e, sp.exp):
        return _ball(e.args[0], values).exp()
    if isinstance(e, (sp.tanh, sp.sinh, sp.cosh)):      # by their definitions in e^u
        u = _ball(e.args[0], values)
        p, m = u.exp(), (-u).exp()
        return {sp.tanh: (p - m) / (p + m), sp.sinh: (p - m) / 2, sp.cosh: (p + m) / 2}[type(e)]
    if isinstance(e, sp.log):
        b = _ball(e.args[0], values)
        if b.contains(0) or (b.imag.contains(0) and not b.imag.is_zero()):
            raise NoEnclosure("a log of a ball containing 0 or straddling the branch cut")
        if b.imag.is_zero() and not (b.real > 0 or b.real < 0):
            raise NoEnclosure("a log of a ball not shown off 0")
        return b.log()
    if isinstance(e, sp.Abs):
        return acb(abs(_ball(e.args[0], values)))
    if isinstance(e, (sp.sin, sp.cos)):
        b = _ball(e.args[0], values)
        return b.sin() if isinstance(e, sp.sin) else b.cos()
    if isinstance(e, sp.KroneckerDelta):
        p, q = (sp.sympify(values.get(a, a)) for a in e.args)
        if p.is_Integer and q.is_Integer:
            return acb(1 if p == q else 0)
        raise NoEnclosure("a Kronecker delta of indices without values")
    if isinstance(e, (sp.Sum, sp.Product)) and len(e.limits) == 1:
        k, lo, hi = e.limits[0]
        lo, hi = (sp.sympify(v).xreplace({a: sp.sympify(values[a]) for a in v.free_symbols if a in values})
                  if hasattr(v, "free_symbols") else v for v in (lo, hi))
        if not (lo.is_Integer and hi.is_Integer) or abs(hi - lo) > 10_000:
            raise NoEnclosure("a sum without concrete bounds")
        reverse = hi < lo - 1           # Karr's convention (SymPy's): over lo..hi = -(over hi+1..lo-1)
        first, last = (int(hi) + 1, int(lo) - 1) if reverse else (int(lo), int(hi))
        out = acb(0) if isinstance(e, sp.Sum) else acb(1)
        for v in range(first, last + 1):
            term = _ball(e.function.xreplace({k: sp.Integer(v)}), values)
            out = out + term if isinstance(e, sp.Sum) else out * term
        if reverse:
            if isinstance(e, sp.Sum):
                return -out
            if out.contains(0):
                raise NoEnclosure("a reversed product through 0")
            return acb(1) / out
        return out
    if isinstance(e, sp.conjugate):
        b = _ball(e.args[0], values)
        return b.conjugate()
    if isinstance(e, (sp.re, sp.im)):
        b = _ball(e.args[0], values)
        return acb(b.real if isinstance(e, sp.re) else b.imag)
    if isinstance(e, (sp.Max, sp.Min)):
        balls = [_ball(a, values) for a in e.args]
        if not all(b.imag.is_zero() for b in balls):
            raise NoEnclosure("a max of values not shown real")
        for b in balls:
            if all(b.real >= c.real if isinstance(e, sp.Max) else b.real <= c.real for c in balls if c is not b):
                return b
        # not decided: the max lies between the largest lower end and the largest upper end
        # (ends are exact points, so their comparisons are exact)
        lo, hi = (_extreme([getattr(b.real, end)() for b in balls], isinstance(e, sp.Max)) for end in ("lower", "upper"))
        return acb(lo.union(hi))
    if isinstance(e, sp.Piecewise):
        for i, (value, cond) in enumerate(e.args):
            try:
                holds = _condition(cond, values)
            except NoEnclosure:     # not decided on this ball: the value is this branch's or a later one's
                rest = sp.Piecewise(*e.args[i + 1:]) if i + 1 < len(e.args) else None
                if rest is None:
                    raise
                here, later = _ball(value, values), _ball(rest, values)
                if not (here.imag.is_zero() and later.imag.is_zero()):
                    raise
                return acb(here.real.union(later.real))
            if holds:
                return _ball(value, values)
        raise NoEnclosure("no branch applies")
    if isinstance(e, sp.Indexed):
        idx = tuple(sp.sympify(values.get(i, i)) for i in e.indices)
        key = e.base[idx] if len(idx) > 1 else e.base[idx[0]]
        if key in values:
            return _ball(sp.sympify(values[key]), {})
        raise NoEnclosure(f"no value for {e}")
    raise NoEnclosure(f"Arb does not evaluate {type(e).__name__}")


def _extreme(points, largest: bool):
    """The largest (or smallest) of exact points (balls of radius 0)."""
    best = points[0]
    for p in points[1:]:
        if not (p.rad() == 0 and best.rad() == 0):
            raise NoEnclosure("an end that is not an exact point")
        if (p > best) if largest else (p < best):
            best = p
    return best


def _condition(c, values) -> bool:
    """A branch's condition at the point, decided by a certified enclosure (else NoEnclosure)."""
    if c is sp.true:
        return True
    if c is sp.false:
        return False
    if isinstance(c, sp.And):
        return all(_condition(a, values) for a in c.args)
    if isinstance(c, sp.Or):
        return any(_condition(a, values) for a in c.args)
    if isinstance(c, sp.Not):
        return not _condition(c.args[0], values)
    if isinstance(c, sp.Rel):
        d = _ball(c.lhs - c.rhs, values)
        if not d.imag.is_zero():
            raise NoEnclosure("a condition on a value not shown real")
        r = d.real
        if isinstance(c, (sp.Eq, sp.Ne)):
            if r.is_zero():
                return isinstance(c, sp.Eq)
            if r > 0 or r < 0:
                return isinstance(c, sp.Ne)
            raise NoEnclosure("a condition not decided")
        above, below = r > 0, r < 0
        if not (above or below or r.is_zero()):
            raise NoEnclosure("a condition not decided")
        return {sp.StrictGreaterThan: above, sp.GreaterThan: not below, sp.StrictLessThan: below,
                sp.LessThan: not above}[type(c)]
    raise NoEnclosure(f"the condition {c}")


def sign(e, values=None):
    """+1, -1 (certified real and signed), 0 (exactly zero: a rational 0), NONREAL (certainly not
    a real number) or None (not shown)."""
    e = sp.sympify(e)
    if e.is_Rational:
        return int(sp.sign(e))
    for prec in PRECISIONS:
        try:
            b = enclose(e, values, prec)
        except (NoEnclosure, ValueError, ZeroDivisionError, TypeError):
            return None
        if not b.imag.contains(0):
            return NONREAL
        if not b.imag.is_zero():
            continue
        if b.real > 0:
            return 1
        if b.real < 0:
            return -1
        if b.real.is_zero():
            return 0
    return None


def apart(a, b, values=None) -> bool:
    """a != b, certified: the ball of a - b excludes 0."""
    for prec in PRECISIONS:
        try:
            d = enclose(sp.sympify(a) - sp.sympify(b), values, prec)
        except (NoEnclosure, ValueError, ZeroDivisionError, TypeError):
            return False
        if not d.contains(0):
            return True
    return False
