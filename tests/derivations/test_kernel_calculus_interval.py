"""The kernel's calculus rules (a bound from a derivative's sign; ln B ~ B - 1 in a limit) and its
branch and bound with Arb enclosures: each proves what it should, and each of its conditions is
necessary (dropped, a false instance gets through; the instance is shown false exactly)."""
from __future__ import annotations

import sympy as sp

from derivations.kernel import arb, calculus, certify, interval
from derivations.kernel.verdict import Status
from derivations.proof import prove

B = calculus._B
x = sp.Symbol("x", real=True)
X = sp.Symbol("X", positive=True)
EQ = lambda a, b: sp.Eq(a, b, evaluate=False)      # noqa: E731
GT = lambda a, b: sp.Gt(a, b, evaluate=False)      # noqa: E731
GE = lambda a, b: sp.Ge(a, b, evaluate=False)      # noqa: E731


_PROVED = certify.identity("0 = 0", sp.Integer(0), sp.Integer(0))


def _proved_anything(*args, **kwargs):
    return _PROVED


# -- monotone_from_zero: f(a) = 0, f smooth, (x - a) f' >= 0 => f >= 0 ----------------------------

def test_the_log_bounds_are_proved_by_the_kernel():
    upper, lower = calculus.log_bounds()
    assert upper.proved and lower.proved
    assert upper.certificate == lower.certificate == calculus.Kind.RULE


FALSE_AT_ONE = B - 2 - sp.log(B)                    # f(1) = -1
NOT_SMOOTH = (B - 1) ** 2 / (1 - (B - 1) ** 2)        # a pole at B = 2; f(3) = -4/3
WRONG_SLOPE = sp.log(B) - (B - 1) / 2                 # f(4) = ln 4 - 3/2 < 0


def test_each_false_bound_is_refused():
    for f in (FALSE_AT_ONE, NOT_SMOOTH, WRONG_SLOPE):
        assert calculus.monotone_from_zero("f >= 0", f, B, 1, 0).status == Status.UNDECIDED


def test_the_bounds_are_false_at_an_exact_point():
    assert arb.sign(FALSE_AT_ONE.subs(B, 1)) == -1
    assert arb.sign(NOT_SMOOTH.subs(B, 3)) == -1
    assert arb.sign(WRONG_SLOPE.subs(B, 4)) == -1
    assert arb.sign(((B - 1) * (B - 3)).subs(B, sp.Rational(5, 2))) == -1


def test_without_f_of_a_zero_a_false_bound_is_proved(monkeypatch):
    monkeypatch.setattr(certify, "identity", _proved_anything)
    assert calculus.monotone_from_zero("f >= 0", FALSE_AT_ONE, B, 1, 0).proved


def test_smoothness_refuses_a_pole():
    # (without it, the slope's check refuses the same instance: the sign calculus does not read
    # b^(-2) >= 0 where b may be 0; the two guard the mean value theorem together)
    try:
        calculus.smooth_on(NOT_SMOOTH, B, calculus.Signs([GT(B, 0)]))
    except calculus.NotSmooth:
        pass
    else:
        raise AssertionError("a function with a pole was read as smooth")


def test_without_the_slope_a_false_bound_is_proved(monkeypatch):
    monkeypatch.setattr(certify, "sign", _proved_anything)
    assert calculus.monotone_from_zero("f >= 0", WRONG_SLOPE, B, 1, 0).proved


def test_without_a_inside_the_interval_a_false_bound_is_proved(monkeypatch):
    f = (B - 1) * (B - 3)                              # f(1) = 0, (B - 1) f' >= 0 on B > 2; f(5/2) < 0
    assert calculus.monotone_from_zero("f >= 0", f, B, 1, 2).status == Status.UNDECIDED
    monkeypatch.setattr(calculus, "arb_between", lambda *a: True)
    assert calculus.monotone_from_zero("f >= 0", f, B, 1, 2).proved


# -- ln B ~ B - 1 in a limit ------------------------------------------------------------------

def test_the_chapter_limits_are_proved():
    for statement in (EQ(sp.Limit(sp.log(1 + x) / x, x, 0, "+-"), 1),
                      EQ(sp.Limit((1 + x) ** (1 / x), x, 0, "+-"), sp.E),
                      EQ(sp.Limit((1 + 1 / X) ** X, X, sp.oo), sp.E),
                      EQ(sp.Limit(X * sp.log(1 + 2 / X), X, sp.oo), 2)):
        v = prove(statement)
        assert v.proved and v.certificate == calculus.Kind.LIMIT, (statement, v.reason)


def test_a_wrong_constant_is_refuted_and_two_sides_that_differ_too():
    assert prove(EQ(sp.Limit(sp.log(1 + x) / x, x, 0, "+"), 2)).status == Status.REFUTED
    assert prove(EQ(sp.Limit((1 + 2 / X) ** X, X, sp.oo), sp.E)).status == Status.REFUTED
    assert prove(EQ(sp.Limit(sp.log(1 + x) / x ** 2, x, 0, "+-"), sp.oo)).status == Status.REFUTED


FALSE_LIMIT = EQ(sp.Limit(sp.log(X) / (X - 1), X, sp.oo), 1)      # ln X / (X - 1) -> 0


def test_without_b_tending_to_one_a_false_limit_is_proved(monkeypatch):
    assert prove(FALSE_LIMIT).status != Status.PROVED
    rule = calculus.LOG_NEAR_ONE
    dropped = calculus.LimitRule(rule.name, rule.why, {k: v for k, v in rule.conditions.items()
                                                       if "B -> 1" not in k})
    monkeypatch.setattr(calculus, "LOG_NEAR_ONE", dropped)
    # the kernel's own verdict (prove would report the numeric oracle's disagreement)
    assert certify.limit("false", sp.log(X) / (X - 1), X, sp.oo, ["-"], sp.Integer(1)).proved


def test_without_the_log_bounds_proved_the_rule_does_not_apply(monkeypatch):
    # with a parameter (y > 0), which the Taylor rule of analytic factors does not take
    y = sp.Symbol("y", real=True)
    claim = EQ(sp.Limit(sp.log(1 + y * x) / x, x, 0, "+"), y)
    assert prove(claim, [GT(y, 0)]).proved
    monkeypatch.setattr(calculus, "log_bounds", lambda: (certify.undecided("ln B <= B - 1", "not shown"),))
    assert prove(claim, [GT(y, 0)]).status != Status.PROVED


def test_an_oscillating_factor_stays_undecided():
    v = prove(EQ(sp.Limit(sp.log(1 + x * sp.sin(1 / x)) / x, x, 0, "+"), 0))
    assert v.status == Status.UNDECIDED


# -- branch and bound with Arb ----------------------------------------------------------------

DIP = 1 - 2 / (1 + (10 ** 8 * (x - sp.Rational(1, 3))) ** 2)       # < 0 only within ~1e-8 of 1/3


def test_signs_on_bounded_boxes_are_proved():
    for statement, assumptions in ((GT(sp.cos(x), 0), [GT(x, -sp.Rational(157, 100)), sp.Lt(x, sp.Rational(157, 100))]),
                                   (GT(sp.log(x) - x + 2, 0), [GE(x, sp.Rational(1, 2)), sp.Le(x, 3)]),
                                   (GT(x * sp.sin(x) + 1, 0), [GE(x, 0), sp.Le(x, 3)])):
        v = prove(statement, assumptions)
        assert v.proved, (statement, v.reason)


def test_a_dip_of_width_1e_8_is_not_proved():
    region = interval.box(DIP, [GE(x, 0), sp.Le(x, 1)])
    assert not interval.sign_on_box(DIP, "positive", region).proved
    assert arb.sign(DIP.subs(x, sp.Rational(1, 3))) == -1


def test_with_a_box_read_at_its_centre_only_the_dip_is_proved(monkeypatch):
    whole = arb.enclose
    monkeypatch.setattr(arb, "enclose", lambda e, values=None, prec=128: whole(
        e, {s: arb.flint.acb(v.real.mid()) for s, v in (values or {}).items()}, prec))
    region = interval.box(DIP, [GE(x, 0), sp.Le(x, 1)])
    assert interval.sign_on_box(DIP, "positive", region).proved


def test_without_a_real_enclosure_a_nonreal_value_is_called_nonnegative(monkeypatch):
    region = interval.box(sp.sqrt(x), [GE(x, -1), sp.Le(x, -sp.Rational(1, 2))])
    assert not interval.sign_on_box(sp.sqrt(x) + 1, "nonnegative", region).proved
    assert arb.sign(sp.sqrt(sp.Rational(-1, 4)) + 1) == arb.NONREAL
    monkeypatch.setattr(interval, "_certified", lambda ball, kind: ball.real >= 0)
    assert interval.sign_on_box(sp.sqrt(x) + 1, "nonnegative", region).proved


def test_past_the_budget_it_is_undecided():
    e = sp.Rational(1, 4) + sp.Rational(1, 1000) - sp.exp(x) / (1 + sp.exp(x)) ** 2
    region = interval.box(e, [GE(x, -10), sp.Le(x, 10)])
    assert interval.sign_on_box(e, "positive", region).proved
    out = interval.sign_on_box(e, "positive", region, budget=5)
    assert not out.proved and "5 boxes" in out.why


def test_an_unbounded_variable_has_no_box():
    assert isinstance(interval.box(sp.cos(x) + 2, [GT(x, 0)]), str)


def test_undecided_branches_and_maxima_are_enclosed_soundly():
    for e in (sp.Max(x, -x), sp.Piecewise((x, x > 0), (-x, True))):
        region = interval.box(e, [GE(x, -1), sp.Le(x, 1)])
        assert interval.sign_on_box(e + sp.Rational(1, 10 ** 6), "positive", region).proved
        assert not interval.sign_on_box(e - sp.Rational(1, 10 ** 6), "positive", region).proved


# -- the sign calculus: a value must be defined --------------------------------------------

def test_a_sign_is_not_proved_where_the_expression_is_undefined():
    for statement in (GE(1 / x ** 2, 0), GT(1 + 1 / x ** 2, 0), GE(sp.Abs(1 / x), 0)):
        assert prove(statement).status != Status.PROVED, statement
    assert prove(GT(1 / (x ** 2 + 1), 0)).proved


# -- a family's hypothesis, and an index another assumption narrows ------------------------

def test_a_narrowed_index_names_one_element_and_the_declared_range_the_family():
    j, n = sp.symbols("j n", integer=True, positive=True)
    z = sp.IndexedBase("z", real=True)
    claim = GT(z[1], 0)
    assert prove(claim, [GT(z[j], 0), GE(j, 1), sp.Le(j, n)]).proved
    for narrowed in ([GE(j, 2)], [sp.Ne(j, 1)], [sp.Lt(j, n)]):
        assert prove(claim, [GT(z[j], 0)] + narrowed).status != Status.PROVED, narrowed
