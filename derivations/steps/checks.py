"""Checks from statements: the scope a chain of steps is checked in (hypotheses, givens,
definitions, the steps so far), and the `Checker`, which derives the checks of a statement in it.

What unfolding trusts SymPy with: a derivative by a quantity that is then unfolded (dC/da_i, at
a_i = sigma(z_i)) is carried out by SymPy before the quantity is replaced (summation indices
renamed apart first); the primitives then check what it gave. Everything else the checks assume
is a rewrite with a definition or a proved step, or a generalisation (a quantity kept as a
variable, which is never done where a limit, derivative or sum varies what it depends on).
"""
from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.notation import text
from derivations.proof import Premise, Verdict
from derivations.steps.definitions import (Definitions, chapter_definitions, claimed_assumptions, implied_assumptions,
                                           same_definition)
from derivations.steps.smoothness import nonsmooth_derivative
from derivations.steps.statements import (RELATION_TEXT, RELATIONS, antecedents, index_symbols, names_in, normal,
                                          on_sides, parts, rename, same_statement, statement_text)
from derivations.steps.step import DEFINITION, Check, Step
from derivations import kernel
from derivations.steps.verdicts import BY_HYPOTHESIS, BY_RANGE, BY_REWRITING, BY_STEP, UNDECIDED, \
    combined, establish, failed


@dataclass(frozen=True)
class Given:
    """A hypothesis of a claim that is not a bound the primitives read: its statement (shown, and
    matched by the checks: "by hypothesis"), and optionally the `Premise` that tells both oracles
    what it means (a one-hot y: sum_j y_j = 1 as a rewrite, one-hot samples)."""

    statement: sp.Basic
    premise: Premise | None = None


@dataclass
class Scope:
    """What the checks of a chain of steps read: the hypotheses (relations the primitives read as
    assumptions, and `Given`s they cannot read), the definitions made so far, samplers and index
    ranges for the numeric oracle, and the steps so far (which later checks may cite or match)."""

    hypotheses: list = field(default_factory=list)
    given: list = field(default_factory=list)
    premises: tuple = ()
    samplers: dict = field(default_factory=dict)
    ranges: dict | None = None
    definitions: Definitions = field(default_factory=lambda: Definitions(chapter_definitions()))
    steps: list = field(default_factory=list)

    def child(self) -> "Scope":
        return Scope(list(self.hypotheses), list(self.given), tuple(self.premises), dict(self.samplers),
                     self.ranges, self.definitions.copy(), list(self.steps))

    def all_premises(self) -> tuple:
        return tuple(self.premises) + tuple(g.premise for g in self.given if g.premise is not None)

    def taken(self) -> set:
        """Names a new definition may not use: the defined ones and those of the hypotheses."""
        out = set(self.definitions.keys())
        for h in [*self.hypotheses, *(g.statement for g in self.given)]:
            out |= names_in(h)
        return out



def unmet_hypotheses(theirs: Scope, mine: Scope, renaming: dict | None = None) -> list[str]:
    """The hypotheses (relations, facts, premises) a step was proved under, in scope `theirs`,
    that are not hypotheses in scope `mine` (after `renaming`): using the step there would assume
    them."""
    out = []
    known = [*mine.hypotheses, *(g.statement for g in mine.given)]
    for h in [*theirs.hypotheses, *(g.statement for g in theirs.given)]:
        moved = rename(h, renaming) if renaming else h
        if not any(same_statement(moved, k) for k in known):
            out.append(f"it was proved for {statement_text(moved)}, which is not a hypothesis here")
    have = mine.all_premises()
    for p in theirs.all_premises():
        if not any(p is q for q in have):
            out.append(f"it was proved using the fact '{p.text}', which is not a hypothesis here")
    return out



def _applies(fact, conditions):
    """(the fact, usable here?) for a cited fact, which may hold under a condition of its own."""
    if isinstance(fact, sp.Implies):
        needed = antecedents(fact.args[0])
        return fact.args[1], all(any(same_statement(c, have) for have in conditions) for c in needed)
    return fact, True


class Checker:
    """Derives the checks of a statement in a scope: the cited steps' equations rewrite it, the
    definitions are unfolded (those the cited signs are about stay as variables), and then each
    part (And) and each consequent under its antecedent (Implies) is proved by `establish`. A
    part that is an earlier proved step, or a hypothesis, holds by it; one whose two sides became
    the same expression holds by rewriting."""

    def __init__(self, scope: Scope, cited: Sequence[Step] = (), keep: Sequence = ()):
        self.scope, self.cited = scope, list(cited)
        self.keep = set(keep)          # defined quantities left as variables: the step holds for any value
        self._unfolded_steps: dict = {}
        self._stripped: dict = {}          # a kept quantity -> the variable that stands for it

    # -- reading the statement ----------------------------------------------------------------
    def unfolded(self, expr, conditions=(), rewrite=True):
        """expr with the cited equations applied (when `rewrite`) and the definitions unfolded,
        except those the cited signs are about (kept as variables: what holds for every value
        holds for theirs) - but never one that depends on a variable a limit, derivative or sum
        in the statement binds: there it is no constant."""
        keep = self.kept()
        for _ in range(len(keep) + 1):
            out = self.scope.definitions.unfold(expr, keep, self.rewrites(conditions) if rewrite else ())
            unsafe = {key for key in keep if _varies_where_bound(out, key, self.scope.definitions)}
            if not unsafe:
                return self._as_variables(out, keep)
            keep = keep - unsafe
        return out

    def _as_variables(self, e, keep):
        """A kept quantity as a variable that carries only the assumptions its value is known to
        have (a kept t := log(-1) declared real is not a real variable)."""
        swap = {}
        for key in keep:
            d = self.scope.definitions.get(key)
            holder = key if isinstance(key, (sp.Symbol, sp.IndexedBase)) else None
            if d is None or holder is None:
                continue
            implied = implied_assumptions(holder, d.value)
            if len(implied) < len(claimed_assumptions(holder)):
                if key not in self._stripped:
                    self._stripped[key] = sp.Dummy(str(key), **implied) if isinstance(key, sp.Symbol) else \
                        sp.IndexedBase(sp.Dummy(str(key)), **implied)
                swap[key] = self._stripped[key]
        if not swap:
            return e
        if isinstance(e, (sp.And, sp.Or, sp.Implies, sp.Equivalent, sp.Not)):
            return e.func(*(self._as_variables(x, keep) for x in e.args), evaluate=False)
        return on_sides(e, lambda x: x.xreplace(swap))

    def kept(self) -> set:
        defined = self.scope.definitions.keys()
        keys = set(self.keep)
        for fact in self._cited_facts(()):
            if isinstance(fact, RELATIONS) and not isinstance(fact, sp.Eq):
                keys |= {s for s in names_in(fact) if s in defined}
        return keys

    def _cited_facts(self, conditions, with_steps=False):
        for step in self.cited:
            for fact in parts(step.statement):
                fact, usable = _applies(fact, conditions)
                if usable:
                    yield (fact, step) if with_steps else fact

    def rewrites(self, conditions=()) -> list:
        """The cited equations as rewrites lhs -> rhs; one with a free index (j) rewrites every
        instance of it over the same range (a bound i of a sum, another free index)."""
        return [_rewrite(f.lhs, f.rhs, self.scope) for f in self._cited_facts(conditions) if isinstance(f, sp.Eq)]

    def facts(self, conditions=(), with_steps=False) -> list:
        """The cited signs (relations other than equations), for the primitives to read (with the
        step each comes from, when asked)."""
        return [f for f in self._cited_facts(conditions, True) if isinstance(f[0], RELATIONS) and not isinstance(f[0], sp.Eq)] \
            if with_steps else [f for f in self._cited_facts(conditions) if isinstance(f, RELATIONS) and not isinstance(f, sp.Eq)]

    def inconsistent(self) -> list[str]:
        """Cited steps from another scope (a derivation) whose defined symbols mean something else
        here, or nothing (their equations would not be about this claim's quantities), or which
        were proved under hypotheses that do not hold here."""
        out = []
        for step in self.cited:
            theirs = step.checker.scope.definitions if step.checker is not None else None
            if theirs is None or all(any(d is mine for mine in self.scope.definitions.entries) for d in theirs.entries):
                continue            # the same definitions (a step of the same proof): nothing to compare
            out += unmet_hypotheses(step.checker.scope, self.scope)
            for other in theirs.entries:
                if other.key not in names_in(step.statement):
                    continue
                mine = self.scope.definitions.find(other.target)
                if mine is None or not same_definition(mine, other):
                    out.append(f"step {step.number} ({step.text()}) has {statement_text(other.statement())}, but "
                               f"{'that is not defined' if mine is None else statement_text(mine.statement())} here")
        return out

    # -- proving ------------------------------------------------------------------------------
    def check(self, source, role: str = "the statement", conditions=()) -> Check:
        """The Check of `source` (a combined verdict over its parts)."""
        problems = self.inconsistent() + [f"it cites step {c.number}, which does not hold" for c in self.cited if not c.holds]
        if problems:
            return Check(role, source, source, (), failed(statement_text(source), UNDECIDED, "; ".join(problems)))
        found, proposition, assumptions = self._prove(source, list(conditions))
        return Check(role, source, proposition, tuple(assumptions), found)

    def _prove(self, st, conditions):
        claim = statement_text(st)
        if isinstance(st, sp.And):
            results = [self._prove(p, conditions) for p in st.args]
            return (combined(claim, [r[0] for r in results]), sp.And(*[r[1] for r in results], evaluate=False),
                    results[0][2])
        if isinstance(st, sp.Implies):
            found, inner, assumptions = self._prove(st.args[1], conditions + antecedents(st.args[0]))
            return found, sp.Implies(st.args[0], inner, evaluate=False), assumptions
        return self._prove_relation(st, conditions)

    def index_ranges(self, st) -> list:
        """1 <= j <= n for every index symbol in the statement (k over layer L-1: 1 <= k <= m)."""
        from derivations.symbols import INDEX_RANGES
        ranges = {**INDEX_RANGES, **(self.scope.ranges or {})}
        out = []
        for s_ in sorted(index_symbols(st) | {x for x in st.atoms(sp.Symbol) if x in ranges and x.is_integer}, key=str):
            if s_ in ranges:
                out += [sp.Ge(s_, 1, evaluate=False), sp.Le(s_, ranges[s_], evaluate=False)]
        return out

    def _prove_relation(self, st, conditions):
        claim = statement_text(st)
        hypotheses = [self.unfolded(h, rewrite=False) for h in self.scope.hypotheses] + self.index_ranges(st)
        found = self.earlier(st, conditions)
        if found is not None:
            return found, st, hypotheses + list(conditions)
        rough = nonsmooth_derivative(self.scope.definitions.unfold_everything(st))
        if rough is not None:
            return (failed(claim, UNDECIDED, f"it differentiates {text(rough)}, which may not be differentiable "
                           "where it is defined: SymPy's derivative of it is not believed"), st, hypotheses)
        notes: list[str] = [f"cites step {s.number}: {s.text()}" for s in self.cited]
        unfolded = self.unfolded(st, conditions)
        conds = [self.unfolded(c, rewrite=False) for c in conditions]
        unfolded, substituted = _use_conditions(unfolded, conds)
        cited = [(_use_conditions(self.unfolded(f, rewrite=False), conds)[0], step)
                 for f, step in self.facts(conditions, with_steps=True)]
        facts = [f for f, _ in cited]
        follows = next(((f, step) for f, step in cited if _follows(unfolded, f)), None)
        if follows is not None:
            from derivations.steps.builder import holds_verdict
            v = kernel.follows(unfolded, follows[0], hypotheses + conds, holds_verdict(follows[1]), claim,
                               cites=(follows[1], *self.cited))
            return (dataclasses.replace(v, steps=notes + substituted, by=f"{BY_STEP} (step {follows[1].number})"),
                    unfolded, hypotheses + conds)
        unfolded, facts, abstracted = _abstract(unfolded, facts)
        notes += substituted + abstracted
        if isinstance(unfolded, sp.Rel) and unfolded.rel_op in ("==", ">=", "<=") and unfolded.lhs == unfolded.rhs:
            v = kernel.reflexivity(unfolded, hypotheses + conds, claim)
            return (dataclasses.replace(v, steps=notes, by=BY_REWRITING,
                                        reason="both sides are the same expression once the cited steps and the "
                                        "definitions are used"), unfolded, hypotheses + conds)
        if not isinstance(unfolded, RELATIONS):
            return (failed(claim, UNDECIDED, f"unfolded, the statement is {unfolded}, not a relation to check "
                           "(build it with evaluate=False)", notes), unfolded, hypotheses + conds)
        if unfolded != st:
            found = self.earlier(unfolded, conditions, unfolded_already=True)
            if found is not None:
                return found, unfolded, hypotheses + conds
        unfolded, generalised = _generalise_functions(unfolded)
        assumptions = [*hypotheses, *conds, *facts]
        found = establish(unfolded, assumptions, premises=self.scope.all_premises() + tuple(_index_premises(conds)),
                          samplers=self.scope.samplers, ranges=self.scope.ranges, claim=claim)
        found.steps[:0] = notes + generalised
        return found, unfolded, assumptions

    def earlier(self, st, conditions, unfolded_already=False) -> Verdict | None:
        """The hypothesis, or the proved earlier step (or a part of one), that is this statement
        (not for an equation whose sides are the same once unfolded: that holds by rewriting)."""
        target = st if unfolded_already else self.unfolded(st, conditions, rewrite=False)

        def by_rewriting() -> bool:     # asked only once a statement matches (its normal form costs)
            shape = normal(target)
            return shape is not None and shape[1] == 0
        ranges = self.index_ranges(st)
        for h in [*self.scope.hypotheses, *(g.statement for g in self.scope.given), *ranges]:
            for fact in parts(h):
                if same_statement(fact, st) or same_statement(self.unfolded(fact, rewrite=False), target):
                    if by_rewriting():
                        return None
                    kind = BY_RANGE if any(fact is r for r in ranges) else BY_HYPOTHESIS
                    v = kernel.follows(st, fact, [fact], None, statement_text(st)) if same_statement(fact, st) else \
                        kernel.follows(target, self.unfolded(fact, rewrite=False), [self.unfolded(fact, rewrite=False)],
                                       None, statement_text(st))
                    if v.proved:
                        return dataclasses.replace(v, reason=f"it is {kind}: {statement_text(fact)}", by=kind)
        for step in [*self.scope.steps, *(c for c in self.cited if c not in self.scope.steps)]:
            if step.how == DEFINITION:
                continue
            for fact in parts(step.statement):
                fact, usable = _applies(fact, conditions)
                if usable and (same_statement(fact, st) or same_statement(self._unfold_step(step, fact), target)) \
                        and step.holds:
                    if by_rewriting():
                        return None
                    from derivations.steps.builder import holds_verdict
                    v = kernel.follows(st, fact, [], holds_verdict(step), statement_text(st), cites=(step,)) \
                        if same_statement(fact, st) else kernel.follows(
                            target, self._unfold_step(step, fact), [], holds_verdict(step), statement_text(st),
                            cites=(step,))
                    if v.proved:
                        return dataclasses.replace(v, reason=f"it is step {step.number}",
                                                   by=f"{BY_STEP} (step {step.number})")
        return None

    def _unfold_step(self, step, fact):
        key = (id(step), fact)
        if key not in self._unfolded_steps:
            self._unfolded_steps[key] = self.scope.definitions.unfold(fact)
        return self._unfolded_steps[key]


def _bound_around(e):
    """(node, the variables it binds) for every limit, derivative, sum and product in e."""
    for node in sp.preorder_traversal(e):
        if isinstance(node, sp.Limit):
            yield node, {node.args[1]}
        elif isinstance(node, sp.Derivative):
            yield node, {v.base if isinstance(v, sp.Indexed) else v for v, _ in node.variable_count}
        elif isinstance(node, (sp.Sum, sp.Product)):
            yield node, {lim[0] for lim in node.limits}


def _depends(value, names) -> bool:
    found = names_in(value) | {x.base for x in value.atoms(sp.Indexed)}
    return bool(found & set(names))


def _varies_where_bound(e, key, definitions) -> bool:
    """Whether the defined `key` occurs inside a limit, derivative or sum of e whose variable
    its value depends on."""
    d = definitions.get(key)
    if d is None:
        return False
    own = set(d.target.indices) if isinstance(d.target, sp.Indexed) else \
        set(d.target.args) if isinstance(d.target, sp.Function) else set()
    value = definitions.unfold(d.value)
    for node, variables in _bound_around(e):
        if node.has(key) and _depends(value, set(variables) - own):
            return True
    return False


def _rewrite(lhs, rhs, scope: Scope):
    """expr -> expr with lhs replaced by rhs; the free index symbols of lhs (j in dC/dz_j = ...)
    match any index over the same range (the bound i of a sum, another free index): the equation
    holds for every index in that range."""
    from derivations.symbols import INDEX_RANGES
    ranges = {**INDEX_RANGES, **(scope.ranges or {})}
    named = _named_in_hypotheses(scope)
    free = [s for s in index_symbols(lhs) if s in ranges and s not in named]
    if not free:
        return lambda e: e.xreplace({lhs: rhs}) if e.has(lhs) else e
    def rewrite(e):
        candidates = {s: [x for x in e.atoms(sp.Symbol) if x.is_integer and ranges.get(x) == ranges[s]
                          and _ranges_as(e, x, ranges[s])] for s in free}
        hits = {}
        for values in itertools.product(*(candidates[s] for s in free)):
            assign = dict(zip(free, values))
            instance = lhs.xreplace(assign)
            if e.has(instance):
                hits[instance] = rhs.xreplace(assign)
        return e.xreplace(hits) if hits else e
    return rewrite


def _ranges_as(e, x, upper) -> bool:
    """Every sum in e that binds x runs over 1..upper (an equation for every index in 1..upper
    may then be used for its terms)."""
    return all(lim[1] == 1 and lim[2] == upper for node in e.atoms(sp.Sum, sp.Product)
               for lim in node.limits if lim[0] == x)


def _named_in_hypotheses(scope: Scope) -> set:
    """Index symbols the hypotheses say something about (j != k): not free to rename."""
    out = set()
    for h in [*scope.hypotheses, *(g.statement for g in scope.given)]:
        out |= {s for s in h.free_symbols if s.is_integer}
    return out


def _use_conditions(st, conds):
    """An implication's conditions applied: k = j puts j for k."""
    notes = []
    for c in conds:
        if isinstance(c, sp.Eq) and isinstance(c.lhs, (sp.Symbol, sp.Indexed)):
            st = on_sides(st, lambda e, c=c: e.subs(c.lhs, c.rhs))          # free occurrences only
            notes.append(f"with {statement_text(c)}: put {text(c.rhs)} for {text(c.lhs)}")
    return st, notes


def _index_premises(conds) -> list[Premise]:
    """j != k, for indices: the Kronecker delta delta_jk is 0."""
    out = []
    for c in conds:
        if isinstance(c, sp.Ne) and all(isinstance(s, sp.Symbol) and s.is_integer for s in (c.lhs, c.rhs)):
            out.append(Premise(f"{text(c.lhs)} ≠ {text(c.rhs)}, so δ_{text(c.lhs)}{text(c.rhs)} = 0",
                               lambda e, u=c.lhs, v=c.rhs: e.xreplace({sp.KroneckerDelta(u, v): 0,
                                                                       sp.KroneckerDelta(v, u): 0})))
    return out


def _follows(goal, fact) -> bool:
    """The goal is the fact, or weaker (a > b gives a >= b and a != b)."""
    g, f = normal(goal), normal(fact)
    if g is None or f is None or isinstance(g[1], tuple) or isinstance(f[1], tuple):
        return False
    weaker = {">": {">", ">=", "!="}, ">=": {">="}, "==": {"==", ">="}, "!=": {"!="}}
    try:
        if g[1] == f[1]:
            return g[0] in weaker.get(f[0], set())
        if sp.expand(g[1] + f[1]) == 0:
            return f[0] in ("==", "!=") and g[0] == f[0] or (f[0] == "==" and g[0] == ">=")
    except TypeError:
        return False
    return False


def _abstract(st, facts):
    """A cited sign about a compound subject (sum_l e^(z_l) - e^(z_j) > 0): the subject is written
    as a fresh variable t wherever it occurs in the statement, with the fact about t. Sound: what
    holds for every such t holds for the subject."""
    kept, notes = [], []
    for fact in facts:
        kind, subject = normal(fact)
        if isinstance(subject, tuple) or isinstance(subject, (sp.Symbol, sp.Indexed)) or subject.is_number:
            kept.append(fact)
            continue
        if any(node.has(*names_in(subject)) and _depends(subject, variables) for node, variables in _bound_around(st)):
            kept.append(fact)            # inside a limit or derivative by what it depends on: no constant
            continue
        t = sp.Dummy("t", real=True)
        replaced = on_sides(st, lambda e: e.subs(subject, t))
        if replaced == st:
            replaced = on_sides(st, lambda e: e.subs(-subject, -t))
        if replaced != st:
            st = replaced
            kept.append({">": sp.Gt, ">=": sp.Ge, "!=": sp.Ne}[kind](t, 0))
            notes.append(f"write {text(subject)} as t, with t {RELATION_TEXT[kind]} 0")
    return st, kept, notes


def _generalise_functions(st):
    """An arbitrary function C (an undefined SymPy function) enters only through its values and
    derivatives at points: carry out the derivatives, then write each such value as a fresh real
    number (what holds for every number holds for C's values)."""
    if not st.atoms(AppliedUndef):
        return st, []
    st = on_sides(st, lambda e: e.doit())
    for node, variables in _bound_around(st):
        if any(f.free_symbols & variables or _depends(f, variables) for f in node.atoms(AppliedUndef)):
            return st, ["an arbitrary function inside a limit, sum or derivative by its argument: left to the primitives"]
    values: dict = {}
    for atom in sorted(st.atoms(sp.Subs, sp.Derivative, AppliedUndef), key=sp.count_ops, reverse=True):
        if atom.atoms(AppliedUndef) and not any(atom.has(v) or v.has(atom) for v in values):
            values[atom] = sp.Dummy(f"g{len(values)}", real=True)
    notes = [f"the arbitrary function enters through {text(k)}: written as a free real number" for k in values]
    return on_sides(st, lambda e: e.xreplace(values)), notes


