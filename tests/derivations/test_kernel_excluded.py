"""The sign rule Σ_{k≠j} f(k) > 0 for positive f over two terms or more
(derivations/kernel/excluded.py): what it shows, what it refuses, each side condition necessary."""
from __future__ import annotations

import sympy as sp

from derivations import symbols as S
from derivations.kernel import excluded
from derivations.kernel.signs import Signs

j, k, n, z = S.j, S.k, S.n, S.z


def others(f, index=j):
    return sp.Sum((1 - sp.KroneckerDelta(k, index)) * f, (k, 1, n))


def test_a_sum_over_the_other_classes_of_exponentials_is_positive():
    assert Signs([sp.Ge(n, 2)], S.INDEX_RANGES).positive(others(sp.exp(z[k])))
    assert Signs([sp.Ge(n, 2)], S.INDEX_RANGES).positive(sp.exp(z[j]) * others(sp.exp(z[k])) / sp.Sum(sp.exp(z[k]), (k, 1, n)) ** 2)
    assert Signs([sp.Ge(n, 3)], S.INDEX_RANGES).positive(others(sp.exp(z[k] - z[j])))


def test_false_or_unshown_signs_are_refused():
    assert not Signs([sp.Ge(n, 1)], S.INDEX_RANGES).positive(others(sp.exp(z[k])))    # n = 1, j = 1: empty
    assert not Signs([sp.Ge(n, 2)], S.INDEX_RANGES).positive(others(z[k]))            # z_k of any sign
    assert not Signs([sp.Ge(n, 2)], S.INDEX_RANGES).positive(others(sp.exp(z[k]), index=k))   # no term left


def test_without_two_terms_an_empty_sum_is_called_positive(monkeypatch):
    signs = Signs([sp.Ge(n, 1)], S.INDEX_RANGES)
    monkeypatch.setattr(excluded, "_two_terms_or_more", lambda signs, lo, hi: True)
    assert signs.positive(others(sp.exp(z[k])))        # false at n = 1, j = 1 (the sum is 0)


def test_without_positive_terms_a_sum_of_any_sign_is_called_positive(monkeypatch):
    signs = Signs([sp.Ge(n, 2)], S.INDEX_RANGES)
    monkeypatch.setattr(excluded, "_positive_terms", lambda inner, f: True)
    assert signs.positive(others(z[k]))                # false at n = 2, j = 1, z_2 = -1


def test_without_the_index_free_of_k_every_term_removed_is_called_positive(monkeypatch):
    """δ_{k, k m} with m = 1 is 1 at every k: Σ_k (1 - δ_{k,km}) e^{z_k} = 0."""
    m = sp.Symbol("m_", integer=True)
    signs = Signs([sp.Ge(n, 2), sp.Eq(m, 1)], S.INDEX_RANGES)
    claim = others(sp.exp(z[k]), index=k * m)
    assert not signs.positive(claim)
    monkeypatch.setattr(excluded, "_free_of", lambda j, k: True)
    assert Signs([sp.Ge(n, 2), sp.Eq(m, 1)], S.INDEX_RANGES).positive(claim)     # 0, and called positive
