"""Right steps that follow, fifth pass (issue 20): each class with a right step that follows and a
false variant of it that does not.

- a letter the text gives a whole value as its number of classes ("here K = 3", daviddwlee84):
  the sums up to it run over the text's own classes, the chapter's n with n = 3, and a loss the text
  defines over those classes numerically (J = −Σ_{i=1}^3 y_i log ŷ_i) is summed over the same 1..n
  (ChainChecker._class_count_named, and the text's definitions over its classes).
"""
from __future__ import annotations

import pytest

from exercises.check.derivations import check_text
from exercises.check.report import FOLLOWS, UNDECIDED, WRONG
from checked_steps import steps


def classes_text(count: str, step: str) -> str:
    return rf"""
# Softmax and cross-entropy

* $\hat{{y_i}} = \frac{{\exp(\theta_i)}}{{\sum_{{j=1}}^3 \exp(\theta_j)}}$
* $J(\theta) = -\sum_{{i=1}}^3 y_i \log(\hat{{y}}_i)$

## Working it out

(with the shorthand $S = \sum_{{j=1}}^{{K}}\exp(\theta_j)$, here K = {count})

$$
\frac{{\partial J(\theta)}}{{\partial \theta_i}} = -\sum_{{j=1}}^K \frac{{\partial y_j \log(\hat{{y}}_j)}}{{\partial {step}}}
$$
"""


@pytest.mark.slow
def test_a_letter_counting_the_classes_sums_over_the_texts_classes():
    (step,) = steps(classes_text("3", r"\theta_i"))
    assert step.verdict == FOLLOWS
    assert any("K = 3" in note and "classes" in note for c in check_text(classes_text("3", r"\theta_i")).chains
               for note in c.notes)


@pytest.mark.slow
def test_a_false_step_over_the_counted_classes_does_not_follow():
    (step,) = steps(classes_text("3", r"\theta_j"))        # ∂/∂θ_j inside the sum: another quantity
    assert step.verdict != FOLLOWS


@pytest.mark.slow
def test_a_count_against_the_texts_own_classes_is_never_read_as_them():
    # the softmax runs over 3 classes, the text says K = 2: Σ_{j=1}^K is not over those classes
    (step,) = steps(classes_text("2", r"\theta_i"))
    assert step.verdict == UNDECIDED
    assert step.verdict != WRONG


def log_loss_text(softmax: str, right: str) -> str:
    return rf"""
# Gradient

{softmax}

$$
\frac{{\partial}}{{\partial p_j}}\left(-\sum_k y_k \log p_k\right) = {right}
$$
"""


@pytest.mark.parametrize("softmax", [r"Let $p_i = \frac{e^{x_i}}{\sum_k e^{x_k}}$.",
                                     r"with $\mathbf{p} = \text{softmax}(\mathbf{x})$,"])
@pytest.mark.slow
def test_a_log_at_a_sums_index_of_the_texts_softmax_is_differentiated(softmax):
    # ∂(−Σ_k y_k log p_k)/∂p_j = −y_j/p_j needs p_k > 0: the text's softmax gives it (e^x / Σ e^x)
    (step,) = steps(log_loss_text(softmax, r"-\frac{y_j}{p_j}"))
    assert step.verdict == FOLLOWS
    (false,) = steps(log_loss_text(softmax, r"-\frac{y_j}{p_j^2}"))
    assert false.verdict == WRONG


@pytest.mark.slow
def test_a_log_of_a_letter_the_text_never_defines_is_not_differentiated_blindly():
    # p a free letter: log p_k has no derivative the kernel certifies (p_k may be 0 or negative)
    (step,) = steps(log_loss_text("The scores.", r"-\frac{y_j}{p_j}"))
    assert step.verdict == UNDECIDED
