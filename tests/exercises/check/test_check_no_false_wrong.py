"""`nndl check` calls a step wrong only when it is wrong (issue 20): a counterexample must meet
everything the text states (its conditions, before or after the display, its definitions) and the
chapter's standing assumptions (one-hot y, real values, n >= 2 classes). Each class of false
"wrong" met on the real-learner corpus has a small text here: the right step is not wrong, and a
wrong step under the same conditions is still wrong (so the guard cannot pass by silencing)."""
from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from derivations import kernel
from exercises.check import meaning
from exercises.check.checker import complex_point, one_hot_at, undecided_words
from exercises.check.meaning import Conditions, Found
from checked_steps import steps


def verdict_of(text: str, source: str, exercise: str | None = None):
    """The verdict of the step written `source` (spaces ignored)."""
    want = source.replace(" ", "")
    found = [s for s in steps(text, exercise) if s.source.replace(" ", "") == want]
    assert found, f"no step {source!r} in {[s.source for s in steps(text, exercise)]}"
    return found[0]


# --------------------------------------------------------------------------- y one-hot

ONE_HOT = r"""# The gradient

$$p_i\left(\sum_k y_k\right)-y_i = {END}$$
"""


def test_a_step_false_only_for_labels_that_are_not_one_hot_is_not_wrong():
    right = verdict_of(ONE_HOT.replace("{END}", "p_i-y_i"), r"p_i\left(\sum_k y_k\right)-y_i = p_i-y_i")
    assert right.verdict == "follows"          # with y one-hot, as the chapter's labels are
    wrong = verdict_of(ONE_HOT.replace("{END}", "p_i+y_i"), r"p_i\left(\sum_k y_k\right)-y_i = p_i+y_i")
    assert wrong.verdict == "wrong"
    labels = {k: v for k, v in wrong.counterexample["point"].items() if k.startswith("y_")}
    assert labels and set(labels.values()) <= {0, 1} and sum(labels.values()) <= 1   # shown at one-hot labels


def test_one_hot_at_reads_the_labels_of_a_point():
    from derivations.symbols import n as N, y as Y
    assert one_hot_at({N: 2, Y[1]: 1, Y[2]: 0}) and one_hot_at({N: 3, Y[2]: 0}) and one_hot_at(None)
    assert not one_hot_at({N: 2, Y[1]: sp.Rational(1, 2), Y[2]: sp.Rational(1, 2)})
    assert not one_hot_at({N: 2, Y[1]: 0, Y[2]: 0})          # every label given, none of them 1
    assert not one_hot_at({N: 3, Y[1]: 1, Y[3]: 1})


# --------------------------------------------------------------------------- conditions in the prose

BEFORE = r"""# Softmax derivative

Now another derivative of $S_i$ w.r.t $z_k$ when $k \ne i$:

$$\frac{\partial{S_i}}{\partial{z_k}}={RIGHT}$$

where $S_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$.
"""


@pytest.mark.slow
def test_a_condition_said_in_the_sentence_before_the_display_holds_for_its_counterexample():
    assert verdict_of(BEFORE.replace("{RIGHT}", r"-S_i \cdot S_k"), r"\frac{\partial{S_i}}{\partial{z_k}}=-S_i \cdot S_k"
                      ).verdict == "follows"
    wrong = verdict_of(BEFORE.replace("{RIGHT}", r"S_i \cdot S_k"), r"\frac{\partial{S_i}}{\partial{z_k}}=S_i \cdot S_k")
    assert wrong.verdict == "wrong"
    point = wrong.counterexample["point"]
    assert point["i"] != point["k"]                           # k ≠ i, as the text says


AFTER = r"""# The cross-entropy

$$(a-y)\sigma'(z) = {RIGHT}$$

where I have substituted $x = 1$ and $y = 0$.
"""


@pytest.mark.slow
def test_values_substituted_in_the_sentence_after_the_display_hold_for_its_counterexample():
    assert verdict_of(AFTER.replace("{RIGHT}", r"a \sigma'(z)"), r"(a-y)\sigma'(z) = a \sigma'(z)").verdict == "follows"
    wrong = verdict_of(AFTER.replace("{RIGHT}", r"(a+1) \sigma'(z)"), r"(a-y)\sigma'(z) = (a+1) \sigma'(z)")
    assert wrong.verdict == "wrong" and "y" not in wrong.counterexample["point"]    # y = 0 there


# --------------------------------------------------------------------------- outcomes as data

def test_a_step_past_its_budget_is_undecided_by_a_declared_finding(monkeypatch):
    def slow(*args):
        raise meaning.OverBudget()
    monkeypatch.setattr(meaning, "_judge", slow)
    x = sp.Symbol("x", real=True)
    v = meaning.judge("=", x + 1, x + 2, _generic(), Conditions())
    assert v.status == "undecided" and v.found == Found.TIMED_OUT
    assert "took longer" in undecided_words(v)
    plain = kernel.undecided("x = y", "not shown")
    assert plain.found is None and "took longer" not in undecided_words(plain)


def _generic():
    from exercises.check.checker import GENERIC
    return GENERIC


def test_complex_points_are_not_counterexamples():
    assert complex_point({"y[1]": complex(0.5, -1.2)}) and not complex_point({"y[1]": 0.5})
    assert not complex_point(None)


def test_a_log_of_a_label_is_found_as_data():
    v = meaning.undefined_log(sp.log(sp.Symbol("y1", real=True)), sp.Integer(0), _generic(), Conditions())
    assert v is None                         # no cost, no labels' premise: ln y is a free quantity's log
    from exercises.check.contexts import by_id
    from derivations.symbols import y, j
    swapped = meaning.undefined_log(sp.log(y[j]), sp.Integer(0), by_id("cross-entropy-gradient"), Conditions())
    assert swapped is not None and swapped.status == "refuted" and swapped.found == Found.LOG_OF_LABEL
    assert dataclasses.replace(swapped, reason="reworded").found == Found.LOG_OF_LABEL


BARE = r"""# 1.只有一个神经元的网络

$$C=\frac{(y-a)^2}{2}$$
其中a是输入x=1时神经元给出的输出，y=0是输入为1时希望它给出的输出。
$$(a-y)\sigma'(z)x={RIGHT}$$
"""


@pytest.mark.slow
def test_values_written_without_dollars_in_the_prose_before_hold_for_its_counterexample():
    right = verdict_of(BARE.replace("{RIGHT}", r"a\sigma'(z)"), r"(a-y)\sigma'(z)x=a\sigma'(z)")
    # the values the text gives before the display: the step follows with them (it said "undecided" before)
    assert right.verdict == "follows" and "x = 1" in right.reason and "y = 0" in right.reason
    wrong = verdict_of(BARE.replace("{RIGHT}", r"(a+1)\sigma'(z)"), r"(a-y)\sigma'(z)x=(a+1)\sigma'(z)")
    assert wrong.verdict == "wrong"


def test_a_condition_after_a_comma_and_quad_is_a_condition_not_a_step():
    text = "# Softmax\n\n$$\\frac{\\partial a_j}{\\partial z_i} = {RIGHT},\\quad i \\neq j.$$\n"
    right = steps(text.replace("{RIGHT}", "-a_i a_j"), "softmax-jacobian")
    assert [s.verdict for s in right] == ["follows"]
    wrong = steps(text.replace("{RIGHT}", "a_i a_j"), "softmax-jacobian")
    assert [s.verdict for s in wrong] == ["wrong"]
    point = wrong[0].counterexample["point"]
    assert point["i"] != point["j"]


# --------------------------------------------------------------------------- the text's own definitions

OWN_Z = r"""# Backpropagation with softmax outputs and a cross-entropy error

$$z_j=\sum_i w_{ij}o_i+b$$

The third factor:

$$\frac{\partial z_j} {\partial w_{ij}}={RIGHT}$$
"""


@pytest.mark.slow
def test_the_texts_own_weighted_input_is_a_definition_and_is_used():
    report = steps(OWN_Z.replace("{RIGHT}", "o_i"))
    assert [s.verdict for s in report] == ["definition", "follows"]
    wrong = steps(OWN_Z.replace("{RIGHT}", "o_j"))
    assert [s.verdict for s in wrong] == ["definition", "wrong"]


OWN_SIGMA = r"""# The sigmoid

$$\sigma(z)=\frac{1}{1-e^{-z}}$$

$$\frac{1}{1-e^{-z}}\frac{-e^{-z}}{1-e^{-z}}={RIGHT}$$
"""


@pytest.mark.slow
def test_the_texts_own_sigma_is_a_definition_and_is_used_after_it():
    right = steps(OWN_SIGMA.replace("{RIGHT}", r"\sigma(z)(1-\sigma(z))"))
    assert right[0].verdict == "definition" and right[1].verdict != "wrong"
    wrong = steps(OWN_SIGMA.replace("{RIGHT}", r"\sigma(z)(1+\sigma(z))"))
    assert wrong[0].verdict == "definition" and wrong[1].verdict == "wrong"


LINEAR = r"""### Problem 2: the quadratic cost with linear neurons in the output layer

With one example the cost is $C = \frac 1 2 \sum_i (a_i^L - y_i)^2$.

$$\delta^L = {RIGHT}$$

Averaging over the training set:

$$\frac{\partial C}{\partial b^L_{j}} = \frac{1}{n} \sum_x {AVERAGE}$$
"""


@pytest.mark.slow
def test_vectors_and_averages_over_the_examples_read_with_the_texts_cost():
    right = steps(LINEAR.replace("{RIGHT}", "a^L - y").replace("{AVERAGE}", "(a^L_j-y_j)"))
    assert [s.verdict for s in right] == ["follows", "follows"]
    wrong = steps(LINEAR.replace("{RIGHT}", "a^L + y").replace("{AVERAGE}", "(a^L_j+y_j)"))
    assert [s.verdict for s in wrong] == ["wrong", "wrong"]
    assert all(not isinstance(v, complex) for s in wrong for v in s.counterexample["point"].values())


CASES = r"""# Backpropagation with softmax, the log-likelihood

* If $j = \tilde{y}$:

$$\delta_j = a_j - 1 = {RIGHT}$$
"""


@pytest.mark.slow
def test_a_case_on_the_true_class_ties_the_label():
    right = verdict_of(CASES.replace("{RIGHT}", "a_j - y_j"), "a_j - 1 = a_j - y_j")
    assert right.verdict == "follows"
    wrong = verdict_of(CASES.replace("{RIGHT}", "a_j + y_j"), "a_j - 1 = a_j + y_j")
    assert wrong.verdict == "wrong"


SWITCH = r"""### Networks of many layers

With one example the cost is $C = \frac 1 2 \sum_i (a_i^L - y_i)^2$.

Turning to the cross-entropy:

$$\delta_j^L = \frac{\partial C}{\partial a_j^L} \sigma'(z_j^L) = {RIGHT}$$
"""


@pytest.mark.slow
def test_a_cost_the_text_has_since_left_is_not_used():
    right = steps(SWITCH.replace("{RIGHT}", r"- \left( \frac{y_j}{a_j^L} - \frac{1 - y_j}{1 - a_j^L} \right) "
                                            r"\sigma'(z_j^L)"))
    assert "wrong" not in [s.verdict for s in right]
    kept = steps(SWITCH.replace("Turning to the cross-entropy:", "Then:").replace(
        "{RIGHT}", r"- \left( \frac{y_j}{a_j^L} - \frac{1 - y_j}{1 - a_j^L} \right) \sigma'(z_j^L)"))
    assert "wrong" in [s.verdict for s in kept]          # the quadratic C, still in force: its gradient is not that


@pytest.mark.slow
def test_a_derivative_written_with_delta_is_not_wrong_by_a_quotient_of_deltas():
    text = "# Cross-entropy\n\n$$o_j = \\frac{e^{z_j}}{\\sum_ke^{z_k}}$$\n\nso $$\\frac{\\delta o_j}{\\delta z_j} = {RIGHT}$$\n"
    right = verdict_of(text.replace("{RIGHT}", "o_j(1 - o_j)"), r"\frac{\delta o_j}{\delta z_j} = o_j(1 - o_j)")
    assert right.verdict == "undecided" and "\\partial" in right.reason
    wrong = verdict_of(text.replace("{RIGHT}", "o_j(1 - o_j)").replace(r"\delta", r"\partial"),
                       r"\frac{\partial o_j}{\partial z_j} = o_j(1 - o_j)")
    assert wrong.verdict != "wrong"           # with ∂ it is read as the derivative it is


# --------------------------------------------------------------------------- definitions that name each other

CIRCULAR = r"""# Backpropagation with softmax outputs and a cross-entropy error

Each output comes out of the softmax:

$$o_j=\frac{e^{z_j}}{\sum_k e^{z_k}}$$

and $z_j$ is the input to neuron $j$, from the outputs $o_i$ of the layer before:

$$z_j=\sum_i w_{ij}o_i+b$$

A single weight joins $i$ to $j$, so

$$\frac{\partial z_j}{\partial w_{ij}}={END}$$
"""


@pytest.mark.slow
def test_a_letter_the_text_defines_twice_over_is_never_the_exercises_instead():
    """o_j = softmax(z_j) and z_j = Σ_i w_ij o_i + b name two layers' o alike: neither definition is
    used, and neither is the exercise's z (its a^{L-1}) put in its place, so the right step is not wrong;
    with the weighted input alone defined, the same slip is wrong."""
    right = verdict_of(CIRCULAR.replace("{END}", "o_i"), r"\frac{\partial z_j}{\partial w_{ij}}=o_i")
    assert right.verdict != "wrong"
    alone = CIRCULAR.replace(r"$$o_j=\frac{e^{z_j}}{\sum_k e^{z_k}}$$", "")
    assert verdict_of(alone.replace("{END}", "o_i"), r"\frac{\partial z_j}{\partial w_{ij}}=o_i").verdict == "follows"
    assert verdict_of(alone.replace("{END}", "o_j"), r"\frac{\partial z_j}{\partial w_{ij}}=o_j").verdict == "wrong"
