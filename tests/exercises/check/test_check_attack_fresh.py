"""Fresh texts no one here wrote (issue 20, the independent attacker's pass): each class of right
step the checker called wrong, or wrong step it let follow, reduced to a few lines. Each right step
must not be wrong now; each false variant beside it (a truly wrong step under the same reading) is
still found wrong where a sound counterexample exists, and is never called follows."""
from __future__ import annotations

import pytest
import sympy as sp

from exercises.check.latex import ParseFailure

from checked_steps import steps


def only_step(text: str):
    found = steps(text)
    assert len(found) == 1, [(s.source, s.verdict) for s in found]
    return found[0]


# --------------------------------------------------------------------------- an index's range from the text's sums
# A Japanese post (Qiita, softmax cross-entropy in batches) differentiates in x_{pq} beside
# \sum_{k=1}^n \exp(x_{pk}); the letter q was given the chapter's default range (layer L-1's m
# neurons), and the counterexample took q = 3 past the sum's n = 2, where x_q is in no term.

LOG_SUM_EXP = r"""$$
\frac{{\partial}}{{\partial x_{{{q}}}}} \log(\sum_{{k=1}}^n \exp(x_{{{k}}})) = {right}
$$
"""


def log_sum_exp(right: str, q: str = "q", k: str = "k") -> str:
    return LOG_SUM_EXP.format(q=q, k=k, right=right)


@pytest.mark.slow
def test_an_index_runs_over_the_range_of_the_sums_of_the_same_letter():
    for q, k in (("q", "k"), ("pq", "pk")):
        right = rf"\frac{{\exp(x_{{{q}}})}}{{\sum_{{k=1}}^n \exp(x_{{{k}}})}}"
        assert only_step(log_sum_exp(right, q, k)).verdict == "follows"


def test_a_false_step_beside_it_is_still_wrong_with_the_index_in_the_sums_range():
    wrong = only_step(log_sum_exp(r"\exp(x_{q}) \sum_{k=1}^n \exp(x_{k})"))
    assert wrong.verdict == "wrong"
    point = wrong.counterexample["point"]
    assert 1 <= point["q"] <= point["n"], point


# --------------------------------------------------------------------------- a letter the text names as a function
# A Japanese post (Rainbow Engine, the softmax's derivative) writes p(x_i) for the softmax's i-th
# output and names it so ("softmax(x_i) = ... = p(x_i)"); p(x_i) was read as the product p·x_i, and
# the right step e^{x_i}e^{x_j}/Y^2 = p(x_i)p(x_j) was called wrong with p a free number.

NAMED_FUNCTION = r"""Let $Y=\sum_{{j=1}}^{{n}}e^{{x_j}}$ and $p(x_i) = e^{{x_i}}/Y$.

When $i \neq j$:

$$ \frac{{\partial y_i}}{{\partial x_j}} = -\frac{{e^{{x_i}}e^{{x_j}}}}{{Y^2}} = {right}$$
"""


def step_ending(text: str, right: str):
    want = right.replace(" ", "")
    found = [s for s in steps(text) if s.source.replace(" ", "").endswith("=" + want)]
    assert len(found) == 1, [(s.source, s.verdict) for s in steps(text)]
    return found[0]


def test_a_letter_the_text_names_applied_is_a_function_not_a_product():
    from checked_steps import read
    from exercises.check.latex import Notation, Source, function_letters, parse
    assert function_letters(NAMED_FUNCTION) == frozenset("p")
    assert function_letters(r"$$ softmax(x_i) = \frac{e^{x_i}}{Y} = p(x_i) \quad (i=1,2)$$") == frozenset("p")
    assert function_letters(r"$$ \frac{e^{a}}{b} = p_i(1-p_i) $$") == frozenset()   # a product, no name
    assert read(r"p(x_i)") == read(r"p x_i")          # unnamed: as before
    notation = Notation(functions=frozenset("p"))
    assert parse(Source.at(r"p(x_i)p(x_j)", 0), notation).expr.atoms(sp.Function) - {sp.Function("x")} \
        == {sp.Function("p", real=True)(read("x_i")), sp.Function("p", real=True)(read("x_j"))}


@pytest.mark.slow
def test_a_right_step_with_the_named_function_is_not_wrong():
    right = step_ending(NAMED_FUNCTION.format(right=r"-p(x_i)p(x_j)"), r"-p(x_i)p(x_j)")
    assert right.verdict != "wrong", right.reason


@pytest.mark.slow
def test_false_steps_beside_it():
    flipped = step_ending(NAMED_FUNCTION.format(right=r"p(x_i)p(x_j)"), r"p(x_i)p(x_j)")
    assert flipped.verdict not in ("follows", "wrong")   # p's definition is not used: no sound counterexample
    plain = step_ending(NAMED_FUNCTION.format(right=r"\frac{e^{x_i}e^{x_j}}{Y^2}"), r"\frac{e^{x_i}e^{x_j}}{Y^2}")
    assert plain.verdict == "wrong"


# --------------------------------------------------------------------------- \sum^{n}_{j=1}: limits in either order
# Two fresh texts (an Obsidian note on the softmax's Jacobian, a Japanese post) write the sum's
# upper limit first, \sum^K_{k=1}, which LaTeX typesets as \sum_{k=1}^K; it was unread.

def test_a_sums_limits_written_upper_first_are_read():
    from checked_steps import read
    # (each reading's summation index is a fresh dummy: compared as written out)
    assert str(read(r"\frac{e^{x_i}}{\sum^{n}_{j=1}e^{x_j}}")) == str(read(r"\frac{e^{x_i}}{\sum_{j=1}^{n}e^{x_j}}"))
    assert str(read(r"\prod^{n}_{j=1} x_j")) == str(read(r"\prod_{j=1}^{n} x_j")) == "Product(x[_j], (_j, 1, n))"


SUM_UPPER_FIRST = r"""$$\frac{{\partial}}{{\partial x_i}} \log \sum^{{n}}_{{j=1}}e^{{x_j}} = {right}$$
"""


@pytest.mark.slow
def test_a_step_with_the_limits_upper_first_follows_and_its_false_variant_is_wrong():
    assert only_step(SUM_UPPER_FIRST.format(right=r"\frac{e^{x_i}}{\sum^{n}_{j=1}e^{x_j}}")).verdict == "follows"
    assert only_step(SUM_UPPER_FIRST.format(right=r"\frac{e^{x_j}}{\sum^{n}_{j=1}e^{x_i}}")).verdict != "follows"
    assert only_step(SUM_UPPER_FIRST.format(right=r"\sum^{n}_{j=1}e^{x_j}")).verdict == "wrong"


# --------------------------------------------------------------------------- a letter the chain differentiates
# A README ("MNIST-Recognition", the softmax's derivative) opens its chain with
# ∂S(x)_j/∂x_i = ∂/∂x_i (e^{x_j}/Σ_k e^{x_k}) and ends at δ_ij S(x)_j - S(x)_i S(x)_j; the last step
# was called wrong with S_1 a number of its own, free of x, which the chain's first step contradicts.

DIFFERENTIATED = r"""$$
\begin{{align*}}
\frac{{\partial S(\mathbf{{x}})_j}}{{\partial x_i}} &= \frac{{\partial}}{{\partial x_i}} \left(\frac{{e^{{x_j}}}}{{\sum_{{k=1}}^n e^{{x_k}}}}\right) \\
&= {middle} \\
&= {end}
\end{{align*}}
$$
"""
MIDDLE = r"\frac{e^{x_j}\delta_{ij}\sum_{k=1}^n e^{x_k} - e^{x_j}e^{x_i}}{\left(\sum_{k=1}^n e^{x_k}\right)^2}"


@pytest.mark.slow
def test_a_letter_the_chain_differentiates_is_not_free_for_a_counterexample():
    found = steps(DIFFERENTIATED.format(middle=MIDDLE, end=r"\delta_{ij} S(\mathbf{x})_j - S(\mathbf{x})_i S(\mathbf{x})_j"))
    assert [s.verdict for s in found][1:] == ["follows", "undecided"], [(s.source, s.reason) for s in found]
    assert "S is not defined here" in found[2].reason


@pytest.mark.slow
def test_false_steps_in_that_chain():
    flipped = steps(DIFFERENTIATED.format(middle=MIDDLE, end=r"\delta_{ij} S(\mathbf{x})_j + S(\mathbf{x})_i S(\mathbf{x})_j"))
    assert flipped[2].verdict not in ("follows", "wrong")      # S's meaning is not read: no sound counterexample
    squared = MIDDLE.replace(")^2", ")^3")
    slipped = steps(DIFFERENTIATED.format(middle=squared, end=r"\delta_{ij} S(\mathbf{x})_j - S(\mathbf{x})_i S(\mathbf{x})_j"))
    assert slipped[1].verdict == "wrong"                       # no S in it: found as before


# --------------------------------------------------------------------------- f^{\prime}(x)
# Two Chinese posts on the sigmoid's derivative (365seal, CSDN) write f^{\prime}(x) (as MathType
# and Typora export it) where others write f'(x); it was unread.

def test_a_prime_written_as_a_superscript_is_the_functions_derivative():
    from checked_steps import read
    for written in (r"f^{\prime}(x)", r"f ^ { \prime } ( x )", r"f^\prime(x)"):
        assert read(written) == read(r"f'(x)")
    with pytest.raises(ParseFailure):                  # not applied: left as it was, unread
        read(r"f^{\prime}")


PRIMED = r"""$$f^{{\prime}}(x) = {right}$$
"""


def test_a_step_from_that_derivative_is_checked_and_its_false_variant_is_not_followed():
    def verdict(right):
        return only_step(PRIMED.format(right=right)).verdict
    assert verdict(r"\frac{d}{dx} f(x)") not in ("unparsed", "wrong")   # read now; f is the text's own function
    assert verdict(r"\frac{d}{dx} f(x) + 1") not in ("unparsed", "follows")


# --------------------------------------------------------------------------- a case in plain text: i≠j
# The Japanese post (Rainbow Engine) heads each case in plain text, "②i≠jの場合" (the case i ≠ j),
# with the Unicode ≠ outside any $...$; the condition was lost and the counterexample took i = j.

PLAIN_CASE = """{case}

$$ \\frac{{\\partial}}{{\\partial x_j}} e^{{x_i}} = {right} $$
"""


def test_a_case_written_in_plain_text_is_assumed():
    for case in ("・②i≠jの場合", "When i≠j:"):
        step = only_step(PLAIN_CASE.format(case=case, right="0"))
        assert step.verdict == "follows", (case, step.reason)


def test_under_that_case_a_false_step_is_still_wrong_and_without_it_the_step_is_wrong():
    assert only_step(PLAIN_CASE.format(case="When i≠j:", right="e^{x_i}")).verdict == "wrong"
    assert only_step(PLAIN_CASE.format(case="Next.", right="0")).verdict == "wrong"   # no case stated: i = j is a point
    assert only_step(PLAIN_CASE.format(case="・①i=jの場合", right="e^{x_i}")).verdict == "follows"
