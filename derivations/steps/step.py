"""The step: a statement, the words that justify it, how it is established, and its checks.

A step is established in one of four ways (`how`):

  definition  introduces a fresh symbol, family (a_j) or function (C(a)) and its value; it
              asserts nothing, and later checks unfold it;
  check       the statement, its definitions unfolded and the earlier steps it cites used,
              proved by `establish` (`derivations.steps.checks`);
  lemma       an instance of a named lemma (`exercises.lemmas`): its hypotheses checked, its
              conclusion computed from the lemma's schema;
  instance    an earlier proved step with its free variables renamed (example x of N).

Its checks are computed from the statement when first read, by the `derive` function the step
builder (`derivations.steps.builder`) gives it; nothing beside the statement can be handed to them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import sympy as sp

from derivations.proof import Verdict
from derivations.steps.statements import statement_tex, statement_text, why_words
from derivations.kernel import Kind
from derivations.steps.verdicts import PROVED, UNDECIDED, VACUOUS, oracle_of

if TYPE_CHECKING:
    from derivations.steps.checks import Checker

DEFINITION, CHECK, LEMMA, INSTANCE = "definition", "check", "lemma", "instance"   # how a step is established


@dataclass
class Check:
    """One check of a step: what it checks (`source`, a proposition taken from the statement, or a
    lemma's hypothesis), the proposition the primitives were asked after unfolding, the
    assumptions it was read under, and its verdict."""

    role: str
    source: sp.Basic
    proposition: sp.Basic
    assumptions: tuple
    verdict: Verdict

    @property
    def by(self) -> str:
        return oracle_of(self.verdict)


class Step:
    """One step: `statement` holds because of `why`, as its checks establish.

    The checks are computed from the statement when first read (`checks`, `status`): a program
    that only needs a derived formula (the network's delta) does not pay for the proofs. Only the
    `derive` function that the Proof or Derivation building the step gives computes them.
    """

    def __init__(self, statement, why, how: str = CHECK, *, derive: Callable[["Step"], list[Check]] | None = None,
                 lemma=None, problem: str | None = None, rule: str = "", checker: "Checker | None" = None,
                 cited=(), link: tuple | None = None, refutes: bool = False):
        self.statement = statement if isinstance(statement, sp.Basic) else sp.sympify(statement)
        # why: words with LaTeX math between $...$, or a sequence of words and SymPy expressions
        self.why_parts = tuple(why) if isinstance(why, (list, tuple)) else (why,)
        self.why = why_words(self.why_parts)
        self.how = how
        self.lemma = lemma            # for a lemma step: its LemmaUse (the rule, the instance, the hypotheses)
        self.problem = problem        # why the step cannot hold as written (a definition that is not fresh)
        self.rule = rule              # how its checks come from its statement, in words
        self.checker = checker        # what derives its checks, in the scope it was built in
        self.cited: list[Step] = list(cited)     # the earlier steps it cites
        self.link = link              # for an equal() step: (the previous step, prev.rhs = rhs)
        self.refutes = refutes        # the claim's proposition, negated at a point (Proof.refute)
        self.block = ""               # the derivation it was built in, when shown inside a proof
        self.in_proof = True          # False for a derivation's step shown in a proof (its own scope)
        self.number: int | None = None
        self._derive = derive
        self._checks: list[Check] | None = None

    def shown_in(self, block: str, why_parts: tuple, checks: list[Check]) -> "Step":
        """This step as another chain shows it (a derivation's step inside a proof): the same
        statement, checked once where it was built (`checks`), in a block of its own."""
        import copy
        shown = copy.copy(self)
        shown.why_parts, shown.why = tuple(why_parts), why_words(why_parts)
        shown.block, shown.in_proof, shown._checks = block, False, list(checks)
        return shown

    # -- the checks ---------------------------------------------------------------------------
    @property
    def obligations(self) -> list[Check]:
        if self._checks is None:
            self._checks = list(self._derive(self)) if self._derive else []
        return self._checks

    @property
    def checks(self) -> list[Verdict]:
        return [c.verdict for c in self.obligations]

    @property
    def status(self) -> str:
        """proved, or the status of the first check that did not prove (undecided for a step that
        needs a check and has none, or whose statement cannot hold as written)."""
        if self.problem:
            return UNDECIDED
        if self.how == DEFINITION:
            return PROVED
        failing = [v.status for v in self.checks if not v.proved]
        if failing:
            return VACUOUS if VACUOUS in failing else failing[0]
        return PROVED if self.checks else UNDECIDED

    @property
    def holds(self) -> bool:
        return self.status == PROVED

    @property
    def label(self) -> str:
        """What a reader is shown beside the step: definition, proved, lemma, or the failing status."""
        if not self.holds:
            return self.status.upper()
        return {DEFINITION: DEFINITION, LEMMA: LEMMA, INSTANCE: "instance"}.get(self.how, PROVED)

    @property
    def kind(self) -> str:
        """For the table: definition, lemma, instance, or the certificate kind the kernel re-checked
        for its checks (identity, sign, decision, limit, ...; "uncertified" when none)."""
        if self.how in (DEFINITION, LEMMA, INSTANCE):
            return self.how
        kinds = [c.verdict.certificate for c in self.obligations if c.verdict.certificate is not None]
        for k in (Kind.DECISION, Kind.INTERVAL, Kind.LIMIT, Kind.IDENTITY, Kind.SIGN, Kind.RULE, Kind.CONJUNCTION,
                  Kind.EARLIER_STEP, Kind.HYPOTHESIS):
            if k in kinds:
                return str(k)
        return "uncertified"

    # -- showing ------------------------------------------------------------------------------
    @property
    def lhs(self):
        return self.statement.lhs

    @property
    def rhs(self):
        return self.statement.rhs

    def latex(self) -> str:
        return statement_tex(self.statement)

    def text(self) -> str:
        """The statement on one line, in the chapter's notation."""
        return statement_text(self.statement)

    def __repr__(self) -> str:
        return f"<Step {self.text()} [{self.label}]>"

    def _repr_html_(self) -> str:
        from derivations.html import fragment, step_html
        return fragment(step_html(self))
