"""`nndl check` under every claim of `nndl prove`: each id has a context derived from the claim's
own Statement (activation, standing assumptions, targets), a correct chain follows and reaches
the claim, a wrong one is wrong; and a cost with a and y swapped is wrong wherever it appears."""
import pytest

from exercises.check.contexts import by_id, from_heading
from exercises.check.derivations import check_text
from exercises.registry import all_claims, ids
from nndl.cli import main


def verdicts(report):
    return [s.verdict for c in report.chains for s in c.steps if not s.claim]


@pytest.mark.parametrize("claim_id", ids())
def test_every_id_of_nndl_prove_has_a_context_and_its_title_names_it(claim_id):
    ctx = by_id(claim_id)
    assert ctx.id == claim_id and ctx.targets, claim_id
    title = next(c.title for c in all_claims() if c.id == claim_id)
    assert from_heading(title).id == claim_id


NONLOCAL = r"""# Non-locality of softmax

For $k \neq j$:
$$\frac{\partial a_j}{\partial z_k} = -a_j a_k < 0$$
"""


def test_nonlocality_a_right_chain_follows_and_reaches_the_claim_a_wrong_one_is_wrong():
    report = check_text(NONLOCAL)
    (chain,) = report.chains
    assert chain.exercise == "softmax-nonlocality"
    assert verdicts(report) == ["follows", "follows"]
    assert chain.conclusion["reached"] is True and "≠ 0" in chain.conclusion["target"]
    assert not report.failed
    wrong = check_text(NONLOCAL.replace("-a_j a_k < 0", "a_j a_k > 0"))
    assert verdicts(wrong)[0] == "wrong" and wrong.failed
    assert wrong.chains[0].steps[0].counterexample["point"]


def test_the_command_accepts_a_new_id(tmp_path, capsys):
    path = tmp_path / "nl.md"
    path.write_text("For $k \\neq j$:\n$$\\frac{\\partial a_j}{\\partial z_k} = -a_j a_k$$\n")
    assert main(["check", "--exercise", "softmax-nonlocality", str(path)]) == 0
    assert "checked as exercise softmax-nonlocality" in capsys.readouterr().out


@pytest.mark.slow
def test_softmax_inverse_right_and_wrong():
    right = check_text(r"""# Inverting the softmax layer

$$z_j = \ln e^{z_j} = \ln\left(a_j \sum_k e^{z_k}\right) = \ln a_j + \ln \sum_k e^{z_k}$$
""")
    assert verdicts(right) == ["follows"] * 3
    assert right.chains[0].conclusion["reached"] is True
    wrong = check_text(r"$$z_j = \ln a_j - \ln \sum_k e^{z_k}$$", exercise="softmax-inverse")
    assert verdicts(wrong) == ["wrong"] and wrong.chains[0].conclusion["reached"] is False


@pytest.mark.slow
def test_two_class_softmax_is_the_sigmoid_of_the_difference_only():
    right = check_text(r"$$a_1 = \frac{e^{z_1}}{e^{z_1} + e^{z_2}} = \frac{1}{1 + e^{-(z_1 - z_2)}}"
                       r" = \sigma(z_1 - z_2)$$", exercise="two-class-softmax-is-logistic")
    assert verdicts(right) == ["follows"] * 3
    assert right.chains[0].conclusion["reached"] is True
    wrong = check_text(r"$$a_1 = \sigma(z_2 - z_1)$$", exercise="two-class-softmax-is-logistic")
    assert verdicts(wrong) == ["wrong"]


@pytest.mark.slow
def test_sigmoid_derivative_bound_and_shift_invariance():
    bound = check_text(r"$$\sigma'(0) = \sigma(0)(1 - \sigma(0)) = \frac{1}{2} \cdot \frac{1}{2} = \frac{1}{4}$$",
                       exercise="sigmoid-derivative-bound")
    assert verdicts(bound) == ["follows"] * 3 and bound.chains[0].conclusion["reached"] is True
    assert verdicts(check_text(r"$$\sigma'(0) = \frac{1}{2}$$", exercise="sigmoid-derivative-bound")) == ["wrong"]
    shift = check_text(r"$$\frac{e^{z_j - m}}{\sum_k e^{z_k - m}} = \frac{e^{-m} e^{z_j}}{e^{-m} \sum_k e^{z_k}}"
                       r" = \frac{e^{z_j}}{\sum_k e^{z_k}}$$", exercise="softmax-shift-invariance")
    assert verdicts(shift) == ["follows"] * 2 and shift.chains[0].conclusion["reached"] is True
    bad = check_text(r"$$\frac{e^{z_j - m}}{\sum_k e^{z_k - m}} = \frac{e^{z_j}}{\sum_k e^{z_k - m}}$$",
                     exercise="softmax-shift-invariance")
    assert verdicts(bad) == ["wrong"]


# --------------------------------------------------------------------------- a and y swapped

SWAPPED_INSIDE = r"""<!-- nndl: cross-entropy-gradient -->
$$
\begin{aligned}
\frac{\partial C}{\partial a_j} &= \frac{\partial}{\partial a_j}\left(-\sum_k \left[a_k \ln y_k + (1-a_k)\ln(1-y_k)\right]\right) \\
&= -\ln y_j + \ln(1 - y_j)
\end{aligned}
$$
"""


@pytest.mark.slow
def test_a_and_y_swapped_inside_a_derivative_is_wrong_with_the_hint():
    report = check_text(SWAPPED_INSIDE)
    assert verdicts(report) == ["wrong", "wrong"] and report.failed
    for step in report.chains[0].steps:
        assert step.hint.startswith("a and y are swapped")
        assert step.counterexample["point"]
    right = check_text(SWAPPED_INSIDE.replace(r"a_k \ln y_k + (1-a_k)\ln(1-y_k)", r"y_k \ln a_k + (1-y_k)\ln(1-a_k)")
                       .replace(r"-\ln y_j + \ln(1 - y_j)", r"-\frac{y_j}{a_j} + \frac{1 - y_j}{1 - a_j}"))
    assert verdicts(right) == ["follows", "follows"]
