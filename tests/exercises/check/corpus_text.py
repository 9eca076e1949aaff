"""The relations written in the real-learner corpus's mathematics, found without the checker.

A corpus file (.md, .tex, or a notebook's markdown cells) is cut into its mathematics: displays
($$...$$, \\[...\\], a bare \\begin{eqnarray}...\\end{eqnarray} and the like) and inline $...$ or \\(...\\). Each
relation written at the top level of a formula (=, \\ne, <, \\le, \\iff, ... outside braces) is one
place where a step of a chain can stand; the labels (corpus/labels.json) name those places by
cell, line and column (1-based, the column of the relation's first character after any &), the way
`nndl check --json` reports a step.

This module is the corpus's own reading, kept apart from exercises.check.extract on purpose: the
measure must not inherit the checker's blind spots (a relation the checker never reads is a step
it left unread, and the measure counts it so).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ENVIRONMENTS = r"(?:eqnarray\*?|align\*?|equation\*?|gather\*?|multline\*?|displaymath)"
RELATION = re.compile(r":=|\\(?:Longleftrightarrow|Leftrightarrow|Longrightarrow|Rightarrow|coloneqq|leqslant|"
                      r"geqslant|implies|approx|equiv|iff|leq|geq|neq|le|ge|ne)(?![A-Za-z])|[=<>≤≥≠]")


@dataclass(frozen=True)
class Place:
    """Where a relation is written: the notebook cell (from 1, None in a plain file), line and
    column (from 1), and the relation as written."""

    cell: int | None
    line: int
    col: int
    relation: str
    display: bool           # in a display (else inline $...$)
    segment: int            # which formula of the document (counted from 0)
    row: int                # which row of the formula (rows split at \\)

    @property
    def key(self) -> tuple:
        return (self.cell, self.line, self.col)


def documents(path: Path) -> list[tuple[int | None, str]]:
    """(cell, text) of each document of a corpus file: the file, or each markdown cell."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(raw)["cells"]
        return [(n + 1, "".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                for n, c in enumerate(cells) if c.get("cell_type") == "markdown"]
    return [(None, raw)]


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def segments(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, display) of each formula's inside, in order; code and HTML comments skipped."""
    masked = text
    for pattern in (r"```.*?```", r"<!--.*?-->", r"`[^`\n]*`"):
        for m in re.finditer(pattern, masked, flags=re.S):
            masked = _blank(masked, m.start(), m.end())
    found: list[tuple[int, int, bool]] = []
    taken = masked
    for pattern, display in ((r"\$\$(.+?)\$\$", True), (r"\\\[(.+?)\\\]", True),
                             (r"\\begin\{(" + ENVIRONMENTS + r")\}(.+?)\\end\{\1\}", True)):
        for m in re.finditer(pattern, taken, flags=re.S):
            group = m.lastindex
            found.append((m.start(group), m.end(group), display))
            start, end = m.start(), m.end()
            while start > 0 and end < len(taken) and taken[start - 1] == taken[end] == "$":
                start, end = start - 1, end + 1     # $\begin{eqnarray}...\end{eqnarray}$: one formula
            taken = _blank(taken, start, end)
    for m in re.finditer(r"(?<![\\$])\$((?:[^$\n]|\n(?!\s*\n))+?)\$", taken):
        found.append((m.start(1), m.end(1), False))
    for m in re.finditer(r"\\\((.+?)\\\)", taken, flags=re.S):     # inline \( ... \)
        found.append((m.start(1), m.end(1), False))
    return sorted(found)


def places(cell: int | None, text: str) -> list[Place]:
    """Every top-level relation of every formula of one document."""
    out: list[Place] = []
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line_col(offset: int) -> tuple[int, int]:
        line = max(i for i, s in enumerate(line_starts) if s <= offset)
        return line + 1, offset - line_starts[line] + 1

    for number, (start, end, display) in enumerate(segments(text)):
        body = text[start:end]
        depth, row, i = 0, 0, 0
        while i < len(body):
            ch = body[i]
            if body.startswith("\\\\", i):
                row += 1
                i += 2
                continue
            if body.startswith("\\{", i) or body.startswith("\\}", i):
                i += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif depth == 0:
                m = RELATION.match(body, i)
                if m and not (ch == "\\" and body[i - 1:i] == "\\"):
                    line, col = line_col(start + i)
                    out.append(Place(cell, line, col, m.group(0), display, number, row))
                    i = m.end()
                    continue
                if ch == "\\":          # skip a command name (\left, \neq handled above)
                    m2 = re.match(r"\\[A-Za-z]+", body[i:])
                    if m2:
                        i += len(m2.group(0))
                        continue
            i += 1
    return out


def file_places(path: Path) -> list[Place]:
    return [p for cell, text in documents(path) for p in places(cell, text)]


def line_of(path: Path, cell: int | None, line: int) -> str:
    for c, text in documents(path):
        if c == cell:
            lines = text.split("\n")
            return lines[line - 1] if 0 < line <= len(lines) else ""
    return ""
