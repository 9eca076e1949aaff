"""The lemmas the proofs rest on: standard facts of analysis, each with formal hypotheses and a
conclusion schema.

A proof uses one as `proof.lemma(LEMMA, why, **instance)`: the instance gives the lemma's
parameters (the summand, the range, the variable and point of a limit, ...); the hypotheses are
instantiated and each is checked (by an earlier proved step that is it, or by the primitives);
the step's statement is the conclusion computed from the schema, never typed. A lemma is stated
once here, with the text it comes from; the library is kept small: where the primitives can
check a step directly (a real square is >= 0, sigma' > 0), no lemma is used.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp

ANALYSIS = "a standard fact of real analysis (e.g. Rudin, Principles of Mathematical Analysis, chapters 3-5)"


@dataclass(frozen=True)
class Lemma:
    """A named lemma: `hypotheses(**instance)` lists (words, proposition) to check;
    `conclusion(**instance)` is what the lemma then gives."""

    name: str
    hypotheses: Callable[..., list]
    conclusion: Callable[..., sp.Basic]
    source: str = ANALYSIS

    def __repr__(self) -> str:
        return f"<Lemma {self.name}>"


def _in_range(index, lo, hi):
    return sp.And(sp.Ge(index, lo, evaluate=False), sp.Le(index, hi, evaluate=False))


def _limit(f, var, point, direction=None):
    if direction is None:
        return sp.Limit(f, var, point) if not point.is_finite else sp.Limit(f, var, point, "+-")
    return sp.Limit(f, var, point, direction)


def _eq(a, b):
    return sp.Eq(a, b, evaluate=False)


def _fixed_range(lo, hi, variable):
    """The ends of a sum's range do not depend on a variable: their derivatives by it are 0."""
    return sp.And(_eq(sp.Derivative(lo, variable), 0), _eq(sp.Derivative(hi, variable), 0), evaluate=False)


def _implies(condition, consequence):
    return sp.Implies(condition, consequence, evaluate=False)


# --- finite sums --------------------------------------------------------------------------------

def _sum(term, index, lo, hi):
    """sum_index term; a term free of the index is that many times the term (0 for 0)."""
    term = sp.sympify(term)
    if index not in term.free_symbols:
        return term * (hi - lo + 1) if term != 0 else sp.Integer(0)
    return sp.Sum(term, (index, lo, hi))


SUM_EXCEEDS_TERM = Lemma(
    "a sum of positive terms over at least two indices is larger than any one of them",
    lambda term, index, lo, hi, at: [
        ("every term is positive", _implies(_in_range(index, lo, hi), sp.Gt(term, 0, evaluate=False))),
        ("there are at least two terms", sp.Ge(hi - lo, 1, evaluate=False)),
        ("the term is one of them", _in_range(at, lo, hi)),
    ],
    lambda term, index, lo, hi, at: sp.Gt(sp.Sum(term, (index, lo, hi)), term.xreplace({index: at}), evaluate=False),
)

SUM_AT_LEAST_TERM = Lemma(
    "a sum of nonnegative terms is at least any one of them",
    lambda term, index, lo, hi, at: [
        ("every term is nonnegative", _implies(_in_range(index, lo, hi), sp.Ge(term, 0, evaluate=False))),
        ("the term is one of them", _in_range(at, lo, hi)),
    ],
    lambda term, index, lo, hi, at: sp.Ge(sp.Sum(term, (index, lo, hi)), term.xreplace({index: at}), evaluate=False),
)

DERIVATIVE_OF_SUM = Lemma(
    "the derivative of a finite sum is the sum of the derivatives",
    lambda term, index, lo, hi, variable, factor=1: [
        ("the number of terms is a whole number", sp.Ge(hi - lo + 1, 0, evaluate=False)),
        ("the number of terms does not change with the variable", _fixed_range(lo, hi, variable)),
    ],
    lambda term, index, lo, hi, variable, factor=1: _eq(
        sp.Derivative(factor * sp.Sum(term, (index, lo, hi)), variable),
        factor * sp.Sum(sp.Derivative(term, variable), (index, lo, hi))),
)


# --- limits -----------------------------------------------------------------------------------

FINITE_SUM_LIMIT = Lemma(
    "the limit of a finite sum is the sum of the limits",
    lambda term, index, lo, hi, variable, point, each: [
        ("each term has that limit", _implies(_in_range(index, lo, hi), _eq(sp.Limit(term, variable, point), each))),
        ("the number of terms is a whole number", sp.Ge(hi - lo + 1, 0, evaluate=False)),
        ("the number of terms does not change with the variable", _fixed_range(lo, hi, variable)),
    ],
    lambda term, index, lo, hi, variable, point, each: _eq(
        sp.Limit(sp.Sum(term, (index, lo, hi)), variable, point), _sum(each, index, lo, hi)),
)

CONTINUOUS_LIMIT = Lemma(
    "the limit of g(h) is g(lim h) when g is continuous there",
    lambda outer, u, inner, variable, point, value: [
        ("the inner quantity has this limit", _eq(sp.Limit(inner, variable, point), value)),
        ("g is continuous at the limit", _eq(_limit(outer, u, value), outer.xreplace({u: value}))),
    ],
    lambda outer, u, inner, variable, point, value: _eq(sp.Limit(outer.xreplace({u: inner}), variable, point),
                                                        outer.xreplace({u: value})),
)

SQUEEZE = Lemma(
    "squeeze: a quantity between two that tend to the same limit tends to it too",
    lambda f, low, high, variable, point, value: [
        ("the quantity is at least the lower one", sp.Ge(f, low, evaluate=False)),
        ("the quantity is at most the upper one", sp.Le(f, high, evaluate=False)),
        ("the lower one tends to the limit", _eq(sp.Limit(low, variable, point), value)),
        ("the upper one tends to the limit", _eq(sp.Limit(high, variable, point), value)),
    ],
    lambda f, low, high, variable, point, value: _eq(sp.Limit(f, variable, point), value),
)

RATIO_TO_INFINITY = Lemma(
    "if f/g tends to L > 0 and g > 0 tends to infinity (1/g tends to 0), then f tends to infinity",
    lambda f, g, variable, point, rate, region: [
        ("f/g tends to the rate", _eq(sp.Limit(f / g, variable, point), rate)),
        ("the rate is positive", sp.Gt(rate, 0, evaluate=False)),
        ("g is positive on the way", _implies(region, sp.Gt(g, 0, evaluate=False))),
        ("1/g tends to 0", _eq(sp.Limit(1 / g, variable, point), 0)),
    ],
    lambda f, g, variable, point, rate, region: _eq(sp.Limit(f, variable, point), sp.oo),
)

CHANGE_OF_VARIABLE = Lemma(
    "a limit is unchanged by a change of variable that runs strictly monotonically onto the approach",
    lambda f, y, point, side, phi, s, s_point: [
        ("the new variable's image tends to the point", _eq(sp.Limit(phi, s, s_point), point)),
        ("the image stays on the approach side", (sp.Gt if side == "+" else sp.Lt)(phi, point, evaluate=False)),
        ("the image moves strictly monotonically", (sp.Lt if side == "+" else sp.Gt)(sp.Derivative(phi, s), 0,
                                                                                      evaluate=False)),
    ],
    lambda f, y, point, side, phi, s, s_point: _eq(sp.Limit(f, y, point, side), sp.Limit(f.xreplace({y: phi}), s, s_point)),
)


# --- functions of one variable ------------------------------------------------------------------

CONVEX_MINIMUM = Lemma(
    "a stationary point of a strictly convex function on an open interval is its unique minimiser",
    lambda f, variable, lo, hi, point: [
        ("the point lies in the interval", sp.And(sp.Lt(lo, point, evaluate=False), sp.Lt(point, hi, evaluate=False))),
        ("the derivative vanishes there", _eq(sp.Subs(sp.Derivative(f, variable), variable, point), 0)),
        ("the second derivative is positive on the interval",
         _implies(sp.And(sp.Lt(lo, variable), sp.Lt(variable, hi)), sp.Gt(sp.Derivative(f, (variable, 2)), 0, evaluate=False))),
    ],
    lambda f, variable, lo, hi, point: sp.And(
        _implies(sp.And(sp.Lt(lo, variable), sp.Lt(variable, hi), sp.Ne(variable, point)),
                 sp.Gt(f, f.xreplace({variable: point}), evaluate=False)),
        _implies(sp.And(sp.Lt(lo, variable), sp.Lt(variable, hi)), sp.Ge(f, f.xreplace({variable: point}), evaluate=False)),
        evaluate=False),
)

SEPARABLE_MINIMUM = Lemma(
    "a sum of terms each depending on its own variable is at least the sum of the terms' minima",
    lambda f, minimum, variables, domain, index, lo, hi, weight: [
        ("each term is at least its minimum on the domain", _implies(sp.And(*domain), sp.Ge(f, minimum, evaluate=False))),
        ("the weight is positive", sp.Gt(weight, 0, evaluate=False)),
    ],
    lambda f, minimum, variables, domain, index, lo, hi, weight: _implies(
        sp.And(*[d.xreplace(variables) for d in domain]),
        sp.Ge(weight * sp.Sum(f.xreplace(variables), (index, lo, hi)),
              weight * sp.Sum(minimum.xreplace(variables), (index, lo, hi)), evaluate=False)),
)

SAME_DERIVATIVE = Lemma(
    "two functions with the same derivative on an interval differ by a constant there",
    lambda f, g, variable, other, lo, hi: [
        ("the derivatives agree on the interval",
         _implies(sp.And(sp.Lt(lo, variable), sp.Lt(variable, hi)),
                    _eq(sp.Derivative(f, variable), sp.Derivative(g, variable)))),
    ],
    lambda f, g, variable, other, lo, hi: _implies(
        sp.And(sp.Lt(lo, variable), sp.Lt(variable, hi), sp.Lt(lo, other), sp.Lt(other, hi)),
        _eq(f - g, (f - g).xreplace({variable: other}))),
)

CANCEL_FACTOR = Lemma(
    "a nonzero factor can be divided out of both sides of an equation",
    lambda unknown, factor, value: [
        ("the equation holds", _eq(factor * unknown, value)),
        ("the factor is nonzero", sp.Ne(factor, 0, evaluate=False)),
    ],
    lambda unknown, factor, value: _eq(unknown, value / factor),
)

LIBRARY = (SUM_EXCEEDS_TERM, SUM_AT_LEAST_TERM, DERIVATIVE_OF_SUM, FINITE_SUM_LIMIT, CONTINUOUS_LIMIT, SQUEEZE,
           RATIO_TO_INFINITY, CHANGE_OF_VARIABLE, CONVEX_MINIMUM, SEPARABLE_MINIMUM, SAME_DERIVATIVE, CANCEL_FACTOR)
