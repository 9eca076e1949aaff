"""What a learner's formula means under an exercise's definitions, and the one place where a
step is judged by the proof primitives.

A formula is read in display symbols (C, a_j, sigma(z_j), dC/da_j, ...). `Meaning.of` writes it
in the chain's base variables, by the exercise's definitions and the text's own:

    C, C_x -> the exercise's cost of a (derivations.models); delta_j -> dC/dz_j
    a_j -> sigma(z_j) or the softmax of z (derivations.activations); sigma, sigma' -> definitions
    z_j -> sum_k w_jk a_k^{L-1} + b_j (derivations.pairings), when the chain speaks of w or b

A derivative dX/dv is taken where v lives: dC/da_j differentiates the cost as a function of a
(SymPy, then written in z), while a derivative by a base variable (z_j, z, w_jk, b_j) is left for
both oracles, so the numeric oracle differentiates it itself (dual numbers), independently.

`judge` holds every call to `derivations.proof`: one place to change when the primitives do.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum

import sympy as sp

from derivations import kernel, symbols as S
from derivations.kernel import Kind, Status
from derivations.activations import sigma, sigma_prime, sigmoid, sigmoid_prime, softmax
from derivations.proof import Premise, Verdict, prove
from derivations.notation import text as plain_text
from exercises.check.latex import LABEL, MaxOver

C_REAL = sp.Symbol("C", real=True)       # C where the exercise has no cost
LEVELS = {"a": 0, "z": 1, "w": 2}
COST_INDEX = sp.Dummy("i", integer=True, positive=True)     # the cost's summation index      # a above z above w: a = a(z), z = z(w, b, a^{L-1})


B1 = sp.Symbol("b", real=True)            # one neuron's bias b
W1 = sp.Symbol("w", real=True)            # one neuron's single weight w (z = wx + b, the chapter's eqs. 54-56)
X1 = sp.Symbol("x", real=True)            # its single input x
X = sp.IndexedBase("x", real=True)         # one neuron's inputs x_j (the chapter's equations 57-61)
INPUT = sp.Dummy("k", integer=True, positive=True)


def one_neuron_z() -> sp.Expr:
    """One neuron's weighted input, as the chapter writes it before its equation 57: z = Σ_k w_k x_k + b."""
    return sp.Sum(S.w[INPUT] * X[INPUT], (INPUT, 1, S.n)) + B1


@dataclass
class Definition:
    """A symbol (or an indexed family) the text defines: name[params] = value."""

    params: tuple
    value: sp.Expr
    where: str = ""                 # for the report: line and text


@dataclass
class Meaning:
    ctx: object                                  # contexts.Context
    definitions: dict = field(default_factory=dict)   # base (Symbol or IndexedBase) -> Definition
    base: str = "z"
    label: bool = False                          # the chain names the true class ỹ
    index_range: tuple | None = None             # (first, last) class index, when the text fixes them
    one_neuron: bool = False                     # the chain speaks of one neuron: a = sigma(z), y
    maxima: dict = field(default_factory=dict)   # max_k z_k written in the chain -> its stand-in
    single_weight: bool = False                  # one neuron with one weight w: z = wx + b

    # --- the quantities ------------------------------------------------------------------
    def activation(self, idx) -> sp.Expr:
        ctx = self.ctx
        if ctx.scalar:
            return sigmoid(idx)
        if ctx.activation.name == "sigmoid" and sigma in self.definitions:
            return sigma(S.z[idx])                       # a_j = σ(z_j) with the σ the text displays
        if ctx.activation.name == "softmax":
            out = softmax(S.z, idx, S.c if ctx.temperature else 1)
            if self.index_range is not None:
                lo, hi = self.index_range
                out = out.replace(lambda e: isinstance(e, sp.Sum),
                                  lambda e: sp.Sum(e.function, (e.limits[0][0], lo, hi)))
            return out
        return ctx.activation.unfold(ctx.activation.of_z(idx))

    def cost(self) -> sp.Expr | None:
        model = self.ctx.model
        if model is None:
            return None
        total = model.cost(idx=COST_INDEX)    # one bound name, so two copies of C are identical
        if self.one_neuron:                   # the chapter's first sections: one output neuron
            (summand,) = total.atoms(sp.Sum)
            one = summand.function.xreplace({S.a[COST_INDEX]: S.a1, S.y[COST_INDEX]: S.y1})
            return total.xreplace({summand: one})
        return total

    # --- reading a formula ---------------------------------------------------------------
    def of(self, expr: sp.Basic) -> sp.Basic:
        """The formula in the chain's base variables."""
        return self._walk(sp.sympify(expr), self.base)

    def level_of(self, v) -> str:
        """Where a derivative's variable lives: a (the cost's argument), z, or w (and b)."""
        if isinstance(v, sp.Indexed):
            name = v.base
            if name == S.a:
                return "a" if self.ctx.activation is not None or self.definitions.get(S.a) else self.base
            if name == S.z:
                return "z"
            if name in (S.w, S.b, S.a_prev):
                return "w"
        if v in (S.a1,):
            return "a"
        if v in (B1, W1) and self.one_neuron:
            return "w"
        if v in (S.z1,):
            return "z"
        return self.base

    def _walk(self, e, level: str):
        if isinstance(e, sp.Derivative):
            return self._derivative(e, level)
        if isinstance(e, sp.Indexed):
            return self._indexed(e, level)
        if isinstance(e, sp.Symbol):
            return self._symbol(e, level)
        if isinstance(e, MaxOver):     # max_k z_k: a stand-in, any value (see checker: refutations)
            return self.maxima.setdefault(e, sp.Symbol(f"max_{e.args[1]} {plain_text(e.args[0])}", real=True))
        if isinstance(e, (sigma, sigma_prime)):          # sigma is the sigmoid in every exercise
            own = self.definitions.get(sigma)            # unless the text displays its own σ(z) = ...
            if own is not None:
                (p,) = own.params
                form = own.value if isinstance(e, sigma) else sp.diff(own.value, p)
                return self._walk(form.xreplace({p: e.args[0]}), level)
            arg = self._walk(e.args[0], level)
            return sigmoid(arg) if isinstance(e, sigma) else sigmoid_prime(arg)
        if isinstance(e, sp.Sum) and all(t.is_number for t in e.limits[0][1:]) and len(e.limits) == 1:
            lo, hi = e.limits[0][1:]
            if 0 <= hi - lo <= 30:
                return self._walk(e.doit(), level)
        if not e.args:
            return e
        out = e.func(*(self._walk(arg, level) for arg in e.args))
        while isinstance(out, sp.Sum) and out.limits[-1][0] not in out.function.free_symbols:
            (_, lo, hi), rest = out.limits[-1], out.limits[:-1]   # sum_x C_x: every example's cost
            body = sp.Sum(out.function, *rest) if rest else out.function    # is the one cost here
            out = body * (hi - lo + 1)
        return out

    def _symbol(self, e, level):
        for own in self.ctx.own_symbols():        # the claim's own letters (M, m, q): its symbols
            if own.name == e.name and own != e and not isinstance(e, sp.Dummy):
                return own
        if e in self.definitions:
            return self._walk(self.definitions[e].value, level)
        if e == S.C and self.cost() is not None:
            return self._walk(self.cost(), level)
        if e == S.C:                  # no cost: a learner's C is a real quantity, like every letter
            return C_REAL
        if e == S.z1 and level == "w" and self.one_neuron:
            return self._walk(W1 * X1 + B1, level) if self.single_weight else one_neuron_z()
        if e == S.a1 and (self.ctx.scalar or self.one_neuron) and LEVELS[level] >= LEVELS["z"] \
                and self.ctx.activation is not None and self.ctx.activation.name == "sigmoid":
            return self._walk(sigma(S.z1) if sigma in self.definitions else sigmoid(S.z1), level)   # (the text's σ)
        return e

    def _indexed(self, e, level):
        base = e.base
        indices = tuple(self._walk(t, level) for t in e.indices)
        if base in self.definitions:
            d = self.definitions[base]
            if len(d.params) == len(indices):
                symbolic = {p: v for p, v in zip(d.params, indices) if not p.is_number}
                if all(p == v for p, v in zip(d.params, indices) if p.is_number):
                    return self._walk(d.value.xreplace(symbolic), level)
        if base == S.C_x:
            return self._symbol(S.C, level)
        if base == S.delta and len(indices) == 1:
            return self._walk(sp.Derivative(S.C, S.z[indices[0]]), level)
        if base == S.y and self.label:
            return sp.KroneckerDelta(indices[0], LABEL)
        if base == S.a and len(indices) == 1 and LEVELS[level] >= LEVELS["z"] and self.ctx.activation is not None:
            return self._walk(self.activation(indices[0]), level)
        if base == S.z and len(indices) == 1 and level == "w":
            from derivations.pairings import z_of_weights
            return z_of_weights(indices[0])
        return base[indices]

    def _derivative(self, e: sp.Derivative, level):
        (v, count), *rest = e.variable_count
        inner = sp.Derivative(e.expr, *rest) if rest else e.expr
        v = self._walk(v, self.level_of(v)) if not isinstance(v, (sp.Indexed, sp.Symbol)) else v
        if self.base == "z" and count == 1 and isinstance(v, sp.Indexed) and (
                (v.base == S.w and len(v.indices) == 2) or (v.base == S.b and len(v.indices) == 1)):
            # through z: z_i = sum_k w_ik a_k^{L-1} + b_i depends on w_jk (b_j) only for i = j, with
            # dz_j/dw_jk = a_k^{L-1} (dz_j/db_j = 1): the chain rule, as derivations.pairings derives it
            body = self._walk(inner, "z")
            through = sp.Derivative(body, S.z[v.indices[0]])
            return through * S.a_prev[v.indices[1]] if v.base == S.w else through
        where = self.level_of(v)
        own = v.base if isinstance(v, sp.Indexed) else v
        if count == 1 and own in self.definitions and isinstance(v, (sp.Indexed, sp.Symbol)):
            # by a quantity the text defines (d ln p_i / d p_i): taken in that quantity, then its definition
            saved = self.definitions.pop(own)
            try:
                body = self._walk(inner, where)
            finally:
                self.definitions[own] = saved
            return self._walk(S.evaluate(sp.diff(body, v), ranges_for(body)), level)
        body = self._walk(inner, where)
        if where == self.base:
            return sp.Derivative(body, (v, count))     # both oracles differentiate it themselves
        taken = S.evaluate(sp.diff(body, v, count), ranges_for(body))   # dC/da_j: C as a function of a
        return self._walk(taken, level)


def base_level(ctx, exprs) -> str:
    """The chain's base variables: w and b when it writes them as quantities (z_j = sum_k w_jk
    a_k^{L-1} + b_j), else z, with derivatives by w_jk and b_j taken through z_j (or a, without
    an activation)."""
    def values(e):
        if isinstance(e, sp.Derivative):
            return values(e.expr)
        if isinstance(e, sp.Indexed):
            return {e.base}
        return set().union(*(values(arg) for arg in e.args)) if e.args else set()
    if any(values(e) & {S.w, S.b} for e in exprs):
        return "w"
    return "z" if ctx.activation is not None else "a"


# ============================================================================ judging a step

@dataclass
class Conditions:
    """What a chain assumes beyond the exercise: relations between indices, signs."""

    equal: dict = field(default_factory=dict)      # index -> the index it equals (j = k: k -> j)
    unequal: list = field(default_factory=list)    # (p, q) with p != q
    other: list = field(default_factory=list)      # other relations (c > 0, ...)

    def apply(self, expr: sp.Basic) -> sp.Basic:
        return expr.xreplace(self.equal) if self.equal else expr

    def premises(self) -> list[Premise]:
        out = []
        for p, q in self.unequal:
            out.append(Premise(f"{p} ≠ {q}, so δ_{p}{q} = 0",
                               lambda e, p=p, q=q: sp.sympify(e).xreplace({sp.KroneckerDelta(p, q): sp.S.Zero,
                                                                       sp.KroneckerDelta(q, p): sp.S.Zero}),
                               fact=sp.Ne(p, q)))
        return out

    def assumptions(self) -> list:
        return [sp.Ne(p, q) for p, q in self.unequal] + list(self.other)


def ranges_for(*exprs) -> dict:
    """How far each free index runs: over layer L-1's m neurons where it indexes a^{L-1} or is
    the second index of w (w_jk a_k^{L-1}), else over the n output neurons."""
    out = {}
    for e in exprs:
        as_index = {t for ind in e.atoms(sp.Indexed) for t in ind.indices if isinstance(t, sp.Symbol)}
        for s in e.free_symbols:     # (a text's index m is an index, not layer L-1's size m)
            if isinstance(s, sp.Symbol) and s.is_integer and s not in S.INDEX_RANGES and (
                    s not in (S.n, S.m, S.x_count) or s in as_index):
                out[s] = S.n
        for ind in e.atoms(sp.Indexed):
            previous = ind.indices[-1:] if ind.base == S.a_prev else ind.indices[1:2] if ind.base == S.w else ()
            for t in previous:
                if isinstance(t, sp.Symbol) and not isinstance(t, sp.Dummy):
                    out[t] = S.m
    out.update(ranges_of_sums(*exprs))
    return out


def ranges_of_sums(*exprs) -> dict:
    """A free index where the text's own sums say how far it runs: x_q beside Σ_{k=1}^n x_k runs
    over 1..n, the sum's range over the same place of the same letter (never the default a letter
    has elsewhere in the chapter, q over layer L-1's m neurons). Where the sums disagree, or start
    elsewhere than 1, nothing is taken."""
    spans: dict = {}
    for e in exprs:
        for s in sp.sympify(e).atoms(sp.Sum):
            for v, lo, hi in s.limits:
                if lo != 1 or hi.free_symbols & {v}:
                    continue
                for ind in s.function.atoms(sp.Indexed):
                    for place, t in enumerate(ind.indices):
                        if t == v:
                            spans.setdefault((ind.base, place), set()).add(hi)
    out = {}
    free = set().union(*(sp.sympify(e).free_symbols for e in exprs))     # a sum's own index is not free
    for e in exprs:
        for ind in sp.sympify(e).atoms(sp.Indexed):
            for place, t in enumerate(ind.indices):
                his = spans.get((ind.base, place), ())
                if isinstance(t, sp.Symbol) and t.is_integer and not isinstance(t, sp.Dummy) and len(his) == 1 \
                        and t in free:
                    out.setdefault(t, set()).update(his)
    return {t: next(iter(his)) for t, his in out.items() if len(his) == 1}


BUDGET = {"seconds": 0.0}        # a step's time limit in seconds, 0 for none (nndl check sets it: --budget)
_JUDGED: dict = {}               # (relation, sides, exercise, conditions) -> Verdict: each step judged once


class OverBudget(BaseException):
    """A step ran past its budget (a BaseException, so that no `except Exception` swallows it)."""


def time_limit(seconds: float):
    """Raise OverBudget in this block after `seconds` (the main thread only, and never nested;
    elsewhere no limit)."""
    from derivations.proof import alarm_after
    return alarm_after(seconds, OverBudget)


def judge(relation: str, lhs: sp.Expr, rhs: sp.Expr, ctx, conditions: Conditions) -> Verdict:
    """Is `lhs relation rhs` true under the exercise's definitions and the chain's conditions?
    Every verdict comes from the primitives (derivations.proof.prove); what they cannot decide
    stays undecided, and so does a claim they fail on, and one that runs past its budget. The
    same step under the same exercise and conditions is judged once."""
    key = (relation, lhs, rhs, getattr(ctx, "id", ""), tuple(p.text for p in getattr(ctx, "premises", ())),
           tuple(sorted(conditions.equal.items(), key=str)),
           tuple(conditions.unequal), tuple(conditions.other))
    try:
        if key in _JUDGED:
            return _JUDGED[key]
    except TypeError:              # an unhashable part: judged each time
        key = None
    seconds = BUDGET["seconds"]
    try:
        with time_limit(seconds):
            verdict = _judge(relation, lhs, rhs, ctx, conditions)
    except OverBudget:
        verdict = dataclasses.replace(kernel.undecided(f"{lhs} {relation} {rhs}", f"took longer than {seconds:g} s"),
                                      found=Found.TIMED_OUT)
    except Exception as exc:      # the primitives failed on this formula: not established
        verdict = kernel.undecided(f"{lhs} {relation} {rhs}",
                                   f"the primitives could not check it ({type(exc).__name__}: {exc})")
    if key is not None:
        _JUDGED[key] = verdict
    return verdict


class Found(StrEnum):
    """What the checker found about a verdict beyond its status (`Verdict.found`)."""

    TIMED_OUT = "ran past its budget"                    # undecided: the step took longer than --budget
    LOG_OF_LABEL = "the logarithm of a label"            # refuted: ln y_j, where the labels make it 0
    BY_DEFINITION = "the first statement's definition"   # proved: with the quantity the first statement defines


def undefined_log(lhs: sp.Expr, rhs: sp.Expr, ctx, conditions: Conditions) -> Verdict | None:
    """A refutation when a side takes ln of the labels y (ln y_j, ln(1 - y_j)) where the cost's y
    is 0 or 1: the primitives show the argument is not positive (a point where it is 0), so the
    side has no value there; this is a and y swapped in the cross-entropy. None otherwise."""
    if getattr(ctx, "model", None) is None and not getattr(ctx, "given", ()):
        return None
    assumptions = [*getattr(ctx, "assumptions", ()), *conditions.assumptions()]
    for side in (lhs, rhs):
        for log in sorted(side.atoms(sp.log), key=sp.default_sort_key):
            u = log.args[0]
            labels = {t for t in u.atoms(sp.Indexed) if t.base == S.y} | (u.free_symbols & {S.y1})
            if not labels or u.has(S.a, S.z, S.a1, S.z1):
                continue
            u = u.xreplace({d: sp.Symbol(d.name, integer=True, positive=True) for d in u.atoms(sp.Dummy)})
            positive = prove(sp.Gt(u, 0), assumptions, samplers=ctx.samplers)
            if positive.status == "refuted":
                return dataclasses.replace(
                    positive, reason=f"ln({plain_text(u)}) has no value: {plain_text(u)} = 0 at the point below, "
                    f"and y is 0 or 1 (ln 0 = −∞)", by=Found.LOG_OF_LABEL.value, found=Found.LOG_OF_LABEL)
    return None


def _judge(relation: str, lhs: sp.Expr, rhs: sp.Expr, ctx, conditions: Conditions) -> Verdict:
    from exercises.shared_steps import RENAME_INDEX
    undefined = undefined_log(lhs, rhs, ctx, conditions)
    if undefined is not None:
        return undefined
    assumptions = [*getattr(ctx, "assumptions", ()), *conditions.assumptions()]
    premises = [*ctx.premises, *conditions.premises(), RENAME_INDEX]
    samplers = ctx.samplers
    ranges = ranges_for(lhs, rhs)
    if isinstance(lhs, sp.Limit) and not rhs.has(sp.Limit):
        return prove(sp.Eq(lhs, rhs, evaluate=False), assumptions, samplers=samplers)
    if relation == "=" and isinstance(lhs, sp.Limit) and isinstance(rhs, sp.Limit):
        from derivations.kernel.congruence import equal_limits      # lim σ(x) = lim 1/(1 + e^{-x})
        same = equal_limits(f"{lhs} = {rhs}", lhs, rhs, assumptions, ranges)
        if same.proved:
            return same
    if relation == "=":
        return prove(sp.Eq(lhs, rhs, evaluate=False), assumptions, premises=premises, samplers=samplers,
                     ranges=ranges)
    make = {"<": sp.Lt, ">": sp.Gt, "≤": sp.Le, "≥": sp.Ge, "≠": sp.Ne}.get(relation)
    if make is None:
        return kernel.undecided(f"{lhs} {relation} {rhs}", f"the relation {relation} is not one the checker decides")
    # a sign claim: the premises (y one-hot, j != k) rewrite it first, as prove_equal would
    return prove(make(_with(premises, lhs), _with(premises, rhs), evaluate=False), assumptions, samplers=samplers,
                 ranges=ranges)


def plausible(lhs: sp.Expr, rhs: sp.Expr, ctx, conditions: Conditions) -> bool:
    """A quick look with the numeric oracle alone (never a verdict): could lhs = rhs hold? It
    spares the primitives' slow symbolic attempts on hint candidates that are plainly false."""
    from derivations import oracle
    ok, _, _ = oracle.check([lhs, rhs], "equal", [*getattr(ctx, "assumptions", ()), *conditions.assumptions()],
                            ctx.samplers,
                            ranges=ranges_for(lhs, rhs))
    return ok is True


def _with(premises, expr):
    for p in premises:
        expr = p.rewrite(expr)
    return expr


_NEGATION = {sp.Eq: sp.Ne, sp.Ne: sp.Eq, sp.Gt: sp.Le, sp.Le: sp.Gt, sp.Lt: sp.Ge, sp.Ge: sp.Lt}
_SYMBOL = {sp.Eq: "=", sp.Ne: "≠", sp.Gt: ">", sp.Lt: "<", sp.Ge: "≥", sp.Le: "≤"}


def _relation(rel: sp.Rel) -> tuple[str, sp.Expr, sp.Expr]:
    return _SYMBOL[type(rel)], rel.lhs, rel.rhs


def _signed(rel: sp.Rel):
    """(d, strict) with the relation saying d > 0 (strict) or d >= 0, or None."""
    if isinstance(rel, (sp.Gt, sp.Ge)):
        return rel.lhs - rel.rhs, isinstance(rel, sp.Gt)
    if isinstance(rel, (sp.Lt, sp.Le)):
        return rel.rhs - rel.lhs, isinstance(rel, sp.Lt)
    return None


def _ratio(d2, d1):
    """d2 / d1, simplified after carrying out derivatives and finite sums (bound indices given
    one name, so that Σ_k and Σ_ℓ cancel), or None when SymPy cannot or it is not finite."""
    from exercises.check.forms import bound_names as _bound_names
    ranges = ranges_for(d1, d2)
    try:
        e1, e2 = (_bound_names(S.evaluate(d, ranges)) for d in (d1, d2))
        q = sp.simplify(e2 / e1)
    except Exception:      # SymPy failed: no multiple
        return None
    if q.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or q == 0:
        return None
    return q


def _multiple(first: sp.Rel, second: sp.Rel, ctx, conditions) -> tuple[Verdict, str] | None:
    """S2 is a multiple of S1: for equations, S2's difference q times S1's; for signs (d1 > 0 or
    d1 >= 0), d2 = q d1 with q > 0, and S2 no stricter than S1. (proved verdict, q) or None."""
    if isinstance(first, sp.Eq) and isinstance(second, sp.Eq):
        d1, d2 = first.lhs - first.rhs, second.lhs - second.rhs
        try:
            q = sp.simplify(d2 / d1)
        except Exception:      # SymPy failed: not established
            return None
        if q.has(sp.zoo, sp.nan, sp.oo):
            return None
        same = judge("=", d2, q * d1, ctx, conditions)
        return (same, q) if same.proved else None
    one, two = _signed(first), _signed(second)
    if one is None or two is None or (two[1] and not one[1]):
        return None
    (d1, _), (d2, _) = one, two
    q = _ratio(d2, d1)
    if q is None:
        return None
    same = judge("=", d2, q * d1, ctx, conditions)
    if not same.proved:
        return None
    factor = judge(">", q, sp.Integer(0), ctx, conditions)
    if not factor.proved:
        return None
    return kernel.structural(same.claim, Kind.RULE, [same, factor],
                             f"{same.reason}; the factor is positive ({factor.reason})", by=same.by), q


def _with_assumed(conditions: Conditions, rel: sp.Rel) -> Conditions:
    return Conditions(dict(conditions.equal), list(conditions.unequal), [*conditions.other, rel])


def _never(first: sp.Rel, ctx, conditions: Conditions) -> tuple[str, Verdict]:
    """Whether the first statement can hold under the exercise's assumptions: ("never", why)
    when its negation is proved (or the primitives find the assumptions with it contradictory),
    ("somewhere", ...) when the numeric oracle refutes the negation (a point where it holds),
    ("unknown", ...) otherwise."""
    op, lhs, rhs = _relation(_NEGATION[type(first)](first.lhs, first.rhs, evaluate=False))
    negation = judge(op, lhs, rhs, ctx, conditions)
    if negation.proved or negation.status == "vacuous":
        return "never", negation
    if negation.status == "refuted":
        return "somewhere", negation
    return "unknown", negation


def _nonvacuous(claim: str, shown: Verdict, first: sp.Rel, ctx, conditions: Conditions) -> Verdict:
    """`shown` (a proved implication from `first`), unless `first` never holds under the
    exercise's assumptions (vacuous), or, for a relation other than an equation, no point was
    found where it holds (undecided: it may be vacuous). An equation's solutions are rarely hit
    by sampling, so an equation counts as satisfiable unless shown never to hold."""
    status, negation = _never(first, ctx, conditions)
    if status == "never":
        return _vacuous(claim, negation)
    if status == "unknown" and not isinstance(first, sp.Eq):
        return kernel.undecided(claim, f"the second statement follows from the first ({shown.reason}), but no point was found "
                       f"where the first holds under the exercise's assumptions, so it may be vacuous "
                       f"(its negation: {negation.status}: {negation.reason})")
    return shown


def _vacuous(claim: str, never: Verdict) -> Verdict:
    why = never.reason if never.status == "vacuous" else f"its negation is proved: {never.reason}"
    return kernel.undecided(claim,
                   f"the first statement never holds under the exercise's assumptions ({why}), so the "
                   "implication holds only vacuously and shows nothing", by=never.by, status=Status.VACUOUS)


def _one_way(first: sp.Rel, second: sp.Rel, ctx, conditions: Conditions, defined=None) -> Verdict:
    """S1 ⟹ S2: S2 proved outright, under the assumptions plus S1, as a multiple of S1, or (S1
    defining a quantity) with that definition substituted into S2 (`defined`: (S2 so read, what
    the substitution says, a verdict on S1 under the exercise's own definition or None)). Refuted
    only at a point where S1 holds and S2 fails, S1 checked there again numerically."""
    claim = f"{first} ⟹ {second}"
    if defined is not None:
        read, what, own = defined
        v = judge(*_relation(read), ctx, conditions)
        if v.proved:
            if own is not None and own.status == "refuted":
                return kernel.undecided(claim, f"{what}, the second statement follows ({v.reason}), but the exercise defines "
                               "that quantity otherwise and the first statement is false under its definition")
            return dataclasses.replace(kernel.structural(claim, Kind.RULE, [v], f"{what}, the second statement "
                                                         f"follows ({v.reason})", by=v.by), found=Found.BY_DEFINITION)
        if v.status == "refuted" and (own is None or own.proved):
            return dataclasses.replace(v, reason=f"{what}, the second statement fails ({v.reason})", failing=read)
    multiple = _multiple(first, second, ctx, conditions)
    if multiple is not None:
        same, q = multiple
        return kernel.structural(claim, Kind.RULE, [same], f"the second statement is {_plain(q)} times the first "
                                 f"({same.reason})", by=same.by)
    outright = judge(*_relation(second), ctx, conditions)
    if outright.proved:
        return kernel.structural(claim, Kind.RULE, [outright], f"the second statement holds outright, whatever the "
                                 f"first ({outright.reason})", by=outright.by)
    given = judge(*_relation(second), ctx, _with_assumed(conditions, first))
    if given.status == "vacuous":
        return _vacuous(claim, given)
    if given.proved:
        return kernel.structural(claim, Kind.RULE, [given], f"the second statement is proved with the first as an "
                                 f"added assumption ({given.reason})", by=given.by)
    if given.status == "refuted" and given.witness:
        holds = _holds_at(first, given.witness, conditions)
        if holds:
            from exercises.check.forms import sides_at as _sides_at
            left, right = _sides_at(given.witness, first.lhs, first.rhs)
            return dataclasses.replace(given, reason=f"the first statement holds at the point below (checked "
                                       f"again numerically: its sides are {left:.6g} and {right:.6g}) and the second "
                                       "fails there (its sides are shown below)", failing=second)
        return kernel.undecided(claim, "the second statement fails at a point, but the first was "
                       "not confirmed to hold there" + ("" if holds is False else " (it could not be evaluated)"))
    if outright.status == "refuted":
        return kernel.undecided(claim, "the second statement fails at some point, but no point was "
                       f"found where the first holds and the second fails (with the first assumed: {given.status}: "
                       f"{given.reason})")
    return kernel.undecided(claim, "the second statement is not shown, outright or with the first as "
                   f"an assumption ({given.status}: {given.reason})")


def _holds_at(rel: sp.Rel, witness: dict, conditions: Conditions) -> bool | None:
    """Whether `rel` holds at the witness point, evaluated again (the oracle's evaluator, 30
    digits): True, False, or None when the point does not give every value."""
    from exercises.check.forms import sides_at as _sides_at
    values = _sides_at(witness, rel.lhs, rel.rhs)
    if values is None:
        return None
    left, right = values
    scale = max(1.0, abs(left), abs(right))
    close = abs(left - right) <= 1e-9 * scale
    return {sp.Eq: close, sp.Ne: not close, sp.Gt: left > right and not close, sp.Lt: left < right and not close,
            sp.Ge: left >= right or close, sp.Le: left <= right or close}[type(rel)]


def implication(relation: str, first: sp.Rel, second: sp.Rel, ctx, conditions: Conditions,
                defined=None) -> Verdict:
    """S1 ⟹ S2 (or ⟺, both ways): see `_one_way`. A first statement that never holds under the
    exercise's assumptions is reported vacuous, never "follows"."""
    claim = f"{first} {relation} {second}"
    rels = (sp.Eq, sp.Ne, sp.Gt, sp.Lt, sp.Ge, sp.Le)
    if not (isinstance(first, rels) and isinstance(second, rels)):
        return kernel.undecided(claim, "an implication between statements that are not both relations")
    forward = _one_way(first, second, ctx, conditions, defined)
    if forward.proved and forward.found != Found.BY_DEFINITION:
        forward = _nonvacuous(claim, forward, first, ctx, conditions)
        if not forward.proved:
            return forward
    if relation != "⟺":
        return forward
    if not forward.proved:
        return dataclasses.replace(_restated(claim, forward, f"⟹: {forward.reason}"), failing=forward.failing)
    back = _one_way(second, first, ctx, conditions)
    if back.proved:
        both = kernel.structural(claim, Kind.CONJUNCTION, [forward, back], f"⟹: {forward.reason}; ⟸: {back.reason}",
                                 by=forward.by)
        return _nonvacuous(claim, both, second, ctx, conditions)
    return dataclasses.replace(_restated(claim, back, f"⟹ follows ({forward.reason}); ⟸: {back.reason}"),
                               failing=back.failing)


def _plain(expr) -> str:
    from exercises.check.forms import plain
    return plain(expr)


def _restated(claim: str, v: Verdict, reason: str) -> Verdict:
    """A part's verdict that is not proved, as the whole's: a refutation stays the kernel's own
    (reworded); anything else is the whole's, with the part's status."""
    if v.status == Status.REFUTED:
        return dataclasses.replace(v, reason=reason)
    return kernel.undecided(claim, reason, steps=v.steps, status=v.status, counterexample=v.counterexample,
                            witness=v.witness, by=v.by)
