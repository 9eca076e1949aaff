"""Planted slips found at their step where the text names the exercise near the chain (issue 20):
the cost named in the prose ("under the quadratic cost"), the book's equation numbers (71-75: the
cost whose gradient has no σ'(z)). The named reading used to be allowed only to prove; it now
calls a step wrong when the text fixes that reading (exercises/check/nearby.py, `fixed_by_text`):
each test has the slip found wrong, with a counterexample in the chapter's letters that meets the
exercise's standing assumptions, and the same text with the step right not called wrong; and the
cases where the reading is not fixed (the text's own letters, a point in letters the text never
wrote, a reading that refutes what the chain proved) stay undecided."""
from __future__ import annotations

import re

import pytest

from exercises.check.derivations import check_text
from exercises.check.nearby import Named, chapter_letters_only, fixed_by_text, merged
from exercises.check.report import FOLLOWS, UNDECIDED, WRONG, ChainReport, StepReport


def step_at(text: str, source: str):
    """The report of the step written `source` (spaces ignored)."""
    want = source.replace(" ", "")
    steps = [s for c in check_text(text).chains for s in c.steps if not s.claim]
    found = [s for s in steps if s.source.replace(" ", "").rstrip(".,") == want]
    assert found, f"no step {source!r} in {[s.source for s in steps]}"
    return found[0]


CHAPTER_NAMES = re.compile(r"^(?:[Cazywbxnjkm]|N|L)(?:[_^](?:\{[^{}]*\}|[\w,\-]+))*$")


# --------------------------------------------------------------------------- the cost named only in the prose

PROBLEM = r"""# Problems

* **Networks with many layers** With last chapter's notation, prove that under the quadratic
  cost the derivative in a weight of the output layer is

$$\frac{\partial C}{\partial w^L_{jk}} = \frac{1}{n} \sum_x a^{L-1}_k (a^L_j-y_j) {END}$$
"""


@pytest.mark.slow
def test_a_cost_named_in_the_prose_fixes_the_reading_and_finds_the_slip():
    """"under the quadratic cost" in the problem's own words: the cross-entropy's form (no σ') is
    wrong there, at a point in the chapter's letters; with σ'(z^L_j) it is not wrong."""
    slip = step_at(PROBLEM.replace("{END}", ""),
                   r"\frac{\partial C}{\partial w^L_{jk}} = \frac{1}{n} \sum_x a^{L-1}_k (a^L_j-y_j)")
    assert slip.verdict == WRONG, slip.reason
    assert "quadratic-gradient" in slip.reason and "under the quadratic" in slip.reason
    point = slip.counterexample["point"]
    assert point and all(CHAPTER_NAMES.match(name) for name in point), point
    assert abs(slip.counterexample["left"] - slip.counterexample["right"]) > 1e-6
    right = step_at(PROBLEM.replace("{END}", r"\sigma'(z^L_j)"),
                    r"\frac{\partial C}{\partial w^L_{jk}} = \frac{1}{n} \sum_x a^{L-1}_k (a^L_j-y_j) \sigma'(z^L_j)")
    assert right.verdict != WRONG, right.reason


# --------------------------------------------------------------------------- the book's equation numbers

CHAIN_RULE = r"""# Where σ(z)(1 - σ(z)) comes from (equations 71-75)

One neuron with weights $w_j$ and bias $b$, whose output is $a = \sigma(z)$. The chain rule (the
book's equation 73) gives

$$\frac{\partial C}{\partial b}=\frac{\partial C}{\partial a}\frac{\partial a}{\partial b}=\frac{\partial C}{\partial a}\sigma'(z){END}$$
"""


@pytest.mark.slow
def test_the_books_equation_numbers_fix_the_reading_and_find_the_slip():
    """Equations 71-75 are the cost whose gradient has no σ'(z) (the cross-entropy): the weight's
    x_j in the bias's derivative is wrong, at a point where the neuron's target y is 0 or 1 (the
    exercise's y ∈ {0, 1}) and with no label y_1 beside it; without x_j it is not wrong."""
    slip = step_at(CHAIN_RULE.replace("{END}", " x_j"),
                   r"\frac{\partial C}{\partial a}\frac{\partial a}{\partial b}=\frac{\partial C}{\partial a}\sigma'(z) x_j")
    assert slip.verdict == WRONG, slip.reason
    assert "cross-entropy-gradient" in slip.reason
    point = slip.counterexample["point"]
    assert all(CHAPTER_NAMES.match(name) for name in point), point
    assert point.get("y") in (0, 1) and not any(name.startswith("y_") for name in point), point
    right = step_at(CHAIN_RULE.replace("{END}", ""),
                    r"\frac{\partial C}{\partial a}\frac{\partial a}{\partial b}=\frac{\partial C}{\partial a}\sigma'(z)")
    assert right.verdict == FOLLOWS, right.reason


OWN_LETTERS = r"""# The gradient under the cross-entropy

Turning to the cross-entropy cost, one neuron's output is $o = \sigma(z)$, so

$$\frac{\partial C}{\partial z} = \frac{\partial C}{\partial o}\sigma'(z) = o - y + 1$$
"""


@pytest.mark.slow
def test_a_letter_of_the_texts_own_keeps_the_named_reading_from_deciding():
    """A step in letters of the text's own (o for the output) is not read by the named exercise
    as the chapter's a: its refutation there is no counterexample to the learner's step."""
    step = step_at(OWN_LETTERS, r"\frac{\partial C}{\partial o}\sigma'(z) = o - y + 1")
    assert step.verdict == UNDECIDED and "does not fix that reading" in step.reason, step.reason


# --------------------------------------------------------------------------- the rule itself

def test_only_the_chapters_letters():
    assert chapter_letters_only(r"\frac{\partial C}{\partial w^L_{jk}} = \frac{1}{n} \sum_x a^{L-1}_k (a^L_j-y_j) \tag{65}")
    assert chapter_letters_only(r"\frac{\partial{C}}{\partial{a}}\sigma\prime(z) x_j = e^{-z}")
    assert not chapter_letters_only(r"\frac{\partial L}{\partial o_i} = p_i - y_i")
    assert not chapter_letters_only(r"\hat{y}_k = y_k")
    assert not chapter_letters_only(r"\frac{\partial C}{\partial \theta_k} = a_k - y_k")


def _report(verdicts: list[str], *, source: str = r"\frac{\partial C}{\partial a} = \frac{y-a}{a(1-a)}") -> ChainReport:
    steps = [StepReport(10, 5 + 20 * i, source if i == len(verdicts) - 1 else rf"a_{i} = a_{i}", "=", v, v)
             for i, v in enumerate(verdicts)]
    return ChainReport("t.md", None, 10, None, steps, {"text": ""})


REFUTED = {"point": {"y": 1, "z": 0.5}, "left": -1.0, "right": 1.0}


def _again(verdicts: list[str], point=REFUTED, **kw) -> ChainReport:
    report = _report(verdicts, **kw)
    for s in report.steps:
        if s.verdict == WRONG:
            s.counterexample = point
    return report


def test_a_refutation_under_a_cost_named_in_words_is_wrong():
    named = Named("cross-entropy-gradient", "the cross-entropy", 3, "cost")
    out = merged(_report([FOLLOWS, UNDECIDED]), _again([FOLLOWS, WRONG]), named)
    assert out.steps[1].verdict == WRONG and out.steps[1].counterexample == REFUTED


def test_an_output_layer_named_alone_does_not_fix_the_reading():
    named = Named("softmax-jacobian", "a softmax layer", 3, "layer")
    out = merged(_report([FOLLOWS, UNDECIDED]), _again([FOLLOWS, WRONG]), named)
    assert out.steps[1].verdict == UNDECIDED and "does not fix that reading" in out.steps[1].reason


def test_a_reading_that_refutes_what_the_chain_proved_is_not_the_texts():
    named = Named("cross-entropy-gradient", "the cross-entropy", 3, "cost")
    out = merged(_report([FOLLOWS, UNDECIDED]), _again([WRONG, WRONG]), named)
    assert out.steps[1].verdict == UNDECIDED


def test_a_point_in_letters_the_text_never_wrote_is_no_counterexample():
    named = Named("cross-entropy-gradient", "the cross-entropy", 3, "cost")
    stray = {"point": {"y": 1, "l": 0.3, "z": 0.5}, "left": -1.0, "right": 1.0}    # `ylna` read as y·l·n·a
    out = merged(_report([FOLLOWS, UNDECIDED]), _again([FOLLOWS, WRONG], stray), named)
    assert out.steps[1].verdict == UNDECIDED
    assert not fixed_by_text(named, _report([UNDECIDED]).steps[0], StepReport(1, 1, "", "=", WRONG, "", None))


def test_a_text_defining_the_activation_its_own_way_keeps_the_reading_from_deciding():
    """The text's own σ (or a) and the exercise's a = σ(z) in one reading: it may only prove."""
    named = Named("cross-entropy-gradient", "the cross-entropy", 3, "cost")
    out = merged(_report([FOLLOWS, UNDECIDED]), _again([FOLLOWS, WRONG]), named, own_activation=True)
    assert out.steps[1].verdict == UNDECIDED


LN_GLUED = r"""# The cross-entropy

The cross-entropy cost is

$$C=-\frac{1}{n}\sum_x[ylna+(1-y)ln(1-a)]$$

and the cross-entropy does not slow learning down, as differentiating it shows:

$$\frac{\partial C}{\partial w_j}=\frac{1}{n}\sum_x(\frac{y}{\sigma(z)}-\frac{(1-y)}{1-\sigma(z)})\frac{\partial \sigma}{\partial w_j}{END}$$
"""


@pytest.mark.slow
def test_ln_glued_to_its_letters_is_read_and_the_lost_minus_found():
    """`ylna` is y ln a (not y·l·n·a, a letter l the text never defines): the cost's lost minus is
    found wrong at a point in the chapter's letters with y ∈ {0, 1}; the step with it is not wrong."""
    slip = step_at(LN_GLUED.replace("{END}", ""),
                   r"\frac{\partial C}{\partial w_j}=\frac{1}{n}\sum_x(\frac{y}{\sigma(z)}-\frac{(1-y)}{1-\sigma(z)})\frac{\partial \sigma}{\partial w_j}")
    assert slip.verdict == WRONG, slip.reason
    point = slip.counterexample["point"]
    assert all(CHAPTER_NAMES.match(name) for name in point) and point.get("y") in (0, 1), point
    right = LN_GLUED.replace(r"=\frac{1}{n}\sum_x(", r"=-\frac{1}{n}\sum_x(").replace("{END}", "")
    assert step_at(right, r"\frac{\partial C}{\partial w_j}=-\frac{1}{n}\sum_x(\frac{y}{\sigma(z)}-\frac{(1-y)}{1-\sigma(z)})"
                   r"\frac{\partial \sigma}{\partial w_j}").verdict != WRONG


def test_a_point_with_the_texts_one_n_read_as_two_counts_is_no_counterexample():
    """1/n Σ_x with n the number of training examples: a point giving the examples N = 1 and the
    text's n = 2 is not the text's reading (the NNDL-solutions notebook, cell 7)."""
    named = Named("quadratic-gradient", "the quadratic cost", 3, "cost")
    two = {"point": {"N": 1, "n": 2, "m": 2, "j": 1, "k": 1}, "left": 0.1, "right": 0.2}
    out = merged(_report([FOLLOWS, UNDECIDED]), _again([FOLLOWS, WRONG], two), named)
    assert out.steps[1].verdict == UNDECIDED


FAR = r"""# Notes

Under the quadratic cost the output error carries σ'(z^L_j).

Some algebra in between:

$$\frac{\partial C}{\partial w^L_{jk}} = \frac{1}{n} \sum_x a^{L-1}_k (a^L_j-y_j)$$
"""


@pytest.mark.slow
def test_a_cost_named_paragraphs_above_does_not_fix_the_reading():
    """The cost named in another paragraph than the one leading into the display (a comparison, a
    remark): the named reading may only prove, and the slip stays undecided."""
    step = step_at(FAR, r"\frac{\partial C}{\partial w^L_{jk}} = \frac{1}{n} \sum_x a^{L-1}_k (a^L_j-y_j)")
    assert step.verdict == UNDECIDED and "does not fix that reading" in step.reason, step.reason
