"""A learner's own derivation, checked step by step: which step is wrong, and why.

    check_text(text, exercise=None, kind="md", name="<text>") -> Report
    check_files(paths, exercise=None) -> Report           (what `nndl check FILE.md|.tex|.ipynb` runs)

Every displayed chain of the text (exercises.check.extract) is read into SymPy in the chapter's
notation (exercises.check.latex) and checked under one exercise's definitions and standing
assumptions (exercises.check.contexts): from `exercise`, else from an <!-- nndl: ID --> marker,
else from the heading above the chain. A marker may also rename a text's letters for the
chapter's: <!-- nndl: softmax-log-likelihood-gradient; y=a, t=y, xi=C --> reads its y as a_j.
A condition written just before the chain ("If $j = k$:") or in it (\\text{if } j \\neq k) is
assumed, and the report says so; a symbol the text defines ("where $C = \\sum_{k=1}^{9} e^{z_k}$",
or a display $$Z = ...$$) is used with its definition.

Each step (each relation between consecutive parts) gets a verdict, always from the proof
primitives (exercises.check.meaning.judge): follows (proved), wrong (refuted: a counterexample in
the chapter's notation with both sides' values, and a hint for the chapter's usual mistakes),
undecided (why), unparsed (the line and column). Each line also says whether it still equals the
chain's start, and the chain's end is compared with the exercise's claim.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from derivations.errors import NndlError

FOLLOWS, WRONG, UNDECIDED, UNPARSED, DEFINITION, STATEMENT = (
    "follows", "wrong", "undecided", "unparsed", "definition", "statement")


# ============================================================================ the report

@dataclass
class StepReport:
    line: int
    column: int
    source: str
    relation: str
    verdict: str
    reason: str
    counterexample: dict | None = None
    hint: str | None = None
    equals_start: bool | None = None      # whether this line still equals the chain's start
    quoted: str = ""                      # the file's line, for the caret
    claim: bool = False                   # an \\underbrace claim, not a relation of the chain

    def json(self) -> dict:
        return {"line": self.line, "column": self.column, "source": self.source, "relation": self.relation,
                "verdict": self.verdict, "reason": self.reason, "counterexample": self.counterexample,
                "hint": self.hint, "equals_start": self.equals_start}


@dataclass
class ChainReport:
    file: str
    cell: int | None
    line: int
    exercise: str | None
    steps: list[StepReport]
    conclusion: dict
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return any(s.verdict in (WRONG, UNPARSED) for s in self.steps)

    def json(self) -> dict:
        return {"file": self.file, "cell": self.cell, "line": self.line, "exercise": self.exercise,
                "steps": [s.json() for s in self.steps], "conclusion": self.conclusion, "notes": self.notes}

    def text(self) -> str:
        where = f"{self.file}" + (f", cell {self.cell}" if self.cell is not None else "") + f", line {self.line}"
        head = f"{where}: " + (f"checked as exercise {self.exercise}" if self.exercise else
                               "no exercise named: checked as algebra, every letter a free quantity")
        out = [head]
        out += [f"  {note}" for note in self.notes]
        for number, s in enumerate(self.steps, start=1):
            label = "claim" if s.claim else f"step {number}"
            out.append(f"  {label} (line {s.line}, column {s.column}) {s.relation}: {s.verdict}")
            if s.verdict in (WRONG, UNPARSED, UNDECIDED) and s.quoted:
                quoted, caret = window(s.quoted, s.column - 1)
                out.append(f"    | {quoted}")
                out.append(f"    | {' ' * caret}^")
            if s.verdict != FOLLOWS or s.claim:
                out.append(f"    {s.reason}")
            if s.counterexample:
                out.append(f"    counterexample: {show_counterexample(s.counterexample)}")
            if s.hint:
                out.append(f"    hint: {s.hint}")
            if s.equals_start is False:
                out.append("    this line no longer equals the chain's start")
            elif s.equals_start is True and any(p.verdict != FOLLOWS for p in self.steps[:number - 1]):
                out.append("    this line equals the chain's start again")
        out.append(f"  conclusion: {self.conclusion['text']}")
        return "\n".join(out)


@dataclass
class Report:
    """What `nndl check` shows for derivations: one ChainReport per chain."""

    chains: list[ChainReport]
    files: list[str]
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return any(c.failed for c in self.chains)

    def json(self) -> list[dict]:
        return [c.json() for c in self.chains]

    def text(self) -> str:
        if not self.chains:
            return "\n".join(self.notes + [f"no displayed derivation found in {', '.join(self.files)}"])
        parts = [c.text() for c in self.chains]
        counts = {v: sum(1 for c in self.chains for s in c.steps if s.verdict == v)
                  for v in (FOLLOWS, WRONG, UNDECIDED, UNPARSED)}
        summary = (f"{len(self.chains)} chain(s): {counts[FOLLOWS]} step(s) follow, {counts[WRONG]} wrong, "
                   f"{counts[UNDECIDED]} undecided, {counts[UNPARSED]} unparsed ({self.seconds:.1f} s)")
        return "\n\n".join(self.notes + parts + [summary])


def window(line: str, column: int, width: int = 76) -> tuple[str, int]:
    """The part of a long line around `column` (0-based), and the caret's place in it."""
    if len(line) <= width:
        return line, column
    lo = max(0, min(column - width // 2, len(line) - width))
    shown = line[lo:lo + width]
    caret = column - lo
    if lo > 0:
        shown, caret = "…" + shown[1:], caret
    if lo + width < len(line):
        shown = shown[:-1] + "…"
    return shown, caret


def show_counterexample(cex: dict) -> str:
    point = ", ".join(f"{k} = {_number(v)}" for k, v in cex.get("point", {}).items())
    sides = ""
    if "left" in cex and "right" in cex:
        sides = f": left side {_number(cex['left'])}, right side {_number(cex['right'])}"
    return point + sides


def _number(v) -> str:
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


# ============================================================================ entry points

def check_files(paths: list[Path], exercise: str | None = None) -> Report:
    """Check every displayed chain of these .md, .tex and .ipynb files."""
    from exercises.check.extract import read_documents
    start = time.perf_counter()
    if exercise is not None:
        _context(exercise)                      # a bad --exercise fails before any work
    chains: list[ChainReport] = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise NndlError(f"{path}: no such file")
        for doc in read_documents(path):
            chains.extend(check_document(doc, exercise))
    return Report(chains, [str(p) for p in paths], seconds=time.perf_counter() - start)


def check_text(text: str, exercise: str | None = None, *, kind: str = "md", name: str = "<text>") -> Report:
    """Check every displayed chain of a text (kind: md, tex or ipynb, as its file would be).

    >>> report = check_text(r"$$\\frac{d}{dz} e^{-z} = e^{-z}$$", exercise="sigmoid-derivative")
    >>> report.failed, report.chains[0].steps[0].verdict
    (True, 'wrong')
    """
    from exercises.check.extract import document, notebook_documents
    start = time.perf_counter()
    if exercise is not None:
        _context(exercise)
    kind = kind.lower().lstrip(".")
    if kind not in ("md", "tex", "ipynb"):
        raise NndlError(f"kind {kind!r}: expected md, tex or ipynb")
    docs = notebook_documents(name, text) if kind == "ipynb" else [document(name, text, None, latex=kind == "tex")]
    chains = [c for doc in docs for c in check_document(doc, exercise)]
    return Report(chains, [name], seconds=time.perf_counter() - start)


def _context(exercise: str):
    from exercises.check.contexts import by_id
    return by_id(exercise)


def check_document(doc, exercise: str | None) -> list[ChainReport]:
    from exercises.check.checker import ChainChecker
    return [ChainChecker(doc, chain, exercise).run() for chain in doc.chains]
