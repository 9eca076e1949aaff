"""The pytest plugin for teachers: `pytest --nndl-check FOLDER` makes every chain of a folder of
solutions a test, failing on a wrong or unreadable step with the learner's report."""
import pytest
import shutil
from importlib.metadata import entry_points
from pathlib import Path

pytest_plugins = ["pytester"]

LEARNERS = Path(__file__).parent / "learners" / "derivations"


def test_the_plugin_is_registered_with_pytest():
    names = {e.name: e.value for e in entry_points(group="pytest11")}
    assert names.get("nndl_derivations") == "exercises.check.pytest_plugin"


@pytest.mark.slow
def test_every_chain_of_a_folder_is_a_test_and_a_wrong_one_fails_with_the_report(pytester):
    folder = pytester.mkdir("solutions")
    for name in ("sigmoid.md", "sigmoid_planted.md", "softmax.ipynb"):
        shutil.copy(LEARNERS / name, folder / name)
    result = pytester.runpytest_subprocess("--nndl-check", "-p", "no:cacheprovider", str(folder))
    result.assert_outcomes(passed=4, failed=2)          # sigmoid 1, planted 1 (fails), notebook 3 + 1 (fails)
    out = result.stdout.str()
    assert "sigmoid_planted.md::chain 1 (line 5)" in out
    assert "hint: check the sign: d/dz e^{-z} = -e^{-z}" in out
    assert "counterexample: z = " in out
    assert "softmax.ipynb::chain 3 (cell 4 line 2)" in out
    assert "this holds only when j = k" in out


@pytest.mark.slow
def test_without_the_option_nothing_is_collected(pytester):
    folder = pytester.mkdir("solutions")
    shutil.copy(LEARNERS / "sigmoid_planted.md", folder / "planted.md")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", str(folder))
    result.assert_outcomes()
    assert "no tests ran" in result.stdout.str()


@pytest.mark.slow
def test_an_exercise_can_be_imposed(pytester):
    folder = pytester.mkdir("solutions")
    (folder / "chain.md").write_text(
        "$$\\frac{\\partial C}{\\partial b_j} = (a_j - y_j)\\,\\sigma'(z_j)$$\n", encoding="utf-8")
    right = pytester.runpytest_subprocess("--nndl-check", "--nndl-exercise", "quadratic-gradient",
                                         "-p", "no:cacheprovider", str(folder))
    right.assert_outcomes(passed=1)
    wrong = pytester.runpytest_subprocess("--nndl-check", "--nndl-exercise", "cross-entropy-gradient",
                                         "-p", "no:cacheprovider", str(folder))
    wrong.assert_outcomes(failed=1)
    assert "σ'(z_j) is extra" in wrong.stdout.str()
