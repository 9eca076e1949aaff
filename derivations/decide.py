"""Decision procedures: polynomial and rational (in)equalities over the reals, decided exactly.

Most sign claims of the chapter become polynomial ones once every exponential is a positive
number (u = e^z > 0, sigma = 1/(1 + 1/u)). Two complete procedures decide those:
  - one real variable, rational function, interval assumptions: SymPy's real-root isolation
    (`Poly.intervals`): the sign between consecutive real roots is the sign at a rational point;
  - otherwise: z3's nonlinear real arithmetic (nlsat, complete for polynomial constraints):
    "assumptions and not claim" unsatisfiable means the claim holds.
A transcendental atom that remains is replaced by a variable with facts that are true of it
(e^y > 0, e^y >= 1 + y, ln u <= u - 1 with equality only at u = 1, |sin| <= 1, ...), so a proof
stays a proof; a model found then is only a candidate, which the caller checks numerically.
An expression is translated only where it is defined: every denominator nonzero, every log's
argument positive, every root's radicand nonnegative must follow from the assumptions (each
checked as its own unsatisfiability problem first).
A sum over a symbolic range is lifted to a finite claim: n = sum_i 1, and a product of k sums is
one k-fold sum, so sum-polynomials of degree k become sum_{i_1..i_k} P(z_{i_1}, ..., z_{i_k});
P (made symmetric) >= 0 for all real arguments then gives the claim (`lift_sums`).

z3 is imported only when a claim needs it.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from derivations import domain

TIMEOUT_MS = 3000
Z3 = "decision procedure (z3, nonlinear real arithmetic)"
ROOTS = "real-root isolation (SymPy Poly.intervals)"
STATS = {"calls": 0, "seconds": 0.0, "z3 calls": 0, "z3 seconds": 0.0}   # what the procedures cost


class Untranslatable(Exception):
    """The expression falls outside what the procedure can translate."""


@dataclass
class Decision:
    """result True: the claim holds under the assumptions; False: it fails at `candidate`
    (exact values; `exact` False when abstractions were used or the model was rounded, so the
    caller must check it); None: not decided (`detail` says why)."""

    result: bool | None
    by: str
    detail: str
    candidate: dict | None = None
    exact: bool = False
    undefined: bool = False         # the failure is a point where the expression is undefined


def _z3():
    import z3          # lazily: only a claim that needs the decision procedure pays for it
    return z3


# --------------------------------------------------------------------------- translation

@dataclass
class Translation:
    z3: object
    parsed: domain.Assumptions
    ranges: dict
    variables: dict = field(default_factory=dict)       # SymPy atom -> z3 term
    integer_atoms: set = field(default_factory=set)
    facts: list = field(default_factory=list)           # true of every admissible point
    obligations: list = field(default_factory=list)     # (guard, condition, what) to show first
    abstracted: list = field(default_factory=list)      # transcendental atoms replaced
    exp_atoms: dict = field(default_factory=dict)       # monomial -> (z3 var, exponent scale, z3 of the argument)
    log_atoms: list = field(default_factory=list)       # (z3 argument, z3 var)
    memo: dict = field(default_factory=dict)

    def variable(self, atom):
        if atom in self.variables:
            return self.variables[atom]
        z3 = self.z3
        if isinstance(atom, sp.Symbol) and atom.is_real is not True and atom.is_integer is not True:
            raise Untranslatable(f"{atom} is a plain (complex) symbol")
        if isinstance(atom, sp.Indexed) and atom.is_real is not True:
            raise Untranslatable(f"{atom} is complex")
        # one z3 constant per SymPy atom: two atoms printed alike (y real and y positive, distinct
        # symbols) must not become one variable, so the name carries the atom's number
        name = f"{atom}#{len(self.variables)}"
        v = z3.ToReal(z3.Int(name)) if atom.is_integer else z3.Real(name)
        self.variables[atom] = v
        iv = domain.interval_of(self.parsed, atom)
        if isinstance(atom, sp.Indexed) and atom not in self.parsed.bounds and not domain.bare_indices(atom):
            # a family's bound (from 0 < z_j) speaks of the elements at indices 1..n: z_{j+1} or z_5 may
            # lie outside, so it takes only its own assumptions
            iv = domain.Interval()
            domain.fold_own_assumptions(iv, atom.base)
        if isinstance(atom, sp.Indexed):
            own = self.parsed.bounds.get(atom)
            if own is not None and own is not iv:
                self._bound(v, own)
        integer = bool(atom.is_integer)
        if integer:
            self.integer_atoms.add(atom)
            iv = domain.Interval(iv.lo, iv.hi, iv.lo_closed, iv.hi_closed, True)
            lo, hi = iv.integer_ends()
            if lo is not None:
                self.facts.append(v >= lo)
            if hi is not None:
                self.facts.append(v <= hi)
            if atom in self.ranges:            # a free index lies in 1..its range
                self.facts.append(v >= 1)
                self.facts.append(v <= self.term(sp.sympify(self.ranges[atom])))
        else:
            self._bound(v, iv)
        if isinstance(atom, sp.Indexed):       # the same index gives the same element
            for other, w in list(self.variables.items()):
                if other is not atom and isinstance(other, sp.Indexed) and other.base == atom.base \
                        and len(other.indices) == len(atom.indices):
                    same = z3.And(*[self.term(sp.sympify(p)) == self.term(sp.sympify(q))
                                    for p, q in zip(atom.indices, other.indices)])
                    self.facts.append(z3.Implies(same, v == w))
        return v

    def _bound(self, v, iv: domain.Interval):
        if iv.lo.is_finite:
            lo = self.number(iv.lo)
            self.facts.append(v >= lo if iv.lo_closed else v > lo)
        if iv.hi.is_finite:
            hi = self.number(iv.hi)
            self.facts.append(v <= hi if iv.hi_closed else v < hi)

    def number(self, value):
        z3 = self.z3
        value = sp.sympify(value)
        if value.is_Rational:
            if max(abs(value.p), value.q).bit_length() > 4 * _EXPONENT_LIMIT:
                raise Untranslatable(f"a rational of more than {4 * _EXPONENT_LIMIT} bits")
            return z3.RealVal(f"{value.p}/{value.q}")
        if value.is_number and value.is_real:
            return self.term(value)
        raise Untranslatable(f"the number {value}")

    # -- expressions -------------------------------------------------------------------------
    def term(self, e, guard=None):
        key = (e, None if guard is None else str(guard))
        if key in self.memo:
            return self.memo[key]
        out = self._term(e, guard)
        self.memo[key] = out
        return out

    def _term(self, e, guard):
        z3 = self.z3
        if e.is_Rational:
            return self.number(e)
        if isinstance(e, (sp.Symbol, sp.Indexed)):
            return self.variable(e)
        if isinstance(e, sp.Add):
            return sum((self.term(a, guard) for a in e.args[1:]), self.term(e.args[0], guard))
        if isinstance(e, sp.Mul):
            out = self.term(e.args[0], guard)
            for a in e.args[1:]:
                out = out * self.term(a, guard)
            return out
        if isinstance(e, sp.Pow):
            return self._power(e, guard)
        if isinstance(e, sp.exp):
            return self._exp(e, guard)
        if isinstance(e, sp.log):
            return self._log(e, guard)
        if isinstance(e, sp.Abs):
            u = self.term(e.args[0], guard)
            return z3.If(u >= 0, u, -u)
        if isinstance(e, (sp.Max, sp.Min)):
            terms = [self.term(a, guard) for a in e.args]
            out = terms[0]
            for t in terms[1:]:
                out = z3.If(t > out, t, out) if isinstance(e, sp.Max) else z3.If(t < out, t, out)
            return out
        if isinstance(e, sp.sign):
            u = self.term(e.args[0], guard)
            return z3.If(u > 0, 1, z3.If(u < 0, -1, 0))
        if isinstance(e, sp.KroneckerDelta):
            p, q = (self.term(a, guard) for a in e.args)
            return z3.If(p == q, 1, 0)
        if isinstance(e, sp.Piecewise):
            return self._piecewise(e, guard)
        if isinstance(e, (sp.sin, sp.cos, sp.tanh)) or (e.is_number and e.is_real):
            return self._bounded_atom(e, guard)
        raise Untranslatable(f"{type(e).__name__} ({e})")

    def condition(self, c, guard=None):
        z3 = self.z3
        if c is sp.true:
            return z3.BoolVal(True)
        if c is sp.false:
            return z3.BoolVal(False)
        if isinstance(c, sp.And):
            return z3.And(*[self.condition(a, guard) for a in c.args])
        if isinstance(c, sp.Or):
            return z3.Or(*[self.condition(a, guard) for a in c.args])
        if isinstance(c, sp.Not):
            return z3.Not(self.condition(c.args[0], guard))
        if isinstance(c, sp.Rel):
            lhs, rhs = self.term(c.lhs, guard), self.term(c.rhs, guard)
            return {sp.StrictLessThan: lambda: lhs < rhs, sp.LessThan: lambda: lhs <= rhs,
                    sp.StrictGreaterThan: lambda: lhs > rhs, sp.GreaterThan: lambda: lhs >= rhs,
                    sp.Eq: lambda: lhs == rhs, sp.Ne: lambda: lhs != rhs}[type(c)]()
        raise Untranslatable(f"the condition {c}")

    def _oblige(self, guard, condition, what):
        self.obligations.append((guard, condition, what))

    def _guarded(self, guard, fact):
        z3 = self.z3
        return fact if guard is None else z3.Implies(guard, fact)

    def _power(self, e, guard):
        z3 = self.z3
        base, ex = e.base, e.exp
        if ex.is_Integer:
            b = self.term(base, guard)
            k = int(ex)
            if k >= 0:
                out = z3.RealVal(1)
                for _ in range(k):
                    out = out * b
                return out
            self._oblige(guard, b != 0, f"the denominator {base} is nonzero")
            r = z3.FreshReal("inv")
            self.facts.append(self._guarded(z3.And(guard, b != 0) if guard is not None else b != 0, r * b == 1))
            out = z3.RealVal(1)
            for _ in range(-k):
                out = out * r
            return out
        if ex.is_Rational:
            p, q = int(ex.p), int(ex.q)
            b = self.term(base, guard)
            self._oblige(guard, b > 0 if p < 0 else b >= 0, f"the radicand {base} is {'positive' if p < 0 else 'nonnegative'}")
            r = z3.FreshReal("root")
            rq = z3.RealVal(1)
            for _ in range(q):
                rq = rq * r
            bp = z3.RealVal(1)
            for _ in range(abs(p)):
                bp = bp * b
            fact = z3.And(r >= 0, rq == bp) if p > 0 else z3.And(r > 0, rq * bp == 1)
            self.facts.append(self._guarded(guard, z3.Implies(b > 0 if p < 0 else b >= 0, fact)))
            return r
        b = self.term(base, guard)
        self._oblige(guard, b > 0, f"the base {base} of a symbolic power is positive")
        return self._exp(sp.exp(ex * sp.log(base), evaluate=False), guard)

    def _exp(self, e, guard):
        """e^(sum of c_i m_i) = prod W_m^(c_i L_m), W_m = e^(m / L_m) > 0 one variable per monomial."""
        z3 = self.z3
        arg = sp.expand(e.args[0])
        out = z3.RealVal(1)
        constant = sp.Integer(0)
        for t in sp.Add.make_args(arg):
            coeff, rest = t.as_coeff_Mul()
            if rest == 1:
                constant += coeff
                continue
            if not coeff.is_Rational:
                rest, coeff = t, sp.Integer(1)
            var, scale = self._exp_atom(rest, coeff, guard)
            k = int(coeff * scale)
            if abs(k) > 64:
                raise Untranslatable(f"e^({t}): a power {k} of one exponential is too large to write out")
            factor = var if k > 0 else self._reciprocal(var)
            for _ in range(abs(k)):
                out = out * factor
        if constant != 0:
            out = out * self._exp_atom(sp.Integer(1), constant, guard, constant_value=sp.exp(constant))[0]
        return out

    def _reciprocal(self, var):
        z3 = self.z3
        key = ("reciprocal", str(var))
        if key not in self.memo:
            r = z3.FreshReal("inv")
            self.facts.append(r * var == 1)
            self.memo[key] = r
        return self.memo[key]

    def _exp_atom(self, monomial, coeff, guard, constant_value=None):
        z3 = self.z3
        if constant_value is not None:
            return self._bounded_atom(constant_value, guard), 1
        scale = coeff.q
        if monomial in self.exp_atoms:
            var, old_scale, _ = self.exp_atoms[monomial]
            if (coeff * old_scale).q != 1:
                raise Untranslatable(f"exponentials of {monomial} with incompatible denominators")
            return var, old_scale
        var = z3.FreshReal("exp")
        self.abstracted.append(f"e^({monomial}/{scale})" if scale != 1 else f"e^({monomial})")
        # e^w > 0 only for a real w: an argument without a translation (a plain, complex v in
        # e^(v ln 2): 2^v = -1 at v = i pi / ln 2) leaves the exponential untranslated too
        y = self.term(monomial / scale)
        facts = [var > 0]
        if y is not None:
            facts += [var >= 1 + y, z3.Implies(y > 0, var > 1), z3.Implies(y < 0, var < 1),
                      z3.Implies(y == 0, var == 1), z3.Implies(y != 0, var > 1 + y),
                      z3.Implies(y < 1, var * (1 - y) <= 1),
                      var >= 1 + y + y * y / 2 + y * y * y / 6,          # Taylor, remainder y^4 e^xi / 24 >= 0
                      z3.Implies(y <= 0, var <= 1 + y + y * y / 2)]     # remainder y^3 e^xi / 6 <= 0
            for other, (w, s2, y2) in self.exp_atoms.items():   # e^y is increasing
                if y2 is not None:
                    facts += [z3.Implies(y < y2, var < w), z3.Implies(y == y2, var == w)]
        self.facts.extend(facts)
        self.exp_atoms[monomial] = (var, scale, y)
        return var, scale

    def _log(self, e, guard):
        z3 = self.z3
        u = self.term(e.args[0], guard)
        self._oblige(guard, u > 0, f"the argument {e.args[0]} of the logarithm is positive")
        var = z3.FreshReal("log")
        self.abstracted.append(f"ln({e.args[0]})")
        facts = [var <= u - 1, var * u >= u - 1, z3.Implies(u != 1, var < u - 1),
                 z3.Implies(u != 1, var * u > u - 1), z3.Implies(u == 1, var == 0),
                 z3.Implies(u > 1, var > 0), z3.Implies(u < 1, var < 0)]
        for u2, w in self.log_atoms:      # ln is increasing
            facts += [z3.Implies(u < u2, var < w), z3.Implies(u == u2, var == w)]
        self.facts.append(self._guarded(guard, z3.Implies(u > 0, z3.And(*facts))))
        self.log_atoms.append((u, var))
        return var

    def _bounded_atom(self, e, guard):
        """sin, cos, tanh and transcendental constants: a variable with the bounds it has."""
        z3 = self.z3
        key = ("atom", e)
        if key in self.memo:
            return self.memo[key]
        var = z3.FreshReal("atom")
        self.abstracted.append(str(e))
        if e.is_number:
            lo, hi = _enclosure(e)       # a certified ball (Arb): the claim is proved for all of it
            self.facts += [var >= self.number(lo), var <= self.number(hi)]
        elif isinstance(e, (sp.sin, sp.cos)):
            self.facts += [var >= -1, var <= 1]
        else:   # tanh
            y = self.term(e.args[0], guard)
            self.facts += [var > -1, var < 1, z3.Implies(y > 0, var > 0), z3.Implies(y < 0, var < 0),
                           z3.Implies(y == 0, var == 0)]
        self.memo[key] = var
        return var

    def _piecewise(self, e, guard):
        z3 = self.z3
        branches = []
        taken_before = z3.BoolVal(False)
        for value, cond in e.args:
            c = self.condition(cond, guard)
            here = z3.And(z3.Not(taken_before), c)
            inner_guard = here if guard is None else z3.And(guard, here)
            branches.append((here, self.term(value, inner_guard)))
            taken_before = z3.Or(taken_before, c)
        self._oblige(guard, taken_before, f"some branch of {e} applies")
        out = branches[-1][1]
        for here, value in reversed(branches[:-1]):
            out = z3.If(here, value, out)
        return out


# --------------------------------------------------------------------------- deciding

def _assumption_constraints(tr: Translation, parsed: domain.Assumptions) -> list:
    out = []
    for rel in parsed.general:
        try:
            out.append(tr.condition(rel))
        except Untranslatable:
            continue          # dropping an assumption only makes the claim harder to prove
    return out


def _goal(tr: Translation, kind: str, e):
    t = tr.term(e)
    return {"positive": t > 0, "nonnegative": t >= 0, "nonzero": t != 0, "zero": t == 0}[kind]


def _solve(z3, constraints, timeout_ms):
    solver = z3.SolverFor("QF_NRA") if hasattr(z3, "SolverFor") else z3.Solver()
    solver.set("timeout", timeout_ms)
    # z3 would take Ctrl-C (SIGINT) for itself while it checks: the check stopped, unknown, and the
    # press given back; but a press landing as a check ended with an answer was lost (the command
    # went on). Told not to, z3 leaves the press to Python, which raises it once the check returns
    # (within its time limit).
    solver.set("ctrl_c", False)
    solver.add(*constraints)
    start = time.perf_counter()
    answer = solver.check()
    elapsed = time.perf_counter() - start
    for key in ("", "z3 "):
        STATS[key + "calls"] += 1
        STATS[key + "seconds"] += elapsed
    return answer, (solver.model() if answer == z3.sat else None)


def _candidate(tr: Translation, model) -> tuple[dict, bool]:
    """The model's values of the claim's own variables (exact rationals where z3 has them)."""
    z3 = tr.z3
    out, exact = {}, True
    for atom, var in tr.variables.items():
        value = model.eval(var, model_completion=True)
        if z3.is_rational_value(value):
            fr = Fraction(value.numerator_as_long(), value.denominator_as_long())
        else:
            exact = False
            fr = Fraction(value.approx(60).as_fraction()) if hasattr(value, "approx") else Fraction(0)
        if atom in tr.integer_atoms:
            if fr.denominator != 1:
                exact = False
                fr = Fraction(round(fr))
            out[atom] = int(fr)
        else:
            out[atom] = fr
    return out, exact and not tr.abstracted


def decide(expr, kind: str, assumptions=None, ranges=None, timeout_ms: int = TIMEOUT_MS,
           faithful: bool = True, families: bool = True) -> Decision:
    """Decide `expr kind` ("positive", "nonnegative", "nonzero", "zero") under the assumptions.

    Univariate rational claims go to real-root isolation, the rest to z3. The translation is
    faithful: an assumption on one element z_n bounds that element only (never the family), an
    integer is an integer, a constant is a certified enclosure. families False: no bound is
    read as a family's (the kernel's call: it has read the families itself, `ForAll`)."""
    expr = sp.sympify(expr)
    parsed = domain.parse(assumptions, elements=faithful, families=families)
    try:
        single = _univariate(expr, kind, parsed)
        if single is not None:
            return single
    except (sp.PolynomialError, sp.polys.polyerrors.PolificationFailed, NotImplementedError, TypeError, ValueError):
        pass
    try:
        z3 = _z3()
    except ImportError:
        return Decision(None, Z3, "z3 is not installed")
    from derivations.symbols import INDEX_RANGES
    tr = Translation(z3, parsed, {**INDEX_RANGES, **(ranges or {})})
    try:
        goal = _goal(tr, kind, expr)
        given = _assumption_constraints(tr, parsed)
    except Untranslatable as exc:
        return Decision(None, Z3, f"outside the decidable class: {exc}")
    by = Z3 + (f", with {', '.join(dict.fromkeys(tr.abstracted))} as variables bounded by true facts"
               if tr.abstracted else "")
    context = given + tr.facts
    for guard, cond, what in tr.obligations:
        bad = z3.Not(cond) if guard is None else z3.And(guard, z3.Not(cond))
        answer, model = _solve(z3, context + [bad], timeout_ms)
        if answer == z3.sat:
            candidate, exact = _candidate(tr, model)
            return Decision(False if exact else None, by, f"not defined everywhere: {what} fails",
                            candidate, exact, undefined=True)
        if answer != z3.unsat:
            return Decision(None, by, f"could not show that {what} ({answer})")
    answer, model = _solve(z3, context + [z3.Not(goal)], timeout_ms)
    if answer == z3.unsat:
        return Decision(True, by, "the assumptions and the negated claim are unsatisfiable")
    if answer == z3.sat:
        candidate, exact = _candidate(tr, model)
        return Decision(False if exact else None, by,
                        "a model of the assumptions violates the claim" + ("" if exact else " (a candidate)"),
                        candidate, exact)
    return Decision(None, by, f"z3 answered {answer}")


def satisfiable(assumptions, ranges=None, timeout_ms: int = TIMEOUT_MS) -> bool | None:
    """False when the assumptions contradict each other (z3 shows them unsatisfiable; sound, as
    every translation over-approximates), True when z3 finds them satisfiable exactly, None if
    undecided."""
    parsed = domain.parse(assumptions, elements=True)
    try:
        z3 = _z3()
    except ImportError:
        return None
    from derivations.symbols import INDEX_RANGES
    tr = Translation(z3, parsed, {**INDEX_RANGES, **(ranges or {})})
    try:
        for key in parsed.bounds:
            if isinstance(key, (sp.Symbol, sp.Indexed)):
                tr.variable(key)
            elif isinstance(key, sp.IndexedBase):
                tr.variable(key[sp.Dummy("element", integer=True)])
    except Untranslatable:
        pass
    constraints = _assumption_constraints(tr, parsed)
    answer, _ = _solve(z3, constraints + tr.facts, timeout_ms)
    if answer == z3.unsat:
        return False
    if answer == z3.sat and not tr.abstracted:
        return True
    return None


# --------------------------------------------------------------------------- one variable

def _univariate(expr, kind, parsed) -> Decision | None:
    """A rational function of one real variable with interval assumptions: real-root isolation.

    `Poly.intervals` gives disjoint rational intervals, one around each real root; between them
    the sign is constant, so the sign at one rational point of each gap (exact arithmetic) is the
    sign on the whole gap. A root is rational when its interval is a point."""
    free = list(expr.free_symbols)
    if len(free) != 1 or expr.atoms(sp.Indexed) or parsed.general:
        return None
    x = free[0]
    if not x.is_real or x.is_integer:
        return None
    num, den = sp.fraction(sp.together(expr))
    # together cancels a common factor ((x^2 - x/3)/(x - 1/3) = x): every denominator as written
    # joins Q, so that the claim is not proved where the expression is undefined
    written = [a.base for a in expr.atoms(sp.Pow) if a.exp.is_negative]
    if not all(d.is_polynomial(x) for d in [num, den] + written):
        return None
    P, Q, S = sp.Poly(num, x), sp.Poly(den, x), sp.Poly(sp.Mul(den, *written), x)
    if not all(poly.domain.is_QQ or poly.domain.is_ZZ for poly in (P, Q, S)):
        return None
    iv = domain.interval_of(parsed, x)
    if not all(end.is_Rational or end.is_infinite for end in (iv.lo, iv.hi)):
        return None
    start = time.perf_counter()
    try:
        return _decide_univariate(x, num, P, Q, kind, iv, S)
    finally:
        STATS["calls"] += 1
        STATS["seconds"] += time.perf_counter() - start


def _decide_univariate(x, num, P, Q, kind, iv, S=None) -> Decision | None:
    """P/Q's sign on the interval; S (default Q): the product of every denominator as written,
    which must not vanish there."""
    S = Q if S is None else S
    hit = _a_root_inside(S, _isolated(S), iv)
    if hit == "unclear":
        return None
    if hit is not None:
        return Decision(False, ROOTS, f"the denominator vanishes at {x} = {hit}", {x: hit},
                        exact=True, undefined=True)
    roots_p = _isolated(P) if not P.is_zero else []
    F = P * Q                                   # the sign of P/Q wherever Q != 0
    for point in _gap_points(_apart_from_ends(F, _isolated(F), iv) if not F.is_zero else [], iv):
        value = F.eval(sp.Rational(point.numerator, point.denominator))
        holds = {"positive": value > 0, "nonnegative": value >= 0, "nonzero": value != 0, "zero": value == 0}[kind]
        if not holds:
            return Decision(False, ROOTS, f"fails at {x} = {point}", {x: point}, exact=True)
    if kind in ("positive", "nonzero"):
        hit = _a_root_inside(P, roots_p, iv) if not P.is_zero else Fraction(0)
        if hit == "unclear":
            return None
        if hit is not None:
            return Decision(False, ROOTS, f"{num} vanishes at {x} = {hit}", {x: hit}, exact=True)
    return Decision(True, ROOTS, f"the sign holds at a rational point of every gap between the isolated real "
                                 f"roots in {iv}, and at no root it fails")


def _isolated(poly: sp.Poly) -> list[tuple]:
    """[(a, b)]: disjoint rational isolating intervals of the real roots (a == b: a rational root)."""
    if poly.degree() <= 0:
        return []
    return [(sp.Rational(a), sp.Rational(b)) for (a, b), _ in poly.intervals(eps=sp.Rational(1, 10**12))]


def _apart_from_ends(poly, intervals, iv: domain.Interval) -> list[tuple]:
    """The isolating intervals refined until none straddles a finite end of the interval (a root
    within 10^-50 of an open end leaves a gap there, which must get its test point); an end that
    is itself a root becomes a one-point interval."""
    ends = [e for e in (iv.lo, iv.hi) if e.is_finite and e.is_Rational]
    out = []
    for a, b in intervals:
        for e in ends:
            if a <= e <= b and a != b:
                if poly.eval(e) == 0 and (a < e < b or poly.count_roots(a, b) == 1):
                    a = b = e           # the interval's own root is the end
                    break
                while a <= e <= b:
                    a, b = _refined(poly, a, b)
        out.append((a, b))
    out.sort()
    for _ in range(200):        # consecutive intervals apart: a test point fits between two roots
        touching = [n for n in range(len(out) - 1) if out[n][1] >= out[n + 1][0]]
        if not touching:
            break
        for n in touching:
            out[n] = _refined(poly, *out[n])
            out[n + 1] = _refined(poly, *out[n + 1])
        out.sort()
    else:
        raise ValueError("the roots could not be separated")
    return out


def _refined(poly, a, b):
    """A smaller interval around the one root in (a, b) (exact bisection with Sturm counts;
    an end that is a root is not counted)."""
    if a == b:
        return a, b
    for _ in range(40):
        mid = (a + b) / 2
        if poly.eval(mid) == 0:
            return mid, mid
        left = poly.count_roots(a, mid) - (1 if poly.eval(a) == 0 else 0)
        right = poly.count_roots(mid, b) - (1 if poly.eval(b) == 0 else 0)
        if left >= 1 and right < 1:
            a, b = a, mid
        elif right >= 1 and left < 1:
            a, b = mid, b
        else:
            raise ValueError("an isolating interval holds more than one root")
    return a, b


def _a_root_inside(poly, intervals, iv: domain.Interval):
    """A root inside the interval (exact: a Fraction or a SymPy algebraic number), None if none,
    or "unclear" when an isolating interval straddles an end."""
    for a, b in intervals:
        if a == b:
            if _inside(a, iv):
                return Fraction(int(a.p), int(a.q))
            continue
        outside = (iv.hi.is_finite and a >= iv.hi) or (iv.lo.is_finite and b <= iv.lo)
        strictly_in = (not iv.lo.is_finite or a >= iv.lo) and (not iv.hi.is_finite or b <= iv.hi)
        if outside:
            continue
        if strictly_in:
            return next(root for root in sp.real_roots(poly) if a < root < b)
        return "unclear"
    return None


def _inside(root, iv: domain.Interval) -> bool:
    if iv.lo.is_finite:
        if root < iv.lo or (root == iv.lo and not iv.lo_closed):
            return False
    if iv.hi.is_finite:
        if root > iv.hi or (root == iv.hi and not iv.hi_closed):
            return False
    return True


def _gap_points(intervals, iv: domain.Interval) -> list[Fraction]:
    """A rational point in every gap between isolating intervals that meets the interval, and
    each closed end."""
    edges = sorted(intervals)
    cuts = [None]
    for a, b in edges:
        cuts += [a, b]
    cuts.append(None)
    lo = Fraction(int(iv.lo.p), int(iv.lo.q)) if iv.lo.is_finite else None
    hi = Fraction(int(iv.hi.p), int(iv.hi.q)) if iv.hi.is_finite else None
    points = []
    for left, right in zip(cuts[::2], cuts[1::2]):     # the gaps (left, right)
        l = Fraction(int(left.p), int(left.q)) if left is not None else None
        r = Fraction(int(right.p), int(right.q)) if right is not None else None
        if lo is not None and (l is None or l < lo):
            l = lo
        if hi is not None and (r is None or r > hi):
            r = hi
        if l is not None and r is not None:
            if l < r:
                points.append((l + r) / 2)
        elif l is not None:
            points.append(l + 1)
        elif r is not None:
            points.append(r - 1)
        else:
            points.append(Fraction(0))
    if iv.lo_closed and lo is not None:
        points.append(lo)
    if iv.hi_closed and hi is not None:
        points.append(hi)
    return points


# --------------------------------------------------------------------------- sums

def lift_sums(expr, parsed: domain.Assumptions):
    """A sum-polynomial claim as a finite one: (P, slots, count, note) or None.

    expr must be a polynomial in sums over one common range lo..hi (count = hi - lo + 1 terms)
    and in the count; each sum's summand may use family elements at its own index only. A term of
    degree d (d sums, counting `count` as the sum of 1) is the d-fold sum of the product of the
    summands; terms of lower degree are spread over d slots by the factor (1/count)^(missing).
    The symmetrised P is returned: the claim holds if P does, for every value of every slot."""
    sums = list(expr.atoms(sp.Sum))
    if not sums or any(len(s.limits) != 1 for s in sums):
        return None
    ranges = {(s.limits[0][1], s.limits[0][2]) for s in sums}
    if len(ranges) != 1:
        return None
    lo, hi = ranges.pop()
    count = sp.simplify(hi - lo + 1)
    placeholders = {s: sp.Dummy("S") for s in sums}
    body = expr.xreplace(placeholders)
    count_symbol = sp.Dummy("count")
    size_symbols = count.free_symbols
    if len(size_symbols) == 1:
        (size,) = size_symbols
        solved = sp.solve(sp.Eq(count_symbol, count), size)
        if len(solved) != 1:
            return None
        body = body.xreplace({size: solved[0]})
    elif size_symbols:
        return None
    gens = list(placeholders.values()) + ([count_symbol] if size_symbols else [])
    try:
        poly = sp.Poly(sp.expand(body), *gens)
    except sp.PolynomialError:
        return None
    if any(g in c.free_symbols for c in poly.coeffs() for g in gens):
        return None
    degree = max(sum(m) for m in poly.monoms())
    if degree < 1 or degree > 3:
        return None
    summands = []
    for s in sums:
        v = s.limits[0][0]
        summands.append((s.function, v))
        for ind in s.function.atoms(sp.Indexed):
            if v not in ind.free_symbols and ind.free_symbols:
                return None      # an element at another index: the slots would not be independent
            if v in ind.free_symbols and ind.indices != (v,):
                return None
    slot_symbols: dict = {}

    def slot_symbol(base, slot):
        if (base, slot) not in slot_symbols:
            slot_symbols[(base, slot)] = sp.Symbol(f"{base}_{slot + 1}", real=True)
        return slot_symbols[(base, slot)]

    def at_slot(summand, v, slot):
        mapping = {ind: slot_symbol(ind.base, slot) for ind in summand.atoms(sp.Indexed) if v in ind.free_symbols}
        out = summand.xreplace(mapping)
        return None if v in out.free_symbols else out
    count_value = count if not size_symbols else count_symbol
    P = sp.Integer(0)
    for monom, coeff in poly.terms():
        factors, slot = [], 0
        for (summand, v), power in zip(summands, monom[:len(summands)]):
            for _ in range(power):
                f = at_slot(summand, v, slot)
                if f is None:
                    return None
                factors.append(f)
                slot += 1
        slot += monom[len(summands)] if size_symbols else 0
        P += coeff * sp.Mul(*factors) / count_value ** (degree - slot)
    if size_symbols:
        P = P.xreplace({count_symbol: count})
    bases = {base for base, _ in slot_symbols}
    perms = list(itertools.permutations(range(degree)))
    symmetric = sp.Integer(0)
    for perm in perms:
        swap = {slot_symbol(base, slot): slot_symbol(base, perm[slot]) for base in bases for slot in range(degree)}
        symmetric += P.xreplace(swap)
    symmetric = sp.expand(symmetric / len(perms))
    variables = {sym: base for (base, _), sym in slot_symbols.items()}
    note = (f"the sums over {lo}..{hi} ({count} terms) as one {degree}-fold sum of the symmetrised "
            f"{symmetric}, each slot a free element of its family")
    return symmetric, variables, count, note


def _enclosure(e) -> tuple:
    """Exact rational ends of a certified Arb ball around the number e."""
    from derivations.kernel import arb
    try:
        ball = arb.enclose_real(e, prec=256)
    except arb.NoEnclosure as exc:
        raise Untranslatable(f"the number {e}: {exc}") from None
    if not ball.is_finite():
        raise Untranslatable(f"the number {e}: no finite enclosure")
    old, arb.flint.ctx.prec = arb.flint.ctx.prec, 256     # the ends at the ball's own precision
    try:
        bounds = (ball.lower(), True), (ball.upper(), False)
    finally:
        arb.flint.ctx.prec = old
    ends = []
    for end, down in bounds:
        m, x = (int(v) for v in end.man_exp())
        if x + m.bit_length() > _EXPONENT_LIMIT:
            raise Untranslatable(f"the number {e} is too large to write out")
        if x + m.bit_length() < -_EXPONENT_LIMIT:    # |end| < 2^-limit: widened outward to 0 or +-2^-limit
            tiny = sp.Integer(2) ** -_EXPONENT_LIMIT
            ends.append((-tiny if m < 0 else sp.Integer(0)) if down else (tiny if m > 0 else sp.Integer(0)))
            continue
        ends.append(sp.Integer(m) * sp.Integer(2) ** x)
    return ends[0], ends[1]


_EXPONENT_LIMIT = 4096      # binary exponents past this are not written out as exact rationals
