"""Right steps follow, planted slips are found (issue 20), class by class.

Each class of right step the checker used to leave undecided: the right step now follows (a
certificate the kernel re-checks), and a wrong variant of it is wrong or undecided, never follows.
"""
from __future__ import annotations

import pytest
import sympy as sp

from derivations import symbols as S
from derivations.kernel import Status, certify
from derivations.models import ONE_HOT
from exercises.check.derivations import check_text


def verdicts(report) -> list[str]:
    return [s.verdict for c in report.chains for s in c.steps]


# ---------------------------------------------------------------- y one-hot: Σ_k y_k = 1

ONE_HOT_STEP = r"""Deriving it for the softmax
$$
\frac{\partial L}{\partial o_i} = p_i\left(\sum_k y_k\right)-y_i=p_i-y_i
$$
"""


def test_a_step_that_uses_sum_of_one_hot_labels_follows():
    report = check_text(ONE_HOT_STEP)
    assert verdicts(report)[-1] == "follows"
    assert "one-hot" in report.chains[0].steps[-1].reason


def test_a_wrong_step_with_one_hot_labels_is_wrong_at_a_one_hot_point():
    report = check_text(ONE_HOT_STEP.replace("=p_i-y_i", "=p_i"))
    last = report.chains[0].steps[-1]
    assert last.verdict == "wrong"
    point = last.counterexample["point"]
    ys = [v for k, v in point.items() if k.startswith("y_")]
    assert ys and all(v in (0, 1) for v in ys) and sum(ys) <= 1 + 1e-12   # y one-hot (tolerance: exact ints)


def test_the_kernel_rewrites_the_sum_of_labels_only_under_the_stated_fact():
    """The side condition of the rewrite Σ_k y_k -> 1: the one-hot fact stated. Without it the
    same identity is not proved (and a point with Σ_k y_k = 2 refutes it)."""
    k = sp.Symbol("k", integer=True)
    lhs = S.a[S.i] * sp.Sum(S.y[k], (k, 1, S.n)) - S.y[S.i]
    rhs = S.a[S.i] - S.y[S.i]
    assumptions = [sp.Ge(S.n, 2)]
    assert certify.identity("with the fact", lhs, rhs, assumptions, [ONE_HOT.fact]).proved
    assert not certify.identity("without it", lhs, rhs, assumptions, []).proved
    point = {S.n: 2, S.i: 1, S.a[1]: sp.Rational(1, 3), S.y[1]: 1, S.y[2]: 1}
    assert certify.refute("without it", [lhs, rhs], "equal", assumptions, point).status == Status.REFUTED
    # with the fact stated, that point is not admissible: no refutation from it
    assert certify.refute("with it", [lhs, rhs], "equal", assumptions + [ONE_HOT.fact], point).status \
        != Status.REFUTED


# ---------------------------------------------------------------- the section's own displayed definitions

DISPLAYED = r"""## sigmoid
$$ s=sigmoid(z) = \frac{1}{1+\exp(-z)}$$
$$ \frac{ds}{dz} = s(1-s) $$
"""

SOFTMAX_SECTION = r"""## Differentiating the loss

$$p_j = \frac{e^{o_j}}{\sum_k e^{o_k}}$$

$$L = -\sum_j y_j \log p_j$$

$$\frac{\partial p_j}{\partial o_i} = -p_i p_j,\quad i \neq j.$$
"""


def test_a_letter_defined_by_an_earlier_display_of_the_section_is_the_texts_own():
    report = check_text(DISPLAYED)
    assert verdicts(report)[-1] == "follows"
    assert any("s = " in note for note in report.chains[-1].notes)


def test_a_wrong_step_about_a_displayed_definition_is_wrong():
    report = check_text(DISPLAYED.replace("s(1-s)", "s(1+s)"))
    assert verdicts(report)[-1] == "wrong"


def test_a_display_in_another_section_or_after_the_chain_defines_nothing_here():
    apart = DISPLAYED.replace("$$ \\frac{ds}", "## elsewhere\n$$ \\frac{ds}")
    assert verdicts(check_text(apart))[-1] == "undecided"
    after = "## sigmoid\n$$ \\frac{ds}{dz} = s(1-s) $$\n$$ s=sigmoid(z) = \\frac{1}{1+\\exp(-z)}$$\n"
    assert check_text(after).chains[0].steps[0].verdict == "undecided"


@pytest.mark.slow
def test_the_learners_softmax_letters_defined_in_displays_follow_under_the_stated_condition():
    report = check_text(SOFTMAX_SECTION)
    assert verdicts(report)[-1] == "follows"
    wrong = check_text(SOFTMAX_SECTION.replace("= -p_i p_j,", "= p_i p_j,"))
    assert verdicts(wrong)[-1] == "wrong"
    point = wrong.chains[-1].steps[-1].counterexample["point"]
    assert point["i"] != point["j"]            # the counterexample meets the text's i ≠ j


# ---------------------------------------------------------------- one neuron, one weight: z = wx + b

ONE_WEIGHT = r"""## The cross-entropy cost

So far the cost has been the quadratic one,
$$
  C = \frac{(y-a)^2}{2},
$$
where $a = \sigma(z)$, where $z = wx+b$. The chain rule then gives
$$
  \frac{\partial C}{\partial w} = (a-y)\sigma'(z) x
$$
"""


@pytest.mark.slow
def test_one_neurons_single_weight_is_read_through_z_equals_wx_plus_b():
    assert verdicts(check_text(ONE_WEIGHT))[-1] == "follows"
    assert verdicts(check_text(ONE_WEIGHT.replace("\\sigma'(z) x", "\\sigma'(z)")))[-1] == "wrong"


LOSS_SECTION = r"""# Taking the derivative of softmax loss

$$p_j = \frac{e^{o_j}}{\sum_k e^{o_k}}$$

$$L = -\sum_j y_j \log p_j,$$

$$\frac{\partial L}{\partial o_i} = p_i - y_i.$$
"""


@pytest.mark.slow
def test_the_texts_own_loss_of_one_hot_labels_follows_and_a_slip_is_wrong_at_a_one_hot_point():
    report = check_text(LOSS_SECTION)
    assert verdicts(report)[-1] == "follows"
    wrong = check_text(LOSS_SECTION.replace("= p_i - y_i.", "= p_i."))
    last = wrong.chains[-1].steps[-1]
    assert last.verdict == "wrong"
    ys = [v for k, v in last.counterexample["point"].items() if k.startswith("y_")]
    assert ys and all(v in (0, 1) for v in ys)


# ---------------------------------------------------------------- a derivative by a quantity the text defines

BY_OWN = r"""## Differentiating a cross-entropy loss that follows a softmax

$$p_i = \frac{ \exp (o_i) }{\sum_j \exp(o_j) }$$

$$\frac{\partial L}{\partial o_k} = - \sum_i y_i \frac{\partial \log p_i}{\partial o_k} = - \sum_i y_i \frac{\partial \log p_i}{\partial p_i} \frac{\partial p_i}{\partial o_k}$$
"""


@pytest.mark.slow
def test_a_derivative_by_a_defined_quantity_is_taken_in_that_quantity():
    report = check_text(BY_OWN)
    assert verdicts(report)[-1] == "follows"
    wrong = check_text(BY_OWN.replace(r"\frac{\partial \log p_i}{\partial p_i}", r"\frac{\partial p_i}{\partial p_i}"))
    assert verdicts(wrong)[-1] in ("wrong", "undecided")
    assert verdicts(check_text("## x\n$$p_i = e^{o_i}$$\n$$A = \\frac{\\partial \\log p_i}{\\partial p_i} = p_i$$\n"))[-1] \
        == "wrong"


ONE_INPUT = r"""## The cross-entropy cost

So far the cost has been the quadratic one,
$$
  C = \frac{(y-a)^2}{2},
$$
where $a$ is what the neuron outputs for the training input $x = 1$,
and $y = 0$ is the output we want for it. In terms of the weight and
the bias, $a = \sigma(z)$, where $z = wx+b$.
$$
  \frac{\partial C}{\partial b} = (a-y)\sigma'(z) = a \sigma'(z),
$$
with $x = 1$ and $y = 0$ substituted in.
"""


@pytest.mark.slow
def test_one_neurons_input_given_as_a_number_is_its_single_input():
    """x = 1 stated for one neuron: z = wx + b = w + b (not x read as a family x_k = 1[k])."""
    assert verdicts(check_text(ONE_INPUT))[-2:] == ["follows", "follows"]
    wrong = check_text(ONE_INPUT.replace("(a-y)", "(y-a)"))
    assert verdicts(wrong)[-2] == "wrong"
    assert not any(isinstance(v, complex) for v in wrong.chains[-1].steps[0].counterexample["point"].values())


def test_the_output_error_of_a_cost_defined_nowhere_is_undecided_not_wrong():
    """δ_j is ∂C/∂z_j: with no cost in the text or the exercise, C is not a constant to differentiate."""
    text = "## Softmax\n$$a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}$$\n\n$$\\delta_j = a_j - y_j$$\n"
    assert verdicts(check_text(text))[-1] == "undecided"


@pytest.mark.slow
def test_one_neuron_with_weights_w_j_keeps_z_as_their_sum():
    """A chain in w_j (eqs. 57-61) is not read with the single weight of eqs. 54-56, whose letter w
    is the label of w_j too: dσ(z)/dw_j = σ'(z) x_j follows through z = Σ_j w_j x_j + b."""
    text = ("## The cross-entropy cost, first met\n\nThe neuron outputs $a = \\sigma(z)$, with $z = \\sum_j w_j x_j+b$.\n"
            "$$\\frac{\\partial \\sigma(z)}{\\partial w_j} = \\sigma'(z) x_j$$\n")
    assert verdicts(check_text(text))[-1] == "follows"
    assert verdicts(check_text(text.replace("\\sigma'(z) x_j$$", "\\sigma'(z)$$")))[-1] in ("wrong", "undecided")
