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
negative value): the other certificates decide those.
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
        stack, boxes = [start], 0
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
            # bisect the widest side (relative to the box's own width)
            k = max(range(len(b)), key=lambda i: float((b[i][1] - b[i][0]).upper()) / widths[i])
            lo, hi = b[k]
            if float((hi - lo).upper()) <= SMALLEST * widths[k]:
                return Outcome(False, boxes, f"a box of width {float((hi - lo).upper()):.3g} around "
                               f"{symbols[k]} = {float(lo.mid()):.12g} is not certified")
            mid = flint.arb(((lo + hi) / 2).mid())
            stack.append(b[:k] + [(lo, mid)] + b[k + 1:])
            stack.append(b[:k] + [(mid, hi)] + b[k + 1:])
        return Outcome(True, boxes, f"every one of {boxes} boxes certified")
    finally:
        flint.ctx.prec = old
