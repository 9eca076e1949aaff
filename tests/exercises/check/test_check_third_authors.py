"""Classes of false "wrong" met on the third set of new authors (corpus_specs_third): each has a
small text here, in the notation the authors wrote; the right step is not called wrong, and a
wrong step beside it is still wrong (so no guard passes by silencing)."""
from __future__ import annotations

import pytest

from checked_steps import steps


def verdicts_on(text: str, line: int) -> list[str]:
    """The verdicts of the steps written on `line` (from 1), in order."""
    return [s.verdict for s in steps(text) if s.line == line]


# --------------------------------------------------------------------------- cases in \( ... \), chains by case

# zakariapz's derivation: one display per case, each opening with "=", after "When \(i=j\),".
CASES = r"""# The softmax's derivative

The softmax is \(p_j = \frac{e^{a_j}}{\sum_k e^{a_k}}\). Its derivative:
\[ \frac{\partial p_j}{\partial a_i} = \frac{\partial }{\partial a_i} \frac{e^{a_j}}{\sum_k e^{a_k}} \]
When \(i=j\),
\[ = \frac{\partial }{\partial a_j} \frac{e^{a_j}}{\sum_k e^{a_k}} \\ = p_j(1-p_j) \]
and when \(i \neq j\),
\[ = e^{a_j} \frac{\partial }{\partial a_i} \left(\sum_k e^{a_k} \right)^{-1} \\ = {OFF} \]
"""


@pytest.mark.slow
def test_each_case_in_parenthesised_math_is_a_condition_of_its_own_display():
    text = CASES.replace("{OFF}", "-p_j p_i")
    for line in (6, 8):
        assert verdicts_on(text, line) and "wrong" not in verdicts_on(text, line), (line, verdicts_on(text, line))
    assert verdicts_on(text, 8) == ["follows", "follows"]     # from the cases' root, under i ≠ j


@pytest.mark.slow
def test_a_slip_in_the_second_case_is_still_wrong():
    text = CASES.replace("{OFF}", "p_j p_i")
    assert verdicts_on(text, 8)[-1] == "wrong"
    slip = [s for s in steps(text) if s.line == 8][-1]
    point = slip.counterexample["point"]
    assert point["i"] != point["j"]                            # shown under the text's own case


@pytest.mark.slow
def test_the_first_case_is_judged_under_its_own_condition():
    wrong = CASES.replace("{OFF}", "-p_j p_i").replace(r"\\ = p_j(1-p_j) \]", r"\\ = p_j(1+p_j) \]")
    assert verdicts_on(wrong, 6) == ["follows", "wrong"]


# --------------------------------------------------------------------------- a list of conditions in prose

# bitjoy's notes on the book's eqs. 55-56: the example's input and target in one sentence.
LISTED = r"""# Learning slowdown

Take the example neuron, with input $x=1$ and target output $y=0$. With the quadratic cost its two
derivatives are

$$\frac{\partial C}{\partial b} = (a-y)\sigma'(z) = {RIGHT}$$
"""


def test_conditions_listed_after_one_condition_word_are_all_read():
    said = verdicts_on(LISTED.replace("{RIGHT}", r"a \sigma'(z)"), 6)
    assert said[0] == "follows" and said[1] != "wrong", said


def test_a_slip_under_listed_conditions_is_still_wrong():
    assert verdicts_on(LISTED.replace("{RIGHT}", r"-a \sigma'(z)"), 6)[1] == "wrong"


# --------------------------------------------------------------------------- delta of a cost with no activation

# bitjoy's eqs. 9-10: the text's cost of a^L_j, with no exercise saying how a^L_j depends on z.
DELTA = r"""# {HEADING}

For a layer of outputs the cost sums over them:

$$C = -\frac{1}{n} \sum_x\sum_j \left[y_j \ln a^L_j + (1-y_j) \ln (1-a^L_j) \right].$$

and the output error is

$$\delta^L = {ERROR}.$$
"""


@pytest.mark.slow
def test_delta_of_a_cost_whose_activation_is_not_said_is_not_wrong():
    text = DELTA.replace("{HEADING}", "Several output neurons").replace("{ERROR}", "a^L-y")
    (said,) = verdicts_on(text, 9)
    assert said == "undecided"


@pytest.mark.slow
def test_delta_under_the_sigmoid_cross_entropy_is_judged():
    one_example = DELTA.replace("{HEADING}", "Sigmoid output neurons <!-- nndl: cross-entropy-gradient -->").replace(
        r"-\frac{1}{n} \sum_x\sum_j", r"-\sum_j")              # the exercise named; one training input's cost
    assert verdicts_on(one_example.replace("{ERROR}", "a^L-y"), 9) == ["follows"]
    assert verdicts_on(one_example.replace("{ERROR}", "a^L+y"), 9) == ["wrong"]


# --------------------------------------------------------------------------- a name brought in on the right

# zakariapz's first display: the loss's terms named ell_j by the relation itself.
NAMED = r"""# The loss

\[ L = -\sum_j y_j \log p_j \\ = {RIGHT} \]
"""


def test_a_name_written_first_on_the_right_is_named_not_refuted():
    (step,) = [s for s in steps(NAMED.replace("{RIGHT}", r"-\sum_j \ell_j")) if s.column > 10]
    assert step.verdict == "definition"


@pytest.mark.slow
def test_a_step_with_only_names_written_before_is_still_judged():
    (step,) = [s for s in steps(NAMED.replace("{RIGHT}", r"\sum_j y_j \log p_j")) if s.column > 10]
    assert step.verdict == "wrong"
    before = "# The loss\n\n\\[ q_j = 2 p_j \\]\n\n" + NAMED.replace("# The loss\n\n", "").replace("{RIGHT}", r"-\sum_j q_j")
    (step,) = [s for s in steps(before) if s.line == 5 and s.column > 10]
    assert step.verdict == "wrong"          # q_j is the text's (written before): no name brought in


# --------------------------------------------------------------------------- a label as an index: f_{y_i}

# Mathematics SE q. 1804041 (CS231n's notation): the scores f, the true class's index y_i.
SCORES = r"""# The softmax loss

\begin{equation} L_i=-log(\frac{e^{f_{y_{i}}}}{\sum_j e^{f_j}}) = {RIGHT} \end{equation}
"""


def test_a_label_written_as_an_index_is_read_as_the_true_class():
    said = verdicts_on(SCORES.replace("{RIGHT}", r"-f_{y_i} + log(\sum_j e^{f_j})"), 3)
    assert said[-1] == "follows", said


def test_a_slip_with_a_label_as_an_index_is_still_wrong():
    said = verdicts_on(SCORES.replace("{RIGHT}", r"f_{y_i} + log(\sum_j e^{f_j})"), 3)
    assert said[-1] == "wrong", said


# --------------------------------------------------------------------------- linear outputs named in other words

# bitjoy's notes: "线性输出层与二次代价" (a linear output layer with the quadratic cost).
LINEAR = r"""# {HEADING}

{SENTENCE} with the quadratic cost the output error is

$$\delta^L = {ERROR}.$$
"""


def test_linear_outputs_named_in_chinese_or_in_a_sentence_give_their_exercise():
    for heading, sentence in (("线性输出层与二次代价", "So,"), ("The last layer", "If the output neurons are linear,")):
        text = LINEAR.replace("{HEADING}", heading).replace("{SENTENCE}", sentence).replace("{ERROR}", "a^L-y")
        assert verdicts_on(text, 5) == ["follows"], heading


def test_a_slip_under_linear_outputs_named_so_is_not_called_right():
    text = LINEAR.replace("{HEADING}", "线性输出层与二次代价").replace("{SENTENCE}", "So,")
    assert verdicts_on(text.replace("{ERROR}", "a^L+y"), 5) != ["follows"]


@pytest.mark.slow
def test_the_chapters_own_letters_are_never_named_on_the_right():
    text = ("# The cross-entropy's gradient <!-- nndl: cross-entropy-gradient -->\n\n"
            "$$\\frac{\\partial C}{\\partial w_j} = \\frac{1}{n}\\sum_x x_j(y - \\sigma(z))$$\n")
    assert verdicts_on(text, 3) == ["wrong"]          # x_j, the inputs, written first here: still judged
