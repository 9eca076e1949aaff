"""Right steps that follow, third pass (issue 20): each mechanism with a right step that follows
and a false variant of it that does not.

- the chain rule through every output with the true class ỹ (the NNDL-solutions notebook's
  problem 7): Σ_k ∂C/∂a_k ∂a_k/∂z_j leaves δ_jỹ e^{z_j} beside δ_jỹ e^{z_ỹ}, which the kernel's
  rule δ_pq f(p) = δ_pq f(q) (derivations/kernel/deltas.py) certifies;
- a condition j ≠ ỹ that makes y_j = δ_jỹ zero (it crashed the premise before);
- the softmax of x in p with its log-likelihood L (abangfarhan), read as a, z and C under the
  softmax exercise the text names (exercises/check/nearby.py).
"""
from __future__ import annotations

import pytest

from exercises.check.derivations import check_text
from exercises.check.report import FOLLOWS, WRONG


def steps(text: str) -> list:
    return [s for c in check_text(text).chains for s in c.steps if not s.claim]


TRUE_CLASS = r"""
### Problem 7: backpropagation with softmax, under the log-likelihood cost

We call $\tilde{y}$ the index such that $y_\tilde{y} = 1$.

\begin{equation*}
    \begin{aligned}
        \delta_j^L &= \frac{\partial C}{\partial z_j^L} \\
        &= \sum\limits_k \frac{\partial C}{\partial a_k^L} \frac{\partial a_k^L}{\partial z_j^L} \\
        &= \frac{\partial C}{\partial a_\tilde{y}^L} \frac{\partial a_\tilde{y}^L}{\partial z_j^L}
    \end{aligned}
\end{equation*}
"""


@pytest.mark.slow
def test_the_chain_rule_through_every_output_follows_with_the_true_class():
    first, chain_rule, only_the_true_class = steps(TRUE_CLASS)
    for step in (first, chain_rule, only_the_true_class):
        assert step.verdict == FOLLOWS, step.reason
    # C depends on a_j alone: false where j is not the true class
    slip = steps(TRUE_CLASS.replace(r"&= \frac{\partial C}{\partial a_\tilde{y}^L} \frac{\partial a_\tilde{y}^L}{\partial z_j^L}",
                                    r"&= \frac{\partial C}{\partial a_j^L} \frac{\partial a_j^L}{\partial z_j^L}"))[2]
    assert slip.verdict != FOLLOWS, slip.reason


OTHER_CLASS = r"""
### Problem 7: backpropagation with softmax, under the log-likelihood cost

We call $\tilde{y}$ the index such that $y_\tilde{y} = 1$.

* If $j \neq \tilde{y}$:

\begin{equation*}
    \begin{aligned}
        \delta_j^L &= \frac{e^{z_j^L}}{\sum_k e^{z_k^L}} \\
        &= a_j^L \\
        &= a_j^L - y_j \qquad \text{since } j \neq \tilde{y} \text{ and so } y_j = 0
    \end{aligned}
\end{equation*}
"""


@pytest.mark.slow
def test_y_j_is_zero_for_another_class_than_the_true_one():
    *_, last = steps(OTHER_CLASS)
    assert last.verdict == FOLLOWS, last.reason
    # the same step for the true class itself, where y_j = 1: not a step that follows
    slip = steps(OTHER_CLASS.replace(r"If $j \neq \tilde{y}$", r"If $j = \tilde{y}$"))[-1]
    assert slip.verdict != FOLLOWS, slip.reason


SOFTMAX_OF_X = r"""
# The gradient of the cross-entropy after a softmax

## Putting it together

$$
\frac{\partial L}{\partial x_i} = \sum_{j=1}^n \frac{\partial L}{\partial p_j} \frac{\partial p_j}{\partial x_i}
$$
"""


@pytest.mark.slow
def test_p_of_x_with_its_loss_l_reads_as_the_softmax_exercise_the_heading_names():
    step, = steps(SOFTMAX_OF_X)
    assert step.verdict == FOLLOWS, step.reason
    assert "p read as a, x as z" in step.reason
    # the sum dropped (only p_i's term): false, and the reading is the text's, not fixed: never wrong
    slip, = steps(SOFTMAX_OF_X.replace(r"\sum_{j=1}^n \frac{\partial L}{\partial p_j} \frac{\partial p_j}{\partial x_i}",
                                       r"\frac{\partial L}{\partial p_i} \frac{\partial p_i}{\partial x_i}"))
    assert slip.verdict not in (FOLLOWS, WRONG), slip.reason


LIMITS = r"""
# The sigmoid at its extremes

$$\begin{align} \lim_{x\to-\infty} \sigma(x) &= \lim_{x\to-\infty} \frac{1}{1+e^{-x}} \end{align}$$
"""


@pytest.mark.slow
def test_a_limit_of_the_same_function_written_two_ways_follows():
    step, = steps(LIMITS)
    assert step.verdict == FOLLOWS, step.reason
    assert "limits of equal functions" in step.reason
    slip, = steps(LIMITS.replace(r"{1+e^{-x}}", r"{1+e^{x}}"))      # the limits are 0 and 1
    assert slip.verdict != FOLLOWS, slip.reason
