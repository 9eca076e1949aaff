"""Limits certified by the kernel's limit rules (issue 18): the limit laws, dominant terms, ln B ~ B - 1,
the leading terms of analytic factors (exact Taylor coefficients, the leading one certified nonzero by
Arb) and a bounded factor times a null one. True limits of the chapter's kind are proved; each rule's
conditions are necessary (dropped, a false limit gets through); SymPy's `limit` is never the proof, and
an oscillating or undefined expression along the approach stays undecided."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations.kernel import arb, calculus, certify, series
from derivations.kernel.verdict import Kind, Status
from derivations.proof import prove

x = sp.Symbol("x", real=True)
X = sp.Symbol("X", positive=True)
s = sp.Symbol("s", positive=True)
z = sp.IndexedBase("z", real=True)
R = sp.Rational
EQ = lambda a, b: sp.Eq(a, b, evaluate=False)      # noqa: E731
sig = lambda u: 1 / (1 + sp.exp(-u))                # noqa: E731
ZERO_IN_DISGUISE = sp.log(6) - sp.log(2) - sp.log(3)   # 0, but no expansion shows it, and no ball separates it


def _drop(monkeypatch, name: str, words: str):
    rule = getattr(calculus, name)
    kept = {k: v for k, v in rule.conditions.items() if words not in k}
    assert len(kept) == len(rule.conditions) - 1, words
    monkeypatch.setattr(calculus, name, calculus.LimitRule(rule.name, rule.why, kept))


TRUE_LIMITS = [
    (sp.log(1 + x) / x, x, 0, "+-", 1),
    ((1 + x) ** (1 / x), x, 0, "+-", sp.E),
    (sp.sin(x) / x, x, 0, "+-", 1),
    ((sp.exp(x) - 1) / x, x, 0, "+-", 1),
    ((1 - sp.cos(x)) / x ** 2, x, 0, "+-", R(1, 2)),
    ((x - sp.sin(x)) / x ** 3, x, 0, "+-", R(1, 6)),
    ((sp.exp(2 * x) - 1) / sp.sin(x), x, 0, "+-", 2),
    (sp.tanh(x) / x, x, 0, "+-", 1),
    ((sp.sqrt(1 + x) - 1) / x, x, 0, "+-", R(1, 2)),
    (sp.log(2 + x) / (2 + x), x, 0, "+-", sp.log(2) / 2),
    (sp.exp(sp.sin(x) / x), x, 0, "+-", sp.E),
    (x * sp.sin(1 / x), x, 0, "+-", 0),
    (sp.sin(X) / X, X, sp.oo, "-", 0),
    (X * (sp.exp(1 / X) - 1), X, sp.oo, "-", 1),
    (sig(x), x, sp.oo, "-", 1),
    (sig(x), x, -sp.oo, "+", 0),
    (x * sp.exp(-x), x, sp.oo, "-", 0),
    (sp.exp(x * z[1]) / (sp.exp(x * z[1]) + sp.exp(x * z[2])), x, sp.oo, "-", 1),     # softmax saturating
    (sp.sin(x) / x ** 2, x, 0, "+", sp.oo),
    (sp.log(X + 1) - sp.log(X), X, sp.oo, "-", 0),
    (sp.log(X ** 2 + 1) - 2 * sp.log(X), X, sp.oo, "-", 0),
    (-sp.sin(x) / x ** 2, x, 0, "+", -sp.oo),
]


@pytest.mark.slow
def test_true_limits_are_proved_by_the_limit_rules():
    for e, v, point, side, value in TRUE_LIMITS:
        assumptions = [sp.Gt(z[1], z[2])] if e.has(z[1]) else []
        verdict = prove(EQ(sp.Limit(e, v, point, side), value), assumptions)
        assert verdict.proved and verdict.certificate == Kind.LIMIT, (e, point, side, verdict.reason)


def test_the_kernel_alone_proves_them_and_names_the_rule():
    v = certify.limit("sin x / x -> 1", sp.sin(x) / x, x, 0, ["+", "-"], sp.Integer(1))
    assert v.proved and v.certificate == Kind.LIMIT and calculus.ANALYTIC_LEADING_TERM.name in v.by
    assert any(calculus.ANALYTIC_LEADING_TERM.name in step for step in v.steps)
    v = certify.limit("x sin(1/x) -> 0", x * sp.sin(1 / x), x, 0, ["+"], sp.Integer(0))
    assert v.proved and any(calculus.BOUNDED_TIMES_NULL.name in step for step in v.steps)


def test_wrong_values_are_refuted_by_the_rules_and_never_proved():
    for e, v, point, side, wrong in ((sp.sin(x) / x, x, 0, "+-", 2), ((1 - sp.cos(x)) / x ** 2, x, 0, "+-", 1),
                                     ((x - sp.sin(x)) / x ** 3, x, 0, "+", R(1, 5)),
                                     (X * (sp.exp(1 / X) - 1), X, sp.oo, "-", 0),
                                     (sp.sin(x) / x ** 2, x, 0, "+-", sp.oo)):
        verdict = prove(EQ(sp.Limit(e, v, point, side), wrong))
        assert verdict.status == Status.REFUTED, (e, wrong, verdict.status, verdict.reason)


def test_oscillating_and_undefined_along_the_approach_stay_undecided():
    for e, v, point, side, value in ((sp.sin(1 / x), x, 0, "+", 0), (sp.sin(X), X, sp.oo, "-", 0),
                                     (sp.sin(X) * (1 + 1 / X), X, sp.oo, "-", 0),
                                     (sp.sin(sp.sqrt(1 - X)) / X, X, sp.oo, "-", 0),
                                     (sp.Abs(sp.cos(X)) ** (1 / X), X, sp.oo, "-", 1)):
        verdict = certify.limit("osc", e, v, point, [side], sp.sympify(value))
        assert verdict.status == Status.UNDECIDED, (e, verdict.status, verdict.reason)


def test_sympy_limit_is_never_consulted(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("SymPy's limit was consulted by the kernel")
    monkeypatch.setattr(sp, "limit", refuse)
    assert certify.limit("sin x / x", sp.sin(x) / x, x, 0, ["+", "-"], sp.Integer(1)).proved


# -- the Taylor series: analytic by construction, exact coefficients --------------------------------

def test_taylor_coefficients_are_exact():
    assert series.taylor(sp.sin(s), s)[:4] == [0, 1, 0, R(-1, 6)]
    assert series.taylor(sp.log(1 + s), s)[:4] == [0, 1, R(-1, 2), R(1, 3)]
    assert series.taylor(sp.exp(s) * sp.log(2 + s), s)[:2] == [sp.log(2), sp.log(2) + R(1, 2)]
    assert series.leading(series.taylor(1 - sp.cos(s), s)) == (2, R(1, 2), True)


def test_what_is_not_analytic_at_the_point_has_no_series():
    for e in (1 / s, sp.log(s), sp.sqrt(s), sp.exp(-1 / s), sp.log(s - 1), sp.I * s, s * sp.Symbol("y")):
        try:
            series.taylor(e, s)
        except series.NotAnalytic:
            continue
        raise AssertionError(f"{e} was read as analytic at 0")
    try:
        series.taylor(sp.Abs(x), x)
    except series.NotAnalytic:
        pass
    else:
        raise AssertionError("|x| was read as analytic at 0")


def test_without_the_point_checks_the_branch_cut_is_caught_only_by_realness(monkeypatch):
    # ln(s - 1) at s = 0 is on the branch cut: the check of the argument's sign refuses it; with the
    # check dropped the coefficients are complex (i pi ...), which the leading term's Arb check (a
    # real, certified nonzero coefficient) refuses in turn: the two guard the rule together
    monkeypatch.setattr(series._Series, "require", lambda self, c, kind, what: None)
    coefficients = series.taylor(sp.log(s - 1), s)
    assert coefficients[0] == sp.I * sp.pi
    assert series.leading(coefficients)[2] is False


FALSE_BY_A_DISGUISED_ZERO = (ZERO_IN_DISGUISE * x + x ** 2) / (ZERO_IN_DISGUISE * x + 2 * x ** 2)   # -> 1/2


@pytest.mark.slow
def test_without_a_certified_leading_coefficient_a_false_limit_is_proved(monkeypatch):
    assert sp.expand(ZERO_IN_DISGUISE) != 0 and sp.simplify(ZERO_IN_DISGUISE) == 0      # ln 6 = ln 2 + ln 3
    claim = lambda: certify.limit("false", FALSE_BY_A_DISGUISED_ZERO, x, 0, ["+"], sp.Integer(1))   # noqa: E731
    assert claim().status == Status.UNDECIDED
    _drop(monkeypatch, "ANALYTIC_LEADING_TERM", "certified nonzero")
    assert claim().proved          # the disguised zero taken as the leading coefficient: 0/0 "= 1"


# -- a bounded factor times a null one: each condition necessary ---------------------------------

def test_without_the_bounded_factor_being_sin_or_cos_a_false_limit_is_proved(monkeypatch):
    e = sp.exp(X) * (sp.exp(sp.exp(-X)) - 1)          # -> 1: e^X is not bounded
    assert certify.limit("false", e, X, sp.oo, ["-"], sp.Integer(0)).status == Status.UNDECIDED
    _drop(monkeypatch, "BOUNDED_TIMES_NULL", "sin or cos")
    assert certify.limit("false", e, X, sp.oo, ["-"], sp.Integer(0)).proved


def test_without_a_real_argument_a_false_limit_is_proved(monkeypatch):
    e = sp.sin(sp.sqrt(1 - X)) / X                    # = i sinh(sqrt(X - 1)) / X for X > 1: unbounded
    assert certify.limit("false", e, X, sp.oo, ["-"], sp.Integer(0)).status == Status.UNDECIDED
    _drop(monkeypatch, "BOUNDED_TIMES_NULL", "argument")
    assert certify.limit("false", e, X, sp.oo, ["-"], sp.Integer(0)).proved


def test_without_the_other_factors_tending_to_zero_a_false_limit_is_proved(monkeypatch):
    e = sp.sin(X) * (1 + 1 / X)                       # no limit: it oscillates between about -1 and 1
    assert certify.limit("false", e, X, sp.oo, ["-"], sp.Integer(0)).status == Status.UNDECIDED
    _drop(monkeypatch, "BOUNDED_TIMES_NULL", "tend to 0")
    assert certify.limit("false", e, X, sp.oo, ["-"], sp.Integer(0)).proved


def test_the_false_instances_are_false():
    # with the disguised zero put as 0 the quotient is 1/2; sin(i y) = i sinh y is unbounded;
    # sin(X)(1 + 1/X) is above 1 at X = pi/2 + 2 pi m (and below -1 at 3 pi/2 + 2 pi m)
    assert sp.simplify(FALSE_BY_A_DISGUISED_ZERO.subs(ZERO_IN_DISGUISE, 0)) == R(1, 2)
    assert sp.sin(sp.sqrt(1 - sp.Integer(5))) == sp.I * sp.sinh(2)
    assert (sp.sin(X) * (1 + 1 / X)).subs(X, sp.pi / 2 + 20 * sp.pi) > 1


# -- logarithms combined: ln A + ln B = ln(AB) only for A, B > 0 ----------------------------------

def test_without_positive_arguments_logarithms_combine_into_a_false_limit(monkeypatch):
    # for X > 1 both arguments are negative: ln(1 - X) + ln(1 - 2X) = ln((X - 1)(2X - 1)) + 2 i pi, not real
    e = sp.log(1 - X) + sp.log(1 - 2 * X)
    assert certify.limit("false", e, X, sp.oo, ["-"], sp.oo).status == Status.UNDECIDED
    assert arb.sign(e.subs(X, 3)) == arb.NONREAL
    _drop(monkeypatch, "LOGS_COMBINED", "positive")
    assert certify.limit("false", e, X, sp.oo, ["-"], sp.oo).proved
