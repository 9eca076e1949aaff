"""The trusted kernel against its adversarial bank (issue 18): no false claim proved, no true claim
refuted, every contradictory assumption set vacuous, at least 85% of the true claims proved.

Every claim goes through the public primitive `derivations.proof.prove`, so the search (SymPy,
the numeric oracle) runs as it does for every caller; only the kernel's certificate can make a
"proved" or a "refuted".
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sympy as sp

sys.path.insert(0, str(Path(__file__).parent))
import trusted_kernel_bank as bank        # noqa: E402

from kernel_bank import assert_no_verdict_from, assert_not_proved, assert_not_refuted  # noqa: E402

from derivations.kernel import Status     # noqa: E402
from derivations.proof import prove       # noqa: E402

FALSE = bank.false_claims()
TRUE = bank.true_claims()
CONTRADICTORY = bank.contradictory()


def test_the_bank_is_as_large_as_promised_and_every_item_distinct():
    assert len(FALSE) >= 250 and len(TRUE) >= 100 and len(CONTRADICTORY) >= 20
    for items in (FALSE, TRUE, CONTRADICTORY):
        ids = [item[0] for item in items]
        assert len(ids) == len(set(ids))
    statements = [(str(s), tuple(map(str, a))) for _, s, a in FALSE + TRUE]
    assert len(statements) == len(set(statements))


@pytest.mark.slow
@pytest.mark.parametrize("name,statement,assumptions", FALSE, ids=[f[0] for f in FALSE])
def test_no_false_claim_is_proved(name, statement, assumptions):
    assert_not_proved(name, statement, assumptions)


_TRUE_RESULTS: dict = {}


@pytest.mark.slow
@pytest.mark.parametrize("name,statement,assumptions", TRUE, ids=[t[0] for t in TRUE])
def test_no_true_claim_is_refuted(name, statement, assumptions):
    _TRUE_RESULTS[name] = assert_not_refuted(name, statement, assumptions).status


@pytest.mark.slow
def test_at_least_85_percent_of_the_true_claims_are_proved():
    missing = [t for t in TRUE if t[0] not in _TRUE_RESULTS]
    for name, statement, assumptions in missing:       # run alone (-k), it proves them itself
        _TRUE_RESULTS[name] = prove(statement, assumptions).status
    proved = sum(1 for t in TRUE if _TRUE_RESULTS[t[0]] == Status.PROVED)
    assert proved >= 0.85 * len(TRUE), f"{proved} of {len(TRUE)} true claims proved"


@pytest.mark.parametrize("name,assumptions", bank.satisfiable(), ids=[c[0] for c in bank.satisfiable()])
def test_an_element_bound_does_not_make_the_family_contradictory(name, assumptions):
    v = prove(sp.Gt(bank.x ** 2 + 1, 0, evaluate=False), assumptions)
    assert v.status != Status.VACUOUS, f"{name}: {v.reason}"


@pytest.mark.slow
@pytest.mark.parametrize("name,assumptions", CONTRADICTORY, ids=[c[0] for c in CONTRADICTORY])
def test_every_contradictory_set_is_vacuous(name, assumptions):
    assert_no_verdict_from(name, assumptions, (sp.Gt(bank.x, 0, evaluate=False), sp.Eq(bank.x + 1, bank.x, evaluate=False)),
                           allowed=(Status.VACUOUS,))
