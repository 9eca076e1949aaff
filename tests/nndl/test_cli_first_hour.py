"""The command line as a new user meets it: bad paths checked first, bad options named, what
training says, and what the commands print. Each test here was a failure a new user met and fails
without its mend. (Ctrl-C: test_interrupt.py.)"""
from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
import sympy as sp

from nndl.cli import main



# ------------------------------------------------------------------------------ bad paths, checked first

@pytest.mark.parametrize("save, message", [
    ("missing/net.npz", "the folder missing does not exist"),
    ("/proc/net.npz", "cannot write in /proc"),
    (".", "is a folder; give a file name"),
])
def test_train_checks_where_it_saves_before_training(mnist_dir, tmp_path, monkeypatch, capsys, save, message):
    from numeric.network import Network
    monkeypatch.chdir(tmp_path)

    def trained(*args, **kwargs):
        raise AssertionError("trained before checking where it saves")
    monkeypatch.setattr(Network, "sgd", trained)           # before the first epoch, not after 30
    assert main(["train", "--data-dir", str(mnist_dir), "--save", save]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("out, message", [("/proc/report", "cannot write in /proc"), ("file", "exists and is not a folder")])
def test_confirm_checks_its_folder_before_confirming(mnist_dir, tmp_path, monkeypatch, capsys, out, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("not a folder")
    assert main(["confirm", "--data-dir", str(mnist_dir), "--out", out]) == 2
    assert message in capsys.readouterr().err


def test_saved_networks_follow_the_umask(tmp_path):
    from numeric.network import Network
    mask = os.umask(0o022)
    try:
        Network((4, 3, 2)).save(tmp_path / "net.npz")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "net.npz").stat().st_mode) == 0o644


def test_saving_to_an_unwritable_place_from_python_is_a_clear_error(tmp_path):
    from derivations.errors import NndlError
    from numeric.network import Network
    with pytest.raises(NndlError, match="cannot write the network there"):
        Network((4, 3, 2)).save(Path("/proc/net.npz"))


# ------------------------------------------------------------------------------ training says what happened

@pytest.mark.slow
def test_a_learning_rate_that_diverges_is_said_and_fails(mnist_dir, capsys, tmp_path, monkeypatch):
    import builtins

    from derivations.errors import left_behind
    from nndl.commands import train
    said_on_ctrl_c = []     # what a Ctrl-C would say while the divergence is being reported

    def printing(*args, **kwargs):
        said_on_ctrl_c.append(left_behind())
        builtins.print(*args, **kwargs)
    monkeypatch.setattr(train, "print", printing, raising=False)
    saved = tmp_path / "net.npz"
    assert main(["train", "--data-dir", str(mnist_dir), "--eta", "1e6", "--epochs", "3", "--save", str(saved)]) == 1
    err = capsys.readouterr().err
    assert "training diverged after epoch 1" in err and "try a smaller --eta" in err
    assert f"nothing saved to {saved}: training diverged" in err and not saved.exists()
    # a press then would not save the diverged network (as one during training saves the last epoch's)
    assert said_on_ctrl_c and all(s == f"nothing saved to {saved}: training diverged" for s in said_on_ctrl_c), said_on_ctrl_c
    assert not saved.exists()


@pytest.mark.slow
def test_a_batch_larger_than_the_data_is_said(mnist_dir, capsys):
    assert main(["train", "--data-dir", str(mnist_dir), "--batch-size", "100000", "--epochs", "1"]) == 0
    said = capsys.readouterr()
    assert "more than the 8,000 training examples: each epoch is one step" in said.out + said.err


def test_missing_training_labels_are_named_not_called_an_absent_set(mnist_dir, tmp_path):
    import shutil

    from numeric.data import TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, load_dataset
    for name in (TEST_IMAGES, TEST_LABELS):
        shutil.copy(mnist_dir / name, tmp_path / name)
    shutil.copy(mnist_dir / TEST_IMAGES, tmp_path / TRAIN_IMAGES)     # training images without labels
    data = load_dataset("mnist", data_dir=tmp_path, download=False, checksums={})
    assert data.note.startswith("training labels missing (train-labels-idx1-ubyte.gz)")


# ------------------------------------------------------------------------------ options

@pytest.mark.parametrize("argv, message", [
    (["prove", "--only", "sigmoid-derivative", "--explain", "softmax-jacobian"], "does not go with --only, --json or --html"),
    (["prove", "--explain", "sigmoid-derivative", "--json"], "does not go with --only, --json or --html"),
    (["prove", "--jobs", "abc"], "argument --jobs: expected a whole number, got 'abc'"),
    (["train", "--seed", "-1"], "argument --seed: must be at least 0, got -1"),
    (["latex", "--out", "x", "--pdf", "--fragment"], "a --fragment has no preamble"),
])
def test_conflicting_and_malformed_options_are_named(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "_positive" not in err


def test_version_and_the_defaults_in_help(capsys):
    assert main(["--version"]) == 0
    assert re.fullmatch(r"nndl-proofs \S+\n", capsys.readouterr().out)
    assert main(["train", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    for shown in ("(default: 30)", "(default: 0.5)", "(default: 10)", "(default: cross-", "(default: 0)"):
        assert shown in help_text, shown


# ------------------------------------------------------------------------------ what the commands print

@pytest.mark.slow
def test_explain_prints_the_chapters_notation_not_latex_or_reprs(capsys):
    assert main(["prove", "--explain", "softmax-temperature"]) == 0
    out = capsys.readouterr().out
    steps = out[out.index("expected:"):]
    for raw in ("$", "\\", "Limit(", "exp(", "dir=", " oo", "SymPy: SymPy:"):
        assert raw not in steps, raw
    assert "lim_{c→∞}" in out and "e^(c z_j)" in out
    assert main(["prove", "--explain", "binary-vs-categorical-one-hot"]) == 0
    out = capsys.readouterr().out
    assert "z = (ln(2), 0, 0)" in out and "('log(2)'" not in out


@pytest.mark.slow
def test_sources_are_cited_by_name_everywhere(capsys):
    from exercises import all_claims
    assert main(["prove", "--json", "--only", "softmax-temperature"]) == 0
    sources = [row["source"] for row in json.loads(capsys.readouterr().out)] + [c.source for c in all_claims()]
    assert all("seed" not in s.lower() and re.search(r"Nielsen|notes|Roelants|'The Softmax Function'|"
                                                      r"a notebook|a question", s) for s in sources)
    assert main(["prove", "--explain", "softmax-jacobian"]) == 0
    assert "source: 'The Softmax Function'" in capsys.readouterr().out


@pytest.mark.slow
def test_derive_json_strings_read_back_with_parse_expr(capsys):
    from derivations.notation import parse_sympy_string
    from derivations.pairings import PAIRINGS
    assert main(["derive", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(PAIRINGS)
    for row, p in zip(rows, PAIRINGS):
        for key, expected in (("cost", p.model.derivation.result), ("delta", p.output_error.closed_form),
                              ("delta_in_terms_of_a", p.output_error.in_terms_of_a),
                              ("dC_dw", p.output_error.weight_gradient.result),
                              ("dC_db", p.output_error.bias_gradient.result)):
            assert parse_sympy_string(row[key]) == expected, (key, row[key])
    from sympy.parsing.sympy_parser import parse_expr
    assert all("\\" not in row["dC_dw"] for row in rows)
    parse_expr(rows[0]["dC_dw"], local_dict={"delta": sp.IndexedBase("delta"), "a_prev": sp.IndexedBase("a_prev")})


def test_claims_and_results_have_a_short_repr_and_a_rich_display(proved):
    from exercises import get
    claim = get("sigmoid-derivative")
    result = proved[claim.id]
    assert repr(claim) == "<Claim sigmoid-derivative: Derivative of the sigmoid>"
    assert repr(result).startswith("<Result sigmoid-derivative: proved, ")
    assert "Derivative of the sigmoid" in claim._repr_markdown_()
    assert "proved" in result._repr_markdown_()
    verdict = next(v for step in result.steps for v in step.checks)
    assert repr(verdict).startswith("<Verdict proved: ") and len(repr(verdict)) < 200
    assert verdict._repr_markdown_().startswith("**proved** by ")


@pytest.mark.slow
def test_only_writes_into_a_relative_folder_and_one_page_is_one_page(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["latex", "--out", "out", "--only", "sigmoid-derivative", "--pdf"]) == 0
    out = capsys.readouterr().out
    assert "wrote out/sigmoid-derivative.pdf (1 page, pdflatex)" in out
    assert (tmp_path / "out" / "sigmoid-derivative.pdf").exists()


def test_a_press_keeps_the_last_epoch_noted_and_never_a_diverged_network(tmp_path):
    """What a Ctrl-C during `nndl train` keeps: the network as the last epoch noted left it, saved
    and said; nothing once an epoch has diverged (noted as such, or weights no longer finite, as
    when the press lands while the divergence unwinds)."""
    import numpy as np

    from nndl.commands.train import kept_when_interrupted
    from numeric.network import Network
    net, saved = Network((4, 3, 2)), tmp_path / "net.npz"
    records = [{"epoch": 1}, {"epoch": 2}]
    assert kept_when_interrupted(net, saved, records, [3]) == f"nothing saved to {saved}: training diverged"
    assert kept_when_interrupted(net, None, records, [3]) == "training diverged; nothing saved (no --save)"
    assert not saved.exists()
    assert kept_when_interrupted(net, saved, records) == f"saved the network as it was after epoch 2 to {saved}"
    assert Network.load(saved).sizes == (4, 3, 2)
    saved.unlink()
    net.weights[0][0, 0] = np.inf
    assert kept_when_interrupted(net, saved, records) == f"nothing saved to {saved}: training diverged"
    assert not saved.exists()
