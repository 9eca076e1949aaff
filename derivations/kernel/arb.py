"""Certified enclosures with Arb (python-flint): a ball that is guaranteed to contain the value.

An exact SymPy expression (rationals, e, pi, exp, log, sqrt, powers, sums with concrete ranges) is
evaluated ball by ball; each operation of Arb returns a ball containing the exact result, so the
final ball contains the exact value (the library's contract). A sign is read only from a ball
that excludes 0; anything else (a ball straddling 0, an operation Arb does not offer, a log of a
ball reaching 0) is None: not shown.
"""
from __future__ import annotations

import sympy as sp

try:
    import flint
except ImportError:        # without python-flint nothing is certified: every sign is "not shown"
    flint = None

PRECISIONS = (128, 512, 2048)


class NoEnclosure(Exception):
    pass


def enclose(e, values=None, prec: int = 128):
    """A flint.arb ball containing the exact value of e (values: exact SymPy numbers for atoms)."""
    if flint is None:
        raise NoEnclosure("python-flint is not installed")
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return _ball(sp.sympify(e), values or {})
    finally:
        flint.ctx.prec = old


def _ball(e, values):
    arb = flint.arb
    if e in values:
        return _ball(sp.sympify(values[e]), {})
    if e.is_Integer:
        return arb(int(e))
    if e.is_Rational:
        return arb(int(e.p)) / arb(int(e.q))
    if e is sp.E:
        return arb.const_e()
    if e is sp.pi:
        return arb.pi()
    if isinstance(e, sp.Float):
        raise NoEnclosure("a float is not an exact number")
    if isinstance(e, sp.Add):
        out = arb(0)
        for a in e.args:
            out += _ball(a, values)
        return out
    if isinstance(e, sp.Mul):
        out = arb(1)
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
                return arb(1) / b ** (-k)
            return b ** k
        x = _ball(e.exp, values)
        if not b > 0:
            raise NoEnclosure("a real power of a base not shown positive")
        return (x * b.log()).exp()
    if isinstance(e, sp.exp):
        return _ball(e.args[0], values).exp()
    if isinstance(e, sp.log):
        b = _ball(e.args[0], values)
        if not b > 0:
            raise NoEnclosure("a log of a ball not shown positive")
        return b.log()
    if isinstance(e, sp.Abs):
        return abs(_ball(e.args[0], values))
    if isinstance(e, (sp.sin, sp.cos)):
        b = _ball(e.args[0], values)
        return b.sin() if isinstance(e, sp.sin) else b.cos()
    if isinstance(e, sp.KroneckerDelta):
        p, q = (sp.sympify(values.get(a, a)) for a in e.args)
        if p.is_Integer and q.is_Integer:
            return arb(1 if p == q else 0)
        raise NoEnclosure("a Kronecker delta of indices without values")
    if isinstance(e, (sp.Sum, sp.Product)) and len(e.limits) == 1:
        k, lo, hi = e.limits[0]
        lo, hi = (sp.sympify(v).xreplace({a: sp.sympify(values[a]) for a in v.free_symbols if a in values})
                  if hasattr(v, "free_symbols") else v for v in (lo, hi))
        if not (lo.is_Integer and hi.is_Integer) or hi - lo > 10_000:
            raise NoEnclosure("a sum without concrete bounds")
        if hi < lo:
            raise NoEnclosure("a reversed range")
        out = arb(0) if isinstance(e, sp.Sum) else arb(1)
        for v in range(int(lo), int(hi) + 1):
            term = _ball(e.function.xreplace({k: sp.Integer(v)}), values)
            out = out + term if isinstance(e, sp.Sum) else out * term
        return out
    if isinstance(e, sp.Indexed):
        idx = tuple(sp.sympify(values.get(i, i)) for i in e.indices)
        key = e.base[idx] if len(idx) > 1 else e.base[idx[0]]
        if key in values:
            return _ball(sp.sympify(values[key]), {})
        raise NoEnclosure(f"no value for {e}")
    raise NoEnclosure(f"Arb does not evaluate {type(e).__name__}")


def sign(e, values=None) -> int | None:
    """+1, -1 (certified), 0 (exactly zero: a rational 0) or None (not shown)."""
    e = sp.sympify(e)
    if e.is_Rational:
        return int(sp.sign(e))
    for prec in PRECISIONS:
        try:
            b = enclose(e, values, prec)
        except (NoEnclosure, ValueError, ZeroDivisionError, TypeError):
            return None
        if b > 0:
            return 1
        if b < 0:
            return -1
    return None
