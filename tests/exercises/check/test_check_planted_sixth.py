"""Planted slips found at their step, a sixth pass (issue 20): a vector's entries written in vector
notation (exercises/check/latex.py, `vector_entries`).

- softmax(\\boldsymbol z)[i] and \\text{softmax}(\\mathbf z)_i are the softmax's i-th component,
  e^{z_i} / Σ_r e^{z_r}, as softmax(z)_i is;
- e^{\\boldsymbol z}[i], the exponential taken entry by entry, is e^{z_i};
- sum(e^{\\boldsymbol z}) is the sum of all those entries, Σ_r e^{z_r}.

A softmax whose denominator's term is indexed by the component's index (Σ_c e^{z}[i], K copies of
one term) is wrong at its step with a counterexample; the same sum indexed [c] is not wrong.
"""
from __future__ import annotations

import pytest
import sympy as sp

from exercises.check.derivations import check_text
from exercises.check.report import WRONG
from checked_steps import read, step_on


def _same(a, b, names=("z", "i", "n")) -> bool:
    """a and b equal at a few integer and real points (every free symbol given a value; tolerance 1e-12)."""
    if a.free_symbols != b.free_symbols and {str(s) for s in a.free_symbols} != {str(s) for s in b.free_symbols}:
        return False
    z = sp.IndexedBase("z")
    for n in (2, 3, 4):
        values = [sp.Rational(k + 1, 7) * (-1) ** k for k in range(n + 1)]
        for i in range(1, n + 1):
            def at(e):
                e = e.doit()
                subs = {s: (n if str(s) == "n" else i) for s in e.free_symbols if str(s) in ("n", "i")}
                e = e.subs(subs).doit()
                e = e.replace(lambda x: isinstance(x, sp.Indexed) and str(x.base) == "z",
                              lambda x: values[int(x.indices[0])])
                return complex(sp.N(e))
            if abs(at(a) - at(b)) > 1e-12:
                return False
    return True


# --------------------------------------------------------------------------- reading

@pytest.mark.slow
def test_a_bold_softmax_indexed_in_brackets_is_the_softmax_component():
    plain = read(r"softmax(z)_i")
    for written in (r"softmax(\boldsymbol z)[i]", r"\text{softmax}(\mathbf z)_i", r"\operatorname{softmax}(\mathbf{z})_{i}"):
        assert _same(read(written), plain), written


def test_the_exponential_of_a_bold_vector_indexed_is_the_exponential_of_the_entry():
    assert read(r"e^{\boldsymbol z}[i]") == read(r"e^{z_i}")
    assert read(r"e^{\mathbf{z}}_{i}") == read(r"e^{z_i}")


def test_sum_of_the_exponentials_of_a_bold_vector_sums_every_entry():
    ratio = read(r"\frac{e^{\boldsymbol z}[i]}{sum(e^{\boldsymbol z})}")
    assert _same(ratio, read(r"softmax(z)_i"))


def test_a_bold_vector_not_indexed_is_still_vector_notation():
    from exercises.check.latex import NotChecked
    with pytest.raises(NotChecked):
        read(r"softmax(\boldsymbol z) + \boldsymbol z")


# --------------------------------------------------------------------------- checking

SOFTMAX = r"""# Softmax

For a vector $$ \boldsymbol z $$ the softmax's $$ i $$th entry is

$$ {LEFT} = \frac{e^{\boldsymbol z}[i]}{sum(e^{\boldsymbol z})} = \frac{e^{\boldsymbol z}[i]}{\sum_{c}e^{\boldsymbol z}[{INDEX}]} $$
"""


@pytest.mark.slow
@pytest.mark.parametrize("left", [r"softmax(\boldsymbol z)[i]", r"\text{softmax}(\mathbf z)_i"])
def test_a_softmax_summing_copies_of_one_entry_is_wrong(left):
    text = SOFTMAX.replace("{LEFT}", left).replace("{INDEX}", "i")
    slip = step_on(text, 5, text.splitlines()[4].rindex("= ") + 1)
    assert slip.verdict == WRONG, slip.reason
    assert slip.counterexample["left"] != pytest.approx(slip.counterexample["right"], abs=1e-9)


@pytest.mark.slow
@pytest.mark.parametrize("left", [r"softmax(\boldsymbol z)[i]", r"\text{softmax}(\mathbf z)_i"])
def test_the_softmax_written_right_is_not_wrong(left):
    text = SOFTMAX.replace("{LEFT}", left).replace("{INDEX}", "c")
    steps = [s for c in check_text(text).chains for s in c.steps if not s.claim and s.line == 5]
    assert len(steps) == 2
    for step in steps:
        assert step.verdict != WRONG, step.reason


# --------------------------------------------------------------------------- a scalar's definition elsewhere

SCORES = r"""# Scores

## The question

The loss with scores $f$, where:
\begin{equation} f = w_j*x_i \end{equation}

## The answer

Here $f$ is the vector of class scores, with
\begin{equation} p_k = \frac{e^{f_k}}{\sum_{j=0}^n e^{f_j}} \end{equation}
and
\begin{equation} \sigma = \sum_{j=0}^n e^{f_j} \end{equation}
For $k \neq y_i$,
\begin{equation} \frac{\partial p_k}{\partial f_{y_i}} = \frac{{SIGN}e^{f_k}e^{f_{y_i}}}{\sigma^2} \end{equation}
"""


@pytest.mark.slow
def test_a_vector_of_scores_in_its_section_is_not_held_to_an_earlier_scalar_definition():
    slip = step_on(SCORES.replace("{SIGN}", ""), 15)
    assert slip.verdict == WRONG, slip.reason
    assert slip.counterexample["left"] == pytest.approx(-slip.counterexample["right"], abs=1e-9)
    assert step_on(SCORES.replace("{SIGN}", "-"), 15).verdict != WRONG


@pytest.mark.slow
def test_without_the_section_saying_vector_the_earlier_definition_still_blocks():
    text = SCORES.replace("Here $f$ is the vector of class scores, with", "With")
    step = step_on(text.replace("{SIGN}", ""), 15)
    assert step.verdict != WRONG, step.reason
