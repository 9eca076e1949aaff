"""Issue 20: single relations written in prose are read as the text means them. A claim ("Hence
$\\delta^L = a^L - y$.", "so $\\sigma'(z) = ...$", "we get ...") is a step and is judged; a definition
("where", "let", "is") or a condition ("if", "when", "for $k$ such that ...") is not. Each reading:
the construct read and judged right, and a planted wrong variant that is not judged right."""
from __future__ import annotations

import pytest

from exercises.check.derivations import check_text
from exercises.check.extract import document
from exercises.check.latex import Notation, Source, parse

SIGMOID = "# Exercise: check that the sigmoid's derivative is σ(1 − σ)\n\n"
CROSS_ENTROPY = "# Cross-entropy with sigmoid outputs\n\n<!-- nndl: cross-entropy-gradient -->\n\n"


def verdicts(report):
    return [s.verdict for c in report.chains for s in c.steps]


def chains(text: str):
    return document("<text>", text, None, latex=False).chains


# --------------------------------------------------------------------------- claims in prose

@pytest.mark.parametrize("sentence", [
    r"The two agree, so $\sigma'(z) = \sigma(z)(1 - \sigma(z))$.",
    r"Hence $\sigma'(z) = \sigma(z)(1 - \sigma(z))$.",
    r"Differentiating, we get $\sigma'(z) = \sigma(z)(1 - \sigma(z))$.",
    r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$.",            # a derivative on the left: a claim with no word
])
def test_a_claim_in_prose_is_a_step_judged_and_its_slip_is_wrong(sentence):
    assert verdicts(check_text(SIGMOID + sentence + "\n")) == ["follows"]
    assert verdicts(check_text(SIGMOID + sentence.replace("(1 - ", "(1 + ") + "\n")) == ["wrong"]


@pytest.mark.slow
def test_the_notebooks_hence_delta_is_read_under_its_exercise():
    right = check_text(CROSS_ENTROPY + "Hence $\\delta_j^L = a_j^L - y_j$.\n")
    assert verdicts(right) == ["follows"]
    wrong = check_text(CROSS_ENTROPY + "Hence $\\delta_j^L = y_j - a_j^L$.\n")
    assert verdicts(wrong) == ["wrong"]


@pytest.mark.parametrize("sentence", [
    r"Let $C = \frac{1}{2}(a - y)^2$ be the cost.",              # a definition
    r"where $a = \sigma(z)$ is the output.",                   # a definition
    r"The cost is smallest when $a = y$.",                     # a condition
    r"If $y = 1$, the cost is $-\ln a$.",                      # a condition
    r"We look for an extremum by solving $C'(a) = 0$:",         # an equation to solve, not a claim
    r"Take $k \neq j$ here.",                                  # a case
])
def test_a_definition_or_a_condition_in_prose_is_no_step(sentence):
    assert chains(SIGMOID + sentence + "\n") == []


@pytest.mark.parametrize("sentence", [
    r"for $k$ such that $z_k$ is the largest, $\lim_{c \to \infty} e^{c(z_k - z_j)} = 1$ since it is so.",
    r"(notably, $\lim_{c \to + \infty} a_j = 1$ when $z_j$ is the single maximum).",
    r"Prove that the weighted inputs must be $z_j = \ln a_j + C$, with $C$ a constant.",
])
@pytest.mark.slow
def test_a_claim_under_a_condition_in_words_is_never_shown_false(sentence):
    """The condition is in words, which the checker does not read as a formula: the claim is left
    unread, or (exercises.check.worded) judged as written, carrying the words, and never shown
    false (a step false without the words may hold under them)."""
    found = chains(sentence + "\n")
    assert all(c.worded is not None and c.worded.words for c in found), [c.worded for c in found]
    report = check_text(sentence + "\n")
    assert all(s.verdict != "wrong" for c in report.chains for s in c.steps), \
        [(s.verdict, s.reason) for c in report.chains for s in c.steps]


@pytest.mark.slow
def test_a_condition_before_a_claim_in_its_sentence_is_taken():
    text = SIGMOID + "Given $0 < y < 1$, and for all $0 < a < 1$: $\\frac{y}{a^2} + \\frac{1 - y}{(1 - a)^2} \\geq 0$.\n"
    assert verdicts(check_text(text)) == ["follows"]
    assert verdicts(check_text(text.replace(r"\geq 0", r"\leq 0"))) == ["wrong"]


# --------------------------------------------------------------------------- the text's own cost in prose

@pytest.mark.slow
def test_a_cost_written_of_its_letters_defines_it_for_the_claim_after_it():
    """"With one example, $C(a, y) = ...$ gives $\\partial C/\\partial a_j = ...$": C(a, y) is the text's
    C, so the claim is judged with that quadratic cost, not the exercise's cross-entropy."""
    text = (CROSS_ENTROPY + "With one training example, $C(a, y) = \\frac 1 2 \\sum_j (a_j^L - y_j)^2$ gives "
            "$\\frac{\\partial C}{\\partial a_j^L} = (a_j^L - y_j)$.\n")
    assert verdicts(check_text(text)) == ["follows"]
    assert verdicts(check_text(text.replace("= (a_j^L - y_j)$", "= (y_j - a_j^L)$"))) == ["wrong"]


@pytest.mark.slow
def test_c_prime_of_a_is_the_cost_derivative():
    import sympy as sp
    from derivations import symbols as S
    assert parse(Source.at("C'(a)", 0), Notation()).expr == sp.Derivative(S.C, S.a1)
    assert parse(Source.at("C''(a)", 0), Notation()).expr == sp.Derivative(S.C, (S.a1, 2))
    assert parse(Source.at(r"\frac y a", 0), Notation()).expr == S.y1 / S.a1
    text = ("# Notes\n\nThe cost function $C(a) = -(y \\ln a + (1 - y) \\ln(1 - a))$ is smallest when $a = y$.\n\n"
            "For $0 < a < 1$: $C'(a) = - \\frac y a + \\frac{1-y}{1-a}$.\n")
    report = check_text(text)
    assert verdicts(report) == ["follows"]
    assert not any("a = y" in note for c in report.chains for note in c.notes)   # "when $a = y$": no definition
    assert verdicts(check_text(text.replace("For $0 < a < 1$: ", ""))) == ["undecided"]   # a could be 0
    assert verdicts(check_text(text.replace(r"- \frac y a +", r"\frac y a +"))) == ["wrong"]


# --------------------------------------------------------------------------- more of the corpus's notation

def test_an_inline_claim_may_run_over_a_line_break():
    text = SIGMOID + "From the definition, some algebra shows $\\sigma'(z) =\n\\sigma(z)(1-\\sigma(z))$ (check it).\n"
    assert verdicts(check_text(text)) == ["follows"]
    assert verdicts(check_text(text.replace("(1-\\sigma", "(1+\\sigma"))) == ["wrong"]
    assert chains("$a =\n\nb$ is two paragraphs\n") == []          # a blank line ends the formula


def test_for_every_x_in_r_is_read_as_the_relation_for_every_x():
    (chain,) = chains("moreover $\\forall x \\in \\mathbb{R}, \\frac{d}{dx} x = 1$.\n")
    assert [p.source.text.strip() for p in chain.parts] == ["\\frac{d}{dx} x", "1"]
    assert verdicts(check_text("moreover $\\forall x \\in \\mathbb{R}, \\frac{d}{dx} x^2 = 2x$.\n")) == ["follows"]
    assert verdicts(check_text("moreover $\\forall x \\in \\mathbb{R}, \\frac{d}{dx} x^2 = x$.\n")) == ["wrong"]


@pytest.mark.slow
def test_an_implication_between_quads_is_one_chain():
    text = "$$\n\\sigma(x) = \\frac{1}{1 + e^{-x}} \\quad \\Rightarrow \\quad 1 - \\sigma(x) = \\frac{e^{-x}}{1 + e^{-x}}\n$$\n"
    assert "follows" in verdicts(check_text(SIGMOID + text))
    wrong = verdicts(check_text(SIGMOID + text.replace("= \\frac{e^{-x}}", "= \\frac{e^{x}}")))
    assert "wrong" in wrong and "follows" not in wrong


@pytest.mark.slow
def test_a_sum_of_e_to_an_unindexed_letter_sums_over_the_classes():
    from derivations import symbols as S
    expr = parse(Source.at(r"\frac{e^{z_b}}{\sum e^{z}}", 0), Notation()).expr
    (total,) = [t for t in expr.atoms(__import__("sympy").Sum)]
    assert total.function.has(S.z) and total.function != __import__("sympy").exp(S.z1)
    text = "# Notes\n\n$$o_b = \\frac{e^{z_b}}{\\sum_j e^{z_j}}$$\n\n$$\\frac{e^{z_b}*\\sum e^z - (e^{z_b})^2}{(\\sum_j e^{z})^2}=\\frac{e^{z_b}}{\\sum e^z}-\\frac{(e^{z_b})^2}{(\\sum e^z)^2}$$\n"
    assert verdicts(check_text(text))[-1] == "follows"
    assert verdicts(check_text(text.replace("-\\frac{(e^{z_b})^2}{(\\sum e^z)^2}", "-\\frac{(e^{z_b})^2}{\\sum e^z}")))[-1] == "wrong"


@pytest.mark.slow
def test_cases_with_a_thin_space_after_if_are_read():
    text = ("# Softmax\n\n<!-- nndl: softmax-jacobian -->\n\n\\[\\begin{equation}\\begin{split} \\frac{\\partial a_i}{\\partial z_k} = "
            "\\begin{cases} a_k (1 - a_k) & \\text{if }\\; i=k \\\\ - a_k a_i & \\text{if }\\; i\\neq k \\end{cases} "
            "\\end{split}\\end{equation}\\]\n")
    (right,) = verdicts(check_text(text))
    assert right in ("follows", "undecided")     # read (no longer unparsed); never wrong
    assert verdicts(check_text(text.replace("- a_k a_i &", "a_k a_i &"))) == ["wrong"]


@pytest.mark.slow
def test_the_softmax_of_a_vector_written_out_is_read_component_by_component():
    text = ("# From the sigmoid to the softmax\n\n\\begin{align} {\\bf z} = [z, 0] \\\\ {\\rm Softmax}({\\bf z})_1 &= "
            "{e^z \\over e^z + e^0} = {1 \\over 1 + e^{-z}} \\\\ {\\rm Softmax}({\\bf z})_2 &= {e^0 \\over e^z + e^0} "
            "\\end{align}\n")
    said = verdicts(check_text(text))
    assert said.count("follows") == 3 and "wrong" not in said
    wrong = verdicts(check_text(text.replace("{\\rm Softmax}({\\bf z})_2 &= {e^0", "{\\rm Softmax}({\\bf z})_2 &= {e^z")))
    assert wrong[-1] == "wrong"



def test_a_reason_for_every_x_is_judged():
    text = SIGMOID + "The output $a$ stays below one, because $\\forall x \\in \\mathbb{R}, \\sigma(x) < 1$. So it does.\n"
    assert verdicts(check_text(text)) == ["follows"]
    assert verdicts(check_text(text.replace("\\sigma(x) < 1", "\\sigma(x) < 0"))) == ["wrong"]
    assert chains("The output is one, because $y_j = 0$ here.\n") == []       # a reason of the case at hand: not judged
