"""Planted slips found at their step, a fourth pass (issue 20): each class of missed slip with a
short learner-like text where the slip is found wrong at its line, with a counterexample that meets
what the text states, and the same text with the step right not called wrong.

- the cost named in the chain's own heading, the output layer in its prose: the heading fixes the
  exercise's reading (exercises/check/nearby.py), however far the prose that names the layer stands;
- a condition stated elsewhere on a quantity the step does not write (j ≠ y_i for the weight of
  another class): some value of that quantity meets it, so it cannot be what a counterexample
  breaks (exercises/check/checker.py, `_met_by_choice`);
- k ≠ y_i where the chain writes f_{y_i}: y_i is the true class's index there, in the condition as in
  the subscript (`_class_index`), and the condition can then be met exactly.
"""
from __future__ import annotations

import pytest

from exercises.check.derivations import check_text
from exercises.check.report import FOLLOWS, WRONG
from checked_steps import step_on


def differs(step) -> None:
    """The counterexample separates the sides (tolerance 1e-6, far above the digits it is checked to)."""
    assert step.counterexample, step.reason
    assert abs(step.counterexample["left"] - step.counterexample["right"]) > 1e-6, step.counterexample


# --------------------------------------------------------------------------- the cost in the chain's heading

HEADED = r"""# Notes on chapter 3

## Learning with the cross-entropy

$$C = -\frac{1}{n} \sum_x \left[y \ln a + (1-y) \ln (1-a) \right]$$

The output is the sigmoid of the weighted input.

Differentiating in a weight, the fraction cancels:

$$\frac{\partial C}{\partial w_j} = \frac{1}{n} \sum_x x_j(\sigma(z)-y){END}$$
"""


@pytest.mark.slow
def test_the_cost_in_the_chains_heading_fixes_the_reading():
    """The heading names the cross-entropy, a paragraph further the sigmoid: the quadratic cost's
    σ'(z) left in is wrong at its line, at a point where the neuron's target y is 0 or 1; without it
    the step follows."""
    slip = step_on(HEADED.replace("{END}", r"\sigma'(z)"), 11)
    assert slip.verdict == WRONG, slip.reason
    assert "cross-entropy-gradient" in slip.reason and "Learning with the cross-entropy" in slip.reason
    differs(slip)
    assert slip.counterexample["point"]["y"] in (0, 1), slip.counterexample
    right = step_on(HEADED.replace("{END}", ""), 11)
    assert right.verdict == FOLLOWS, right.reason


@pytest.mark.slow
def test_a_heading_whose_cost_the_prose_turns_into_another_exercise_does_not_fix_it():
    """The heading names the cross-entropy, the prose paragraphs below a softmax layer: that is the
    log-likelihood's exercise, named by the prose afar, which may only prove; the slip stays
    undecided (never wrong on a reading the text did not fix)."""
    text = HEADED.replace("The output is the sigmoid of the weighted input.",
                          "The outputs are a softmax layer.").replace("{END}", r"\sigma'(z)")
    step = step_on(text, 11, only=True)
    assert step.verdict != WRONG, step.reason


@pytest.mark.slow
def test_a_display_opened_by_a_single_dollar_is_led_into_by_the_sentence_before_it():
    """`$\\begin{eqnarray} ... $` after a blank line: the sentence before it, naming the cost, leads
    into the display as a $$ display's does."""
    text = r"""# Notes

The cost's derivative with the cross-entropy and a sigmoid output neuron, after the fraction cancels:

$\begin{eqnarray}\frac{\partial C}{\partial b} = \frac{1}{n} \sum_x {END}(\sigma(z)-y).\end{eqnarray}$
"""
    slip = step_on(text.replace("{END}", r"\sigma'(z)"), 5)
    assert slip.verdict == WRONG, slip.reason
    differs(slip)
    right = step_on(text.replace("{END}", ""), 5)
    assert right.verdict != WRONG, right.reason


# --------------------------------------------------------------------------- a condition met by a free choice

OTHER_CLASS = r"""# The softmax

## A question

For the weight of a class $j \neq y_i$ the gradient is $p x_i$. The softmax

$$p_j = \frac{e^{o_j}}{\sum_k e^{o_k}}$$

has the derivative

$$\frac{\partial p_j}{\partial o_i} = p_i(1 {SIGN} p_i),\quad i = j$$
"""


@pytest.mark.slow
def test_a_condition_on_a_quantity_the_step_does_not_write_is_met_by_choosing_it():
    """j ≠ y_i, said of another formula: y_i is nowhere in the step, so a y_i other than j exists at
    any point, and the sign slip of the step's own case i = j is wrong there; p_i(1 - p_i) follows."""
    slip = step_on(OTHER_CLASS.replace("{SIGN}", "+"), 11)
    assert slip.verdict == WRONG, slip.reason
    differs(slip)
    assert set(slip.counterexample["point"]) <= {"n", "i", "o_1", "o_2", "o_3"}, slip.counterexample
    assert slip.counterexample["point"]["n"] >= 2
    right = step_on(OTHER_CLASS.replace("{SIGN}", "-"), 11)
    assert right.verdict == FOLLOWS, right.reason


@pytest.mark.slow
def test_a_condition_on_a_letter_the_step_writes_still_keeps_its_counterexample_honest():
    """"For $i \\neq j$" stated in the prose, the step written without its case: the counterexample
    (i = j) breaks what the text says, so the step is not wrong (the guard the choice above leaves
    alone: i and j are both in the step)."""
    text = OTHER_CLASS.replace(r"For the weight of a class $j \neq y_i$ the gradient is $p x_i$.",
                               r"Take $i \neq j$.").replace(r",\quad i = j", "").replace("{SIGN}", "")
    text = text.replace(r"p_i(1  p_i)", r"-p_i p_j")
    step = step_on(text, 11, only=True)
    assert step.verdict != WRONG, step.reason


# --------------------------------------------------------------------------- y_i, the true class's index

SCORES = r"""# The loss in the scores

The scores $f$ of the classes, $y_i$ the index of the true class, and

$$p_k = \frac{e^{f_k}}{\sum_{j=1}^n e^{f_j}}$$

with a name for the denominator:

$$\sigma = \sum_{j=1}^n e^{f_j}$$

For $k \neq y_i$, where $e^{f_k}$ is a constant,

$$\frac{\partial p_k}{\partial f_{y_i}} = \frac{{SIGN}e^{f_k}e^{f_{y_i}}}{\sigma^2}$$
"""


@pytest.mark.slow
def test_the_true_class_index_in_a_condition_is_the_one_the_subscript_reads():
    """k ≠ y_i beside ∂p_k/∂f_{y_i}: the condition compares k with the true class's index ỹ, met
    exactly at the counterexample (k and ỹ two classes), and the lost minus is wrong; with it the
    step follows."""
    slip = step_on(SCORES.replace("{SIGN}", ""), 13)
    assert slip.verdict == WRONG, slip.reason
    differs(slip)
    point = slip.counterexample["point"]
    assert point["k"] != point["ỹ"] and point["n"] >= 2, point
    right = step_on(SCORES.replace("{SIGN}", "-"), 13)
    assert right.verdict == FOLLOWS, right.reason


# --------------------------------------------------------------------------- names a step gives, p = softmax(x), a heading's case

SHORTENED = r"""# The softmax's derivative

The loss is $L = -\sum_i y_i \log p_i$ with $\mathbf{p} = \text{softmax}(\mathbf{x})$.

## How p_j changes with x_i

Shortening the names:

$$\frac{\partial \left( e^{x_j}/\sum_k e^{x_k} \right)}{\partial x_i} = \frac{\partial (e_j/\sum_k e^{x_k})}{\partial x_i}$$

### The case $j \neq i$

Together:

$$-\frac{e_i}{\sum_k e^{x_k}} \frac{e_j}{\sum_k e^{x_k}} = {END}$$
"""


@pytest.mark.slow
def test_a_name_a_step_gives_and_a_vector_softmax_tie_the_letters_in():
    """e_j is e^{x_j} as the shortening step writes it, p_i the i-th entry of softmax(x) as the
    prose says: the lost minus is wrong, at a point with i ≠ j (the heading's case); -p_i p_j follows."""
    slip = step_on(SHORTENED.replace("{END}", "p_i p_j"), 15)
    assert slip.verdict == WRONG, slip.reason
    differs(slip)
    point = slip.counterexample["point"]
    assert point["i"] != point["j"] and point["n"] >= 2, point
    assert set(point) <= {"n", "i", "j", "x_1", "x_2", "x_3"}, point      # no free e_j, no free p_i
    right = step_on(SHORTENED.replace("{END}", "-p_i p_j"), 15)
    assert right.verdict == FOLLOWS, right.reason


@pytest.mark.slow
def test_a_step_that_is_more_than_a_renaming_names_nothing():
    """The shortening step read as e_j = e^{x_j} (the chain's notes say so); a step whose right side
    is not its left with a part written as the new letter (a factor 2 too) defines nothing."""
    def notes(text):
        return [n for c in check_text(text).chains for n in c.notes if c.line >= 13]
    named = notes(SHORTENED.replace("{END}", "-p_i p_j"))
    assert any("e_j = e^(x_j), as the step on line 9 names it" in n for n in named), named
    more = SHORTENED.replace(r"\frac{\partial (e_j/\sum_k e^{x_k})}{\partial x_i}",
                             r"\frac{\partial (2 e_j/\sum_k e^{x_k})}{\partial x_i}")
    assert more != SHORTENED
    assert not any("as the step on line" in n for n in notes(more.replace("{END}", "-p_i p_j")))


@pytest.mark.slow
def test_a_heading_states_its_sections_case():
    """### The case $j \\neq i$: the step's case, so -p_i p_j for ∂p_j/∂x_i follows there, and
    -p_i^2 (the case j = i's form) is wrong at a point with i ≠ j."""
    text = SHORTENED.replace(r"-\frac{e_i}{\sum_k e^{x_k}} \frac{e_j}{\sum_k e^{x_k}}",
                             r"\frac{\partial p_j}{\partial x_i}")
    right = step_on(text.replace("{END}", "-p_i p_j"), 15)
    assert right.verdict == FOLLOWS, right.reason
    slip = step_on(text.replace("{END}", "-p_i^2"), 15)
    assert slip.verdict == WRONG, slip.reason
    point = slip.counterexample["point"]
    assert point["i"] != point["j"], point


def test_only_a_heading_that_names_a_case_states_one():
    """"The case $j \\neq i$", "When $i = j$", "The terms with $j = i$" state their section's case;
    a heading that states a claim ("Proof that $a = b$") states no condition."""
    from exercises.check.checker import _HEADING_CASE
    said = {h: [m.group(1).replace(" ", "") for m in _HEADING_CASE.finditer(h)] for h in (
        r"### The case $j \neq i$", r"### When $i=j$", r"### The terms with $j = i$", r"## Proof that $a = b$")}
    assert said == {r"### The case $j \neq i$": [r"j\neqi"], r"### When $i=j$": ["i=j"],
                    r"### The terms with $j = i$": ["j=i"], r"## Proof that $a = b$": []}, said
