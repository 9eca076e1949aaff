"""Tampering with a claim's proof, for the tests' false variants: a `Proof` whose `index`-th
definition's value, lemma conclusion or claim hypothesis is replaced by `change(it)`. It lives
with the tests: the real `Proof` knows nothing of it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp

from exercises.proof import Proof, Result


@dataclass
class Tamper:
    """A deliberate change to one proof step: the `index`-th item of `kind` ("definition",
    "conclusion" or "hypothesis") replaced by `change(it)` (None drops a hypothesis)."""

    kind: str
    index: int
    change: Callable
    seen: int = 0

    def apply(self, kind: str, value):
        if kind != self.kind:
            return value
        self.seen += 1
        return self.change(value) if self.seen - 1 == self.index else value


class TamperedProof(Proof):
    """A Proof with one of its definitions, lemma conclusions or hypotheses changed."""

    def __init__(self, claim_id, statement, tamper: Tamper, **kw):
        super().__init__(claim_id, statement, **kw)
        self.tamper = tamper
        hypotheses = [tamper.apply("hypothesis", h) for h in self.scope.hypotheses]
        given = [tamper.apply("hypothesis", g) for g in self.scope.given]
        self.scope.hypotheses = [h for h in hypotheses if h is not None]
        self.scope.given = [g for g in given if g is not None]

    def define(self, target, value, why):
        return super().define(target, self.tamper.apply("definition", sp.sympify(value)), why)

    def lemma(self, lemma, why, **kw):
        step = super().lemma(lemma, why, **kw)
        step.statement = self.tamper.apply("conclusion", step.statement)
        return step


def run_tampered(claim, tamper: Tamper, **variant) -> Result:
    """A claim's proof, run with one step tampered."""
    s = claim.statement(**variant)
    proof = TamperedProof(claim.id, s, tamper)
    claim.prove(proof, s)
    return proof.conclude()
