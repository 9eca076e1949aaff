"""What the checker's tests ask of `nndl check` on a short text (exercises.check.derivations.check_text):
its steps, the step on a line, a formula as the reader reads it."""
from __future__ import annotations

from exercises.check.derivations import check_text
from exercises.check.latex import Source, parse


def steps(text: str, exercise: str | None = None, *, claims: bool = False) -> list:
    """The reports of every chain's steps, in order (a chain's closing claim too when `claims`)."""
    return [s for c in check_text(text, exercise=exercise).chains for s in c.steps if claims or not s.claim]


def step_on(text: str, line: int, column: int | None = None, *, only: bool = False):
    """The report of the first step on `line` (at `column` when given; the one step there when `only`)."""
    every = steps(text)
    found = [s for s in every if s.line == line and (column is None or s.column == column)]
    where = [(s.line, s.column, s.source) for s in every]
    assert (len(found) == 1) if only else found, where
    return found[0]


def read(text: str):
    """The formula `text` as the reader reads it (its SymPy expression)."""
    return parse(Source.at(text, 0)).expr
