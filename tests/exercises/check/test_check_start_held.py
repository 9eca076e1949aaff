"""A line is said to stop equalling the chain's start only after a step shown wrong.

Seen on a fresh text (a GitHub README's softmax derivative, S(x)_j never defined): step 1
undecided (how S depends on x is not defined), step 2 follows, and under step 2 the report said
"from this line on, the chain no longer equals its start": the start held against the later line
refuted step 1 through the back door, with S chosen free of x, which the step's own guard refuses."""
from __future__ import annotations

import pytest

from checked_steps import steps
from exercises.check.derivations import check_text

UNDEFINED_S = r"""
$$
\begin{align*}
\frac{\partial S(\mathbf{x})_j}{\partial x_i} &= \frac{\partial}{\partial x_i} \left(\frac{e^{x_j}}{\sum_{k=1}^n e^{x_k}}\right) \\
&= \frac{e^{x_j}\delta_{ij}\sum_{k=1}^n e^{x_k} - e^{x_j}e^{x_i}}{\left(\sum_{k=1}^n e^{x_k}\right)^2} \\
&= \delta_{ij} S(\mathbf{x})_j - S(\mathbf{x})_i S(\mathbf{x})_j
\end{align*}
$$
"""


def test_an_undecided_step_is_not_refuted_through_the_chains_start():
    report = check_text(UNDEFINED_S)
    (chain,) = report.chains
    verdicts = [s.verdict for s in chain.steps if not s.claim]
    assert verdicts[0] == "undecided" and "wrong" not in verdicts, verdicts
    assert all(s.equals_start is not False for s in chain.steps), [s.equals_start for s in chain.steps]
    assert "no longer equals its start" not in chain.text()


@pytest.mark.slow
def test_after_a_wrong_step_the_lines_are_still_held_against_the_start():
    # the false variant: a sign slip in step 2 (a step the checker reads and refutes soundly)
    slipped = UNDEFINED_S.replace(r"\delta_{ij}\sum_{k=1}^n e^{x_k} - e^{x_j}e^{x_i}",
                                  r"\delta_{ij}\sum_{k=1}^n e^{x_k} + e^{x_j}e^{x_i}")
    assert slipped != UNDEFINED_S
    second = steps(slipped)[1]
    assert second.verdict == "wrong", second.reason
    assert second.equals_start is False


def test_a_slip_after_right_steps_still_breaks_the_chain():
    text = r"""
$$
\sigma'(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)\,(1 + \sigma(z))
$$
"""
    found = steps(text)
    assert [s.verdict for s in found] == ["follows", "wrong"], [(s.verdict, s.reason) for s in found]
    assert found[-1].equals_start is False
