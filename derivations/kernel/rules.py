"""Rules: schemas with hypotheses, and the kernel's structural rules.

A `Rule` is a schema: for an instance (keyword arguments naming its parts), `hypotheses(**instance)`
lists (words, proposition) pairs and `conclusion(**instance)` the statement that follows; `why`
says why the schema holds under exactly these hypotheses. `by_rule` re-checks that every
hypothesis verdict was made by the kernel, is proved, and is about exactly the instantiated
hypothesis (under no more assumptions than the conclusion is claimed under); it then computes the
conclusion from the schema itself: a caller never supplies it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import sympy as sp

from derivations.kernel.propositions import SYNTACTIC, Proposition
from derivations.kernel.verdict import WORDS, Kind, Status, Verdict, _issue


@dataclass(frozen=True)
class Rule:
    name: str
    hypotheses: Callable[..., list]         # (**instance) -> [(words, proposition), ...]
    conclusion: Callable[..., sp.Basic]     # (**instance) -> statement
    why: str                                # why the schema holds under exactly these hypotheses
    source: str = ""

    def __repr__(self) -> str:
        return f"<Rule {self.name}>"


def _sealed(claim: str, status: Status, kind: Kind, proposition: Proposition, reason: str, *,
            steps=(), by: str = "", cites=(), counterexample=None, witness=None, evidence="") -> Verdict:
    """The one place a PROVED or REFUTED verdict is made; every caller is a kernel check."""
    return Verdict(claim, status, reason, list(steps), counterexample, by or WORDS[kind], witness, tuple(cites),
                   kind, evidence, proposition, _issue(claim, status, proposition))


def undecided(claim: str, reason: str, *, steps=(), evidence: str = "", proposition=None, cites=(),
              status: Status = Status.UNDECIDED, counterexample=None, witness=None, by: str = "") -> Verdict:
    """Anything that is not proved or refuted: undecided, a disagreement, vacuous (made unsealed)."""
    if status in (Status.PROVED, Status.REFUTED):
        raise ValueError("undecided() makes unsealed verdicts only")
    return Verdict(claim, status, reason, list(steps), counterexample, by, witness, tuple(cites), None, evidence,
                   proposition)


def is_kernel_proved(v) -> bool:
    return isinstance(v, Verdict) and v.status == Status.PROVED and v.proposition is not None


def _side_condition(p) -> bool | None:
    return p.holds() if isinstance(p, SYNTACTIC) else None


def by_rule(rule: Rule, instance: dict, hypothesis_verdicts: Sequence, assumptions: Sequence = (),
            claim: str | None = None, cites=()) -> Verdict:
    """The rule's conclusion for this instance, if every hypothesis is discharged: a syntactic
    side condition (`Independent`, `IsInteger`) by the kernel reading it; every other hypothesis by
    a kernel-proved verdict (in `hypothesis_verdicts`, in the order of `rule.hypotheses`; None
    where the hypothesis is syntactic) whose proposition is exactly the instantiated hypothesis,
    under no more assumptions than `assumptions`."""
    conclusion = rule.conclusion(**instance)
    target = Proposition.of(conclusion, assumptions)
    claim = claim or str(conclusion)
    wanted = rule.hypotheses(**instance)
    given = list(hypothesis_verdicts) + [None] * (len(wanted) - len(hypothesis_verdicts))
    if len(given) != len(wanted):
        return undecided(claim, f"{rule.name}: {len(wanted)} hypotheses, {len(hypothesis_verdicts)} verdicts given",
                         proposition=target)
    steps = []
    for (words, prop), v in zip(wanted, given):
        side = _side_condition(prop)
        if side is True:
            steps.append(f"{words}: holds (read from the expression)")
            continue
        if side is False:
            return undecided(claim, f"{rule.name}: the hypothesis '{words}' fails", steps=steps, proposition=target)
        if not is_kernel_proved(v):
            return undecided(claim, f"{rule.name}: the hypothesis '{words}' is not proved", steps=steps,
                             proposition=target)
        if not v.proposition.implies(Proposition.of(prop, assumptions)):
            return undecided(claim, f"{rule.name}: the verdict given for '{words}' is about {v.proposition.statement}, "
                             f"not {prop}", steps=steps, proposition=target)
        steps.append(f"{words}: {v.status} ({v.by})")
    return _sealed(claim, Status.PROVED, Kind.RULE, target, f"{rule.name}: every hypothesis is proved", steps=steps,
                   by=f"the rule '{rule.name}'", cites=cites)


def conjunction(parts: Sequence[Verdict], claim: str | None = None, assumptions: Sequence = (), cites=()) -> Verdict:
    """And(p_1, ..., p_k) is proved when every p_i is kernel-proved (under no more assumptions
    than `assumptions`); the conclusion is the And of the parts' statements."""
    parts = list(parts)
    statement = sp.And(*[v.proposition.statement for v in parts if is_kernel_proved(v)], evaluate=False) \
        if all(is_kernel_proved(v) for v in parts) and parts else None
    claim = claim or " and ".join(v.claim for v in parts)
    if statement is None:
        bad = next((v for v in parts if not v.proved), None)
        why = f"{bad.claim}: {bad.reason}" if bad is not None else "no parts, or a part not made by the kernel"
        return undecided(claim, why, steps=[f"{v.status}: {v.claim}" for v in parts])
    target = Proposition.of(statement, assumptions)
    for v in parts:
        if not set(v.proposition.assumptions) <= set(target.assumptions):
            return undecided(claim, f"{v.claim} was proved under other assumptions", proposition=target)
    return _sealed(claim, Status.PROVED, Kind.CONJUNCTION, target, "every part is proved",
                   steps=[f"{v.status}: {v.claim} ({v.by})" for v in parts],
                   by="; ".join(dict.fromkeys(v.by for v in parts)),
                   cites=tuple(cites) + tuple(c for v in parts for c in v.cites))


def by_hypothesis(statement, assumptions: Sequence, claim: str | None = None) -> Verdict:
    """A statement identical (structurally) to one of the assumptions holds under them."""
    statement = sp.sympify(statement)
    target = Proposition.of(statement, assumptions)
    claim = claim or str(statement)
    if statement in target.assumptions:
        return _sealed(claim, Status.PROVED, Kind.HYPOTHESIS, target, "it is a hypothesis of the claim")
    return undecided(claim, "not one of the hypotheses", proposition=target)


def by_earlier(statement, earlier: Verdict, assumptions: Sequence, claim: str | None = None, cites=()) -> Verdict:
    """A statement identical to an earlier kernel-proved one (proved under no more assumptions)."""
    statement = sp.sympify(statement)
    target = Proposition.of(statement, assumptions)
    claim = claim or str(statement)
    if is_kernel_proved(earlier) and earlier.proposition.implies(target):
        return _sealed(claim, Status.PROVED, Kind.EARLIER_STEP, target, "it is an earlier step", cites=cites)
    return undecided(claim, "not the earlier step's statement", proposition=target)


# ---------------------------------------------------------------------------- relations compared

_WEAKER = {">": {">", ">=", "!="}, ">=": {">="}, "==": {"==", ">=", "<="}, "!=": {"!="}}


def alpha(e):
    """e with every bound index named by its depth (a sum's value does not depend on its index's
    name, nor on the index's own assumptions: the range says which values it takes). The names
    are Dummies numbered by depth: equal to each other across expressions, never to a symbol of
    the claim (a free Symbol('_a0', integer=True) would otherwise be captured: sum_k z_k _a0 and
    sum_k z_k k would read alike)."""
    def walk(x, depth):
        if isinstance(x, (sp.Sum, sp.Product)) and len(x.limits) == 1:
            v, lo, hi = x.limits[0]
            fresh = sp.Dummy("_a", dummy_index=depth, integer=True)
            return x.func(walk(x.function.xreplace({v: fresh}), depth + 1), (fresh, walk(lo, depth), walk(hi, depth)))
        if not x.args or isinstance(x, (sp.Symbol, sp.Indexed)):
            return x
        return x.func(*(walk(a, depth) for a in x.args))
    return walk(sp.sympify(e), 0)


def _normal(rel):
    """(op, difference expanded, difference as written) with > for < and >= for <=: a > b, b < a and
    a - b > 0 alike."""
    if not isinstance(rel, (sp.Eq, sp.Ne, sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan)):
        return None
    d = alpha(rel.lhs - rel.rhs)
    op = rel.rel_op
    if op in ("<", "<="):
        op, d = {"<": ">", "<=": ">="}[op], -d
    return op, sp.expand(d, power_exp=False, power_base=False, log=False), d


def _singular(e) -> set:
    """Where e may be undefined: the bases of its negative or fractional powers, the arguments of
    its logarithms. A relation follows from a fact by polynomial arithmetic only where the goal is
    undefined at no point the fact holds at: its singular parts are among the fact's."""
    return {a.base if isinstance(a, sp.Pow) else a.args[0] for a in sp.preorder_traversal(e)
            if isinstance(a, sp.log) or (isinstance(a, sp.Pow) and not (a.exp.is_Integer and a.exp >= 0))}


def implied(goal, fact) -> bool:
    """The relation `goal` follows from the relation `fact` by its normal form alone: the same
    difference (up to polynomial arithmetic over the rationals and bound indices' names) and a
    relation at least as strong (a > b gives a >= b and a != b; a = b gives b = a)."""
    if goal == fact:
        return True
    g, f = _normal(goal), _normal(fact)
    if g is None or f is None:
        return False
    if not _singular(g[2]) <= _singular(f[2]):
        return False        # expanding cancelled where the goal is undefined (x (1/x + y) is 1 + xy but at 0)
    if sp.expand(g[1] - f[1]) == 0:
        return g[0] in _WEAKER.get(f[0], set())
    if sp.expand(g[1] + f[1]) == 0:
        return (f[0], g[0]) in (("==", "=="), ("!=", "!="), ("==", ">="))
    return False


def follows(statement, fact, assumptions: Sequence, premise: Verdict | None = None, claim: str | None = None,
            kind: Kind | None = None, cites=()) -> Verdict:
    """`statement` from `fact`: a stated hypothesis (premise None: `fact` must be one of the
    assumptions) or an earlier kernel-proved verdict (`premise`), by `implied`. The statement
    may be an And or an Implies of relations: each part must follow."""
    statement = sp.sympify(statement)
    target = Proposition.of(statement, assumptions)
    claim = claim or str(statement)
    if premise is None and sp.sympify(fact) not in target.assumptions:
        return undecided(claim, "the fact is not one of the hypotheses", proposition=target)
    if premise is not None and not is_kernel_proved(premise):
        return undecided(claim, "the step it follows from is not proved", proposition=target)
    if not _implied_logic(statement, sp.sympify(fact)):
        return undecided(claim, "it does not follow from the fact by its form", proposition=target)
    kind = kind or (Kind.HYPOTHESIS if premise is None else Kind.EARLIER_STEP)
    return _sealed(claim, Status.PROVED, kind, target, f"it follows from {fact}", cites=cites)


def _implied_logic(goal, fact) -> bool:
    if isinstance(goal, sp.And):
        return all(_implied_logic(g, fact) for g in goal.args)
    if isinstance(fact, sp.And):
        return any(_implied_logic(goal, f) for f in fact.args)
    if isinstance(goal, sp.Implies) and isinstance(fact, sp.Implies):
        return alpha(goal.args[0]) == alpha(fact.args[0]) and _implied_logic(goal.args[1], fact.args[1])
    if isinstance(goal, sp.Implies):
        return _implied_logic(goal.args[1], fact)        # a fact holds under any added antecedent
    return implied(goal, fact)


def reflexivity(statement, assumptions: Sequence = (), claim: str | None = None) -> Verdict:
    """a = a, a >= a, a <= a: both sides the same expression (up to bound indices' names)."""
    statement = sp.sympify(statement)
    target = Proposition.of(statement, assumptions)
    claim = claim or str(statement)
    if isinstance(statement, (sp.Eq, sp.GreaterThan, sp.LessThan)) and alpha(statement.lhs) == alpha(statement.rhs):
        return _sealed(claim, Status.PROVED, Kind.IDENTITY, target, "both sides are the same expression",
                       by="both sides are the same expression")
    return undecided(claim, "the two sides differ", proposition=target)


def structural(claim: str, kind: Kind, premises: Sequence[Verdict], reason: str, statement=None, by: str = "",
               cites=()) -> Verdict:
    """A step of the proof layer that holds when the steps it rests on hold (a step renamed to
    other variables, a lemma's conclusion matched with the step): every premise must be
    kernel-proved. The match between the premises and `statement` is the proof layer's own
    (issue 19 moves each kind of match to a rule of the kernel); this is the one place it is
    trusted, and `Kind` says which kind of match it was."""
    premises = list(premises)
    target = Proposition.of(statement if statement is not None else sp.Symbol(f"<{claim}>"), ())
    bad = next((p for p in premises if not is_kernel_proved(p)), None)
    if bad is not None:
        return undecided(claim, f"it rests on {bad.claim}, which is {bad.status}", proposition=target)
    return _sealed(claim, Status.PROVED, kind, target, reason, by=by or WORDS[kind], cites=cites)
