"""The numeric oracle never adds a sum (or multiplies a product) term by term past a bound: a
hunted point with a huge upper limit (x = 10^9 in sum_{k=1}^{x} 1) is set aside as unusable.
Seen in CI: the hunt for sum_{k=1}^{x} 1 = x with x > 1 built a list of a billion terms (8 GB)."""
import pytest

from derivations import oracle


def test_a_range_within_the_bound_is_summed():
    values, reversed_ = oracle._index_values(1, oracle.MAX_TERMS)
    assert len(values) == oracle.MAX_TERMS and not reversed_


@pytest.mark.parametrize("lo, hi", [(1, oracle.MAX_TERMS + 1), (1, 10**9), (10**9, 1)])
def test_a_range_past_the_bound_is_unusable(lo, hi):
    with pytest.raises(oracle.Unusable, match="terms"):
        oracle._index_values(lo, hi)
