"""Planted slips found at their step (issue 20): each reading that lets `nndl check` find a slip it
left undecided before has a small text here, the slip found wrong with a counterexample that meets
what the text states, and the same text with the step right not called wrong (so no reading can
pass by calling everything wrong)."""
from __future__ import annotations

import pytest

from exercises.check.derivations import check_text
from checked_steps import steps


def verdict_of(text: str, source: str, exercise: str | None = None):
    """The verdict of the step written `source` (spaces and a closing full stop ignored)."""
    want = source.replace(" ", "")
    found = [s for s in steps(text, exercise) if s.source.replace(" ", "").rstrip(".,") == want]
    assert found, f"no step {source!r} in {[s.source for s in steps(text, exercise)]}"
    return found[0]


# --------------------------------------------------------------------------- another case's condition

CASES = r"""## Differentiating the softmax

The softmax:
\[p_i = \frac{ \exp (o_i) }{\sum_j \exp(o_j) }\]
If $i = k$,
\[\frac{\partial p_i}{\partial o_k} = p_k (1 - p_k)\]
If $i \neq k$,
\[\frac{\partial p_i}{\partial o_k} = \frac{ - \exp (o_k) \exp (o_i) }{(\sum_j \exp(o_j))^2} = {END}\]
"""


@pytest.mark.slow
def test_the_other_cases_condition_does_not_save_a_slip_under_its_own_case():
    """Under "If i ≠ k", the text's "If i = k" a display above is another case's condition: the
    slip -p_k^2 for -p_k p_i is wrong, at a point with i ≠ k."""
    slip = verdict_of(CASES.replace("{END}", "- p_k^2"),
                      r"\frac{ - \exp (o_k) \exp (o_i) }{(\sum_j \exp(o_j))^2} = - p_k^2")
    assert slip.verdict == "wrong"
    point = slip.counterexample["point"]
    assert point["i"] != point["k"]
    right = verdict_of(CASES.replace("{END}", "- p_k p_i"),
                       r"\frac{ - \exp (o_k) \exp (o_i) }{(\sum_j \exp(o_j))^2} = - p_k p_i")
    assert right.verdict == "follows"


def test_assumed_or_contrary_reads_the_chains_conditions():
    import sympy as sp
    from exercises.check.checker import _assumed_or_contrary
    from exercises.check.meaning import Conditions
    i, k, j = sp.symbols("i k j", integer=True)
    unequal = Conditions(unequal=[(i, k)])
    assert _assumed_or_contrary(unequal, sp.Eq(i, k)) and _assumed_or_contrary(unequal, sp.Ne(k, i))
    assert not _assumed_or_contrary(unequal, sp.Eq(i, j)) and not _assumed_or_contrary(unequal, sp.Gt(i, 0))
    equal = Conditions(equal={k: i})
    assert _assumed_or_contrary(equal, sp.Ne(i, k)) and not _assumed_or_contrary(equal, sp.Ne(i, j))


# --------------------------------------------------------------------------- a definition laid out as a list item

LISTED = r"""# Gradients of a softmax classifier

* The output layer is a softmax
    * $\displaystyle\hat{y_i} = \operatorname{softmax}(\mathbb{\theta})_i = \frac{\exp(\theta_i)}{\displaystyle\sum_{j=1}^3 \exp(\theta_j)} ,\forall i=1, 2, 3$

## Working it out

(with the shorthand $\sum_K = \displaystyle\sum_{j=1}^{K}\exp(\theta_j)$, here K = 3)

$i \neq j$

$$
\frac{\partial \hat{y_i}}{\partial \theta_j} = -\frac{\exp(\theta_i)}{\sum_K} \frac{\exp(\theta_j)}{\sum_K} = {END}
$$
"""


@pytest.mark.slow
def test_a_definition_in_a_list_item_of_the_enclosing_section_is_the_texts_own():
    """ŷ_i defined in a list item of the section above ("# ..." over "## Working it out"), its value
    the first part of `name = ... = value` that reads: the sign slip is wrong, at a point of the
    text's three classes with i ≠ j; the right step is not wrong."""
    slip = verdict_of(LISTED.replace("{END}", r"\hat{y_i}\hat{y_j}"),
                      r"-\frac{\exp(\theta_i)}{\sum_K} \frac{\exp(\theta_j)}{\sum_K} = \hat{y_i}\hat{y_j}")
    assert slip.verdict == "wrong"
    point = slip.counterexample["point"]
    assert point["i"] != point["j"] and point["n"] == 3 and {"theta_1", "theta_2", "theta_3"} <= set(point)
    right = verdict_of(LISTED.replace("{END}", r"-\hat{y_i}\hat{y_j}"),
                       r"-\frac{\exp(\theta_i)}{\sum_K} \frac{\exp(\theta_j)}{\sum_K} = -\hat{y_i}\hat{y_j}")
    assert right.verdict != "wrong"


@pytest.mark.slow
def test_without_the_definition_the_same_slip_is_not_called_wrong():
    """The list item removed, ŷ is a letter the text does not define: the slip is not wrong."""
    text = LISTED.replace("{END}", r"\hat{y_i}\hat{y_j}")
    text = "\n".join(line for line in text.split("\n") if "operatorname" not in line)
    slip = verdict_of(text, r"-\frac{\exp(\theta_i)}{\sum_K} \frac{\exp(\theta_j)}{\sum_K} = \hat{y_i}\hat{y_j}")
    assert slip.verdict != "wrong"


def test_enclosing_preambles_are_the_outer_headings_text_before_their_first_subheading():
    from types import SimpleNamespace
    from exercises.check.scopes import enclosing_preambles
    text = "# A\nouter $x = 1$\n## B\nsibling\n## C\ninner\n### D\nhere\n"
    doc = SimpleNamespace(path="t.md", text=text)
    found = [s.text for s in enclosing_preambles(doc, text.index("here"))]
    assert found == ["## C\ninner\n", "# A\nouter $x = 1$\n"]      # never the sibling section B
    tex = SimpleNamespace(path="t.tex", text="\\section{A} a \\subsection{B} b")
    assert [s.text for s in enclosing_preambles(tex, tex.text.index(" b"))] == ["\\section{A} a "]


# --------------------------------------------------------------------------- the problem's bold title names the exercise

TITLED = r"""#### Problems

* **Backpropagation with softmax: the output error under the log-likelihood cost** Running
  backpropagation on a network with a softmax layer needs a formula
  for the last layer's error $\delta^L_j \equiv \partial C / \partial z^L_j$.
  Prove that this one works:
  \begin{eqnarray}
    \delta^L_j = {END}.
  \end{eqnarray}
"""


@pytest.mark.slow
def test_the_title_of_the_problem_a_display_stands_in_names_its_exercise():
    slip = verdict_of(TITLED.replace("{END}", r"(a^L_j -y_j)\sigma'(z^L_j)"), r"\delta^L_j = (a^L_j -y_j)\sigma'(z^L_j)")
    assert slip.verdict == "wrong"
    point = slip.counterexample["point"]
    labels = [v for k, v in point.items() if k.startswith("y_")]
    assert sorted(labels)[-1] == 1 and sum(labels) == 1 and point["n"] >= 2      # y one-hot, n >= 2
    right = verdict_of(TITLED.replace("{END}", r"a^L_j -y_j"), r"\delta^L_j = a^L_j -y_j")
    assert right.verdict == "follows"


def test_item_title_only_while_the_chain_stands_in_the_item():
    from exercises.check.checker import item_title
    assert item_title("* **Linear neurons** Prove\n  that\n  ") == "Linear neurons"
    assert item_title("* **Linear neurons** Prove\nthat, out of the item,\n") is None
    assert item_title("No list here.\n") is None


# --------------------------------------------------------------------------- C ≡ −ln a^L_y, the softmax displayed above

LIKELIHOOD = r"""## The softmax layer

With the softmax, output neuron $j$ has the activation
\begin{eqnarray}
  a^L_j = \frac{e^{z^L_j}}{\sum_k e^{z^L_k}},
\tag{78}\end{eqnarray}

#### Problem

Here is the log-likelihood cost:
\begin{eqnarray}
  C \equiv -\ln a^L_y.
\tag{80}\end{eqnarray}
with $y$ the vector with a $1$ at the true class and $0$s elsewhere,
\begin{eqnarray}
  \frac{\partial C}{\partial b^L_j} & = & {END}
\end{eqnarray}
"""


@pytest.mark.slow
def test_a_cost_defined_with_equiv_and_the_softmax_of_the_enclosing_section():
    """C ≡ −ln a^L_y (y the true class, tied to the one-hot y_j) and a_j the softmax displayed under
    the enclosing heading: the swapped difference is wrong at a point where y_j is 1 at the true
    class; the book's a_j − y_j follows."""
    slip = verdict_of(LIKELIHOOD.replace("{END}", "y_j-a^L_j"), r"\frac{\partial C}{\partial b^L_j} & = & y_j-a^L_j")
    assert slip.verdict == "wrong"
    point = slip.counterexample["point"]
    assert "ỹ" in point and not any(k.startswith("y_") and v != (1 if k == f"y_{point['ỹ']}" else 0)
                                    for k, v in point.items())
    right = verdict_of(LIKELIHOOD.replace("{END}", "a^L_j-y_j"), r"\frac{\partial C}{\partial b^L_j} & = & a^L_j-y_j")
    assert right.verdict == "follows"


def test_the_index_y_of_a_is_the_true_class():
    import sympy as sp
    from derivations import symbols as S
    from exercises.check.checker import _true_class
    from exercises.check.latex import LABEL
    y = sp.Symbol("y", integer=True)
    assert _true_class(-sp.log(S.a[y])) == -sp.log(S.a[LABEL])
    assert _true_class(S.y[S.j] - S.a[S.j]) == S.y[S.j] - S.a[S.j]


# --------------------------------------------------------------------------- the registry of the chapter's usual slips

def _valid_point(point: dict, classes: bool = True, one_hot: bool = True) -> bool:
    """A counterexample meets the exercise's standing assumptions: n >= 2 classes (a softmax's), the
    labels y_k one-hot (each 0 or 1, exactly one 1 when every y_1..y_n is given) where the exercise's
    cost says so, every value real."""
    if classes and "n" in point and point["n"] < 2:
        return False
    labels = {k: v for k, v in point.items() if k.startswith("y_")}
    if one_hot and (any(v not in (0, 1) for v in labels.values()) or sum(labels.values()) > 1):
        return False
    if one_hot and "n" in point and len(labels) == point["n"] and sum(labels.values()) != 1:
        return False
    return all(not isinstance(v, complex) for v in point.values())


def _standing(exercise: str) -> dict:
    """What the exercise assumes of a point: n >= 2 classes (the softmax's), y one-hot (its premise)."""
    import sympy as sp
    from derivations import symbols as S
    from derivations.models import ONE_HOT
    from exercises.check import contexts
    ctx = contexts.by_id(exercise)
    return {"classes": sp.Ge(S.n, 2) in ctx.assumptions, "one_hot": ONE_HOT in ctx.premises}


@pytest.mark.slow
@pytest.mark.parametrize("slip", __import__("exercises.check.hints", fromlist=["SLIPS"]).SLIPS, ids=lambda s: s.name)
def test_each_registered_slip_is_found_at_its_step_with_a_valid_counterexample(slip):
    """Every slip of the registry (hints.SLIPS: the sign of the gradient, σ' missing or extra, the
    j = k and j ≠ k cases mixed, a dropped 1/n, log for ln, ...), its planted example fed to the
    checker: wrong at its one step, at a point that meets the exercise's standing assumptions, where
    the two sides shown differ."""
    report = check_text(slip.example, exercise=slip.exercise)
    (step,) = [s for c in report.chains for s in c.steps if not s.claim]
    assert step.verdict == "wrong" and step.line == 1
    assert step.hint is not None and step.hint.startswith(slip.hint_starts), step.hint
    cex = step.counterexample
    assert cex and _valid_point(cex["point"], **_standing(slip.exercise)), cex
    if "left" in cex:
        assert abs(cex["left"] - cex["right"]) > 1e-9 * max(1.0, abs(cex["left"]), abs(cex["right"]))


def test_the_registry_has_the_chapters_usual_slips():
    from exercises.check.hints import SLIPS
    names = {s.name for s in SLIPS}
    for usual in ("the gradient's sign (y − a for a − y)", "σ' missing", "the cases j = k and j ≠ k mixed",
                  "a dropped 1/n", "log to base 10 for ln"):
        assert usual in names
    assert len({s.example for s in SLIPS}) == len(SLIPS)       # one planted example per slip


def test_valid_point_rejects_what_the_chapter_rules_out():
    assert _valid_point({"n": 2, "y_1": 1, "y_2": 0, "z_1": 0.3})
    assert not _valid_point({"n": 1, "y_1": 1})
    assert not _valid_point({"n": 2, "y_1": 0.5, "y_2": 0.5})
    assert not _valid_point({"n": 2, "y_1": 0, "y_2": 0})
    assert not _valid_point({"n": 2, "z_1": complex(0.1, 1.0)})
    assert _valid_point({"n": 1, "y_1": 0.4}, classes=False, one_hot=False)     # one sigmoid neuron, y in (0, 1)
    assert _standing("softmax-log-likelihood-gradient") == {"classes": True, "one_hot": True}
    assert _standing("quadratic-gradient") == {"classes": False, "one_hot": False}


def test_the_texts_own_softmax_over_classes_1_to_k_is_written_over_1_to_n():
    """e^{θ_i} / Σ_{j=1}^{3} e^{θ_j} becomes the chapter's sum over 1..n (with n = 3 among the
    chain's conditions), so that the kernel sees one sum where the text writes Σ_{j=1}^{3} and Σ_j."""
    import sympy as sp
    from derivations import symbols as S
    from exercises.check.checker import _classes_counted, _over_classes, softmax_class_range
    from exercises.check.meaning import Conditions
    j, i = sp.symbols("j i", integer=True)
    theta = sp.IndexedBase("theta")
    value = sp.exp(theta[i]) / sp.Sum(sp.exp(theta[j]), (j, 1, 3))
    assert softmax_class_range(value) == (1, 3)
    assert _over_classes(value, (1, 3)) == sp.exp(theta[i]) / sp.Sum(sp.exp(theta[j]), (j, 1, S.n))
    assert _over_classes(value, (0, 3)) == value                     # classes 0..9 are not 1..n
    conds = Conditions()
    _classes_counted(conds, (1, 3))
    assert conds.other == [sp.Eq(S.n, 3)]
    assert softmax_class_range(sp.Sum(theta[j], (j, 1, 3))) is None   # a sum, not a softmax
