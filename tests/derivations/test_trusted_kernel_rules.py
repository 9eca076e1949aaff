"""Each side condition of the kernel's rules carries weight: drop it (patch its check to pass), and
a false instance gets through; keep it, and it does not. Also the rule API issue 19 builds on."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations import kernel
from derivations.kernel import Independent, IsInteger, Kind, Rule, Status, certify, identity, propositions, signs

x, y = sp.symbols("x y", real=True)
n = sp.Symbol("n", integer=True, positive=True)
j, k, i = sp.symbols("j k i", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
RANGES = {i: n, j: n, k: n}


def _always(*_args, **_kw):
    return True


def test_log_of_a_product_needs_positive_factors(monkeypatch):
    false = (sp.log(x * y), sp.log(x) + sp.log(y), [sp.Lt(x, 0), sp.Lt(y, 0)])
    assert certify.identity("ln(xy)", *false).status == Status.UNDECIDED
    assert certify.identity("ln(xy)", sp.log(x * y), sp.log(x) + sp.log(y), [sp.Gt(x, 0), sp.Gt(y, 0)]).proved
    monkeypatch.setattr(signs.Signs, "positive", _always)
    assert certify.identity("ln(xy)", *false).proved          # the side condition was all that stood


def test_log_of_a_power_needs_a_positive_base(monkeypatch):
    false = (sp.log(x ** 3), 3 * sp.log(x), [sp.Lt(x, 0)])
    assert not certify.identity("ln x^3", *false).proved
    monkeypatch.setattr(signs.Signs, "positive", _always)
    assert certify.identity("ln x^3", *false).proved


def test_the_derivative_of_a_sum_renames_its_index_apart(monkeypatch):
    total = sp.Sum(sp.exp(z[k]), (k, 1, n))
    false = (sp.Derivative(total, z[k]), total)                # SymPy #21891's answer
    assert not certify.identity("d/dz_k", *false, ranges=RANGES).proved
    assert certify.identity("d/dz_k", sp.Derivative(total, z[k]), sp.exp(z[k]), ranges=RANGES).proved
    monkeypatch.setattr(identity, "_fresh_index", lambda: k)  # no renaming: the indices collide
    assert certify.identity("d/dz_k", *false, ranges=RANGES).proved


def test_the_derivative_of_a_sum_needs_a_range_free_of_the_variable():
    t = sp.Symbol("t", integer=True, positive=True)
    s = sp.Sum(x ** 2, (i, 1, t))
    canon = identity.Canon(signs.Signs())
    assert canon.derivative(s, x) is not None
    with pytest.raises(identity.Unsupported):
        canon.derivative(sp.Sum(x, (i, 1, z[1])), z[1])


def test_a_delta_collapses_a_sum_only_inside_its_range(monkeypatch):
    false = (sp.Sum(sp.KroneckerDelta(k, j) * z[k], (k, 1, n - 1)), z[j])     # j = n is outside
    assert not certify.identity("delta", *false, ranges=RANGES).proved
    assert certify.identity("delta", sp.Sum(sp.KroneckerDelta(k, j) * z[k], (k, 1, n)), z[j], ranges=RANGES).proved
    monkeypatch.setattr(identity.Canon, "_in_range", _always)
    assert certify.identity("delta", *false, ranges=RANGES).proved


def test_a_delta_is_zero_only_where_the_indices_are_stated_apart(monkeypatch):
    false = (sp.KroneckerDelta(j, k) * x, sp.Integer(0))
    assert not certify.identity("delta", *false).proved
    assert certify.identity("delta", *false, [sp.Ne(j, k)]).proved
    monkeypatch.setattr(identity.Canon, "__init__", _nes_everywhere(identity.Canon.__init__))
    assert certify.identity("delta", *false).proved


def _nes_everywhere(init):
    def patched(self, signs_, facts=(), ranges=None):
        init(self, signs_, facts, ranges)
        self.nes.append((j, k))
    return patched


def test_every_denominator_must_be_shown_nonzero(monkeypatch):
    false = ((x ** 2 - x) / (x - 1), x)                        # undefined at x = 1
    assert not certify.identity("cancel", *false).proved
    assert certify.identity("cancel", *false, [sp.Gt(x, 1)]).proved
    monkeypatch.setattr(signs.Signs, "nonzero", _always)
    assert certify.identity("cancel", *false).proved


def test_a_sum_of_positive_terms_is_positive_only_over_a_nonempty_range(monkeypatch):
    false = sp.Sum(sp.exp(z[k]), (k, 1, n - 1))                # empty at n = 1
    assert not certify.sign("sum > 0", false, "positive", [], RANGES).proved
    assert certify.sign("sum > 0", sp.Sum(sp.exp(z[k]), (k, 1, n)), "positive", [], RANGES).proved
    original = signs.Signs.nonnegative
    monkeypatch.setattr(signs.Signs, "nonnegative", lambda self, e: True if e == n - 2 else original(self, e))
    assert certify.sign("sum > 0", false, "positive", [], RANGES).proved


def test_an_element_assumption_is_a_family_only_at_a_bare_index(monkeypatch):
    false = (z[1], "positive", [sp.Gt(z[n], 0)])
    assert not certify.sign("z_1 > 0", *false, RANGES).proved
    assert certify.sign("z_1 > 0", z[1], "positive", [sp.Gt(z[j], 0)], RANGES).proved   # 0 < z_j: every j
    monkeypatch.setattr(propositions, "families", lambda a, r: [
        propositions.ForAll(n, 1, n, rel) if rel.has(z[n]) else rel for rel in a])
    monkeypatch.setattr(certify, "families", propositions.families)
    assert certify.sign("z_1 > 0", *false, RANGES).proved


def test_a_counterexample_must_meet_the_symbols_own_assumptions(monkeypatch):
    p = sp.Symbol("p", positive=True)
    witness = {p: sp.Integer(-1)}                              # p + 1/p >= 2 fails at -1, which is not positive
    v = certify.refute("p + 1/p >= 2", [p + 1 / p - 2], "nonnegative", [], witness)
    assert v.status == Status.UNDECIDED
    monkeypatch.setattr(certify, "_point_ok", lambda *a: "")
    assert certify.refute("p + 1/p >= 2", [p + 1 / p - 2], "nonnegative", [], witness).status == Status.REFUTED


def test_a_counterexample_needs_a_certified_separation():
    # ln(1 + x)/x at x = 10^-60: 1 + x rounds to 1 at 50 digits; Arb does not round it away
    x0 = sp.Rational(1, 10 ** 60)
    v = certify.refute("ln(1+x)/x = 1", [sp.log(1 + x) / x, sp.Integer(1) - x / 2], "equal", [], {x: x0})
    assert v.status == Status.REFUTED                           # they differ, by ~x^2/3: Arb sees it
    w = certify.refute("ln(1+x)/x > 0", [sp.log(1 + x) / x], "positive", [], {x: x0})
    assert w.status == Status.UNDECIDED                         # it holds there: nothing refuted


def test_sympys_limit_is_never_a_certificate(monkeypatch):
    from derivations import limits
    X = sp.Symbol("X", positive=True)
    claim = sp.Eq(sp.Limit(sp.Abs(sp.cos(X)) ** (1 / X), X, sp.oo), 1)
    v = certify.limit("osc", claim.lhs.args[0], X, sp.oo, ["-"], 1, [])
    assert not v.proved
    assert certify.limit("t log t", x * sp.log(x), x, 0, ["+"], 0, [sp.Gt(x, 0)]).proved


# ------------------------------------------------------------------ the rule API (issue 19 builds on it)

SQUARE = Rule("a square of a positive number is positive",
              hypotheses=lambda u, var: [("u > 0", sp.Gt(u, 0)), ("u does not depend on the variable",
                                                                  Independent(u, var))],
              conclusion=lambda u, var: sp.Gt(u ** 2, 0),
              why="u > 0 gives u * u > 0", source="the kernel's tests")


def test_by_rule_computes_the_conclusion_and_rechecks_every_hypothesis():
    h = kernel.by_hypothesis(sp.Gt(x, 0), [sp.Gt(x, 0)])
    v = kernel.by_rule(SQUARE, {"u": x, "var": y}, [h], [sp.Gt(x, 0)])
    assert v.proved and v.certificate == Kind.RULE and v.proposition.statement == sp.Gt(x ** 2, 0)
    assert not kernel.by_rule(SQUARE, {"u": x + 1, "var": y}, [h], [sp.Gt(x, 0)]).proved   # another hypothesis
    assert not kernel.by_rule(SQUARE, {"u": x, "var": x}, [h], [sp.Gt(x, 0)]).proved       # side condition fails
    assert not kernel.by_rule(SQUARE, {"u": x, "var": y}, [kernel.undecided("x > 0", "no")], [sp.Gt(x, 0)]).proved
    assert not kernel.by_rule(SQUARE, {"u": x, "var": y}, [h], []).proved     # proved under more than allowed


def test_side_conditions_are_read_by_the_kernel():
    assert IsInteger(2 * n + 1).holds() and not IsInteger(n / 2).holds() and not IsInteger(x).holds()
    assert Independent(z[1] * y, x).holds() and not Independent(z[k], z[j]).holds()
    assert not Independent(sp.Sum(z[i], (i, 1, n)), z[j]).holds()


def test_conjunction_needs_every_part():
    a = kernel.by_hypothesis(sp.Gt(x, 0), [sp.Gt(x, 0), sp.Gt(y, 0)])
    b = kernel.by_hypothesis(sp.Gt(y, 0), [sp.Gt(x, 0), sp.Gt(y, 0)])
    assert kernel.conjunction([a, b], "both", [sp.Gt(x, 0), sp.Gt(y, 0)]).proved
    assert not kernel.conjunction([a, kernel.undecided("y > 1", "no")], "both").proved
    assert not kernel.conjunction([a, b], "both", [sp.Gt(x, 0)]).proved   # b needs y > 0
