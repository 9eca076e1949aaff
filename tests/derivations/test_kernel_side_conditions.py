"""One test per side condition of the kernel's rules that no test had shown necessary, and one per
hole the fresh bank found (`test_kernel_bank_fresh.py`): with the condition, a false instance is not
proved (and a true one is); with the condition dropped (its check patched to pass), or at an exact
point where the claim fails, the false instance is shown false."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations import decide
from derivations.kernel import Status, certify, identity, signs

x, y = sp.symbols("x y", real=True)
u, v = sp.symbols("u v")                                    # plain: complex
p = sp.Symbol("p", positive=True)
m = sp.Symbol("m", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
j, k, i = sp.symbols("j k i", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
RANGES = {i: n, j: n, k: n}
R = sp.Rational


def _always(*_args, **_kw):
    return True


# -- holes the fresh bank found, each closed as a class -------------------------------------------

def test_a_sign_is_read_from_a_rewritten_form_only_where_the_expression_is_defined(monkeypatch):
    # x (1/x - 1) expands to 1 - x, positive for x < 1, but at x = 0 the expression is undefined
    false = x * (1 / x - 1)
    assert not certify.sign("x(1/x - 1) > 0", false, "positive", [sp.Lt(x, 1)]).proved
    assert not certify.sign("x(1/x + 1) - 1 >= 0", x * (1 / x + 1) - 1, "nonnegative", [sp.Ge(x, 0)]).proved
    assert certify.sign("x(1/x - 1) > 0", false, "positive", [sp.Lt(x, 0)]).proved       # defined there
    assert certify.refute("x(1/x - 1) > 0", [false], "positive", [sp.Lt(x, 1)], {x: 0}).status == Status.REFUTED
    monkeypatch.setattr(signs.Signs, "rewritable", _always)
    assert certify.sign("x(1/x - 1) > 0", false, "positive", [sp.Lt(x, 1)]).proved


def test_a_logarithm_that_cancels_must_still_be_defined(monkeypatch):
    # d/dx (x ln x) = ln x + 1: ln x cancels from the difference, yet at x = 0 the left side is undefined
    lhs = sp.Derivative(x * sp.log(x), x) - sp.log(x)
    assert not certify.identity("d/dx(x ln x) - ln x = 1", lhs, 1).proved
    assert not certify.sign("d/dx(x ln x) - ln x > 0", lhs, "positive").proved
    assert certify.identity("d/dx(x ln x) - ln x = 1", lhs, 1, [sp.Gt(x, 0)]).proved
    num, dens = identity.canonical_difference(lhs, 1, signs.Signs())
    assert num == 0 and dens == [x]                 # no denominator: only the logarithm's argument
    monkeypatch.setattr(signs.Signs, "nonzero", _always)
    assert certify.identity("d/dx(x ln x) - ln x = 1", lhs, 1).proved


def test_a_logarithm_on_both_sides_leaves_both_undefined_and_is_no_counterexample(monkeypatch):
    # ln x (x + 1) = x ln x + ln x: at x = 0 neither side has a value, and the equation says nothing there
    lhs, rhs = sp.log(x) * (x + 1), x * sp.log(x) + sp.log(x)
    assert certify.identity("ln x (x + 1)", lhs, rhs).proved
    assert certify.refute("ln x (x + 1)", [lhs, rhs], "equal", [], {x: 0}).status == Status.UNDECIDED
    # one side only: the other side's value at x = 0 is a counterexample, and the identity is not proved
    one = (sp.Derivative(x * sp.log(x), x) - sp.log(x), sp.Integer(1))
    assert not certify.identity("d/dx(x ln x) - ln x = 1", *one).proved
    step = sp.Piecewise((sp.log(x), x > 0), (0, True))        # evaluates ln x only where x > 0
    assert not certify.identity("ln x + step", sp.log(x) + 1, step + 1, [sp.Ge(x, 0)]).proved
    monkeypatch.setattr(identity, "_logs_evaluated", lambda e: {x})
    assert certify.identity("d/dx(x ln x) - ln x = 1", *one).proved


def test_the_sum_rules_need_integer_ends(monkeypatch):
    # k runs over the integers 1, 2 from 1 to 5/2: two terms, not 5/2 (and not x terms for a real x)
    k1 = sp.Symbol("k", integer=True)
    assert not certify.identity("sum", sp.Sum(1, (k1, 1, R(5, 2))), R(5, 2)).proved
    assert not certify.identity("sum", sp.Sum(y, (k1, 1, x)), x * y, [sp.Gt(x, 1)]).proved
    assert certify.identity("sum", sp.Sum(y, (k1, 1, n)), n * y).proved
    monkeypatch.setattr(identity, "_integer_ends", lambda lo, hi: None)
    assert certify.identity("sum", sp.Sum(1, (k1, 1, R(5, 2))), R(5, 2)).proved


def test_z3_keeps_two_symbols_printed_alike_apart():
    yr, yp = sp.Symbol("y", real=True), sp.Symbol("y", positive=True)
    assert decide.decide(yr + yp, "positive").result is not True
    assert not certify.sign("y + y > 0", yr + yp, "positive").proved
    assert decide.decide(yp + yp, "positive").result is True
    w = certify.refute("y + y > 0", [yr + yp], "positive", [], {yr: -2, yp: 1})
    assert w.status == Status.REFUTED


def test_the_univariate_decision_sees_a_denominator_that_together_cancels():
    # (x^2 - x/3)/(x - 1/3) + 1 is x + 1 wherever it is defined, and undefined at 1/3
    e = (x ** 2 - x / 3) / (x - R(1, 3)) + 1
    assert decide.decide(e, "positive", [sp.Ge(x, 0), sp.Le(x, 1)]).result is not True
    assert decide.decide(e, "positive", [sp.Ge(x, R(1, 2)), sp.Le(x, 1)]).result is True
    w = certify.refute("e > 0", [e], "positive", [sp.Ge(x, 0), sp.Le(x, 1)], {x: R(1, 3)})
    assert w.status == Status.REFUTED


def test_a_constant_beyond_exact_rationals_is_enclosed_soundly_or_refused():
    big = sp.Integer(10) ** 300
    lo, hi = decide._enclosure(sp.exp(-big))        # e^(-10^300): widened outward, never past 0
    assert lo == 0 and 0 < hi <= sp.Integer(2) ** -4000
    with pytest.raises(decide.Untranslatable):
        decide._enclosure(sp.exp(big))
    lo, hi = decide._enclosure(sp.exp(100))
    assert lo < hi and hi - lo < R(1, 10 ** 10)
    # decided without an error, and true claims about them still proved where the calculus shows them
    assert certify.sign("1/(1 + e^(10^300)) > 0", 1 / (1 + sp.exp(big)), "positive").proved
    assert certify.sign("1 - sigma(10^300) > 0", 1 - 1 / (1 + sp.exp(-big)), "positive").proved
    assert not certify.sign("1 - sigma(10^300) > 0", 1 / (1 + sp.exp(-big)) - 1, "positive").proved


def test_a_derivative_rewrites_its_argument_only_by_facts_that_hold_near_the_point(monkeypatch):
    # |x| = x for x >= 0, yet |x| has no derivative at 0; sum_k y_k = 1, yet d/dy_j sum_k y_k = 1
    yb = sp.IndexedBase("y", real=True)
    total = sp.Sum(yb[k], (k, 1, n))
    kink = sp.Piecewise((x, x >= 0), (-x, True))
    assert not certify.identity("d|x|/dx = 1", sp.Derivative(sp.Abs(x), x), 1, [sp.Ge(x, 0)]).proved
    assert not certify.identity("d|x|/dx = 1", sp.Derivative(kink, x), 1, [sp.Ge(x, 0)]).proved
    assert not certify.identity("d/dy_j sum = 0", sp.Derivative(total, yb[j]), 0, facts=[sp.Eq(total, 1)],
                                ranges=RANGES).proved
    assert certify.identity("d|x|/dx = 1", sp.Derivative(sp.Abs(x), x), 1, [sp.Gt(x, 0)]).proved
    assert certify.identity("d|x|/dx = 1", sp.Derivative(kink, x), 1, [sp.Gt(x, 0)]).proved
    assert certify.identity("d/dy_j sum = 1", sp.Derivative(total, yb[j]), 1, facts=[sp.Eq(total, 1)],
                            ranges=RANGES).proved
    assert certify.identity("x sum = x", x * total, x, facts=[sp.Eq(total, 1)], ranges=RANGES).proved
    monkeypatch.setattr(identity.Canon, "_near", lambda self: self)
    assert certify.identity("d|x|/dx = 1", sp.Derivative(sp.Abs(x), x), 1, [sp.Ge(x, 0)]).proved
    assert certify.identity("d/dy_j sum = 0", sp.Derivative(total, yb[j]), 0, facts=[sp.Eq(total, 1)],
                            ranges=RANGES).proved


def test_a_counterexample_meets_a_family_hypothesis_at_every_index_and_its_own_index_range(monkeypatch):
    # 0 < z_j speaks of every j in 1..n: a point with z_1 = -1 does not meet it, whatever its own j
    bad = {j: 2, n: 2, z[1]: -1, z[2]: 1}
    assert certify.refute("z_1 > 0", [z[1]], "positive", [sp.Gt(z[j], 0)], bad).status == Status.UNDECIDED
    good = {j: 2, n: 2, z[1]: R(1, 2), z[2]: 1}
    assert certify.refute("z_1 > 1", [z[1] - 1], "positive", [sp.Gt(z[j], 0)], good).status == Status.REFUTED
    # j is an index of 1..n: sum_k delta_kj = 1 does not fail at j = 5, n = 2
    delta = [sp.Sum(sp.KroneckerDelta(k, j), (k, 1, n)), sp.Integer(1)]
    assert certify.refute("sum delta = 1", delta, "equal", [], {j: 5, n: 2}).status == Status.UNDECIDED
    assert certify.refute("delta = 0", [sp.KroneckerDelta(k, j), 0], "equal", [], {j: 1, k: 1}).status == Status.REFUTED
    monkeypatch.setattr(certify, "_at_the_point", lambda exprs, assumptions, values, ranges: list(assumptions))
    assert certify.refute("z_1 > 0", [z[1]], "positive", [sp.Gt(z[j], 0)], bad).status == Status.REFUTED
    assert certify.refute("sum delta = 1", delta, "equal", [], {j: 5, n: 2}).status == Status.REFUTED


def test_a_relation_follows_from_a_fact_by_its_form_only_where_it_is_defined_wherever_the_fact_holds(monkeypatch):
    from derivations import kernel
    from derivations.kernel import rules
    # x (1/x + y) expands to 1 + x y, yet at x = 0 (where 1 + x y > 0 holds) it is undefined
    goal, fact = sp.Gt(x * (1 / x + y), 0, evaluate=False), sp.Gt(1 + x * y, 0)
    assert not kernel.follows(goal, fact, [fact]).proved
    assert kernel.follows(sp.Gt((y + 1) / x, 0, evaluate=False), sp.Gt(y / x + 1 / x, 0),
                          [sp.Gt(y / x + 1 / x, 0)]).proved                   # as undefined as the fact
    assert kernel.follows(sp.Gt(x * (y + 1), 0, evaluate=False), sp.Gt(x * y + x, 0), [sp.Gt(x * y + x, 0)]).proved
    monkeypatch.setattr(rules, "_singular", lambda e: set())
    assert kernel.follows(goal, fact, [fact]).proved


# -- side conditions of the existing rules that no test had shown necessary -----------------------

def test_ln_of_e_to_the_u_is_u_only_for_real_u(monkeypatch):
    assert not certify.identity("ln e^u", sp.log(sp.exp(u)), u).proved      # u = 2 pi i: ln e^u = 0
    assert certify.identity("ln e^x", sp.log(sp.exp(x)), x).proved
    monkeypatch.setattr(signs.Signs, "real", _always)
    assert certify.identity("ln e^u", sp.log(sp.exp(u)), u).proved


def test_ln_of_a_power_needs_a_real_exponent(monkeypatch):
    # ln 2^v = v ln 2 fails for v = 10i (10 ln 2 > pi: the principal log wraps around)
    assert not certify.identity("ln 2^v", sp.log(2 ** v), v * sp.log(2)).proved
    assert certify.identity("ln 2^x", sp.log(2 ** x), x * sp.log(2)).proved
    assert certify.refute("ln 2^v", [sp.log(2 ** v), v * sp.log(2)], "equal", [], {v: 10 * sp.I}).status \
        == Status.REFUTED
    monkeypatch.setattr(signs.Signs, "real", _always)
    assert certify.identity("ln 2^v", sp.log(2 ** v), v * sp.log(2)).proved


def test_ln_of_a_product_over_a_range_needs_positive_terms(monkeypatch):
    lhs, rhs = sp.log(sp.Product(z[k], (k, 1, n))), sp.Sum(sp.log(z[k]), (k, 1, n))
    assert not certify.identity("ln prod", lhs, rhs, [sp.Lt(z[j], 0)], ranges=RANGES).proved
    assert certify.identity("ln prod", lhs, rhs, [sp.Gt(z[j], 0)], ranges=RANGES).proved
    monkeypatch.setattr(signs.Signs, "positive", _always)
    assert certify.identity("ln prod", lhs, rhs, [sp.Lt(z[j], 0)], ranges=RANGES).proved


def test_abs_is_dropped_only_for_a_nonnegative_argument(monkeypatch):
    assert not certify.identity("|x| = x", sp.Abs(x), x).proved
    assert certify.identity("|x| = x", sp.Abs(x), x, [sp.Ge(x, 0)]).proved
    monkeypatch.setattr(signs.Signs, "nonnegative", _always)
    assert certify.identity("|x| = x", sp.Abs(x), x).proved


def test_a_piecewise_branch_is_taken_only_where_its_condition_is_shown(monkeypatch):
    step = sp.Piecewise((1, x > 0), (0, True))
    assert not certify.identity("step = 1", step, 1).proved
    assert certify.identity("step = 1", step, 1, [sp.Gt(x, 0)]).proved
    monkeypatch.setattr(identity.Canon, "_holds", _always)
    assert certify.identity("step = 1", step, 1).proved


def test_e_to_the_u_minus_e_to_the_v_has_the_sign_of_u_minus_v_only_for_real_u_and_v(monkeypatch):
    false = (sp.exp(u) - sp.exp(v), "positive", [sp.Gt(u - v, 0)])
    assert not certify.sign("e^u > e^v", *false).proved
    assert certify.sign("e^x > e^y", sp.exp(x) - sp.exp(y), "positive", [sp.Gt(x - y, 0)]).proved
    # false at u = 1 + i pi, v = i pi: u - v = 1 > 0, yet e^u - e^v = 1 - e < 0
    monkeypatch.setattr(signs.Signs, "real", _always)
    assert certify.sign("e^u > e^v", *false).proved


def test_a_power_of_a_positive_base_is_positive_only_for_a_real_exponent(monkeypatch):
    assert not certify.sign("2^v > 0", 2 ** v, "positive").proved          # 2^(i pi / ln 2) = -1
    assert certify.sign("2^x > 0", 2 ** x, "positive").proved
    monkeypatch.setattr(signs.Signs, "real", _always)
    assert certify.sign("2^v > 0", 2 ** v, "positive").proved


def test_z3_takes_e_to_the_w_as_positive_only_for_a_translated_real_w():
    # e^u + 1 = 0 at u = i pi: an exponential of a complex argument is not a positive variable
    assert decide.decide(sp.exp(u) + 1, "nonzero").result is not True
    assert decide.decide(2 ** v, "positive").result is not True
    assert not certify.sign("e^u + 1 != 0", sp.exp(u) + 1, "nonzero").proved
    assert certify.refute("e^u + 1 != 0", [sp.exp(u) + 1], "nonzero", [], {u: sp.I * sp.pi}).status == Status.REFUTED
    assert decide.decide(sp.exp(x) + 1, "positive").result is True


def test_an_integer_above_minus_one_is_nonnegative_only_for_an_integer(monkeypatch):
    false = (y - R(1, 2), "nonnegative", [sp.Gt(y, -R(1, 2))])          # y = 0
    assert not certify.sign("y - 1/2 >= 0", *false).proved
    assert certify.sign("m - 1 >= 0", m - 1, "nonnegative", [sp.Gt(m, 0)]).proved
    monkeypatch.setattr(signs, "_integer_valued", _always)
    assert certify.sign("y - 1/2 >= 0", *false).proved


def test_an_even_power_is_positive_only_for_a_nonzero_base(monkeypatch):
    assert not certify.sign("x^2 > 0", x ** 2, "positive").proved
    assert certify.sign("x^2 > 0", x ** 2, "positive", [sp.Ne(x, 0)]).proved
    monkeypatch.setattr(signs.Signs, "nonzero", _always)
    assert certify.sign("x^2 > 0", x ** 2, "positive").proved


def test_a_counterexample_must_meet_every_stated_assumption_with_exact_values(monkeypatch):
    claim = ("x > 1", [x - 1], "positive", [sp.Gt(x, 0)])
    assert certify.refute(*claim, {x: -1}).status == Status.UNDECIDED       # x > 0 fails at -1
    assert certify.refute(*claim, {x: 0.5}).status == Status.UNDECIDED      # a float is not exact
    assert certify.refute(*claim, {x: R(1, 2)}).status == Status.REFUTED
    monkeypatch.setattr(certify, "_point_ok", lambda *a: "")
    assert certify.refute(*claim, {x: -1}).status == Status.REFUTED


def test_the_derivative_of_an_element_needs_integer_indices_and_of_a_power_a_positive_base():
    canon = identity.Canon(signs.Signs())
    assert canon.derivative(z[k], z[j]) == sp.KroneckerDelta(k, j)
    with pytest.raises(identity.Unsupported):
        canon.derivative(z[x], z[j])                # z_x for a real x: no element of the family
    assert canon.derivative(p ** y, y) == p ** y * sp.log(p)
    with pytest.raises(identity.Unsupported):
        canon.derivative(x ** y, y)                 # x^y for x < 0 has no real derivative in y
