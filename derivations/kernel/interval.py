"""Certified interval arithmetic with branch and bound: the sign of an expression on a bounded box.

The box is read from the assumptions: every free symbol of the expression is real and bounded on
both sides by numbers (x > 0, x <= 3; a bound's number by its Arb enclosure). The claim is checked
on the closed box, a superset of what the assumptions allow, so a proof on it is a proof under
them (other assumptions only shrink the region further). A box is certified when Arb's enclosure
of the expression over the whole box (`arb.enclose` with a ball for each variable; every Arb
operation returns a ball containing the value at every point of its input balls) is real (its
imaginary part exactly 0) and has the claimed sign on every point; otherwise it is bisected along
its widest side. The claim is proved only when every box of the cover is certified, within a
budget of boxes and a smallest width; past either it is undecided. A nonnegative claim whose
expression touches 0 is undecided this way (no ball around the touching point excludes a
negative value), except by the Taylor form below.

A box of one variable whose plain enclosure is not certified gets a second chance by Taylor's
theorem with Lagrange's remainder (`taylor_form`): for an exact point c of the box (its midpoint or
an end) and x in the box, f(x) = sum_{k<N} f^(k)(c)/k! (x - c)^k + f^(N)(xi)/N! (x - c)^N with xi in
the box. Arb's power series at the point c enclose the first N coefficients, and at the whole box
(a ball for the variable) the N-th coefficient at every xi; f must be analytic on the box by
construction (`series_on`: every denominator's, logarithm's argument's and real power's base's
enclosure excludes 0, or is positive, on the whole box). This tames the dependency of plain
interval arithmetic (sin x - x + x^3/6 near 0), and it proves f >= 0 at a touching point: where
the coefficients below N are exactly 0 (Arb's radius-0 zero), (x - c)^N has one sign on the box (N
even, or c an end of it) and the remainder's coefficient has that sign on the whole box.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derivations.kernel import arb

BUDGET = 3000           # boxes
SMALLEST = 2 ** -40     # a box narrower than this (relative to the box) is not bisected further
MAX_VARIABLES = 3


@dataclass
class Outcome:
    proved: bool
    boxes: int
    why: str
    taylor: int = 0         # boxes certified by Taylor's theorem (`taylor_form`)


def box(expr, assumptions) -> dict | str:
    """{symbol: (lo, hi)} with exact (or Arb-enclosable) ends for every free symbol of expr, read
    from bounds on that very symbol; or why there is none."""
    from derivations.domain import _as_bound, exact_number
    expr = sp.sympify(expr)
    if expr.atoms(sp.Indexed) or expr.has(sp.Derivative, sp.Integral, sp.Limit):
        return "the interval rule takes expressions in plain real variables only"
    free = expr.free_symbols
    if not free or len(free) > MAX_VARIABLES:
        return f"the interval rule takes 1 to {MAX_VARIABLES} variables"
    ends = {s: [None, None] for s in free}
    for s in free:
        if not (isinstance(s, sp.Symbol) and s.is_real):
            return f"{s} is not a real variable"
        if s.is_nonnegative:
            ends[s][0] = sp.Integer(0)
        if s.is_nonpositive:
            ends[s][1] = sp.Integer(0)
    for r in assumptions:
        r = sp.sympify(r)
        if not isinstance(r, sp.Rel):
            continue
        b = _as_bound(r)
        if b is None or b[0] not in ends:
            continue
        var, side, value, _closed = b
        value = value.xreplace({f: exact_number(f) for f in value.atoms(sp.Float)})
        i = 0 if side == ">" else 1
        old = ends[var][i]
        if old is None or (arb.sign(value - old) == (1 if i == 0 else -1)):
            ends[var][i] = value          # the tighter of two bounds whose order is certified
    missing = [str(s) for s, (lo, hi) in ends.items() if lo is None or hi is None]
    if missing:
        return f"no bounded box: {', '.join(sorted(missing))} unbounded"
    return {s: (lo, hi) for s, (lo, hi) in ends.items()}


def _certified(ball, kind) -> bool:
    if not ball.imag.is_zero():
        return False
    r = ball.real
    return {"positive": r > 0, "nonnegative": r >= 0, "nonzero": r > 0 or r < 0}[kind]


def series_on(expr, s, ball, terms: int):
    """The Taylor series of expr in s at every point of the Arb ball `ball` (a `flint.arb_series`
    whose coefficients enclose f^(k)(xi)/k! for every xi in the ball), expr being analytic on the
    ball by construction (see the module); arb.NoEnclosure otherwise."""
    flint = arb.flint

    def series(e):
        if s not in e.free_symbols:
            v = arb.enclose_real(e, flint.ctx.prec)
            if not v.is_finite():
                raise arb.NoEnclosure(f"{e} is not a finite real number")
            return flint.arb_series([v], prec=terms)
        if e == s:
            return flint.arb_series([ball, 1], prec=terms)
        if isinstance(e, sp.Add):
            out = flint.arb_series([0], prec=terms)
            for a in e.args:
                out = out + series(a)
            return out
        if isinstance(e, sp.Mul):
            out = flint.arb_series([1], prec=terms)
            for a in e.args:
                out = out * series(a)
            return out
        if isinstance(e, sp.Pow):
            base, k = e.args
            b = series(base)
            c = b.coeffs()[0] if b.coeffs() else flint.arb(0)
            if k.is_Integer and k >= 0:
                return b ** int(k)
            if k.is_Integer:
                if not (c > 0 or c < 0):
                    raise arb.NoEnclosure("a division by a series whose value may be 0 on the box")
                return flint.arb_series([1], prec=terms) / b ** int(-k)
            if not c > 0:
                raise arb.NoEnclosure("a real power of a base not positive on the whole box")
            return (series(k) * b.log()).exp()
        if isinstance(e, sp.exp):
            return series(e.args[0]).exp()
        if isinstance(e, (sp.sin, sp.cos)):
            u = series(e.args[0])
            return u.sin() if isinstance(e, sp.sin) else u.cos()
        if isinstance(e, sp.tanh):
            w = (2 * series(e.args[0])).exp()
            return (w - 1) / (w + 1)
        if isinstance(e, sp.log):
            b = series(e.args[0])
            c = b.coeffs()[0] if b.coeffs() else flint.arb(0)
            if not c > 0:
                raise arb.NoEnclosure("a logarithm of a value not positive on the whole box")
            return b.log()
        raise arb.NoEnclosure(f"no Taylor rule for {type(e).__name__}")
    return series(sp.sympify(expr))


def _coefficient(series, k):
    """The k-th coefficient (an exact 0 past the stored ones, but only below the series' precision)."""
    if k >= series.prec:
        raise arb.NoEnclosure(f"the series is known to {series.prec} terms only")
    coeffs = series.coeffs()
    return coeffs[k] if k < len(coeffs) else arb.flint.arb(0)


def _power_range(hl, hh, k):
    """A ball containing h^k for every h in [hl, hh] (hl <= 0 <= hh)."""
    flint = arb.flint
    if k == 0:
        return flint.arb(1)
    if k % 2:
        return (hl ** k).union(hh ** k)
    m = max(abs(hl).upper(), abs(hh).upper())
    return flint.arb(0).union(flint.arb(m) ** k)


def exactly_zero(a) -> bool:
    """a is the ball of radius 0 at 0: Arb certifies the exact value 0."""
    return a.is_zero()


def power_sign(hl, hh, n: int) -> int:
    """The sign that (x - c)^n keeps for every x - c in [hl, hh] (hl <= 0 <= hh): +1 for n even or
    c the left end (hl = 0), -1 for n odd and c the right end, 0 if it has no one sign."""
    if n % 2 == 0 or hl.is_zero():
        return 1
    return -1 if hh.is_zero() else 0


def remainder(expr, s, c, box_ball, n: int):
    """A ball containing f^(n)(xi)/n! for every xi in the box (Arb's series over the box's ball)."""
    return _coefficient(series_on(expr, s, box_ball, n + 1), n)


def simplest_point(lo, hi, bits: int = 64):
    """The dyadic rational of smallest denominator in [lo, hi] (0 if the box holds it): where a
    touching point such as 0, 1 or 1/2 lies when the bisection's midpoints miss it. None when the
    ends are not exact or no such point has at most `bits` bits after the point."""
    from fractions import Fraction
    flint = arb.flint
    if lo.rad() != 0 or hi.rad() != 0:
        return None
    (m1, e1), (m2, e2) = lo.mid().man_exp(), hi.mid().man_exp()
    a, b = Fraction(int(m1)) * Fraction(2) ** int(e1), Fraction(int(m2)) * Fraction(2) ** int(e2)
    if a <= 0 <= b:
        return flint.arb(0)
    for k in range(bits + 1):
        n = -(-(a * 2 ** k) // 1)          # the least integer n with n / 2^k >= a
        if Fraction(n, 2 ** k) <= b:
            return flint.arb(flint.fmpq(n, 2 ** k))
    return None


def taylor_form(expr, s, lo, hi, kind: str, orders=(1, 2, 3, 4)) -> bool:
    """expr `kind` on [lo, hi] (exact Arb ends, or balls) by Taylor's theorem at an exact point of
    the box (see the module)."""
    flint = arb.flint
    box_ball = lo.union(hi)
    for c in ((lo + hi) / 2, lo, hi, simplest_point(lo, hi)):
        if c is None or c.rad() != 0:
            continue
        hl, hh = lo - c, hi - c
        if not (hl <= 0 and hh >= 0):
            continue
        for n in orders:
            try:
                at_c = series_on(expr, s, c, n)
                rest = remainder(expr, s, c, box_ball, n)
                lower = [_coefficient(at_c, k) for k in range(n)]
            except (arb.NoEnclosure, ValueError, ZeroDivisionError, TypeError):
                return False
            if kind == "nonnegative" and all(exactly_zero(a) for a in lower):
                # f(x) = f^(n)(xi)/n! (x - c)^n: nonnegative where both factors have one same sign
                sign = power_sign(hl, hh, n)
                if (sign == 1 and rest >= 0) or (sign == -1 and rest <= 0):
                    return True
                continue
            total = rest * _power_range(hl, hh, n)
            for k, a in enumerate(lower):
                total += a * _power_range(hl, hh, k)
            if _certified(flint.acb(total), kind):
                return True
    return False


def sign_on_box(expr, kind: str, region: dict, budget: int = BUDGET, prec: int = 128) -> Outcome:
    """expr `kind` ("positive", "nonnegative", "nonzero") at every point of the closed box
    `region` ({symbol: (lo, hi)}), by bisection with Arb enclosures (see the module)."""
    flint = arb.flint
    if flint is None:
        return Outcome(False, 0, "python-flint is not installed")
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        symbols = list(region)
        start = []
        for s in symbols:
            lo, hi = (arb.enclose_real(v, prec) for v in region[s])
            if not lo <= hi:
                return Outcome(False, 0, f"the box's ends for {s} are not shown ordered")
            start.append((lo, hi))
        widths = [max(float((hi - lo).upper()), 1e-300) for lo, hi in start]     # for the choice of a side only
        stack, boxes, taylor = [start], 0, 0
        while stack:
            b = stack.pop()
            boxes += 1
            if boxes > budget:
                return Outcome(False, boxes, f"not every box certified within {budget} boxes")
            values = {s: flint.acb(lo.union(hi)) for s, (lo, hi) in zip(symbols, b)}
            try:
                ball = arb.enclose(expr, values, prec)
            except (arb.NoEnclosure, ValueError, ZeroDivisionError, TypeError):
                ball = None
            if ball is not None and _certified(ball, kind):
                continue
            if len(b) == 1 and taylor_form(expr, symbols[0], b[0][0], b[0][1], kind):
                taylor += 1
                continue
            # bisect the widest side (relative to the box's own width)
            k = max(range(len(b)), key=lambda i: float((b[i][1] - b[i][0]).upper()) / widths[i])
            lo, hi = b[k]
            if float((hi - lo).upper()) <= SMALLEST * widths[k]:
                return Outcome(False, boxes, f"a box of width {float((hi - lo).upper()):.3g} around "
                               f"{symbols[k]} = {float(lo.mid()):.12g} is not certified")
            mid = flint.arb(((lo + hi) / 2).mid())
            stack.append(b[:k] + [(lo, mid)] + b[k + 1:])
            stack.append(b[:k] + [(mid, hi)] + b[k + 1:])
        by_taylor = f" ({taylor} by Taylor's theorem at a point of the box)" if taylor else ""
        return Outcome(True, boxes, f"every one of {boxes} boxes certified{by_taylor}", taylor)
    finally:
        flint.ctx.prec = old
