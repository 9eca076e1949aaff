"""Right steps that follow under the exercise the text names near them (exercises.check.nearby):
the cost or output layer it speaks of before the display, a problem bullet's title, the book's
equation numbers. A planted wrong variant never follows; it is called wrong on that reading's
strength only where the text fixes the reading (the cost named in words or by the book's equation
numbers, the step in the chapter's letters: test_check_planted_more.py), and is undecided
otherwise, saying what would decide it."""
from __future__ import annotations

import pytest

from exercises.check.nearby import exercise_of, named_in
from exercises.check.report import FOLLOWS, UNDECIDED, WRONG
from checked_steps import steps


# ---- which exercise the words name (no proof involved)

def test_costs_and_layers_name_the_chapter_exercises():
    assert exercise_of("quadratic", None) == "quadratic-gradient"
    assert exercise_of("quadratic", "linear") == "linear-output-quadratic"
    assert exercise_of("cross-entropy", None) == "cross-entropy-gradient"
    assert exercise_of("cross-entropy", "softmax") == "softmax-log-likelihood-gradient"
    assert exercise_of("log-likelihood", None) == "softmax-log-likelihood-gradient"
    assert exercise_of("quadratic", "softmax") is None          # no such exercise: nothing named
    assert exercise_of(None, None) is None


def test_the_last_words_before_the_display_name_it_and_a_denial_names_nothing():
    cost, layer, *_ = named_in("Take the quadratic cost. Turning to the cross-entropy, we find")
    assert (cost, layer) == ("cross-entropy", None)
    cost, layer, *_ = named_in("* **Linear neurons** no sigmoid is applied; with the quadratic cost")
    assert (cost, layer) == ("quadratic", "linear")
    assert named_in("按二次代价的定义，这个单神经元网络的代价写作")[:2] == ("quadratic", None)     # the quadratic cost
    assert named_in("这种新的代价叫作**交叉熵代价**")[:2] == ("cross-entropy", None)
    # a new problem's bullet starts afresh: the problem before's cost is not this one's
    cost, layer, *_ = named_in("* **One** under the quadratic cost\n\n* **Two** prove that")
    assert (cost, layer) == (None, None)


# ---- steps judged under the named exercise

BULLET = r"""
#### Problems

* **Networks with many layers** Prove that under the quadratic cost
  $$\frac{\partial C}{\partial w^L_{jk}} = a^{L-1}_k (a^L_j-y_j) \sigma'(z^L_j)$$
"""


@pytest.mark.slow
def test_a_bullet_naming_the_quadratic_cost_proves_its_step_and_finds_the_slip():
    right, = steps(BULLET)
    assert right.verdict == FOLLOWS, right.reason
    assert "quadratic-gradient" in right.reason
    slip, = steps(BULLET.replace(r" \sigma'(z^L_j)", ""))     # the cross-entropy's answer, under the quadratic
    assert slip.verdict == WRONG and slip.counterexample, slip.reason     # the text names the cost: it fixes the reading
    assert "quadratic-gradient" in slip.reason and "false" in slip.reason


LINEAR = r"""
## Problems

* **Output neurons** Let the last layer's neurons output $a^L_j = z^L_j$: no sigmoid is
  applied, they are linear neurons. With the quadratic cost,
  $$\delta^L_j = a^L_j - y_j$$
"""


@pytest.mark.slow
def test_linear_neurons_with_the_quadratic_cost_and_the_denied_sigmoid():
    right, = steps(LINEAR)
    assert right.verdict == FOLLOWS, right.reason
    assert "linear-output-quadratic" in right.reason
    slip, = steps(LINEAR.replace(r"a^L_j - y_j$$", r"(a^L_j - y_j) a^L_j (1 - a^L_j)$$"))   # σ' kept
    assert slip.verdict == WRONG and slip.counterexample, slip.reason


EQUATIONS = r"""
### Problem 5: proving equation (84)

$$\delta^L_j = a^L_j - y_j$$
"""


@pytest.mark.slow
def test_the_books_equation_number_names_the_exercise():
    right, = steps(EQUATIONS)
    assert right.verdict == FOLLOWS, right.reason
    assert "softmax-log-likelihood-gradient" in right.reason
    slip, = steps(EQUATIONS.replace("a^L_j - y_j$$", "y_j - a^L_j$$"))
    assert slip.verdict == WRONG and slip.counterexample, slip.reason


@pytest.mark.slow
def test_a_text_that_names_no_exercise_is_left_as_it_was():
    step, = steps("## Working\n\n$$\\delta^L_j = a^L_j - y_j$$\n")
    assert step.verdict == UNDECIDED
    assert "which the text names" not in step.reason


# ---- p, o, L: the softmax of o and its log-likelihood in the text's own letters

ANSWER = r"""
## Answer

$$\frac{\partial L}{\partial o_i}=-\sum_ky_k\frac{\partial \log p_k}{\partial o_i}=-\sum_ky_k\frac{1}{p_k}\frac{\partial p_k}{\partial o_i}$$
"""


@pytest.mark.slow
def test_a_first_line_that_sets_up_the_log_likelihood_reads_p_as_the_softmax_of_o():
    first, second = steps(ANSWER)
    for step in (first, second):
        assert step.verdict == FOLLOWS, step.reason
        assert "softmax-log-likelihood-gradient" in step.reason and "p read as a" in step.reason
    # the same chain with a slip in its second step: not proved; its counterexample rests on the
    # reading (p the softmax of o), which the text does not state: undecided, never wrong
    slip = steps(ANSWER.replace(r"\frac{1}{p_k}\frac{\partial p_k}", r"p_k\frac{\partial p_k}"))[1]
    assert slip.verdict == UNDECIDED, slip.reason
    assert "false there" in slip.reason


def test_letters_of_the_chapter_or_no_setting_up_are_not_renamed():
    from exercises.check.extract import document
    from exercises.check.nearby import own_letters
    for text in (ANSWER.replace("p_k", "a_k"),                                  # the chapter's a_k: not renamed
                 ANSWER.replace(r"=-\sum_ky_k\frac{\partial \log p_k}", r"=\sum_ky_k\frac{\partial \log p_k}")):
        doc = document("<t>", text, None, latex=False)
        assert own_letters(doc, doc.chains[0], None) is None
    doc = document("<t>", ANSWER, None, latex=False)
    named, renamed = own_letters(doc, doc.chains[0], None)
    assert named.exercise == "softmax-log-likelihood-gradient"
    assert renamed.marker == "softmax-log-likelihood-gradient; p=a, o=z, L=C"
    assert renamed.section is None         # the text's own C is not the one its L is read as


CLASSIFIER = r"""
# Gradients of a softmax classifier under the cross-entropy

## Working it out

$$
\frac{\partial \hat{y_i}}{\partial \theta_j} = \frac{0- \exp(\theta_i)\exp(\theta_j)}{(\sum_{k=1}^{K} \exp(\theta_k))^2} \quad i \neq j
$$
"""


@pytest.mark.slow
def test_a_parent_heading_names_the_softmax_of_theta_read_as_a_of_z():
    right, = steps(CLASSIFIER)
    assert right.verdict == FOLLOWS, right.reason
    assert "ŷ read as a, θ as z" in right.reason
    slip, = steps(CLASSIFIER.replace(r"\frac{0- \exp", r"\frac{\exp"))          # the sign lost
    assert slip.verdict not in (FOLLOWS, WRONG), slip.reason


def test_the_section_a_heading_is_part_of_is_read_after_its_own():
    from exercises.check.extract import document
    from exercises.check.nearby import named_near
    doc = document("<t>", CLASSIFIER, None, latex=False)
    named = named_near(doc, doc.chains[0])
    assert named.exercise == "softmax-log-likelihood-gradient" and named.line == 2
    # a sibling section's words are not this one's
    doc = document("<t>", "## Quadratic cost\n\ntext\n\n" + CLASSIFIER.split("## Working it out")[1], None, latex=False)
    assert named_near(doc, doc.chains[0]).exercise == "quadratic-gradient"        # (no heading between: its section)
    doc = document("<t>", "## Quadratic cost\n\ntext\n\n## Working\n" + CLASSIFIER.split("## Working it out")[1],
                   None, latex=False)
    assert named_near(doc, doc.chains[0]) is None


ONE_NEURON = r"""
# 1.只有一个神经元的网络

按二次代价的定义，这个单神经元网络的代价写作：
$$
C=\frac{(y-a)^2}{2}
$$
激活用sigmoid，于是a=\sigma (z)，z=wx+b。
$$
\frac{\partial C}{\partial b}=(a-y)\sigma'(z)
$$
"""


@pytest.mark.slow
def test_a_text_in_chinese_naming_the_quadratic_cost():
    right = steps(ONE_NEURON)[-1]
    assert right.verdict == FOLLOWS, right.reason
    assert "quadratic-gradient" in right.reason
    slip = steps(ONE_NEURON.replace(r"=(a-y)\sigma'(z)", "=(a-y)"))[-1]      # σ' dropped, as under the cross-entropy
    assert slip.verdict == WRONG and slip.counterexample, slip.reason


CHAIN_RULE = r"""
### Problem 3: no cost removes the input term

Equation (61) was derived starting from the chain rule:

$$\frac{\partial C}{\partial w_j} = \frac{\partial C}{\partial a} \frac{\partial a}{\partial w_j}$$
"""


@pytest.mark.slow
def test_the_books_equation_61_names_the_cross_entropy_of_one_neuron():
    right, = steps(CHAIN_RULE)
    assert right.verdict == FOLLOWS, right.reason
    assert "cross-entropy-gradient" in right.reason and "Equation (61)" in right.reason
    slip, = steps(CHAIN_RULE.replace(r"\frac{\partial a}{\partial w_j}$$", r"x_j$$"))       # σ'(z) lost
    assert slip.verdict == WRONG and slip.counterexample, slip.reason
