"""The one verdict type, and its seal.

A `Verdict` is an outcome as data: a `Status`, the `Kind` of certificate the kernel re-checked (or
None), the claim in words and, where the kernel made it, the proposition it is about. `proved` is a
property of the status. A verdict whose status is PROVED or REFUTED carries a seal that only the
kernel (`derivations.kernel`) issues, bound to the claim, status and proposition it was issued
for: constructing one anywhere else raises `KernelError`, and so does `dataclasses.replace`
changing any of those three (presentation: reason, steps, words of `by`, may be reworded).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class KernelError(Exception):
    """A proved or refuted verdict was constructed without the kernel's seal."""


class Status(StrEnum):
    PROVED = "proved"
    REFUTED = "refuted"
    UNDECIDED = "undecided"
    DISAGREEMENT = "disagreement"     # the search's oracles contradict each other: reported, never proved
    VACUOUS = "vacuous"               # the assumptions contradict each other: nothing follows


class Kind(StrEnum):
    """What the kernel re-checked to make a verdict."""

    IDENTITY = "identity"             # both sides brought to one canonical form by equivalences only
    DECISION = "decision"             # z3 / real-root isolation on a faithful translation
    INTERVAL = "interval"             # certified interval arithmetic (Arb), branch and bound
    RULE = "rule"                     # a schema from the fixed table, its hypotheses discharged
    LIMIT = "limit"                   # limit laws and dominant terms with certified bounds
    HYPOTHESIS = "hypothesis"         # the statement is a stated hypothesis
    EARLIER_STEP = "earlier step"     # the statement is an earlier proved step
    CONJUNCTION = "conjunction"       # every part proved
    SIGN = "sign"                     # SymPy's assumption system on atoms the kernel declared
    COUNTEREXAMPLE = "counterexample" # a point meeting every assumption exactly, sides separated by Arb
    CONTRADICTION = "contradiction"   # the assumptions shown unsatisfiable (vacuous)


WORDS = {   # what a reader is told established a step
    Kind.IDENTITY: "exact identity (one canonical form)",
    Kind.DECISION: "decision procedure",
    Kind.INTERVAL: "certified interval arithmetic",
    Kind.RULE: "a rule with its hypotheses proved",
    Kind.LIMIT: "limit laws",
    Kind.HYPOTHESIS: "a hypothesis of the claim",
    Kind.EARLIER_STEP: "an earlier step",
    Kind.CONJUNCTION: "every part proved",
    Kind.SIGN: "signs of declared quantities",
    Kind.COUNTEREXAMPLE: "a counterexample, checked exactly",
    Kind.CONTRADICTION: "contradictory assumptions",
}

SEALED = (Status.PROVED, Status.REFUTED)
_BOUND = ("claim", "status", "proposition", "seal", "certificate")


class _Seal:
    """Issued by the kernel only; valid for exactly one (claim, status, proposition)."""

    __slots__ = ("_key",)

    def __init__(self, key):
        self._key = key


_ISSUED: set[int] = set()       # ids of seals the kernel issued (the seals are kept alive by their verdicts)
_LIVE: list = []


def _issue(claim, status, proposition) -> _Seal:
    s = _Seal((claim, str(status), proposition))
    _ISSUED.add(id(s))
    _LIVE.append(s)
    return s


@dataclass
class Verdict:
    """The outcome of one claim.

    status: a `Status`; certificate: the `Kind` the kernel re-checked (None when nothing was);
    by: the same in a reader's words, with details; evidence: what the search found that no
    certificate covers (e.g. "no counterexample at 240 hunted points"), never a proof.
    counterexample: the failing point for display ({name: float}); witness: the same point exactly.
    cites: the steps of a proof whose numbers `reason` and `by` cite.
    found: what a caller found about the outcome beyond its status, as the caller's own enum (the
    checker's `Found`: a step that ran past its budget, a log of a label); never read by the kernel.
    failing: of a refuted implication between two statements, the statement that fails at the
    counterexample (a SymPy relation, for showing both its sides there); None otherwise.
    """

    claim: str
    status: Status
    reason: str = ""
    steps: list = field(default_factory=list)
    counterexample: dict | None = None
    by: str = ""
    witness: dict | None = None
    cites: tuple = field(default=(), compare=False, repr=False)
    certificate: Kind | None = None
    evidence: str = ""
    proposition: object = field(default=None, compare=False, repr=False)
    seal: object = field(default=None, compare=False, repr=False)
    found: object = field(default=None, compare=False, repr=False)
    failing: object = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "status", Status(self.status))
        if self.certificate is not None:
            object.__setattr__(self, "certificate", Kind(self.certificate))
        if self.status in SEALED:
            s = self.seal
            if not (isinstance(s, _Seal) and id(s) in _ISSUED
                    and s._key == (self.claim, str(self.status), self.proposition)):
                raise KernelError(f"only the kernel makes a {self.status} verdict ({self.claim})")
        object.__setattr__(self, "_made", True)

    def __setattr__(self, name, value):
        if name in _BOUND and self.__dict__.get("_made"):
            raise KernelError(f"a verdict's {name} is fixed when it is made")
        object.__setattr__(self, name, value)

    @property
    def proved(self) -> bool:
        return self.status == Status.PROVED

    def __bool__(self) -> bool:
        return self.proved

    def __str__(self) -> str:
        return f"{self.status}: {self.claim} ({self.reason})"

    def __repr__(self) -> str:
        claim = self.claim if len(self.claim) <= 60 else self.claim[:57] + "..."
        kind = f" (by {self.certificate})" if self.certificate else ""
        return f"<Verdict {self.status}: {claim}{kind}>"

    def _repr_markdown_(self) -> str:
        """In Jupyter: the status, what established it, and why."""
        by = f" by {self.by}" if self.by else ""
        return f"**{self.status}**{by}: `{self.claim}`\n\n{self.reason}"

    def _repr_html_(self) -> str:
        """In Jupyter: the same, with its formula rendered (display only; derivations.html)."""
        from derivations.html import fragment, verdict_html
        return fragment(verdict_html(self))
