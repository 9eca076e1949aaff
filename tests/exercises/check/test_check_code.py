"""`nndl check FILE.py`: a learner's NumPy code held against the derived formulas.

The seeds' code (001: softmax, stable softmax, cross-entropy and its gradient; 002: a softmax) is
read from ../shared/seeds and re-indented here at run time (its text lost the indentation), a
correct network2.py-style file and one planted mistake of each kind live in learners/code/ beside this file,
and the learner's process is made to print, raise, hang and crash.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from exercises.check import code as C
from exercises.check import kinds as K
from nndl import cli

LEARNERS = Path(__file__).resolve().parent / "learners" / "code"
MISTAKES = LEARNERS / "mistakes"
SEEDS: Path


@pytest.fixture(autouse=True, scope="module")
def _seeds(seeds_dir):
    """The public texts, found once per run (conftest's seeds_dir)."""
    global SEEDS
    SEEDS = seeds_dir


def nndl(*argv) -> int:
    return cli.main(["check", *argv])


def seed_code(prefix: str) -> str:
    """The functions of a seed text, re-indented: each `def` line starts a function whose body
    runs to its first `return` line (the text keeps no indentation)."""
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    out, inside = ["import numpy as np", ""], False
    for line in text.splitlines():
        if line.startswith("def "):
            inside = True
            out.append(line)
        elif inside:
            out.append("    " + line)
            if line.startswith("return"):
                inside = False
                out.append("")
    return "\n".join(out)


def by_name(results) -> dict:
    return {r.function: r for r in results}


def checks_failed(result) -> set[str]:
    return {f.what.split(" (")[0] for f in result.failures}


@pytest.fixture(scope="module")
def seed001():
    return by_name(C.check_code(seed_code("001")))


# ------------------------------------------------------------------------------ the seeds

def test_seed_001_softmax_is_wrong_on_batches_and_at_extreme_logits(seed001):
    r = seed001["softmax"]
    assert r.verdict == C.WRONG and r.kind == "softmax"
    assert "cross_entropy calls it with a batch of rows" in r.convention      # its use says batch
    assert K.WHOLE_BATCH in r.hints and K.NO_MAX in r.hints
    assert "one example, random inputs" not in checks_failed(r)             # right on one example
    extreme = next(f for f in r.failures if f.what == "one example, extreme inputs")
    assert extreme.input["X"].tolist() == [1000.0, 0.0, -1000.0]
    assert extreme.expected.tolist() == [1.0, 0.0, 0.0] and str(extreme.got[0]) == "nan"


def test_seed_001_stable_softmax_is_right_on_one_example_at_any_size_but_not_per_row(seed001):
    r = seed001["stable_softmax"]
    assert r.verdict == C.ONE_EXAMPLE and not r.failures        # nothing says it takes a batch
    assert r.batch_of_rows == C.WRONG and r.batch_hints == [K.WHOLE_BATCH]
    assert r.text().startswith(f"stable_softmax (line {r.line}): right for one example; wrong on a batch of rows")
    assert r.json()["verdict"] == "right for one example" and r.json()["batch_of_rows"] == "wrong"


def test_seed_001_stable_softmax_held_to_a_batch_its_docstring_declares_is_wrong():
    source = seed_code("001").replace("def stable_softmax(X):\n",
                                      'def stable_softmax(X):\n    """X: a batch of logits, one example per row."""\n')
    r = by_name(C.check_code(source))["stable_softmax"]
    assert r.verdict == C.WRONG and r.hints == [K.WHOLE_BATCH]
    assert checks_failed(r) == {"a batch of rows, random inputs", "a batch of rows, extreme inputs"}


def test_seed_001_cross_entropy_takes_logits_and_class_indices_and_is_wrong_on_batches(seed001):
    r = seed001["cross_entropy"]
    assert r.verdict == C.WRONG and r.kind == "log_likelihood_cost"
    assert "X: logits z, y: class indices" in r.convention and "mean (1/n)" in r.convention
    assert "its docstring says it takes a batch" in r.convention
    assert "one example, random inputs" not in checks_failed(r)
    assert "a batch of rows, random inputs" in checks_failed(r)
    assert K.WHOLE_BATCH in r.hints and K.NO_MAX in r.hints
    assert any("a = softmax" in row or "a_j = e^" in row for row in r.formula)


def test_a_function_that_takes_only_batches_is_held_to_them_without_a_docstring():
    source = seed_code("001")
    start = source.index('    """\n    X is the output')
    source = source[:start] + source[source.index('    """\n    m = y.shape[0]', start) + 8:]
    assert "def cross_entropy(X,y):\n    m = y.shape[0]" in source
    r = by_name(C.check_code(source))["cross_entropy"]
    assert "it takes only batches (on a single 1-D example it raised IndexError" in r.convention
    assert r.verdict == C.WRONG and K.WHOLE_BATCH in r.hints


def test_seed_001_gradient_is_of_the_mean_cost_and_agrees_with_its_own_cost(seed001):
    r = seed001["delta_cross_entropy"]
    assert r.verdict == C.WRONG and r.kind == "log_likelihood_delta"
    assert "the gradient of the batch's mean cost, δ_j/n" in r.convention     # it divides by m
    assert K.WHOLE_BATCH in r.hints and K.NO_MAX in r.hints
    assert "it agrees with central differences of cross_entropy" in r.notes


def test_seed_002_softmax_has_no_max_subtracted():
    source = seed_code("002")
    assert "def softmax(z):" in source
    r = by_name(C.check_code(source))["softmax"]
    assert r.verdict == C.UNSTABLE and r.hints == [K.NO_MAX]
    assert checks_failed(r) == {"one example, extreme inputs"}


def test_seed_003_defines_no_function_to_check():
    assert seed_code("003").strip() == "import numpy as np"


# ------------------------------------------------------------- a correct network2.py-style file

@pytest.fixture(scope="module")
def network2_style():
    """`nndl check network2_style.py`, run once for the tests that read its report: (status, stdout)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = nndl(str(LEARNERS / "network2_style.py"))
    return status, printed.getvalue()


@pytest.mark.slow
def test_a_correct_network2_style_file_is_correct(network2_style):
    status, out = network2_style
    assert status == 0
    assert "10 correct" in out and "wrong" not in out.split("\n", 3)[2]
    for name in ("QuadraticCost.fn", "QuadraticCost.delta", "CrossEntropyCost.fn", "CrossEntropyCost.delta",
                 "LogLikelihoodCost.fn", "LogLikelihoodCost.delta", "sigmoid", "sigmoid_prime", "softmax",
                 "log_softmax"):
        assert f"\n{name} (line " in out
    assert "it agrees with central differences of CrossEntropyCost.fn" in out
    assert "name one with --as NAME=KIND): feedforward" in out


def test_the_report_shows_the_code_as_written_beside_the_derived_formula_and_latex_in_json(network2_style, capsys):
    _, out = network2_style
    block = out[out.index("\nsigmoid (line"):].split("\n\n")[0]
    line = int(block.split("(line ")[1].split(")")[0])
    assert f"    {line:4d} | def sigmoid(z):" in block and "| " + "    return 1.0 / (1.0 + np.exp(-z))" in block
    assert "derived formula:" in block and "σ(z) = 1/(1 + e^(-z))" in block
    assert "\\frac" not in out and "\\mathrm" not in out               # latexify's LaTeX: --json only
    assert "relative error of 1e-08" in out and "2^-52" in out
    nndl(str(LEARNERS / "network2_style.py"), "--json")
    rows = {r["function"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["sigmoid"]["code_latex"].startswith(r"\mathrm{sigmoid}(z) = \frac{1.0}{1.0 + \exp")
    assert rows["sigmoid"]["source"].startswith("def sigmoid(z):")


RENDERED = """import numpy as np

def receiver(z):
    e = np.exp(z)
    return e / e.sum()

def chained(z):
    return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)

def shifted(z):
    return np.exp(z - z.max())

def per_row(z):
    return np.exp(z - np.max(z, axis=-1, keepdims=True))

def product(a, y):
    return a.dot(y)

def looped(z):
    out = []
    for v in z:
        out.append(np.exp(v))
    return np.array(out)

def printing(z):
    print(z)
    return z

def sliced(z):
    return z[1:]

def no_return(z):
    z = z + 1
"""
LATEX = {
    "receiver": r"\begin{array}{l} e = \exp z \\ \mathrm{receiver}(z) = \frac{e}{\sum e} \end{array}",
    "chained": (r"\mathrm{chained}(z) = \frac{\exp z}{\sum \mathopen{}\left( \exp z, \mathrm{axis} = 1, "
                r"\mathrm{keepdims} = \mathrm{True} \mathclose{}\right)}"),
    "shifted": (r"\mathrm{shifted}(z) = \exp \mathopen{}\left( z - \mathrm{np}.\mathrm{max} \mathopen{}\left( z "
                r"\mathclose{}\right) \mathclose{}\right)"),
    "per_row": (r"\mathrm{per\_row}(z) = \exp \mathopen{}\left( z - \mathrm{np}.\mathrm{max} \mathopen{}\left( z, "
                r"\mathrm{axis} = -1, \mathrm{keepdims} = \mathrm{True} \mathclose{}\right) \mathclose{}\right)"),
    "product": r"\mathrm{product}(a, y) = \mathrm{np}.\mathrm{dot} \mathopen{}\left( a, y \mathclose{}\right)",
}
UNRENDERED = {
    "looped": "latexify cannot render loops",
    "printing": ("latexify cannot render a function with several statements unless all but the last are "
                 "assignments; this one has a call on a line of its own (line 26)"),
    "sliced": "latexify cannot render slices such as z[1:] or z[:, None]",
    "no_return": "latexify renders a function that ends with its return; this one ends with an assignment",
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """render() of each function of RENDERED, imported from a file as the sandbox imports it."""
    import importlib.util

    from exercises.check.sandbox import render
    path = tmp_path_factory.mktemp("rendered") / "rendered.py"
    path.write_text(RENDERED)
    spec = importlib.util.spec_from_file_location("rendered", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: render(getattr(module, name)) for name in {**LATEX, **UNRENDERED}}


@pytest.mark.parametrize("name", LATEX)
def test_method_calls_and_keywords_are_rendered_with_their_receiver_and_axis(rendered, name):
    assert rendered[name] == (LATEX[name], "")


@pytest.mark.parametrize("name", UNRENDERED)
def test_what_latexify_cannot_render_is_said_in_a_plain_sentence(rendered, name):
    assert rendered[name] == (None, UNRENDERED[name])


def test_the_report_shows_a_plain_sentence_where_latexify_cannot_render(tmp_path, capsys):
    learner = tmp_path / "learner.py"
    learner.write_text("import numpy as np\ndef sigmoid(z):\n    out = []\n    for v in np.ravel(z):\n"
                       "        out.append(1 / (1 + np.exp(-v)))\n    return np.reshape(out, np.shape(z))\n"
                       "def softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum()\n")
    nndl(str(learner), "--json")
    rows = {r["function"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["sigmoid"]["code_latex"] is None
    assert rows["sigmoid"]["code_latex_error"] == "latexify cannot render loops"
    assert r"\frac{e}{\sum e}" in rows["softmax"]["code_latex"]


# ------------------------------------------------------------------- each planted mistake

PLANTED = [
    ("sigma_prime_extra.py", "CrossEntropyCost.delta", C.WRONG, K.SIGMA_PRIME_CANCELS),
    ("sigma_prime_missing.py", "QuadraticCost.delta", C.WRONG, K.SIGMA_PRIME_MISSING),
    ("whole_batch.py", "softmax", C.WRONG, K.WHOLE_BATCH),
    ("no_max.py", "softmax", C.UNSTABLE, K.NO_MAX),
    ("sign.py", "LogLikelihoodCost.delta", C.WRONG, "a sign: δ_j = a_j - y_j, and this returns its negative"),
    ("missing_mean.py", "quadratic_cost", C.WRONG, K.MISSING_MEAN),
    ("missing_mean_delta.py", "delta_cross_entropy", C.WRONG, K.MISSING_MEAN_DELTA),
    ("output_form.py", "sigmoid_prime", C.WRONG, K.OUTPUT_FORM),
    ("log_of_softmax.py", "log_softmax", C.UNSTABLE, K.LOG_UNDERFLOW),
    ("sigmoid_sign.py", "sigmoid", C.WRONG, K.SIGMOID_SIGN),
    ("sigmoid_denominator.py", "sigmoid", C.WRONG, K.SIGMOID_DENOMINATOR),
    ("sigma_prime_sign.py", "sigmoid_prime", C.WRONG, K.SIGMA_PRIME_SIGN),
    ("sigma_prime_negated.py", "sigmoid_prime", C.WRONG, K.sign_hint(K.kinds()["sigmoid_prime"])),
]


@pytest.mark.parametrize("file, function, verdict, hint", PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_mistake_is_found_with_its_hint(file, function, verdict, hint):
    results = by_name(C.check_code(MISTAKES / file))
    r = results[function]
    assert r.verdict == verdict and r.hints == [hint]
    assert r.failures and all(f.expected is not None for f in r.failures)
    assert all(other.verdict == C.CORRECT for name, other in results.items() if name != function)


WRONG_SIGMA_PRIME = """import numpy as np

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

def sigmoid_prime(z):
    return sigmoid(z) * (1 + sigmoid(z))

class CrossEntropyCost:
    @staticmethod
    def delta(z, a, y):
        return (a - y) * sigmoid_prime(z)

class QuadraticCost:
    @staticmethod
    def delta(z, a, y):
        return (a - y) * sigmoid_prime(z)
"""


def test_a_delta_that_multiplies_by_the_files_own_wrong_sigma_prime_gets_its_hint():
    results = by_name(C.check_code(WRONG_SIGMA_PRIME))
    assert results["sigmoid_prime"].verdict == C.WRONG
    assert results["sigmoid_prime"].hints == [K.SIGMA_PRIME_SIGN]
    assert results["CrossEntropyCost.delta"].verdict == C.WRONG
    assert results["CrossEntropyCost.delta"].hints == [K.SIGMA_PRIME_CANCELS]
    assert results["QuadraticCost.delta"].verdict == C.WRONG
    assert results["QuadraticCost.delta"].hints == [K.SIGMA_PRIME_WRONG + K.SIGMA_PRIME_SIGN]


def test_an_elementwise_failure_is_labelled_elementwise_not_as_a_batch():
    r = C.check_code(MISTAKES / "sigma_prime_sign.py")[1]
    assert [f.what for f in r.failures] == ["elementwise on a 1-D array, random inputs",
                                            "elementwise on a 2-D array, random inputs", "elementwise, extreme inputs"]
    assert all(np.ndim(f.input["z"]) == 0 for f in r.failures)      # one entry each
    assert "a batch of rows" not in r.text() and "one example" not in r.text()


def test_a_delta_is_held_to_central_differences_of_the_files_own_cost():
    r = by_name(C.check_code(MISTAKES / "sigma_prime_extra.py"))["CrossEntropyCost.delta"]
    fd = [f for f in r.failures if "central differences of CrossEntropyCost.fn" in f.what]
    assert fd and fd[0].expected.shape == fd[0].got.shape == (3,)


def test_a_delta_consistent_with_a_wrong_cost_is_still_wrong():
    source = (MISTAKES / "sign.py").read_text().replace("return -np.sum(y * np.log(a))",
                                                        "return np.sum(y * np.log(a))")
    results = by_name(C.check_code(source))
    assert results["LogLikelihoodCost.fn"].verdict == C.WRONG
    delta = results["LogLikelihoodCost.delta"]
    assert delta.verdict == C.WRONG and delta.hints == [K.sign_hint(K.kinds()["log_likelihood_delta"])]
    assert any("itself wrong: both have the same mistake" in n for n in delta.notes)


def test_a_float32_sigmoid_is_wrong_at_the_stated_tolerance():
    r = C.check_code("import numpy as np\ndef sigmoid(z):\n    z = np.float32(z)\n"
                     "    return 1 / (1 + np.exp(-z))\n")[0]
    assert r.verdict == C.WRONG                  # relative error ~1e-7 > 1e-8
    exact = C.check_code("import numpy as np\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n")[0]
    assert exact.verdict == C.CORRECT


# --------------------------------------------------------------------------- --json and exit status

def test_json_objects_have_the_issues_keys_and_strict_json(capsys):
    assert nndl("--json", str(MISTAKES / "no_max.py"), str(MISTAKES / "sign.py")) == 1
    def no_constants(name):
        raise AssertionError(f"not strict JSON: {name}")
    rows = json.loads(capsys.readouterr().out, parse_constant=no_constants)
    assert {"function", "kind", "verdict", "failures", "hint"} <= set(rows[0])
    delta = next(r for r in rows if r["function"] == "LogLikelihoodCost.delta")
    assert delta["verdict"] == "wrong" and delta["kind"] == "log_likelihood_delta"
    assert set(delta["failures"][0]) == {"input", "expected", "got", "what"}
    assert set(delta["failures"][0]["input"]) == {"z", "a", "y"}
    unstable = next(r for r in rows if r["verdict"] == "unstable")
    assert "nan" in json.dumps(unstable["failures"][0]["got"]) and unstable["hint"] == K.NO_MAX


def test_json_lists_functions_it_does_not_know_as_not_checked_with_why(tmp_path, capsys):
    learner = tmp_path / "learner.py"
    learner.write_text("import numpy as np\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
                       "def helper(x):\n    return x\n")
    assert nndl("--json", str(learner)) == 0         # what it knows is correct; helper is only listed
    rows = {r["function"]: r for r in json.loads(capsys.readouterr().out)}
    assert list(rows) == ["sigmoid", "helper"]
    helper = rows["helper"]
    assert helper["verdict"] == "not checked" and helper["kind"] is None
    assert helper["failures"] == [] and helper["hint"] is None and helper["line"] == 4
    assert helper["why"] == C.UNKNOWN and "--as NAME=KIND" in helper["why"]
    assert rows["sigmoid"]["why"] is None


def test_a_function_it_knows_but_cannot_call_says_why_in_json(tmp_path, capsys):
    learner = tmp_path / "learner.py"
    learner.write_text("import numpy as np\ndef softmax(z, t, u):\n    return z\n")
    assert nndl("--json", str(learner)) == 1
    (row,) = json.loads(capsys.readouterr().out)
    assert row["verdict"] == "not checked" and "it takes 3 argument(s)" in row["why"]


@pytest.mark.parametrize("body", ["def helper(x):\n    return x\n", "import numpy as np\n"], ids=["helper", "empty"])
def test_a_file_with_no_function_it_knows_exits_1_saying_so(tmp_path, capsys, body):
    learner = tmp_path / "learner.py"
    learner.write_text(body)
    assert nndl(str(learner)) == 1
    assert f"learner.py: {C.NONE_KNOWN}" in capsys.readouterr().out
    assert C.NONE_KNOWN == "no function this checker knows: name them with --as NAME=KIND"
    assert nndl("--json", str(learner)) == 1
    captured = capsys.readouterr()
    assert f"learner.py: {C.NONE_KNOWN}" in captured.err
    assert all(r["verdict"] == "not checked" for r in json.loads(captured.out))


def test_the_same_seed_gives_the_same_report(capsys):
    nndl("--json", str(MISTAKES / "whole_batch.py"))
    first = capsys.readouterr().out
    nndl("--json", str(MISTAKES / "whole_batch.py"))
    assert capsys.readouterr().out == first


def test_no_such_file_and_a_syntax_error_exit_2_without_a_traceback(tmp_path, capsys):
    assert nndl(str(tmp_path / "absent.py")) == 2
    assert "absent.py: no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.py"
    bad.write_text("import numpy as np\n\ndef softmax(z):\n    return np.exp(z) / (np.sum(np.exp(z))\n")
    assert nndl(str(bad)) == 2
    err = capsys.readouterr().err
    assert "bad.py, line 4, column 24: syntax error: '(' was never closed" in err
    assert "return np.exp(z)" in err and "Traceback" not in err


@pytest.mark.parametrize("body, message", [
    ("x = 1 / 0\n", "importing it raised ZeroDivisionError: division by zero (line 1)"),
    ("import sys\nsys.exit(3)\n", "importing it called sys.exit(3) (line 2)"),
    ("import no_such_module_here\n", "importing it raised ModuleNotFoundError"),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n", "killed by SIGSEGV while it was imported"),
    ("import os\nos._exit(4)\n", "ended (exit status 4) while it was imported"),
    ("while True:\n    pass\n", "importing it did not finish within 1 s"),
], ids=["raises", "sys.exit", "missing module", "segfault", "os._exit", "hangs"])
@pytest.mark.slow
def test_an_import_that_fails_exits_2_with_what_happened(tmp_path, capsys, monkeypatch, body, message):
    monkeypatch.setattr(C, "IMPORT_SECONDS", 1.0)
    learner = tmp_path / "learner.py"
    learner.write_text(body)
    started = time.monotonic()
    assert nndl(str(learner)) == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_prints_are_captured_and_main_does_not_run(tmp_path, capsys):
    learner = tmp_path / "learner.py"
    learner.write_text('import numpy as np\nprint("hello from the learner")\n'
                       'def sigmoid(z):\n    print("called")\n    return 1 / (1 + np.exp(-z))\n'
                       'if __name__ == "__main__":\n    raise SystemExit("main ran")\n')
    assert nndl(str(learner)) == 0
    out = capsys.readouterr().out
    assert "hello from the learner" not in out.splitlines() and "called" not in out.splitlines()
    assert "printed" in out and "'hello from the learner'" in out


@pytest.mark.slow
def test_a_call_that_hangs_is_wrong_one_that_ends_its_process_could_not_run(tmp_path, monkeypatch):
    monkeypatch.setattr(C, "CALL_SECONDS", 0.5)
    learner = tmp_path / "learner.py"
    learner.write_text("import os\nimport numpy as np\n"
                       "def softmax(z):\n    while True:\n        pass\n"
                       "def sigmoid_prime(z):\n    os._exit(5)\n"
                       "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n")
    results = by_name(C.check_code(learner))
    hang, crash = results["softmax"], results["sigmoid_prime"]
    assert hang.verdict == C.WRONG and len(hang.failures) == 1
    assert "did not finish within 0.5 s" in hang.failures[0].got and hang.failures[0].expected is not None
    assert crash.verdict == C.COULD_NOT_RUN and "exit status 5" in crash.why and not crash.failures
    assert crash.text().startswith(f"sigmoid_prime (line {crash.line}): could not run: its process ended")
    assert results["sigmoid"].verdict == C.CORRECT


@pytest.mark.slow
def test_ctrl_c_ends_the_command_at_once_with_its_process(tmp_path):
    pid_file = tmp_path / "pid"
    learner = tmp_path / "learner.py"
    learner.write_text(f"import os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
                       "while True:\n    time.sleep(0.01)\n")
    process = subprocess.Popen([sys.executable, "-m", "nndl", "check", str(learner)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(pid_file.read_text())
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    # the learner's loop never ends: ending within 10 s (room for a loaded machine) is ending at the press
    assert process.returncode == 130 and time.monotonic() - started < 10.0
    assert "Traceback" not in err and "interrupted" in err
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)


# ------------------------------------------------------------------------------------ --as

AS_FILE = '''import numpy as np

def squash(t):
    return 1 / (1 + np.exp(-t))

class Net:
    def __init__(self):
        self.classes = 3

    def loss(self, X, y):
        """X: logits, one example per row (a batch); y: class indices."""
        shifted = X - X.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return -log_p[np.arange(len(y)), y].mean()
'''


def test_as_maps_a_function_and_a_method_to_a_kind(tmp_path, capsys):
    learner = tmp_path / "learner.py"
    learner.write_text(AS_FILE)
    assert nndl(str(learner), "--as", "squash=sigmoid", "--as", "Net.loss=cross_entropy", "--json") == 0
    rows = {r["function"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["squash"]["kind"] == "sigmoid" and rows["squash"]["verdict"] == "correct"
    assert rows["Net.loss"]["kind"] == "log_likelihood_cost" and rows["Net.loss"]["verdict"] == "correct"


def test_as_with_an_unknown_kind_or_name_exits_2(tmp_path, capsys):
    learner = tmp_path / "learner.py"
    learner.write_text(AS_FILE)
    assert nndl(str(learner), "--as", "squash=tanh") == 2
    assert "not a kind nndl check knows" in capsys.readouterr().err
    assert nndl(str(learner), "--as", "squish=sigmoid") == 2
    err = capsys.readouterr().err
    assert "--as squish: no function or method of that name" in err and "squash" in err


def test_a_function_that_cannot_be_called_as_its_kind_is_not_checked(tmp_path):
    learner = tmp_path / "learner.py"
    learner.write_text("import numpy as np\n"
                       "def softmax(z, temperature, scale):\n    return np.exp(z / temperature) * scale\n"
                       "class QuadraticCost:\n    def __init__(self, size):\n        self.size = size\n"
                       "    def fn(self, a, y):\n        return 0.5 * np.sum((a - y) ** 2)\n")
    results = by_name(C.check_code(learner))
    assert results["softmax"].verdict == C.NOT_CHECKED
    assert "it takes 3 argument(s)" in results["softmax"].notes[0]
    assert results["QuadraticCost.fn"].verdict == C.NOT_CHECKED
    assert "making it raised TypeError" in results["QuadraticCost.fn"].notes[0]
    report = C.check_files([learner])
    assert report.failed


def test_check_code_takes_a_path_as_a_string_or_the_source():
    results = C.check_code(str(MISTAKES / "no_max.py"))
    assert [r.verdict for r in results] == [C.UNSTABLE]
    assert results[0].file.endswith("no_max.py")
    from_text = C.check_code((MISTAKES / "no_max.py").read_text())
    assert [(r.file, r.verdict, r.hints) for r in from_text] == [("<source>", C.UNSTABLE, [K.NO_MAX])]
    with pytest.raises(C.NndlError, match=r"^<source>, line 1, column 7: syntax error"):
        C.check_code("def f(:\n    pass\n")
