"""The backpropagation equations written under no exercise (exercises.check.any_cost): BP1, BP3
and BP4 follow for every cost; a false variant of each never follows, and is never called wrong
(a refutation for one cost is not one for the text's)."""
import pytest
import sympy as sp
from checked_steps import read, step_on

from derivations import symbols as S
from exercises.check.any_cost import layers_alike, of_outputs, readable
from exercises.check.report import FOLLOWS, UNDECIDED

HEADING = "# Backpropagation, four equations\n\n"


def _one(display: str, before: str = HEADING):
    text = before + "$$\n" + display + "\n$$\n"
    return step_on(text, before.count("\n") + 2, only=True)


@pytest.mark.parametrize("right, false", [
    (r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)",                 # BP1
     r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma(z^L_j)"),
    (r"\delta^L = \nabla_a C \odot \sigma'(z^L)",                                       # BP1, vectors
     r"\delta^L = \nabla_a C \odot \sigma(z^L)"),
    (r"\frac{\partial C}{\partial b^l_j} = \delta^l_j",                                 # BP3
     r"\frac{\partial C}{\partial b^l_j} = 2\delta^l_j"),
    (r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j",                    # BP4
     r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_j \delta^l_k"),
])
@pytest.mark.slow
def test_backpropagation_equation_follows_for_every_cost_and_its_false_variant_is_undecided(right, false):
    assert _one(right).verdict == FOLLOWS
    assert "every cost" in _one(right).reason
    assert _one(false).verdict == UNDECIDED          # false for some cost, not shown false for the text's


@pytest.mark.slow
def test_a_cost_of_the_outputs_the_text_defines_still_lets_the_equation_follow():
    before = HEADING + "Take the quadratic cost\n$$\nC = \\frac{1}{2}\\sum_j (y_j - a^L_j)^2\n$$\n\n"
    assert _one(r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)", before).verdict == FOLLOWS
    assert of_outputs(read(r"\frac{1}{2}\sum_j (y_j - a_j)^2"))
    assert not of_outputs(read(r"\frac{1}{2}\sum_j (y_j - a_j)^2 + w_{jk}^2"))     # a cost of w itself


def test_layers_written_apart_or_a_softmax_layer_or_regularization_are_not_read_so():
    mixed = r"\delta^l_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^l_j)"        # δ^l from a^L: not BP1
    assert not layers_alike(mixed) and layers_alike(r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j")
    assert _one(mixed).verdict == UNDECIDED
    softmax = "# The output layer\n\nWith a softmax output layer the error is\n"
    assert _one(r"\delta_j = \frac{\partial C}{\partial a_j} \sigma'(z_j)", softmax).verdict != FOLLOWS
    regularized = "# Regularization\n\nWith L2 regularization, for the weights:\n"
    assert _one(r"\frac{\partial C}{\partial w_{jk}} = a^{L-1}_k \delta_j", regularized).verdict == UNDECIDED


def test_only_first_derivatives_of_the_cost_by_the_chapters_indexed_letters_are_read():
    da, dz = sp.Derivative(S.C, S.a[S.j]), sp.Derivative(S.C, S.z[S.j])
    from derivations.activations import sigma_prime
    assert readable(S.delta[S.j], da * sigma_prime(S.z[S.j]), "")
    assert not readable(S.delta[S.j], da, "")                       # a_j with no σ: the layer unsaid
    assert not readable(S.C, dz, "")                                # C itself, not its derivative
    assert not readable(sp.Derivative(S.C, S.z[S.j], 2), dz, "")   # a second derivative
    assert not readable(sp.Derivative(S.C, S.a1), sp.S.Zero, "")   # one neuron's a
    assert not readable(dz, S.a[S.j] - S.y[S.j], "")                # a label: the cost's own


@pytest.mark.parametrize("sum_x", [r"\sum_x", r"\sum\limits_x", r"\sum\nolimits_x", r"\sum\limits_{x}"])
@pytest.mark.slow
def test_the_average_over_the_examples_counts_them_however_the_sum_is_written(sum_x):
    """1/n Σ_x: n counts the training examples, with \\limits too (the NNDL-solutions notebook's
    Problem 1, read as the quadratic cost it names, was called wrong with n and N two counts)."""
    right = rf"\frac{{\partial C}}{{\partial w^L_{{jk}}}} = \frac{{1}}{{n}} {sum_x} a^{{L-1}}_k (a^L_j-y_j) \sigma'(z^L_j)"
    false = rf"\frac{{\partial C}}{{\partial w^L_{{jk}}}} = \frac{{1}}{{n}} {sum_x} a^{{L-1}}_k (a^L_j-y_j)"
    before = "# The quadratic cost\n\nAveraged over the whole training set,\n"
    text = lambda d: before + "$$\n" + d + "\n$$\n"
    from checked_steps import steps
    assert [s.verdict for s in steps(text(right), "quadratic-gradient")] == [FOLLOWS]
    wrong = steps(text(false), "quadratic-gradient")
    assert [s.verdict for s in wrong] == ["wrong"]
    assert not {"N", "n"} <= set(wrong[0].counterexample["point"])        # one count, in the text's letter
