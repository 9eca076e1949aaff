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
