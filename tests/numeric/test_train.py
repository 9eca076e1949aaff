"""`nndl train` on real digits, and bad data files through the command line (exit 2, no traceback)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nndl.cli import main
from numeric.data import TEST_IMAGES, TEST_LABELS, write_idx
from numeric.network import Network



@pytest.fixture(autouse=True)
def no_user_data(tmp_path, monkeypatch):
    """Neither the user's NNDL_DATA_DIR nor their cache takes part."""
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def train_json(capsys, *args) -> tuple[int, dict]:
    code = main(["train", "--json", *args])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.slow
def test_train_json_on_the_shared_digits(mnist_dir, tmp_path, capsys):
    saved = tmp_path / "net.npz"
    code, result = train_json(capsys, "--epochs", "2", "--hidden", "30", "--eta", "0.5",
                              "--save", str(saved))
    assert code == 0
    epochs = result["epochs"]
    assert [e["epoch"] for e in epochs] == [1, 2]
    assert all(set(e) == {"epoch", "accuracy", "cost", "seconds"} for e in epochs)
    assert all(0.8 < e["accuracy"] <= 1 and e["cost"] > 0 and e["seconds"] > 0 for e in epochs)
    settings = result["settings"]
    assert settings["cost"] == "cross-entropy" and settings["sizes"] == [784, 30, 10]
    assert settings["epochs"] == 2 and settings["batch_size"] == 10 and settings["eta"] == 0.5
    assert Path(settings["data_source"]).resolve() == mnist_dir.resolve()  # the default when nothing is given
    assert settings["train_examples"] == 8000 and settings["held_out_examples"] == 2000
    assert "training set absent" in result["note"]
    net = Network.load(saved)
    from numeric.data import load_dataset
    data = load_dataset(data_dir=mnist_dir)
    assert net.accuracy(data.test_x, data.test_y) == epochs[-1]["accuracy"]


def test_same_seed_same_numbers(capsys):
    args = ("--epochs", "1", "--cost", "log-likelihood", "--hidden", "10", "--seed", "3")
    first = train_json(capsys, *args)[1]["epochs"]
    second = train_json(capsys, *args)[1]["epochs"]
    other = train_json(capsys, "--epochs", "1", "--cost", "log-likelihood", "--hidden", "10",
                       "--seed", "4")[1]["epochs"]
    strip = lambda h: [(e["accuracy"], e["cost"]) for e in h]  # noqa: E731
    assert strip(first) == strip(second) and strip(first) != strip(other)


def test_train_prints_each_epoch(mnist_dir, capsys):
    code = main(["train", "--data-dir", str(mnist_dir), "--epochs", "2", "--cost", "quadratic",
                 "--eta", "3.0", "--hidden", "10"])
    out = capsys.readouterr().out
    assert code == 0
    assert "note: training set absent" in out and "the quadratic cost" in out
    assert "epoch   1: held-out accuracy" in out and "epoch   2: held-out accuracy" in out


@pytest.mark.slow
def test_train_fashion_mnist_from_debian(capsys):
    code, result = train_json(capsys, "--dataset", "fashion-mnist", "--no-download",
                              "--epochs", "1", "--hidden", "10", "--eta", "0.1")
    assert code == 0 and result["note"] == ""
    assert result["settings"]["train_examples"] == 60_000
    assert 0.6 < result["epochs"][0]["accuracy"] < 0.95


@pytest.mark.parametrize("args, message", [
    (["--epochs", "0"], "argument --epochs: must be at least 1, got 0"),
    (["--hidden", "0"], "argument --hidden: must be at least 1, got 0"),
    (["--batch-size", "0"], "argument --batch-size: must be at least 1, got 0"),
    (["--eta", "-1"], "argument --eta: must be a positive finite number, got -1"),
    (["--eta", "inf"], "argument --eta: must be a positive finite number, got inf"),
    (["--seed", "-1"], "argument --seed: must be at least 0, got -1"),
    (["--epochs", "abc"], "argument --epochs: expected a whole number, got 'abc'"),
    (["--threads", "0"], "argument --threads: expected auto or a whole number of at least 1, got '0'"),
    (["--threads", "two"], "argument --threads: expected auto or a whole number of at least 1, got 'two'"),
])
def test_bad_options(capsys, args, message):
    assert main(["train", *args]) == 2
    assert message in capsys.readouterr().err


# ---------------------------------------------------------------- bad files through the CLI

def bad_folder(folder: Path, problem: str) -> Path:
    """A test set of 20 digits (uncompressed, so the structure is what is checked) with one problem."""
    folder.mkdir()
    images = np.zeros((20, 28, 28), np.uint8)
    labels = np.arange(20, dtype=np.uint8) % 10
    images_file, labels_file = folder / TEST_IMAGES[:-3], folder / TEST_LABELS[:-3]
    if problem == "size":
        images = np.zeros((20, 28, 27), np.uint8)
    if problem == "count":
        labels = labels[:19]
    if problem == "label":
        labels[7] = 12
    write_idx(images_file, images)
    write_idx(labels_file, labels)
    if problem == "magic":
        write_idx(images_file, labels)
    if problem == "truncated":
        images_file.write_bytes(images_file.read_bytes()[:-100])
    if problem == "gzip":  # a .gz whose stream is cut short
        images_file.unlink()
        write_idx(folder / TEST_IMAGES, images)
        raw = (folder / TEST_IMAGES).read_bytes()
        (folder / TEST_IMAGES).write_bytes(raw[: len(raw) // 2])
    if problem == "checksum":  # a well-formed gzip file that is not the real MNIST file
        images_file.unlink()
        write_idx(folder / TEST_IMAGES, images)
    return folder


PROBLEMS = {
    "magic": (TEST_IMAGES[:-3], "wrong magic number 2049"),
    "truncated": (TEST_IMAGES[:-3], "truncated"),
    "size": (TEST_IMAGES[:-3], "28x27"),
    "count": (TEST_LABELS[:-3], "19 labels for the 20 images"),
    "label": (TEST_LABELS[:-3], "label 12 at index 7 is outside 0..9"),
    "gzip": (TEST_IMAGES, "truncated gzip stream"),
    "checksum": (TEST_IMAGES, "sha256 mismatch"),
}


@pytest.mark.parametrize("problem", sorted(PROBLEMS))
@pytest.mark.parametrize("command", ["train", "confirm"])
def test_bad_files_exit_2_with_a_message(tmp_path, capsys, problem, command):
    folder = bad_folder(tmp_path / "data", problem)
    assert main([command, "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    filename, message = PROBLEMS[problem]
    assert err.startswith(f"nndl {command}: error: ")
    assert str(folder / filename) in err and message in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_bad_file_from_the_installed_command_has_no_traceback(tmp_path):
    folder = bad_folder(tmp_path / "data", "label")
    run = subprocess.run([sys.executable, "-m", "nndl", "train", "--data-dir", str(folder)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 2
    assert "outside 0..9" in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""


def test_missing_folder_and_no_download(tmp_path, capsys):
    assert main(["train", "--data-dir", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["confirm", "--data-dir", str(tmp_path)]) == 2
    assert f"{tmp_path}: no mnist test files" in capsys.readouterr().err


@pytest.mark.slow
def test_train_with_the_numba_engine_gives_the_numpy_engines_numbers(capsys):
    """Both engines, in float64 the same numbers to 1e-9, in float32 (and auto) within 0.01 of accuracy."""
    import json

    from nndl.cli import main
    runs = {}
    for engine in ("numpy", "numba", "auto"):
        for dtype in ("float64", "float32", "auto"):
            assert main(["train", "--epochs", "1", "--hidden", "10", "--json", "--engine", engine,
                         "--dtype", dtype]) == 0
            out = json.loads(capsys.readouterr().out)
            assert out["settings"]["engine"] == (engine if engine != "auto" else "numba")
            assert out["settings"]["dtype"] == (dtype if dtype != "auto" else "float32")
            runs[engine, dtype] = out["epochs"][0]
    assert runs["numba", "float64"]["accuracy"] == runs["numpy", "float64"]["accuracy"]
    assert abs(runs["numba", "float64"]["cost"] - runs["numpy", "float64"]["cost"]) < 1e-9
    accuracies = [r["accuracy"] for r in runs.values()]
    assert max(accuracies) - min(accuracies) <= 0.01, runs
