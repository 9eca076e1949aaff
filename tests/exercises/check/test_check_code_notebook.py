"""A notebook's code cells are checked as one file (cells in order; IPython's magics, shell and
help lines left out), its markdown cells as derivations."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from derivations.errors import NndlError
from exercises.check import code as C
from nndl import cli

DERIVATIONS = Path(__file__).resolve().parent / "learners" / "derivations"


def notebook(path: Path, *cells) -> Path:
    """cells: ("markdown" | "code", text)."""
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True),
         **({"outputs": [], "execution_count": None} if kind == "code" else {})} for kind, text in cells]}))
    return path


CELLS = [
    ("markdown", "# Softmax\nThe softmax of the output layer, one example per row."),
    ("code", "%matplotlib inline\n!pip install nothing\nimport numpy as np\nnp.exp?"),
    ("code", "def softmax(z):\n    \"\"\"z: a batch of logits, one example per row.\"\"\"\n"
             "    e = np.exp(z - np.max(z, axis=1, keepdims=True))\n    return e / np.sum(e, axis=0)\n"),
    ("code", "%%time\nthis is not python\n"),
    ("code", "def sigmoid(z):\n    for _ in range(1):\n        !echo inside\n    return 1 / (1 + np.exp(-z))\n"),
]


@pytest.mark.slow
def test_a_wrong_softmax_in_a_code_cell_is_found(tmp_path, capsys):
    path = notebook(tmp_path / "mine.ipynb", *CELLS)
    results = {r.function: r for r in C.check_code(path)}
    assert results["softmax"].verdict == C.WRONG and results["softmax"].cell == 3
    assert results["softmax"].line == 1 and results["softmax"].file == str(path)
    assert results["sigmoid"].verdict == C.CORRECT and results["sigmoid"].cell == 5
    assert cli.main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "softmax (cell 3, line 1): wrong, held to softmax" in out
    assert "       1 | def softmax(z):" in out


def test_a_right_notebook_exits_0_and_its_markdown_is_still_read_as_derivations(tmp_path, capsys):
    cells = [c for c in CELLS if "softmax" not in c[1] or c[0] == "markdown"]
    path = notebook(tmp_path / "mine.ipynb", *cells)
    assert cli.main(["check", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["function"], r["verdict"], r["cell"]) for r in rows if "function" in r] == [("sigmoid", "correct", 4)]


def test_a_notebook_of_derivations_only_is_not_failed_for_having_no_code():
    report = C.check_files([DERIVATIONS / "softmax.ipynb"])      # its code cell defines no function
    assert report.failed is False and report.text() == "" and not report.problems


def test_a_syntax_error_names_its_cell_and_a_broken_notebook_is_bad_input(tmp_path, capsys):
    path = notebook(tmp_path / "mine.ipynb", ("code", "import numpy as np"), ("code", "x = 1\ndef f(:\n"))
    with pytest.raises(NndlError, match=r"mine.ipynb, cell 2, line 2, column 7: syntax error"):
        C.check_code(path)
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    assert cli.main(["check", str(broken)]) == 2
    assert "Traceback" not in capsys.readouterr().err
