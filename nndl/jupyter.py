"""Jupyter: check the cell you are writing. `%load_ext nndl` registers two cell magics:

    %%nndl_check softmax-monotonicity        the cell's derivation ($$...$$, align, ...) checked
    $$ ... $$                                as a solution of that exercise (an id of `nndl prove`;
                                             without one: the cell's marker or heading says which)

    %%nndl_check_code [--as NAME=KIND ...]   the cell is run (its functions are defined as usual),
    def softmax(z): ...                      and each function nndl check knows is checked

Each magic returns the report, which Jupyter shows with formulas rendered, each step's verdict
marked, the counterexample and hint beside it (the objects' `_repr_html_`, `exercises.views`).
Every object a user meets (Derivation, Step, Verdict, Claim, Result, a check report, a chain, a
step, a function's verdict) shows so by itself, with no extension loaded.
"""
from __future__ import annotations

import shlex
from pathlib import Path

from derivations.errors import NndlError
from derivations.files import temporary_folder


def load_ipython_extension(ipython) -> None:
    ipython.register_magic_function(nndl_check, "cell", "nndl_check")
    ipython.register_magic_function(nndl_check_code, "cell", "nndl_check_code")


def nndl_check(line: str, cell: str):
    """%%nndl_check [ID]: check the derivation written in this cell (read as Markdown)."""
    from exercises.check.derivations import check_text
    words = shlex.split(line)
    if len(words) > 1:
        return _error(f"%%nndl_check takes at most one exercise id, got {len(words)}: {line.strip()}")
    try:
        return check_text(cell, exercise=words[0] if words else None, kind="md", name="this cell")
    except NndlError as exc:
        return _error(str(exc))


def nndl_check_code(line: str, cell: str):
    """%%nndl_check_code [--as NAME=KIND ...]: run the cell, then check the functions it defines."""
    from IPython import get_ipython
    from exercises.check.code import check_files
    try:
        aliases = _aliases(shlex.split(line))
    except NndlError as exc:
        return _error(str(exc))
    shell = get_ipython()
    if shell is not None:
        outcome = shell.run_cell(cell)
        if not outcome.success:
            return None        # IPython has shown the cell's own error
    with temporary_folder("nndl-cell-") as folder:
        path = Path(folder) / "cell.py"
        path.write_text(cell, encoding="utf-8")
        try:
            report = check_files([path], aliases)
        except NndlError as exc:
            return _error(str(exc))
    for f in report.files:            # the report names the cell, not the temporary file
        f.path = "this cell"
        for r in f.results + f.unrecognised:
            r.file = "this cell"
    return report


def _aliases(words: list[str]) -> dict[str, str]:
    """--as NAME=KIND, as `nndl check` reads them."""
    from nndl.commands.check import aliases
    given, it = [], iter(words)
    for word in it:
        if word != "--as":
            raise NndlError(f"%%nndl_check_code: unknown argument {word!r} (expected --as NAME=KIND)")
        given.append(next(it, ""))
    return aliases(given)


class _error:
    """A bad argument, shown as one line (no traceback)."""

    def __init__(self, message: str):
        self.message = message

    def __repr__(self) -> str:
        return f"nndl: error: {self.message}"

    def _repr_html_(self) -> str:
        from derivations.html import escape, fragment
        return fragment(f'<div class="bad">nndl: error: {escape(self.message)}</div>')
