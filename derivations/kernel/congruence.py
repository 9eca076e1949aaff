"""Limits of one function written two ways: lim_{x→p} f = lim_{x→p} g when f = g for every x.

A learner's step often rewrites only what stands under a limit (lim σ(x) = lim 1/(1 + e^{-x})).
The two sides are then the same limit, whether or not it exists, provided the functions agree at
every x near p: `LIMIT_OF_EQUALS` is that schema, a kernel rule whose hypothesis (f = g) must be
kernel-proved (an identity: one canonical form, every denominator nonzero) under assumptions
that say nothing of x, and whose side conditions are read from the instance: the same variable,
the same point, the same direction on both sides (lim_{x→∞} f = lim_{x→−∞} f is false for
f = σ), and x free in none of the assumptions (f = g shown only for x > 0 says nothing of the
approach to −∞). Each is shown necessary by a test (tests/derivations/test_kernel_congruence.py).
"""
from __future__ import annotations

import sympy as sp

from derivations.kernel import certify
from derivations.kernel.propositions import Independent
from derivations.kernel.rules import Rule, by_rule, undecided
from derivations.kernel.verdict import Verdict


def _hypotheses(f, g, x, point, direction, assumptions):
    return [("the functions under the two limits are equal for every value of the variable", sp.Eq(f, g, evaluate=False)),
            ("no assumption involves the variable", Independent(sp.Tuple(*assumptions), x))]


def _conclusion(f, g, x, point, direction, assumptions):
    return sp.Eq(sp.Limit(f, x, point, direction), sp.Limit(g, x, point, direction), evaluate=False)


LIMIT_OF_EQUALS = Rule(
    "limits of equal functions", _hypotheses, _conclusion,
    "where f(x) = g(x) at every x, f and g are one function, and a limit depends only on the function "
    "(and the variable, the point, the direction): the two limits are one, existing or not")


def _same_approach(lhs, rhs) -> bool:
    """The same variable, point and direction on both sides."""
    return tuple(lhs.args[1:]) == tuple(rhs.args[1:])


def equal_limits(claim: str, lhs, rhs, assumptions=(), ranges=None) -> Verdict:
    """lim f = lim g (two `sp.Limit`s) by `LIMIT_OF_EQUALS`: the same variable, point and
    direction, and f = g certified by the kernel's identity under the assumptions."""
    if not (isinstance(lhs, sp.Limit) and isinstance(rhs, sp.Limit)):
        return undecided(claim, "not two limits")
    if not _same_approach(lhs, rhs):
        return undecided(claim, "the two limits are not taken the same way (variable, point, direction)")
    (f, x, point, direction), g = lhs.args, rhs.args[0]
    assumptions = list(assumptions)
    hypothesis = certify.identity(f"{f} = {g}", f, g, assumptions, ranges=ranges)
    instance = dict(f=f, g=g, x=x, point=point, direction=direction, assumptions=tuple(assumptions))
    return by_rule(LIMIT_OF_EQUALS, instance, [hypothesis], assumptions, claim=claim)
