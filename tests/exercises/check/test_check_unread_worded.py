"""Issue 20, fifth pass (steps still unread): a claim in a sentence that puts a condition on it in
words and gives its reason in symbols after "since" (the NNDL-solutions notebook's temperature limits,
problem 6). The reason is the claim's hypothesis; the words are not read, so a refutation under the
reason alone is undecided. Each reading: a step that now follows, and false variants that do not."""
from __future__ import annotations

import pytest

from checked_steps import steps

from exercises.check.report import FOLLOWS, UNDECIDED, WRONG

HEAD = r"""### Problem 6: where the "softmax" name comes from

Take $a^L_j = \frac{e^{c z^L_j}}{\sum_k e^{c z^L_k}}$ with $c > 0$.

"""
BELOW = r"* for $k$ such that $z_k^L$ is below the largest, $\lim_{c \to + \infty} e^{c(z_k^L - z_j^L)} = {value}$ since $z_k^L - z_j^L {rel} 0$;"
TIED = r"* for $k$ such that $z_k^L$ is another of the largest ones, $\lim_{c \to + \infty} e^{c(z_k^L - z_j^L)} = {value}$ since $z_k^L - z_j^L = 0$;"


def only(text: str):
    found = steps(HEAD + text + "\n")
    assert len(found) == 1, [(s.line, s.source) for s in found]
    return found[0]


@pytest.mark.slow
def test_a_limit_under_its_reason_follows_by_the_kernel():
    below = only(BELOW.replace("{value}", "0").replace("{rel}", "<"))
    assert below.verdict == FOLLOWS, below.reason
    assert "limit laws" in below.reason


def test_a_difference_said_zero_is_one_name_for_both():
    tied = only(TIED.replace("{value}", "1"))
    assert tied.verdict == FOLLOWS, tied.reason


@pytest.mark.slow
def test_a_false_limit_under_its_reason_is_undecided_not_wrong_the_words_unread():
    for text in (BELOW.replace("{value}", "1").replace("{rel}", "<"),     # the limit is 0
                 BELOW.replace("{value}", "0").replace("{rel}", ">"),     # the reason makes it +oo
                 TIED.replace("{value}", "0")):                           # e^0 = 1, not 0
        rep = only(text)
        assert rep.verdict == UNDECIDED, (text, rep.verdict, rep.reason)
        assert "in words" in rep.reason and ("is below the largest" in rep.reason or "another of the largest" in rep.reason)
        assert rep.counterexample is None


def test_with_no_words_the_reason_is_a_condition_as_any_other():
    right = only(r"Hence $\lim_{c \to + \infty} e^{c(z_k^L - z_j^L)} = 0$ since $z_k^L - z_j^L < 0$.")
    assert right.verdict == FOLLOWS, right.reason
    slip = only(r"Hence $\lim_{c \to + \infty} e^{c(z_k^L - z_j^L)} = 1$ since $z_k^L - z_j^L < 0$.")
    assert slip.verdict == WRONG, slip.reason          # every point meeting the stated reason refutes it


def test_a_reason_that_goes_on_in_words_is_not_this_reading():
    text = BELOW.replace("{value}", "0").replace("{rel}", "<").replace(";", " and the rest vanish;")
    assert steps(HEAD + text + "\n") == []
    unsaid = r"* for $k$ such that $z_k^L$ is below the largest, $\lim_{c \to + \infty} e^{c(z_k^L - z_j^L)} = 0$;"
    assert steps(HEAD + unsaid + "\n") == []          # words and no reason: still not read


NAMED = r"""### Problem: network2.py's cost_derivative

The result would then be multiplied by $\sigma'(z^L)$ to give $\delta^L$.

Yet for sigmoid neurons under the cross-entropy we already know $\delta^L = RIGHT$.

Going through it anyway has two drawbacks.
"""


@pytest.mark.slow
def test_words_that_name_the_exercise_are_its_exercise_not_a_condition():
    right = steps(NAMED.replace("RIGHT", "a^L - y"))
    assert [s.verdict for s in right] == [FOLLOWS], [(s.verdict, s.reason) for s in right]
    assert "cross-entropy" in right[0].reason
    for slip in ("a^L + y", r"(a^L - y) \sigma'(z^L)"):      # the quadratic cost's delta, not this one's
        found = steps(NAMED.replace("RIGHT", slip))
        assert [s.verdict for s in found] and FOLLOWS not in {s.verdict for s in found}, (slip, found)


def test_other_words_after_for_stay_a_condition_not_read():
    text = NAMED.replace("for sigmoid neurons under the cross-entropy", "for sigmoid neurons that saturate slowly")
    assert steps(text.replace("RIGHT", "a^L - y")) == []


SIGMOID = "### Sigmoid\n\nThe sigmoid $\\sigma(z) = 1/(1+e^{-z})$ is smooth.\n\n"


def test_a_claim_under_words_after_it_is_judged_and_never_shown_false():
    right = steps(SIGMOID + r"Hence $\sigma'(z) = \sigma(z)(1-\sigma(z))$ when $z$ is large." + "\n")
    assert [s.verdict for s in right] == [FOLLOWS], [(s.verdict, s.reason) for s in right]   # true for every z
    slip = steps(SIGMOID + r"Hence $\sigma'(z) = \sigma(z)$ when $z$ is large." + "\n")
    assert [s.verdict for s in slip] == [UNDECIDED] and "when $z$ is large" in slip[0].reason
    assert slip[0].counterexample is None
    bare = steps(SIGMOID + r"Hence $\sigma'(z) = \sigma(z)$." + "\n")
    assert [s.verdict for s in bare] == [WRONG]          # with no words, the same slip is found


@pytest.mark.slow
def test_the_notebook_single_maximum_limit_is_read_and_undecided_saying_why():
    for value in ("1", "0"):
        found = steps(HEAD + r"(notably, $\lim_{c \to + \infty} a_j^L = VALUE$ when $z_j^L$ is the single maximum)."
                      .replace("VALUE", value) + "\n")
        assert [s.verdict for s in found] == [UNDECIDED], [(s.verdict, s.reason) for s in found]
        assert "single maximum" in found[0].reason
