"""Issue 20's named cases: what a learner's text states is read (cases, conditions, definitions
anywhere in the section, the book's own notation), so that no right step is called wrong, and the
wrong ones still are."""
from __future__ import annotations

import pytest

from exercises.check.derivations import check_text
from exercises.check.latex import Notation, ParseFailure, Source, parse


def verdicts(report):
    return [s.verdict for c in report.chains for s in c.steps]


def read(text: str):
    return parse(Source.at(text, 0), Notation()).expr


# --------------------------------------------------------------------------- notation read

@pytest.mark.slow
def test_standard_functions_are_never_products_of_letters():
    import sympy as sp
    assert read(r"\tanh(x)") == sp.tanh(sp.Symbol("x", real=True))
    assert read("tanh(x)") == sp.tanh(sp.Symbol("x", real=True))
    assert read(r"\operatorname{tanh}(x)") == sp.tanh(sp.Symbol("x", real=True))
    assert read(r"\sinh x") == sp.sinh(sp.Symbol("x", real=True))
    right = check_text(r"$$\tanh(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}$$")
    assert verdicts(right) == ["follows"]
    wrong = check_text(r"$$\tanh(x) = \frac{e^x + e^{-x}}{e^x - e^{-x}}$$")
    assert verdicts(wrong) == ["wrong"]


@pytest.mark.parametrize("written, same", [
    ("σ(z)(1−σ(z))", r"\sigma(z)(1-\sigma(z))"),
    ("σ′(z)", r"\sigma'(z)"),
    ("∂C/∂z_j", r"\frac{\partial C}{\partial z_j}"),
    ("e^-z", "e^{-z}"),
    ("e^z_j", "e^{z_j}"),
    (r"\cancel{a_j} b_j", "a_j b_j"),
    (r"\left\{ a_j + 1 \right\}", "(a_j + 1)"),
    (r"\mathbf{a}", "a"),
    (r"\frac{d\sigma}{dz}", r"\frac{d}{dz}\sigma(z)"),
    (r"\operatorname{softmax}(z)_j", r"\frac{e^{z_j}}{\sum_r e^{z_r}}"),
    (r"\begin{cases} a_j(1-a_j) & j = k \\ -a_j a_k & j \neq k \end{cases}",
     r"\delta_{jk} a_j(1-a_j) - (1 - \delta_{jk}) a_j a_k"),
])
def test_the_chapters_notation_is_read(written, same):
    import sympy as sp
    from exercises.check.checker import _bound_names        # Σ_r and Σ_s: one bound name
    assert sp.simplify(_bound_names(read(written)) - _bound_names(read(same))) == 0


@pytest.mark.slow
def test_vector_notation_and_long_formulas_are_undecided_with_a_reason_never_a_traceback():
    odot = check_text(r"$$\delta^L = \nabla_a C \odot \sigma'(z^L) = (a^L - y) \odot \sigma'(z^L)$$")
    assert verdicts(odot) == ["follows", "undecided"]
    # the output layer's vectors, ∇_a C and ⊙ are read component by component (issue 20's fourth
    # pass): BP1 holds for every cost (exercises.check.any_cost); with no exercise named, what C is,
    # and so ∇_a C = a^L - y, stays unsaid
    assert "not defined here" in odot.chains[0].steps[1].reason and not odot.failed
    matrix = check_text(r"$$\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)$$")
    assert verdicts(matrix) == ["undecided"] and "vector" in matrix.chains[0].steps[0].reason and not matrix.failed
    huge = "+".join(f"a_{{{k}}}" for k in range(1, 400))
    long = check_text(f"$$C = {huge} = 0$$")
    assert all(v in ("undecided", "definition") for v in verdicts(long)) and not long.failed
    with pytest.raises(ParseFailure):
        read(r"\begin{cases} 1 & x > 0 \\ 0 & x < 0 \\ 2 & x = 0 \end{cases}")


def test_the_bare_sum_of_a_derivative_is_reported_not_a_traceback():
    report = check_text(r"$$\frac{\partial C}{\partial a_j^L} = \frac12\sum \frac{\partial}{\partial a_j^L}"
                        r"(y_i - a_i^L)^2 = a_j^L - y_j$$", exercise="quadratic-gradient")
    assert len(report.chains) == 1 and not report.failed


# --------------------------------------------------------------------------- what the text states

@pytest.mark.slow
def test_nielsens_own_single_neuron_derivation_follows():
    """The chapter's equations 57-61 (the book's own eqnarray, σ for σ(z), x_j and b of one neuron)."""
    text = r"""# The cross-entropy gradient

\begin{eqnarray}
  \frac{\partial C}{\partial w_j} & = & -\frac{1}{n} \sum_x \left(
    \frac{y }{\sigma(z)} -\frac{(1-y)}{1-\sigma(z)} \right)
  \frac{\partial \sigma}{\partial w_j} \\
 & = & -\frac{1}{n} \sum_x \left(\frac{y}{\sigma(z)} -\frac{(1-y)}{1-\sigma(z)} \right)\sigma'(z) x_j.
\end{eqnarray}

\begin{eqnarray}
  \frac{\partial C}{\partial w_j} =  \frac{1}{n} \sum_x x_j(\sigma(z)-y).
\end{eqnarray}

\begin{eqnarray}
  \frac{\partial C}{\partial b} = \frac{1}{n} \sum_x (\sigma(z)-y).
\end{eqnarray}
"""
    report = check_text(text)
    assert verdicts(report) == ["follows"] * 4 and not report.failed
    planted = check_text(text.replace(r"x_j(\sigma(z)-y)", r"x_j(y-\sigma(z))"))
    assert verdicts(planted) == ["follows", "follows", "wrong", "follows"]


@pytest.mark.slow
def test_a_definition_after_the_chain_is_used():
    text = ("# Inverting the softmax\n\n$$z_j^L = \\ln a_j^L + C$$\n\nwhere $C = \\ln \\sum_k e^{z_k^L}$ is a "
            "constant independent of $j$.\n")
    report = check_text(text, exercise="softmax-log-likelihood-gradient")
    assert verdicts(report) == ["follows"]
    assert any("C = " in note for note in report.chains[0].notes)
    wrong = check_text(text.replace(r"\ln a_j^L + C", r"\ln a_j^L - C"), exercise="softmax-log-likelihood-gradient")
    assert verdicts(wrong) == ["wrong"]


@pytest.mark.slow
def test_conditions_on_the_same_line_before_the_display_and_in_a_sentence_are_assumed():
    jacobian = "# The softmax Jacobian\n\n"
    same_line = check_text(jacobian + r"$$\frac{\partial a_j}{\partial z_k} = a_j (1 - a_j) \quad j = k$$")
    assert verdicts(same_line) == ["follows"]
    before = check_text(jacobian + "$$\\text{for } j = k:$$\n\n$$\\frac{\\partial a_j}{\\partial z_k} = a_j - a_j^2$$")
    assert verdicts(before) == ["follows"]
    apart = check_text(jacobian + "For $j \\ne k$ the derivative is\n\n$$\\frac{\\partial a_j}{\\partial z_k} = -a_j a_k$$")
    assert verdicts(apart) == ["follows"]
    wrong = check_text(jacobian + "For $j \\ne k$ the derivative is\n\n$$\\frac{\\partial a_j}{\\partial z_k} = a_j a_k$$")
    assert verdicts(wrong) == ["wrong"]
    cex = wrong.chains[0].steps[0].counterexample["point"]
    assert cex["j"] != cex["k"]                     # the counterexample keeps the text's j ≠ k


def test_a_labels_value_stated_in_a_sentence_is_a_condition():
    text = "# Log-likelihood\n\nWhen $y_j = 0$, the term vanishes:\n\n$$-y_j \\ln a_j = 0$$\n"
    assert verdicts(check_text(text)) == ["follows"]
    assert verdicts(check_text(text.replace("$y_j = 0$", "$y_j = 1$"))) == ["wrong"]


def test_a_marker_applies_to_its_section_only():
    text = ("# First\n\n<!-- nndl: softmax-jacobian -->\n\n$$\\frac{\\partial a_j}{\\partial z_j} = a_j(1 - a_j)$$\n\n"
            "# Sigmoid derivative\n\n$$\\frac{d}{dz}\\sigma(z) = \\sigma(z)(1-\\sigma(z))$$\n")
    first, second = check_text(text).chains
    assert first.exercise == "softmax-jacobian" and second.exercise == "sigmoid-derivative"


# --------------------------------------------------------------------------- reports and exit status

def test_unread_and_undecided_are_warnings_and_strict_makes_them_fail():
    text = r"$$\frac{\partial a_j}{\partial z_k} = \foo{a_j} = a_j(\delta_{jk} - a_k)$$"
    lenient = check_text(text, exercise="softmax-jacobian")
    strict = check_text(text, exercise="softmax-jacobian", strict=True)
    assert verdicts(lenient) == ["unparsed", "unparsed"]
    assert not lenient.failed and strict.failed
    assert "warning" in lenient.text()


def test_reports_speak_the_learners_words():
    wrong = check_text(r"$$\frac{d}{dz} e^{-z} = e^{-z}$$", exercise="sigmoid-derivative")
    text = wrong.text()
    assert wrong.failed
    for machinery in ("oracle", "hunted", "mpmath", "no value for the integer"):
        assert machinery not in text
    assert "oracle" in str(wrong.json()) or "CAS" in str(wrong.json()) or wrong.json()[0]["steps"][0]["detail"]


def test_a_chain_shown_not_to_reach_its_claim_fails():
    report = check_text(r"$$\frac{\partial C}{\partial z_j} = a_j(1 - y_j)$$", exercise="softmax-log-likelihood-gradient")
    chain = report.chains[0]
    assert report.failed
    assert "which is not a_j - y_j, which is not" not in chain.conclusion["text"]


# --------------------------------------------------------------------------- where chains are written

@pytest.mark.slow
def test_continuation_displays_inline_chains_and_math_blocks_are_read():
    heading = "# The sigmoid derivative\n\n"
    going_on = check_text(heading + "$$\\frac{d}{dz}\\sigma(z) = \\frac{d}{dz}\\frac{1}{1+e^-z}$$\n\n"
                          "$$ = \\frac{e^{-z}}{(1+e^{-z})^2} \\qquad \\text{recalling that } \\sigma(z) = 7$$\n\n"
                          "$$ = \\sigma(z)(1 + \\sigma(z))$$\n")
    assert verdicts(going_on) == ["follows", "follows", "wrong"]       # one chain, the remark not a step
    inline = check_text(heading + "So $\\sigma'(z) = \\frac{e^{-z}}{(1+e^{-z})^2} = \\sigma(z)(1-\\sigma(z))$ "
                        "for every $z$.\n")
    assert verdicts(inline) == ["follows", "follows"]
    block = check_text(heading + "```math\n\\frac{d}{dz}\\sigma(z) = {e^{-z} \\over (1+e^{-z})^2}\n```\n")
    assert verdicts(block) == ["follows"]


@pytest.mark.slow
def test_a_name_given_on_the_right_of_a_definition_is_used():
    text = ("# Notes\n\nlet's say $softmax(z_i) = S_i$.\n\n"
            "$$\\frac{-e^{z_i}e^{z_k}}{(\\sum_{j=1}^K{e^{z_j}})^2}=S_i\\frac{-e^{z_k}}{\\sum_{j=1}^K{e^{z_j}}}$$\n")
    assert verdicts(check_text(text)) == ["follows"]
    assert verdicts(check_text(text.replace("=S_i", "=-S_i"))) == ["wrong"]


# --------------------------------------------------------------------------- the chapter's usual slips

@pytest.mark.slow
@pytest.mark.parametrize("slip", __import__("exercises.check.hints", fromlist=["SLIPS"]).SLIPS, ids=lambda s: s.name)
def test_each_usual_slip_planted_is_wrong_with_its_hint(slip):
    report = check_text(slip.example, exercise=slip.exercise)
    (step,) = [s for c in report.chains for s in c.steps]
    assert step.verdict == "wrong" and report.failed
    assert step.hint is not None and step.hint.startswith(slip.hint_starts), step.hint


def test_a_point_with_a_complex_value_is_no_counterexample():
    from exercises.check.checker import complex_point
    assert complex_point({"y[1]": complex(0.518, -1.286), "z[1]": 0.3})
    assert not complex_point({"y[1]": 0.5, "z[1]": 0.3}) and not complex_point(None)
    assert not complex_point({"y[1]": complex(0.5, 0.0)})
