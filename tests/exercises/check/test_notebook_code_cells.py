"""`nndl check NB.ipynb` checks the functions a notebook's code cells define, beside its derivations,
without running anything but the cells' imports, functions and classes."""
from __future__ import annotations

import json

from nndl.cli import main


def _notebook(tmp_path, cells):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": kind, "metadata": {}, "source": source,
         **({"outputs": [], "execution_count": None} if kind == "code" else {})} for kind, source in cells]}))
    return path


def test_the_functions_of_the_code_cells_are_checked_in_the_notebooks_places(tmp_path, capsys):
    path = _notebook(tmp_path, [
        ("markdown", "# Derivative of the sigmoid\n$$\\sigma'(z) = \\sigma(z)(1-\\sigma(z))$$\n"),
        ("code", "%matplotlib inline\nimport numpy as np\ndata = np.load('absent.npy')   # not run by the checker\n"),
        ("code", "def helper(x):\n    return x\n\n\ndef softmax(z):\n    return np.exp(z) / np.sum(np.exp(z))\n"),
        ("code", "%%time\ndef sigmoid(z): return 0\n"),           # a cell magic: not Python, left out
    ])
    assert main(["check", "--json", "--summary", str(path)]) == 1
    out = json.loads(capsys.readouterr().out)
    chains = [r for r in out["results"] if "steps" in r]
    functions = {r["function"]: r for r in out["results"] if "function" in r}
    assert [c["steps"][0]["verdict"] for c in chains] == ["follows"]
    assert set(functions) == {"softmax", "helper"}            # the magic cell's sigmoid was left out
    softmax = functions["softmax"]
    assert softmax["verdict"] == "unstable" and softmax["line"] == 5 and softmax["file"] == str(path)
    assert softmax["cell"] == 3                                 # line 5 of cell 3
    assert functions["helper"]["verdict"] == "not checked"
    cells = {c["exercise"]: c["verdict"] for c in out["summary"]["cells"]}
    assert cells == {"sigmoid-derivative": "follows", "softmax": "unstable"}
    assert {c["file"] for c in out["summary"]["cells"]} == {str(path)}


def test_a_notebook_of_derivations_alone_is_unchanged(tmp_path, capsys):
    path = _notebook(tmp_path, [
        ("markdown", "# Derivative of the sigmoid\n$$\\sigma'(z) = \\sigma(z)(1-\\sigma(z))$$\n"),
        ("code", "import numpy as np\n\n\ndef plot(x):\n    return x\n"),     # no function it knows
    ])
    assert main(["check", str(path)]) == 0
    captured = capsys.readouterr()
    assert "NumPy code" not in captured.out and captured.err == ""


def test_code_cells_that_cannot_be_imported_are_named_not_checked(tmp_path, capsys):
    path = _notebook(tmp_path, [
        ("markdown", "# Derivative of the sigmoid\n$$\\sigma'(z) = \\sigma(z)(1-\\sigma(z))$$\n"),
        ("code", "import no_such_module_here\n\n\ndef sigmoid(z):\n    return z\n"),
    ])
    assert main(["check", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"nndl check: {path}: its code cells were not checked: " in err and "no_such_module_here" in err
