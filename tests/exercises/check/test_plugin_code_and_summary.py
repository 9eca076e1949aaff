"""The pytest plugin for teachers collects .py solutions beside the derivations, and ends with a
table, file by exercise."""
import shutil
from pathlib import Path

import pytest

import exercises.check.code        # noqa: F401  loaded here, so that the run in this process below
import exercises.check.summary     # noqa: F401  finds them loaded (NumPy cannot be loaded twice)

pytest_plugins = ["pytester"]

LEARNERS = Path(__file__).resolve().parent / "learners"


@pytest.mark.slow
def test_py_solutions_are_collected_and_the_class_is_summed_up(pytester):
    folder = pytester.mkdir("solutions")
    shutil.copy(LEARNERS / "derivations" / "sigmoid_planted.md", folder / "ann.md")
    shutil.copy(LEARNERS / "code" / "mistakes" / "no_max.py", folder / "bob.py")
    (folder / "carl.py").write_text("import numpy as np\n\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n")
    # In this process (the plugin, the checker and NumPy are loaded already): a new interpreter
    # would spend most of the test importing them again. test_check_derivations_plugin.py runs the
    # plugin in a pytest of its own.
    result = pytester.runpytest_inprocess("--nndl-check", "-p", "no:cacheprovider", str(folder))
    result.assert_outcomes(passed=1, failed=2)      # ann's chain is wrong, bob's softmax unstable, carl right
    out = result.stdout.str()
    assert "bob.py::functions" in out and "no max subtracted" in out
    assert "nndl check: summary, file by exercise" in out
    table = out.split("nndl check: summary, file by exercise")[1]
    rows = {line.split()[0].rsplit("/", 1)[-1]: line for line in table.splitlines() if ".md" in line or ".py" in line}
    assert "wrong" in rows["ann.md"] and "unstable" in rows["bob.py"] and "correct" in rows["carl.py"]
    header = next(line for line in table.splitlines() if line.startswith("file"))
    assert header.split()[1:] == ["sigmoid-derivative", "softmax", "sigmoid"]
