"""`nndl check` on real learners' work (issue 20): the corpus in corpus/, labelled apart from the
checker (corpus_labels.py), measured by corpus_measure.py.

"Wrong" is as strong a word as "proved": no wrong step may follow and no right step may be called
wrong, in the texts, in their planted-error copies and in the NNDL-solutions notebook. The rates
are asserted as far as the checker meets them today (the issue's targets beside them); raise a
floor whenever the checker gets better, never lower one.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import corpus_labels  # noqa: E402
import corpus_measure  # noqa: E402

# The floors (what the checker does now) and the targets.
# (measured: 36% found, 17% follow, 54% unread before issue 20; 61% found, 49% follow, 18% unread
# after its second pass; 75% found, 72% follow, 4.7% unread after its third, with seven new authors'
# texts; 87% found, 77% follow, 4.7% unread after its fourth; 94% found, 82% follow, 2.9% unread
# after its fifth, the targets met; the floors sit below so that a loaded machine's z3
# calls running out of their 3 s cannot fail them)
PLANTED_FOUND_MIN = 0.88     # issue target: >= 0.90 of planted slips found at their step (94% measured, 50 of 53 slips, fifth pass)
RIGHT_FOLLOW_MIN = 0.79      # issue target: >= 0.80 of right steps follow (82% measured, 385/468, issue 20's fifth pass)
UNREAD_MAX = 0.049           # issue target: < 0.05 of steps unread (2.9% measured, fifth pass)
MIN_CHAINS, MIN_AUTHORS_FILES, MIN_PLANTED = 150, 8, 30   # the corpus's own size (issue 20)

# Right steps the checker calls wrong: none (58 before issue 20, 26 after its first pass; 27 and 6
# of them in the NNDL-solutions notebook). A step is wrong only with a counterexample that satisfies
# what the text states; a re-judgement that runs out of time leaves a step undecided, never wrong,
# so load cannot fail this.
RIGHT_CALLED_WRONG_MAX = 0
NOTEBOOK_RIGHT_CALLED_WRONG_MAX = 0


@pytest.mark.slow
def test_labels_are_current_and_verified():
    """labels.json is what corpus_labels.py builds from the specs now: every relation of every
    corpus text has a label, every numeric check agrees with its label, the planted copies are
    the ones the specs describe."""
    labels, problems = corpus_labels.build()
    assert problems == []
    stored = json.loads((corpus_measure.CORPUS / "labels.json").read_text(encoding="utf-8"))
    assert stored == labels, "labels.json is stale: run python tests/exercises/check/corpus_labels.py"


def test_corpus_size():
    labels = json.loads((corpus_measure.CORPUS / "labels.json").read_text(encoding="utf-8"))
    steps = [e for e in labels if e["label"] in ("right", "wrong")]
    texts = [e for e in steps if not e["file"].startswith("planted/")]
    chains = {(e["file"], e["chain"]) for e in texts}
    assert len(chains) >= MIN_CHAINS
    assert len({e["file"] for e in texts}) >= MIN_AUTHORS_FILES
    assert len({(e["file"], e["chain"]) for e in steps if e.get("planted")}) >= MIN_PLANTED
    assert any(e["label"] == "wrong" for e in texts), "the real learners' own mistakes are in the corpus"
    from exercises.registry import ids
    reached = {e["exercise"] for e in labels if not e["file"].startswith("planted/")}
    assert set(ids()) <= reached, f"no corpus text for {sorted(set(ids()) - reached)}"


@pytest.fixture(scope="module")
def measured():
    return corpus_measure.measure()


@pytest.mark.slow
def test_no_wrong_step_follows(measured):
    found = [f for f in measured.texts.findings + measured.planted.findings if f[0] == 0]
    assert measured.wrong_follows == 0, found


@pytest.mark.slow
def test_right_steps_called_wrong_do_not_grow(measured):
    found = [f[1:] for f in measured.texts.findings + measured.planted.findings if f[0] == 1]
    print("\nright steps called wrong (issue 20: must reach 0):", *found, sep="\n  ")
    assert measured.right_wrong <= RIGHT_CALLED_WRONG_MAX, found


@pytest.mark.slow
def test_the_nndl_solutions_notebook_right_steps_called_wrong_do_not_grow(measured):
    assert measured.notebook.files == 1
    assert measured.notebook.right_wrong <= NOTEBOOK_RIGHT_CALLED_WRONG_MAX


@pytest.mark.slow
def test_rates(measured):
    texts, planted = measured.texts, measured.planted
    print()
    print(texts.text("the texts as written"))
    print(planted.text("the planted-error copies"))
    print(measured.notebook.text("the NNDL-solutions chapter 3 notebook"))
    assert planted.planted_found >= PLANTED_FOUND_MIN
    assert texts.right_follow >= RIGHT_FOLLOW_MIN
    assert texts.unread <= UNREAD_MAX
