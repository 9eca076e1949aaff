"""Proof primitives: every proof in the project is built from these.

The primitives *search*; the trusted kernel (`derivations.kernel`) *decides*. Each primitive asks
the kernel to check a certificate (one canonical form for an equation, the sign calculus or a
decision procedure on a faithful translation for a sign, the limit laws for a limit); only the
kernel makes a "proved" verdict, and it says which `Kind` of certificate it re-checked. SymPy
(simplify, refine, its assumptions, its limit) and the numeric oracle (`derivations.oracle`, mpmath
at 50 digits, hunting for counterexamples near every bound, at ties, small and large n) run only
where the kernel has no certificate, to find candidates and evidence: the kernel is asked first,
and a claim it proves is not searched. A counterexample refutes only once the kernel has checked
it (exact values meeting every assumption, the sides separated by Arb balls).

Statuses: "proved"; "refuted"; "undecided" (no certificate: the search's findings are evidence);
"vacuous" (the assumptions contradict each other: nothing follows, so the claim is neither proved
nor refuted).

What the rewrites rely on, and how it is made valid:
  - a log is expanded (ln(uv) = ln u + ln v, ln u^k = k ln u) only where u, v are shown positive;
  - a bounded variable lo < x < hi is written as a map of a positive t (exact rational ends), a
    family's bound as z_i = lo + T_i with T a positive family (never one value for all terms);
  - a sum's sign is used only after its range is shown nonempty for every allowed n;
  - a plain Symbol is complex in SymPy: sign claims about it are refused, identities are checked
    over the complex numbers; for the search an order relation in the assumptions makes it real,
    for the kernel only a bound on that very symbol does (x > 0; not x y > 0);
  - a limit is two-sided at a finite point unless a direction is given (or the assumptions put
    the variable on one side).
A well-formed claim never raises: an engine failure means "not established".
"""
from __future__ import annotations

import dataclasses
import random
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import sympy as sp

from derivations import domain, kernel, oracle
from derivations.kernel import Kind, Status, certify
from derivations.domain import as_relations
from derivations.symbols import INDEX_RANGES, evaluate as evaluate_indexed, in_range

Sampler = Callable[[random.Random, int], object]
TOLERANCE = oracle.TOLERANCE

CAS = "CAS"
NUMERIC = "numeric oracle (mpmath, 50 digits; counterexample confirmed at 100 and 400 digits)"


Verdict = kernel.Verdict      # the one verdict type; only the kernel makes a proved or refuted one


@dataclass
class Outcome:
    """A symbolic oracle's answer: result True (holds), False (fails), None (not decided)."""

    result: bool | None
    by: str = ""
    text: str = ""
    witness: dict | None = None     # exact failing point, when it has one
    steps: list = field(default_factory=list)


# --------------------------------------------------------------------------- the assumptions

@dataclass
class Context:
    """The assumptions of one claim, read once, and what was decided under them."""

    relations: list
    parsed: domain.Assumptions
    ranges: dict
    samplers: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict)

    @classmethod
    def of(cls, relations, ranges=None, samplers=None) -> "Context":
        return cls(list(relations), domain.parse(relations), {**INDEX_RANGES, **(ranges or {})},
                   dict(samplers or {}))


def _prepare(exprs: list, assumptions, ranges=None, samplers=None):
    """(exprs, context, vacuity reason or None): plain symbols in an order relation made real,
    summation indices whose own assumptions their range does not bear out renamed."""
    relations = as_relations(assumptions)
    exprs, relations, _ = domain.realify([honest_indices(sp.sympify(e)) for e in exprs], relations)
    ctx = Context.of(relations, ranges, samplers)
    return exprs, ctx, _vacuity(ctx)


def honest_indices(expr):
    """A sum's index keeps its own assumptions (i positive) only where every index value the sum
    uses satisfies them: a range 1..n (n >= 1) does; 0..n or 1..n-5 (reversed at n = 1, so the
    terms at i = -3..0 count, by SymPy's convention) do not, and there the index is renamed to a
    plain integer, so that no rewrite can rely on its sign."""
    if not expr.has(sp.Sum, sp.Product):
        return expr

    def fix(e):
        limits = []
        body = e.function
        for v, lo, hi in e.limits:
            signed = v.is_positive or v.is_nonnegative or v.is_negative or v.is_nonpositive
            if signed and not _range_bears_out(v, lo, hi):
                fresh = sp.Dummy(v.name, integer=True)
                body = body.xreplace({v: fresh})
                v = fresh
            limits.append((v, lo, hi))
        return e.func(body, *limits)
    return expr.replace(lambda e: isinstance(e, (sp.Sum, sp.Product)), fix)


def _range_bears_out(v, lo, hi) -> bool:
    not_reversed = (hi - lo + 1).is_nonnegative is True
    if v.is_positive:
        return not_reversed and (lo - 1).is_nonnegative is True
    if v.is_nonnegative:
        return not_reversed and lo.is_nonnegative is True
    if v.is_negative:
        return not_reversed and (-1 - hi).is_nonnegative is True
    return not_reversed and (-hi).is_nonnegative is True


def _vacuity(ctx: Context) -> str | None:
    """Why the assumptions cannot all hold, or None. Exact intervals first, then z3 for the
    relations between variables."""
    if ctx.parsed.false:
        return "an assumption is False"
    faithful = domain.parse(ctx.relations, elements=True)     # z_n's bound is z_n's: z_n > 1, z_1 < 0 can hold
    for key, iv in faithful.bounds.items():
        integer = bool(domain._probe(key).is_integer)
        checked = domain.Interval(iv.lo, iv.hi, iv.lo_closed, iv.hi_closed, integer)
        if checked.empty:
            return f"the assumptions leave no value for {key}: {iv}{' (an integer)' if integer else ''}"
    if ctx.parsed.general:
        from derivations.decide import satisfiable
        try:
            possible = satisfiable(ctx.relations, ctx.ranges)
        except Exception:      # the check failed: not shown vacuous
            possible = None
        if possible is False:
            return "z3 shows the assumptions unsatisfiable"
    return None


def _vacuous_verdict(claim: str, why: str) -> Verdict:
    return certify.contradiction(claim, (), why)


# --------------------------------------------------------------------------- sound rewrites

def _bounded_map(expr: sp.Expr, ctx: Context) -> tuple[dict, list[str]]:
    """Bounded variables as maps of positive (or nonnegative, for a closed end) ones.

    lo < s < hi: s = lo + (hi - lo) t/(1 + t); lo < s: s = lo + t; s < hi: s = hi - t (t > 0;
    t >= 0 when that end is closed). A family a with lo < a_i for every i: a_i = lo + T_i, T a
    family of positive numbers: every element keeps its own value. [lo, hi] is left as it is."""
    subs, notes = {}, []
    targets = {s for s in expr.free_symbols if isinstance(s, sp.Symbol)} | expr.atoms(sp.IndexedBase)
    for s in sorted(targets, key=str):
        if isinstance(s, sp.Symbol) and (s.is_integer or s.is_real is not True):
            continue
        iv = domain.interval_of(ctx.parsed, s)
        closed = iv.lo_closed or iv.hi_closed
        lo, hi = iv.lo, iv.hi
        if isinstance(s, sp.IndexedBase):
            if any(k.base == s for k in ctx.parsed.bounds if isinstance(k, sp.Indexed)):
                continue        # an element has bounds of its own: leave the family as it is
            t = sp.IndexedBase(f"T_{s}", nonnegative=True) if closed else sp.IndexedBase(f"T_{s}", positive=True)
            form = _map_form(lo, hi, iv, None)
            if form is None:
                continue
            subs[s] = (t, form)
            notes.append(f"write {s}_i = {form(sp.Symbol(f'T_{s}_i'))} with every T_{s}_i {'>=' if closed else '>'} 0")
            continue
        if lo.is_finite and hi.is_finite and iv.lo_closed and iv.hi_closed:
            continue
        t = sp.Dummy(f"t_{s}", nonnegative=True) if closed else sp.Dummy(f"t_{s}", positive=True)
        form = _map_form(lo, hi, iv, t)
        if form is None:
            continue
        subs[s] = form(t)
        notes.append(f"write {s} = {subs[s]} with t {'>=' if closed else '>'} 0")
    return subs, notes


def _map_form(lo, hi, iv, t):
    if lo.is_finite and hi.is_finite:
        if iv.hi_closed:
            return lambda u: hi - (hi - lo) * u / (1 + u)
        return lambda u: lo + (hi - lo) * u / (1 + u)
    if lo.is_finite:
        return lambda u: lo + u
    if hi.is_finite:
        return lambda u: hi - u
    return None


def _substitute_bounded(expr: sp.Expr, ctx: Context) -> tuple[sp.Expr, list[str]]:
    subs, notes = _bounded_map(expr, ctx)
    if not subs:
        return expr, notes
    scalars = {s: v for s, v in subs.items() if isinstance(s, sp.Symbol)}
    out = expr.xreplace(scalars) if scalars else expr
    for base, (t, form) in ((b, v) for b, v in subs.items() if isinstance(b, sp.IndexedBase)):
        out = out.replace(lambda e, base=base: isinstance(e, sp.Indexed) and e.base == base,
                          lambda e, t=t, form=form: form(t[e.indices]))
    return out, notes


def _signed_sums(expr: sp.Expr, ctx: Context, steps: list[str]) -> sp.Expr:
    """Replace a sum by a positive (or nonnegative) symbol once its range is shown nonempty (or
    not reversed) for every allowed value, and its every term positive (or nonnegative)."""
    subs = {}
    for s in sorted(expr.atoms(sp.Sum), key=sp.count_ops):
        if s.has(*subs) or len(s.limits) != 1:
            continue
        v, lo, hi = s.limits[0]
        term = s.function
        index = sp.Dummy(f"{v}", integer=True)
        term_ctx = Context.of(ctx.relations + _index_relations(index, lo, hi), ctx.ranges)
        term_at = term.xreplace({v: index})
        if _sympy_sign(term_at, "positive", term_ctx) is not True:
            if _sympy_sign(term_at, "nonnegative", term_ctx) is not True:
                continue
            strict = False
        else:
            strict = True
        nonempty = _range_sign(hi - lo, ctx)
        not_reversed = nonempty or _range_sign(hi - lo + 1, ctx)
        if strict and nonempty:
            subs[s] = sp.Dummy("S", positive=True)
            steps.append(f"{s}: its range {lo}..{hi} is nonempty for every allowed value and every term is "
                         f"positive: write it as S > 0")
        elif not_reversed:
            subs[s] = sp.Dummy("S", nonnegative=True)
            steps.append(f"{s}: its range {lo}..{hi} is never reversed and every term is nonnegative: "
                         f"write it as S >= 0")
    return expr.xreplace(subs) if subs else expr


def _range_sign(count, ctx: Context) -> bool:
    """count >= 0 for every allowed value (SymPy's assumptions, else the decision procedure)."""
    if _sympy_sign(count, "nonnegative", ctx) is True:
        return True
    return not count.has(sp.Sum) and establish(count, "nonnegative", ctx).result is True


def _index_relations(index, lo, hi) -> list:
    return [sp.Ge(index, lo), sp.Le(index, hi)]


# --------------------------------------------------------------------------- signs

KINDS = ("positive", "nonnegative", "nonzero")


def _sympy_answer(e, kind):
    """SymPy's assumptions: True holds everywhere, False fails everywhere, None unknown."""
    if kind == "positive":
        return True if e.is_positive else (False if e.is_nonpositive else None)
    if kind == "nonnegative":
        return True if e.is_nonnegative else (False if e.is_negative else None)
    if e.is_zero:
        return False
    if e.is_positive or e.is_negative or e.is_nonzero or (e.is_zero is False and e.is_finite):
        return True
    return None


def _sympy_sign(expr, kind: str, ctx: Context) -> bool | None:
    """The sign by SymPy's assumptions alone, on the expression and on its bounded-map form."""
    key = ("sympy", expr, kind)
    if key in ctx.memo:
        return ctx.memo[key]
    answer = _sympy_answer(expr, kind)
    if answer is None:
        rewritten, _ = _substitute_bounded(expr, ctx)
        if rewritten != expr:
            answer = _sympy_answer(rewritten, kind)
            if answer is None:
                try:
                    answer = _sympy_answer(sp.factor(sp.together(rewritten)), kind)
                except (sp.PolynomialError, TypeError, ValueError):
                    answer = None
    ctx.memo[key] = answer
    return answer


def establish(expr, kind: str, ctx: Context) -> Outcome:
    """Decide `expr > 0` (positive), `expr >= 0` (nonnegative) or `expr != 0` (nonzero) under the
    context's assumptions, symbolically. Memoised per context."""
    key = ("establish", expr, kind)
    if key not in ctx.memo:
        steps: list[str] = []
        try:
            ctx.memo[key] = _establish(expr, kind, ctx, steps)
        except Exception as exc:  # an engine failure: not established
            ctx.memo[key] = Outcome(None, "", f"SymPy raised {type(exc).__name__}: {exc}")
        ctx.memo[key].steps = steps
    return ctx.memo[key]


def _establish(expr, kind, ctx, steps) -> Outcome:
    word = {"positive": "> 0", "nonnegative": ">= 0", "nonzero": "!= 0"}[kind]
    answer = _sympy_answer(expr, kind)
    if answer is not None:
        return Outcome(answer, f"{CAS} (SymPy's assumptions)", f"{expr} {word}: {answer}")
    rewritten, notes = _substitute_bounded(expr, ctx)
    candidates = [("as given", expr)]
    if rewritten != expr:
        steps.extend(notes)
        candidates.append(("bounded variables as maps of positive ones", rewritten))
    signed = _signed_sums(rewritten, ctx, steps)
    if signed != rewritten:
        candidates.append(("sums of positive terms as positive symbols", signed))
    for how, cand in candidates:
        for form_name, form in (("as given", lambda e: e), ("factor", lambda e: sp.factor(sp.together(e))),
                                ("cancel", sp.cancel), ("simplify", sp.simplify)):
            if form_name in ("factor", "simplify") and _huge_numbers(cand):
                steps.append(f"{form_name}: not tried (numbers past 10^{_SEARCH_DIGITS} digits stall SymPy's factoring)")
                continue
            try:
                with _search_time_limit(SEARCH_FORM_SECONDS):
                    f = form(cand)
            except Exception as exc:  # this form failed or ran out of time: try the next
                steps.append(f"{form_name}: SymPy raised {type(exc).__name__}")
                continue
            answer = _sympy_answer(f, kind)
            if answer is not None:
                text = f"{f} {word} is {answer} ({how}, {form_name})"
                steps.append(f"SymPy: {text}")
                return Outcome(answer, f"{CAS} (SymPy's assumptions; {how}, {form_name})", text)
    return _decide(expr, kind, ctx, steps, signed if signed != rewritten else None)


_SEARCH_DIGITS = 12
SEARCH_FORM_SECONDS = 5.0


class SearchTimeout(Exception):
    """A SymPy form of the search ran past SEARCH_FORM_SECONDS: that form found nothing."""


@contextmanager
def alarm_after(seconds: float, error: Callable[[], BaseException]):
    """Raise error() in this block after `seconds` of wall clock, by an alarm: in the main thread
    only and never nested (where another alarm is set, or no time is given, no limit)."""
    if (not seconds or seconds <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return

    def expired(*_):
        raise error()
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _search_time_limit(seconds: float):
    """Bound one SymPy form of the search (factor, simplify) to `seconds`, where no other alarm is
    set (a checker step's --budget keeps its own). The search proves nothing: a form cut short only
    leaves the claim to the kernel, or undecided."""
    return alarm_after(seconds, lambda: SearchTimeout(f"ran past {seconds:g} s"))


def _huge_numbers(e) -> bool:
    """Whether a rational number in e has more than _SEARCH_DIGITS digits above or below: SymPy's
    factorisation (Wang's algorithm) can run for hours on such coefficients (1 - 2/(1 + (10^8 (x -
    1/3))^2) with its variable mapped onto a box). The search skips those forms; it proves nothing,
    so skipping one only leaves a claim to the kernel or undecided."""
    bound = 10 ** _SEARCH_DIGITS
    return any(abs(r.p) > bound or r.q > bound for r in e.atoms(sp.Rational))


def _decide(expr, kind, ctx, steps, signed) -> Outcome:
    """The decision procedures: the claim itself, or its sums lifted to a finite claim."""
    from derivations import decide as dp
    if not expr.has(sp.Sum, sp.Product, sp.Derivative):
        d = dp.decide(expr, kind, ctx.relations, ctx.ranges)
        steps.append(f"{d.by}: {d.detail}")
        return _from_decision(d, expr, kind, ctx)
    lifted = _lift(expr, kind, ctx, steps)
    if lifted is not None and lifted.result is True:
        return lifted
    if signed is not None and not signed.has(sp.Sum, sp.Product, sp.Derivative):
        d = dp.decide(signed, kind, ctx.relations, ctx.ranges)
        steps.append(f"{d.by} (sums as signed symbols): {d.detail}")
        if d.result is True:
            return Outcome(True, d.by + ", sums as signed symbols", d.detail)
    return Outcome(None, "", "not decided")


def _lift(expr, kind, ctx, steps) -> Outcome | None:
    from derivations import decide as dp
    found = dp.lift_sums(expr, ctx.parsed)
    if found is None:
        return None
    P, variables, count, note = found
    if _sympy_sign(count - 1, "nonnegative", ctx) is not True:
        steps.append(f"lift: the range may be empty ({count} terms)")
        return None
    relations = [r for r in ctx.relations if not r.atoms(sp.Indexed)]
    for sym, base in variables.items():
        iv = domain.interval_of(ctx.parsed, base)
        if iv.lo.is_finite:
            relations.append(sp.Ge(sym, iv.lo) if iv.lo_closed else sp.Gt(sym, iv.lo))
        if iv.hi.is_finite:
            relations.append(sp.Le(sym, iv.hi) if iv.hi_closed else sp.Lt(sym, iv.hi))
    relations += [sp.Ge(count, 1)]
    if P.has(sp.Sum, sp.Indexed):
        return None
    d = dp.decide(P, kind if kind != "nonzero" else "positive", relations, ctx.ranges)
    steps.append(f"{note}; {d.by}: {d.detail}")
    if d.result is True:
        return Outcome(True, f"{d.by}, after lifting the sums ({note})", d.detail)
    return Outcome(None, "", "the lifted claim was not decided")


def _from_decision(d, expr, kind, ctx) -> Outcome:
    if d.result is True:
        return Outcome(True, d.by, d.detail)
    if d.result is False and d.exact and d.candidate is not None:
        return Outcome(False, d.by, d.detail, d.candidate)     # an exact point, which the kernel re-checks
    if d.candidate is not None and not d.undefined:
        return Outcome(None, "", d.detail, d.candidate)       # a candidate: the oracle checks it
    if d.result is False and d.undefined:
        return Outcome(None, "", d.detail, d.candidate)
    return Outcome(None, "", d.detail)


# --------------------------------------------------------------------------- verdicts

NOT_SEARCHED = "none needed: the kernel checked a certificate, so no counterexample was hunted"


def _proved(certified: Verdict, steps: list[str], exprs) -> Verdict:
    """The kernel's proof, as the verdict. The search does not run: a certificate decides, and a
    hunt for a counterexample to a proved claim could add nothing to the verdict. Where a sum or
    product in the claim may run backwards for some allowed value, the reason says how such a
    range is read (the kernel's sum rules hold under that convention)."""
    reason = certified.reason + (f"; {oracle.REVERSED_RANGES}" if _may_run_backwards(exprs) else "")
    return dataclasses.replace(certified, steps=steps + [f"numeric check: {NOT_SEARCHED}",
                                                         f"certificate: {certified.reason}"],
                               evidence=NOT_SEARCHED, reason=reason)


def _may_run_backwards(exprs) -> bool:
    """Whether a sum or product in exprs has a range not shown to run forward (hi >= lo - 1) for
    every value its symbols' own assumptions allow."""
    return any((hi - lo + 1).is_nonnegative is not True
               for e in exprs for node in sp.sympify(e).atoms(sp.Sum, sp.Product) for _, lo, hi in node.limits)


def _verdict(claim: str, sym: Outcome, found: oracle.Finding, steps: list[str], certified: Verdict,
             refute=None) -> Verdict:
    """The verdict where the kernel proved nothing (`certified`; a proof goes through `_proved`,
    and no search runs for it): a refutation only where the kernel certifies a counterexample
    (`refute(witness)`); everything else undecided, with what the search found as evidence
    (never as a proof)."""
    steps = steps + [f"numeric check: {found.text}"]
    evidence = found.text
    tried = []
    for witness, shown, source in ((found.witness, found.counterexample, found.text),
                                   (sym.witness if sym.result is False else None, None, sym.text)):
        if witness is not None and refute is not None:      # {}: a closed claim, evaluated exactly
            r = refute(witness)
            if r.status == Status.REFUTED:
                shown = shown or {str(k): float(sp.N(v)) if not isinstance(v, int) else v for k, v in witness.items()}
                return dataclasses.replace(r, steps=steps + [f"counterexample: {source}"], counterexample=shown,
                                           reason=f"false: {source}", evidence=evidence)
            tried.append(r.reason)
    if found.ok is False:
        return kernel.undecided(claim, f"a counterexample was found but not certified ({'; '.join(tried) or 'no exact point'}): "
                                f"{found.text}", steps=steps, counterexample=found.counterexample,
                                witness=found.witness, evidence=evidence)
    if sym.result is True:
        return kernel.undecided(claim, f"{sym.by} says it holds ({sym.text}), but no certificate was checked "
                                f"({certified.reason}); numeric: {found.text}", steps=steps, evidence=evidence)
    return kernel.undecided(claim, f"not established ({certified.reason}); numeric: {found.text}", steps=steps,
                            evidence=evidence)


def _exact_value(v):
    from fractions import Fraction
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    return sp.sympify(v)


def _check_candidate(exprs, kind, ctx: Context, candidate: dict | None) -> oracle.Finding | None:
    """A decision procedure's failing point, checked by the numeric oracle (assumptions and
    claim at 100 and 400 digits)."""
    if not candidate:
        return None
    try:
        return oracle.check_at(exprs, kind, ctx.relations, candidate, ctx.samplers, ctx.ranges)
    except Exception:      # the check itself failed: no counterexample
        return None


def _refuse_plain(claim: str, exprs) -> Verdict | None:
    plain = domain.plain_symbols(exprs)
    if plain:
        names = ", ".join(map(str, plain))
        return kernel.undecided(claim,
                       f"{names}: a plain Symbol is complex in SymPy, and a sign of a complex number means "
                       f"nothing; declare it real (Symbol('{plain[0]}', real=True)) or bound it in the assumptions",
                       steps=[f"refused: {names} complex"])
    return None


# --------------------------------------------------------------------------- equality

def prove_equal(lhs, rhs, assumptions=None, *, premises: Sequence[Premise] = (),
                samplers: Mapping | None = None, ranges: Mapping | None = None,
                claim: str | None = None) -> Verdict:
    """Prove lhs = rhs: SymPy reduces lhs - rhs to exactly 0 (with rewrites valid under the
    assumptions only), and the numeric oracle finds no point where they differ.

    premises: facts (`Premise`) SymPy may rewrite with, e.g. sum_j y_j = 1 for a one-hot y; the
    numeric check draws its points from the premises' samplers, so they satisfy the facts too.
    samplers: {symbol or IndexedBase: f(rng, n)} for values that interval assumptions cannot
    describe. ranges: index -> upper bound, where it is not n (k over layer L-1's m neurons).
    A plain (complex) symbol is checked over the complex numbers.
    """
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    lhs0, rhs0 = lhs, rhs
    claim = claim or f"{lhs} = {rhs}"
    merged = _merged_samplers(samplers, premises)
    (lhs, rhs), ctx, vacuous = _prepare([lhs, rhs], assumptions, ranges, merged)
    if vacuous:
        return _vacuous_verdict(claim, vacuous)
    steps: list[str] = [f"premise: {p.text}" for p in premises or ()]
    diff = _apply_premises(lhs - rhs, premises)
    sym = Outcome(None, "", "the difference did not reduce to 0")
    memo: dict = {}

    def evaluated():  # carry out derivatives and sums, discharge index ranges, use the premises
        if "e" not in memo:
            memo["e"] = _apply_premises(evaluate_indexed(diff, ranges), premises)
        return memo["e"]

    def logs_expanded(e):  # ln(u v) = ln u + ln v and ln u^k = k ln u, where u, v are shown positive
        return sp.expand(expand_logs(e, ctx, steps), power_exp=False)

    forms = (  # cheapest first; the first that gives 0 (or a nonzero number) decides
        ("expand", lambda: sp.expand(diff)),
        ("evaluate, common denominator, expand the numerator",
         lambda: sp.expand(sp.fraction(sp.together(evaluated()))[0], power_exp=False)),
        ("evaluate and cancel", lambda: sp.cancel(evaluated())),
        ("evaluate and factor", lambda: sp.factor(evaluated())),
        ("evaluate and simplify", lambda: sp.simplify(evaluated())),
        ("expand the logs of positive factors, evaluate and simplify", lambda: sp.simplify(logs_expanded(
            _apply_premises(evaluate_indexed(logs_expanded(diff), ranges), premises)))),
        ("rewrite with exp and simplify", lambda: sp.simplify(evaluated().rewrite(sp.exp))),
    )
    if ctx.relations:  # let SymPy use the assumptions: refine, and bounded variables as positive maps
        forms += (
            ("refine under the assumptions", lambda: sp.simplify(sp.refine(evaluated(), sp.And(*ctx.relations)))),
            ("bounded variables as maps of positive ones, simplify",
             lambda: sp.simplify(_substitute_bounded(evaluated(), ctx)[0])),
        )
    facts = [p.fact for p in premises or () if p.fact is not None]
    rel0 = as_relations(assumptions)
    certified = certify.identity(claim, lhs0, rhs0, rel0, facts, {**INDEX_RANGES, **(ranges or {})})
    if certified.proved:
        return _proved(certified, steps, [lhs0, rhs0])
    found = oracle.hunt([lhs, rhs], "equal", ctx.relations, merged, ranges)
    refuted: dict = {}

    def refute(w):      # the kernel's check of a counterexample, once per point
        if id(w) not in refuted:
            refuted[id(w)] = certify.refute(claim, [lhs0, rhs0], "equal", rel0 + facts, w, ranges,
                                            sp.Eq(lhs0, rhs0, evaluate=False))
        return refuted[id(w)]
    decided = found.ok is False and found.witness is not None and refute(found.witness).status == Status.REFUTED
    for how, form in (forms if not decided else ()):    # the search: evidence, and candidates for the kernel
        reduced = _safe(form, steps, how)
        if reduced is None:
            continue
        if reduced == 0:
            sym = Outcome(True, f"{CAS} (SymPy: lhs - rhs reduces to 0; {how})", f"lhs - rhs reduces to 0 ({how})")
            steps.append(f"{how}: lhs - rhs = 0")
            break
        if reduced.is_number and reduced.is_zero is False:
            sym = Outcome(False, f"{CAS} (SymPy: {how})", f"lhs - rhs reduces to the nonzero constant {reduced}")
            break
    return _verdict(claim, sym, found, steps, certified, refute)


def expand_logs(e, ctx: Context, steps: list[str]):
    """ln of a product as the sum of the logs, ln u^k as k ln u, ln of a product over a range as
    the sum of the logs: each only where the factors are shown positive under the assumptions."""
    def positive(u, extra=()):
        c = ctx if not extra else Context.of(ctx.relations + list(extra), ctx.ranges)
        return _sympy_sign(u, "positive", c) is True or establish(u, "positive", c).result is True

    def expand(arg, extra=()):
        if isinstance(arg, sp.Mul):
            factors = arg.args
            if all(positive(f, extra) for f in factors):
                return sp.Add(*(expand(f, extra) for f in factors))
        elif isinstance(arg, sp.Pow) and arg.exp.is_real and positive(arg.base, extra):
            return arg.exp * expand(arg.base, extra)
        elif isinstance(arg, sp.Product) and len(arg.limits) == 1:
            v, lo, hi = arg.limits[0]
            index = sp.Dummy(str(v), integer=True)
            term = arg.function.xreplace({v: index})
            inside = tuple(extra) + tuple(_index_relations(index, lo, hi))
            if positive(term, inside):
                return sp.Sum(expand(term, inside).xreplace({index: v}), (v, lo, hi))
        elif isinstance(arg, sp.exp) and arg.args[0].is_real:
            return arg.args[0]
        return sp.log(arg)
    if not e.has(sp.log):
        return e
    return e.replace(lambda x: isinstance(x, sp.log), lambda x: expand(x.args[0]))


@dataclass(frozen=True)
class Premise:
    """A fact a step relies on, in both oracles' terms.

    rewrite: expr -> expr, applying the fact symbolically (e.g. sum_j y_j -> 1): the search's;
    samplers: how the numeric check draws values that satisfy it (e.g. a one-hot y);
    fact: the fact as a proposition, which the kernel uses as a stated hypothesis (a premise
    without one helps the search only).
    """

    text: str
    rewrite: Callable[[sp.Expr], sp.Expr]
    samplers: Mapping = field(default_factory=dict)
    fact: object = None     # the fact as a proposition (Eq(sum_j y_j, 1), Ne(j, k)): what the kernel may use


def _apply_premises(expr, premises):
    for p in premises or ():
        expr = p.rewrite(expr)
    return expr


def _merged_samplers(samplers, premises) -> dict:
    merged = {}
    for p in premises or ():
        merged.update(p.samplers)
    merged.update(samplers or {})
    return merged


def _safe(fn, steps: list[str], what: str):
    try:
        return fn()
    except Exception as exc:  # an engine failure means "not established", never "proved"
        steps.append(f"{what}: SymPy raised {type(exc).__name__}: {exc}")
        return None


# --------------------------------------------------------------------------- signs

def _prove_sign(expr, kind: str, assumptions, samplers, claim: str, negate: bool = False, ranges=None) -> Verdict:
    """expr kind (positive / nonnegative / nonzero); negate: the claim is about -expr's sign."""
    expr = expr0 = sp.sympify(expr)
    (expr,), ctx, vacuous = _prepare([expr], assumptions, None, samplers)
    if vacuous:
        return _vacuous_verdict(claim, vacuous)
    if kind != "nonzero":
        refused = _refuse_plain(claim, [expr])
        if refused is not None:
            return refused
    target = -expr if negate else expr
    steps: list[str] = []
    rel0 = as_relations(assumptions)
    target0 = -expr0 if negate else expr0
    certified = certify.sign(claim, target0, kind, rel0, ranges)
    if certified.proved:
        return _proved(certified, steps, [target0])
    # the search: its failing points are candidates the kernel checks
    e = _safe(lambda: in_range(target.doit()), steps, "doit")
    sym = establish(e, kind, ctx) if e is not None else Outcome(None, "", "doit failed")
    steps.extend(sym.steps)
    refute = lambda w: certify.refute(claim, [target0], kind, rel0, w, None,
                                      certify.RELATION[kind](target0, 0, evaluate=False))
    if sym.result is not True and sym.witness:
        r = refute(sym.witness)
        if r.status == Status.REFUTED:
            steps.append("the decision procedure's failing point, certified")
            return dataclasses.replace(r, steps=steps, reason=f"false: {sym.text}",
                                       counterexample={str(k): float(sp.N(v)) for k, v in sym.witness.items()})
    found = oracle.hunt([target], kind, ctx.relations, samplers)
    return _verdict(claim, sym, found, steps, certified, refute)


def prove_positive(expr, assumptions=None, *, samplers=None, claim: str | None = None,
                   ranges=None) -> Verdict:
    """Prove expr > 0 under the assumptions."""
    expr = sp.sympify(expr)
    return _prove_sign(expr, "positive", assumptions, samplers, claim or f"{expr} > 0", ranges=ranges)


def prove_negative(expr, assumptions=None, *, samplers=None, claim: str | None = None,
                   ranges=None) -> Verdict:
    """Prove expr < 0 under the assumptions (as -expr > 0)."""
    expr = sp.sympify(expr)
    return _prove_sign(expr, "positive", assumptions, samplers, claim or f"{expr} < 0", negate=True, ranges=ranges)


def prove_nonnegative(expr, assumptions=None, *, samplers=None, claim: str | None = None,
                      ranges=None) -> Verdict:
    """Prove expr >= 0 under the assumptions."""
    expr = sp.sympify(expr)
    return _prove_sign(expr, "nonnegative", assumptions, samplers, claim or f"{expr} >= 0", ranges=ranges)


def prove_nonpositive(expr, assumptions=None, *, samplers=None, claim: str | None = None,
                      ranges=None) -> Verdict:
    """Prove expr <= 0 under the assumptions (as -expr >= 0)."""
    expr = sp.sympify(expr)
    return _prove_sign(expr, "nonnegative", assumptions, samplers, claim or f"{expr} <= 0", negate=True, ranges=ranges)


def prove_nonzero(expr, assumptions=None, *, samplers=None, claim: str | None = None,
                  ranges=None) -> Verdict:
    """Prove expr != 0 under the assumptions: positive, negative, or decided nonzero."""
    return _prove_sign(sp.sympify(expr), "nonzero", assumptions, samplers, claim or f"{expr} != 0", ranges=ranges)


# --------------------------------------------------------------------------- limits

def prove_limit(expr, symbol, point, expected, assumptions=None, *, samplers=None,
                claim: str | None = None, direction: str | None = None, ranges=None) -> Verdict:
    """Prove lim_{symbol -> point} expr = expected.

    direction: "+" (from above), "-" (from below) or "+-" (both, the default at a finite point,
    unless the assumptions put `symbol` on one side of the point: 0 < t asks for t -> 0+).
    The symbolic limit comes from `derivations.limits` (limit laws, dominant terms decided under
    the assumptions, SymPy's limit only without parameters); the numeric oracle approaches the
    point from each side at hunted values of the other variables, ties included.
    """
    expr, symbol = sp.sympify(expr), sp.sympify(symbol)
    point, expected = sp.sympify(point), sp.sympify(expected)
    expr0, expected0 = expr, expected
    sides = _sides(symbol, point, assumptions, direction)
    arrow = {"+": "+", "-": "-", "+-": ""}["".join(sides) if len(sides) == 1 else "+-"] if point.is_finite else ""
    claim = claim or f"lim {symbol} -> {point}{arrow} of {expr} = {expected}"
    relations = as_relations(assumptions)
    others = [r for r in relations if symbol not in r.free_symbols]
    exprs, ctx, vacuous = _prepare([expr, expected], relations, None, samplers)
    if vacuous:
        return _vacuous_verdict(claim, vacuous)
    expr, expected = exprs
    others = [r for r in ctx.relations if symbol not in r.free_symbols]
    other_ctx = Context.of(others, None, samplers)
    steps: list[str] = [f"approach from {'both sides' if len(sides) == 2 else sides[0]}" if point.is_finite else ""]
    steps = [s for s in steps if s]
    plain = [s for s in domain.plain_symbols([expr, expected]) if s != symbol]
    if plain:
        return _refuse_plain(claim, [expr, expected])
    certified = certify.limit(claim, expr0, symbol, point, sides, expected0, relations, ranges=ranges)
    if certified.proved:
        return _proved(certified, steps, [expr0, expected0])
    sym = _symbolic_limit(expr, symbol, point, sides, expected, other_ctx, steps)
    found = oracle.check_limit(expr, symbol, point, sides, expected, others, samplers)
    if found.ok is True:
        found.text += f" (approach {_ladder_text(point)})"
    if certified.status == Status.REFUTED:
        return dataclasses.replace(certified, steps=steps + [f"numeric check: {found.text}"], evidence=found.text)
    return _verdict(claim, sym, found, steps, certified)


def _sides(symbol, point, assumptions, direction) -> list[str]:
    if not point.is_finite:
        return ["-" if point == sp.oo else "+"]     # approached from below oo, above -oo
    if direction:
        return ["+", "-"] if direction == "+-" else [direction]
    parsed = domain.parse([r for r in as_relations(assumptions) if r.free_symbols == {symbol}])
    iv = domain.interval_of(parsed, symbol)
    if iv.lo.is_finite and iv.lo >= point:
        return ["+"]
    if iv.hi.is_finite and iv.hi <= point:
        return ["-"]
    return ["+", "-"]


def _ladder_text(point) -> str:
    if point == sp.oo:
        return "10^2 ... 10^256"
    if point == -sp.oo:
        return "-10^2 ... -10^256"
    return f"{point} +- 10^-2 ... 10^-256"


def _symbolic_limit(expr, symbol, point, sides, expected, ctx: Context, steps) -> Outcome:
    from derivations import limits

    def sign_of(e, kind):
        if e.free_symbols & {limits.T, symbol}:
            return False
        return establish(e, kind, ctx).result is True
    values = []
    for side in sides:
        notes: list[str] = []
        value = _safe(lambda: limits.limit(in_range(expr.doit()), symbol, point, side, sign_of, notes),
                      steps, "limit")
        steps.extend(notes)
        if value is None:
            return Outcome(None, "", f"no limit rule applied from {side}" if point.is_finite else "no limit rule applied")
        steps.append(f"limit{' from ' + side if point.is_finite else ''}: {value}")
        values.append(value)
    how = "SymPy's limit (Gruntz), no parameters" if any("Gruntz" in s for s in steps) else "limit laws and dominant terms"
    by = f"{CAS} (derivations.limits: {how})"
    if len(values) == 2:
        gap = _safe(lambda: sp.simplify(values[0] - values[1]), steps, "simplify")
        if not (gap == 0 or (values[0] == values[1])):
            if gap is not None and gap.is_number and gap.is_zero is False:
                return Outcome(False, by, f"the one-sided limits differ: {values[0]} from the right, {values[1]} from the left")
            return Outcome(None, "", f"the one-sided limits {values[0]} and {values[1]} are not shown equal")
    value = values[0]
    if value in (sp.oo, -sp.oo) or expected in (sp.oo, -sp.oo):
        if value == expected:
            return Outcome(True, by, f"the limit is {value}")
        return Outcome(False, by, f"the limit is {value}, not {expected}")
    d = _safe(lambda: sp.simplify(value - expected), steps, "simplify")
    if d == 0:
        return Outcome(True, by, f"the limit is {value}")
    if d is not None and (d.is_number and d.is_zero is False or establish(d, "nonzero", ctx).result is True):
        return Outcome(False, by, f"the limit is {value}, not {expected}")
    return Outcome(None, "", f"the limit is {value}; equality with {expected} not decided")


# --------------------------------------------------------------------------- one entry point

def prove(statement, assumptions=None, **kw) -> Verdict:
    """Prove a SymPy proposition: Eq, Ne, Gt, Ge, Lt, Le, an And of those, or
    Eq(Limit(f, x, p, dir), L). A Limit keeps SymPy's meaning of its direction ('+' is from the
    right, SymPy's default; '+-' both sides). Build statements with evaluate=False where SymPy
    would decide them on construction."""
    if isinstance(statement, sp.And):
        parts = [prove(p, assumptions, **kw) for p in statement.args]
        claim = kw.get("claim") or " and ".join(v.claim for v in parts)
        if all(v.proved for v in parts):
            return kernel.conjunction(parts, claim, as_relations(assumptions) + [
                p.fact for p in kw.get("premises") or () if p.fact is not None])
        steps = [f"{v.status}: {v.claim} ({v.by or v.reason})" for v in parts]
        for status in (Status.VACUOUS, Status.REFUTED, Status.DISAGREEMENT):
            bad = next((v for v in parts if v.status == status), None)
            if bad is not None and status == Status.REFUTED:
                return dataclasses.replace(bad, steps=steps + list(bad.steps))     # a false part: the And is false too
            if bad is not None:
                return kernel.undecided(claim, f"{bad.claim}: {bad.reason}", steps=steps, status=status,
                                        counterexample=bad.counterexample, witness=bad.witness, by=bad.by)
        return kernel.undecided(claim, "some part is not established", steps=steps)
    if statement in (sp.true, sp.false, True, False):
        return kernel.undecided(str(statement),
                                "the statement was decided when it was built (SymPy evaluated it); build it with "
                                "evaluate=False so that it can be checked")
    if isinstance(statement, sp.Eq) and isinstance(statement.lhs, sp.Limit):
        f, x, p, d = statement.lhs.args
        direction = str(d) if p.is_finite else None
        return prove_limit(f, x, p, statement.rhs, assumptions, direction=direction,
                           **{k: v for k, v in kw.items() if k in ("samplers", "claim", "ranges")})
    if isinstance(statement, sp.Eq):
        return prove_equal(statement.lhs, statement.rhs, assumptions, **kw)
    sign_kw = {k: v for k, v in kw.items() if k in ("samplers", "claim", "ranges")}
    # the difference of the two sides, floats read exactly (SymPy's float arithmetic would make
    # 0.1 - 1/10 zero, and decide a claim the statement does not make)
    diff = certify.exact_floats(statement.lhs) - certify.exact_floats(statement.rhs) \
        if isinstance(statement, sp.Rel) else None
    claim = sign_kw.pop("claim", None) or str(statement)
    primitive = {sp.Ne: prove_nonzero, sp.StrictGreaterThan: prove_positive, sp.StrictLessThan: prove_negative,
                 sp.GreaterThan: prove_nonnegative, sp.LessThan: prove_nonpositive}.get(type(statement))
    if primitive is None:
        raise TypeError(f"prove takes Eq, Ne, Gt, Ge, Lt, Le, And or Eq(Limit(...), L), not {type(statement).__name__}")
    return primitive(diff, assumptions, claim=claim, **sign_kw)
