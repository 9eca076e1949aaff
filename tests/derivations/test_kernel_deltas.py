"""The kernel rule δ_pq f(p) = δ_pq f(q) (derivations/kernel/deltas.py): the identity it certifies,
the false claims it refuses, and each side condition shown necessary (dropped, a false claim is
certified)."""
from __future__ import annotations

import sympy as sp

from derivations import symbols as S
from derivations.kernel import certify, deltas, identity
from derivations.kernel.signs import Signs
from derivations.kernel.verdict import Kind, Status

j, k, n, z, y = S.j, S.k, S.n, S.z, S.y
LABEL = sp.Symbol("ỹ", integer=True, positive=True)
RANGES = {**S.INDEX_RANGES, LABEL: n}
SIGNS = Signs([sp.Ge(n, 2)], RANGES)


def holds(lhs, rhs) -> bool:
    return identity.check(lhs, rhs, SIGNS, (), RANGES)[0]


def test_a_delta_trades_its_indices_in_its_own_term():
    assert holds(sp.KroneckerDelta(j, LABEL) * sp.exp(z[j]), sp.KroneckerDelta(j, LABEL) * sp.exp(z[LABEL]))
    assert holds(sp.KroneckerDelta(j, 2) * z[j] ** 2, sp.KroneckerDelta(j, 2) * z[2] ** 2)
    verdict = certify.identity("δ_jk e^{z_j} = δ_jk e^{z_k}", sp.KroneckerDelta(j, k) * sp.exp(z[j]),
                               sp.KroneckerDelta(j, k) * sp.exp(z[k]), [sp.Ge(n, 2)], ranges=RANGES)
    assert verdict.status == Status.PROVED and verdict.certificate == Kind.IDENTITY
    assert deltas.RULE in verdict.reason


def test_the_chain_rule_through_every_output_with_the_true_class():
    """∂C/∂z_j = Σ_k ∂C/∂a_k ∂a_k/∂z_j for C = −ln a_ỹ (the softmax): the sum leaves δ_jỹ e^{z_j}
    beside δ_jỹ e^{z_ỹ}."""
    ell, i, kk = (sp.Symbol(s, integer=True) for s in ("ell", "_i", "_k"))
    total = sp.Sum(sp.exp(z[ell]), (ell, 1, n))
    cost = -sp.Sum(sp.log(sp.exp(z[i]) / total) * sp.KroneckerDelta(i, LABEL), (i, 1, n))
    through = sp.Sum(-sp.exp(-z[LABEL]) * sp.KroneckerDelta(kk, LABEL) * sp.Derivative(sp.exp(z[kk]) / total, z[j])
                     * total, (kk, 1, n))
    assert holds(sp.Derivative(cost, z[j]), through)
    assert not holds(sp.Derivative(cost, z[j]), 2 * through)           # a false variant


def test_false_claims_with_deltas_are_not_certified():
    assert not holds(sp.KroneckerDelta(j, k), 1)
    assert not holds(sp.KroneckerDelta(j, k) * z[j], z[k])               # the delta dropped
    assert not holds(sp.KroneckerDelta(j, k) * z[j], sp.KroneckerDelta(j, k) * z[j] ** 2)
    assert not holds(sp.KroneckerDelta(j, 2) * z[j], sp.KroneckerDelta(j, 2) * z[3])
    assert not holds(sp.KroneckerDelta(j + 1, k) * z[j], sp.KroneckerDelta(j + 1, k) * z[k])   # p := q only for symbols


def test_without_its_own_indices_kept_the_rule_certifies_delta_equal_one(monkeypatch):
    """Rewriting the delta itself (δ_jk with j := k is δ_kk = 1) would make δ_jk = 1 an identity."""
    assert not holds(sp.KroneckerDelta(j, k), 1)

    def whole_term(term):
        for f in sp.Mul.make_args(term):
            if isinstance(f, sp.KroneckerDelta):
                p, q = f.args
                return term.xreplace({p: q})
        return term
    monkeypatch.setattr(deltas, "_term", whole_term)
    assert holds(sp.KroneckerDelta(j, k), 1)                             # false, and certified


def test_without_the_bound_index_condition_a_captured_index_is_certified(monkeypatch):
    """δ_pk Σ_k z_k z_p: writing p as k there captures the sum's own k (Σ_k z_k², a false claim)."""
    p = sp.Symbol("p", integer=True)
    captured = sp.Sum(z[k] * z[p], (k, 1, n))
    numerator = sp.KroneckerDelta(p, k) * captured - sp.KroneckerDelta(p, k) * sp.Sum(z[k] ** 2, (k, 1, n))
    assert not deltas.vanishes(numerator)
    monkeypatch.setattr(deltas, "_bound", lambda e: set())
    assert deltas.vanishes(numerator)                                    # false (n = 2, z = (1, 2), p = k = 1): 3 ≠ 5


def test_a_numerator_without_deltas_is_left_alone():
    assert not deltas.vanishes(z[j] - z[k])
    assert not holds(z[j], z[k])
