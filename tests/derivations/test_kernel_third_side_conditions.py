"""One test per hole the third bank found (`test_kernel_bank_third.py`), each closed as a class in
the kernel: with the check, a false instance is not proved (or a true one not refuted); with the
check dropped (patched back to what it was), the false instance gets through."""
from __future__ import annotations

import sympy as sp

from derivations import decide, domain
from derivations.kernel import Status, certify, identity, signs
from derivations.proof import prove

x = sp.Symbol("x", real=True)
xc = sp.Symbol("x")                     # plain: complex, printed as the real x is
k = sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
R = sp.Rational


def _old_twin(s, taken, **declared):
    return sp.Symbol(s.name, real=True, **declared)


# -- a plain symbol made real must not become another symbol of the same name ------------------------

def test_a_plain_symbol_made_real_stays_apart_from_a_real_symbol_of_the_same_name(monkeypatch):
    # x > 0 of a plain x says nothing of the real x: x = -1, plain x = 1
    claim = ("x > 0", x, "positive", [sp.Gt(xc, 0)])
    assert not certify.sign(*claim).proved
    assert not certify.identity("|x| = x", sp.Abs(x), x, [sp.Ge(xc, 0)]).proved
    assert certify.sign("x > 0", xc, "positive", [sp.Gt(xc, 0)]).proved        # the plain x itself
    # the search's reading too: the two x's are not one variable with no value left
    assert prove(sp.Gt(xc - x, 0, evaluate=False), [sp.Gt(xc, 0), sp.Lt(x, 0)]).status != Status.VACUOUS
    monkeypatch.setattr(domain, "real_twin", _old_twin)
    assert certify.sign(*claim).proved


# -- a counterexample keeps every property its symbols declare -----------------------------------------

def test_a_counterexample_keeps_every_declared_property_of_its_symbols(monkeypatch):
    cases = [
        (sp.Symbol("x", rational=True), lambda s: s ** 2 - 2, "nonzero", {0: -sp.sqrt(2)}),
        (sp.Symbol("x", real=True, nonzero=True), lambda s: s ** 2, "positive", {0: 0}),
        (sp.Symbol("m", even=True), lambda s: s - 1, "nonzero", {0: 1}),
        (sp.Symbol("m", odd=True), lambda s: s, "nonzero", {0: 0}),
        (sp.Symbol("p", prime=True), lambda s: s - 2, "nonnegative", {0: 1}),
        (sp.Symbol("x", real=True, noninteger=True), lambda s: s - 1, "nonzero", {0: 1}),
        (sp.Symbol("x", irrational=True), lambda s: s, "nonzero", {0: 0}),
    ]
    for s, claim, kind, point in cases:          # each claim true for every value s may take
        v = certify.refute(f"{claim(s)} {kind}", [claim(s)], kind, [], {s: point[0]})
        assert v.status == Status.UNDECIDED, (s, s.assumptions0)
    s, claim, kind, point = cases[0]
    monkeypatch.setattr(certify, "_DECLARED", ())
    assert certify.refute("x^2 - 2 != 0", [claim(s)], kind, [], {s: point[0]}).status == Status.REFUTED


# -- floats are their exact binary values --------------------------------------------------------------

def test_a_float_is_read_as_the_exact_number_it_holds(monkeypatch):
    tenth = sp.Float(0.1)          # 3602879701896397 / 2^55, a little above 1/10
    assert not certify.identity("0.1 = 1/10", tenth, R(1, 10)).proved
    assert not certify.sign("x <= 1/10", R(1, 10) - x, "nonnegative", [sp.Le(x, tenth)]).proved
    assert certify.sign("x < 0.1", tenth - x, "positive", [sp.Le(x, R(1, 10))]).proved
    third = sp.Float(1 / 3)
    assert not prove(sp.Ge(third, R(1, 3), evaluate=False)).proved          # 0.333...3148 < 1/3
    assert prove(sp.Lt(third, R(1, 3), evaluate=False)).status != Status.REFUTED
    monkeypatch.setattr(certify, "exact_floats", lambda e: sp.sympify(e))
    assert certify.identity("0.1 = 1/10", tenth, R(1, 10)).proved


# -- the index of a reversed range: its terms lie at hi+1..lo-1 (Karr), not in lo..hi ------------------

def test_a_reversed_range_gives_its_index_no_contradictory_facts(monkeypatch):
    # sum_{k=4}^{1} |k - 3| = -(|2 - 3| + |3 - 3|) = -1, but sum_{k=4}^{1} (k - 3) = +1: with the
    # facts 4 <= k <= 1 the kernel would read |k - 3| as k - 3
    lhs, rhs = sp.Sum(sp.Abs(k - 3), (k, 4, 1)), sp.Sum(k - 3, (k, 4, 1))
    assert not certify.identity("reversed |k - 3|", lhs, rhs).proved
    pw = sp.Sum(sp.Piecewise((1, k > n + 1), (0, True)), (k, n + 2, n))       # = -(term at n + 1) = 0
    assert not certify.identity("reversed piecewise", pw, -1).proved
    # e^(sum_{k=4}^{1} sqrt(k - 3)) = e^(-i) is not real, let alone positive
    assert not certify.sign("e^sum > 0", sp.exp(sp.Sum(sp.sqrt(k - 3), (k, 4, 1))), "positive").proved
    # an ordinary range keeps its facts: sum_{k=1}^{n} |z_k| e^... with z_j > 0 for every j
    assert certify.identity("sum |z_k|", sp.Sum(sp.Abs(z[k] + 1), (k, 1, n)), sp.Sum(z[k] + 1, (k, 1, n)),
                            [sp.Gt(z[j], 0)], ranges={j: n}).proved
    monkeypatch.setattr(signs.Signs, "term_range", lambda self, lo, hi: (lo, hi))
    assert certify.identity("reversed |k - 3|", lhs, rhs).proved


# -- a bound on a variable the claim never reads is skipped only where its bounds leave a value ---------

def test_unread_bounds_that_contradict_each_other_refute_nothing(monkeypatch):
    # z_j > 0 for every j in 1..n and z_1 < 0 cannot both hold (n >= 1): no point is admissible
    assumptions = [sp.Gt(z[j], 0), sp.Lt(z[1], 0)]
    point = {n: 1, j: 1, x: -1}
    v = certify.refute("x > 0", [x], "positive", assumptions, point, ranges={j: n})
    assert v.status == Status.UNDECIDED
    assert certify.refute("x > 0", [x], "positive", [sp.Gt(z[j], 0), sp.Lt(z[2], 5)], point,
                          ranges={j: n}).status == Status.REFUTED           # consistent: refuted
    X = sp.Symbol("X", positive=True)
    assert certify.refute("x > 0", [x], "positive", [sp.Lt(X, 0)], {x: -1}).status == Status.UNDECIDED
    monkeypatch.setattr(certify, "_leaves_a_value", lambda var, bounds: True)
    assert certify.refute("x > 0", [x], "positive", assumptions, point, ranges={j: n}).status == Status.REFUTED


# -- a number too large to write out is outside the decision procedure, not a crash ---------------------

def test_a_huge_rational_is_untranslatable_not_an_error():
    huge = sp.Integer(10) ** 9566
    d = decide.decide(sp.exp(sp.exp(10)) - huge, "positive", [])
    assert d.result is not True
    v = prove(sp.Gt(sp.exp(sp.exp(10)), sp.Pow(10, 9566, evaluate=False), evaluate=False))
    assert not v.proved


# -- an element at an index another hypothesis constrains is that element, for z3 too --------------------

def test_the_decision_procedure_reads_a_constrained_element_as_that_element(monkeypatch):
    # 0 < z_j with j != 1 speaks of one element z_j (`families` leaves it a plain relation); the
    # decision procedure read it as a bound on every z_k (k is a bare index too): z_k > 0 "proved",
    # false at n = 2, j = 2, k = 1, z_1 = -1
    kk = sp.Symbol("k", integer=True, positive=True)
    ranges = {j: n, kk: n}
    assumptions = [sp.Gt(z[j], 0), sp.Ne(j, 1)]
    assert not certify.sign("z_k > 0", z[kk] ** 2 + z[kk], "positive", assumptions, ranges).proved
    assert certify.sign("z_j^3 + z_j > 0", z[j] ** 3 + z[j], "positive", assumptions, ranges).proved   # z_j itself
    original = decide.decide
    monkeypatch.setattr(decide, "decide", lambda *a, **kw: original(*a, **{**kw, "families": True}))
    assert certify.sign("z_k > 0", z[kk] ** 2 + z[kk], "positive", assumptions, ranges).proved


def test_a_plain_family_made_real_stays_apart_from_a_real_family_of_the_same_name(monkeypatch):
    # z_1 > 0 of a plain family z and z_1 < 0 of the real family z can both hold: not vacuous
    zc = sp.IndexedBase("z")
    claim, assumptions = sp.Gt(zc[1] - z[1], 0, evaluate=False), [sp.Gt(zc[1], 0), sp.Lt(z[1], 0)]
    assert prove(claim, assumptions).status != Status.VACUOUS
    assert not prove(sp.Gt(z[1], 0, evaluate=False), [sp.Gt(zc[1], 0)]).proved
    monkeypatch.setattr(domain, "real_twin", lambda s, taken, **kw: sp.IndexedBase(str(s), real=True)
                        if isinstance(s, sp.IndexedBase) else sp.Symbol(s.name, real=True, **kw))
    assert prove(claim, assumptions).status == Status.VACUOUS


# -- renaming bound indices apart never captures a symbol of the claim ------------------------------------

def test_renaming_bound_indices_never_captures_a_free_symbol_of_the_same_name(monkeypatch):
    from derivations.kernel import reflexivity
    from derivations.kernel import rules
    kk = sp.Symbol("k", integer=True, positive=True)
    a0 = sp.Symbol("_a0", integer=True)                  # a free symbol named as the renaming once named
    lhs, rhs = sp.Sum(z[kk] * a0, (kk, 1, n)), sp.Sum(z[kk] * kk, (kk, 1, n))    # 2 and 1 at n = 1, z_1 = 1, a0 = 2
    assert not reflexivity(sp.Eq(lhs, rhs, evaluate=False)).proved
    assert not rules.implied(sp.Gt(lhs, 0), sp.Gt(rhs, 0))
    j2 = sp.Symbol("j", integer=True, positive=True)
    assert reflexivity(sp.Eq(rhs, sp.Sum(z[j2] * j2, (j2, 1, n)), evaluate=False)).proved    # the same sum
    original = rules.alpha

    def capturing(e):
        out = original(e)
        return out.xreplace({d: sp.Symbol(f"_a{d.dummy_index}", integer=True) for d in out.atoms(sp.Dummy)})
    monkeypatch.setattr(rules, "alpha", capturing)
    assert reflexivity(sp.Eq(lhs, rhs, evaluate=False)).proved
