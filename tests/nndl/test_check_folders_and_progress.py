"""`nndl check DIR` (every file it reads inside, sorted), the table file by exercise in the
terminal and in --json, and progress on stderr for long commands (a line per item off a terminal)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nndl.cli import main

LEARNERS = Path(__file__).resolve().parents[1] / "exercises" / "check" / "learners"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A class's folder: a wrong chain, a right one in a subfolder, a .py file, and files it skips."""
    root = tmp_path / "class"
    (root / "bea").mkdir(parents=True)
    shutil.copy(LEARNERS / "derivations" / "sigmoid_planted.md", root / "ann.md")
    shutil.copy(LEARNERS / "derivations" / "sigmoid.md", root / "bea" / "sigmoid.md")
    (root / "carl.py").write_text("import numpy as np\n\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n")
    (root / "notes.txt").write_text("not a solution")
    (root / ".ipynb_checkpoints").mkdir()
    shutil.copy(LEARNERS / "derivations" / "sigmoid_planted.md", root / ".ipynb_checkpoints" / "ann.md")
    return root


@pytest.mark.slow
def test_a_folder_is_every_file_inside_it_sorted_with_a_summary(folder, capsys):
    assert main(["check", str(folder)]) == 1
    captured = capsys.readouterr()
    table = captured.out.split("summary, file by exercise:\n")[1].splitlines()
    assert table[0].split() == ["file", "sigmoid-derivative", "sigmoid"]
    rows = {line.split()[0].rsplit("/", 1)[-1]: line.split()[1:] for line in table[1:-1]}
    assert rows == {"ann.md": ["wrong", "-"], "sigmoid.md": ["follows", "-"], "carl.py": ["-", "correct"]}
    assert table[-1] == "(1 wrong, 1 follows, 1 correct)"
    assert [line.split()[0].rsplit("/", 1)[-1] for line in table[1:-1]] == ["ann.md", "sigmoid.md", "carl.py"]
    # progress, one line per file on stderr (not a terminal here), in the order they are read
    lines = [line for line in captured.err.splitlines() if line.startswith("nndl check: ")]
    assert [line.rsplit("/", 1)[-1] for line in lines] == ["ann.md", "sigmoid.md"]
    assert lines[0].startswith("nndl check: 1/2 ") and ".ipynb_checkpoints" not in captured.err


@pytest.mark.slow
def test_the_summary_in_json(folder, capsys):
    assert main(["check", "--json", "--summary", str(folder)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert {r.get("exercise") or r.get("function") for r in out["results"]} == {"sigmoid-derivative", "sigmoid"}
    cells = {(c["file"].rsplit("/", 1)[-1], c["exercise"]): (c["verdict"], c["chains"]) for c in out["summary"]["cells"]}
    assert cells == {("ann.md", "sigmoid-derivative"): ("wrong", 1), ("sigmoid.md", "sigmoid-derivative"): ("follows", 1),
                     ("carl.py", "sigmoid"): ("correct", 1)}
    assert main(["check", "--json", str(folder / "ann.md")]) == 1        # one file, no --summary: the list
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_bad_folders_and_pages(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["check", str(empty)]) == 2
    assert "no .md, .tex, .ipynb or .py file in this folder" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "absent")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["check", "--html", str(tmp_path), str(LEARNERS / "derivations" / "sigmoid.md")]) == 2
    assert "a folder; give the name of the page" in capsys.readouterr().err


def test_progress_is_a_line_per_item_off_a_terminal(capsys):
    from nndl.progress import progress
    with progress("nndl work", 3, unit="part") as shown:
        for name in ("a", "b", "c"):
            shown.done(name)
    assert capsys.readouterr().err.splitlines() == ["nndl work: 1/3 a", "nndl work: 2/3 b", "nndl work: 3/3 c"]


@pytest.mark.slow
def test_nndl_latex_says_how_far_it_got(tmp_path, capsys):
    assert main(["latex", "--out", str(tmp_path), "--only", "sigmoid-derivative"]) == 0
    err = capsys.readouterr().err
    assert "nndl latex: 1/1 sigmoid-derivative" in err.splitlines()


@pytest.mark.slow
def test_nndl_bench_says_how_far_the_proofs_and_the_document_got(monkeypatch, capsys):
    """The benchmark's timing of `nndl prove` and `nndl latex`, on two claims: a line per claim and
    per part of the document."""
    import exercises.registry
    from nndl.commands.bench import time_proofs
    monkeypatch.setattr(exercises.registry, "ids", lambda: ["sigmoid-derivative", "softmax-distribution"])
    prove_seconds, latex_seconds, notes = time_proofs(jobs=1)
    assert prove_seconds > 0 and latex_seconds > 0 and notes == []
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if line.startswith("timing nndl prove")] == [
        "timing nndl prove: 1/2 sigmoid-derivative", "timing nndl prove: 2/2 softmax-distribution"]
    assert [line for line in err if line.startswith("timing nndl latex")] == [
        "timing nndl latex: 1/4 the derivations", "timing nndl latex: 2/4 the code against its formulas",
        "timing nndl latex: 3/4 sigmoid-derivative", "timing nndl latex: 4/4 softmax-distribution"]
