"""The kernel rule 'limits of equal functions' (derivations/kernel/congruence.py): lim f = lim g
when the kernel proves f = g; false variants refused; each side condition shown necessary."""
from __future__ import annotations

import dataclasses

import sympy as sp

from derivations.activations import sigmoid
from derivations.kernel import congruence
from derivations.kernel.verdict import Kind, Status

x = sp.Symbol("x", real=True)
SIGMA = sigmoid(x)


def lim(f, point=sp.oo):
    return sp.Limit(f, x, point)


def test_the_same_function_written_two_ways_has_one_limit():
    v = congruence.equal_limits("lim σ = lim 1/(1 + e^-x)", lim(SIGMA), lim(1 / (1 + sp.exp(-x))))
    assert v.status == Status.PROVED and v.certificate == Kind.RULE
    v = congruence.equal_limits("", lim(sp.exp(2 * x) / sp.exp(x), -sp.oo), lim(sp.exp(x), -sp.oo))
    assert v.proved


def test_different_functions_are_not_shown_to_have_one_limit():
    assert not congruence.equal_limits("", lim(1 / (1 + sp.exp(-x))), lim(1 / (1 + sp.exp(x)))).proved
    assert not congruence.equal_limits("", lim(x / (x + 1)), lim(sp.Integer(1))).proved   # the same limit, other functions
    assert not congruence.equal_limits("", lim(SIGMA), 1).proved


def test_without_the_same_approach_a_false_equation_of_limits_is_certified(monkeypatch):
    """lim_{x→∞} σ(x) = 1 and lim_{x→−∞} σ(x) = 0: not equal."""
    claim = (lim(SIGMA, sp.oo), lim(SIGMA, -sp.oo))
    assert not congruence.equal_limits("", *claim).proved
    monkeypatch.setattr(congruence, "_same_approach", lambda lhs, rhs: True)
    assert congruence.equal_limits("", *claim).proved                     # false, and certified


def test_without_the_variable_free_of_the_assumptions_a_false_equation_is_certified(monkeypatch):
    """Under x > 0, |x|/x = 1 is an identity, but lim_{x→−∞} |x|/x = −1, not lim 1 = 1."""
    claim = (lim(sp.Abs(x) / x, -sp.oo), lim(sp.Integer(1), -sp.oo))
    assert not congruence.equal_limits("", *claim, assumptions=[sp.Gt(x, 0)]).proved
    rule = congruence.LIMIT_OF_EQUALS
    monkeypatch.setattr(congruence, "LIMIT_OF_EQUALS",
                        dataclasses.replace(rule, hypotheses=lambda **instance: rule.hypotheses(**instance)[:1]))
    assert congruence.equal_limits("", *claim, assumptions=[sp.Gt(x, 0)]).proved   # false, and certified
