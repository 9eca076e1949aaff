"""Issue 20: a learner's derivation written with row vectors and matrices (Matt Petersen's softmax
with cross-entropy: ``\\text{diag}(\\mathbf s) - \\mathbf s^\\top \\mathbf s``, ``-\\mathbf y \\log
\\mathbf s^\\top``, ``\\nabla_{\\mathbf s} H \\ \\mathbf J_{\\mathbf x}(\\mathbf s)``), read entry by entry
(exercises.check.matrices). Each reading both ways: the right step follows; a false variant (a sign,
a missing transpose, a wrong factor) does not, and is wrong only with a counterexample, else
undecided with a reason in plain words."""
from __future__ import annotations

import pytest
import sympy as sp

from exercises.check import matrices
from exercises.check.matrices import Shape, Unread
from checked_steps import read, steps


def named(expr):
    """An expression with its summed indices by their names (each reading makes fresh ones)."""
    return expr.xreplace({d: sp.Symbol(d.name, **d.assumptions0) for d in expr.atoms(sp.Dummy)})


def entry(text: str):
    """A part's shape, and its entry (i, j) as the reader reads it."""
    node = matrices.read(text)
    return node.shape, named(read(node.entry(matrices.ROW, matrices.COLUMN)))


# --------------------------------------------------------------------------- shapes and entries

@pytest.mark.parametrize("written, shape, component", [
    (r"\text{diag}(\mathbf s) - \mathbf s^\top \mathbf s", Shape.MATRIX, r"\delta_{ij} s_i - s_i s_j"),
    (r"\mathbf s^\top \mathbf s", Shape.MATRIX, r"s_i s_j"),                     # a column times a row
    (r"-\mathbf y \log \mathbf s^\top", Shape.SCALAR, r"-\sum_k y_k \log s_k"),  # a row times a column
    (r"-\frac{\mathbf y}{\mathbf s}", Shape.ROW, r"-\frac{y_j}{s_j}"),
    (r"\operatorname{diag}\left(\frac{\mathbf 1}{\mathbf s}\right)", Shape.MATRIX, r"\delta_{ij} \frac{1}{s_i}"),
    (r"\mathbf J_{\mathbf x}(\mathbf s)", Shape.MATRIX, r"\frac{\partial s_i}{\partial x_j}"),
    (r"\nabla_{\mathbf s} H", Shape.ROW, r"\frac{\partial H}{\partial s_j}"),
    (r"H(\mathbf y, \mathbf s)", Shape.SCALAR, "H"),
])
def test_each_form_is_read_as_its_entries(written, shape, component):
    assert entry(written) == (shape, named(read(component)))


def test_the_gradient_of_a_row_of_its_own_entries_is_diagonal():
    shape, value = entry(r"\nabla_{\mathbf s} \log \mathbf s")
    assert shape == Shape.MATRIX and value == named(read(r"\frac{\partial}{\partial s_j} \log s_i"))


def test_a_gradient_takes_the_longest_run_of_factors_it_is_defined_for():
    # ∇_s y log s^T: the gradient of the scalar y log s^T (a row), not (∇_s y) log s^T (a column)
    shape, value = entry(r"\nabla_{\mathbf s} \mathbf y \log \mathbf s^\top")
    assert shape == Shape.ROW and value == named(read(r"\frac{\partial}{\partial s_j} \sum_k y_k \log s_k"))
    # ∇_s H J: the gradient of a matrix is not defined, so (∇_s H) J, a row
    shape, value = entry(r"\nabla_{\mathbf s} H \ \mathbf J_{\mathbf x}(\mathbf s)")
    assert shape == Shape.ROW
    assert value == named(read(r"\sum_k \frac{\partial H}{\partial s_k} \frac{\partial s_k}{\partial x_j}"))


@pytest.mark.parametrize("written, why", [
    (r"\mathbf s \mathbf s", "sizes do not match"),                               # a row times a row
    (r"\text{diag}(\mathbf s) - \mathbf s \mathbf s^\top", "shapes do not match"),  # a matrix minus a number
    (r"\mathbf s^\top - \mathbf s", "shapes do not match"),
    (r"\mathbf y \ \mathbf S^{\text{repeated row}}", "not read entry by entry"),  # a matrix named in words
    (r"\mathbf y \mathbf S", "not defined entry by entry"),
    # a row's gradient laid out one way or the other: read only where it is diagonal (∇_s log s)
    (r"\nabla_{\mathbf x} \mathbf s", "which way it is laid out"),
    (r"\nabla_{\mathbf s} \frac{\mathbf s}{\mathbf s \mathbf s^\top}", "which way it is laid out"),
])
def test_what_has_no_entries_says_why(written, why):
    with pytest.raises(Unread) as caught:
        matrices.read(written)
    assert why in str(caught.value)


def test_only_a_text_that_says_its_vectors_are_rows_is_read_so():
    assert matrices.says_rows("Softmax takes a row vector x")
    assert not matrices.says_rows("a vector x")
    assert not matrices.says_rows("a row vector x, and a column vector y")


# --------------------------------------------------------------------------- in a derivation

DOC = r"""# Softmax in row vectors

Softmax takes a row vector $\mathbf x$ to the row $\mathbf s$:

$$
s(\mathbf x)_i = \frac{e^{x_i}}{\sum e^{x_j}}
$$

From here on $s_i$ stands for $s(\mathbf x)_i$.

## The cost

$$
H(\mathbf y, \mathbf s) = -\sum_{i=1}^n y_i \log s_i = LOGSUM
$$

## The Jacobian

$$
\mathbf J_{\mathbf x}(\mathbf s) = JAC
$$

## The gradient

$$
\nabla_{\mathbf s} H = GRAD
$$

$$
\nabla_{\mathbf x} H = CHAIN
$$

$$
\nabla_{\mathbf x} H = \frac{\mathbf y}{\mathbf s} \mathbf s^\top \mathbf s - \frac{\mathbf y}{\mathbf s} \ \text{diag}(\mathbf s) = END
$$
"""
RIGHT = dict(
    LOGSUM=r"-\mathbf y \log \mathbf s^\top",
    JAC=r"\text{diag}(\mathbf s) - \mathbf s^\top \mathbf s",
    GRAD=(r"-\nabla_{\mathbf s} \mathbf y \log \mathbf s^\top = -\mathbf y \nabla_{\mathbf s} \log \mathbf s"
          r" = -\mathbf y \ \text{diag}\left(\frac{\mathbf 1}{\mathbf s}\right) = -\frac{\mathbf y}{\mathbf s}"),
    CHAIN=r"\nabla_{\mathbf s} H \ \mathbf J_{\mathbf x}(\mathbf s)",
    END=r"\mathbf s - \mathbf y")
# line of each step in DOC
LOGSUM, JAC, GRAD, CHAIN, END = 14, 20, 26, 30, 34


def verdicts(**changed) -> dict:
    text = DOC
    for name, value in {**RIGHT, **changed}.items():
        text = text.replace(name, value)
    out: dict = {}
    for s in steps(text):
        out.setdefault(s.line, []).append(s)
    return out


@pytest.fixture(scope="module")
def right():
    return verdicts()


@pytest.mark.slow
def test_every_step_of_the_row_vector_derivation_follows(right):
    assert [s.verdict for s in right[LOGSUM]] == ["definition", "follows"]
    for line in (JAC, CHAIN):
        assert [s.verdict for s in right[line]] == ["follows"]
    assert [s.verdict for s in right[GRAD]] == ["follows"] * 4       # ∇_s H = ... = -y/s, each step
    assert [s.verdict for s in right[END]] == ["follows"] * 2        # the last with y one-hot


@pytest.fixture(scope="module")
def slipped():
    """A slip in each chain: a sign, a plus for a minus, the Jacobian left out, s and y swapped."""
    return verdicts(LOGSUM=r"\mathbf y \log \mathbf s^\top",
                    JAC=r"\text{diag}(\mathbf s) + \mathbf s^\top \mathbf s",
                    GRAD=r"-\frac{\mathbf s}{\mathbf y}",
                    CHAIN=r"\nabla_{\mathbf s} H",
                    END=r"\mathbf y - \mathbf s")


@pytest.mark.slow
def test_a_slip_in_a_row_vector_step_does_not_follow(slipped):
    for line in (LOGSUM, JAC, GRAD, CHAIN, END):
        last = slipped[line][-1]
        assert last.verdict != "follows", (line, last.reason)
        assert last.verdict in ("wrong", "undecided"), (line, last.verdict)
        if last.verdict == "wrong":
            assert last.counterexample, (line, last.reason)
    # the cost's sign, the Jacobian's off-diagonal sign, s - y turned round: each shown false
    assert [slipped[line][-1].verdict for line in (LOGSUM, JAC, END)] == ["wrong"] * 3


@pytest.mark.slow
def test_a_missing_transpose_that_changes_the_shape_stays_undecided_and_says_why():
    said = verdicts(LOGSUM=r"-\mathbf y^\top \log \mathbf s",                   # an outer product, a matrix
                    JAC=r"\text{diag}(\mathbf s) - \mathbf s \mathbf s^\top",     # a matrix minus a number
                    CHAIN=r"\mathbf s^\top")                                     # a column for a row
    assert [s.verdict for s in said[LOGSUM]] == ["definition", "undecided"]
    assert "different shapes" in said[LOGSUM][1].reason
    assert said[JAC][0].verdict == "undecided" and "shapes do not match" in said[JAC][0].reason
    assert said[CHAIN][0].verdict == "undecided" and "different shapes" in said[CHAIN][0].reason


@pytest.mark.slow
def test_a_text_that_does_not_say_its_vectors_are_rows_is_not_read_so():
    text = DOC.replace(" in row vectors", "").replace("a row vector", "a vector").replace("to the row", "to")
    for name, value in RIGHT.items():
        text = text.replace(name, value)
    said = [s for s in steps(text) if s.line == JAC]
    assert [s.verdict for s in said] == ["undecided"] and "vector" in said[0].reason


# --------------------------------------------------------------------------- s(\mathbf x + c)_i

SHIFT = r"""# Softmax

$$
s(\mathbf x)_i = \frac{e^{x_i}}{\sum e^{x_j}}
$$

## Invariance

Adding a constant $c$ to every entry of $\mathbf x$:

$$
s(\mathbf x + c)_i = RIGHT
$$
"""


def test_a_function_of_a_vector_at_a_shifted_point_is_its_definition_there():
    from exercises.check.latex import Source
    defined = matrices.vector_function(r"s(\mathbf x)_i", r"\frac{e^{x_i}}{\sum e^{x_j}}")
    assert defined == ("s", "x", "i", r"\frac{e^{x_i}}{\sum e^{x_j}}")
    shifted = matrices.at_shifted_point(Source.at(r"s(\mathbf x + c)_i", 0), defined).text
    assert named(read(shifted)) == named(read(r"\frac{e^{x_i + c}}{\sum_j e^{x_j + c}}"))
    # another index letter, another function, another vector: left as written (read elsewhere or refused)
    for other in (r"s(\mathbf x + c)_j", r"t(\mathbf x + c)_i", r"s(\mathbf z + c)_i"):
        assert matrices.at_shifted_point(Source.at(other, 0), defined).text == other


@pytest.mark.slow
def test_the_softmax_at_x_plus_c_follows_and_a_slip_does_not():
    said = steps(SHIFT.replace("RIGHT", r"\frac{e^{x_i + c}}{\sum e^{x_j + c}}"))
    assert [s.verdict for s in said] == ["definition", "follows"]
    slip = steps(SHIFT.replace("RIGHT", r"\frac{e^{x_i}}{\sum e^{x_j + c}}"))       # the numerator's c lost
    assert slip[1].verdict in ("wrong", "undecided") and slip[1].verdict != "follows"
    if slip[1].verdict == "wrong":
        assert slip[1].counterexample
