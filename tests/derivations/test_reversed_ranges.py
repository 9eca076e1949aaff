"""Sums over a range that runs backwards: the verdict follows SymPy's convention
(sum_{i=a}^{b} = -sum_{i=b+1}^{a-1} for b < a - 1), and says so in its reason wherever the check
met such a range; nowhere else."""
import sympy as sp

from derivations import oracle
from derivations.proof import prove_equal, prove_nonnegative
from derivations.symbols import n, z

i = sp.Symbol("i", integer=True)


def test_a_verdict_that_met_a_reversed_range_names_the_convention():
    v = prove_equal(sp.Sum(1, (i, 2, n - 1)), n - 2)       # at n = 1: -1 by the convention, 0 if empty
    assert v.status == "proved" and oracle.REVERSED_RANGES in v.reason
    false = prove_nonnegative(sp.Sum(sp.exp(z[i]), (i, 1, 11 - n)))   # negative from n = 13 on
    assert false.status == "refuted" and oracle.REVERSED_RANGES in false.reason


def test_a_verdict_over_forward_ranges_only_does_not():
    v = prove_equal(sp.Sum(1, (i, 1, n)), n)
    assert v.status == "proved" and oracle.REVERSED_RANGES not in v.reason
    wrong = prove_equal(sp.Sum(1, (i, 1, n)), n + 1)
    assert wrong.status == "refuted" and oracle.REVERSED_RANGES not in wrong.reason


def test_the_convention_lives_in_one_place():
    assert oracle._index_values(2, 0) == (range(1, 2), True)       # sum_2^0 = -sum_1^1
    assert oracle._index_values(2, 1) == (range(2, 2), False)      # sum_2^1: empty
