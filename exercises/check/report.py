"""The verdicts of a learner's chain and its report: what the checker (exercises.check.checker)
writes and `check_text` (exercises.check.derivations) collects, in one small module both import."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

FOLLOWS, WRONG, UNDECIDED, UNPARSED, DEFINITION, STATEMENT = (
    "follows", "wrong", "undecided", "unparsed", "definition", "statement")


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
    detail: str = ""                      # how the primitives decided (oracles, points): --json, --verbose

    def json(self) -> dict:
        return {"line": self.line, "column": self.column, "source": self.source, "relation": self.relation,
                "verdict": self.verdict, "reason": self.reason, "counterexample": self.counterexample,
                "hint": self.hint, "equals_start": self.equals_start, "detail": self.detail}

    def _repr_html_(self) -> str:
        from exercises.views import show, step_report_row
        return show(f"<table>{step_report_row('', self)}</table>")


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
        """A step is wrong, or the chain is shown not to reach the exercise's claim (exit status 1)."""
        return any(s.verdict == WRONG for s in self.steps) or bool(self.conclusion.get("refuted"))

    @property
    def open(self) -> bool:
        """A step unread or undecided: a warning, a failure only under --strict."""
        return any(s.verdict in (UNPARSED, UNDECIDED) for s in self.steps)

    def json(self) -> dict:
        return {"file": self.file, "cell": self.cell, "line": self.line, "exercise": self.exercise,
                "steps": [s.json() for s in self.steps], "conclusion": self.conclusion, "notes": self.notes}

    def _repr_html_(self) -> str:
        from exercises.views import chain_html, show
        return show(chain_html(self))

    def text(self, verbose: bool = False) -> str:
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
            if s.verdict != FOLLOWS:
                out.append(f"    {s.reason}")
            elif s.claim:
                out.append(f"    {s.reason.split(': ')[0]}: it holds")
            if verbose and s.detail:
                out.append(f"    how: {s.detail}")
            if s.counterexample:
                out.append(f"    counterexample: {show_counterexample(s.counterexample, None if verbose else s.source)}")
            if s.hint:
                out.append(f"    hint: {s.hint}")
            before = [p.equals_start for p in self.steps[:number - 1] if p.equals_start is not None]
            if s.equals_start is False and (not before or before[-1] is not False):
                out.append("    from this line on, the chain no longer equals its start")
            elif s.equals_start is True and before and before[-1] is False:
                out.append("    this line equals the chain's start again")
        out.append(f"  conclusion: {self.conclusion['text']}")
        return "\n".join(out)


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


_COUNTS = ("n", "m", "N", "K")      # the number of classes (or examples) a point always carries


def _unwritten_count(key: str, point: dict, written: str) -> bool:
    """A count (n = 2) the step does not write, at a point with no numbered entries (z_1, y_2):
    nothing the learner wrote depends on it (one sigmoid neuron's z and y), so it is not shown."""
    if key not in _COUNTS or any("_" in k for k in point):
        return False
    bare = re.sub(r"\\[A-Za-z]+", " ", written)
    return not re.search(rf"(?<![A-Za-z]){key}(?![A-Za-z])", bare)


def shown_point(cex: dict, written: str | None = None) -> dict:
    """The counterexample's point as the report shows it: with `written` (the step's LaTeX),
    without a count the step does not depend on (the whole point is in --json and --verbose)."""
    point = cex.get("point", {})
    return {k: v for k, v in point.items() if written is None or not _unwritten_count(k, point, written)}


def show_counterexample(cex: dict, written: str | None = None) -> str:
    """The point (`shown_point`) and both sides' values."""
    point = ", ".join(f"{k} = {_number(v)}" for k, v in shown_point(cex, written).items())
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
