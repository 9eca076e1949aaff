"""A text that states Einstein's convention: a step is wrong only at a point where it is false
however its implied sums are read (exercises.check.einstein), with y one-hot, ŷ the softmax's
outputs and n >= 2; a step some reading makes true stays undecided."""
from fractions import Fraction

import pytest
import sympy as sp
from checked_steps import read, step_on

from exercises.check.einstein import refuted_every_reading
from exercises.check.report import FOLLOWS, WRONG

K = sp.Symbol("k", integer=True, positive=True)
BRACKET = r"-y_i \frac{1}{\hat{y}_i} \bigg[ \hat{y}_i \delta_{ik} - \hat{y}_i \hat{y}_p \delta_{pk}  \bigg]"


def test_a_sign_slip_is_false_under_every_reading():
    found = refuted_every_reading(read(BRACKET), read(r"-y_i \bigg[ \delta_{ik} + \hat{y}_p \delta_{pk}  \bigg]"), {K})
    assert found is not None
    assert found.classes >= 2 and sum(found.point()[f"y_{c}"] for c in range(1, found.classes + 1)) == 1
    assert sum(found.outputs) == 1 and all(v > 0 for v in found.outputs)
    assert not set(found.left) & set(found.right)


@pytest.mark.slow
def test_the_right_step_is_not_refuted():
    assert refuted_every_reading(read(BRACKET), read(r"-y_i \bigg[ \delta_{ik} - \hat{y}_p \delta_{pk}  \bigg]"), {K}) is None


def test_a_step_one_reading_makes_true_is_not_refuted():
    # -y_k + y_i ŷ_k: false with i free, true with the i summed (y one-hot): not wrong
    assert refuted_every_reading(read(r"-y_k + y_i \hat{y}_k"), read(r"-y_k + \hat{y}_k"), {K}) is None
    assert refuted_every_reading(read(r"-y_k + y_i \hat{y}_k"), read(r"-y_k + \sum_i y_i \hat{y}_k"), {K}) is None


def test_a_denominators_sum_inside_it_is_a_reading():
    # 1/ŷ_m: summed inside the denominator (1/Σ_m ŷ_m = 1) it equals 1; free or summed over the term not
    assert refuted_every_reading(read(r"y_k \frac{1}{\hat{y}_m}"), read(r"y_k"), {K}) is None
    assert refuted_every_reading(read(r"y_k \frac{1}{\hat{y}_m}"), read(r"2 y_k + 1"), {K}) is not None


def test_the_swapped_difference_is_false_with_no_implied_sum():
    found = refuted_every_reading(read(r"-y_k + \hat{y}_k  \sum_i y_i"), read(r"y_k - \hat{y}_k"), {K})
    assert found is not None and found.left == (-found.right[0],)
    assert refuted_every_reading(read(r"-y_k + \hat{y}_k  \sum_i y_i"), read(r"\hat{y}_k - y_k"), {K}) is None


def test_what_it_does_not_read_it_does_not_refute():
    # e^{θ_m} in a denominator: a function of an index, not read here
    assert refuted_every_reading(read(r"\frac{e^{\theta_k}}{e^{\theta_m}}"), read(r"2 \hat{y}_k"), {K}) is None
    assert refuted_every_reading(read(r"a_k"), read(r"2 a_k + 1"), {K}) is None


TEXT = r"""# The gradient of the cross-entropy in the softmax's inputs

We write in Einstein's convention, in which an index repeated inside a term is summed over.

$$
\begin{align}
\frac{\partial CE}{\partial \theta_k} &= -y_i \frac{1}{\hat{y}_i} \bigg[ \hat{y}_i \delta_{ik} - \hat{y}_i \hat{y}_p \delta_{pk}  \bigg] \\
&= -y_i \bigg[ \delta_{ik} SIGN \hat{y}_p \delta_{pk}  \bigg] \\
&= -y_k + \hat{y}_k  \sum_i y_i \\
&= LAST
\end{align}
$$
"""


def _text(sign="-", last=r"\hat{y}_k - y_k"):
    return TEXT.replace("SIGN", sign).replace("LAST", last)


@pytest.mark.slow
def test_in_a_text_the_right_steps_are_not_wrong():
    text = _text()
    assert step_on(text, 8).verdict == FOLLOWS
    assert step_on(text, 10).verdict != WRONG


@pytest.mark.slow
def test_in_a_text_a_sign_slip_is_wrong_with_its_point():
    rep = step_on(_text(sign="+"), 8)
    assert rep.verdict == WRONG, rep.reason
    assert "Einstein" in rep.reason and "every reading" in rep.reason
    assert rep.counterexample["point"]["n"] >= 2 and rep.counterexample["point"]["k"] in (1, 2, 3)
    rep = step_on(_text(last=r"y_k - \hat{y}_k"), 10)
    assert rep.verdict == WRONG, rep.reason


@pytest.mark.slow
def test_without_the_convention_stated_no_reading_of_it_is_made():
    text = _text(sign="+").replace("We write in Einstein's convention, in which an index repeated inside a term is "
                                   "summed over.", "We differentiate.")
    assert "every reading" not in step_on(text, 8).reason


def test_the_point_is_exact():
    found = refuted_every_reading(read(BRACKET), read(r"-y_i \bigg[ \delta_{ik} + \hat{y}_p \delta_{pk}  \bigg]"), {K})
    assert all(isinstance(v, Fraction) for v in found.left + found.right + found.outputs)
