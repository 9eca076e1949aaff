"""The kernel's certificate checks: each takes what the search proposes and re-checks it.

Every function here returns a `Verdict`: PROVED or REFUTED (sealed) only when its own check
passes, else UNDECIDED with the reason. Each check is sound for the reason in its docstring.
"""
from __future__ import annotations

import sympy as sp

from derivations.kernel import arb
from derivations.kernel import identity as _identity
from derivations.kernel.propositions import ForAll, Proposition, families
from derivations.kernel.rules import _sealed, undecided
from derivations.kernel.signs import Signs
from derivations.kernel.verdict import Kind, Status, Verdict

RELATION = {"positive": sp.StrictGreaterThan, "nonnegative": sp.GreaterThan, "nonzero": sp.Unequality}


def _ranges(ranges) -> dict:
    from derivations.symbols import INDEX_RANGES, x_count, x_index
    return {**INDEX_RANGES, x_index: x_count, **(ranges or {})}


def faithful(exprs, assumptions):
    """(exprs, assumptions) with a plain (complex) symbol made real only where an assumption
    bounds that very symbol by a real number (x > 0 says x is real); x*y > 0 does not."""
    from derivations.domain import _as_bound, real_twin
    exprs, assumptions = [exact_floats(e) for e in exprs], [exact_floats(r) for r in assumptions]
    taken = set().union(*(sp.sympify(e).free_symbols for e in exprs + assumptions))
    real = {}
    for r in assumptions:
        b = _as_bound(r)
        if b is not None and isinstance(b[0], sp.Symbol) and b[0].is_real is not True and b[0].is_integer is not True:
            s = b[0]
            # a real x already in the claim is another variable: the twin must not be it
            real[s] = real_twin(s, taken, **{k: v for k, v in s.assumptions0.items()
                                             if k in ("positive", "negative", "nonnegative", "nonpositive")
                                             and v is True})
    if not real:
        return list(exprs), list(assumptions)
    return [sp.sympify(e).xreplace(real) for e in exprs], [sp.sympify(r).xreplace(real) for r in assumptions]


def exact_floats(e):
    """e with every float read as the exact binary number it holds (0.1 is
    3602879701896397/2^55, not 1/10): SymPy's float arithmetic rounds (0.1 - 1/10 is 0 at 15
    digits), which no certificate may rest on."""
    from derivations.domain import exact_number
    e = sp.sympify(e)
    if not isinstance(e, sp.Basic) or not e.has(sp.Float):
        return e
    return e.xreplace({f: exact_number(f) for f in e.atoms(sp.Float)})


def identity(claim: str, lhs, rhs, assumptions=(), facts=(), ranges=None) -> Verdict:
    """lhs = rhs by one canonical form (`derivations.kernel.identity`): a zero numerator in
    independent atoms, every denominator shown nonzero, every rewrite's side condition shown.
    `facts` (stated equations such as sum_j y_j = 1, and j != k) become assumptions of the
    proposition: it holds where they hold."""
    (lhs, rhs), assumptions = faithful([lhs, rhs], list(assumptions))
    assumptions = families(assumptions, _ranges(ranges))
    facts = list(facts)
    target = Proposition.of(sp.Eq(lhs, rhs, evaluate=False), assumptions + facts)
    signs = Signs(assumptions + [f for f in facts if not isinstance(f, sp.Eq)], ranges)
    ok, why = _identity.check(lhs, rhs, signs, facts, _ranges(ranges))
    if ok:
        return _sealed(claim, Status.PROVED, Kind.IDENTITY, target, why)
    return undecided(claim, why, proposition=target)


def sign(claim: str, expr, kind: str, assumptions=(), ranges=None) -> Verdict:
    """expr > 0, >= 0 or != 0: first the kernel's sign calculus (`derivations.kernel.signs`),
    then, for an expression without sums or derivatives, a decision procedure on the faithful
    translation of `derivations.decide` (z3's unsat believed; unknown or a time-out is not a
    proof)."""
    (expr,), assumptions = faithful([expr], list(assumptions))
    assumptions = families(assumptions, _ranges(ranges))
    target = Proposition.of(RELATION[kind](expr, 0, evaluate=False), assumptions)
    signs = Signs(assumptions, ranges)
    test = {"positive": signs.positive, "nonnegative": signs.nonnegative, "nonzero": signs.nonzero}[kind]
    shown = test(expr)
    if not shown and expr.has(sp.Derivative, sp.Sum, sp.exp, sp.log):
        # the canonical form (derivatives carried out by the kernel's rules), defined wherever
        # its denominators and logarithms' arguments are nonzero, which they must be shown to be
        try:
            canon = _identity.Canon(signs, (), _ranges(ranges))     # the declared index ranges, as `identity`
            form = canon(expr)
            shown = all(signs.nonzero(d) for d in canon.denominators + canon.logs) and test(form)
            expr_form = form
        except (_identity.Unsupported, sp.PolynomialError, TypeError, ValueError):
            shown = False
        if shown:
            return _sealed(claim, Status.PROVED, Kind.SIGN, target, f"the sign calculus shows it of the canonical "
                           f"form {expr_form}")
    if shown:
        return _sealed(claim, Status.PROVED, Kind.SIGN, target, "the sign calculus shows it from the declarations "
                       "and stated facts")
    if expr.has(sp.Sum, sp.Product, sp.Derivative, sp.Integral, sp.Limit) or expr.atoms(sp.Function) - \
            expr.atoms(sp.exp, sp.log, sp.Abs, sp.Max, sp.Min, sp.KroneckerDelta, sp.sin, sp.cos, sp.tanh):
        return _on_box(claim, expr, kind, assumptions, target,
                       "the sign calculus does not show it, and it is outside the decidable class")
    from derivations import decide
    # the families (ForAll) are the sign calculus's; what is left speaks of elements only (0 < z_j
    # with j != 1 is one element, which the decision procedure must not read as every z_k)
    d = decide.decide(expr, kind, [a for a in assumptions if not isinstance(a, ForAll)], ranges, faithful=True,
                      families=False)
    if d.result is True:
        return _sealed(claim, Status.PROVED, Kind.DECISION, target, d.detail, by=d.by)
    return _on_box(claim, expr, kind, assumptions, target, f"{d.by}: {d.detail}")


def _on_box(claim, expr, kind, assumptions, target, before: str) -> Verdict:
    """expr's sign on the bounded box the assumptions put its variables in, by branch and bound
    with Arb enclosures (`derivations.kernel.interval`); undecided (with `before`, what the
    other certificates said) where there is no box or a box is not certified within the budget."""
    from derivations.kernel import interval
    region = interval.box(expr, [a for a in assumptions if not isinstance(a, ForAll)])
    if isinstance(region, str):
        return undecided(claim, before, proposition=target)
    out = interval.sign_on_box(expr, kind, region)
    if out.proved:
        ends = ", ".join(f"{lo} <= {s} <= {hi}" for s, (lo, hi) in region.items())
        taylor = " with Taylor's theorem" if out.taylor else ""
        return _sealed(claim, Status.PROVED, Kind.INTERVAL, target, f"on the box {ends}: {out.why} (Arb enclosures)",
                       by=f"certified interval arithmetic (branch and bound{taylor})")
    return undecided(claim, f"{before}; branch and bound: {out.why}", proposition=target)


def refute(claim: str, exprs, kind: str, assumptions, witness: dict, ranges=None, statement=None) -> Verdict:
    """A counterexample, re-checked: every value is exact, every symbol's own assumptions hold at
    its value (integer, positive, ...), every stated assumption holds by a certified Arb
    enclosure (or exactly), and the claim fails by a certified enclosure that excludes the
    claimed relation (`kind`: "equal" needs the two sides separated)."""
    exprs = [sp.sympify(e) for e in exprs]
    target = Proposition.of(statement if statement is not None else sp.true, assumptions)
    values = {k: _exact(v) for k, v in (witness or {}).items()}
    at_point = _at_the_point(exprs, assumptions, values, _ranges(ranges))
    why = at_point if isinstance(at_point, str) else _point_ok(exprs, at_point, values)
    if why:
        return undecided(claim, f"the candidate counterexample is not certified: {why}", proposition=target,
                         witness=witness)
    try:
        evaluated = [_closed(_evaluable(e, assumptions), values) for e in exprs]
    except (TypeError, ValueError) as exc:     # e.g. a derivative by a variable the point fixes
        return undecided(claim, f"the candidate counterexample cannot be put into the claim exactly ({exc})",
                         proposition=target, witness=witness)
    exact = _exactly(evaluated, values)
    if exact is not None and kind == "equal" and all(v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for v in exact):
        return undecided(claim, "both sides are undefined at the candidate point: an equation says nothing there",
                         proposition=target, witness=witness)
    if exact is not None and (any(v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for v in exact)
                              or (kind in ("nonzero", "positive") and exact[0] == 0)):
        # undefined at an admissible point, or exactly 0 there (SymPy's exact arithmetic on numbers)
        return _sealed(claim, Status.REFUTED, Kind.COUNTEREXAMPLE, target,
                       "a point that meets every assumption exactly, where the claim fails (exact arithmetic)",
                       witness=values)
    if kind == "equal":
        failed = arb.apart(evaluated[0], evaluated[1], values)
    else:
        s = arb.sign(evaluated[0], values)      # an order claim fails at a value that is not real
        failed = {"positive": s in (-1, 0, arb.NONREAL), "nonnegative": s in (-1, arb.NONREAL),
                  "nonzero": s == 0}[kind]
    if not failed:
        return undecided(claim, "the sides are not separated by a certified enclosure at the candidate point",
                         proposition=target, witness=witness)
    return _sealed(claim, Status.REFUTED, Kind.COUNTEREXAMPLE, target,
                   "a point that meets every assumption exactly, where the claim fails (certified enclosures)",
                   witness=values)


def _at_the_point(exprs, assumptions, values, ranges) -> list | str:
    """The assumptions as they speak of the point: a hypothesis on a family (0 < z_j, every j in
    1..n; see `families`) as its instances at every index of the point's range, not at the
    point's one j; and each declared index the point gives a value (j in 1..n), with its range.
    Or why the point cannot be checked (a family's range without a value)."""
    import itertools
    out = []
    for r in families([sp.sympify(a) for a in assumptions], ranges):
        spans = []
        while isinstance(r, ForAll):
            top = sp.sympify(r.hi).xreplace(values)
            if not top.is_Integer:
                return f"the hypothesis on every {r.index} in {r.lo}..{r.hi} cannot be checked: {r.hi} has no value"
            spans.append([(r.index, sp.Integer(c)) for c in range(int(r.lo), int(top) + 1)])
            r = r.relation
        if sum(len(s_) for s_ in spans) > 10_000:
            return "a family with too many elements to check"
        for combo in itertools.product(*spans):
            instance = r.xreplace(dict(combo))
            if instance is sp.false:
                return f"the assumption {r} fails at {dict(combo)}"
            if instance is not sp.true:
                out.append(instance)
    read = set().union(*(sp.sympify(e).free_symbols for e in list(exprs) + out))
    for index, hi in ranges.items():
        if index in values:
            hi = sp.sympify(hi)
            top = hi.xreplace(values)
            if top.free_symbols and not top.free_symbols & read:
                top = None      # its range's end is read nowhere: a value of it holds the index
            elif not top.is_Integer:
                return f"{index} in 1..{hi} cannot be checked at the point"
            if not (values[index] >= 1 and (top is None or values[index] <= top)):
                return f"{index} = {values[index]} is outside its range 1..{hi}"
    return out


def _exact(v):
    """An exact SymPy number for a point's value (a Fraction, an int, a SymPy number); a float
    stays a Float, which the point check refuses."""
    from fractions import Fraction
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    if isinstance(v, int):
        return sp.Integer(v)
    if isinstance(v, float):
        return sp.Float(v)
    return sp.sympify(v)


def _exactly(exprs, values):
    """The expressions' exact values at the point (sums over concrete ranges written out), when
    they are numbers free of floats; None otherwise."""
    if any(e.has(sp.Derivative, sp.Integral, sp.Limit) for e in exprs):
        return None             # doit would ask SymPy's diff or limit: not an exact evaluation
    try:
        out = []
        for e in exprs:
            v = e.doit().xreplace(values) if e.has(sp.Sum, sp.Product) else e.xreplace(values)
            v = sp.expand(v)
            if not v.is_number or v.has(sp.Float):
                return None
            out.append(v)
        return out
    except Exception:      # exact arithmetic failed on this expression: no exact value
        return None


def _evaluable(e, assumptions):
    """e with its derivatives carried out by the kernel's own rules (an equal expression wherever
    e is defined), so that Arb can evaluate it; e itself when the kernel has no rule."""
    if not e.has(sp.Derivative):
        return e
    try:
        return _identity.Canon(Signs(list(assumptions)), ())(e)
    except (_identity.Unsupported, TypeError, ValueError):
        return e


def _closed(e, values):
    """e with the point's index values put in (sums get concrete ranges)."""
    from derivations.kernel.rules import alpha
    ints = {k: v for k, v in values.items() if isinstance(k, sp.Symbol) and sp.sympify(v).is_Integer}
    return alpha(e).xreplace(ints) if ints else e        # bound indices renamed apart first


# the properties a symbol may declare besides its sign (checked by Arb above): SymPy's own facts
# about an exact number decide them (None, not decided, refuses the point)
_DECLARED = ("integer", "rational", "irrational", "noninteger", "even", "odd", "prime", "composite", "zero",
             "nonzero", "real", "imaginary", "finite", "algebraic", "transcendental")


def _point_ok(exprs, assumptions, values) -> str:
    """Why the point is not admissible, or ''."""
    for atom, v in values.items():
        v = sp.sympify(v)
        if not v.is_number or v.has(sp.Float):
            return f"{atom} has no exact value"
        if getattr(atom, "is_integer", None) and not v.is_Integer:
            return f"{atom} is an integer, its value {v} is not"
        for prop, test in (("positive", lambda s: s == 1), ("nonnegative", lambda s: s in (0, 1)),
                           ("negative", lambda s: s == -1), ("nonpositive", lambda s: s in (0, -1))):
            if getattr(atom, f"is_{prop}", None):
                if v.has(sp.I) or test(arb.sign(v)) is not True:
                    return f"{atom} is {prop}, its value {v} is not shown so"
        if (getattr(atom, "is_real", None) or getattr(atom, "is_integer", None)) and v.has(sp.I):
            return f"{atom} is real, its value {v} is not"
        for prop in _DECLARED:      # every other property the symbol declares (rational, even, nonzero, ...)
            declared = getattr(atom, f"is_{prop}", None)
            if declared is not None and getattr(v, f"is_{prop}", None) is not declared:
                return f"{atom} is {'' if declared else 'not '}{prop}, its value {v} is not shown so"
    free = set().union(*(e.free_symbols for e in exprs)) if exprs else set()
    free |= set().union(*(sp.sympify(r).free_symbols for r in assumptions)) if assumptions else set()
    labels = {x.base.label for e in list(exprs) + [sp.sympify(r) for r in assumptions] for x in e.atoms(sp.Indexed)}
    for s in free - labels:
        if isinstance(s, sp.Symbol) and s not in values and not any(
                isinstance(k, sp.Indexed) and s in k.free_symbols for k in values) and \
                not _bound_inside(s, exprs):
            return f"no value for {s}"
    from derivations.domain import _as_bound, exact_number
    used = set().union(*(e.free_symbols for e in exprs)) | {b for e in exprs for b in
                                                             (x.base.label for x in e.atoms(sp.Indexed))}
    unread: dict = {}
    for r in assumptions:
        r = sp.sympify(r)
        bound = _as_bound(r) if isinstance(r, sp.Rel) else None
        var = bound[0] if bound is not None else None
        name = var.base.label if isinstance(var, sp.Indexed) else var
        if var is not None and name not in used and var not in values and \
                not any(isinstance(k, sp.Indexed) and k.base.label == name for k in values):
            unread.setdefault(var, []).append(bound[1:])
            continue    # a bound on a variable the claim never reads: some value meets it, if the
            #             bounds of that variable together leave one (checked below)
        r = r.xreplace({f: exact_number(f) for f in r.atoms(sp.Float)})   # a float bound: its exact binary value
        if not isinstance(r, sp.Rel):
            return f"the assumption {r} is not a relation"
        d = _closed(r.lhs - r.rhs, values)
        s = arb.sign(d, values)
        if s is None:
            return f"the assumption {r} is not shown to hold"
        ok = {sp.StrictGreaterThan: s == 1, sp.GreaterThan: s in (0, 1), sp.StrictLessThan: s == -1,
              sp.LessThan: s in (0, -1), sp.Unequality: s != 0, sp.Equality: s == 0}.get(type(r))
        if not ok:
            return f"the assumption {r} fails at the point"
    for var, bounds in unread.items():
        if not _leaves_a_value(var, bounds):
            return f"the assumptions on {var} are not shown to leave it a value"
    return ""


def _leaves_a_value(var, bounds) -> bool:
    """Some value of var meets every bound (side, number, closed) and var's own declared sign
    (and integrality): every lower end is shown below every upper end (an interval meets each
    of the others pairwise, so all meet: Helly's theorem on the line, for integer intervals too)."""
    from derivations.domain import exact_number
    bounds = [(side, exact_number(value), closed) for side, value, closed in bounds]
    for prop, side, closed in (("positive", ">", False), ("nonnegative", ">", True),
                               ("negative", "<", False), ("nonpositive", "<", True)):
        if getattr(var, f"is_{prop}", None):
            bounds.append((side, sp.Integer(0), closed))
    lows = [(v, c) for side, v, c in bounds if side == ">"]
    highs = [(v, c) for side, v, c in bounds if side == "<"]
    for lo, lo_closed in lows:
        for hi, hi_closed in highs:
            if var.is_integer:
                if not (lo.is_Rational and hi.is_Rational):
                    return False
                first = sp.floor(lo) + 1 if not (lo_closed and lo.is_Integer) else lo
                last = sp.ceiling(hi) - 1 if not (hi_closed and hi.is_Integer) else hi
                if first > last:
                    return False
                continue
            s = arb.sign(hi - lo)
            if not (s == 1 or (s == 0 and lo_closed and hi_closed)):
                return False
    return True


def _bound_inside(s, exprs) -> bool:
    return any(s in {lim[0] for x in e.atoms(sp.Sum, sp.Product) for lim in x.limits} for e in exprs)


def contradiction(claim: str, assumptions, why: str) -> Verdict:
    """Vacuous (not sealed: nothing is claimed true or false): the assumptions have no common
    point, by exact interval arithmetic or z3's unsat."""
    return undecided(claim, f"the assumptions contradict each other ({why}): nothing follows from them",
                     status=Status.VACUOUS, steps=[f"vacuous: {why}"],
                     by="exact interval arithmetic" if "no value" in why else "decision procedure (z3)")


def limit(claim: str, expr, symbol, point, sides, expected, assumptions=(), statement=None, ranges=None) -> Verdict:
    """lim expr = expected by the limit laws and dominant terms (`derivations.limits` in its
    trusted mode: no SymPy `limit`, `simplify` or assumptions; every sign by the kernel's sign
    calculus under the assumptions on the other variables, the approach variable t > 0). The
    value so computed must equal `expected` by the kernel's identity check (or both be the same
    infinity); one-sided values must agree. A value certifiably different (Arb separates two
    numbers, or a finite value against an infinite one) refutes the claim. Anything the laws do
    not cover (an oscillating or undefined expression along the approach) stays undecided."""
    from derivations import limits
    (expr, expected), assumptions = faithful([expr, expected], list(assumptions))
    others = families([r for r in assumptions if symbol not in sp.sympify(r).free_symbols], _ranges(ranges))
    target = Proposition.of(statement if statement is not None else sp.Eq(sp.Limit(expr, symbol, point), expected,
                                                                             evaluate=False), others)
    base = Signs(others, _ranges(ranges))
    inside = Signs(others + [sp.Gt(limits.T, 0)], _ranges(ranges))

    def sign_of(e, kind, with_t=False):
        if not with_t and e.free_symbols & {limits.T, symbol}:
            return False
        signs = inside if with_t else base
        if {"positive": signs.positive, "nonnegative": signs.nonnegative, "nonzero": signs.nonzero}[kind](e):
            return True
        if with_t or e.has(sp.Sum, sp.Derivative) or e.free_symbols - set().union(
                *(sp.sympify(r).free_symbols for r in others)) - {s for s in e.free_symbols if s.is_real}:
            return False
        v = sign(claim, e, kind, [r for r in others if not isinstance(r, ForAll)], ranges)
        return v.proved
    values, notes = [], []
    for side in sides:
        try:
            v = limits.limit(expr, symbol, point, side, sign_of, notes, trusted=True)
        except Exception as exc:      # an engine failure: no certificate
            return undecided(claim, f"the limit laws failed ({type(exc).__name__})", proposition=target)
        if v is None:
            return undecided(claim, "no limit law applies (an oscillating or undefined expression along the approach, "
                             "or a form the laws do not cover)", proposition=target, steps=notes)
        values.append(v)
    if len(values) == 2 and _apart(values[0], values[1]):
        return _sealed(claim, Status.REFUTED, Kind.LIMIT, target, f"the one-sided limits differ: {values[0]} from "
                       f"the right, {values[1]} from the left", steps=notes)
    if len(values) == 2 and not _same_value(values[0], values[1], base):
        return undecided(claim, f"the one-sided limits {values[0]} and {values[1]} are not shown equal",
                         proposition=target, steps=notes)
    value = values[0]
    if _same_value(value, expected, base):
        return _sealed(claim, Status.PROVED, Kind.LIMIT, target, f"by the limit laws the limit is {value}", steps=notes,
                       by=_limit_words(notes))
    if _apart(value, expected):
        return _sealed(claim, Status.REFUTED, Kind.LIMIT, target,
                       f"by the limit laws the limit is {value}, not {expected}", steps=notes)
    return undecided(claim, f"the limit is {value}; equality with {expected} is not shown", proposition=target,
                     steps=notes)


def _limit_words(notes) -> str:
    """The limit rules a proof used, named for a reader: the laws, and each rule of the kernel's table
    (`derivations.kernel.calculus`) whose step is among the notes."""
    from derivations.kernel import calculus
    used = [r.name for r in calculus.LIMIT_RULES if any(str(n).startswith(r.name) for n in notes)]
    return "limit laws" + (f" ({'; '.join(used)})" if used else "")


def _same_value(a, b, signs) -> bool:
    if a in (sp.oo, -sp.oo) or b in (sp.oo, -sp.oo):
        return a == b
    return _identity.check(a, b, signs)[0]


def _apart(a, b) -> bool:
    inf = (sp.oo, -sp.oo)
    if a in inf or b in inf:
        return a != b and (a in inf) != (b in inf) and sp.sympify(a if a not in inf else b).is_number or \
            (a in inf and b in inf and a != b)
    if a.is_number and b.is_number:
        return arb.apart(a, b)
    return False


def exact_numbers(claim: str, statement) -> Verdict:
    """A proposition about rational numbers only (relations joined by And / Or), decided by exact
    rational arithmetic (Python's integers): PROVED if it holds, REFUTED if it fails."""
    def value(st):
        if isinstance(st, (sp.And, sp.Or)):
            vals = [value(x) for x in st.args]
            if None in vals:
                return None
            return all(vals) if isinstance(st, sp.And) else any(vals)
        if isinstance(st, sp.Rel) and st.lhs.is_Rational and st.rhs.is_Rational:
            return bool(st.func(st.lhs, st.rhs))
        return None
    target = Proposition.of(statement, ())
    v = value(statement)
    if v is None:
        return undecided(claim, "not a proposition about rational numbers only", proposition=target)
    return _sealed(claim, Status.PROVED if v else Status.REFUTED, Kind.DECISION, target,
                   "exact arithmetic at the point", by="exact arithmetic")
