"""Taylor series at a point, exactly: an expression analytic at s = 0, its first coefficients.

`taylor(e, s)` builds the first `TERMS` Taylor coefficients of e at s = 0, each an exact SymPy
number, only when e is analytic at 0 by construction: numbers (real by an Arb enclosure), s
itself, sums and products of analytic parts, nonnegative integer powers, negative integer powers
of a part whose value at 0 is certified nonzero, exp, sin, cos, tanh (by e^(2u), whose
denominator e^(2u) + 1 > 0), and ln and real powers (e^(k ln b)) of a part whose value at 0 is
certified positive (Arb). A composition of functions analytic at the values they are applied to is
analytic, so e is analytic on a neighbourhood of 0 and equals its Taylor series there.

The coefficients come from the power series' exact recurrences (a product's Cauchy sum; for
g = e^f, g' = f' g; for g = ln f, f g' = f'; for sin f and cos f, s' = f' c and c' = -f' s; for
1/f, f g = 1), in exact arithmetic over SymPy's numbers.

`leading(coefficients)` is the lowest-order term: every lower coefficient expands to 0 by
polynomial arithmetic (numbers such as e, ln 2, sin 1 as independent atoms: an expansion to 0 is
an identity whatever their values), and the leading one is certified nonzero by an Arb
enclosure. A coefficient that neither expands to 0 nor is certified nonzero (ln 6 - ln 2 - ln 3)
leaves the order unknown: NotAnalytic.
"""
from __future__ import annotations

import sympy as sp

from derivations.kernel import arb

TERMS = 8


class NotAnalytic(Exception):
    """e is not shown analytic at the point, or its leading term is not certified."""


def _zero(c) -> bool:
    return sp.expand(c) == 0


def _certified(c, kind: str) -> bool:
    s = arb.sign(c)
    return s == 1 if kind == "positive" else s in (1, -1)


def _real(c) -> bool:
    """c is a finite real number: exact (no float, no infinity) with an Arb enclosure whose imaginary
    part is exactly 0."""
    if c.has(sp.Float, sp.zoo, sp.nan, sp.oo, -sp.oo):
        return False
    try:
        return arb.enclose_real(c).is_finite()
    except (arb.NoEnclosure, ValueError, ZeroDivisionError, TypeError):
        return False


def taylor(e, s, terms: int = TERMS) -> list:
    """[c_0, ..., c_(terms-1)], the exact Taylor coefficients of e at s = 0 (see the module), or
    NotAnalytic."""
    e = sp.sympify(e)
    if e.free_symbols - {s}:
        raise NotAnalytic(f"{e} has variables other than {s}")
    return [sp.expand(c) for c in _Series(s, terms)(e)]


class _Series:
    def __init__(self, s, n):
        self.s, self.n = s, n

    def __call__(self, e) -> list:
        n, s = self.n, self.s
        if s not in e.free_symbols:
            if not (e.is_number and _real(e)):
                raise NotAnalytic(f"{e} is not shown a finite real number")
            return [e] + [sp.Integer(0)] * (n - 1)
        if e == s:
            return [sp.Integer(0), sp.Integer(1)] + [sp.Integer(0)] * (n - 2)
        if isinstance(e, sp.Add):
            parts = [self(a) for a in e.args]
            return [sp.Add(*col) for col in zip(*parts)]
        if isinstance(e, sp.Mul):
            out = self(e.args[0])
            for a in e.args[1:]:
                out = self.mul(out, self(a))
            return out
        if isinstance(e, sp.Pow):
            base, k = e.args
            b = self(base)
            if k.is_Integer:
                if k < 0:
                    b = self.inverse(b, base)
                out = [sp.Integer(1)] + [sp.Integer(0)] * (n - 1)
                for _ in range(abs(int(k))):
                    out = self.mul(out, b)
                return out
            self.require(b[0], "positive", base)
            return self.exp(self.mul(self(k), self.log(b)))
        if isinstance(e, sp.exp):
            return self.exp(self(e.args[0]))
        if isinstance(e, (sp.sin, sp.cos)):
            sin, cos = self.sin_cos(self(e.args[0]))
            return sin if isinstance(e, sp.sin) else cos
        if isinstance(e, sp.tanh):
            w = self.exp([2 * c for c in self(e.args[0])])
            return self.mul([w[0] - 1] + w[1:], self.inverse([w[0] + 1] + w[1:], e))
        if isinstance(e, sp.log):
            b = self(e.args[0])
            self.require(b[0], "positive", e.args[0])
            return self.log(b)
        raise NotAnalytic(f"no Taylor rule for {type(e).__name__}")

    def require(self, c, kind, what):
        if not _certified(c, kind):
            raise NotAnalytic(f"{what}: its value at the point is not certified {kind}")

    def mul(self, a, b):
        return [sp.expand(sum((a[i] * b[m - i] for i in range(m + 1)), sp.Integer(0))) for m in range(self.n)]

    def inverse(self, f, what):
        """g = 1/f: f g = 1, so g_0 = 1/f_0 and g_m = -(sum_{i=1}^m f_i g_(m-i)) / f_0."""
        self.require(f[0], "nonzero", what)
        g = [1 / f[0]]
        for m in range(1, self.n):
            g.append(sp.expand(-sum((f[i] * g[m - i] for i in range(1, m + 1)), sp.Integer(0)) / f[0]))
        return g

    def exp(self, f):
        """g = e^f: g_0 = e^(f_0), m g_m = sum_{k=1}^m k f_k g_(m-k)."""
        g = [sp.exp(f[0])]
        for m in range(1, self.n):
            g.append(sp.expand(sum((k * f[k] * g[m - k] for k in range(1, m + 1)), sp.Integer(0)) / m))
        return g

    def log(self, f):
        """g = ln f (f_0 > 0, checked by the caller): g_0 = ln f_0, f_0 m g_m = m f_m - sum_{k=1}^(m-1) k g_k f_(m-k)."""
        g = [sp.log(f[0])]
        for m in range(1, self.n):
            g.append(sp.expand((m * f[m] - sum((k * g[k] * f[m - k] for k in range(1, m)), sp.Integer(0)))
                               / (m * f[0])))
        return g

    def sin_cos(self, f):
        """S = sin f, C = cos f: S_0 = sin f_0, C_0 = cos f_0, m S_m = sum k f_k C_(m-k),
        m C_m = -sum k f_k S_(m-k)."""
        S, C = [sp.sin(f[0])], [sp.cos(f[0])]
        for m in range(1, self.n):
            S.append(sp.expand(sum((k * f[k] * C[m - k] for k in range(1, m + 1)), sp.Integer(0)) / m))
            C.append(sp.expand(-sum((k * f[k] * S[m - k] for k in range(1, m + 1)), sp.Integer(0)) / m))
        return S, C


def leading(coefficients) -> tuple[int, sp.Expr, bool]:
    """(order, coefficient, zero_below): the first coefficient that does not expand to 0, and
    whether it is certified nonzero (Arb); NotAnalytic if every coefficient expands to 0."""
    for i, c in enumerate(coefficients):
        if not _zero(c):
            return i, c, _certified(c, "nonzero")
    raise NotAnalytic(f"every one of the first {len(coefficients)} coefficients is 0")
