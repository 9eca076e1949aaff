"""The numeric oracle on its own: it must find the counterexamples a polite sampler misses, report
only points that satisfy the assumptions, and never use SymPy's simplify, diff or limit."""
from __future__ import annotations

import sympy as sp

from derivations import oracle
from derivations.symbols import i, j, k, n, z

x, y = sp.symbols("x y", real=True)
d2, d3, c = sp.symbols("d_2 d_3 c", positive=True)
r = sp.Rational


def hunt(expr, kind, assumptions=()):
    return oracle.hunt([expr], kind, list(assumptions))


def test_it_tries_just_inside_an_end():
    f = hunt(x, "positive", [x > -r(1, 10**50)])     # fails only on (-10^-50, 0]
    assert f.ok is False and -r(1, 10**50) < f.witness[x] <= 0


def test_it_tries_a_closed_end_exactly():
    f = hunt(1 - x, "positive", [0 <= x, x <= 1])
    assert f.ok is False and f.witness[x] == 1


def test_it_tries_n_equal_to_1_and_large_n():
    assert hunt(sp.Sum(sp.exp(z[i]), (i, 2, n)), "positive").witness[n] == 1
    f = hunt(sp.Sum(sp.exp(z[i]), (i, 1, 11 - n)), "nonnegative")   # reversed from n = 13 on
    assert f.ok is False and f.witness[n] >= 12     # 11 - n < 0: reversed


def test_a_reversed_sum_follows_sympys_convention():
    # SymPy: sum_{i=1}^{-2} = -sum_{i=-1}^{0}; the oracle must give the same value
    s = sp.Sum(i, (i, 1, n - 3))
    f = oracle.hunt([s, -sp.Sum(i, (i, n - 2, 0))], "equal", [n < 2])
    assert f.ok is True


def test_it_draws_coincident_and_distinct_free_indices():
    assert hunt(sp.KroneckerDelta(j, k), "nonzero").ok is False    # j != k
    assert hunt(sp.KroneckerDelta(j, k) - 1, "nonzero").ok is False  # j = k


def test_it_spreads_a_family():
    # n sum z^2 <= (sum z)^2 holds when all z are equal; fails for z = (100, 0.001)
    claim = sp.Sum(z[i], (i, 1, n)) ** 2 - n * sp.Sum(z[i] ** 2, (i, 1, n))
    assert hunt(claim, "nonnegative", [z[j] > 0]).ok is False


def test_its_local_search_finds_a_needle():
    f = hunt(x**2 - x + r(2499, 10000), "positive")
    assert f.ok is False and abs(f.witness[x] - r(1, 2)) < r(1, 100)


def test_it_draws_ties_for_a_limit():
    f = oracle.check_limit(sp.exp(-c * d3) / (sp.exp(-c * d2) + sp.exp(-c * d3)), c, sp.oo, ["-"], 0, [d2 <= d3])
    assert f.ok is False and f.witness[d2] == f.witness[d3]


def test_a_slow_limit_converges_by_extrapolation():
    assert oracle.check_limit(1 / sp.log(x), x, sp.oo, ["-"], 0).ok is True
    assert oracle.check_limit(1 / sp.log(x), x, sp.oo, ["-"], 1).ok is not True


def test_cancellation_is_no_counterexample():
    # 1 - 1/(1 + e^-x) equals e^-x/(1 + e^-x); at x = 10^100 both round to 0 at any precision
    f = oracle.hunt([1 - 1 / (1 + sp.exp(-x)), sp.exp(-x) / (1 + sp.exp(-x))], "equal", [])
    assert f.ok is True


def test_every_counterexample_satisfies_the_assumptions():
    cases = [(x * y, "positive", [x > 0, y >= 0]), (x - y, "positive", [x >= y]),
             (sp.log(x), "positive", [x > -r(1, 1000), x < 2])]
    for expr, kind, assumptions in cases:
        f = hunt(expr, kind, assumptions)
        assert f.ok is False
        for rel in assumptions:
            assert rel.xreplace(f.witness) == sp.true, (rel, f.witness)


def test_an_undefined_function_is_a_concrete_function_at_each_point():
    fn = sp.Function("f")
    assert oracle.hunt([sp.Derivative(fn(x), x), fn(x)], "equal", []).ok is False
    assert oracle.hunt([fn(x) + fn(x), 2 * fn(x)], "equal", []).ok is True


def test_the_oracle_uses_no_symbolic_simplification(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the numeric oracle called SymPy's symbolic machinery")
    for name in ("simplify", "diff", "limit", "expand", "factor", "cancel"):
        monkeypatch.setattr(sp, name, forbidden)
    f = oracle.hunt([sp.Derivative(sp.exp(2 * x), x), 2 * sp.exp(2 * x)], "equal", [])
    assert f.ok is True
    assert hunt(x**2 - x + r(2499, 10000), "positive").ok is False


def test_both_arithmetics_share_one_convention_for_empty_and_reversed_ranges():
    """sum_{a}^{a-1} is empty; sum_{a}^{b} = -sum_{b+1}^{a-1} and prod_{a}^{b} = 1/prod_{b+1}^{a-1}
    for b < a - 1 (SymPy's convention), in mpmath and exact arithmetic alike; an index limit
    that is not an integer is refused, never truncated."""
    from fractions import Fraction
    import mpmath
    import pytest
    s, p = sp.Sum(i, (i, 1, 2)), sp.Product(i, (i, 1, 2))
    assert oracle._index_values(3, 2) == (range(3, 3), False)            # empty
    values, reversed_ = oracle._index_values(4, 1)                       # sum_4^1 = -(2 + 3)
    assert list(values) == [2, 3] and reversed_
    for add, one, terms in ((mpmath.fsum, mpmath.mpf(1), [mpmath.mpf(2), mpmath.mpf(3)]),
                            (lambda ts: sum(ts, Fraction(0)), Fraction(1), [Fraction(2), Fraction(3)])):
        assert oracle._combine(s, terms, True, add, one) == -5
        assert oracle._combine(p, terms, True, add, one) == Fraction(1, 6)
        assert oracle._combine(s, [], False, add, one) == 0 and oracle._combine(p, [], False, add, one) == 1
    with pytest.raises(oracle.Unusable):
        oracle._combine(p, [Fraction(0)], True, lambda ts: sum(ts), Fraction(1))
    for bad in (Fraction(3, 2), mpmath.mpf("2.5")):
        with pytest.raises(oracle.Unusable):
            oracle._integer(bad)
    assert oracle._integer(Fraction(4, 2)) == 2
