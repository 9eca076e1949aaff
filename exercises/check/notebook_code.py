"""The functions a Jupyter notebook's code cells define, checked as `nndl check FILE.py` checks a file.

    check_notebooks(paths) -> (Report | None, notes)

From each code cell, only what defines something is taken: its imports, its functions and its
classes (with their decorators), in the order of the cells, so that checking a notebook never
runs its training loops or reads its data; cells that are not Python (a %%magic, a syntax error)
are left out. The taken source is checked in the code checker's sandbox like a .py file
(exercises.check.code), and each function's place is given back as the notebook's: its line
within its cell, and a note naming the cell. A notebook whose code defines no function nndl check knows adds
nothing to the report (it is a notebook of derivations); one whose taken code cannot be imported
is named in a note, not checked.
"""
from __future__ import annotations

import ast
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from derivations.errors import NndlError

KEPT = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass
class Piece:
    cell: int                 # the notebook's cell, counted from 1
    first_line: int           # its first line in the cell, from 1
    source: str


def pieces(path: Path) -> list[Piece]:
    """The imports, functions and classes of a notebook's code cells, in order."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NndlError(f"{path}: not a Jupyter notebook ({exc})") from None
    out = []
    for number, cell in enumerate(notebook.get("cells", []) if isinstance(notebook, dict) else [], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if source.lstrip().startswith("%%"):
            continue
        lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, KEPT):
                first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
                out.append(Piece(number, first, "\n".join(lines[first - 1:node.end_lineno])))
    return out


def check_notebooks(paths):
    """The code Report of the notebooks whose code cells define a function nndl check knows (None
    when none does), and notes on the notebooks whose code could not be checked."""
    from exercises.check.code import Report, check_files
    files, notes = [], []
    for path in map(Path, paths):
        found = pieces(path)
        if not any(isinstance(ast.parse(p.source).body[0], (ast.FunctionDef, ast.ClassDef)) for p in found):
            continue
        places, text = [], []            # (first line in the taken source, piece)
        for piece in found:
            places.append((len(text) + 1, piece))
            text += piece.source.splitlines() + ["", ""]
        with tempfile.TemporaryDirectory(prefix="nndl-notebook-") as folder:
            taken = Path(folder) / f"{path.stem}.py"
            taken.write_text("\n".join(text) + "\n", encoding="utf-8")
            try:
                report = check_files([taken])
            except NndlError as exc:
                notes.append(f"{path}: its code cells were not checked: "
                             f"{str(exc).replace(str(taken), 'the code cells')}")
                continue
        for f in report.files:
            if not f.results:                # no function it knows: a notebook of derivations
                continue
            f.path = f"{path} (code cells)"
            for r in f.results + f.unrecognised:
                start, piece = max((p for p in places if p[0] <= r.line), key=lambda p: p[0], default=places[0])
                r.file, r.line = str(path), r.line - start + piece.first_line
                r.notes.insert(0, f"in cell {piece.cell} of the notebook (line {r.line} of the cell)")
            files.append(f)
    return (Report(files) if files else None), notes
