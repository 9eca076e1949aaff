"""Rough edges a new user met, each mended: a learning rate that makes training diverge, output
to a full device, the document made before the confirmations, the 8,000 / 2,000 split from
Python, Ctrl-C in confirm said once, more threads than cores, the prove table on a narrow
terminal, and argument errors in one line naming the subcommand."""
from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from derivations.errors import NndlError
from nndl.cli import main

NNDL = [sys.executable, "-m", "nndl"]
LEARNERS = Path(__file__).resolve().parents[1] / "exercises" / "check" / "learners" / "derivations"


# ------------------------------------------------------------------------------ training that diverges

@pytest.mark.parametrize("engine", ["numpy", "auto"])         # auto: the compiled epoch, as a user runs it
@pytest.mark.parametrize("eta", ["3", "1e30"])
@pytest.mark.slow
def test_a_linear_output_that_diverges_is_said_with_the_remedy(mnist_dir, capsys, eta, engine):
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # no NumPy RuntimeWarning may leak
        status = main(["train", "--data-dir", str(mnist_dir), "--cost", "quadratic", "--output", "identity",
                       "--eta", eta, "--epochs", "2", "--engine", engine])
    err = capsys.readouterr().err
    assert status == 1, err                    # a training outcome, not bad input (2)
    assert "training diverged after epoch 1" in err and "try a smaller --eta" in err, err
    assert "NaN or infinite" not in err and "sigmoid" not in err and "Warning" not in err, err


def test_divergence_inside_an_epoch_is_raised_as_divergence_not_as_bad_input():
    import numpy as np

    from numeric.network import Diverged, Network
    rng = np.random.default_rng(0)
    x, labels = rng.random((40, 6)), rng.integers(0, 3, 40)
    net = Network((6, 5, 3), cost="quadratic", output="identity", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(Diverged, match="the weights are no longer finite") as raised:
            net.sgd(x, labels, epochs=3, batch_size=4, eta=1e30, engine="numpy")
    assert raised.value.epoch == 1
    good = Network((6, 5, 3), cost="quadratic", output="identity", seed=0)   # a sane eta: no divergence
    assert len(good.sgd(x, labels, epochs=2, batch_size=4, eta=0.1, engine="numpy")) == 2
    with pytest.raises(NndlError, match="NaN or infinite"):                   # bad input stays bad input
        good.sgd(np.full((40, 6), np.nan), labels, epochs=1, batch_size=4, eta=0.1, engine="numpy")


# ------------------------------------------------------------------------------ a full output device

@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system (Linux has one)")
@pytest.mark.parametrize("argv", [["prove", "--only", "sigmoid-derivative"],
                                  ["check", str(LEARNERS / "sigmoid.md")]], ids=["prove", "check"])
def test_output_to_a_full_device_is_one_clear_line(argv, tmp_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run(NNDL + argv, stdout=full, stderr=subprocess.PIPE, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stderr == f"nndl {argv[0]}: error: cannot write the output: No space left on device\n"


# ------------------------------------------------------------------------------ the document before confirm

def test_latex_without_confirmations_says_they_are_left_out_and_how_to_include_them(tmp_path, monkeypatch, capsys):
    from exercises.document import build

    def stop(*args, **kwargs):
        raise NndlError("stopped here by the test")     # before the long work: the note comes first
    monkeypatch.setattr(build, "build", stop)
    assert main(["latex", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"no numeric confirmation in {tmp_path / 'out'}, so the document leaves it out" in err
    assert f"run `nndl confirm --out {tmp_path / 'out'}` first, then this command again" in err
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "confirm.json").write_text("{}")
    assert main(["latex", "--out", str(tmp_path / "out")]) == 2
    assert "no numeric confirmation" not in capsys.readouterr().err


# ------------------------------------------------------------------------------ the split, from Python

def test_loading_mnist_without_its_training_set_warns_from_python(mnist_dir):
    from numeric.data import SplitWarning, load_dataset
    with pytest.warns(SplitWarning, match=r"trained on 8,000 of the 10,000 real test digits.*full set"):
        data = load_dataset("mnist", data_dir=mnist_dir, download=False)
    assert len(data.train_y) == 8000 and len(data.test_y) == 2000
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # the command line says the note itself
        load_dataset("mnist", data_dir=mnist_dir, download=False, warn=False)


# ------------------------------------------------------------------------------ Ctrl-C said once

def test_ctrl_c_in_confirm_says_interrupted_once(mnist_dir, tmp_path, monkeypatch, capsys):
    from numeric import confirm

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(confirm, "run_all", interrupted)
    assert main(["confirm", "--data-dir", str(mnist_dir), "--out", str(tmp_path / "out")]) == 130
    err = capsys.readouterr().err
    assert err.count("interrupted") == 1 and f"nothing was written to {tmp_path / 'out'}" in err, err


# ------------------------------------------------------------------------------ options

def test_more_threads_than_cores_is_refused_with_the_number_of_cores(capsys):
    from nndl.options import cores
    assert main(["train", "--threads", str(cores() + 97)]) == 2
    err = capsys.readouterr().err
    assert err == (f"nndl train: error: argument --threads: this machine has {cores()} core{'s' if cores() != 1 else ''}: "
                   f"give at most {cores()}, or auto, not {cores() + 97} (see nndl train --help)\n")


@pytest.mark.parametrize("argv, line", [
    (["derive", "--bogus"], "nndl derive: error: unrecognized arguments: --bogus (see nndl derive --help)"),
    (["prove", "--jobs", "abc"], "nndl prove: error: argument --jobs: expected a whole number, got 'abc' "
                                 "(see nndl prove --help)"),
    (["bogus"], "nndl: error: argument COMMAND: invalid choice: 'bogus'"),
    ([], "nndl: error: the following arguments are required: COMMAND (see nndl --help)"),
])
def test_an_argument_error_is_one_line_naming_the_subcommand(capsys, argv, line):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(line) and err.count("\n") == 1 and "usage:" not in err, err


# ------------------------------------------------------------------------------ the table's width

def test_the_prove_table_fits_a_narrow_terminal_and_says_what_it_left_out(monkeypatch, capsys):
    from nndl.commands import prove
    monkeypatch.setattr(prove, "terminal_width", lambda: 80)
    assert main(["prove", "--only", "sigmoid-derivative"]) == 0
    out = capsys.readouterr().out.splitlines()
    header, row = out[0], out[1]
    assert len(header) <= 80 and len(row) <= 80 and row.startswith("sigmoid-derivative") and "proved" in row
    assert any(line.startswith("(left out to fit the terminal: sources, title") and "--wide" in line for line in out)
    assert main(["prove", "--only", "sigmoid-derivative", "--wide"]) == 0
    wide = capsys.readouterr().out.splitlines()
    assert "sources" in wide[0] and "Derivative of the sigmoid" in wide[1] and not any("left out" in l for l in wide)


def test_the_table_leaves_out_columns_in_order_and_keeps_an_unexpected_verdict():
    from nndl.commands.prove import Table
    row = {"id": "some-claim", "title": "A title", "verdict": "refuted", "general_n": True, "seconds": 1.5,
           "source": "Nielsen", "expected": "proved", "steps": "12 CAS, 3 lemma, 2 earlier step, 1 definition"}
    assert Table(10, 7).left_out == [] and Table(10, 7).line(row).endswith("1 definition  <- expected proved")
    for width, left_out in ((200, []), (100, ["sources"]), (70, ["sources", "title"]),
                            (60, ["sources", "title", "n"]), (40, ["sources", "title", "n", "steps"])):
        table = Table(10, 7, width)
        assert table.left_out == left_out, width
        if "steps" not in left_out:
            assert len(table.header()) <= width and len(table.line(row)) <= width, width
        assert table.line(row).endswith("<- expected proved")
