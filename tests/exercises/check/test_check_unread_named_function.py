"""Issue 20, fifth pass (steps still unread): inline math set apart as a paragraph that applies a
function named in text ($\\text{softmax}(x_0) = ...$) is a derivation, not prose; an entry it writes
at a number the text's sum does not run over (x_0 beside Σ_{j=1}^n) leaves a refutation undecided
(Cross Validated's "Sigmoid equals softmax in Bernoulli distribution?", two classes numbered 0, 1)."""
from __future__ import annotations

import pytest

from checked_steps import steps

from exercises.check.report import FOLLOWS, UNDECIDED, WRONG

TEXT = r"""# With two classes, is the sigmoid the same as the softmax?

I have read that the sigmoid $\sigma(x_i) = \frac{1}{1+e^{-x_i}}$ generalises to the softmax $\text{softmax}(x_i) = \frac{e^{x_i}}{\sum_{j=1}^{n}{e^{x_j}}}$, and my understanding is that for a two-class problem both give one and the same output. My attempt:

$\text{softmax}(x_0) = FIRST = SECOND \neq \frac{1}{1+e^{-x_0 }} = \text{sigmoid}(x_0)$

What am I getting wrong?
"""
FIRST, SECOND = r"\frac{e^{x_0}}{e^{x_0} + e^{x_1}}", r"\frac{1}{1+e^{x_1 - x_0 }}"


def chain(first: str = FIRST, second: str = SECOND):
    return steps(TEXT.replace("FIRST", first).replace("SECOND", second))


@pytest.mark.slow
def test_the_chain_is_read_and_its_algebra_follows():
    found = chain()
    assert [s.relation for s in found] == ["=", "=", "≠", "="], [(s.relation, s.source) for s in found]
    assert found[1].verdict == FOLLOWS, found[1].reason          # dividing by e^{x_0}
    assert found[3].verdict == FOLLOWS, found[3].reason          # the text's sigmoid
    assert WRONG not in {s.verdict for s in found}


@pytest.mark.slow
def test_x0_against_a_sum_from_1_is_undecided_saying_why():
    first = chain()[0]
    assert first.verdict == UNDECIDED and "x_0" in first.reason and first.counterexample is None
    slip = chain(first=r"\frac{e^{x_0}}{e^{x_0} + e^{x_1} + e^{x_2}}")[0]     # a third class: still not shown false
    assert slip.verdict == UNDECIDED and "x_0" in slip.reason


@pytest.mark.slow
def test_a_slip_in_the_algebra_is_found():
    slip = chain(second=r"\frac{1}{1+e^{x_0 - x_1 }}")[1]                   # the exponent's sign flipped
    assert slip.verdict == WRONG, slip.reason
    assert slip.counterexample


def test_a_function_named_in_text_with_a_definition_word_stays_a_definition():
    text = "Take the loss with $ \\mathbf{p} = \\text{softmax}(\\mathbf{x}) $ and the natural logarithm.\n"
    assert steps(text) == []
