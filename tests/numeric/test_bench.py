"""numeric.bench: the baseline is network2.py's algorithm, and the benchmark runs (a smoke run)."""
import argparse
import copy
import json
import os
import signal
import subprocess
import sys
import time

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


@pytest.mark.slow
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


@pytest.mark.slow
@pytest.mark.bench
def test_quick_benchmark_runs_and_reports_every_key(quick_benchmark):
    """A smoke run (no speed assertion): every contender is timed and every key is there. (The
    run's one quick benchmark, conftest's quick_benchmark: `nndl bench --quick` in the README's
    tour reads the same.)"""
    r = copy.deepcopy(quick_benchmark)
    for key in ("this@10", "reference@10", "this@100", "numpy@10", "numpy@100", "best@10", "best@100"):
        assert r["epoch_seconds"][key] > 0
    assert r["ratios"]["reference/this@10"] > 0 and r["ratios"]["reference/best@10"] > 0
    assert set(r["ratios"]) == set(bench.RATIOS)
    # the best engine is the fastest of this project's, round by round
    assert r["runs"]["best@10"] == [min(t) for t in zip(*(r["runs"][f"{c}@10"] for c in bench.ENGINE_CONTENDERS
                                                          if f"{c}@10" in r["runs"]))]
    torch_timed = r["settings"]["torch"] is not None
    assert (r["epoch_seconds"]["torch@10"] is not None) == torch_timed
    assert (r["ratios"]["torch/this@100"] is not None) == torch_timed
    assert (r["ratios"]["torch/best@100"] is not None) == torch_timed
    numba_timed = bench.numba_available()
    assert (r["epoch_seconds"]["numba@10"] is not None) == numba_timed
    assert (r["ratios"]["reference/numba@10"] is not None) == numba_timed
    assert (r["ratios"]["torch/numba@100"] is not None) == (numba_timed and torch_timed)
    assert (r["numba_compile_seconds"] is not None) == numba_timed
    assert r["gflops"]["this@10"] > 0 and r["peak_gflops"] > 0
    assert set(r["peak_gflops_one_thread"]) == {"float32", "float64"}
    assert r["peak_memory_mb"] > r["training_memory_mb"] > 0
    assert any("scaled to 60,000" in note for note in r["notes"])
    assert 0 < r["settings"]["pixel_density"] < 1 and r["settings"]["dataset"] == "auto"
    assert any("no sparsity is exploited" in note for note in r["notes"])
    assert r["unmeasured"]["book@10/float64"] == "not measured with --quick"
    from nndl.commands.bench import report
    text = report({**r, "prove_seconds": None, "latex_seconds": None})
    assert text.startswith("nndl bench:")
    assert "book@10/float64" in text and "n/a  (not measured with --quick)" in text
    assert text.count("of peak") == 1  # one measure of peak, said what it is
    for line in text.splitlines():
        if "n/a" in line and "nndl prove" not in line:
            assert "(" in line, line  # every n/a says why


@pytest.mark.bench
@pytest.mark.parametrize("dataset, described, density", [
    ("fashion-mnist", "real Fashion-MNIST training images", (0.45, 0.55)),
    ("mnist", "the 10,000 real MNIST test digits, repeated", (0.15, 0.25)),
])
def test_the_benchmark_trains_on_60000_real_images_held_as_bytes(dataset, described, density):
    from numeric.data import Images
    images, labels, description = bench.bench_data(dataset)
    assert isinstance(images, Images) and images.shape == (60_000, 784) and labels.shape == (60_000,)
    assert description == described
    assert density[0] < np.count_nonzero(images.pixels) / images.pixels.size < density[1]


def test_the_command_takes_the_dataset(capsys):
    from nndl.commands import bench as command
    parser = argparse.ArgumentParser()
    command.add(parser.add_subparsers())
    assert parser.parse_args(["bench"]).data == "auto"
    assert parser.parse_args(["bench", "--data", "mnist"]).data == "mnist"
    with pytest.raises(SystemExit):
        parser.parse_args(["bench", "--data", "cifar"])
    assert "invalid choice: 'cifar'" in capsys.readouterr().err


def test_plan_says_why_a_row_is_not_timed():
    rows, unmeasured = bench.plan(quick=True, torch_version=None, numba=False)
    assert {"torch@10", "torch@100", "numba@10", "numba@100", "this@10/float64"} <= set(unmeasured)
    assert unmeasured["torch@10"] == "torch is not installed" and unmeasured["numba@10"] == "numba is not installed"
    assert not {key for key, *_ in rows} & set(unmeasured)
    rows, unmeasured = bench.plan(quick=False, torch_version="2.13.0", numba=True)
    assert unmeasured == {} and {"torch@10", "numba@100", "book@10/float64"} <= {key for key, *_ in rows}


@pytest.mark.slow
@pytest.mark.bench
def test_scaling_times_every_contender_and_draws_the_floor(tmp_path, capsys):
    """nndl bench --scaling --quick: a table and a PNG, one line per contender, the floor from the peak."""
    from nndl.cli import main
    assert main(["bench", "--scaling", "--quick", "--json", "--out", str(tmp_path / "out")]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["batch_sizes"] == [1, 10, 100, 1000] and r["hidden"] == [30]
    assert {"this", "numpy", "reference"} <= set(r["seconds"])
    for contender, by_width in r["seconds"].items():
        assert all(v > 0 for v in by_width["30"].values()), contender
    assert r["floor_seconds"]["30"] == pytest.approx(bench.flops_per_epoch() / (r["peak_gflops"] * 1e9))
    figure, table = (tmp_path / "out" / name for name in ("bench-scaling.png", "bench-scaling.txt"))
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "floor" in table.read_text() and "reference" in table.read_text()


@pytest.mark.slow
@pytest.mark.bench
def test_ctrl_c_ends_the_benchmark_and_its_workers_at_once():
    """SIGINT to the command's process group (as a terminal's Ctrl-C): exit 130 within a second,
    no traceback, no worker left."""
    command = subprocess.Popen([sys.executable, "-m", "nndl.cli", "bench", "--quick", "--no-proofs"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert "starting" in command.stderr.readline()
        workers = []
        for _ in range(100):  # until the workers are up
            time.sleep(0.1)
            workers = subprocess.run(["pgrep", "-P", str(command.pid)], capture_output=True, text=True).stdout.split()
            if len(workers) >= 3:
                break
        time.sleep(1.0)
        start = time.perf_counter()
        os.killpg(command.pid, signal.SIGINT)
        _, err = command.communicate(timeout=30)
        seconds = time.perf_counter() - start
    finally:
        if command.poll() is None:
            os.killpg(command.pid, signal.SIGKILL)
    assert command.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert seconds < 10.0, seconds   # the quick benchmark runs on for far longer: 10 s is room for load, not speed
    assert len(workers) >= 3 and not [pid for pid in workers if os.path.exists(f"/proc/{pid}")]
