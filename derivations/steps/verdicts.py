"""Verdicts in the proof layer: the one vocabulary of statuses, and `establish`, the one place the
proof layer calls the primitives of `derivations.proof`.
"""
from __future__ import annotations

import dataclasses
from typing import Sequence

import sympy as sp

from derivations import kernel
from derivations.kernel import Kind
from derivations.proof import Premise, Verdict
from derivations.steps.statements import RELATIONS, statement_text

PROVED, REFUTED, UNDECIDED, DISAGREEMENT, VACUOUS = "proved", "refuted", "undecided", "disagreement", "vacuous"

# what establishes a check, for --explain and the table (Verdict.by, or the proof layer's own)
BY_REWRITING = "rewriting: both sides are the same expression"
BY_STEP = "an earlier step"
BY_HYPOTHESIS = "a hypothesis of the claim"
BY_RANGE = "the range of an index"
BY_READING = "read from the expression"               # a lemma's side condition (independence, integrality, smoothness)
BY_RULE = "a rule with its hypotheses proved"          # a lemma's conclusion

# ============================================================================ the one call to the primitives

def establish(statement, assumptions=(), *, premises: Sequence[Premise] = (), samplers=None, ranges=None,
              claim: str | None = None) -> Verdict:
    """Prove a SymPy proposition (Eq, Ne, Gt, Ge, Lt, Le, Eq(Limit(f, x, p, dir), L)) under the
    assumptions: the one place the proof layer calls the primitives (`derivations.proof.prove`).
    Premises are applied to a relation's difference first (sign primitives take none); their
    samplers go to the numeric oracle."""
    from derivations.proof import prove
    claim = claim or statement_text(statement)
    samplers = {**{k: v for p in premises for k, v in p.samplers.items()}, **(samplers or {})}
    if isinstance(statement, sp.Eq) and not isinstance(statement.lhs, sp.Limit):
        return prove(statement, list(assumptions), premises=tuple(premises), samplers=samplers, ranges=ranges,
                     claim=claim)
    if isinstance(statement, RELATIONS) and not isinstance(statement, sp.Eq) and premises:
        from derivations.symbols import evaluate      # a premise (j != k: delta_jk = 0) acts on what the derivatives give
        diff = statement.lhs - statement.rhs
        used = _apply(evaluate(diff, ranges), premises)
        statement = statement.func(used if used != evaluate(diff, ranges) else diff, 0, evaluate=False)
    return prove(statement, list(assumptions), samplers=samplers, claim=claim, ranges=ranges)


def _apply(expr, premises):
    for p in premises:
        expr = p.rewrite(expr)
    return expr


def combined(claim: str, verdicts: Sequence[Verdict], by: str = "") -> Verdict:
    """Every part proved: proved (the kernel's conjunction); else the first part that is not."""
    verdicts = list(verdicts)
    bad = next((v for v in verdicts if not v.proved), None)
    steps = [f"{v.status}: {v.claim}" for v in verdicts]
    if bad is None:
        assumptions = [a for v in verdicts if v.proposition is not None for a in v.proposition.assumptions]
        return kernel.conjunction(verdicts, claim, assumptions)
    if bad.status == REFUTED:
        return dataclasses.replace(bad, reason=f"{bad.claim}: {bad.reason}", steps=steps)
    return kernel.undecided(claim, f"{bad.claim}: {bad.reason}", steps=steps, status=bad.status,
                            counterexample=bad.counterexample)


def failed(claim: str, status: str, reason: str, steps=(), *, cites=()) -> Verdict:
    """A verdict of the proof layer's own that is not proved (undecided, vacuous, ...)."""
    return kernel.undecided(claim, reason, steps=list(steps), status=status, cites=tuple(cites))


def oracle_of(v: Verdict) -> str:
    """Which oracle established a verdict (`Verdict.by`)."""
    return v.by or ""


def oracle_of_all(verdicts) -> str:
    return "; ".join(dict.fromkeys(o for o in map(oracle_of, verdicts) if o))


def certificate_of(v: Verdict) -> Kind | None:
    """What the kernel re-checked to make this verdict (its `Kind`), None when it made none."""
    return v.certificate
