"""A fourth set of learners' notation, read as its authors mean it (issue 20, steps unread): a
softmax written on row vectors (\\mathbf x with no braces, s(\\mathbf x)_i, \\sum e^{x_j} with its index
left out, x_\\text{max}), class indices written as superscripts (s^i, (e^z)^i, y^i), σ named as the
softmax's denominator, and inline math set apart as a paragraph of its own. Each reading is held to
both directions: the right form follows (or is read and not wrong), a planted wrong variant is
wrong with a counterexample; what cannot be read faithfully (a bare bold vector, z^i beside
superscript indices) is refused with a plain reason."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations import symbols as S
from exercises.check.extract import inline_chains
from exercises.check.latex import (NotChecked, Notation, ParseFailure, Source, index_letters, parse,
                                   sigma_named_sum, superscript_indices)
from checked_steps import steps


def read(text: str, notation: Notation | None = None):
    return parse(Source.at(text, 0), notation or Notation(index_letters=index_letters(text))).expr


def verdicts(text: str) -> list[str]:
    return [s.verdict for s in steps(text, claims=True)]


# --------------------------------------------------------------------------- row vectors, \mathbf x

ROW = ("## Softmax\n\n$$\ns(\\mathbf x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}\n$$\n\nIts derivative:\n\n"
       "$$\n\\frac{\\partial s(\\mathbf x)_i}{\\partial x_i} = s(\\mathbf x)_i - s(\\mathbf x)_i^2\n$$\n")


def test_a_component_of_a_vector_function_is_read_as_the_indexed_letter():
    assert read(r"s(\mathbf x)_i - s(\mathbf x)_i^2") == read(r"s_i - s_i^2")
    assert isinstance(read(r"s(\mathbf x)_i"), sp.Indexed)
    assert read(r"\mathbf x_i + 1") == read(r"x_i + 1")


def test_the_softmax_on_a_row_vector_follows_and_a_slip_is_wrong():
    assert verdicts(ROW) == ["definition", "follows"]
    said = steps(ROW.replace(r"- s(\mathbf x)_i^2", r"+ s(\mathbf x)_i^2"))
    assert [s.verdict for s in said] == ["definition", "wrong"] and said[1].counterexample


@pytest.mark.parametrize("written", [r"\mathbf s - \mathbf y", r"s(\mathbf x + c)_i", r"-\frac{\mathbf y}{\mathbf s}"])
def test_a_bold_vector_standing_alone_is_vector_notation_never_a_number(written):
    with pytest.raises(NotChecked) as caught:
        read(written)
    assert "vectors" in caught.value.message


# --------------------------------------------------------------------------- \sum e^{x_j}, x_\text{max}

SHIFT = ("$$\n\\frac{e^{x_i + c}}{\\sum e^{x_j + c}} = \\frac{e^{x_i}e^c}{\\sum e^{x_j}e^c} = "
         "\\frac{e^{x_i}}{\\sum e^{x_j}}\n$$\n")


@pytest.mark.slow
def test_a_sum_whose_index_stands_only_in_its_exponent_runs_over_that_index():
    summed = read(r"\sum e^{x_j + c}")
    assert isinstance(summed, sp.Sum) and summed.dummy_eq(read(r"\sum_j e^{x_j + c}"))
    assert verdicts(SHIFT) == ["follows", "follows"]
    said = steps(SHIFT.replace(r"= \frac{e^{x_i}}{\sum e^{x_j}}", r"= \frac{e^{x_i}e^c}{\sum e^{x_j}}"), claims=True)
    assert [s.verdict for s in said] == ["follows", "wrong"] and said[1].counterexample


def test_a_sum_over_two_indices_in_its_exponent_is_not_guessed():
    with pytest.raises(ParseFailure):
        read(r"\sum e^{x_j - x_k}")


def test_a_named_subscript_in_text_is_one_index():
    assert verdicts("One term is then\n\n$$e^{x_\\text{max} - x_\\text{max}} = 1$$\n") == ["follows"]
    said = steps("One term is then\n\n$$e^{x_\\text{max} - x_\\text{max}} = 0$$\n", claims=True)
    assert [s.verdict for s in said] == ["wrong"] and said[0].counterexample is not None


# --------------------------------------------------------------------------- superscript indices

SUPER = ("## softmax\n\n$s^i=\\frac{(e^z)^i}{\\sum_j^N(e^z)^j}$\n\nTwo of them together:\n\n"
         "$s^1+s^2=\\frac{(e^z)^1+(e^z)^2}{\\sum_j^N(e^z)^j}$\n")


def test_superscripts_the_text_sums_over_as_classes_are_indices():
    assert superscript_indices(SUPER) == frozenset({"s", "e^z"})
    assert superscript_indices(r"$loss = -\sum_i^N y^i*ln(s^i)$") == frozenset({"y", "s"})
    letters = superscript_indices(SUPER)
    assert read(r"\frac{(e^z)^i}{\sum_j^N(e^z)^j}", Notation(superscripted=letters)).dummy_eq(
        read(r"\frac{e^{z_i}}{\sum_j^N e^{z_j}}"))


def test_superscript_indices_follow_and_a_slip_is_wrong():
    assert verdicts(SUPER) == ["definition", "follows"]
    said = steps(SUPER.replace("(e^z)^1+(e^z)^2}{", "(e^z)^1(e^z)^2}{"))
    assert [s.verdict for s in said] == ["definition", "wrong"] and said[1].counterexample


@pytest.mark.parametrize("text", [
    r"$\sum_j x^j = \frac{1}{1-x}$",            # a power series: x^j is a power
    r"$\sum_i e^{i}$",                           # e^i stays a power
    r"$\sum_k s^k$ and $s_k$",                   # one letter alone, and s has subscripts
])
def test_a_real_power_is_never_turned_into_an_index(text):
    assert superscript_indices(text) == frozenset()


def test_a_square_stays_a_square_beside_superscript_indices():
    expr = read(r"a^2 + s^2", Notation(superscripted=frozenset({"s", "e^z"})))
    assert any(isinstance(t, sp.Pow) and t.exp == 2 for t in sp.preorder_traversal(expr))     # a^2: a power
    assert any(isinstance(t, sp.Indexed) and t.indices == (2,) for t in sp.preorder_traversal(expr))   # s^2: s_2


def test_another_letter_with_an_index_up_is_refused_plainly():
    with pytest.raises(ParseFailure) as caught:
        read(r"\frac{\partial s^i}{\partial z^i}", Notation(superscripted=frozenset({"s", "e^z"})))
    assert "power or an index" in caught.value.message


# --------------------------------------------------------------------------- σ, the softmax's denominator

SIGMA = ("Name the denominator\n\n$$\\sigma = \\sum_j e^{f_j}$$\n\nthen\n\n"
         "$$\\frac{\\partial}{\\partial f_k}\\frac{e^{f_k}}{\\sigma} = \\frac{e^{f_k}\\sigma - e^{2f_k}}{\\sigma^2}$$\n")


@pytest.mark.slow
def test_sigma_named_as_a_sum_is_that_sum_not_the_sigmoid():
    assert sigma_named_sum(SIGMA)
    assert not sigma_named_sum(r"$$\sigma = \sum_j e^{f_j}$$ and $$\sigma(z) = \frac{1}{1 + e^{-z}}$$")
    assert not sigma_named_sum(r"$$a = \sigma(z)$$")
    assert verdicts(SIGMA) == ["definition", "follows"]
    said = steps(SIGMA.replace("- e^{2f_k}", "+ e^{2f_k}"), claims=True)
    assert [s.verdict for s in said] == ["definition", "wrong"] and said[1].counterexample


# --------------------------------------------------------------------------- inline math set apart

def test_inline_math_in_a_paragraph_of_its_own_is_a_display():
    alone = "Some prose.\n\n$a_j = b_j + 1$\n\nMore prose.\n"
    assert len(inline_chains(alone)) == 1
    in_a_sentence = "Some prose where $a_j = b_j + 1$ holds.\n"
    assert inline_chains(in_a_sentence) == []
