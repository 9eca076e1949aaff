"""A bound given with <= or >= is attained: the primitives must not prove a strict claim that
fails at that end (found while building the exercises; fix in derivations.proof._bounded_map)."""
import sympy as sp

from derivations.proof import prove_positive

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True, positive=True)


def test_a_closed_lower_end_is_not_treated_as_open():
    assert not prove_positive(x, [x >= 0]).proved
    assert not prove_positive(n / 2 - 1, [n >= 2]).proved


def test_a_closed_upper_end_is_not_treated_as_open():
    assert not prove_positive(1 - x, [0 < x, x <= 1]).proved
    assert not prove_positive(1 - x, [0 <= x, x <= 1]).proved


def test_claims_true_at_the_closed_end_still_prove():
    assert prove_positive(x + 1, [x >= 0]).proved
    assert prove_positive(1 - x, [0 <= x, x < 1]).proved
    assert prove_positive(n - 1, [n >= 2]).proved


def test_a_bound_is_kept_exactly_not_through_a_float():
    x_ = sp.Symbol("x", real=True)
    below_an_eighth = sp.Rational(123456789, 987654321)      # 0.12499999886..., a float says 1/8
    assert prove_positive(8 * x_ - 1, [x_ > below_an_eighth]).status == "refuted"
    assert prove_positive(8 * x_ - 1, [x_ > sp.Rational(123456791, 987654321)]).proved


def test_an_integer_bound_is_rounded_inwards():
    # n > 3/2 for an integer n means n >= 2, so n - 2 >= 0 holds and n - 2 > 0 fails at n = 2
    from derivations.proof import prove_nonnegative
    assert prove_nonnegative(n - 2, [n > sp.Rational(3, 2)]).proved
    v = prove_positive(n - 2, [n > sp.Rational(3, 2)])
    assert v.status == "refuted" and v.witness[n] == 2


def test_a_sign_on_a_closed_interval_is_decided_on_the_interval():
    x_ = sp.Symbol("x", real=True)
    assert prove_positive(x_ + 1, [0 <= x_, x_ <= 1]).proved          # false elsewhere on R
    v = prove_positive(x_ * (1 - x_), [0 <= x_, x_ <= 1])
    assert v.status == "refuted" and v.witness[x_] in (0, 1)
