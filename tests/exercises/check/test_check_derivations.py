"""`nndl check` on learners' derivations: the chains found, each step's verdict, the planted
errors found at the planted step with a counterexample and the hint, bad input, and the command's
exit status and JSON. The files are in tests/exercises/check/learners/derivations (written for these tests)."""
import json
from pathlib import Path

import pytest

from derivations.errors import NndlError
from exercises.check.derivations import check_files, check_text
from nndl.cli import main

LEARNERS = Path(__file__).parent / "learners" / "derivations"


class Checked(dict):
    """{file name in LEARNERS: its report}, each file checked the first time a test reads it and
    kept for the others (the checks are the slow part; a file only slow tests read is not checked
    in the daily loop)."""

    def __missing__(self, name: str):
        report = self[name] = check_files([LEARNERS / name])
        return report


@pytest.fixture(scope="module")
def reports() -> Checked:
    return Checked()


def verdicts(chain):
    return [s.verdict for s in chain.steps if not s.claim]


# --------------------------------------------------------------------------- right as written

@pytest.mark.slow
def test_a_right_sigmoid_derivative_follows_step_by_step_and_reaches_the_claim(reports):
    report = reports["sigmoid.md"]
    assert not report.failed
    (chain,) = report.chains
    assert chain.exercise == "sigmoid-derivative"
    assert verdicts(chain) == ["follows"] * 5
    assert [s.line for s in chain.steps] == [7, 8, 9, 10, 11]
    assert chain.conclusion["reached"] is True


@pytest.mark.slow
def test_latex_file_sections_name_the_exercises_and_a_right_chain_reaches_delta(reports):
    first = reports["gradients.tex"].chains[0]
    assert first.exercise == "cross-entropy-gradient"
    assert verdicts(first) == ["follows"] * 4
    assert first.conclusion["reached"] is True and first.conclusion["target"] == "∂C/∂z_j = a_j - y_j"


@pytest.mark.slow
def test_notebook_cells_conditions_from_the_prose_and_the_true_class(reports):
    chains = reports["softmax.ipynb"].chains
    assert [c.cell for c in chains] == [3, 3, 4, 5]
    same, apart, mixed, label = chains
    assert "assumed, as the text says: j = k (line 1)" in same.notes
    assert "assumed, as the text says: k ≠ j (line 5)" in apart.notes
    assert verdicts(same) == ["follows"] * 3 and same.conclusion["reached"] is True
    assert verdicts(apart) == ["follows"] * 2 and apart.conclusion["target"] == "∂a_j/∂z_k = -a_j a_k"
    assert label.exercise == "softmax-log-likelihood-gradient"
    assert verdicts(label) == ["follows"] * 3 and label.conclusion["reached"] is True


# --------------------------------------------------------------------------- planted errors

@pytest.mark.slow
def test_a_planted_sign_error_is_wrong_at_its_step_with_both_sides_and_the_hint(reports):
    (chain,) = reports["sigmoid_planted.md"].chains
    assert verdicts(chain) == ["follows", "wrong", "wrong", "wrong"]
    sign = chain.steps[1]
    assert sign.line == 7 and sign.column == 2 and sign.relation == "="
    cex = sign.counterexample
    assert set(cex["point"]) == {"z"}
    assert cex["left"] == pytest.approx(-cex["right"], rel=1e-9) and cex["left"] != 0
    assert "d/dz e^{-z} = -e^{-z}" in sign.hint
    assert sign.equals_start is False                   # the error is carried ...
    assert chain.steps[2].equals_start is True          # ... and undone by the next slip
    assert chain.steps[3].equals_start is False         # σ(1 + σ): wrong again
    assert chain.conclusion["reached"] is False
    text = reports["sigmoid_planted.md"].text()
    assert "| &= \\frac{e^{-z} \\cdot (-1)}{(1 + e^{-z})^2} \\\\\n    |  ^" in text
    assert "this line equals the chain's start again" in text


def test_sigma_prime_missing_and_a_lost_one_over_n_are_found_with_their_hints(reports):
    _, averaged, quadratic = reports["gradients.tex"].chains
    assert verdicts(averaged) == ["follows", "wrong"]
    assert averaged.steps[1].hint.startswith("a factor 1/n is lost")
    assert quadratic.exercise == "quadratic-gradient"
    assert verdicts(quadratic) == ["follows", "follows", "wrong"]
    assert quadratic.steps[2].line == 24
    assert quadratic.steps[2].hint.startswith("σ'(z_j) is missing")
    assert quadratic.conclusion["reached"] is False


def test_the_j_equals_k_case_written_for_every_k_is_wrong_with_the_hint(reports):
    mixed = reports["softmax.ipynb"].chains[2]
    (step,) = mixed.steps
    assert step.verdict == "wrong"
    point = step.counterexample["point"]
    assert point["j"] != point["k"]                     # the counterexample is a case j != k
    assert step.hint.startswith("this holds only when j = k")


@pytest.mark.slow
def test_ties_forgotten_as_c_grows(reports):
    (chain,) = reports["temperature.md"].chains
    assert "assumed, as the text says: z_1 = z_2 (line 3)" in chain.notes
    (step,) = chain.steps
    assert step.verdict == "wrong"
    assert "1/2" in step.reason
    assert "1/m" in step.hint


def test_a_and_y_swapped_in_the_cross_entropy_is_never_called_right(reports):
    (chain,) = reports["swapped.md"].chains
    (step,) = chain.steps
    assert step.verdict == "wrong"            # ln y_j at y_j = 0: no value; that is the error
    assert step.counterexample["point"] and "ln 0" in step.reason
    assert step.hint.startswith("a and y are swapped")
    assert reports["swapped.md"].failed


def test_an_unreadable_part_is_reported_with_its_line_and_column(reports):
    report = reports["unreadable.md"]
    (chain,) = report.chains
    assert verdicts(chain) == ["unparsed", "unparsed"]
    assert (chain.steps[0].line, chain.steps[0].column) == (4, 7)
    assert "\\operatornam" in chain.steps[0].reason
    assert not report.failed            # unread: a warning (exit 0), a failure only under --strict


# --------------------------------------------------------------------------- one chain, two exercises

QUADRATIC_CHAIN = r"""
$$
\frac{\partial C}{\partial b_j} = \frac{\partial C}{\partial a_j} \frac{\partial a_j}{\partial z_j}
  = (a_j - y_j)\, \sigma'(z_j)
$$
"""


@pytest.mark.slow
def test_the_quadratic_chain_is_right_for_its_exercise_and_wrong_as_a_cross_entropy_solution():
    right = check_text(QUADRATIC_CHAIN, exercise="quadratic-gradient")
    wrong = check_text(QUADRATIC_CHAIN, exercise="cross-entropy-gradient")
    assert verdicts(right.chains[0]) == ["follows", "follows"] and right.chains[0].conclusion["reached"]
    assert verdicts(wrong.chains[0]) == ["follows", "wrong"]
    assert wrong.chains[0].steps[1].hint.startswith("σ'(z_j) is extra")
    assert not right.failed and wrong.failed


# --------------------------------------------------------------------------- relations, forms

@pytest.mark.slow
def test_inequalities_and_implications_are_judged():
    text = r"""
# Monotonicity of softmax

If $j = k$:
$$\frac{\partial a_j}{\partial z_j} = a_j (1 - a_j) > 0$$

and for $j \neq k$, $$\frac{\partial a_j}{\partial z_k} = -a_j a_k \ge 0$$
"""
    first, second = check_text(text).chains
    # a_j(1 - a_j) > 0 needs sum_k e^{z_k} > e^{z_j}: beyond what the primitives decide, so undecided
    assert verdicts(first) == ["follows", "undecided"]
    assert first.conclusion["reached"] is False and "step 2 is undecided" in first.conclusion["text"]
    assert verdicts(second) == ["follows", "wrong"]
    seed_style = check_text(text.replace("a_j (1 - a_j) > 0", r"\frac{e^{z_j} R}{(e^{z_j} + R)^2} > 0")
                            .replace("If $j = k$:", "If $j = k$, with $R > 0$:"))
    # R undefined: the first step is false for most R; with R > 0 assumed, the sign follows
    assert verdicts(seed_style.chains[0]) == ["wrong", "follows"]
    implied = check_text(r"$$\sigma(z) - y = 0 \implies \sigma(z) = y$$")
    assert [s.verdict for s in implied.chains[0].steps] == ["statement", "follows", "statement"]


@pytest.mark.slow
def test_an_underbrace_is_a_claim_and_a_wrong_one_is_found():
    right = check_text(r"$$\frac{d}{dz}\sigma(z) = \underbrace{\frac{1}{1 + e^{-z}}}_{\sigma(z)} "
                       r"\cdot \frac{e^{-z}}{1 + e^{-z}}$$", exercise="sigmoid-derivative")
    claims = [s for s in right.chains[0].steps if s.claim]
    assert len(claims) == 1 and claims[0].verdict == "follows"
    wrong = check_text(r"$$\frac{d}{dz}\sigma(z) = \underbrace{\frac{1}{1 + e^{z}}}_{\sigma(z)} "
                       r"\cdot \frac{e^{-z}}{1 + e^{-z}}$$", exercise="sigmoid-derivative")
    assert [s.verdict for s in wrong.chains[0].steps if s.claim] == ["wrong"]


@pytest.mark.slow
def test_notation_layers_bare_log_and_a_bound_index_reusing_a_free_letter():
    text = r"""
\begin{align*}
\frac{\partial C}{\partial z^L_j} &= \sum_j \frac{\partial C}{\partial a^L_j} \frac{\partial a^L_j}{\partial z^L_j}
  \quad \text{(chain rule)} \\
&= -\sum_{k=1}^{n} y_k \frac{1}{a_k} a_k (\delta_{jk} - a_j) = a_j^L - y_j.
\end{align*}
"""
    report = check_text(text, exercise="softmax-log-likelihood-gradient")
    (chain,) = report.chains
    # sum_j binds its own j: the first step sums over every output, which is wrong for the softmax;
    # the next part is right again, so the second step (from the wrong part) is wrong too
    assert verdicts(chain) == ["wrong", "wrong", "follows"]
    assert chain.steps[2].equals_start is True
    assert check_text(r"$$-\log(a_j) = -\ln a_j$$", exercise="softmax-jacobian").chains[0].steps[0].verdict == "follows"


def test_no_exercise_named_checks_the_algebra_with_every_letter_free():
    report = check_text(r"$$(a + b)^2 = a^2 + 2ab + b^2 = a^2 + b^2$$")
    (chain,) = report.chains
    assert chain.exercise is None
    assert verdicts(chain) == ["follows", "wrong"]


# --------------------------------------------------------------------------- bad input, the command

def test_bad_input_is_an_nndl_error(tmp_path):
    with pytest.raises(NndlError, match="no such file"):
        check_files([tmp_path / "missing.md"])
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    with pytest.raises(NndlError, match="not a Jupyter notebook"):
        check_files([broken])
    with pytest.raises(NndlError, match="no exercise with id 'nope'"):
        check_text("$$a = a$$", exercise="nope")


@pytest.mark.slow
def test_the_command_exit_status_and_json(capsys, tmp_path):
    assert main(["check", str(LEARNERS / "sigmoid.md")]) == 0
    assert "conclusion: reached" in capsys.readouterr().out
    assert main(["check", "--json", str(LEARNERS / "sigmoid_planted.md")]) == 1
    (chain,) = json.loads(capsys.readouterr().out)
    assert set(chain) >= {"file", "cell", "line", "exercise", "steps", "conclusion"}
    assert chain["cell"] is None and chain["exercise"] == "sigmoid-derivative"
    step = chain["steps"][1]
    assert set(step) >= {"line", "source", "relation", "verdict", "reason", "counterexample", "hint"}
    assert step["verdict"] == "wrong" and step["source"] == r"\frac{d}{dz} \frac{1}{1 + e^{-z}} \\ &= " \
        r"\frac{e^{-z} \cdot (-1)}{(1 + e^{-z})^2}"
    assert main(["check", str(tmp_path / "none.md")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["check", "--exercise", "nope", str(LEARNERS / "sigmoid.md")]) == 2
    assert "no exercise with id 'nope'" in capsys.readouterr().err
    empty = tmp_path / "notes.md"
    empty.write_text("# Notes\n\nNo display here, only $a_j$ inline.\n")
    assert main(["check", str(empty)]) == 0
    assert "no displayed derivation found" in capsys.readouterr().out


def test_a_lone_derivative_operator_is_unparsed_not_a_fraction():
    (chain,) = check_text(r"$$\frac{d}{dx} = 3$$").chains
    assert verdicts(chain) == ["unparsed"]


def test_code_blocks_and_comments_are_not_derivations():
    text = "```\n$$ 1 = 2 $$\n```\n<!-- $$ 1 = 2 $$ -->\n`$$1 = 2$$`\n"
    assert check_text(text).chains == []


@pytest.mark.slow
def test_a_max_stands_for_any_number_so_it_proves_but_never_refutes():
    text = r"""# Where does the softmax name come from?

With $M = \max_k z_k$,
$$\frac{e^{c z_j}}{\sum_k e^{c z_k}} = \frac{e^{c (z_j - M)}}{\sum_k e^{c (z_k - M)}}$$
and so $$e^{c (z_j - \max_k z_k)} \le 1$$
"""
    shift, bound = check_text(text).chains
    assert verdicts(shift) == ["follows"]                  # true whatever M is: true for the max
    (step,) = bound.steps
    assert step.verdict == "undecided"                     # false for some M, not for the max
    assert "arbitrary number" in step.reason


@pytest.mark.slow
def test_one_neuron_and_a_definition_after_the_display():
    one = check_text(r"""# Cross-entropy gradient

For a single neuron,
$$\frac{\partial C}{\partial a} = \frac{a - y}{a (1 - a)} = \frac{\sigma(z) - y}{\sigma(z)(1 - \sigma(z))}$$
""")
    assert verdicts(one.chains[0]) == ["follows", "follows"]
    assert any("one output neuron" in note for note in one.chains[0].notes)
    after = check_text(r"""# Monotonicity of softmax

$$\frac{\partial a_1}{\partial z_1} = \frac{e^{z_1} R}{(e^{z_1} + R)^2}$$
where $R = \sum_{k \neq 1} e^{z_k}$.
""")
    assert verdicts(after.chains[0]) == ["follows"]
    assert any(note.startswith("defined in the text: R = ") for note in after.chains[0].notes)
