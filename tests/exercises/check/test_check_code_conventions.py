"""`nndl check FILE.py` reads a function's arguments as its author wrote them, and says a batch
mistake as a verdict.

Arguments: their names (y_true, y_pred, targets, logits, a, z), their docstring ("y: targets, a:
sigmoid outputs"); the targets may come first. Batches: a function is held to batches of rows when
the file, its docstring or its own shape handling says it takes them; otherwise a mistake on a
batch is said as "right for one example; wrong on a batch of rows" (a verdict of its own, and the
field batch_of_rows in --json). A cost class written without self is read as its author meant; a
NameError is "could not run".
"""
from __future__ import annotations

import json

import pytest

from exercises.check import code as C
from exercises.check import kinds as K
from nndl import cli


def one(source: str, name: str):
    return {r.function: r for r in C.check_code(source)}[name]


TARGETS_FIRST = '''import numpy as np

def cross_entropy(y, a):
    """Cross-entropy cost of one example. y: targets, a: sigmoid outputs."""
    return -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a))
'''


def test_targets_first_read_from_the_docstring_is_correct_without_an_overflow_hint():
    r = one(TARGETS_FIRST, "cross_entropy")
    assert r.verdict == C.CORRECT and r.kind == "cross_entropy_cost"
    assert r.convention.startswith("y: targets, a: outputs σ(z) (its docstring says what each argument is)")
    assert K.OVERFLOW not in r.hints and not r.failures


def test_targets_first_with_a_slip_is_wrong_under_the_authors_reading():
    r = one(TARGETS_FIRST.replace("return -np.sum", "return np.sum"), "cross_entropy")
    assert r.verdict == C.WRONG and r.kind == "cross_entropy_cost"
    assert r.convention.startswith("y: targets, a: outputs σ(z)")
    assert K.OVERFLOW not in r.hints


def test_a_swapped_cost_is_not_excused_by_reading_its_arguments_the_other_way():
    source = ("import numpy as np\ndef cross_entropy(a, y):\n"
              "    return -np.sum(a * np.log(y) + (1 - a) * np.log(1 - y))\n")
    assert one(source, "cross_entropy").verdict == C.WRONG


@pytest.mark.parametrize("params", [("y_true", "y_pred"), ("targets", "probs"), ("labels", "output")])
def test_categorical_cross_entropy_named_targets_first_is_correct(params):
    t, p = params
    source = (f"import numpy as np\ndef categorical_cross_entropy({t}, {p}):\n"
              f"    return -np.sum({t} * np.log({p}))\n")
    r = one(source, "categorical_cross_entropy")
    assert r.verdict == C.CORRECT, r.text()
    assert "its parameters' names say what each argument is" in r.convention


AXIS0_SOFTMAX = '''import numpy as np

def softmax(z):
    e = np.exp(z - np.max(z, axis=0))
    return e / np.sum(e, axis=0)
'''
ROWS_COST = '''
def categorical_cross_entropy(y_true, y_pred):
    return -np.mean(np.sum(y_true * np.log(y_pred), axis=1))
'''


def test_a_softmax_over_columns_in_a_file_that_uses_rows_is_wrong(tmp_path, capsys):
    r = one(AXIS0_SOFTMAX + ROWS_COST, "softmax")
    assert r.verdict == C.WRONG and "a batch of rows, random inputs" in {f.what for f in r.failures}
    assert "it reduces over axis 0 (columns) while categorical_cross_entropy in the same file takes " \
           "batches of rows" in r.convention
    learner = tmp_path / "learner.py"
    learner.write_text(AXIS0_SOFTMAX + ROWS_COST)
    assert cli.main(["check", str(learner)]) == 1


def test_a_softmax_over_columns_alone_is_right_for_one_example_and_says_so(tmp_path, capsys):
    learner = tmp_path / "learner.py"
    learner.write_text(AXIS0_SOFTMAX)
    assert cli.main(["check", str(learner)]) == 0
    out = capsys.readouterr().out
    assert "softmax (line 3): right for one example; wrong on a batch of rows, held to softmax" in out
    assert "1 right for one example" in out and "correct" not in out.split("softmax (line 3)")[0].split(":")[-1]
    assert cli.main(["check", str(learner), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["verdict"] == "right for one example" and row["batch_of_rows"] == "wrong"
    assert row["batch_failures"] and row["batch_failures"][0]["what"] == "a batch of rows, random inputs"


def test_one_max_for_a_whole_batch_is_unstable_when_its_shape_handling_takes_rows():
    source = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - np.max(x))\n"
              "    return e / e.sum(axis=axis, keepdims=True)\n")
    r = one(source, "softmax")
    assert r.verdict == C.UNSTABLE
    assert "its own shape handling is for rows (axis=-1)" in r.convention
    assert "a batch of rows, extreme inputs" in {f.what for f in r.failures}


NO_SELF = '''import numpy as np

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))

class QuadraticCost(object):
    def fn(a, y):
        return 0.5 * np.linalg.norm(a - y) ** 2
    def delta(z, a, y):
        return (a - y) * sigmoid_prime(z)
'''


def test_a_cost_class_without_self_is_read_as_its_author_meant():
    results = {r.function: r for r in C.check_code(NO_SELF)}
    assert results["QuadraticCost.fn"].verdict == C.CORRECT
    assert results["QuadraticCost.delta"].verdict == C.CORRECT
    assert results["QuadraticCost.delta"].convention.startswith("z: weighted inputs, a: outputs σ(z), y: targets")


def test_a_delta_without_self_is_checked_with_its_own_arguments():
    r = {r.function: r for r in C.check_code(NO_SELF.replace("return (a - y) * sigmoid_prime(z)",
                                                             "return (a - y)"))}["QuadraticCost.delta"]
    assert r.verdict == C.WRONG and r.hints == [K.SIGMA_PRIME_MISSING]


def test_a_missing_name_could_not_run(tmp_path, capsys):
    learner = tmp_path / "learner.py"
    learner.write_text("def cross_entropy_loss(y_true, y_pred):\n    return -np.sum(y_true * np.log(y_pred))\n")
    (r,) = C.check_code(learner)
    assert r.verdict == C.COULD_NOT_RUN and r.why == "NameError: name 'np' is not defined (line 2)"
    assert not r.failures
    assert cli.main(["check", str(learner)]) == 1
    assert "cross_entropy_loss (line 1): could not run: NameError: name 'np' is not defined (line 2) (" \
        in capsys.readouterr().out


def test_a_cost_that_divides_by_its_rows_is_given_one_example_as_a_row():
    source = ("import numpy as np\ndef cross_entropy(predictions, targets):\n"
              "    n = predictions.shape[0]\n    return -np.sum(targets * np.log(predictions)) / n\n")
    r = one(source, "cross_entropy")
    assert r.verdict == C.CORRECT and r.layout == "row"
    assert "a batch of rows" in r.convention and "given as a row (1, n)" in r.convention


def test_a_network2_style_cost_of_columns_is_given_one_example_as_a_column():
    source = ("import numpy as np\nclass LogLikelihoodCost:\n    @staticmethod\n    def fn(a, y):\n"
              "        return -np.log(a[np.argmax(y)][0])\n")
    r = one(source, "LogLikelihoodCost.fn")
    assert r.verdict == C.ONE_EXAMPLE and r.layout == "column"
    assert "one example at a time, a column (n, 1)" in r.convention
    assert r.text().startswith(f"LogLikelihoodCost.fn (line {r.line}): right for one example; wrong on a batch "
                               f"of columns")
    wrong = one(source.replace("-np.log", "np.log"), "LogLikelihoodCost.fn")
    assert wrong.verdict == C.WRONG and wrong.layout == "column"


CS231N = '''import numpy as np

def softmax_loss(x, y):
    """Softmax loss and gradient.

    - x: scores, of shape (N, C)
    - y: labels, of shape (N,), 0 <= y[i] < C
    Returns a tuple of: loss, dx
    """
    shifted = x - np.max(x, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    n = x.shape[0]
    dx = np.exp(log_probs)
    dx[np.arange(n), y] -= 1
    return -np.sum(log_probs[np.arange(n), y]) / n, dx / n
'''


@pytest.mark.slow
def test_a_loss_returned_with_its_gradient_is_held_to_the_cost():
    r = one(CS231N, "softmax_loss")
    assert r.verdict == C.CORRECT and r.kind == "log_likelihood_cost"
    assert any("it returns 2 values: the first is held to the cost" in n for n in r.notes)
    summed = one(CS231N.replace("/ n, dx / n", ", dx / n"), "softmax_loss")    # a sum: a convention too
    assert summed.verdict == C.CORRECT and "the sum Σ_x C_x (its values fit it)" in summed.convention
    wrong = one(CS231N.replace("return -np.sum", "return np.sum"), "softmax_loss")
    assert wrong.verdict == C.WRONG and wrong.hints and wrong.hints[0].startswith("a sign")


@pytest.mark.parametrize("guard, verdict", [("np.log(y_pred + 1e-9)", C.UNSTABLE), ("np.log(y_pred + 1e-320)", C.CORRECT),
                                            ("np.log(y_pred + 0.1)", C.WRONG)])
def test_a_guard_inside_the_logarithm_is_read_as_one(guard, verdict):
    source = f"import numpy as np\ndef categorical_cross_entropy(y_true, y_pred):\n    return -np.sum(y_true * {guard})\n"
    r = one(source, "categorical_cross_entropy")
    assert r.verdict == verdict, r.text()
    if verdict == C.UNSTABLE:
        assert any("it adds ε = 1e-09 inside its logarithms" in n for n in r.notes)
        assert {f.what for f in r.failures} == {"one example, extreme inputs"}


@pytest.mark.slow
def test_the_files_own_call_says_which_argument_is_which():
    source = ("import numpy as np\ndef cross_entropy(u, v):\n"
              "    return -np.sum(u * np.log(v) + (1 - u) * np.log(1 - v))\n"
              "def train(targets, outputs):\n    return cross_entropy(targets, outputs)\n")
    r = one(source, "cross_entropy")
    assert r.verdict == C.CORRECT and r.kind == "cross_entropy_cost"
    assert "u: targets y, v: outputs a = σ(z)" in r.convention
    assert "the file calls it with arguments named so (cross_entropy(targets, outputs))" in r.convention
    wrong = one(source.replace("return -np.sum", "return np.sum"), "cross_entropy")
    assert wrong.verdict == C.WRONG and "u: targets y, v: outputs a = σ(z)" in wrong.convention


def test_a_softmax_the_file_itself_calls_on_a_batch_is_held_to_batches():
    source = ("import numpy as np\ndef softmax(x):\n    e = np.exp(x - np.max(x))\n    return e / np.sum(e)\n"
              "print(softmax(np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 5.0]])))\n")
    r = one(source, "softmax")
    assert r.verdict == C.WRONG and r.hints and r.hints[0] == K.WHOLE_BATCH
    assert "the file itself calls it with a batch of rows (shape (2, 3)) when it is run" in r.convention
    alone = one(source.replace("[[1.0, 2.0, 3.0], [1.0, 2.0, 5.0]]", "[1.0, 2.0, 3.0]"), "softmax")
    assert alone.verdict == C.ONE_EXAMPLE


@pytest.mark.parametrize("param, doc", [("y", ""), ("a", ""), ("x", '"""x: the sigmoid output sigmoid(z)."""')])
def test_a_sigmoid_prime_of_the_output_is_read_as_one(param, doc):
    source = f"import numpy as np\ndef dsigmoid({param}):\n    {doc}\n    return {param} * (1 - {param})\n"
    r = one(source, "dsigmoid")
    assert r.verdict == C.CORRECT, r.text()
    assert r.convention.startswith(f"{param}: outputs")


def test_a_sigmoid_prime_of_z_written_as_a_of_one_minus_a_is_still_wrong():
    r = one("import numpy as np\ndef sigmoid_prime(z):\n    return z * (1 - z)\n", "sigmoid_prime")
    assert r.verdict == C.WRONG and r.hints == [K.OUTPUT_FORM]
