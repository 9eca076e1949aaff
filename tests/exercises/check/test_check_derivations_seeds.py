"""The derivations of the public texts in shared/seeds, read at run time and taken as learners'
solutions: each right as written, or reported wrong where the text is wrong (with the reason),
and each with planted errors that must be found at the planted step.

000 (notes on Nielsen's chapter 3): the sigmoid derivative (exercise A), the cross-entropy's
dC/da and the quadratic cost's chain rule (section 58.9), the softmax monotonicity chains
(exercise F, where C is a constant, not the cost). 002 (a softmax tutorial, in its own letters:
y for the output, t for the target, xi for the cost, C for the number of classes): the softmax
derivative in its two cases and the cross-entropy's derivative. 004 (a question and answer on the
softmax derivative): its two cases, one with a typo, z^j for z_j. 003 has its formulas stripped:
no displayed derivation is found in it.
"""
from pathlib import Path

import pytest

from exercises.check.derivations import check_text


SEEDS: Path


@pytest.fixture(autouse=True, scope="module")
def _seeds(seeds_dir):
    """The public texts, found once per run (conftest's seeds_dir)."""
    global SEEDS
    SEEDS = seeds_dir


def seed_lines(prefix: str) -> list[str]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").split("\n")


def line(prefix: str, number: int, starts: str) -> str:
    """Line `number` (1-based) of a seed, checked to be the one meant."""
    text = seed_lines(prefix)[number - 1]
    assert text.lstrip().startswith(starts), f"seed {prefix} line {number} has moved"
    return text


def verdicts(report, chain=0):
    return [s.verdict for s in report.chains[chain].steps if not s.claim]


def plant(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} is not once in the text"
    return text.replace(old, new)


# --------------------------------------------------------------------------- 000

SIGMOID = ("000", 66, r"\begin{align*} \frac{d}{dz} \sigma(z)")
CROSS_ENTROPY = ("000", 86, r"\begin{align*} \frac{\partial C_x}{\partial a^L_j}")
QUADRATIC = ("000", 73, r"\begin{align*} \frac{\partial C_x}{\partial w^L_{jk}}")


def as_solution(heading: str, body: str) -> str:
    return f"# {heading}\n\n{body}\n"


@pytest.mark.slow
def test_000_sigmoid_derivative_is_right_step_by_step_and_reaches_the_claim():
    report = check_text(as_solution("Exercise A: derivative of the sigmoid", line(*SIGMOID)))
    (chain,) = report.chains
    assert chain.exercise == "sigmoid-derivative"
    assert verdicts(report) == ["follows"] * 6          # two relations on one line are two steps
    (claim,) = [s for s in chain.steps if s.claim]       # the \underbrace{...}_{\sigma(z)}
    assert claim.verdict == "follows"
    assert chain.conclusion["reached"] is True and not report.failed


@pytest.mark.slow
@pytest.mark.parametrize("old, new, step, hint", [
    (r"\frac{-e^{-z}}{-(1 + e^{-z})^2}", r"\frac{-e^{-z}}{(1 + e^{-z})^2}", 1, "d/dz e^{-z} = -e^{-z}"),
    (r"&= \sigma(z)(1 - \sigma(z)). ", r"&= \sigma(z)(1 + \sigma(z)). ", 5, None),
])
def test_000_sigmoid_derivative_planted_errors_are_found_at_their_step(old, new, step, hint):
    report = check_text(as_solution("Derivative of the sigmoid", plant(line(*SIGMOID), old, new)))
    found = verdicts(report)
    assert found[step] == "wrong" and found[:step] == ["follows"] * step
    wrong = report.chains[0].steps[step]
    assert wrong.counterexample["left"] != pytest.approx(wrong.counterexample["right"])
    if hint:
        assert hint in wrong.hint
    assert report.failed and report.chains[0].conclusion["reached"] is False


@pytest.mark.slow
def test_000_cross_entropy_dC_da_is_right_and_reaches_the_step_on_the_way():
    report = check_text(as_solution("Gradient of the cross-entropy", line(*CROSS_ENTROPY)))
    assert verdicts(report) == ["follows"] * 4
    assert report.chains[0].conclusion["reached"] is True
    assert "∂C/∂a_j" in report.chains[0].conclusion["target"]


@pytest.mark.slow
def test_000_cross_entropy_with_a_and_y_swapped_is_wrong_at_the_swap():
    text = plant(line(*CROSS_ENTROPY), r"-\frac{y_j}{a_j} + \frac{1 - y_j}{1 - a_j}",
                 r"-\frac{a_j}{y_j} + \frac{1 - a_j}{1 - y_j}")
    report = check_text(as_solution("Cross-entropy gradient", text))
    found = verdicts(report)
    assert found[0] == "follows"
    assert found[1] in ("wrong", "undecided")         # never "follows"; 1 - y_j is 0 at y_j = 1


@pytest.mark.slow
def test_000_quadratic_chain_rule_is_right_for_the_quadratic_cost_only():
    body = line(*QUADRATIC)
    right = check_text(as_solution("Gradient of MSE", body))
    assert right.chains[0].exercise == "quadratic-gradient"
    assert verdicts(right) == ["follows", "follows"] and right.chains[0].conclusion["reached"] is True
    wrong = check_text(body, exercise="cross-entropy-gradient")
    assert verdicts(wrong) == ["follows", "wrong"]
    assert wrong.chains[0].steps[1].hint.startswith("σ'(z_j) is extra")


@pytest.mark.slow
def test_000_quadratic_chain_rule_without_sigma_prime_is_wrong_with_the_hint():
    text = plant(line(*QUADRATIC), r"(a^L_j - y_j) \cdot \sigma'(z^L_j) \cdot a^{L-1}_k",
                 r"(a^L_j - y_j) \cdot a^{L-1}_k")
    report = check_text(as_solution("Quadratic cost gradient", text))
    assert verdicts(report) == ["follows", "wrong"]
    assert report.chains[0].steps[1].hint.startswith("σ'(z_j) is missing")


def monotonicity(first: str, second: str) -> str:
    """Exercise F as a learner's file: the text's softmax over classes 0..9 and its constant C
    (the sum of the other nine exponentials), then the two chains."""
    return (f"## Exercise F: monotonicity of softmax\n\n"
            f"The formula is $a_j = \\frac{{e^{{z_j}}}}{{\\sum_{{k=0}}^{{9}} e^{{z_k}}}}$, "
            f"where $C = \\sum_{{k=1}}^9e^{{z_k}}$ is a constant for $z_0$.\n\n{first}\n\n{second}\n")


F_SAME = ("000", 212, r"\begin{align*} \frac{\partial a_0}{\partial z_0}")
F_OTHER = ("000", 214, r"\begin{align*} \frac{\partial a_1}{\partial z_0}")


@pytest.mark.slow
def test_000_monotonicity_with_C_a_constant_not_the_cost():
    report = check_text(monotonicity(line(*F_SAME), line(*F_OTHER)))
    same, other = report.chains
    assert any("defined in the text: C = " in note for note in same.notes)
    assert any("classes 0, ..., 9" in note for note in same.notes)
    assert verdicts(report, 0) == ["follows", "follows", "follows", "follows"]   # ... > 0
    assert verdicts(report, 1) == ["follows", "follows", "follows"]              # ... < 0
    assert same.conclusion["reached"] is True and other.conclusion["reached"] is True


@pytest.mark.slow
def test_000_monotonicity_planted_sign_is_found():
    planted = plant(line(*F_OTHER), r"\frac{-e^{z_1}e^{z_0}}{(e^{z_0} + C)^2}", r"\frac{e^{z_1}e^{z_0}}{(e^{z_0} + C)^2}")
    report = check_text(monotonicity(line(*F_SAME), planted))
    assert verdicts(report, 1) == ["follows", "wrong", "wrong"]   # the sign, then "< 0" is false
    assert "sign" in report.chains[1].steps[1].hint


# --------------------------------------------------------------------------- 002

MARK_JACOBIAN = "<!-- nndl: softmax-jacobian; y=a -->\n"
MARK_CROSS_ENTROPY = "<!-- nndl: softmax-log-likelihood-gradient; y=a, t=y, xi=C -->\n"


def tutorial_jacobian() -> str:
    lines = seed_lines("002")
    assert lines[36].startswith("To use the softmax function") and lines[38].startswith("$$\\begin{split}")
    return MARK_JACOBIAN + "\n".join(lines[36:39]) + "\n"


@pytest.mark.slow
def test_002_softmax_derivative_both_cases_in_the_texts_own_letters():
    report = check_text(tutorial_jacobian())
    same, apart = report.chains
    assert "the text's letters read as the chapter's: y as a" in same.notes
    assert any(note.startswith("defined in the text: \\Sigma_C = ") for note in same.notes)
    assert "assumed, as the text says: i = j (line 4)" in same.notes
    assert "assumed, as the text says: i ≠ j (line 4)" in apart.notes
    assert verdicts(report, 0) == ["follows"] * 5 and verdicts(report, 1) == ["follows"] * 4
    assert same.conclusion["reached"] is True and apart.conclusion["reached"] is True


@pytest.mark.slow
def test_002_softmax_derivative_planted_case_mix_is_found():
    text = plant(tutorial_jacobian(), r"= -y_i y_j \end{split}", r"= y_i (1 - y_j) \end{split}")
    report = check_text(text)
    assert verdicts(report, 1) == ["follows", "follows", "follows", "wrong"]


def tutorial_cross_entropy() -> str:
    lines = seed_lines("002")
    assert lines[72].startswith("$$\\begin{split} \\frac{\\partial \\xi}{\\partial z_i}")
    return MARK_CROSS_ENTROPY + "\n".join(lines[70:73]) + "\n"


@pytest.mark.slow
def test_002_cross_entropy_derivative_is_right_in_nine_steps():
    report = check_text(tutorial_cross_entropy())
    assert verdicts(report) == ["follows"] * 9
    assert report.chains[0].conclusion["reached"] is True


@pytest.mark.slow
@pytest.mark.parametrize("old, new, step", [
    (r"= - \frac{t_i}{y_i} y_i (1-y_i) -", r"= - \frac{t_i}{y_i} y_i (1+y_i) -", 4),
    (r"= -t_i + y_i \sum_{j = 1}^C t_j \\ & = y_i - t_i", r"= -t_i + y_i \sum_{j = 1}^C t_j \\ & = t_i - y_i", 8),
])
def test_002_cross_entropy_planted_errors_are_found_at_their_step(old, new, step):
    report = check_text(plant(tutorial_cross_entropy(), old, new))
    found = verdicts(report)
    assert found[step] == "wrong" and "follows" not in found[step:step + 1]
    assert found[:step] == ["follows"] * step


# --------------------------------------------------------------------------- 003, 004

def test_003_has_no_displayed_derivation():
    report = check_text("\n".join(seed_lines("003")))
    assert report.chains == [] and not report.failed


def answer() -> str:
    lines = seed_lines("004")
    assert lines[27].startswith("if $i=m$") and lines[29].startswith("if $i\\ne m$")
    return "<!-- nndl: softmax-jacobian -->\n" + "\n".join(lines[17:30]) + "\n"


@pytest.mark.slow
def test_004_reported_as_the_text_is_the_typo_wrong_the_rest_right():
    report = check_text(answer())
    named, definition, same, apart = report.chains
    assert verdicts(report, 0) == ["unparsed"]              # a = \operatorname{Softmax}(z)
    assert named.steps[0].line == 2 and "\\operatornam" in named.steps[0].reason
    assert verdicts(report, 1) == ["follows"]                # a_i = e^{z_i} / sum_j e^{z_j}
    assert verdicts(report, 2) == ["wrong", "wrong"]         # e^{z^j}: the text's typo
    assert same.steps[0].hint.startswith("z^j is read as a power of z")
    assert same.steps[1].equals_start is True                # its last line is right again
    assert verdicts(report, 3) == ["follows", "follows"]
    assert apart.conclusion["reached"] is True


@pytest.mark.slow
def test_004_with_the_typo_mended_the_case_i_equals_m_follows():
    report = check_text(answer().replace("e^{z^j}", "e^{z_j}"))
    assert verdicts(report, 2) == ["follows", "follows"]
    assert report.chains[2].conclusion["reached"] is True
