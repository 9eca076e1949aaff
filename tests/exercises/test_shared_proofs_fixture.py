"""conftest's proofs_of_the_run: inside it a registered claim run as stated is the run's proof (no
proving again); a false variant, or a claim a test replaced, is proved anew; outside it nothing is
shared. (Slow alone: it proves every claim first; in the whole run they are proved already.)"""
import dataclasses

import pytest

from derivations.steps import UNDECIDED
from exercises.registry import get


@pytest.mark.slow
def test_the_runs_proofs_are_shared_only_as_stated(proved, proofs_of_the_run):
    claim = get("sigmoid-derivative")
    with proofs_of_the_run():
        assert claim.run() is proved["sigmoid-derivative"]
        wrong = claim.run(claimed=lambda s: s * (1 + s))
        assert wrong.verdict == UNDECIDED and wrong.failures()
        replaced = dataclasses.replace(claim, title="a claim a test replaced")
        assert replaced.run() is not proved["sigmoid-derivative"]
    again = claim.run()
    assert again is not proved["sigmoid-derivative"] and again.verdict == claim.expected
