"""What the trusted kernel's adversarial banks assert (tests/derivations/test_trusted_kernel_bank.py,
test_kernel_bank_fresh.py, test_kernel_bank_third.py): each claim goes through the public
primitive `derivations.proof.prove`, so the search (SymPy, the numeric oracle) runs as for every
caller, and only the kernel's certificate can make a "proved" or a "refuted"."""
from __future__ import annotations

from derivations.kernel import Status
from derivations.proof import prove

WRONG_ON_A_TRUE_CLAIM = (Status.REFUTED, Status.DISAGREEMENT, Status.VACUOUS)


def assert_not_proved(name, statement, assumptions):
    """A false claim: anything but "proved". Returns the verdict."""
    v = prove(statement, assumptions)
    assert v.status != Status.PROVED, f"{name}: a false claim was proved ({v.certificate}: {v.reason})"
    return v


def assert_not_refuted(name, statement, assumptions):
    """A true claim (under satisfiable assumptions): proved or undecided, never refuted, never a
    disagreement, never "vacuous". Returns the verdict."""
    v = prove(statement, assumptions)
    assert v.status not in WRONG_ON_A_TRUE_CLAIM, f"{name}: {v.status}: {v.reason}"
    return v


def assert_no_verdict_from(name, assumptions, statements, allowed=(Status.VACUOUS, Status.UNDECIDED)):
    """Contradictory assumptions: each statement is "vacuous" where the contradiction is seen,
    otherwise undecided; never proved or refuted on their strength."""
    for statement in statements:
        v = prove(statement, assumptions)
        assert v.status in allowed, f"{name}: {v.status}: {v.reason}"
