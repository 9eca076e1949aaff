"""Verdicts in the proof layer: the one vocabulary of statuses, and `establish`, the one place the
proof layer calls the primitives of `derivations.proof`.
"""
from __future__ import annotations

from typing import Sequence

import sympy as sp

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
    return prove(statement, list(assumptions), samplers=samplers, claim=claim)


def _apply(expr, premises):
    for p in premises:
        expr = p.rewrite(expr)
    return expr


def combined(claim: str, verdicts: Sequence[Verdict], by: str = "") -> Verdict:
    """Every part proved: proved; else the status of the first part that is not."""
    bad = next((v for v in verdicts if not v.proved), None)
    steps = [f"{v.status}: {v.claim}" for v in verdicts]
    if bad is None:
        return verdict(claim, True, PROVED, "; ".join(v.reason for v in verdicts), steps, by=(by or oracle_of_all(verdicts)),
                       cites=tuple(s for v in verdicts for s in v.cites))
    return Verdict(claim, False, bad.status, f"{bad.claim}: {bad.reason}", steps, bad.counterexample)


def verdict(claim: str, proved: bool, status: str, reason: str, steps=(), counterexample=None, *, by: str = "",
            cites=()) -> Verdict:
    """A Verdict of the proof layer's own (a structural match, a combination), with the oracle
    that established it in `by` and the steps it cites by number in `cites`."""
    return Verdict(claim, proved, status, reason, list(steps), counterexample, by=by, cites=tuple(cites))


def oracle_of(v: Verdict) -> str:
    """Which oracle established a verdict (`Verdict.by`)."""
    return v.by or ""


def oracle_of_all(verdicts) -> str:
    return "; ".join(dict.fromkeys(o for o in map(oracle_of, verdicts) if o))


def oracle_kind(by: str) -> str:
    """One word for what established a check: decided, CAS, numeric, rewriting, earlier step."""
    if "decision procedure" in by or "real-root" in by or "z3" in by or "interval arithmetic" in by:
        return "decided"
    if "CAS" in by or "SymPy" in by:
        return "CAS"
    if BY_REWRITING in by:
        return "rewriting"
    if BY_READING in by or BY_RULE in by:
        return "rule"
    if BY_STEP in by or BY_HYPOTHESIS in by or BY_RANGE in by:
        return "earlier step"
    return "numeric" if "numeric" in by else "CAS"

