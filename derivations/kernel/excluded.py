"""A sum over k ≠ j of positive terms is positive when its range has two terms or more.

The chapter's Σ_{k≠j} e^{z_k} (read as Σ_{k=1}^{n} (1 - δ_kj) e^{z_k}) has nonnegative terms, one of
which may be 0: the sign calculus's rule "a nonempty sum of positive terms" does not apply to it.
It is positive all the same: every term with k ≠ j is positive, and a range lo..hi with hi - lo >= 1
holds at least two integers, so at least one k ≠ j (whatever j is: an integer in the range
removes one term, anything else none).

Side conditions, each checked here and each shown necessary by a test
(tests/derivations/test_kernel_excluded.py):
  - hi - lo >= 1 (n >= 2: for n = 1 and j = 1 the sum Σ_{k≠1} is empty, 0);
  - the other factor f(k) is positive for every k in lo..hi (Σ_{k≠j} z_k need not be);
  - the delta's other index is free of k (δ_{k,2k} is 1 only at k = 0: it removes no term of 1..n,
    but (1 - δ_{k,k}) removes every one).
"""
from __future__ import annotations

import sympy as sp


def _excluded_factor(term, k):
    """(f, j) when `term` is (1 - δ_kj) f with j free of k, else None."""
    for factor in sp.Mul.make_args(term):
        if not isinstance(factor, sp.Add) or len(factor.args) != 2 or 1 not in factor.args:
            continue
        (other,) = [a for a in factor.args if a != 1]
        if not (isinstance(other, sp.Mul) and len(other.args) == 2 and -1 in other.args):
            continue
        (delta,) = [a for a in other.args if a != -1]
        if not isinstance(delta, sp.KroneckerDelta) or k not in delta.args:
            continue
        j = delta.args[1] if delta.args[0] == k else delta.args[0]
        if not _free_of(j, k):
            continue
        rest = sp.Mul(*[f for f in sp.Mul.make_args(term) if f is not factor])
        return rest, j
    return None


def _free_of(j, k) -> bool:
    return k not in j.free_symbols


def positive(signs, inner, term, k, lo, hi) -> bool:
    """Σ_{k=lo}^{hi} term > 0 for term = (1 - δ_kj) f(k): hi - lo >= 1 shown by `signs`, f(k) > 0
    shown by `inner` (the signs with lo <= k <= hi)."""
    found = _excluded_factor(term, k)
    if found is None:
        return False
    f, _ = found
    return _two_terms_or_more(signs, lo, hi) and _positive_terms(inner, f)


def _two_terms_or_more(signs, lo, hi) -> bool:
    return signs.nonnegative(hi - lo - 1)


def _positive_terms(inner, f) -> bool:
    return inner.positive(f)
