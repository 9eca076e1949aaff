"""Calculus rules of the kernel: a bound from a derivative's sign, and the limit rules it certifies.

`monotone_from_zero` proves f >= 0 on an interval from f(a) = 0 and the sign of f' (the mean value
theorem), every hypothesis checked by the kernel itself (identity, derivative, sign calculus or
decision). The limit engine (`derivations.limits`, in the kernel's trusted mode) applies a
`LimitRule` only when every one of its conditions holds; a condition is a named check, so that
each can be shown necessary (tests drop one and watch a false limit get through).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import sympy as sp

from derivations.kernel.propositions import Proposition
from derivations.kernel.rules import _sealed, undecided
from derivations.kernel.signs import Signs
from derivations.kernel.verdict import Kind, Status, Verdict


class NotSmooth(Exception):
    pass


def smooth_on(f, x, signs: Signs) -> None:
    """f is differentiable in x wherever the facts of `signs` hold: built from numbers, symbols,
    +, *, exp, ln of an argument shown positive, integer powers of a base shown nonzero (or
    nonnegative powers) and real powers of a base shown positive. Raises NotSmooth otherwise."""
    f = sp.sympify(f)
    if f.is_Atom:
        if f.is_number and not (f.is_real and f.is_finite):
            raise NotSmooth(f"{f} is not a real number")
        if isinstance(f, sp.Symbol) and not signs.real(f):
            raise NotSmooth(f"{f} is not real")
        return
    if isinstance(f, (sp.Add, sp.Mul)):
        for a in f.args:
            smooth_on(a, x, signs)
        return
    if isinstance(f, sp.exp):
        smooth_on(f.args[0], x, signs)
        return
    if isinstance(f, sp.log):
        if not signs.positive(f.args[0]):
            raise NotSmooth(f"ln {f.args[0]}: its argument is not shown positive")
        smooth_on(f.args[0], x, signs)
        return
    if isinstance(f, sp.Pow):
        b, k = f.args
        if k.is_Integer and (k >= 0 or signs.nonzero(b)) or signs.positive(b) and x not in k.free_symbols \
                and k.is_real:
            smooth_on(b, x, signs)
            return
        raise NotSmooth(f"{f}: the power is not shown defined and smooth")
    raise NotSmooth(f"no smoothness rule for {type(f).__name__}")


def monotone_from_zero(claim: str, f, x, a, lo, hi=None) -> Verdict:
    """f >= 0 for every x with lo < x < hi (hi None: no upper end), when
      (1) lo < a < hi and f(a) = 0 (exact identity),
      (2) f is smooth on the interval (`smooth_on`), its derivative f' by the kernel's rules,
      (3) (x - a) f'(x) >= 0 on the interval (sign calculus or decision).
    Why: by the mean value theorem f(x) = f(x) - f(a) = f'(xi) (x - a) for some xi strictly
    between a and x; xi - a has the sign of x - a, so f'(xi)(x - a) has the sign of
    f'(xi)(xi - a) >= 0."""
    from derivations.kernel import certify
    from derivations.kernel.identity import Canon, Unsupported
    f, a, lo = sp.sympify(f), sp.sympify(a), sp.sympify(lo)
    interval = [sp.Gt(x, lo)] + ([sp.Lt(x, hi)] if hi is not None else [])
    target = Proposition.of(sp.Ge(f, 0, evaluate=False), interval)
    signs = Signs(interval)
    if not (isinstance(x, sp.Symbol) and x.is_real) or f.free_symbols - {x}:
        return undecided(claim, "the rule is for a function of one real variable", proposition=target)
    if not (a.is_Rational and arb_between(lo, a, hi)):
        return undecided(claim, f"{a} is not shown inside the interval", proposition=target)
    at_a = certify.identity(claim, f.xreplace({x: a}), 0)
    if not at_a.proved:
        return undecided(claim, f"f({a}) = 0 is not shown ({at_a.reason})", proposition=target)
    try:
        smooth_on(f, x, signs)
        canon = Canon(signs, ())
        d = canon(sp.Derivative(f, x))
    except (NotSmooth, Unsupported, TypeError, ValueError) as exc:
        return undecided(claim, f"f is not shown smooth on the interval ({exc})", proposition=target)
    # f' has no denominator but f's own bases of negative powers and arguments of logs, which
    # smooth_on showed nonzero on the interval
    slope = certify.sign(claim, sp.together((x - a) * d), "nonnegative", interval)
    if not slope.proved:
        return undecided(claim, f"(x - {a}) f'(x) >= 0 is not shown ({slope.reason})", proposition=target)
    return _sealed(claim, Status.PROVED, Kind.RULE, target,
                   f"f({a}) = 0 and (x - {a}) f'(x) >= 0 with f' = {d} (mean value theorem)")


def arb_between(lo, a, hi) -> bool:
    from derivations.kernel import arb
    return arb.sign(a - lo) == 1 and (hi is None or arb.sign(sp.sympify(hi) - a) == 1)


_B = sp.Symbol("B", real=True)


@lru_cache(maxsize=None)
def log_bounds() -> tuple:
    """1 - 1/B <= ln B <= B - 1 for B > 0, each proved by `monotone_from_zero` at B = 1."""
    return (monotone_from_zero("ln B <= B - 1", _B - 1 - sp.log(_B), _B, 1, 0),
            monotone_from_zero("ln B >= 1 - 1/B", sp.log(_B) - 1 + 1 / _B, _B, 1, 0))


@dataclass(frozen=True)
class LimitRule:
    """A rewrite the limit engine may make when every condition holds. `conditions` maps each
    condition's words to a check taking the engine's facts (keyword arguments)."""

    name: str
    why: str
    conditions: dict = field(default_factory=dict)

    def missing(self, **facts) -> list[str]:
        """The conditions that do not hold (empty: the rule applies)."""
        return [words for words, check in self.conditions.items() if not check(**facts)]


LOG_NEAR_ONE = LimitRule(
    "ln B ~ B - 1",
    "For B > 0, B != 1, g = ln B / (B - 1) lies between 1/B and 1 (the log bounds 1 - 1/B <= ln B <= "
    "B - 1, proved by the kernel); let g = 1 where B = 1. Then ln B = g (B - 1) wherever B > 0, and "
    "g -> 1 as B -> 1 (squeezed between 1/B -> 1 and 1). So ln(B)^k R = g^k (B - 1)^k R, and by the "
    "product law (g^k -> 1 > 0) lim ln(B)^k R = lim (B - 1)^k R whenever the latter exists (finite or "
    "infinite). B -> 1 makes B > 0 eventually.",
    {"the log bounds are proved by the kernel": lambda **f: all(v.proved for v in log_bounds()),
     "B -> 1 along the approach": lambda limit_of_base, **f: limit_of_base == 1},
)


def _leading_terms_certified(factors, **_f) -> bool:
    return factors is not None and all(nonzero for _k, _p, _c, nonzero in factors)


ANALYTIC_LEADING_TERM = LimitRule(
    "leading terms of analytic factors",
    "Write the approach as s -> 0 with s > 0 (x = a + s, a - s, or 1/s). Let e = f_1^(k_1) ... f_m^(k_m) "
    "with integers k_i and each f_i analytic at s = 0 (`series.taylor`: built from analytic parts, every "
    "denominator, logarithm's argument and real power's base certified nonzero or positive at 0), with "
    "exact Taylor coefficients. If every coefficient of f_i below order p_i is 0 and the one of order p_i, "
    "c_i, is certified nonzero, then f_i = s^(p_i) (c_i + s h_i(s)) with h_i analytic, so e = s^P (C + "
    "O(s)) with P = sum k_i p_i and C = prod c_i^(k_i) != 0, defined for every small s > 0 (a factor with "
    "k_i < 0 is nonzero there). Hence e -> C if P = 0, 0 if P > 0, and sign(C) oo if P < 0.",
    {"every factor is analytic at the point, with exact Taylor coefficients":
         lambda factors, **f: factors is not None,
     "each factor's leading coefficient is certified nonzero (Arb), every lower one expands to 0":
         _leading_terms_certified},
)

BOUNDED_TIMES_NULL = LimitRule(
    "bounded times a null factor",
    "|sin u| <= 1 and |cos u| <= 1 for real u. If e = R * B_1 ... B_m where each B_i is sin u_i or cos "
    "u_i with u_i real along the approach (u_i has a limit there, finite or infinite, by the laws), "
    "and R -> 0, then |e| <= |R| -> 0, so e -> 0 (squeeze).",
    {"each bounded factor is sin or cos": lambda bounded, **f: all(isinstance(b, (sp.sin, sp.cos)) for b in bounded),
     "the argument of each bounded factor has a limit along the approach (so it is real there)":
         lambda arguments_have_limits, **f: arguments_have_limits,
     "the other factors tend to 0": lambda limit_of_rest, **f: limit_of_rest == 0},
)

LOGS_COMBINED = LimitRule(
    "ln A + ln B = ln(AB)",
    "For A, B > 0, ln A + ln B = ln(AB) and k ln A = ln(A^k) for a real number k. A sum R + k_1 ln A_1 "
    "+ ... + k_m ln A_m whose every A_i is positive for every t large enough (positive for every t > 0, "
    "or with a limit that is +oo or a positive number) equals R + ln(A_1^k_1 ... A_m^k_m) for those t, "
    "and a limit concerns only them.",
    {"each logarithm's argument is positive along the approach": lambda positive, **f: positive},
)

LIMIT_RULES = (LOG_NEAR_ONE, ANALYTIC_LEADING_TERM, BOUNDED_TIMES_NULL, LOGS_COMBINED)    # the table the limit engine draws on
