"""A text whose o names two layers (o_j = softmax(z_j), z_j = Σ_i w_ij o_i + b): o with an output
index is read as the softmax of the z (exercises.check.layers), z free as the weights are, the
classes it names (a, b, c) distinct and as many as it counts; a step in the layer below's o_i,
the bias or a weight is not read so."""
import pytest
import sympy as sp
from checked_steps import step_on

from exercises.check.layers import classes_counted, named_classes
from exercises.check.report import WRONG

TEXT = r"""# Backpropagation with softmax outputs and a cross-entropy error

The error is $E(t,o)=-\sum_j t_j \log o_j$, each $o_j$ out of the softmax:

$$o_j=softmax(z_j)=\frac{e^{z_j}}{\sum_j e^{z_j}}$$

where $z_j$ is the input to output neuron $j$:

$$z_j=\sum_i w_{ij}o_i+b$$

Take three output neurons, for classes $a,b,c$; then

$$\frac{\partial o_b} {\partial z_{b}}=\frac{e^{z_b}*\sum e^z - (e^{z_b})^2}{(\sum_j e^{z})^2}=QUOTIENT$$

and so

$$o_b-o_b^2=PRODUCT$$
"""


def _text(quotient=r"\frac{e^{z_b}}{\sum e^z}-\frac{(e^{z_b})^2}{(\sum e^z)^2}", product=r"o_b(1-o_b)"):
    return TEXT.replace("QUOTIENT", quotient).replace("PRODUCT", product)


def _at(text, line, needle):
    column = text.splitlines()[line - 1].index(needle) + 1
    return step_on(text, line, column)


@pytest.mark.slow
def test_the_right_steps_are_not_wrong():
    text = _text()
    assert _at(text, 13, "=\\frac{e^{z_b}}{\\sum e^z}").verdict != WRONG
    assert step_on(text, 17).verdict != WRONG


@pytest.mark.slow
def test_a_missing_square_is_wrong_at_three_classes():
    rep = _at(_text(quotient=r"\frac{e^{z_b}}{\sum e^z}-\frac{e^{z_b}}{(\sum e^z)^2}"), 13, "=\\frac{e^{z_b}}{\\sum e^z}")
    assert rep.verdict == WRONG, rep.reason
    assert rep.counterexample["point"]["n"] == 3 and "softmax of the z" in rep.reason


@pytest.mark.slow
def test_an_index_mixed_up_is_wrong_with_the_classes_distinct():
    rep = step_on(_text(product=r"o_b(1-o_a)"), 17)
    assert rep.verdict == WRONG, rep.reason
    point = rep.counterexample["point"]
    assert point["n"] == 3 and point["a"] != point["b"]


@pytest.mark.slow
def test_the_classes_written_out_are_not_wrong():
    # e^{z_a}+e^{z_b}+e^{z_c} is the whole sum when a, b, c are the three classes
    rep = step_on(_text(product=r"\frac{e^{z_b}}{e^{z_a}+e^{z_b}+e^{z_c}} - o_b^2"), 17)
    assert rep.verdict != WRONG, rep.reason


@pytest.mark.slow
def test_the_layer_below_is_not_read_as_the_softmax():
    rep = step_on(_text(product=r"o_i - o_i^2"), 17)
    assert "softmax of the z" not in rep.reason and rep.verdict != WRONG


@pytest.mark.slow
def test_without_the_definitions_o_stays_undecided():
    text = _text(product=r"o_b(1-o_a)").replace(r"$$z_j=\sum_i w_{ij}o_i+b$$", "")
    assert "softmax of the z" not in step_on(text, 17).reason


def test_counts_and_class_letters():
    assert classes_counted("Take three output neurons, for classes $a,b,c$") == 3
    assert classes_counted("two classes here, three neurons there") is False
    assert classes_counted("no count") is None
    assert named_classes("for classes $a,b,c$") == frozenset("abc")
    assert named_classes("for the class $j$") == frozenset()


DERIVATIVE = TEXT.replace(r"""$$\frac{\partial o_b} {\partial z_{b}}=\frac{e^{z_b}*\sum e^z - (e^{z_b})^2}{(\sum_j e^{z})^2}=QUOTIENT$$""",
                          r"""$$\frac{\partial o_b} {\partial z_{b}}=RULE$$""")


@pytest.mark.slow
def test_the_softmax_differentiated_in_its_letters_follows():
    rep = step_on(DERIVATIVE.replace("RULE", r"\frac{e^{z_b}*\sum e^z - (e^{z_b})^2}{(\sum_j e^{z})^2}"), 13)
    assert rep.verdict == "follows", rep.reason


@pytest.mark.slow
def test_the_softmax_differentiated_with_a_slip_does_not_follow():
    rep = step_on(DERIVATIVE.replace("RULE", r"\frac{e^{z_b}*\sum e^z - e^{z_b}}{(\sum_j e^{z})^2}"), 13)
    assert rep.verdict == WRONG, rep.reason


@pytest.mark.slow
def test_a_derivative_with_a_weight_in_it_is_not_read_so():
    rep = step_on(DERIVATIVE.replace("RULE", r"w_{bb} o_b"), 13)
    assert rep.verdict not in ("follows", WRONG) and "softmax of the z" not in rep.reason
