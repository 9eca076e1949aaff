"""`nndl check` on what learners write beyond the seeds: a log of a product, separated relations
on one line, implications, function application, the chapter's norm, definitions, and chains
with no exercise named. Each right chain follows; each false variant is wrong."""
import pytest
from exercises.check.derivations import check_text


def verdicts(report):
    return [s.verdict for c in report.chains for s in c.steps if not s.claim]


@pytest.mark.slow
def test_a_log_of_a_product_is_read_and_checked():
    right = check_text(r"$$\log \prod_{j=1}^{n} e^{z_j} = \sum_{j=1}^n z_j$$", exercise="softmax-distribution")
    assert verdicts(right) == ["follows"]
    wrong = check_text(r"$$\log \prod_{j=1}^{n} e^{z_j} = \prod_{j=1}^n z_j$$", exercise="softmax-distribution")
    assert verdicts(wrong) == ["wrong"]


@pytest.mark.slow
def test_the_chapters_quadratic_cost_with_a_norm_and_y_of_x():
    right = check_text(r"$$C = \frac{1}{2n}\sum_x \|y(x) - a^L(x)\|^2$$", exercise="quadratic-gradient")
    assert verdicts(right) == ["follows"]
    wrong = check_text(r"$$C = \frac{1}{n}\sum_x \|y(x) - a^L(x)\|^2$$", exercise="quadratic-gradient")
    assert verdicts(wrong) == ["wrong"]


@pytest.mark.slow
def test_a_letter_applied_to_a_letter_is_a_function_and_a_new_letter_is_defined():
    report = check_text(r"$$ z = x\cdot w+b \\ a = f(z) $$", exercise="softmax-jacobian")
    assert verdicts(report) == ["definition", "definition"] and not report.failed
    product = check_text(r"$$a_j(1 - a_j) = a_j - a_j^2$$", exercise="softmax-jacobian")
    assert verdicts(product) == ["follows"]           # a_j(...) with a subscript stays a product


@pytest.mark.slow
def test_with_no_exercise_letters_are_real_and_undefined_derivatives_undecided():
    chain = (r"$$\frac{\partial C_x}{\partial w_{jk}} = \frac{\partial C_x}{\partial a_j}\sigma'(z_j) a_k^{L-1}"
             r" = (a_j - y_j)\sigma'(z_j) a_k^{L-1}$$")
    report = check_text(chain)
    # the first step holds for every cost (BP4's chain rule: exercises.check.any_cost proves it);
    # the second needs C's own ∂C/∂a_j, which no exercise named gives: undecided, never wrong
    assert verdicts(report) == ["follows", "undecided"] and not report.failed
    assert "not defined here" in report.chains[0].steps[1].reason
    real = check_text(r"$$\frac{\partial}{\partial z_0}\frac{e^{z_0}}{e^{z_0} + C} = \frac{e^{z_0}C}{(e^{z_0} + C)^2}$$")
    # C is free, so e^{z_0} + C may be 0: the kernel certifies an identity only where every
    # denominator is shown nonzero, and this one is not (undecided, never wrong)
    assert verdicts(real) == ["undecided"] and "not shown nonzero" in real.chains[0].steps[0].detail
    wrong = check_text(r"$$\frac{\partial}{\partial z_0}\frac{e^{z_0}}{e^{z_0} + C} = \frac{e^{z_0}}{(e^{z_0} + C)^2}$$")
    assert verdicts(wrong) == ["wrong"]
    assert all(isinstance(v, float) for k, v in wrong.chains[0].steps[0].counterexample["point"].items()
               if k != "n")             # n: the number of classes, n ≥ 2 even with no exercise named
    sigmoid = check_text(r"$$\frac{a_j - y_j}{a_j(1 - a_j)} = \frac{\sigma(z_j) - y_j}{\sigma(z_j)(1-\sigma(z_j))}$$")
    assert verdicts(sigmoid) == ["undecided"]
    assert verdicts(check_text(r"$$\frac{a_j - y_j}{a_j(1 - a_j)} = \frac{\sigma(z_j) + y_j}{\sigma(z_j)(1-\sigma(z_j))}$$")) == ["wrong"]


@pytest.mark.slow
def test_two_relations_separated_by_qquad_are_two_chains_each_checked():
    line = (r"$$\frac{\partial a_j}{\partial z_k} = a_j(\delta_{jk} - a_k), \qquad "
            r"\frac{\partial}{\partial z_k}\left(\frac{e^{z_j}}{\sum_l e^{z_l}}\right) = a_j\delta_{jk} - a_j a_k$$")
    report = check_text(line, exercise="softmax-jacobian")
    assert len(report.chains) == 2 and verdicts(report) == ["follows", "follows"]
    assert all(c.conclusion["reached"] for c in report.chains)
    wrong = check_text(line.replace(r"a_j\delta_{jk} - a_j a_k", r"a_j\delta_{jk} + a_j a_k"), exercise="softmax-jacobian")
    assert verdicts(wrong) == ["follows", "wrong"]
    kept = check_text(r"$$\lim_{c \to \infty} \frac{e^{c z_1}}{e^{c z_1} + e^{c z_2}} = 1 \qquad \text{if } z_1 > z_2$$",
                      exercise="softmax-temperature")
    assert len(kept.chains) == 1 and "z_1 > z_2" in " ".join(kept.chains[0].notes)


def test_an_unparsed_step_is_not_held_against_the_start_nor_called_wrong():
    report = check_text(r"$$\frac{\partial a_j}{\partial z_k} = \foo{a_j} = a_j(\delta_{jk} - a_k)$$",
                        exercise="softmax-jacobian")
    (chain,) = report.chains
    assert verdicts(report) == ["unparsed", "unparsed"] and not report.failed
    assert all(s.equals_start is None for s in chain.steps)
    assert "wrong" not in chain.conclusion["text"]


@pytest.mark.slow
def test_json_the_first_step_that_follows_equals_the_start():
    report = check_text(r"$$\frac{d}{dz}\sigma(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)(1-\sigma(z))$$",
                        exercise="sigmoid-derivative")
    steps = report.json()[0]["steps"]
    assert [s["verdict"] for s in steps] == ["follows", "follows"]
    assert steps[0]["equals_start"] is True
    wrong = check_text(r"$$\frac{d}{dz}\sigma(z) = \frac{-e^{-z}}{(1+e^{-z})^2}$$", exercise="sigmoid-derivative")
    assert wrong.json()[0]["steps"][0]["equals_start"] is not True


@pytest.mark.slow
def test_one_step_type_and_no_import_cycle():
    import subprocess
    import sys
    from pathlib import Path
    import exercises.check.extract as extract
    assert not hasattr(extract, "Step") and hasattr(extract, "Relation")
    source = (Path(extract.__file__).parent / "checker.py").read_text()
    assert "exercises.check.derivations" not in source        # the checker needs only the report module
    loaded = subprocess.run([sys.executable, "-c", "import sys, exercises.check.checker; "
                             "print('exercises.check.derivations' in sys.modules)"], capture_output=True, text=True)
    assert loaded.stdout.strip() == "False", loaded.stderr
