"""Docstrings keep the contract and the key invariant; what was measured (seconds per epoch,
GFLOP/s, what was tried and lost) lives on one page, docs/performance.md. A measurement log
creeping back into a docstring (numeric/kernel.py's module docstring once held 50 lines of it)
fails here."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("derivations", "exercises", "numeric", "nndl")

# The marks of a measurement: "Measured on the 2-core machine", "0.092 s per epoch", "CPU seconds
# per epoch", "about 100 GFLOP/s", "14 GMAC/s". (A docstring may say what a command measures.)
MEASUREMENT = re.compile(r"\b[Mm]easured (on|side by side)\b|\d\s*(s|ms) per epoch|CPU seconds per"
                         r"|\d\s*(GFLOP|GMAC)/s")


def docstrings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            text = ast.get_docstring(node)
            if text:
                yield getattr(node, "name", path.stem), text


def test_no_docstring_is_a_measurement_log():
    # Only a file whose text has a measurement somewhere can have one in a docstring (a docstring
    # is part of the text, its lines as written), so only those files are parsed.
    logs = [f"{path.relative_to(ROOT)}: {name}: {line.strip()}"
            for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
            if MEASUREMENT.search(path.read_text(encoding="utf-8"))
            for name, text in docstrings(path) for line in text.splitlines() if MEASUREMENT.search(line)]
    assert not logs, "measurements belong in docs/performance.md:\n" + "\n".join(logs)


def test_the_pattern_finds_the_logs_that_were_moved():
    moved = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    for section in ("## The compiled epoch (`numeric/kernel.py`)", "## The NumPy epoch (`Network._train_epoch`",
                    "## Which engine `--engine auto` takes"):
        assert section in moved
    paragraphs = [p for p in moved.split("\n\n") if p.startswith(("Measured", "Threads"))]
    assert len(paragraphs) >= 4 and all(MEASUREMENT.search(p) for p in paragraphs)


def test_the_kernels_docstrings_are_contracts_of_a_page_or_less():
    for path in (ROOT / "numeric" / "kernel.py", ROOT / "numeric" / "network.py"):
        for name, text in docstrings(path):
            assert len(text.splitlines()) <= 35, f"{path.name}: {name}: {len(text.splitlines())} lines"
