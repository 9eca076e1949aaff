"""numeric.bench: the baseline is network2.py's algorithm, and the benchmark runs (a smoke run)."""
import argparse

import numpy as np
import pytest

from numeric import bench
from numeric.network import Network


def test_reference_takes_the_same_step_as_the_network():
    """The per-example baseline and the vectorised network compute the same SGD step."""
    rng = np.random.default_rng(2)
    x, labels = rng.uniform(0, 1, (10, 784)), rng.integers(0, 10, 10)
    y = np.eye(10)[labels]
    ours, ref = Network((784, 30, 10), cost="cross-entropy", seed=1), bench.ReferenceNetwork(seed=1)
    ref.weights = [w.copy() for w in ours.weights]
    ref.biases = [b.reshape(-1, 1).copy() for b in ours.biases]
    ours.update_mini_batch(x, y, 0.5)
    ref.update_mini_batch([(xi.reshape(-1, 1), yi.reshape(-1, 1)) for xi, yi in zip(x, y)], 0.5, 0.0, 10)
    for w, v in zip(ours.weights, ref.weights):
        np.testing.assert_allclose(w, v, rtol=1e-12, atol=1e-14)
    for b, v in zip(ours.biases, ref.biases):
        np.testing.assert_allclose(b, v.ravel(), rtol=1e-12, atol=1e-14)


def test_reference_epoch_loops_over_every_mini_batch():
    rng = np.random.default_rng(3)
    data = [(rng.uniform(0, 1, (784, 1)), np.eye(10)[:, [i % 10]]) for i in range(25)]
    ref = bench.ReferenceNetwork()
    before = [w.copy() for w in ref.weights]
    ref.sgd_epoch(data, 10, 0.5)
    assert all(not np.allclose(w, v) for w, v in zip(ref.weights, before))


def test_flops_per_epoch_counts_the_matrix_products():
    # feedforward and nabla_w: 2 * (784*30 + 30*10) each; BP2 into the hidden layer: 2 * 30*10
    assert bench.flops_per_epoch((784, 30, 10), 60_000) == 60_000 * (4 * (784 * 30 + 30 * 10) + 2 * 30 * 10)


def test_the_proofs_and_the_document_are_timed_in_this_process(monkeypatch):
    """nndl bench times the proof runner and the document builder themselves (no subprocess)."""
    import subprocess

    from exercises import registry
    from nndl.commands import bench as command
    monkeypatch.setattr(subprocess, "run", None)             # no shelling out
    monkeypatch.setattr(registry, "ids", lambda: ["sigmoid-derivative"])
    prove_seconds, latex_seconds, notes = command.time_proofs(jobs=1)
    assert prove_seconds > 0 and latex_seconds > 0 and notes == []


def test_the_command_is_registered_with_its_options(capsys):
    from nndl.commands import bench as command
    parser = argparse.ArgumentParser()
    command.add(parser.add_subparsers())
    args = parser.parse_args(["bench", "--json", "--quick", "--runs", "2", "--threads", "1"])
    assert (args.json, args.quick, args.runs, args.threads, args.no_proofs) == (True, True, 2, 1, False)
    with pytest.raises(SystemExit):
        parser.parse_args(["bench", "--runs", "0"])
    assert "--runs: must be at least 1, got 0" in capsys.readouterr().err


def test_quick_benchmark_runs_and_reports_every_key():
    """A smoke run (no speed assertion): every contender is timed and every key is there."""
    r = bench.run_benchmark(quick=True)
    for key in ("this@10", "reference@10", "this@100"):
        assert r["epoch_seconds"][key] > 0
    assert r["ratios"]["reference/this@10"] > 0
    torch_timed = r["settings"]["torch"] is not None
    assert (r["epoch_seconds"]["torch@10"] is not None) == torch_timed
    assert (r["ratios"]["torch/this@100"] is not None) == torch_timed
    numba_timed = bench.numba_available()
    assert (r["epoch_seconds"]["numba@10"] is not None) == numba_timed
    assert (r["ratios"]["reference/numba@10"] is not None) == numba_timed
    assert (r["ratios"]["torch/numba@100"] is not None) == (numba_timed and torch_timed)
    assert (r["numba_compile_seconds"] is not None) == numba_timed
    assert r["gflops"]["this@10"] > 0 and r["peak_gflops"] > 0
    assert set(r["peak_gflops_one_thread"]) == {"float32", "float64"}
    assert r["peak_memory_mb"] > r["training_memory_mb"] > 0
    assert any("scaled to 60,000" in note for note in r["notes"])
    from nndl.commands.bench import report
    assert report({**r, "prove_seconds": None, "latex_seconds": None}).startswith("nndl bench:")
