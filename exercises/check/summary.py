"""For teachers: one verdict per file and exercise, from the reports of `nndl check`.

    summarize(chains, functions) -> Summary      (ChainReports, code FunctionResults)

A chain is *wrong* when a step of it is wrong or cannot be read, *undecided* when a step is
undecided, else it *follows*; a function keeps its own verdict (correct, wrong, unstable). A
cell of the table (a file, an exercise or a function's kind) holds the worst of its chains'
verdicts, and how many chains it holds when more than one. Built on the reports' public fields only.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from exercises.check.report import FOLLOWS, UNDECIDED, UNPARSED, WRONG

ORDER = (WRONG, "unstable", UNDECIDED, "not checked", FOLLOWS, "correct")   # worst first
NO_EXERCISE = "(no exercise)"


def chain_verdict(chain) -> str:
    """follows / wrong / undecided for one ChainReport."""
    verdicts = {s.verdict for s in chain.steps}
    if verdicts & {WRONG, UNPARSED}:
        return WRONG
    if UNDECIDED in verdicts:
        return UNDECIDED
    return FOLLOWS


@dataclass
class Cell:
    verdicts: list[str] = field(default_factory=list)
    reached: list[bool] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return min(self.verdicts, key=lambda v: ORDER.index(v) if v in ORDER else len(ORDER))

    def text(self) -> str:
        many = f" ({len(self.verdicts)})" if len(self.verdicts) > 1 else ""
        unreached = ", not at the claim" if self.verdict == FOLLOWS and not all(self.reached) else ""
        return self.verdict + unreached + many


@dataclass
class Summary:
    files: list[str]
    columns: list[str]                         # exercise ids, then the kinds of checked functions
    cells: dict[tuple[str, str], Cell]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for cell in self.cells.values():
            out[cell.verdict] = out.get(cell.verdict, 0) + 1
        return out

    def json(self) -> dict:
        return {"files": self.files, "exercises": self.columns,
                "cells": [{"file": f, "exercise": c, "verdict": cell.verdict, "chains": len(cell.verdicts),
                           "reached": all(cell.reached)}
                          for (f, c), cell in self.cells.items()]}

    def text(self) -> str:
        if not self.cells:
            return ""
        first = max(len("file"), *(len(f) for f in self.files))
        widths = [max(len(c), *(len(self.cells[f, c].text()) for f in self.files if (f, c) in self.cells))
                  for c in self.columns]
        rows = ["  ".join([f"{'file':<{first}}"] + [f"{c:<{w}}" for c, w in zip(self.columns, widths)])]
        for f in self.files:
            rows.append("  ".join([f"{f:<{first}}"] + [
                f"{(self.cells[f, c].text() if (f, c) in self.cells else '-'):<{w}}"
                for c, w in zip(self.columns, widths)]).rstrip())
        counts = ", ".join(f"{n} {v}" for v, n in sorted(self.counts().items(), key=lambda kv: ORDER.index(kv[0])
                                                          if kv[0] in ORDER else len(ORDER)))
        return "summary, file by exercise:\n" + "\n".join(rows) + f"\n({counts})"


def summarize(chains=(), functions=()) -> Summary:
    files: list[str] = []
    columns: list[str] = []
    cells: dict[tuple[str, str], Cell] = {}

    def add(file: str, column: str, verdict: str, reached: bool) -> None:
        if file not in files:
            files.append(file)
        if column not in columns:
            columns.append(column)
        cell = cells.setdefault((file, column), Cell())
        cell.verdicts.append(verdict)
        cell.reached.append(reached)

    for chain in chains:
        add(chain.file, chain.exercise or NO_EXERCISE, chain_verdict(chain),
            bool((chain.conclusion or {}).get("reached", True)))
    for result in functions:
        add(result.file, result.kind or result.function, result.verdict, True)
    return Summary(files, columns, cells)
