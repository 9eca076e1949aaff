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
