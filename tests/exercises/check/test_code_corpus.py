"""`nndl check FILE.py` on a corpus of real learners' code (tests/exercises/check/code_corpus/).

Each file models one public source (its header names it); the planted_*.py files are copies with
one slip planted. Every function the checker should know is labelled here by hand, and the label
is itself confirmed against an independent reference written below: mpmath at 50 digits, the
chapter's formulas typed in directly (not the checker's derived ones), the function called in this
process under the argument order written in the table. Labels:

    correct          right on one example, on batches of rows where it is held to them, and at
                     extreme inputs (logits +-1000, outputs 1e-300 and 1 - 2^-53)
    wrong            wrong on ordinary inputs (one example, or a batch of rows when the file, its
                     docstring or its shape handling says it takes them)
    unstable         right on ordinary inputs; NaN, inf or a large error at extreme ones
    one example      right for one example; wrong on a batch of rows (nothing says it takes one)
    could not run    it raises NameError (a missing import)

A batch's cost may be its mean, its sum or the vector of per-example costs (each a plausible
convention) unless the docstring says which; one example may be given as a 1-D array or a row
(1, n); a cost that returns (loss, gradient) is labelled by its loss; a guard ln(a + eps), eps at
most 1e-3, is a convention at ordinary inputs (not at extreme ones). Values agree within a relative error of 1e-8 or an
absolute one of 2^-52, the checker's own tolerance.

The test asserts: every label confirmed by the reference; no correct function called wrong; no
wrong function called correct; at least 95% agreement overall (the table is printed).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import mpmath as mp
import numpy as np
import pytest

from exercises.check import code as C

CORPUS = Path(__file__).resolve().parent / "code_corpus"
RTOL, ATOL = 1e-8, 2.0**-52
mp.mp.dps = 50

# file, function, reference kind, argument roles, held to batches of rows (why), label
# roles: z weighted inputs or logits, a outputs, y targets (one-hot for softmax kinds), i class indices
TABLE = [
    ("network2_py3.py", "QuadraticCost.fn", "quadratic", "ay", False, "correct"),
    ("network2_py3.py", "QuadraticCost.delta", "delta_quadratic", "zay", False, "correct"),
    ("network2_py3.py", "CrossEntropyCost.fn", "bce", "ay", False, "correct"),
    ("network2_py3.py", "CrossEntropyCost.delta", "delta_ce", "zay", False, "correct"),
    ("network2_py3.py", "sigmoid", "sigmoid", "z", True, "correct"),
    ("network2_py3.py", "sigmoid_prime", "sigmoid_prime", "z", True, "correct"),
    ("cost_classes_after_helpers.py", "CrossEntropyCost.fn", "bce", "ay", False, "correct"),
    ("cost_classes_after_helpers.py", "CrossEntropyCost.delta", "delta_ce", "zay", False, "correct"),
    ("cost_classes_after_helpers.py", "QuadraticCost.fn", "quadratic", "ay", False, "correct"),
    ("cost_classes_after_helpers.py", "QuadraticCost.delta", "delta_quadratic", "zay", False, "correct"),
    ("cost_classes_after_helpers.py", "sigmoid", "sigmoid", "z", True, "correct"),
    ("cost_classes_after_helpers.py", "sigmoid_prime", "sigmoid_prime", "z", True, "correct"),
    ("cost_class_without_self.py", "CrossEntropyCost.fn", "bce", "ay", False, "correct"),
    ("cost_class_without_self.py", "CrossEntropyCost.delta", "delta_ce", "zay", False, "correct"),
    # axis=1 with keepdims: its shape handling says it takes a batch of rows
    ("rows_softmax_categorical.py", "softmax", "softmax", "z", True, "correct"),
    ("rows_softmax_categorical.py", "categorical_cross_entropy", "nll_outputs", "ya", True, "correct"),
    ("clipped_categorical.py", "categorical_cross_entropy", "nll_outputs", "ya", False, "unstable"),
    # categorical_cross_entropy_prime is not labelled: "prime" may be dC/da or delta; the checker
    # does not know the name (--as names it)
    ("softmax_global_max_axis0.py", "softmax", "softmax", "z", False, "one example"),
    ("softmax_whole_array.py", "softmax", "softmax", "z", False, "one example"),
    ("softmax_last_axis.py", "softmax", "softmax", "z", True, "correct"),
    # an axis parameter and keepdims: it takes batches; one max for the whole batch underflows
    ("softmax_one_max_per_batch.py", "softmax", "softmax", "z", True, "unstable"),
    ("binary_targets_first.py", "sigmoid", "sigmoid", "z", True, "correct"),
    ("binary_targets_first.py", "cross_entropy", "bce", "ya", False, "correct"),
    ("binary_targets_first.py", "cross_entropy_delta", "delta_ce", "ya", False, "correct"),
    ("keras_style_losses.py", "binary_cross_entropy", "bce", "ya", False, "wrong"),
    ("keras_style_losses.py", "categorical_cross_entropy", "nll_outputs", "ya", False, "wrong"),
    ("pred_first_crossentropy.py", "categorical_crossentropy", "nll_outputs", "ay", False, "unstable"),
    ("logits_loss_calls_softmax.py", "softmax", "softmax", "z", True, "correct"),
    ("logits_loss_calls_softmax.py", "cross_entropy", "nll_logits", "zi", True, "unstable"),
    ("column_network_softmax.py", "softmax", "softmax", "z", False, "one example"),
    ("column_network_softmax.py", "LogLikelihoodCost.fn", "nll_outputs", "ay", False, "one example"),
    ("column_network_softmax.py", "LogLikelihoodCost.delta", "delta_ll", "zay", False, "correct"),
    ("missing_import.py", "cross_entropy_loss", "nll_outputs", "ya", False, "could not run"),
    # n = predictions.shape[0]: one example is a row (1, n); its guard ln(a + 1e-5) fails at a = 1e-300
    ("epsilon_guard_cross_entropy.py", "cross_entropy", "nll_outputs", "ay", True, "unstable"),
    # returns (loss, dx): the loss is labelled
    ("cs231n_layers_softmax_loss.py", "softmax_loss", "nll_logits", "zi", True, "correct"),
    # planted bugs
    ("planted_network2_delta.py", "CrossEntropyCost.delta", "delta_ce", "zay", False, "wrong"),
    ("planted_network2_delta.py", "CrossEntropyCost.fn", "bce", "ay", False, "correct"),
    ("planted_network2_delta.py", "QuadraticCost.delta", "delta_quadratic", "zay", False, "correct"),
    ("planted_network2_delta.py", "sigmoid_prime", "sigmoid_prime", "z", True, "correct"),
    # the file's cross_entropy calls it with a batch of rows
    ("planted_logits_loss_axis0.py", "softmax", "softmax", "z", True, "wrong"),
    ("planted_logits_loss_axis0.py", "cross_entropy", "nll_logits", "zi", True, "wrong"),
    ("planted_binary_targets_first.py", "sigmoid", "sigmoid", "z", True, "wrong"),
    ("planted_binary_targets_first.py", "cross_entropy", "bce", "ya", False, "wrong"),
    ("planted_binary_targets_first.py", "cross_entropy_delta", "delta_ce", "ya", False, "correct"),
    ("planted_rows_no_max.py", "softmax", "softmax", "z", True, "unstable"),
    ("planted_rows_no_max.py", "categorical_cross_entropy", "nll_outputs", "ya", True, "correct"),
    ("planted_no_self_quadratic.py", "QuadraticCost.fn", "quadratic", "ay", False, "correct"),
    ("planted_no_self_quadratic.py", "QuadraticCost.delta", "delta_quadratic", "zay", False, "wrong"),
    ("planted_no_self_quadratic.py", "sigmoid", "sigmoid", "z", True, "correct"),
]

VERDICTS = {"correct": C.CORRECT, "wrong": C.WRONG, "unstable": C.UNSTABLE,
            "one example": C.ONE_EXAMPLE, "could not run": C.COULD_NOT_RUN}


# ============================================================================ the reference

def sig(z):
    return 1 / (1 + mp.exp(-z))


def sm(row):
    m = max(row)
    e = [mp.exp(v - m) for v in row]
    return [v / mp.fsum(e) for v in e]


def xlogy(y, a, eps=0.0):
    return mp.mpf(0) if y == 0 else y * (mp.log(a + eps) if eps else mp.log(a))


def per_example(kind, z=None, a=None, y=None, i=None, eps=0.0):
    """One example's value (a list of mpf, or one mpf) from the chapter's formulas (eps: a guard
    inside the logarithms of outputs)."""
    if kind == "sigmoid":
        return [sig(v) for v in z]
    if kind == "sigmoid_prime":
        return [sig(v) * (1 - sig(v)) for v in z]
    if kind == "softmax":
        return sm(z)
    if kind == "quadratic":
        return mp.fsum((p - q) ** 2 for p, q in zip(a, y)) / 2
    if kind == "bce":
        return -mp.fsum(xlogy(q, p, eps) + xlogy(1 - q, 1 - p, eps) for p, q in zip(a, y))
    if kind == "nll_outputs":
        return -mp.fsum(xlogy(q, p, eps) for p, q in zip(a, y))
    if kind == "nll_logits":
        m = max(z)
        return -(z[i] - m - mp.log(mp.fsum(mp.exp(v - m) for v in z)))
    if kind == "delta_ce":
        return [sig(v) - q for v, q in zip(z, y)]
    if kind == "delta_quadratic":
        return [(sig(v) - q) * sig(v) * (1 - sig(v)) for v, q in zip(z, y)]
    if kind == "delta_ll":
        return [p - q for p, q in zip(sm(z), y)]
    raise AssertionError(kind)


def mpf_list(v):
    return [mp.mpf(float(x)) for x in np.ravel(v)]


EPSILONS = (0.0,) + tuple(10.0 ** -k for k in range(3, 17))


def reference(kind, ex, batch, guards=(0.0,)):
    """The reference's values, and the same with each guard eps inside the logarithms."""
    return [v for eps in guards for v in _reference(kind, ex, batch, eps)]


def guarded_log(a, eps):
    return mp.log(a + eps) if eps else mp.log(a)


def _reference(kind, ex, batch, eps):
    """(value, plausible batch values) for an example dict of float rows."""
    rows = len(ex["z"] if ex.get("z") is not None else ex["a"])
    values = []
    for q in range(rows):
        args = {k: (int(v[q]) if k == "i" else mpf_list(v[q])) for k, v in ex.items() if v is not None}
        values.append(per_example(kind, eps=eps, **args))
    if isinstance(values[0], list):
        out = np.array([[float(v) for v in row] for row in values])
        return [out if batch else out[0]]
    costs = np.array([float(v) for v in values])
    if not batch:
        return [costs[0]]
    return [np.array(float(mp.fsum(values) / rows)), np.array(float(mp.fsum(values))), costs]


def examples(kind, roles, batch, extreme):
    rng = np.random.default_rng(7)
    softmaxish = kind in ("softmax", "nll_outputs", "nll_logits", "delta_ll")
    if extreme:
        if kind in ("sigmoid", "sigmoid_prime"):
            groups = [np.array([[745.0, -745.0, 1000.0, -1000.0, 40.0]])]
            return [dict(z=g) for g in groups]
        if kind in ("quadratic", "bce") or kind == "nll_outputs":
            if kind == "nll_outputs":
                a = np.array([[1e-300, 1.0], [1.0, 1e-300]])
                y = np.array([[1.0, 0.0], [0.0, 1.0]])
            else:
                a = np.array([[1e-300, 1 - 2**-53, 0.5], [2**-53, 1e-300, 1 - 2**-53]])
                y = np.array([[1.0, 0.0, 0.5], [0.0, 0.0, 1.0]])
            out = [dict(a=a, y=y)]
        else:
            z = np.array([[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -999.0]])
            labels = np.array([2, 0])
            out = [dict(z=z, y=np.eye(3)[labels], i=labels)]
    else:
        out = []
        for rows, size in ((4, 3), (3, 5)):
            z = rng.normal(0, 3, (rows, size))
            labels = rng.integers(0, size, rows)
            y = np.eye(size)[labels] if softmaxish else rng.uniform(0, 1, (rows, size))
            out.append(dict(z=z, y=y, i=labels))
    for ex in out:
        if "z" in ex and "a" not in ex:
            ex["a"] = (np.array([[float(v) for v in sm(mpf_list(r))] for r in ex["z"]]) if softmaxish
                       else 1 / (1 + np.exp(-ex["z"])))
    keep = set(roles) | ({"z"} if kind.startswith("delta") else set())
    out = [{k: v for k, v in ex.items() if k in keep} for ex in out]
    if batch:
        return out
    return [{k: v[q:q + 1] for k, v in ex.items()} for ex in out for q in range(len(next(iter(ex.values()))))]


def agree(got, want) -> bool:
    got = np.asarray(got, dtype=float)
    if got.size == 1 and np.ndim(want) == 0:
        got = got.reshape(())
    if got.shape != np.shape(want):
        return False
    with np.errstate(all="ignore"):
        close = (np.abs(got - want) <= np.maximum(RTOL * np.abs(want), ATOL)) | (got == want)
    return bool(np.all(close))


def run(fn, kind, roles, batch, extreme) -> bool | None:
    """Whether fn gives the reference's values on these inputs (None: a NameError)."""
    for ex in examples(kind, roles, batch, extreme):
        wants = reference(kind, ex, batch, (0.0,) if extreme else EPSILONS)
        args = [ex[r] for r in roles]
        got = None
        with np.errstate(all="ignore"):
            for shaped in ([a[0] for a in args], args) if not batch else (args,):
                try:
                    got = fn(*shaped)
                    if isinstance(got, tuple):          # (loss, gradient): the loss
                        got = got[0]
                    if not batch and not agree_any(got, reference(kind, ex, batch, (0.0,) if extreme else EPSILONS)) \
                            and shaped is not args:
                        continue                        # one example as a row (1, n) next
                    break
                except NameError:
                    return None
                except Exception:
                    continue
        if got is None or not agree_any(got, wants):
            return False
    return True


def agree_any(got, wants) -> bool:
    return any(agree(got, w if np.ndim(w) == 0 or np.ndim(got) == np.ndim(w) else w[None]) for w in wants)


def label_of(fn, kind, roles, held) -> str:
    single = run(fn, kind, roles, False, False)
    if single is None:
        return "could not run"
    elementwise = kind in ("sigmoid", "sigmoid_prime")
    batch = run(fn, kind, roles, True, False) if not elementwise else True
    if not single or (held and not batch):
        return "wrong"
    if not run(fn, kind, roles, False, True) or (held and not elementwise and not run(fn, kind, roles, True, True)):
        return "unstable"
    return "correct" if batch else "one example"


def load(file: str):
    spec = importlib.util.spec_from_file_location(f"corpus_{Path(file).stem}", CORPUS / file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def resolve(module, name):
    obj = module
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def test_the_corpus_is_at_least_15_files_from_8_sources():
    files = sorted(CORPUS.glob("*.py"))
    assert len(files) >= 15
    sources = {f.read_text().splitlines()[0 if not f.name.startswith("planted") else 1] for f in files}
    assert len(sources) >= 8
    assert {row[0] for row in TABLE} == {f.name for f in files}
    assert len(TABLE) >= 45


@pytest.mark.parametrize("file, function, kind, roles, held, label", TABLE,
                         ids=[f"{r[0]}::{r[1]}" for r in TABLE])
def test_each_label_is_what_the_mpmath_reference_says(file, function, kind, roles, held, label):
    assert label_of(resolve(load(file), function), kind, roles, held) == label


@pytest.mark.slow
def test_the_checker_agrees_with_the_labels(capsys):
    verdicts = {}
    for file in sorted({row[0] for row in TABLE}):
        for r in C.check_code(CORPUS / file):
            verdicts[(file, r.function)] = r.verdict
    rows, agree_count, false_wrong, false_correct = [], 0, [], []
    for file, function, _, _, _, label in TABLE:
        got = verdicts.get((file, function), "(not listed)")
        want = VERDICTS[label]
        agree_count += got == want
        if label != "wrong" and got == C.WRONG:
            false_wrong.append((file, function, got))
        if label in ("wrong", "unstable") and got == C.CORRECT:
            false_correct.append((file, function, got))
        rows.append(f"{'ok ' if got == want else 'XX '} {file:34s} {function:34s} {label:14s} {got}")
    with capsys.disabled():
        print("\n" + "\n".join(rows) + f"\nagreement: {agree_count}/{len(TABLE)}")
    assert not false_wrong, f"correct functions called wrong: {false_wrong}"
    assert not false_correct, f"wrong functions called correct: {false_correct}"
    assert agree_count >= 0.95 * len(TABLE)
