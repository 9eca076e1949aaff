"""A chain under a heading that names its cost (exercises.check.nearby: the heading fixes the
reading), in a text that displays its own σ (the two readings of σ: the text's formula and the
sigmoid the text names; wrong only where both refute)."""
import pytest
from checked_steps import steps

from exercises.check.nearby import either_sigma, heading_cost
from exercises.check.report import FOLLOWS, UNDECIDED, WRONG, ChainReport, StepReport

COST = r"""
For a neuron with inputs $x_j$ (sigmoid activation, $a = \sigma(z)$) the cross-entropy cost is
$$
C=-\frac{1}{n}\sum_x[y\ln a+(1-y)\ln(1-a)]
$$
The derivative of the sigmoid, written as
$$
\sigma(z)=\frac{1}{1-e^{-z}}
$$
Substituting it back:
$$
"""


def _last(heading: str, display: str):
    return steps(heading + "\n" + COST + display + "\n$$\n")[-1]


@pytest.mark.slow
def test_a_step_under_a_heading_that_names_the_cost_follows_and_its_slip_is_wrong_under_either_sigma():
    heading = "# 2. Cross-entropy\n"
    right = _last(heading, r"\frac{\partial C}{\partial w_j}=\frac{1}{n}\sum_x x_j(\sigma(z)-y)")
    assert right.verdict == FOLLOWS
    slip = _last(heading, r"\frac{\partial C}{\partial w_j}=\frac{1}{n}\sum_x x_j\sigma'(z)(\sigma(z)-y)")
    assert slip.verdict == WRONG and "text's own σ too" in slip.reason
    assert slip.counterexample is not None


@pytest.mark.slow
def test_where_the_heading_names_no_cost_the_slip_is_not_called_wrong():
    heading = "# 2. Another way\n"
    slip = _last(heading, r"\frac{\partial C}{\partial w_j}=\frac{1}{n}\sum_x x_j\sigma'(z)(\sigma(z)-y)")
    assert slip.verdict == UNDECIDED


def test_the_cost_a_heading_names():
    assert heading_cost("\n# 2.交叉熵代价\n\ntext") == "cross-entropy"
    assert heading_cost("# The quadratic cost\n") == "quadratic"
    assert heading_cost("# The quadratic cost and the cross-entropy\n") is None      # two costs: none
    assert heading_cost("# Not the quadratic cost\n") is None
    assert heading_cost("Plain prose about the quadratic cost\n") is None


def _report(*verdicts):
    return ChainReport("t.md", None, 1, None, [StepReport(1, n, f"s{n}", "=", v, v, counterexample={"point": {}} if v == WRONG else None)
                                              for n, v in enumerate(verdicts)], {}, [], 0.0)


def test_either_sigma_proves_with_either_reading_and_refutes_only_with_both():
    own = _report(FOLLOWS, UNDECIDED, WRONG, WRONG, UNDECIDED)
    chapter = _report(WRONG, FOLLOWS, WRONG, UNDECIDED, WRONG)
    got = [s.verdict for s in either_sigma(own, chapter).steps]
    assert got == [FOLLOWS, FOLLOWS, WRONG, UNDECIDED, UNDECIDED]
    assert either_sigma(_report(WRONG), _report(UNDECIDED)).steps[0].counterexample is None


@pytest.mark.slow
def test_a_heading_that_names_a_cost_its_section_does_not_display_fixes_nothing():
    """gxli's "quadratic cost" section, whose rows go on to the cost wished for: not the heading's."""
    text = ("# 二次代价函数\n\nThe quadratic cost gives the first line below; the wish is the second:\n\n"
            "\\[\\begin{array}{l}\n\\frac{\\partial C}{\\partial b}=(a-y) \\sigma^{\\prime}(z) \\\\\n"
            "\\frac{\\partial C}{\\partial b}=(a-y)\n\\end{array}\n\\]\n")
    assert WRONG not in [s.verdict for s in steps(text)]
