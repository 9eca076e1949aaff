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

from exercises.check.report import FOLLOWS, WRONG
from checked_steps import steps


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


MONOTONE = r"""
### Exercise 5: softmax monotonicity

$$
\frac{e^{z_j} \sum_{k \neq j} e^{z_k}}{\left(\sum_k e^{z_k}\right)^2} > 0
$$
"""


@pytest.mark.slow
def test_a_sum_over_the_other_classes_is_positive_with_two_classes_or_more():
    step, = steps(MONOTONE)
    assert step.verdict == FOLLOWS, step.reason
    slip, = steps(MONOTONE.replace("> 0", "< 0"))
    assert slip.verdict != FOLLOWS, slip.reason


NONLOCAL = r"""
### Exercise 6: non-locality of softmax outputs

Above, for $k \neq j$, we found $\frac{\partial a_j^L}{\partial z_k^L} \neq 0$: so $a_j^L$ varies with every weighted input.
"""


@pytest.mark.slow
def test_a_sign_of_a_derivative_uses_the_declared_index_ranges():
    step, = steps(NONLOCAL)
    assert step.verdict == FOLLOWS, step.reason
    slip, = steps(NONLOCAL.replace(r"\neq 0$: so", r"> 0$: so"))      # it is negative for k ≠ j
    assert slip.verdict != FOLLOWS, slip.reason


EQUATIONS_71_75 = r"""
# The origin of σ(z)(1 - σ(z)) in chapter 3 (equations 71-75)

## The question

$$\frac{\partial{C}}{\partial{b}}=\frac{\partial{C}}{\partial{a}}\frac{\partial{a}}{\partial{b}}=\frac{\partial{C}}{\partial{a}}\sigma\prime(z).$$
"""


@pytest.mark.slow
def test_the_books_equations_71_to_78_name_the_cross_entropy():
    through_a, sigma_prime = steps(EQUATIONS_71_75)
    for step in (through_a, sigma_prime):
        assert step.verdict == FOLLOWS, step.reason
        assert "cross-entropy-gradient" in step.reason
    slip = steps(EQUATIONS_71_75.replace(r"\sigma\prime(z).$$", r"\sigma\prime(z) x_j.$$"))[1]   # the weight's x_j
    assert slip.verdict not in (FOLLOWS, WRONG), slip.reason


SOME_INDEX = r"""
### Problem 6: where the "softmax" name comes from

Take $a^L_j = \frac{e^{c z^L_j}}{\sum_k e^{c z^L_k}}$ with $c > 0$.

* If $z_j^L$ is not the largest weighted input (some $m$ has $z_m^L > z_j^L$), then:

$$\lim_{c \to + \infty} e^{c(z_m^L - z_j^L)} = + \infty $$
"""


@pytest.mark.slow
def test_an_index_named_with_its_condition_is_assumed():
    step, = steps(SOME_INDEX)
    assert step.verdict == FOLLOWS, step.reason
    slip, = steps(SOME_INDEX.replace(r"= + \infty $$", r"= 0 $$"))       # the limit is +∞, not 0
    assert slip.verdict != FOLLOWS, slip.reason
    # without the condition the limit is not shown: z_m may equal z_j
    bare, = steps(SOME_INDEX.replace(r" (some $m$ has $z_m^L > z_j^L$)", ""))
    assert bare.verdict != FOLLOWS, bare.reason
