"""The chapter's notation as learners write it, read (issue 20): each form is read into what it
means, and judged: a right step follows or is undecided, a wrong one is wrong."""
from __future__ import annotations

import pytest
import sympy as sp

from exercises.check.derivations import check_text
from exercises.check.extract import Source as ExtractSource, chains_of
from exercises.check.latex import LIMIT, NotChecked, Notation, ParseFailure, Source, named_sum, parse


def read(text: str, notation: Notation | None = None):
    return parse(Source.at(text, 0), notation or Notation()).expr


def verdicts(text: str) -> list[str]:
    return [s.verdict for c in check_text(text).chains for s in c.steps]


# --------------------------------------------------------------------------- \hat, \bar: a letter of its own

@pytest.mark.parametrize("written", [r"\hat{y}_j", r"\hat y_j", r"\hat{y_j}", r"\mathbb{\hat{y_j}}",
                                     r"\mathbb{\hat{y}}_j", r"\widehat{y}_j", r"\hat{\mathbb{y}}_j"])
def test_a_hatted_letter_is_one_quantity(written):
    value = read(written)
    assert isinstance(value, sp.Indexed) and value.base.name == "ŷ"
    assert str(value.indices[0]) == "j"
    assert not any(s.name in ("hat", "h", "a", "t") for s in value.free_symbols)


def test_a_barred_letter_is_not_the_letter():
    o_bar = read(r"\bar{o}")
    assert isinstance(o_bar, sp.Symbol) and o_bar.name == "ō"
    assert sp.powsimp(read(r"\exp(o_j - \bar{o}) \exp \bar{o}")) == sp.exp(read("o_j"))


@pytest.mark.slow
def test_hatted_letters_judged():
    right = (r"$$\log \hat{y}_j = \log \frac{\exp(o_j)}{\sum_k \exp(o_k)}$$ where $\hat{y}_j = "
             r"\frac{\exp(o_j)}{\sum_k \exp(o_k)}$.")
    assert verdicts(right)[-1] in ("follows", "undecided")
    assert verdicts(r"$$\hat{y}_i (1-\hat{y}_i) = \hat{y}_i - \hat{y}_i^2$$") == ["follows"]
    defined = r"Let $\hat{y}_i = \frac{e^{o_i}}{\sum_k e^{o_k}}$." + "\n"
    assert verdicts(defined + r"$$\hat{y}_i (1-\hat{y}_i) = \hat{y}_i + \hat{y}_i^2$$") == ["wrong"]


@pytest.mark.slow
def test_a_hatted_letter_the_text_does_not_define_is_never_refuted_as_free():
    """ŷ is the learner's own quantity (the prediction): with no definition in the section, a
    counterexample that picks its value shows nothing about theirs."""
    said = check_text(r"$$\frac{\partial \hat{y}_i}{\partial \theta_i} = \hat{y}_i (1-\hat{y}_i)$$").chains[0].steps[0]
    assert said.verdict != "wrong"


@pytest.mark.slow
def test_a_name_a_display_defines_is_not_refuted_as_free():
    text = ("Softmax:\n$$ S_i = \\frac{e^{a_{i}}}{\\sum_{k}{e^{a_{k}}}}$$\nNext:\n"
            "$$\\frac{e^{a_i}\\times \\sum_k e^{a_k} - e^{a_i}\\times e^{a_i}}{(\\sum_k e^{a_k})^2} = S_i(1-S_i)$$")
    assert verdicts(text)[-1] in ("follows", "undecided")
    assert verdicts(text.replace("S_i(1-S_i)", "S_i(1+S_i)"))[-1] in ("wrong", "undecided")


@pytest.mark.slow
def test_a_barred_letter_judged():
    right = r"$$\frac{\exp(o_j - \bar{o})}{\sum_k \exp (o_k - \bar{o})} = \frac{\exp o_j}{\sum_k \exp o_k}$$"
    wrong = r"$$\frac{\exp(o_j - \bar{o})}{\sum_k \exp (o_k - \bar{o})} = \frac{\exp o_j}{\sum_k \exp o_k} - \bar{o}$$"
    assert verdicts(right) in (["follows"], ["undecided"])
    assert verdicts(wrong) == ["undecided"]            # ō not defined: its value picked, nothing shown
    assert verdicts(r"Let $\bar{o} = o_1$." + "\n" + wrong) == ["wrong"]


# --------------------------------------------------------------------------- a bare \sum: the sum named before

def test_the_sum_named_before():
    text = r"In our case $h(x) = \sum_{k}{e^{a_k}}$, and the shorthand $\sum_K = \sum_{j=1}^{K}\exp(\theta_j)$."
    assert named_sum(text) == r"\sum_{j=1}^{K} \exp(\theta_j)"
    assert named_sum(r"$h(x) = \sum_{k}{e^{a_k}}$ then $\frac{e^{a_i} \sum}{\sum^2}$") == r"\sum_{k} {e^{a_k}}"
    assert named_sum("no sum here") == ""


@pytest.mark.slow
def test_a_bare_sum_is_the_sum_named_before():
    notation = Notation(named_sum=r"\sum_{k} {e^{a_k}}")
    bare = read(r"\frac {0 \times \sum - e^{a_i} \times e^{a_i}} {\sum^2}", notation)
    written = read(r"\frac {0 - e^{a_i} e^{a_i}} {(\sum_k e^{a_k})^2}")
    assert sp.simplify(bare - written.xreplace(dict(zip(written.atoms(sp.Dummy), bare.atoms(sp.Dummy))))) == 0
    shorthand = read(r"(\sum_K)^2", Notation(named_sum=r"\sum_{j=1}^{K} \exp(\theta_j)"))
    assert isinstance(shorthand, sp.Pow) and isinstance(shorthand.base, sp.Sum)


def test_a_bare_sum_with_no_sum_named_is_unread_with_a_reason():
    with pytest.raises(ParseFailure, match="nothing after it to sum"):
        read(r"\frac{e^{a_i}}{\sum}")


@pytest.mark.slow
def test_a_bare_sum_judged():
    named = r"Write $h = \sum_{k} e^{a_k}$." + "\n"
    right = named + r"$$\frac{e^{a_i} \sum - e^{a_i} e^{a_i}}{\sum^2} = \frac{e^{a_i}}{\sum}\left(1 - \frac{e^{a_i}}{\sum}\right)$$"
    wrong = named + r"$$\frac {0 \times \sum - e^{a_i} \times e^{a_i}} {\sum^2} = -\frac{e^{a_i}}{\sum}\frac{e^{a_j}}{\sum}$$"
    assert verdicts(right) in (["follows"], ["undecided"])
    assert verdicts(wrong) == ["wrong"]


# --------------------------------------------------------------------------- small forms

@pytest.mark.slow
def test_a_sum_whose_body_opens_with_a_minus():
    from derivations.symbols import n
    three = [read(t).subs({n: 3, read("i"): 2}).doit() for t in (r"\sum_{k\neq i}-p_k y_k", r"-\sum_{k\neq i} p_k y_k")]
    assert sp.expand(three[0] - three[1]) == 0
    right = r"$$-\left(y_i (1 - p_i) + \sum_{k\neq i}-p_k y_k \right) = p_i y_i - y_i + \sum_{k\neq i} p_k y_k$$"
    wrong = r"$$-\left(y_i (1 - p_i) + \sum_{k\neq i}-p_k y_k \right) = p_i y_i - y_i - \sum_{k\neq i} p_k y_k$$"
    assert verdicts(right) in (["follows"], ["undecided"])
    assert verdicts(wrong) == ["wrong"]


@pytest.mark.slow
def test_a_prime_after_the_argument_and_size_commands():
    assert read(r"\sigma(x)'") == read(r"\sigma'(x)")
    assert read(r"\Large \sigma(-4)") == read(r"\sigma(-4)")
    assert verdicts(r"$$\sigma(x)' = \sigma(x) (1 - \sigma(x))$$") == ["follows"]
    assert verdicts(r"$$\sigma(x)' = \sigma(x) (1 + \sigma(x))$$") == ["wrong"]


def test_standard_functions_stay_functions_beside_new_forms():
    assert read(r"\tanh(\hat{y})") == sp.tanh(read(r"\hat{y}"))
    assert read(r"\exp \bar{o}") == sp.exp(read(r"\bar{o}"))
    assert read(r"\ln \hat{y}_j") == sp.log(read(r"\hat{y}_j"))


def test_a_function_letters_derivative_is_read():
    value = read(r"\frac{g'(x) \times h(x) - h'(x)\times g(x)}{h(x)^2}")
    assert {type(f).__name__ for f in value.atoms(sp.Function)} >= {"g'", "h'", "g", "h"}


def test_a_for_all_after_the_formula_is_not_a_step():
    body = r"\frac{\partial \hat{y_i}}{\partial \theta_i} = \frac{\exp(\theta_i)}{\sum_j \exp(\theta_j)} ,\forall i = 1, 2,3"
    chains = chains_of(ExtractSource.at(body, 0))
    assert len(chains) == 1 and len(chains[0].steps) == 1


@pytest.mark.slow
def test_rows_split_without_alignment_are_read():
    text = (r"Let $s = \sum_{j=1}^{K}\exp(\theta_j)$." "\n"
            r"$$\frac{\exp(\theta_i) s - \exp(\theta_i)\exp(\theta_i)}{s^2} \\" "\n"
            r"= \frac{\exp(\theta_i)}{s} \frac{s - \exp(\theta_i)}{s}$$")
    assert verdicts(text) in (["follows"], ["undecided"])
    assert verdicts(text.replace(r"{s} \frac{s -", r"{s} \frac{s +")) == ["wrong"]


@pytest.mark.slow
def test_a_formula_past_the_size_limit_is_refused_clearly():
    long = " + ".join(f"a_{{{k % 9 + 1}}}" for k in range(LIMIT // 6 + 10))
    assert len(long) > LIMIT
    with pytest.raises(NotChecked, match="too long to check"):
        read(long)
    report = check_text(f"$$C = {long} = {long}$$")
    steps = [s for c in report.chains for s in c.steps]
    assert steps and all(s.verdict != "wrong" for s in steps)
    assert any("too long to check" in (s.reason or "") for s in steps)
