"""The lemmas the proofs rest on: standard facts of analysis, each a kernel `Rule` with complete
formal hypotheses and a conclusion schema.

A proof uses one as `proof.lemma(LEMMA, why, **instance)`: the instance gives the lemma's
parameters (the summand, the range, the variable and point of a limit, ...); the hypotheses are
instantiated and each is discharged - a side condition (`Independent`, `IsInteger`, `Smooth`) by
reading the expression with every definition unfolded, any other hypothesis by an earlier proved
step that is it, or by the primitives; the step's statement is the conclusion computed from the
schema, never typed. Each lemma says in `why` why its schema is true under exactly those
hypotheses (and a test drops each hypothesis in turn, and shows a false instance getting
through without it). A lemma is stated once here, with the text it comes from; the library is
kept small: where the primitives can check a step directly (a real square is >= 0, sigma' > 0),
no lemma is used.
"""
from __future__ import annotations

import sympy as sp
from derivations.kernel import Independent, IsInteger, Rule
from derivations.steps.smoothness import Smooth, nonsmooth_part  # noqa: F401 (side conditions read here)

ANALYSIS = "a standard fact of real analysis (e.g. Rudin, Principles of Mathematical Analysis, chapters 3-5)"

Lemma = Rule          # a lemma is a kernel rule: name, hypotheses, conclusion, why, source


# ============================================================================ side conditions

SIDE_CONDITIONS = (Independent, IsInteger, Smooth)


def independent(expr, var) -> Independent:
    """expr does not depend on var (the kernel's side condition, its arguments as SymPy objects)."""
    return Independent(sp.sympify(expr), sp.sympify(var))


def integer(expr) -> IsInteger:
    """expr is an integer (the kernel's side condition)."""
    return IsInteger(sp.sympify(expr))


# ============================================================================ helpers

def _in_range(index, lo, hi):
    return sp.And(sp.Ge(index, lo, evaluate=False), sp.Le(index, hi, evaluate=False))


def _limit(f, var, point, direction=None):
    if direction is None:
        return sp.Limit(f, var, point) if not point.is_finite else sp.Limit(f, var, point, "+-")
    return sp.Limit(f, var, point, direction)


def _eq(a, b):
    return sp.Eq(a, b, evaluate=False)


def _implies(condition, consequence):
    return sp.Implies(condition, consequence, evaluate=False)


def _fixed_range(lo, hi, variable):
    """The ends of a sum's range do not depend on the variable."""
    return [("the lower end does not depend on the variable", independent(lo, variable)),
            ("the upper end does not depend on the variable", independent(hi, variable))]


# ============================================================================ finite sums

def _sum(term, index, lo, hi):
    """sum_index term; a term free of the index is that many times the term (0 for 0)."""
    term = sp.sympify(term)
    if index not in term.free_symbols:
        return term * (hi - lo + 1) if term != 0 else sp.Integer(0)
    return sp.Sum(term, (index, lo, hi))


SUM_EXCEEDS_TERM = Lemma(
    "a sum of positive terms over at least two indices is larger than any one of them",
    lambda term, index, lo, hi, at: [
        ("the range starts at an integer", integer(lo)),
        ("the term's index is an integer", integer(at)),
        ("every term is positive", _implies(_in_range(index, lo, hi), sp.Gt(term, 0, evaluate=False))),
        ("there are at least two terms", sp.Ge(hi - lo, 1, evaluate=False)),
        ("the term is one of them", _in_range(at, lo, hi)),
    ],
    lambda term, index, lo, hi, at: sp.Gt(sp.Sum(term, (index, lo, hi)), term.xreplace({index: at}), evaluate=False),
    "the sum's terms are at lo, lo + 1, ..., up to hi (lo an integer); `at`, an integer in lo..hi, is one of them, "
    "and there is at least one other, each positive; with a non-integer `at` or `lo` the term is not one of the "
    "sum's, with one index there is no other term",
    ANALYSIS,
)

SUM_AT_LEAST_TERM = Lemma(
    "a sum of nonnegative terms is at least any one of them",
    lambda term, index, lo, hi, at: [
        ("the range starts at an integer", integer(lo)),
        ("the term's index is an integer", integer(at)),
        ("every term is nonnegative", _implies(_in_range(index, lo, hi), sp.Ge(term, 0, evaluate=False))),
        ("the term is one of them", _in_range(at, lo, hi)),
    ],
    lambda term, index, lo, hi, at: sp.Ge(sp.Sum(term, (index, lo, hi)), term.xreplace({index: at}), evaluate=False),
    "the sum is the term at `at` (an integer in lo..hi, so one of the sum's terms) plus the others, each >= 0",
    ANALYSIS,
)

DERIVATIVE_OF_SUM = Lemma(
    "the derivative of a finite sum is the sum of the derivatives",
    lambda term, index, lo, hi, variable, factor=1: [
        ("the number of terms is a whole number", sp.Ge(hi - lo + 1, 0, evaluate=False)),
        *_fixed_range(lo, hi, variable),
        ("the factor does not depend on the variable", independent(factor, variable)),
        ("the variable is not the summed element (it does not name the index)", independent(variable, index)),
        ("each term is differentiable in the variable", Smooth(sp.sympify(term), sp.sympify(variable))),
    ],
    lambda term, index, lo, hi, variable, factor=1: _eq(
        sp.Derivative(factor * sp.Sum(term, (index, lo, hi)), variable),
        factor * sp.Sum(sp.Derivative(term, variable), (index, lo, hi))),
    "a sum of a fixed number of differentiable terms is differentiated term by term (linearity), and a constant "
    "factor comes out; a range or factor that moves with the variable, a variable that is one of the summed "
    "elements (z_i with i the index), or a term that is not differentiable breaks the schema",
    ANALYSIS,
)


# ============================================================================ limits

FINITE_SUM_LIMIT = Lemma(
    "the limit of a finite sum is the sum of the limits",
    lambda term, index, lo, hi, variable, point, each: [
        ("the range starts at an integer", integer(lo)),
        ("the range ends at an integer", integer(hi)),
        ("each term has that limit", _implies(_in_range(index, lo, hi), _eq(sp.Limit(term, variable, point), each))),
        *_fixed_range(lo, hi, variable),
        ("the limit variable is not the summation index", independent(variable, index)),
    ],
    lambda term, index, lo, hi, variable, point, each: _eq(
        sp.Limit(sp.Sum(term, (index, lo, hi)), variable, point), _sum(each, index, lo, hi)),
    "the limit of a sum of a fixed, finite number of terms (the integers lo..hi, neither end moving with the "
    "variable) that each converge is the sum of their limits; a range that grows with the variable, or a limit "
    "variable that is the summation index, is not a finite sum of convergent terms (a reversed range makes 'each "
    "term has that limit' vacuous, which the checks never take as proof)",
    ANALYSIS,
)

CONTINUOUS_LIMIT = Lemma(
    "the limit of g(h) is g(lim h) when g is continuous there",
    lambda outer, u, inner, variable, point, value: [
        ("g does not depend on the limit variable", independent(outer, variable)),
        ("the inner quantity has this limit", _eq(sp.Limit(inner, variable, point), value)),
        ("g is continuous at the limit", _eq(_limit(outer, u, value), outer.xreplace({u: value}))),
    ],
    lambda outer, u, inner, variable, point, value: _eq(sp.Limit(outer.xreplace({u: inner}), variable, point),
                                                        outer.xreplace({u: value})),
    "g(h(x)) -> g(L) when h(x) -> L and g is a fixed function continuous at L; a g that also moves with x is not "
    "a fixed function",
    ANALYSIS,
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
    "low <= f <= high everywhere the hypotheses allow, and low, high -> L: then f -> L (the squeeze theorem)",
    ANALYSIS,
)


def near(variable, point, beyond):
    """The side of the approach where the variable is past `beyond` (x > beyond as x -> oo; x <
    beyond as x -> -oo; point < x < beyond as x -> point from above)."""
    if point == sp.oo:
        return sp.Gt(variable, beyond, evaluate=False)
    if point == -sp.oo:
        return sp.Lt(variable, beyond, evaluate=False)
    return sp.And(sp.Gt(variable, point, evaluate=False), sp.Lt(variable, beyond, evaluate=False))


RATIO_TO_INFINITY = Lemma(
    "if f/g tends to L > 0 and g > 0 tends to infinity (1/g tends to 0), then f tends to infinity",
    lambda f, g, variable, point, rate, beyond: [
        ("the bound does not depend on the variable", independent(beyond, variable)),
        ("f/g tends to the rate", _eq(sp.Limit(f / g, variable, point), rate)),
        ("the rate is positive", sp.Gt(rate, 0, evaluate=False)),
        ("g is positive near the point, on the approach", _implies(near(variable, point, beyond), sp.Gt(g, 0, evaluate=False))),
        ("1/g tends to 0", _eq(sp.Limit(1 / g, variable, point), 0)),
    ],
    lambda f, g, variable, point, rate, beyond: _eq(sp.Limit(f, variable, point), sp.oo),
    "near the point g > 0 and 1/g -> 0, so g -> +oo; f = (f/g) g with f/g -> L > 0, so f -> +oo. The sign of g "
    "must hold on the approach itself (past a fixed `beyond`), not on a region that moves with the variable (an "
    "empty region is found contradictory by the checks, never taken as proof)",
    ANALYSIS,
)

CHANGE_OF_VARIABLE = Lemma(
    "a limit is unchanged by a change of variable that runs strictly monotonically onto the approach",
    lambda f, y, point, side, phi, s, s_point: [
        ("the function does not depend on the new variable", independent(f, s)),
        ("the new variable's image tends to the point", _eq(sp.Limit(phi, s, s_point), point)),
        ("the image stays on the approach side", (sp.Gt if side == "+" else sp.Lt)(phi, point, evaluate=False)),
        ("the image moves strictly monotonically", (sp.Lt if side == "+" else sp.Gt)(sp.Derivative(phi, s), 0,
                                                                                      evaluate=False)),
    ],
    lambda f, y, point, side, phi, s, s_point: _eq(sp.Limit(f, y, point, side), sp.Limit(f.xreplace({y: phi}), s, s_point)),
    "phi(s) -> point from the approach side, strictly monotonically, so it runs through every y near the point on "
    "that side exactly once: f(y) and f(phi(s)) take the same values on the way, and have the same limit; f must be "
    "a function of y alone",
    ANALYSIS,
)


# ============================================================================ functions of one variable

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
    "f'' > 0 on (lo, hi) makes f' strictly increasing there, so f' < 0 left of the stationary point and > 0 right "
    "of it: f strictly decreases to it and strictly increases after (the hypotheses say f' and f'' exist there; the "
    "checks refuse SymPy's derivative of a function that may not have one)",
    ANALYSIS,
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
    "each term f(v_x) >= its minimum where v_x is in the domain; adding over x and multiplying by a positive weight "
    "keeps the inequality",
    ANALYSIS,
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
    "(f - g)' = 0 at every point of the interval (both derivatives exist there), so by the mean value theorem "
    "f - g is constant on it; a derivative SymPy writes for a function with a jump (a Piecewise) is not one, and "
    "the checks refuse to differentiate it",
    ANALYSIS,
)

CANCEL_FACTOR = Lemma(
    "a nonzero factor can be divided out of both sides of an equation",
    lambda unknown, factor, value: [
        ("the equation holds", _eq(factor * unknown, value)),
        ("the factor is nonzero", sp.Ne(factor, 0, evaluate=False)),
    ],
    lambda unknown, factor, value: _eq(unknown, value / factor),
    "factor * unknown = value with factor != 0 gives unknown = value / factor",
    ANALYSIS,
)

LIBRARY = (SUM_EXCEEDS_TERM, SUM_AT_LEAST_TERM, DERIVATIVE_OF_SUM, FINITE_SUM_LIMIT, CONTINUOUS_LIMIT, SQUEEZE,
           RATIO_TO_INFINITY, CHANGE_OF_VARIABLE, CONVEX_MINIMUM, SEPARABLE_MINIMUM, SAME_DERIVATIVE, CANCEL_FACTOR)
