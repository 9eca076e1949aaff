"""`nndl confirm` end to end on the real MNIST test set, and each confirmation made to fail."""
from __future__ import annotations

import json
from pathlib import Path
import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest

from nndl.cli import main
from numeric import confirm
from numeric.functions import softmax as true_softmax
from numeric.network import Network, costs

IDS = ["gradients-match-derivations", "learning-slowdown", "sigmoid-outputs-not-distribution",
       "softmax-outputs-distribution", "softmax-temperature", "accuracy"]


@pytest.fixture
def digits(mnist):
    """The real MNIST test set, loaded once per run (conftest's `mnist`)."""
    return mnist


@pytest.fixture
def quick(digits):
    """A context whose networks train for one epoch only."""
    return confirm.Context(digits, epochs=1)


@pytest.mark.slow
def test_confirm_end_to_end_on_real_mnist(mnist_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    out = tmp_path / "report"
    code = main(["confirm", "--data-dir", str(mnist_dir), "--out", str(out), "--json"])
    printed = json.loads(capsys.readouterr().out)
    results = printed["results"]
    assert [r["id"] for r in results] == IDS
    assert all(set(r) == {"id", "claim", "measured", "expected", "passed", "tables", "figures"} for r in results)
    failed = [r for r in results if not r["passed"]]
    assert failed == [] and code == 0
    by_id = {r["id"]: r for r in results}
    assert 0.93 <= by_id["accuracy"]["measured"] <= 1
    grads = by_id["gradients-match-derivations"]["measured"]
    assert set(grads) == {"quadratic", "cross-entropy", "log-likelihood"}
    assert max(e for errors in grads.values() for e in errors.values()) < 1e-6
    sums = by_id["sigmoid-outputs-not-distribution"]["measured"]
    assert sums["min sum"] < 0.95 or sums["max sum"] > 1.05
    assert by_id["softmax-outputs-distribution"]["measured"][confirm.SUM_KEY] < 1e-12
    # the report, its JSON and the figures, all complete, nothing half-written
    assert json.loads((out / "confirm.json").read_text()) == printed
    assert printed["data"]["note"].startswith("training set absent")
    report = (out / "report.md").read_text()
    assert "6 of 6 confirmations passed" in report and "training set absent" in report
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert pngs == ["accuracy.png", "learning-slowdown-mnist.png", "learning-slowdown-neuron.png",
                    "sigmoid-outputs.png", "softmax-outputs.png"]
    assert all((out / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert all(f"]({p})" in report for p in pngs)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    # what the terminal shows of every result: no LaTeX left (no backslash, no braces)
    for r in results:
        tables = [confirm.Table(t["columns"], t["rows"], t["caption"]) for t in r["tables"]]
        shown = confirm.Result(**{**r, "tables": tables}).text()
        assert not set(shown) & set("{}\\"), shown


# ---------------------------------------------------------------- each confirmation can fail

def test_a_wrong_delta_fails_gradients_match(quick):
    from derivations.pairings import output_error

    def wrong(cost, activation):  # the quadratic delta without its sigma'(z) factor
        right = output_error(cost, activation)
        if cost != "quadratic":
            return right
        return SimpleNamespace(numpy=lambda a, y: a - y, closed_form="a_j - y_j (wrong)")

    result = confirm.gradients_match_derivations(quick, output_error=wrong)
    assert not result.passed
    assert result.measured["quadratic"]["vs closed form"] > 0.1
    assert result.measured["cross-entropy"]["vs closed form"] < 1e-12


def test_a_wrong_backprop_fails_against_finite_differences(quick, monkeypatch):
    backprop = Network.backprop

    def off_by_a_little(self, x, y):
        nabla_b, nabla_w = backprop(self, x, y)
        return [1.001 * nb for nb in nabla_b], [1.001 * nw for nw in nabla_w]

    monkeypatch.setattr(Network, "backprop", off_by_a_little)
    result = confirm.gradients_match_derivations(quick)
    assert not result.passed
    assert all(1e-4 < e["vs finite differences"] for e in result.measured.values())


@pytest.mark.slow
def test_quadratic_without_slowdown_fails_learning_slowdown(digits, monkeypatch):
    # What fails is the single neuron's first-step ratio; the four MNIST networks the confirmation
    # also trains need not learn, so they train on 500 digits and are judged on 500.
    few = dataclasses.replace(digits, train_images=digits.train_images[:500], train_y=digits.train_y[:500],
                              test_images=digits.test_images[:500], test_y=digits.test_y[:500])
    monkeypatch.setattr(costs()["quadratic"], "delta", costs()["cross-entropy"].delta)
    result = confirm.learning_slowdown(confirm.Context(few, epochs=1))
    assert not result.passed
    ratio = result.measured["first-step ratio quadratic/cross-entropy"]
    assert all(abs(r - 1) < 1e-12 for r in ratio.values())


def test_softmax_outputs_fail_the_sigmoid_claim(quick):
    quick.trained("log-likelihood")
    quick._trained["cross-entropy"] = quick._trained["log-likelihood"]  # softmax outputs sum to 1
    result = confirm.sigmoid_outputs_not_distribution(quick)
    assert not result.passed and result.measured["share within 0.05 of 1"] == 1.0


@pytest.mark.slow
def test_wrong_sign_claims_fail_softmax_distribution(quick):
    from derivations.activations import softmax_jacobian_entry
    from derivations.proof import prove_negative, prove_positive
    from derivations.symbols import a, j, k

    def opposite_signs():  # the false variant: diagonal negative, off-diagonal positive
        bounds = [a[j] > 0, a[j] < 1, a[k] > 0, a[k] < 1]
        return (prove_negative(softmax_jacobian_entry(a[j], a[j], 1), bounds),
                prove_positive(softmax_jacobian_entry(a[j], a[k], 0), bounds))

    result = confirm.softmax_outputs_distribution(quick, sign_pattern=opposite_signs)
    assert not result.passed
    assert result.measured["Jacobian signs as derived"] == "0 of 2000"
    assert "refuted" in result.expected["Jacobian signs as derived"]


def test_the_sign_pattern_comes_from_derivations():
    diagonal, off = confirm.softmax_sign_pattern()
    assert diagonal.proved and off.proved
    assert "> 0" in diagonal.claim and "< 0" in off.claim


def test_a_leaky_softmax_fails_the_temperature_claim(quick, monkeypatch):
    monkeypatch.setattr(confirm, "softmax", lambda z: 0.999 * true_softmax(z))
    result = confirm.softmax_temperature(quick)
    assert not result.passed


def test_too_little_training_fails_accuracy(digits):
    few = dataclasses.replace(digits, train_images=digits.train_images[:100], train_y=digits.train_y[:100])
    result = confirm.accuracy(confirm.Context(few, epochs=1))
    assert not result.passed and result.measured < 0.93 and result.expected == 0.93


def test_a_failed_confirmation_gives_exit_status_1(mnist_dir, tmp_path, capsys, monkeypatch):
    def failing(ctx):
        return confirm.Result("made-up", "a claim that does not hold", 1.0, 2.0, False)

    def passing(ctx):
        return confirm.Result("fine", "a claim that holds", 2.0, 2.0, True)

    monkeypatch.setattr(confirm, "CONFIRMATIONS", (passing, failing))
    code = main(["confirm", "--data-dir", str(mnist_dir), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "[PASS] fine" in out and "[FAIL] made-up: a claim that does not hold" in out
    assert "1 of 2 confirmations passed" in out
    assert json.loads((tmp_path / "confirm.json").read_text())["results"][1]["passed"] is False


def test_result_text_shows_measured_beside_expected():
    r = confirm.Result("x", r"claim $\delta_j$", {"a": 0.5, "b": {"c": 1e-9}}, "< 1", True,
                       [confirm.Table(["t", r"$\partial C/\partial b_j$"], [[1.5, 2e-9]])])
    text = r.text()
    assert "[PASS] x: claim δ_j" in text and "measured: a: 0.5; b: c: 1e-09" in text
    assert "expected: < 1" in text and "    t    ∂C/∂b_j" in text and "    1.5  2.00e-09" in text
    assert np.isclose(json.loads(json.dumps(r.as_json()))["measured"]["b"]["c"], 1e-9)
