"""Planted slips found at their step, a fifth pass (issue 20): a loss evaluated at the values the
text states. Each class with a short learner-like text where the slip is wrong at its line, and the
same text with the step right not called wrong.

- a letter with a word subscript (y_{prob}) is one name, never the letter indexed by p, r, o, b
  (exercises/check/latex.py, `word_subscript`);
- an entry indexed in square brackets, y[0], y_{prob}[c], is that entry (`bracket_indices`);
- a vector of values in a bmatrix or pmatrix display, y = [1, 0, 0], gives each entry its value,
  and a step `L(y, y_{prob}) = number` is evaluated with the text's own definition of L there
  (exercises/check/checker.py, `at_stated_values`): every value fixed, the two sides differing by
  more than the digits written allow is a refutation; a list of cases in one display gives no
  value, and a rounded result is not a slip.
"""
from __future__ import annotations

import pytest
import sympy as sp

from exercises.check.report import WRONG
from checked_steps import read, step_on


# --------------------------------------------------------------------------- reading

def test_a_word_subscript_is_one_name():
    name = read(r"y_{prob}")
    assert isinstance(name, sp.Symbol) and str(name) == "y_{prob}"
    assert read(r"y_{prob} + y_{prob}") == 2 * name          # one name, not y indexed by p, r, o, b
    assert isinstance(read(r"y_{jk}"), sp.Indexed)           # indices stay indices
    assert len(read(r"y_{jk}").indices) == 2


def test_square_bracket_indices_are_entries():
    entry = read(r"y_{prob}[0]")
    assert isinstance(entry, sp.Indexed) and str(entry.base) == "y_{prob}" and entry.indices == (0,)
    assert read(r"y[2]") == read(r"y_{2}")
    assert read(r"- y[0] \log(y_{prob}[0])") == -read(r"y_0") * sp.log(entry)
    assert read(r"a[b + c]") == read(r"a (b + c)")            # a bracket of a sum stays a group


# --------------------------------------------------------------------------- evaluated at the stated values

LOSS = r"""# Three fruit

## The loss

For three classes the loss is

$$ L(y, y_{prob}) = - y[0] \ log(y_{prob}[0]) - y[1] \ log(y_{prob}[1]) - y[2] \ log(y_{prob}[2]) $$

The picture was an orange:

$$ y = \begin{bmatrix} 1 \\ 0 \\ 0 \end{bmatrix} $$

and the network says

$$ y_{prob} = \begin{bmatrix} 0.7 \\ 0.2 \\ 0.1 \end{bmatrix} $$

$$ L(y, y_{prob}) = {STEP} $$
"""


@pytest.mark.slow
def test_a_loss_at_the_stated_values_with_an_entry_swapped_is_wrong():
    slip = step_on(LOSS.replace("{STEP}", r"- 0 * log(0.7) - 1 * log(0.2) - 0 * log(0.1)"), 17)
    assert slip.verdict == WRONG, slip.reason
    assert "line 7" in slip.reason
    cex = slip.counterexample
    assert cex["point"]["y_{prob}[0]"] == pytest.approx(0.7, abs=1e-12)
    assert cex["left"] == pytest.approx(-float(sp.log(sp.Rational(7, 10))), abs=1e-9)
    assert cex["right"] == pytest.approx(-float(sp.log(sp.Rational(1, 5))), abs=1e-9)


@pytest.mark.slow
def test_a_loss_at_the_stated_values_written_right_is_not_wrong():
    for right in (r"- 1 * log(0.7) - 0 * log(0.2) - 0 * log(0.1)", "0.3567", "0.36"):
        step = step_on(LOSS.replace("{STEP}", right), 17)
        assert step.verdict != WRONG, (right, step.reason)


@pytest.mark.slow
def test_a_sign_slip_with_a_row_pmatrix_is_wrong():
    text = (LOSS.replace(r"\begin{bmatrix} 0.7 \\ 0.2 \\ 0.1 \end{bmatrix}", r"\begin{pmatrix} 0.1 & 0.2 & 0.7 \end{pmatrix}")
            .replace("{STEP}", "+ 1 * log(0.1) - 0 * log(0.2) - 0 * log(0.7)"))
    slip = step_on(text, 17)
    assert slip.verdict == WRONG, slip.reason
    assert slip.counterexample["right"] == pytest.approx(float(sp.log(sp.Rational(1, 10))), abs=1e-9)
    right = step_on(text.replace("+ 1 * log(0.1)", "- 1 * log(0.1)"), 17)
    assert right.verdict != WRONG, right.reason


@pytest.mark.slow
def test_a_rounded_value_off_by_more_than_its_digits_is_wrong():
    assert step_on(LOSS.replace("{STEP}", "0.3567"), 17).verdict != WRONG
    slip = step_on(LOSS.replace("{STEP}", "0.3577"), 17)
    assert slip.verdict == WRONG, slip.reason


@pytest.mark.slow
def test_a_list_of_cases_gives_no_value():
    """Three labels in one display are the cases, none of them the label here: never a refutation."""
    cases = LOSS.replace(r"$$ y = \begin{bmatrix} 1 \\ 0 \\ 0 \end{bmatrix} $$",
                         r"$$ y = \begin{bmatrix} 1 \\ 0 \\ 0 \end{bmatrix} \text{ or } "
                         r"y = \begin{bmatrix} 0 \\ 1 \\ 0 \end{bmatrix} $$")
    step = step_on(cases.replace("{STEP}", r"- 0 * log(0.7) - 1 * log(0.2) - 0 * log(0.1)"), 17)
    assert step.verdict != WRONG, step.reason


@pytest.mark.slow
def test_a_definition_the_values_do_not_fix_is_not_used():
    """The two-class loss of a scalar y, defined above the three-class one, is not evaluated with the
    vector y; the three-class loss still refutes the slip, and with only the two-class loss nothing does."""
    two = r"""$$ L(y, y_{prob}) = - y \ log(y_{prob}) - (1 - y) log(1 - y_{prob}) $$

"""
    both = LOSS.replace("For three classes", two + "For three classes")
    slip = step_on(both.replace("{STEP}", r"- 0 * log(0.7) - 1 * log(0.2) - 0 * log(0.1)"), 19)
    assert slip.verdict == WRONG, slip.reason
    only = both.replace(r"$$ L(y, y_{prob}) = - y[0] \ log(y_{prob}[0]) - y[1] \ log(y_{prob}[1]) - y[2] \ log(y_{prob}[2]) $$",
                        "")
    step = step_on(only.replace("{STEP}", r"- 0 * log(0.7) - 1 * log(0.2) - 0 * log(0.1)"), 19)
    assert step.verdict != WRONG, step.reason


SUBSCRIPTED = r"""## The loss of one example

$$ L(y, p) = - y_1 \log p_1 - y_2 \log p_2 - y_3 \log p_3 $$

The label and the prediction are

$$ y = \begin{pmatrix} 1 \\ 0 \\ 0 \end{pmatrix} $$

$$ p = \begin{pmatrix} 0.7 \\ 0.2 \\ 0.1 \end{pmatrix} $$

$$ L(y, p) = {STEP} $$
"""


@pytest.mark.slow
def test_entries_numbered_from_one_where_the_text_writes_y_1_to_y_3():
    slip = step_on(SUBSCRIPTED.replace("{STEP}", r"-\log 0.2"), 11)
    assert slip.verdict == WRONG, slip.reason
    assert slip.counterexample["point"]["p[1]"] == pytest.approx(0.7, abs=1e-12)
    assert step_on(SUBSCRIPTED.replace("{STEP}", r"-\log 0.7"), 11).verdict != WRONG
    # entry 0 and entry 3 both written: which entry is which is not said, so no value is used
    both = SUBSCRIPTED.replace("The label", "(with $y_0$ the bias's input) The label")
    assert step_on(both.replace("{STEP}", r"-\log 0.2"), 11).verdict != WRONG
