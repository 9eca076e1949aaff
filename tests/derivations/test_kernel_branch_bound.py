"""Branch and bound with Arb on the bounded box the assumptions give (issue 18): signs of f and of f - g
proved on boxes of one to three variables, with Taylor's theorem at an exact point of a one-variable box
(a touching point included); each side condition necessary: dropped, a false instance is proved (the
instance shown false at an exact point); where two checks guard one condition, each is shown refusing."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations.kernel import arb, certify, interval
from derivations.kernel.verdict import Kind, Status
from derivations.proof import prove

x, y, w = sp.symbols("x y w", real=True)
m = sp.Symbol("m", integer=True)
R = sp.Rational
GT = lambda a, b: sp.Gt(a, b, evaluate=False)      # noqa: E731
GE = lambda a, b: sp.Ge(a, b, evaluate=False)      # noqa: E731
LE = lambda a, b: sp.Le(a, b, evaluate=False)      # noqa: E731
box = lambda lo, hi, v=x: [GE(v, lo), LE(v, hi)]   # noqa: E731
PI_62 = R(314159265358979323846264338327950288419716939937510582097494459, 10 ** 62)   # pi - 2.3e-63


def _on_box(expr, kind, assumptions, **kw):
    region = interval.box(expr, assumptions)
    assert not isinstance(region, str), region
    return interval.sign_on_box(expr, kind, region, **kw)


# -- true claims: proved, by the interval certificate ----------------------------------------------

TRUE = [
    (GT(sp.cos(x), 0), box(-R(157, 100), R(157, 100))),
    (GE(sp.sin(x) - x + x ** 3 / 6 + R(1, 10 ** 9), 0), box(0, 1)),          # plain intervals: 2^30 boxes
    (GE(sp.cos(x), 1 - x ** 2 / 2), box(-1, 1)),                              # touching at 0
    (GE(x - sp.sin(x), 0), box(0, 2)),                                        # touching at the end 0
    (GE(sp.cos(x), 1 - x ** 2 / 2), box(-1, 2)),                              # 0 is no box's midpoint
    (LE(sp.sin(x), x), box(0, 3)),                                            # f <= g
    (GT(sp.cos(x) * sp.cos(y) + R(1, 10), 0), box(-R(7, 5), R(7, 5)) + box(-R(7, 5), R(7, 5), y)),
    (GT(sp.sin(x + y) + sp.cos(w) + R(1, 2), 0), box(0, 1) + box(0, 1, y) + box(0, 1, w)),
]


def test_true_claims_on_boxes_are_proved_by_the_interval_certificate():
    for statement, assumptions in TRUE:
        v = prove(statement, assumptions)
        assert v.proved, (statement, v.reason)
        expr = statement.lhs - statement.rhs if isinstance(statement, (sp.StrictGreaterThan, sp.GreaterThan)) \
            else statement.rhs - statement.lhs
        kind = "positive" if isinstance(statement, sp.StrictGreaterThan) else "nonnegative"
        out = _on_box(expr, kind, assumptions)
        assert out.proved, (statement, out.why)


def test_the_verdict_names_the_interval_certificate():
    v = certify.sign("cos x > 0", sp.cos(x), "positive", box(-R(157, 100), R(157, 100)))
    assert v.proved and v.certificate == Kind.INTERVAL and "box" in v.reason
    v = certify.sign("x - sin x >= 0", x - sp.sin(x), "nonnegative", box(0, 2))
    assert v.proved and v.certificate == Kind.INTERVAL and "Taylor" in v.by


def test_the_simplest_point_of_a_box_is_exact_and_inside_it():
    A = lambda p, q=1: arb.flint.arb(arb.flint.fmpq(p, q))         # noqa: E731
    for lo, hi, c in ((A(-1), A(2), 0), (A(3, 8), A(7, 16), R(3, 8)), (A(11, 16), A(23, 32), R(11, 16)),
                      (A(5), A(7), 5), (A(-7, 16), A(-3, 8), -R(3, 8))):
        point = interval.simplest_point(lo, hi)
        c = sp.Rational(c)
        assert point.rad() == 0 and point == A(c.p, c.q)
    assert interval.simplest_point(arb.flint.arb(1) / 3, arb.flint.arb(2) / 3) is None      # ends not exact


@pytest.mark.slow
def test_false_claims_on_boxes_are_not_proved():
    for statement, assumptions in ((GT(sp.cos(x), 0), box(-R(158, 100), R(157, 100))),
                                   (GE(sp.sin(x) - x, 0), box(-1, 1)),
                                   (GT(sp.cos(x) - 1 + x ** 2 / 2, 0), box(-1, 1)),     # 0 at x = 0
                                   (GE(x ** 2 - x ** 3 - x ** 4, 0), box(-1, 1)),
                                   (GT(sp.cos(x) * sp.cos(y), 0), box(-R(8, 5), 1) + box(0, 1, y))):
        assert prove(statement, assumptions).status != Status.PROVED, statement


# -- side conditions ---------------------------------------------------------------------------

def test_without_both_ends_a_false_claim_is_proved(monkeypatch):
    # cos x + 99/100 > 0 for x >= 0 is false at pi; with a missing end filled in (here by 1) it is proved
    false = sp.cos(x) + R(99, 100)
    assert isinstance(interval.box(false, [GE(x, 0)]), str)
    assert certify.sign("false", false, "positive", [GE(x, 0)]).status != Status.PROVED
    assert arb.sign(false.subs(x, sp.pi)) == -1
    monkeypatch.setattr(interval, "box", lambda e, a: {x: (sp.Integer(0), sp.Integer(1))})
    assert certify.sign("false", false, "positive", [GE(x, 0)]).proved


def test_without_the_closed_box_a_false_claim_on_the_open_one_is_proved(monkeypatch):
    # x - 10^-12 > 0 for 0 < x < 1 is false at x = 10^-13; the box is read closed ([0, 1]), and a
    # box shrunk inward by 2^-39 (an "open" reading) would prove it
    false = x - R(1, 10 ** 12)
    assumptions = [GT(x, 0), sp.Lt(x, 1)]
    assert interval.box(false, assumptions) == {x: (0, 1)}
    assert not _on_box(false, "positive", assumptions).proved
    assert arb.sign(false.subs(x, R(1, 10 ** 13))) == -1
    eps = R(1, 2 ** 39)
    assert interval.sign_on_box(false, "positive", {x: (eps, 1 - eps)}).proved


def test_an_undefined_point_in_the_box_is_never_certified():
    # a division by a ball containing 0 and a log of a ball touching 0 are refused by the
    # enclosure (NoEnclosure) and, past it, by Arb itself (an indeterminate ball certifies nothing)
    for expr, kind, assumptions in ((1 / x ** 2, "positive", box(-1, 1)), (x * sp.log(x) + 1, "positive", box(0, 1)),
                                    (1 / sp.sin(x) + 10, "positive", box(-1, 1)),
                                    (sp.log(x) + 100, "positive", box(0, 1))):
        assert not _on_box(expr, kind, assumptions).proved, expr
        try:
            arb.enclose(expr, {x: 0})
        except arb.NoEnclosure:
            continue
        raise AssertionError(f"{expr} has a value at 0")
    ball = arb.flint.acb(arb.flint.arb(0, 1))        # [-1, 1]
    assert not interval._certified(arb.flint.acb(1) / ball, "positive")
    try:
        interval.series_on(1 / x, x, arb.flint.arb(0, 1), 3)
    except arb.NoEnclosure:
        pass
    else:
        raise AssertionError("a series of 1/x over a box around 0")


def test_past_the_budget_it_is_undecided_never_proved():
    e = sp.cos(x) * sp.cos(y) + R(1, 10)
    region = interval.box(e, box(-R(7, 5), R(7, 5)) + box(-R(7, 5), R(7, 5), y))
    assert interval.sign_on_box(e, "positive", region).proved
    out = interval.sign_on_box(e, "positive", region, budget=3)
    assert not out.proved and "3 boxes" in out.why


def test_integer_variables_are_read_over_the_reals_a_superset():
    # (m - 1/2)^2 >= 1/4 holds at every integer but not at m = 1/2: the box does not prove it (the
    # decision procedure, which keeps m an integer, does)
    e = (m - R(1, 2)) ** 2 - R(1, 4)
    assert not _on_box(e, "nonnegative", box(-3, 3, m)).proved
    assert prove(GE(e, 0), box(-3, 3, m)).proved


# -- Taylor's theorem at an exact point: each condition necessary ------------------------------------

def test_without_exact_zeros_below_the_order_a_false_touching_claim_is_proved(monkeypatch):
    # (pi - r) x + x^2 >= 0 on [-1, 1], r pi's first 62 digits: false at x = -10^-63, but the
    # coefficient pi - r = 2.3e-63 is a ball containing 0 at 128 bits, not an exact 0
    false = (sp.pi - PI_62) * x + x ** 2
    assert not _on_box(false, "nonnegative", box(-1, 1)).proved
    assert arb.sign(false.subs(x, -R(1, 10 ** 63))) == -1
    monkeypatch.setattr(interval, "exactly_zero", lambda a: a.contains(0))
    assert _on_box(false, "nonnegative", box(-1, 1)).proved


def test_without_one_sign_of_the_power_a_false_claim_is_proved(monkeypatch):
    assert not _on_box(x ** 3, "nonnegative", box(-1, 1)).proved
    assert arb.sign((x ** 3).subs(x, -R(1, 2))) == -1
    monkeypatch.setattr(interval, "power_sign", lambda hl, hh, n: 1)
    assert _on_box(x ** 3, "nonnegative", box(-1, 1)).proved


def test_without_the_remainder_over_the_whole_box_a_false_claim_is_proved(monkeypatch):
    false = x ** 2 - x ** 3 - x ** 4                 # touches 0 at 0, -1 at x = 1
    assert not _on_box(false, "nonnegative", box(-1, 1)).proved
    assert arb.sign(false.subs(x, 1)) == -1
    # the remainder's coefficient read at the point c only (f''(0)/2 = 1), not at every xi of the box
    monkeypatch.setattr(interval, "remainder",
                        lambda e, s, c, box_ball, n: interval._coefficient(interval.series_on(e, s, c, n + 1), n))
    assert _on_box(false, "nonnegative", box(-1, 1)).proved


def test_the_taylor_form_needs_an_analytic_function_on_the_whole_box():
    # sqrt(x), |x| and ln x have no series over [0, 1] (not analytic at 0)
    for e in (sp.sqrt(x), sp.Abs(x), sp.log(x)):
        try:
            interval.series_on(e, x, arb.flint.arb(0.5, 0.5), 3)
        except arb.NoEnclosure:
            continue
        raise AssertionError(f"a series of {e} over [0, 1]")
