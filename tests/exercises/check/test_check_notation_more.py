"""More of the notation learners write, read as its author means it (issue 20, steps unread): each
reading is held to both directions, the right form follows (or, where the text leaves a quantity
undefined, stays undecided) and a planted wrong variant is wrong, with a counterexample that keeps
the text's conditions; a form that cannot be read faithfully is refused with a plain reason."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations import symbols as S
from exercises.check.extract import document
from exercises.check.latex import NotChecked, Notation, ParseFailure, Source, index_letters, parse, prime_variable
from checked_steps import steps


def read(text: str, notation: Notation | None = None):
    return parse(Source.at(text, 0), notation or Notation(index_letters=index_letters(text))).expr


def verdicts(text: str, exercise: str | None = None) -> list[str]:
    return [s.verdict for s in steps(text, exercise, claims=True)]


# --------------------------------------------------------------------------- t_1 + t_2 + \dots + t_n

@pytest.mark.parametrize("dots", [r"\dots", r"\cdots", r"\ldots", "..."])
def test_a_sum_written_out_with_dots_is_the_sum(dots):
    k = sp.Dummy("k", integer=True, positive=True)
    written = read(rf"e^{{z_1}} + e^{{z_2}} + {dots} + e^{{z_n}}")
    assert isinstance(written, sp.Sum)
    assert written.dummy_eq(sp.Sum(sp.exp(S.z[k]), (k, 1, S.n)))


@pytest.mark.slow
def test_dots_inside_a_group_and_under_a_derivative():
    inner = read(r"p_i (y_1 + y_2 + \dots + y_n) -y_i")
    assert inner.has(sp.Sum) and inner.has(S.y[sp.Symbol("i", integer=True, positive=True)])
    derivative = read(r"\frac{\partial \left( \exp(x_1) + \exp(x_2) + \dots + \exp(x_n) \right)}{\partial x_i}")
    assert isinstance(derivative, sp.Derivative) and isinstance(derivative.expr, sp.Sum)
    terms = read(r"\frac{\partial \exp(x_1)}{\partial x_i} + \frac{\partial \exp(x_2)}{\partial x_i} + \dots + "
                 r"\frac{\partial \exp(x_n)}{\partial x_i}")
    assert isinstance(terms, sp.Sum) and isinstance(terms.function, sp.Derivative)


@pytest.mark.parametrize("written", [
    r"p_iy_1 + p_iy_2 + \dots + p_i + \dots + p_i y_n - y_i",     # two runs of dots, a term out of pattern
    r"a_1 + a_3 + \cdots + a_n",                                  # 1, 3: not the pattern 1, 2, ...
    r"a_1 - a_2 - \dots - a_n",                                   # minus signs: not read as a sum
    r"x + \dots + y",                                             # no index to run over
])
def test_dots_that_are_not_one_pattern_are_refused_plainly(written):
    with pytest.raises(ParseFailure) as caught:
        read(written)
    assert "dots" in caught.value.message and not isinstance(caught.value, NotChecked)


@pytest.mark.slow
def test_a_written_out_sum_judged_both_ways():
    right = r"$$\sum_{k=1}^{n} e^{z_k} = e^{z_1} + e^{z_2} + \dots + e^{z_n}$$"
    assert verdicts(right) == ["follows"]
    wrong = steps(r"$$\sum_{k=1}^{n} e^{z_k} = 2 \left(e^{z_1} + e^{z_2} + \dots + e^{z_n}\right)$$", claims=True)
    assert [s.verdict for s in wrong] == ["wrong"] and wrong[0].counterexample


# --------------------------------------------------------------------------- a / \sum ...

def test_a_quotient_by_a_sum():
    k = sp.Dummy("k", integer=True, positive=True)
    j = sp.Symbol("j", integer=True, positive=True)
    value = read(r"e^{x_j}/\sum_k e^{x_k}")
    x = sp.IndexedBase("x", real=True)
    top, bottom = sp.fraction(value)
    assert top == sp.exp(x[j]) and bottom.dummy_eq(sp.Sum(sp.exp(x[k]), (k, 1, S.n)))


# --------------------------------------------------------------------------- \delta{ik}, CE, bold letters

def test_a_kronecker_delta_written_without_its_underscore():
    i, k = (sp.Symbol(l, integer=True, positive=True) for l in "ik")
    assert read(r"\delta{ik}") == sp.KroneckerDelta(i, k)
    assert read(r"\delta{i,k}") == sp.KroneckerDelta(i, k)


@pytest.mark.slow
def test_a_kronecker_delta_without_underscore_judged_both_ways():
    assert verdicts(r"$$\sum_k \delta{jk} a_k = a_j$$") == ["follows"]
    wrong = steps(r"$$\sum_k \delta{jk} a_k = 2 a_j$$", claims=True)
    assert [s.verdict for s in wrong] == ["wrong"] and wrong[0].counterexample


def test_ce_is_the_cost_never_c_times_e():
    assert read("CE") == S.C
    assert read(r"\frac{\partial CE}{\partial a}") == sp.Derivative(S.C, S.a1)
    assert not read("CE").has(sp.Symbol("E", real=True))


@pytest.mark.parametrize("written", [r"\vec{a}", r"\vec a", r"\bf{a}", r"{\bf a}", r"\mathbf{a}", r"\boldsymbol{a}", r"\bm{a}"])
def test_a_bold_or_arrowed_letter_is_the_letter(written):
    assert read(written) == S.a1


@pytest.mark.parametrize("written", [r"\bf{\hat{y} - y}", r"\mathbf{a - y}", r"C(\bf{y,\hat{y}})"])
def test_bold_of_an_expression_is_vector_notation(written):
    with pytest.raises(NotChecked) as caught:
        read(written)
    assert "vector" in caught.value.message


@pytest.mark.parametrize("written", [r"\left[ {e^{z_1} \over e^{z_1} + e^{z_2}}, {e^{z_2} \over e^{z_1} + e^{z_2}} \right]",
                                     r"\left[ a_1 - y_1, a_2 - y_2 \right]"])
def test_a_vector_written_as_its_components_is_vector_notation(written):
    with pytest.raises(NotChecked) as caught:
        read(written)
    assert "vector" in caught.value.message


def test_brackets_holding_one_quantity_are_a_group():
    assert read(r"\left[ a + b \right] c") == (S.a1 + sp.Symbol("b", real=True)) * S.c
    assert isinstance(read(r"\left[ f(x, y) \right]"), sp.core.function.AppliedUndef)


# --------------------------------------------------------------------------- functions of several arguments

def test_functions_of_several_arguments():
    assert read("C(a, y)") == S.C                      # the cost, of the output and the target
    f = read("f(x, y)")
    assert isinstance(f, sp.core.function.AppliedUndef) and len(f.args) == 2
    loss = read(r"L(\hat y, y)")
    assert isinstance(loss, sp.core.function.AppliedUndef) and str(loss.func) == "L" and len(loss.args) == 2
    assert read("f(x)").func == sp.Function("f", real=True)       # one argument, as before


@pytest.mark.slow
def test_the_cost_of_a_and_y_judged_both_ways():
    right = r"$$\frac{\partial C(a, y)}{\partial a} = a - y$$"
    assert verdicts(right, "quadratic-gradient") == ["follows"]
    wrong = steps(right.replace("a - y$$", "y - a$$"), "quadratic-gradient", claims=True)
    assert [s.verdict for s in wrong] == ["wrong"] and wrong[0].counterexample


@pytest.mark.slow
def test_an_undefined_function_of_several_arguments_is_never_refuted_by_choosing_it():
    assert verdicts(r"$$f(x, y) + f(x, y) = 2 f(x, y)$$") == ["follows"]
    assert verdicts(r"$$f(x, y) + f(x, y) = 3 f(x, y)$$") != ["follows"]


# --------------------------------------------------------------------------- + constant

@pytest.mark.parametrize("constant", [r"{\rm constant}", r"\text{constant}", r"\mathrm{const}"])
def test_an_arbitrary_constant_is_read_but_not_judged(constant):
    with pytest.raises(NotChecked) as caught:
        read(rf"-[y \ln a + (1-y) \ln (1-a)] + {constant}")
    assert "constant" in caught.value.message


@pytest.mark.slow
def test_up_to_a_constant_is_undecided_never_wrong():
    said = steps(r"$$C = -[y \ln a + (1-y) \ln (1-a)]+ {\rm constant},$$", "cross-entropy-gradient")
    assert [s.verdict for s in said] == ["undecided"] and "constant" in said[0].reason


# --------------------------------------------------------------------------- a display that goes on after prose

LONG_PROSE = ("What remains is bookkeeping of indices: the only free index is j, and every other one is "
              "summed; we take the terms one at a time, first the one that has the Kronecker delta in it, "
              "then the other, and write each as it comes out, which takes a few lines.\n\n")


def test_a_continuation_display_after_long_prose_goes_on_with_the_chain():
    text = ("$$\n\\begin{align}\nu &= a_j (1 - a_j) \\\\\n&= a_j - a_j^2\n\\end{align}\n$$\n\n" + LONG_PROSE +
            "$$\n\\begin{align}\n&= a_j - a_j a_j\n\\end{align}\n$$\n")
    chains = document("t.md", text, None, latex=False).chains
    assert len(chains) == 1 and len(chains[0].steps) == 3


def test_a_continuation_display_never_crosses_a_heading():
    text = ("$$\nu = a_j (1 - a_j)\n$$\n\n## Next\n\n" + LONG_PROSE + "$$\n= a_j - a_j^2\n$$\n")
    chains = document("t.md", text, None, latex=False).chains
    assert [len(c.steps) for c in chains] == [1, 1]              # its own chain, its left side unwritten
    assert not chains[0].orphan and chains[1].orphan


@pytest.mark.slow
def test_a_continuation_after_long_prose_judged_both_ways():
    start = "$$\n\\begin{align}\na_j (1 - a_j) &= a_j - a_j^2\n\\end{align}\n$$\n\n" + LONG_PROSE
    assert verdicts(start + "$$\n\\begin{align}\n&= a_j - a_j a_j\n\\end{align}\n$$\n") == ["follows", "follows"]
    wrong = steps(start + "$$\n\\begin{align}\n&= a_j + a_j a_j\n\\end{align}\n$$\n", claims=True)
    assert [s.verdict for s in wrong] == ["follows", "wrong"] and wrong[1].counterexample


# --------------------------------------------------------------------------- primes the text defines

def test_the_prime_the_text_defines():
    assert prime_variable("where a prime means the derivative in $x_i$, for $e_j$ and the sum alike") == "x_i"
    assert prime_variable("a prime denotes the derivative with respect to $z$.") == "z"
    assert prime_variable("no word on primes") == ""
    assert prime_variable("a prime means the derivative in $x$; later a prime means the derivative in $y$") == ""
    notation = Notation(index_letters=frozenset("ijk"), named_sum=r"\sum_k e^{x_k}", primed="x_i")
    k = sp.Dummy("k", integer=True, positive=True)
    i = sp.Symbol("i", integer=True, positive=True)
    x = sp.IndexedBase("x", real=True)
    assert read(r"\sum'", notation).dummy_eq(sp.Derivative(sp.Sum(sp.exp(x[k]), (k, 1, S.n)), x[i]))
    e_prime = read(r"e_i'", notation)
    assert isinstance(e_prime, sp.Derivative) and e_prime.variables == (x[i],)
    with pytest.raises(ParseFailure):       # no meaning said: a primed sum is not read
        read(r"\sum'", Notation(index_letters=frozenset("ijk"), named_sum=r"\sum_k e^{x_k}"))


PRIMED = ("Let $p_j = e^{x_j}/\\sum_k e^{x_k}$, where a prime means the derivative in $x_i$.\n\n"
          "$$\n\\begin{align}\n\\sum' &= \\frac{\\partial (\\exp(x_1) + \\exp(x_2) + \\dots + \\exp(x_n))}{\\partial x_i} \\\\\n"
          "&= \\exp(x_i)\n\\end{align}\n$$\n")


@pytest.mark.slow
def test_a_primed_sum_judged_both_ways():
    assert verdicts(PRIMED) == ["follows", "follows"]
    wrong = steps(PRIMED.replace("&= \\exp(x_i)", "&= 2\\exp(x_i)"))
    assert [s.verdict for s in wrong] == ["follows", "wrong"] and wrong[1].counterexample


# --------------------------------------------------------------------------- a name a step brings in

@pytest.mark.slow
def test_a_name_a_step_brings_in_is_never_refuted_by_choosing_it():
    """Shortening the names: ∂(e^{x_j}/Σ)/∂x_i = ∂(e_j/Σ)/∂x_i names e^{x_j} e_j; a value picked for e_j
    shows nothing."""
    named = r"$$\frac{\partial (e^{x_j}/\sum_k e^{x_k})}{\partial x_i} = \frac{\partial (e_j/\sum_k e^{x_k})}{\partial x_i}$$"
    said = steps(named, claims=True)
    # (on the right of =, written first here: the text names e_j by what it equals; a name a step of
    # another relation brings in is left undecided, saying so)
    assert [s.verdict for s in said] == ["definition"] and "names e" in said[0].reason
    brought = steps(r"$$\frac{\partial (e^{x_j}/\sum_k e^{x_k})}{\partial x_i} \le \frac{\partial (e_j/\sum_k e^{x_k})}{\partial x_i}$$")
    assert [s.verdict for s in brought] == ["undecided"] and "first written in this step" in brought[0].reason
    wrong = steps(r"$$\frac{\partial (e^{x_j}/\sum_k e^{x_k})}{\partial x_i} = 0$$", claims=True)
    assert [s.verdict for s in wrong] == ["wrong"] and wrong[0].counterexample


# --------------------------------------------------------------------------- an index the convention sums

EINSTEIN = "The text writes in Einstein's convention, in which an index repeated inside a term is summed over.\n\n"


@pytest.mark.slow
def test_an_index_free_on_one_side_under_a_stated_convention_is_undecided():
    said = steps(EINSTEIN + r"$$-y_k + y_i a_k = -y_k + \sum_i y_i a_k$$", claims=True)
    assert [s.verdict for s in said] == ["undecided"] and "Einstein" in said[0].reason
    wrong = steps(EINSTEIN + r"$$-y_k + a_k \sum_i y_i = y_k - a_k$$", claims=True)
    assert [s.verdict for s in wrong] == ["wrong"] and wrong[0].counterexample


@pytest.mark.slow
def test_a_display_that_opens_with_its_relation_and_goes_on_nothing_is_unread_with_a_reason():
    said = steps("# Notes\n\nSome prose.\n\n$$\n\\begin{align}\n&= a_j - a_j^2 \\\\\n&= a_j (1 - a_j)\n\\end{align}\n$$\n", claims=True)
    assert [s.verdict for s in said] == ["unparsed", "follows"]
    assert "opens with its relation" in said[0].reason and said[0].line == 7
    wrong = steps("# Notes\n\n$$\n\\begin{align}\n&= a_j - a_j^2 \\\\\n&= a_j (1 + a_j)\n\\end{align}\n$$\n", claims=True)
    assert [s.verdict for s in wrong] == ["unparsed", "wrong"] and wrong[1].counterexample
