"""Right steps that follow, fourth pass (issue 20): each class of right steps the corpus left
undecided, with a right step that now follows and a false variant of it that does not.

- a name the text defines applied to its argument, J(θ) = ..., L(**p**) = ... (daviddwlee84,
  abangfarhan): J(**θ**) written later is that J, not the product J·θ (latex.applied_names);
- the values the text gives its letters before the display, in its section ("the book's example
  neuron, with input $x=1$ and target output $y=0$": bitjoy, xinyudu): a step the kernel proves
  under them follows, saying so (ChainChecker.given_values);
- names a step gives to parts of its left side ("shortening the names": ∂(e^{x_j}/Σ)/∂x_i =
  ∂(e_j/Σ)/∂x_i defines e_j = e^{x_j} for the displays after it), the vector p the prose says is
  softmax(x), and the case a section's heading names ("### The case $j \neq i$"): abangfarhan.
"""
from __future__ import annotations

import pytest

from exercises.check.derivations import check_text
from exercises.check.latex import applied_names
from exercises.check.report import DEFINITION, FOLLOWS, WRONG
from checked_steps import steps


APPLIED = r"""
# The gradient of the loss through a softmax output

The outputs are the softmax of the weighted inputs, $a_j = \frac{e^{z_j}}{\sum_k e^{z_k}}$, and the
label $y$ is one-hot. The loss is

$$
J(\theta) = -\sum_k y_k \ln a_k
$$

Differentiating it:

$$
\frac{\partial J(\mathbf{\theta})}{\partial z_j} = -\sum_k \frac{y_k}{a_k} \frac{\partial a_k}{\partial z_j} = a_j - y_j
$$
"""


def test_a_name_defined_at_its_argument_is_read_as_that_name():
    assert applied_names(APPLIED) == (("J", r"\theta"),)
    # defined twice (two losses): which one a step means is not written, so neither is read so
    assert applied_names(APPLIED + "\n$$\nJ(\\theta) = 0\n$$\n") == ()
    assert applied_names("$$\nC(a, y) = (a - y)^2\n$$") == ()       # C(a, y): the cost, read so already


@pytest.mark.slow
def test_the_derivative_of_a_loss_written_j_of_theta_follows():
    definition, chain_rule, result = steps(APPLIED)
    assert definition.verdict == DEFINITION, definition.reason       # (J·θ = ... was called wrong)
    for step in (chain_rule, result):
        assert step.verdict == FOLLOWS, step.reason
    # the sign turned over: not a step that follows
    slip = steps(APPLIED.replace("= a_j - y_j", "= y_j - a_j"))[-1]
    assert slip.verdict != FOLLOWS, slip.reason


GIVEN = r"""
## Learning slowdown under the quadratic cost

Take the book's example neuron, with input $x=1$ and target output $y=0$. With the quadratic cost
its derivative in the bias is

$$
\frac{\partial C}{\partial b} = (a-y)\sigma'(z) = a \sigma'(z)
$$
"""


@pytest.mark.slow
def test_a_step_follows_with_the_values_the_text_gives_before_the_display():
    first, with_y_zero = steps(GIVEN)
    assert first.verdict == FOLLOWS, first.reason
    assert with_y_zero.verdict == FOLLOWS, with_y_zero.reason
    assert "y = 0" in with_y_zero.reason
    # the same step where the text gives y = 1: false there
    slip = steps(GIVEN.replace("target output $y=0$", "target output $y=1$"))[-1]
    assert slip.verdict == WRONG, slip.reason


SHORTENED = r"""
# The softmax's derivative

The outputs are $ \mathbf{p} = \text{softmax}(\mathbf{x}) $.

## Shortening the names

$$
\frac{\partial \left( e^{x_j}/\sum_k e^{x_k} \right)}{\partial x_i} = \frac{\partial (e_j/\sum_k e^{x_k})}{\partial x_i}
$$

### The case $j \neq i$

The quotient is now

$$
\frac{\partial (e_j/\sum_k e^{x_k})}{\partial x_i} = \frac{- e_j e^{x_i}}{(\sum_k e^{x_k})^2} = -p_i p_j
$$
"""


@pytest.mark.slow
def test_a_shortened_name_the_vector_p_and_the_headings_case_make_the_steps_follow():
    naming, quotient, softmax = steps(SHORTENED)
    assert naming.verdict == DEFINITION, naming.reason
    assert quotient.verdict == FOLLOWS, quotient.reason          # e_j = e^{x_j}, under j ≠ i
    assert softmax.verdict == FOLLOWS, softmax.reason            # p_i = e^{x_i} / Σ_k e^{x_k}
    # the sign dropped: wrong, with e_j and p read as the text defines them
    slip = steps(SHORTENED.replace("= -p_i p_j", "= p_i p_j"))[-1]
    assert slip.verdict == WRONG, slip.reason
    # under the heading's other case, j = i, the quotient rule's first term is not 0: not a step that follows
    other = steps(SHORTENED.replace(r"The case $j \neq i$", "The case $j = i$"))[1]
    assert other.verdict == WRONG, other.reason


DISPLAYED_EARLIER = r"""
## The softmax function

Each entry of the output depends on the whole of $\mathbf x$:

$$
s(\mathbf x)_i = \frac{e^{x_i}}{\sum e^{x_j}}
$$

## The Jacobian of softmax

The quotient rule, for $s_i$ in its own input $x_i$:

$$
\begin{aligned}
\frac{\partial s(\mathbf x)_i}{\partial x_i}
&= \frac{\sum_j e^{x_j} e^{x_i} - e^{x_i} e^{x_i}}{(\sum_j e^{x_j})^2} \\
&= s(\mathbf x)_i - s(\mathbf x)_i^2
\end{aligned}
$$
"""


@pytest.mark.slow
def test_a_letter_displayed_once_under_an_earlier_heading_proves_but_never_refutes():
    definition, quotient, softmax = steps(DISPLAYED_EARLIER)
    assert definition.verdict == DEFINITION, definition.reason
    assert quotient.verdict == FOLLOWS, quotient.reason
    assert softmax.verdict == FOLLOWS, softmax.reason                # s_i read as the display defines it
    # a sign slip: not a step that follows; not called wrong either (the conditions around the two
    # displays are not all read), but undecided, saying which definition made it false
    slip = steps(DISPLAYED_EARLIER.replace(r"&= s(\mathbf x)_i - s(\mathbf x)_i^2", r"&= s(\mathbf x)_i + s(\mathbf x)_i^2"))[-1]
    assert slip.verdict != FOLLOWS and "another heading" in slip.reason, slip.reason
    # the text defines s twice: which one a later step means is not written, so neither proves it
    twice = DISPLAYED_EARLIER.replace("## The Jacobian", "$$\ns(\\mathbf x)_i = 0\n$$\n\n## The Jacobian")
    assert steps(twice)[-1].verdict != FOLLOWS


EINSTEIN = r"""
# The gradient in index notation

The text writes in Einstein's convention, in which an index repeated inside a term is summed over.

$$
\begin{align}
g_k &= -y_i \delta_{ik} + y_i \hat{y}_k \\
&= -y_k + y_i \hat{y}_k
\end{align}
$$
"""


@pytest.mark.slow
def test_under_the_stated_convention_a_repeated_index_is_summed():
    definition, summed = steps(EINSTEIN)
    assert definition.verdict == DEFINITION, definition.reason
    assert summed.verdict == FOLLOWS, summed.reason              # Σ_i y_i δ_ik = y_k
    # without the convention stated, i is one index: -y_i δ_ik is not -y_k for i ≠ k
    plain = steps(EINSTEIN.replace("The text writes in Einstein's convention, in which an index repeated "
                                   "inside a term is summed over.", "Some prose."))[-1]
    assert plain.verdict != FOLLOWS, plain.reason
    # a sign slip: false as read, but the text may imply sums it does not write: undecided, never follows
    slip = steps(EINSTEIN.replace(r"&= -y_k + y_i", r"&= y_k + y_i"))[-1]
    assert slip.verdict != FOLLOWS and "Einstein" in slip.reason, slip.reason


VECTOR_BP1 = r"""
# Problem 1: the cross-entropy with sigmoid outputs

BP1 in vector form:

$$
\delta^L = \nabla_a C \odot \sigma'(z^L)
$$
"""


@pytest.mark.slow
def test_bp1_in_vector_form_follows_component_by_component():
    (bp1,) = steps(VECTOR_BP1)
    assert bp1.verdict == FOLLOWS, bp1.reason                     # δ_j = ∂C/∂a_j σ'(z_j)
    (slip,) = steps(VECTOR_BP1.replace(r"\odot \sigma'(z^L)", r"\odot \sigma(z^L)"))
    assert slip.verdict != FOLLOWS, slip.reason


TWO_THINGS = r"""# The softmax's derivative

Shortening the names:

$$\frac{\partial \left( e^{x_j} + e^{2 x_k} \right)}{\partial x_i} = \frac{\partial (e_j + e_k)}{\partial x_i}$$

Then:

$$e_j = e^{x_j}$$
"""


@pytest.mark.slow
def test_a_shortened_name_stands_for_one_thing_only():
    """e_j written for e^{x_j} in one place and e_k for e^{2 x_k} in another: the step gives the
    name two meanings, so it defines nothing (the later e_j = e^{x_j} is not "as the step names it")."""
    notes = [n for c in check_text(TWO_THINGS).chains for n in c.notes]
    assert not any("as the step on line" in n for n in notes), notes
    once = TWO_THINGS.replace(r"e^{2 x_k}", r"e^{x_k}").replace(r"e_j + e_k", r"e_j + e^{x_k}")
    assert once != TWO_THINGS
    named = [n for c in check_text(once).chains for n in c.notes]
    assert any("e_j = e^(x_j), as the step on line" in n for n in named), named


def test_einsteins_convention_sums_an_index_two_quantities_share_and_keeps_the_free_one():
    import sympy as sp
    from derivations import symbols as S
    from exercises.check.checker import _einstein
    i, k = sp.symbols("i k", integer=True, positive=True)
    y, q = sp.IndexedBase("y", real=True), sp.IndexedBase("q", real=True)
    summed = _einstein(-y[i] * sp.KroneckerDelta(i, k) + y[i] * q[k], {k})
    (sums,) = summed.atoms(sp.Sum)                        # Σ_i y_i δ_ik; y_i q_k keeps its free i
    assert sums.limits[0][1:] == (1, S.n) and sums.function.has(sp.KroneckerDelta)
    assert summed - sums == y[i] * q[k]
    assert _einstein(-y[k] * q[k], {k}) == -y[k] * q[k]     # the chain's own index: never summed
    assert isinstance(_einstein(y[i] * q[i], set()), sp.Sum) and _einstein(y[i] * q[i], set()).limits[0][2] == S.n
