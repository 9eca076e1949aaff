"""Limits by rules that are valid by construction, with SymPy's `limit` only where it is safe.

Every approach is first written as t -> +oo with t > 0: x -> +oo is x = t, x -> -oo is x = -t,
x -> a from the right is x = a + 1/t, from the left x = a - 1/t. Then, for each subexpression:
  - the limit laws: a sum, product or power of limits (finite, or infinite with a decided sign),
    continuity of exp, log, powers, sin, cos, tanh and |.| at a limit inside their domain;
  - where a law meets an indeterminate form (0 * oo, oo - oo), dominant terms: a ratio of sums
    of terms K t^p e^(lambda t), K and lambda free of t, is decided by its fastest-growing terms,
    which are found only by DECIDING the signs of the gaps lambda_1 - lambda_2 under the
    assumptions (a tie that the assumptions allow leaves it undecided, never guessed);
  - a subexpression with no symbol other than t: SymPy's `limit` (Gruntz's algorithm), which is
    reliable without symbolic parameters. SymPy's `limit` is never asked about an expression
    with symbolic parameters: it assumes an order between them (wrong on e^(-c d_2) /
    (e^(-c d_2) + e^(-c d_3)) at d_2 = d_3).
`sign_of(expr, kind)` decides signs of expressions free of t under the assumptions (the proof
module's sign engine); an undecided sign stops the rule that needed it.
"""
from __future__ import annotations

from typing import Callable

import sympy as sp

T = sp.Symbol("t_approach", positive=True)
_S = sp.Symbol("s_approach", positive=True)      # 1/t -> 0+
INFINITE = (sp.oo, -sp.oo)


class Stuck(Exception):
    """No rule applies: the limit is not established."""


def to_infinity(expr, x, point, side: str):
    """expr with x written through t -> +oo."""
    if point == sp.oo:
        return expr.subs(x, T)
    if point == -sp.oo:
        return expr.subs(x, -T)
    return expr.subs(x, point + (1 if side == "+" else -1) / T)


def limit(expr, x, point, side: str, sign_of: Callable, notes: list, trusted: bool = False) -> sp.Expr | None:
    """The limit of expr as x -> point from `side` ('+' or '-'; ignored at +-oo), or None.

    trusted (the kernel's use): the laws and dominant terms only; SymPy's `limit`, `simplify`
    and its assumptions are not consulted: a sign or a zero comes from `sign_of` and
    polynomial arithmetic over the rationals only."""
    e = to_infinity(sp.sympify(expr), x, point, side)
    if e.has(sp.I) or e.is_extended_real is False:
        notes.append(f"{e} is not real along the approach: no real limit")
        return None
    engine = _Engine(sign_of, notes, trusted)
    for form in (lambda: e, lambda: sp.expand(e), lambda: sp.cancel(sp.together(e)), lambda: sp.factor(e)):
        try:
            value = engine.at_infinity(form())
        except Stuck:
            continue
        except (ValueError, TypeError, NotImplementedError, sp.PolynomialError) as exc:
            notes.append(f"limit rules: SymPy raised {type(exc).__name__}")
            continue
        return value
    return None


class _Engine:
    def __init__(self, sign_of, notes, trusted=False):
        self.sign_of, self.notes, self.trusted = sign_of, notes, trusted
        self.memo: dict = {}

    def _simplify(self, e):
        """SymPy's simplify for the search; for the kernel, polynomial arithmetic only."""
        if self.trusted:
            return sp.cancel(sp.together(sp.expand(e, power_exp=False, power_base=False, log=False)))
        return sp.simplify(e)

    def _positive(self, e) -> bool:
        if self.trusted:
            return bool(self.sign_of(e, "positive", True))
        return e.is_positive is True

    def sign(self, e) -> int:
        """+1 / -1 / 0 for an expression free of t, decided under the assumptions; else Stuck."""
        e = sp.sympify(e)
        if e == 0 or (not self.trusted and e.is_zero):
            return 0
        if (not self.trusted and e.is_positive) or self.sign_of(e, "positive"):
            return 1
        if (not self.trusted and e.is_negative) or self.sign_of(-e, "positive"):
            return -1
        if self._simplify(e) == 0:
            return 0
        raise Stuck(f"the sign of {e} is not decided")

    def at_infinity(self, e):
        if e in self.memo:
            return self.memo[e]
        value = self._at_infinity(e)
        self.memo[e] = value
        return value

    def _at_infinity(self, e):
        if T not in e.free_symbols:
            return e
        if e == T:
            return sp.oo
        try:
            return self._laws(e)
        except Stuck as stuck:
            reason = stuck
        for rule in (self._dominant_terms, self._log_over_power, self._log_near_one, self._bounded_times_null,
                     self._analytic_leading_term, self._logs_combined, self._gruntz):
            try:
                return rule(e)
            except Stuck:
                continue
        raise reason

    # -- the limit laws ----------------------------------------------------------------------
    def _laws(self, e):
        if isinstance(e, sp.Add):
            parts = [self.at_infinity(a) for a in e.args]
            infinite = {p for p in parts if p in INFINITE}
            if len(infinite) > 1:
                raise Stuck("oo - oo")
            return infinite.pop() if infinite else sp.Add(*parts)
        if isinstance(e, sp.Mul):
            parts = [self.at_infinity(a) for a in e.args]
            finite = [p for p in parts if p not in INFINITE]
            infinite = [p for p in parts if p in INFINITE]
            if not infinite:
                return sp.Mul(*finite)
            sign = 1
            for p in finite:
                s = self.sign(p)
                if s == 0:
                    raise Stuck("0 * oo")
                sign *= s
            for p in infinite:
                sign *= 1 if p == sp.oo else -1
            return sp.oo if sign > 0 else -sp.oo
        if isinstance(e, sp.Pow):
            return self._power(e)
        if isinstance(e, sp.exp):
            u = self.at_infinity(e.args[0])
            return sp.oo if u == sp.oo else (sp.Integer(0) if u == -sp.oo else sp.exp(u))
        if isinstance(e, sp.log):
            u = self.at_infinity(e.args[0])
            if u == sp.oo:
                return sp.oo
            if u == -sp.oo:
                raise Stuck("log of -oo")
            s = self.sign(u)
            if s > 0:
                return sp.log(u)
            if s == 0 and self._positive(e.args[0]):
                return -sp.oo
            raise Stuck(f"log at {u}")
        if isinstance(e, (sp.sin, sp.cos, sp.tanh, sp.atan)):
            u = self.at_infinity(e.args[0])
            if u in INFINITE:
                if isinstance(e, sp.tanh):
                    return sp.Integer(1 if u == sp.oo else -1)
                if isinstance(e, sp.atan):
                    return sp.pi / 2 if u == sp.oo else -sp.pi / 2
                raise Stuck("sin or cos at infinity")
            return e.func(u)
        if isinstance(e, sp.Abs):
            u = self.at_infinity(e.args[0])
            return sp.oo if u in INFINITE else sp.Abs(u)
        raise Stuck(f"no law for {type(e).__name__}")

    def _power(self, e):
        base, ex = e.base, e.exp
        if T in ex.free_symbols:
            if self._positive(base) or self._eventually_positive(base):
                return self.at_infinity(sp.exp(ex * sp.log(base)))
            raise Stuck("a power with a varying exponent and a base of unknown sign")
        b = self.at_infinity(base)
        k = self.sign(ex)
        if b == sp.oo:
            return sp.oo if k > 0 else (sp.Integer(0) if k < 0 else sp.Integer(1))
        if b == -sp.oo:
            if k < 0:
                return sp.Integer(0)
            if ex.is_integer and k > 0:
                return sp.oo if ex.is_even else (-sp.oo if ex.is_odd else _stuck("parity"))
            raise Stuck("(-oo)^k")
        s = self.sign(b)
        if s == 0:
            if not ex.is_integer and not (self._positive(base) or (not self.trusted and base.is_nonnegative)):
                raise Stuck(f"a non-integer power of {base}, which may be negative near the point")
            if k > 0:
                return sp.Integer(0)
            if ex.is_integer and ex.is_even and k < 0:
                return sp.oo
            if k < 0 and self._positive(base):
                return sp.oo
            raise Stuck("0^(negative)")
        if s < 0 and not ex.is_integer:
            raise Stuck("a negative base to a non-integer power")
        return b ** ex

    def _eventually_positive(self, e) -> bool:
        """e > 0 for every t large enough: its limit is +oo or a number shown positive (a limit
        concerns only such t)."""
        try:
            at = self.at_infinity(e)
        except Stuck:
            return False
        if at in INFINITE or T in at.free_symbols:
            return at == sp.oo
        try:
            return self.sign(at) > 0
        except Stuck:
            return False

    def _log_over_power(self, e):
        """(ln t)^q t^p -> 0 for numbers q > 0 and p < 0 (ln t grows slower than any power),
        times factors with finite limits."""
        logs, power, rest = sp.Integer(0), sp.Integer(0), []
        for f in sp.Mul.make_args(e):
            b, x = f.as_base_exp()
            if b == T and x.is_number:
                power += x
            elif b == sp.log(T) and x.is_number and x > 0:
                logs += x
            else:
                rest.append(f)
        if not (logs > 0 and power.is_number and power < 0):
            raise Stuck("not a power of ln t over a power of t")
        limits = [self.at_infinity(f) for f in rest]
        if any(v in INFINITE for v in limits):
            raise Stuck("a factor without a finite limit")
        self.notes.append(f"(ln t)^{logs} t^{power} -> 0: a logarithm grows slower than any power")
        return sp.Integer(0)

    def _log_near_one(self, e):
        """ln(B)^k R has the limit of (B - 1)^k R when B -> 1 (the kernel's rule
        `LOG_NEAR_ONE`, whose conditions it checks: the log bounds proved, B -> 1)."""
        from derivations.kernel.calculus import LOG_NEAR_ONE
        factors = sp.Mul.make_args(e)
        for i, f in enumerate(factors):
            base, k = f.as_base_exp()
            if not (isinstance(base, sp.log) and k.is_Integer and k != 0 and T in base.free_symbols):
                continue
            b = base.args[0]
            try:
                at = self.at_infinity(b)
            except Stuck:
                continue
            if LOG_NEAR_ONE.missing(limit_of_base=at):
                continue
            rest = sp.Mul(*factors[:i], *factors[i + 1:])
            self.notes.append(f"{LOG_NEAR_ONE.name}: {base} -> 0 as {b} -> 1, so {base} ~ {b} - 1")
            return self.at_infinity(rest * (b - 1) ** k)
        raise Stuck("no logarithm of a quantity tending to 1")

    def _bounded_times_null(self, e):
        """R * sin u * cos v ... -> 0 when R -> 0 (the kernel's rule `BOUNDED_TIMES_NULL`, whose
        conditions it checks). The factors without a finite limit are the bounded candidates."""
        from derivations.kernel import calculus
        if not isinstance(e, sp.Mul):
            raise Stuck("not a product")
        rest, bounded = [], []
        for f in sp.Mul.make_args(e):
            try:
                at = self.at_infinity(f)
            except Stuck:
                at = None
            (bounded if at is None or at in INFINITE else rest).append(f)
        if not bounded:
            raise Stuck("no factor without a limit")
        arguments = []
        for b in bounded:
            try:
                arguments.append(self.at_infinity(b.args[0]) if b.args else None)
            except Stuck:
                arguments.append(None)
        try:
            limit_of_rest = self.at_infinity(sp.Mul(*rest))
        except Stuck:
            limit_of_rest = None
        rule = calculus.BOUNDED_TIMES_NULL
        if rule.missing(bounded=bounded, arguments_have_limits=None not in arguments, limit_of_rest=limit_of_rest):
            raise Stuck("not a null factor times bounded ones")
        self.notes.append(f"{rule.name}: {sp.Mul(*rest)} -> 0 and |{sp.Mul(*bounded)}| <= 1")
        return sp.Integer(0)

    def _analytic_leading_term(self, e):
        """A product of integer powers of functions analytic at the point (s = 1/t -> 0+), by the
        leading terms of their exact Taylor series (the kernel's rule `ANALYTIC_LEADING_TERM`)."""
        from derivations.kernel import arb, calculus, series
        if e.free_symbols != {T}:
            raise Stuck("the Taylor rule takes expressions in the approach variable only")
        f = e.xreplace({T: 1 / _S})
        factors = []
        try:
            for part in sp.Mul.make_args(f):
                base, k = part.as_base_exp()
                if not (k.is_Integer and _S in base.free_symbols):
                    base, k = part, sp.Integer(1)
                order, c, nonzero = series.leading(series.taylor(base, _S))
                factors.append((int(k), order, c, nonzero))
        except series.NotAnalytic:
            factors = None
        rule = calculus.ANALYTIC_LEADING_TERM
        if rule.missing(factors=factors):
            raise Stuck("not a product of powers of analytic factors with certified leading terms")
        P = sum(k * p for k, p, _c, _n in factors)
        C = sp.Mul(*[c ** k for k, _p, c, _n in factors])
        self.notes.append(f"{rule.name}: with s -> 0+, {f} = s^{P} ({C} + O(s))")
        if P > 0:
            return sp.Integer(0)
        if P == 0:
            return self._simplify(C)
        s = arb.sign(C)
        if s not in (1, -1):
            raise Stuck("the sign of the leading coefficient is not certified")
        return sp.oo if s == 1 else -sp.oo

    def _logs_combined(self, e):
        """R + k_1 ln A_1 + ... + k_m ln A_m (m >= 2) as R + ln(A_1^k_1 ... A_m^k_m) (the kernel's rule
        `LOGS_COMBINED`, whose condition it checks: every A_i positive along the approach; the k_i
        numbers)."""
        from derivations.kernel import calculus
        if not isinstance(e, sp.Add):
            raise Stuck("not a sum")
        logs, rest = [], []
        for term in e.args:
            k, f = term.as_coeff_Mul()
            (logs if isinstance(f, sp.log) and T in f.free_symbols else rest).append((k, f))
        if len(logs) < 2:
            raise Stuck("fewer than two logarithms")
        arguments = [f.args[0] for _k, f in logs]
        positive = all(self._positive(a) or self._eventually_positive(a) for a in arguments)
        rule = calculus.LOGS_COMBINED
        if rule.missing(positive=positive):
            raise Stuck("the logarithms are not shown combinable")
        combined = sp.log(sp.Mul(*[a ** k for a, (k, _f) in zip(arguments, logs)]))
        self.notes.append(f"{rule.name}: {sp.Add(*[k * f for k, f in logs])} = {combined}")
        return self.at_infinity(sp.Add(*[k * f for k, f in rest]) + combined)

    # -- dominant terms ----------------------------------------------------------------------
    def _dominant_terms(self, e):
        num, den = sp.fraction(sp.together(sp.powsimp(e, combine="exp")))
        top, bottom = self._terms(num), self._terms(den)
        lead_bottom, coefficient = self._leading(bottom)
        if self.sign(coefficient) == 0:
            raise Stuck("the leading coefficient of the denominator vanishes")
        total = sp.Integer(0)
        growth = []
        for (lam, p), k in top.items():
            order = self._compare((lam, p), lead_bottom)
            if order < 0:
                continue
            if order == 0:
                total += k
            else:
                growth.append(((lam, p), k))
        if growth:
            lead_top, k_top = self._leading(dict(growth))
            s = self.sign(k_top) * self.sign(coefficient)
            if s == 0:
                raise Stuck("the leading coefficient of the numerator vanishes")
            self.notes.append(f"dominant terms: the numerator grows faster ({lead_top} vs {lead_bottom})")
            return sp.oo if s > 0 else -sp.oo
        self.notes.append(f"dominant terms: t^p e^(lambda t) with (lambda, p) = {lead_bottom} lead the denominator")
        return self._simplify(total / coefficient)

    def _terms(self, expr) -> dict:
        """{(lambda, p): coefficient} for a sum of K t^p e^(lambda t + mu)."""
        out: dict = {}
        for term in sp.Add.make_args(sp.expand(expr, power_exp=True)):
            lam, p, k = sp.Integer(0), sp.Integer(0), sp.Integer(1)
            for f in sp.Mul.make_args(term):
                if T not in f.free_symbols:
                    k *= f
                elif f == T:
                    p += 1
                elif isinstance(f, sp.Pow) and f.base == T and T not in f.exp.free_symbols:
                    p += f.exp
                elif isinstance(f, sp.exp) or (isinstance(f, sp.Pow) and isinstance(f.base, sp.exp)):
                    arg = f.args[0] if isinstance(f, sp.exp) else f.base.args[0] * f.exp
                    poly = sp.Poly(sp.expand(arg), T) if sp.expand(arg).is_polynomial(T) else None
                    if poly is None or poly.degree() > 1:
                        raise Stuck("an exponent not linear in t")
                    coeffs = poly.all_coeffs()
                    slope, offset = (coeffs if len(coeffs) == 2 else [sp.Integer(0), coeffs[0]])
                    lam += slope
                    k *= sp.exp(offset)
                else:
                    raise Stuck(f"a factor {f} that is not t^p e^(lambda t)")
            if not p.is_number:
                raise Stuck("a symbolic power of t")
            found = next((key for key in out if self._simplify(key[0] - lam) == 0 and key[1] == p), None)
            key = found or (lam, p)
            out[key] = out.get(key, 0) + k
        return {key: k for key, k in out.items() if self._simplify(k) != 0}

    def _compare(self, a, b) -> int:
        gap = self.sign(self._simplify(a[0] - b[0]))
        if gap:
            return gap
        return int(sp.sign(a[1] - b[1]))

    def _leading(self, terms: dict):
        if not terms:
            raise Stuck("no terms")
        keys = list(terms)
        best = keys[0]
        for key in keys[1:]:
            if self._compare(key, best) > 0:
                best = key
        for key in keys:          # every other term is strictly slower (decided, or Stuck)
            if key is not best and self._compare(key, best) >= 0:
                raise Stuck("two leading terms")
        return best, terms[best]

    # -- no parameters: SymPy's limit ----------------------------------------------------------
    def _gruntz(self, e):
        if self.trusted:
            raise Stuck("SymPy's limit is a hint only, never a certificate")
        if e.free_symbols - {T} or e.has(sp.Sum, sp.Product, sp.Indexed, sp.Derivative, sp.Piecewise):
            raise Stuck("symbolic parameters: SymPy's limit is not trusted here")
        if e.is_extended_real is not True:
            raise Stuck("not shown real along the approach (SymPy's limit would take a complex one)")
        value = sp.limit(e, T, sp.oo)
        if value.has(sp.Limit, sp.AccumBounds) or value is sp.nan or value == sp.zoo:
            raise Stuck(f"SymPy's limit gave {value}")
        self.notes.append(f"SymPy's limit (Gruntz's algorithm, no parameters) of {e} as t -> oo: {value}")
        return value


def _stuck(why):
    raise Stuck(why)
