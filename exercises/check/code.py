"""`nndl check FILE.py`: a learner's NumPy functions held against the formulas `derivations` derived.

From Python, one call takes a file's path or its source text and returns one result per function:

    from exercises.check.code import check_code
    for r in check_code("my_network.py"):       # a path (a Path, or a str ending in .py) ...
        print(r.function, r.kind, r.verdict, r.hint)
    check_code(source_text)                      # ... or the source itself
    check_code(path, aliases={"act": "sigmoid"}) # as --as act=sigmoid

Each result has `function` ("f", or "Class.method" for network2.py-style classes), `kind`,
`verdict` (CORRECT, WRONG, UNSTABLE, ONE_EXAMPLE "right for one example", COULD_NOT_RUN,
NOT_CHECKED), `failures` (each with `input`, `expected`, `got` and `what`: which check), `hint`,
`convention` (what it was held to, and why), `layout` (one example given as a 1-D array, a row or
a column), `batch_of_rows` (given a batch when nothing says it takes one: correct, unstable or
wrong, with `batch_failures` and `batch_hints`), `formula` (the derived formula, in the chapter's
notation) and `formula_latex`, `source` (the function as written; the terminal shows it),
`code_latex` (latexify's rendering, with method calls such as e.sum() in function form and
keyword arguments shown; else `code_latex_error` says in a sentence what latexify cannot render:
both for --json and the HTML and Jupyter views), `cell` (a notebook's code cell), `why` and
`notes`. `check_files(paths, aliases)` is what the command calls: a `Report` with `.text()`,
`.json()` (the functions it does not know too, as "not checked" with `why`) and `.failed` (a
function it knows is wrong, unstable or could not run, or a .py file has none it knows: exit
status 1).

How a file is checked. It is compiled here first (a syntax error is an NndlError giving its line
and column), then imported in a process of its own (`exercises.check.sandbox`: time, memory and
output limits, a temporary working folder, every process it starts ended), so that a crash, a
hang, `sys.exit` or a print in it cannot take the command down. A notebook's code cells are one
file (cells in order, IPython's magics and shell lines left out). Every function or method whose
name nndl check knows (`exercises.check.kinds.NAMES`: sigmoid, softmax, cross_entropy,
categorical_cross_entropy, QuadraticCost.fn, CrossEntropyCost.delta, ...; a cost class's methods
written without self are functions of their own arguments), or that --as names, is held to its
kind's derived formula (`exercises.check.kinds`):

1. how it is called: its parameters' names (y, y_true, targets, labels: targets; a, y_pred,
   probs, output: outputs; z, logits, scores: logits) and its docstring ("y: targets, a: sigmoid
   outputs") rule readings out and order the rest (the targets may come first); of those, it is
   held to the first whose values fit three ordinary examples, each given as a 1-D array, a row
   (1, n) or a column (n, 1), or, when none fits, to the first it runs with; it could not run
   when it raises under every one (a NameError, say);
2. single examples at random points; batches of rows; extreme inputs (logits +-1e3, +-1e300 and
   1e308, sigma at +-745, outputs near 0 and 1); a delta also against central differences of
   the file's own cost of the same pairing;
3. the verdict: correct; wrong (a failure on ordinary inputs, the first of each check shown);
   unstable (right on ordinary inputs; NaN, inf or a large error at extreme ones); right for
   one example (wrong on a batch of rows, which nothing says it takes); could not run (what it
   raised); not checked (why). A hint names the usual mistake the wrong values match.

Batches: a function is held to batches of rows when its docstring says it takes a batch, when it
takes only batches (it raised on a single 1-D example, or fits one only as a row), when its own
shape handling is for rows (axis=1, keepdims=True, X.shape[0]), when a function held to batches
calls it with one (seed 001's cross_entropy calls its softmax on its batch), or when it reduces
over axis 0 while another function of the file takes batches of rows. A batch's cost may be the
mean, the sum or each example's cost, unless its docstring says which; a cost's guard ln(a + ε) is
read as one. Elementwise kinds are held to every shape.
"""
from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import numpy as np

from derivations.errors import NndlError
from derivations.files import temporary_folder
from exercises.check import kinds as K
from exercises.check.sandbox import ImportFailed, Sandbox, SandboxError

IMPORT_SECONDS = 10.0        # importing the learner's file
CALL_SECONDS = 5.0           # one call of one of its functions
FD_STEP = 1e-5               # central differences (f(z + h) - f(z - h)) / 2h
FD_TOLERANCE = 1e-6          # ... agree with a delta within this, absolute and relative
SHOWN = 1                    # failures shown per check
MEMORY_MB = 1024             # the learner's process may allocate this much ...
OUTPUT_MB = 16               # ... and print or write files of this size

class FunctionVerdict(str, Enum):
    """What nndl check says of a function (a str: it compares and prints as its value)."""

    CORRECT = "correct"
    WRONG = "wrong"                          # a failure on ordinary inputs
    UNSTABLE = "unstable"                    # right on ordinary inputs, not at extreme ones
    ONE_EXAMPLE = "right for one example"    # wrong on a batch of rows, which nothing says it takes
    COULD_NOT_RUN = "could not run"          # it raised (a NameError, say) under every reading
    NOT_CHECKED = "not checked"              # why says why

    def __str__(self) -> str:
        return self.value


CORRECT, WRONG, UNSTABLE, NOT_CHECKED = FunctionVerdict.CORRECT, FunctionVerdict.WRONG, FunctionVerdict.UNSTABLE, FunctionVerdict.NOT_CHECKED
ONE_EXAMPLE, COULD_NOT_RUN = FunctionVerdict.ONE_EXAMPLE, FunctionVerdict.COULD_NOT_RUN
UNKNOWN = "not a function nndl check knows by name (name it with --as NAME=KIND)"
NONE_KNOWN = "no function this checker knows: name them with --as NAME=KIND"
WHAT = {"single": "one example, random inputs", "batch": "a batch of rows, random inputs",
        "extreme": "one example, extreme inputs", "extreme batch": "a batch of rows, extreme inputs"}
ELEMENTWISE = {"single": "elementwise on a 1-D array, random inputs",    # a failure shows one entry
               "batch": "elementwise on a 2-D array, random inputs", "extreme": "elementwise, extreme inputs"}


def _what(kind: K.Kind, check: str) -> str:
    """A check's label: an elementwise kind's failure is one entry, not an example or a batch."""
    return ELEMENTWISE[check] if kind.family == "elementwise" else WHAT[check]


# =============================================================================== results

@dataclass
class Failure:
    """One input where a function did not give the derived formula's values."""

    what: str                    # which check
    input: dict                  # the function's parameter names -> the values given
    expected: np.ndarray | None
    got: np.ndarray | str        # its values, or what went wrong (it raised, crashed, hung)

    def json(self) -> dict:
        return {"input": {k: _plain(v) for k, v in self.input.items()}, "expected": _plain(self.expected),
                "got": self.got if isinstance(self.got, str) else _plain(self.got), "what": self.what}

    def text(self) -> str:
        given = ", ".join(f"{k} = {_show(v)}" for k, v in self.input.items())
        got = self.got if isinstance(self.got, str) else _show(self.got)
        expected = "" if self.expected is None else f"; expected {_show(self.expected)}"
        return f"{self.what}: {given}{expected}; got {got}"


@dataclass
class FunctionResult:
    """What nndl check found for one function of a learner's file."""

    function: str
    kind: str
    verdict: FunctionVerdict
    failures: list[Failure] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    file: str = ""
    line: int = 0
    convention: str = ""
    formula: list[str] = field(default_factory=list)          # the derived formula, plain text
    formula_latex: list[str] = field(default_factory=list)
    code_latex: str | None = None                             # latexify's rendering of the function
    code_latex_error: str = ""
    notes: list[str] = field(default_factory=list)
    why: str = ""                                             # why it was not checked, or could not run
    source: str = ""                                          # the function's source, as written
    cell: int | None = None                                   # a notebook's code cell (line: in it)
    layout: str = ""               # one example given as: vector (a 1-D array), row (1, n), column (n, 1)
    batch_of_rows: FunctionVerdict | str = ""   # given a batch of rows when nothing says it takes one: correct,
    batch_failures: list[Failure] = field(default_factory=list)   # unstable or wrong ("": held to
    batch_hints: list[str] = field(default_factory=list)          # batches, or elementwise)

    @property
    def hint(self) -> str | None:
        return "; ".join(self.hints) or None

    def json(self) -> dict:
        return {"function": self.function, "kind": self.kind or None, "verdict": self.verdict,
                "failures": [f.json() for f in self.failures], "hint": self.hint, "why": self.why or None,
                "file": self.file,
                "line": self.line, "convention": self.convention, "formula": self.formula,
                "formula_latex": self.formula_latex, "code_latex": self.code_latex,
                "code_latex_error": self.code_latex_error or None, "notes": self.notes,
                "source": self.source, "cell": self.cell, "layout": self.layout or None,
                "batch_of_rows": self.batch_of_rows or None,
                "batch_failures": [f.json() for f in self.batch_failures], "batch_hints": self.batch_hints}

    def _repr_html_(self) -> str:
        from exercises.views import function_html, show
        return show(function_html(self))

    def text(self) -> str:
        held = f" ({self.kind})" if self.verdict in (NOT_CHECKED, COULD_NOT_RUN) else f", held to {self.kind}"
        batch = "a batch of columns" if self.layout == "column" else "a batch of rows"
        verdict = {ONE_EXAMPLE: f"{ONE_EXAMPLE}; wrong on {batch}",
                   COULD_NOT_RUN: f"{COULD_NOT_RUN}: {self.why}"}.get(self.verdict, self.verdict)
        if self.verdict == UNSTABLE and self.batch_of_rows == WRONG:
            verdict += f"; wrong on {batch}"
        where = f"cell {self.cell}, line {self.line}" if self.cell else f"line {self.line}"
        out = [f"{self.function} ({where}): {verdict}{held}"]
        if self.source:
            out.append("  code:")
            out += [f"    {self.line + number:4d} | {row}" for number, row in enumerate(self.source.splitlines())]
        for number, row in enumerate(self.formula):
            out.append(f"  {'derived formula:' if number == 0 else '':16s} {row}")
        if self.convention:
            out.append(f"  held to: {self.convention}")
        out += [f"  failed: {f.text()}" for f in self.failures]
        out += [f"  hint: {h}" for h in self.hints]
        if self.batch_of_rows in (WRONG, UNSTABLE):
            out.append(f"  on {batch} (nothing says it takes one, so this is not held against it): "
                       f"{'wrong' if self.batch_of_rows == WRONG else 'unstable'}")
            out += [f"    {f.text()}" for f in self.batch_failures]
            out += [f"    hint: {h}" for h in self.batch_hints]
        out += [f"  note: {n}" for n in self.notes]
        return "\n".join(out)


@dataclass
class FileReport:
    path: str
    results: list[FunctionResult]                  # the functions it knows, each held to a kind
    printed: str = ""
    unrecognised: list[FunctionResult] = field(default_factory=list)    # the others: not checked
    notebook: bool = False          # a notebook's code cells (one with no function it knows is fine)
    not_run: str = ""               # a notebook's code cells that could not be imported: why


@dataclass
class Report:
    """What `nndl check` prints for .py files: text for a learner, or JSON objects."""

    files: list[FileReport]

    @property
    def results(self) -> list[FunctionResult]:
        return [r for f in self.files for r in f.results]

    @property
    def failed(self) -> bool:
        """Whether any function it knows is not correct, or a file has none it knows (nothing was
        checked). Functions it does not know are listed, not checked, and change nothing here."""
        return any(r.verdict not in (CORRECT, ONE_EXAMPLE) for r in self.results) or any(
            not f.results and not f.notebook for f in self.files)

    @property
    def problems(self) -> list[str]:
        """What `--json` also says on stderr: each file that has no function it knows, each
        notebook whose code cells could not be imported."""
        return [f"{f.path}: {f.not_run or NONE_KNOWN}" for f in self.files
                if f.not_run or (not f.results and not f.notebook)]

    @property
    def notes(self) -> list[str]:
        """Each notebook whose code cells could not be imported, and why (its derivations are
        still read)."""
        return [f"{f.path}: {f.not_run}" for f in self.files if f.not_run]

    def json(self) -> list[dict]:
        """Every function of every file, in order of line: those it does not know as not checked."""
        return [r.json() for f in self.files for r in sorted(f.results + f.unrecognised, key=lambda r: r.line)]

    def _repr_html_(self) -> str:
        from exercises.views import code_report_html, show
        return show(code_report_html(self))

    def text(self) -> str:
        """What a learner reads ("" when the files are notebooks with no function of their own)."""
        if all(f.notebook and not f.results for f in self.files):
            return ""
        out = [f"NumPy code held against the derived formulas. One example is a 1-D array; a batch "
               f"holds one example per row. Values agree within a relative error of {K.RTOL:g} or an "
               f"absolute error of 2^-52 = {K.ATOL:.2g}; the formulas are evaluated with mpmath at "
               f"{_digits()} digits or more."]
        for f in self.files:
            if f.notebook and not f.results:        # a notebook's helpers (plots, ...): nothing to say
                continue
            counts = {v: sum(r.verdict == v for r in f.results)
                      for v in (CORRECT, ONE_EXAMPLE, WRONG, UNSTABLE, COULD_NOT_RUN, NOT_CHECKED)}
            summary = ", ".join(f"{n} {v}" for v, n in counts.items() if n) or NONE_KNOWN
            out.append(f"\n{f.path}: {summary}")
            out += ["\n" + r.text() for r in f.results]
            if f.unrecognised:
                out.append(f"\nnot checked, not a function nndl check knows (name one with --as NAME=KIND): "
                           f"{', '.join(r.function for r in f.unrecognised)}")
            if f.printed.strip():
                lines = f.printed.strip().splitlines()
                out.append(f"\n{f.path} printed {len(lines)} line(s) while it was imported and checked "
                           f"(not shown), the first: {lines[0][:100]!r}")
        return "\n".join(out)


def _digits() -> int:
    from exercises.check.formulas import DIGITS
    return DIGITS


# =============================================================================== entry points

def check_files(paths: list[Path], aliases: dict[str, str] | None = None) -> Report:
    """Check every .py file; --as aliases {NAME: KIND} apply to each file that defines NAME."""
    aliases = dict(aliases or {})
    for kind in aliases.values():
        _kinds_named(kind)
    reports = [_check_path(Path(p), aliases) for p in paths]
    defined = {name for r in reports for name in r.defined}
    missing = [name for name in aliases if name not in defined]
    if missing:
        listed = ", ".join(sorted(defined)) or "none"
        raise NndlError(f"--as {missing[0]}: no function or method of that name in "
                        f"{', '.join(str(p) for p in paths)} (they define: {listed})")
    return Report([r.report for r in reports])


def check_code(code: str | os.PathLike, aliases: dict[str, str] | None = None) -> list[FunctionResult]:
    """The results for one file: `code` is its path (a Path, or a one-line str ending in .py) or
    its source text."""
    if isinstance(code, os.PathLike) or ("\n" not in code and code.strip().endswith((".py", NOTEBOOK))):
        path = Path(code)
        if not path.is_file():
            raise NndlError(f"{path}: no such file")
        return check_files([path], aliases).results
    with temporary_folder("nndl-source-") as folder:
        path = Path(folder) / "learner.py"
        path.write_text(code, encoding="utf-8")
        try:
            results = check_files([path], aliases).results
        except NndlError as exc:                 # name the source, not the temporary file
            raise NndlError(str(exc).replace(str(path), "<source>")) from None
    for r in results:
        r.file = "<source>"
    return results


def _kinds_named(kind: str) -> tuple[str, ...]:
    """The kinds --as KIND stands for: a kind, or a function name nndl check knows."""
    if kind in K.kinds():
        return (kind,)
    if kind in K.NAMES:
        return K.NAMES[kind]
    raise NndlError(f"--as ...={kind}: not a kind nndl check knows; the kinds: {', '.join(K.kinds())}; "
                    f"or a function name it knows, such as cross_entropy or stable_softmax")


@dataclass
class _Checked:
    report: FileReport
    defined: list[str]


def _check_path(path: Path, aliases: dict[str, str]) -> _Checked:
    if path.suffix.lower() == NOTEBOOK:
        source, cells = notebook_code(path)
        with temporary_folder("nndl-notebook-") as folder:
            script = Path(folder) / (path.stem if path.stem.isidentifier() else "notebook")
            script = script.with_suffix(".py")
            script.write_text(source, encoding="utf-8")
            checked = _check_script(script, aliases, shown=path, cells=cells, search_path=path.parent)
        checked.report.notebook = True
        return checked
    return _check_script(path, aliases)


def _check_script(path: Path, aliases: dict[str, str], shown: Path | None = None, cells: list | None = None,
                  search_path: Path | None = None) -> _Checked:
    """Check one Python file; a notebook's code cells come as a script, `shown` (the notebook) named
    in what is said and `cells` mapping each of its lines to (cell, line in the cell)."""
    shown = shown or path
    source = _source(path)
    try:
        compile(source, str(shown), "exec", dont_inherit=True)
    except SyntaxError as exc:
        if cells and exc.lineno:
            cell, line = cells[exc.lineno - 1]
            exc.lineno, exc.filename = line, f"{shown}, cell {cell}"
            raise NndlError(_syntax_error(f"{shown}, cell {cell}", exc)) from None
        raise NndlError(_syntax_error(shown, exc)) from None
    except ValueError as exc:           # e.g. null bytes
        raise NndlError(f"{shown}: not Python source ({exc})") from None
    with Sandbox(path, IMPORT_SECONDS, CALL_SECONDS, MEMORY_MB, OUTPUT_MB, search_path) as sandbox:
        try:
            functions = sandbox.start()
        except ImportFailed as exc:
            if cells is not None:        # a notebook: its derivations are still read; its code is named
                return _Checked(FileReport(str(shown), [], "", [], notebook=True,
                                           not_run=f"its code cells were not checked: {_import_failure(str(exc))}"), [])
            raise NndlError(f"{shown}: {_import_failure(str(exc))}") from None
        checker = _FileChecker(path, sandbox, functions, aliases)
        results = checker.run()
        printed = sandbox.printed()
    for r in results + checker.unrecognised:
        r.file = str(shown)
        if cells and 0 < r.line <= len(cells):
            r.cell, r.line = cells[r.line - 1]
    return _Checked(FileReport(str(shown), results, printed, checker.unrecognised), [f["name"] for f in functions])


NOTEBOOK = ".ipynb"
MAGIC = re.compile(r"^\s*(%|!|\?)|^\s*\w+\s*=\s*!|^\s*\S.*\?\s*$")


def notebook_code(path: Path) -> tuple[str, list[tuple[int, int]]]:
    """A notebook's code cells, in order, as one script of what they *define*: their imports,
    functions and classes (with decorators) and assignments that call nothing (`EPS = 1e-12`), so
    that checking a notebook never runs its training loops or reads its data; every other line is
    left blank, and IPython's magics (%, %%), shell lines (!) and help lines (x?) are left out too.
    A cell that is not valid Python is kept whole (its syntax error is then reported in its cell).
    Also, for each line of the script, its (cell, line in the cell): cells counted from 1 among all
    cells, as Jupyter shows them."""
    import ast
    import json
    try:
        cells = json.loads(_source(path))["cells"]
        assert isinstance(cells, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise NndlError(f"{path}: not a Jupyter notebook (JSON with a list of cells)") from None
    lines, where = [], []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        rows = text.splitlines()
        if rows and rows[0].lstrip().startswith("%%"):          # a cell magic: the whole cell is not Python
            continue
        rows = [row[:len(row) - len(row.lstrip())] + "pass  # IPython, left out" if MAGIC.match(row) else row
                for row in rows]
        try:
            kept = set()
            for node in ast.parse("\n".join(rows)).body:
                if _defines(node):
                    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
                    kept.update(range(first, node.end_lineno + 1))
            rows = [row if i in kept else "" for i, row in enumerate(rows, 1)]
        except SyntaxError:
            pass
        for row_number, row in enumerate(rows, 1):
            lines.append(row)
            where.append((number, row_number))
        lines.append("")
        where.append((number, len(rows) + 1))
    return "\n".join(lines) + "\n", where


def _defines(node) -> bool:
    """Whether a top-level statement of a notebook's cell only defines something: an import, a
    function, a class, or an assignment whose value calls nothing."""
    import ast
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        return not any(isinstance(n, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom)) for n in ast.walk(node.value))
    return False


def _source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise NndlError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise NndlError(f"{path}: cannot read it ({exc.strerror})") from None


def _syntax_error(path: Path, exc: SyntaxError) -> str:
    out = f"{path}, line {exc.lineno}, column {exc.offset}: syntax error: {exc.msg}"
    if exc.text:
        line = exc.text.rstrip("\n")
        stripped = line.lstrip()
        caret = max((exc.offset or 1) - 1 - (len(line) - len(stripped)), 0)
        out += f"\n    {stripped}\n    {' ' * caret}^"
    return out


def _import_failure(message: str) -> str:
    if "did not finish" in message:
        return (f"importing it {message.removeprefix('it ')}: code that trains, plots or waits belongs under "
                f'`if __name__ == "__main__":`')
    return message


# =============================================================================== one file

@dataclass
class _Outcome:
    """What the checks of one function found, before its verdict (which needs every function's
    batch uses)."""

    info: dict
    kinds: tuple
    reading: K.Reading | None = None
    vector: bool = True                  # a single example as a 1-D array (else a batch of one row) ...
    columns: bool = False                # ... given transposed: a column (n, 1), a batch one example per column
    batch_only_because: str = ""
    convention: str = ""                 # costs: mean or sum; deltas: per example or mean
    convention_why: str = ""
    failures: dict = field(default_factory=dict)      # check -> [(Failure, hints)]
    fd_counts: bool = True
    fd_note: str = ""
    batch_uses: list = field(default_factory=list)    # (callee, shape) in its batch calls
    why_not: str = ""
    crashed: str = ""
    hung: bool = False                   # the crash was a hang (else its process ended)
    could_not_run: str = ""              # what it raised under every reading
    reading_why: str = ""                # why it was held to this reading
    returns_tuple: int = 0               # it returns (cost, gradient, ...): this many values
    guard: float | None = None           # the ε of a guard ln(a + ε) its values at ordinary inputs have
    notes: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.info["name"]

    @property
    def kind(self) -> K.Kind | None:
        return self.reading.kind if self.reading else None

    def failed(self, *checks) -> bool:
        return any(self.failures.get(c) for c in checks)


class _FileChecker:
    """Checks the functions of one imported file."""

    def __init__(self, path: Path, sandbox: Sandbox, functions: list[dict], aliases: dict[str, str]):
        self.path, self.sandbox = path, sandbox
        self.outcomes: list[_Outcome] = []
        self.unrecognised = []
        calls = K.call_roles(_source(path))
        for info in functions:
            method = info["name"].rsplit(".", 1)[-1]
            if method in calls:
                info["called_with"], info["call_shown"] = calls[method]
            kinds = _kinds_named(aliases[info["name"]]) if info["name"] in aliases else K.kinds_for(info["name"])
            if kinds:
                self.outcomes.append(_Outcome(info, kinds))
            elif not info["name"].rsplit(".", 1)[-1].startswith("_"):
                self.unrecognised.append(FunctionResult(
                    info["name"], "", NOT_CHECKED, file=str(path), line=info["line"], code_latex=info["latex"],
                    code_latex_error=info["latex_error"], why=UNKNOWN))

    def run(self) -> list[FunctionResult]:
        order = sorted(self.outcomes, key=lambda o: K.kinds()[o.kinds[0]].family != "cost")   # costs first
        for outcome in order:
            self._check(outcome)
        held = self._held_to_batches()
        return [self._result(o, held) for o in sorted(self.outcomes, key=lambda o: o.info["line"])]

    # --- calls ----------------------------------------------------------------------------
    def _call(self, outcome: _Outcome, args: tuple) -> dict:
        """The function's answer for these arguments. After a crash or hang its later calls are
        not made ({"skipped": True}); the next function gets a fresh process."""
        if outcome.crashed:
            return {"error": outcome.crashed, "skipped": True}
        if outcome.columns:         # examples as columns: the arguments and the values transposed
            args = tuple(np.asarray(a).T if np.ndim(a) == 2 else a for a in args)
        try:
            reply = self.sandbox.call(outcome.name, args)
            parts = reply.pop("parts", None)
            if parts and np.size(parts[0]) == 1 and K.kinds()[outcome.kinds[0]].family == "cost":
                reply["value"] = parts[0]            # (loss, gradient): the loss is held to the cost
                reply.pop("error", None)
                outcome.returns_tuple = len(parts)
            if outcome.columns and np.ndim(reply.get("value")) == 2:
                reply["value"] = reply["value"].T
            return reply
        except SandboxError as exc:
            outcome.crashed, outcome.hung = str(exc), exc.hung
            return {"error": outcome.crashed}

    def _inputs(self, outcome: _Outcome, reading: K.Reading, args: tuple) -> dict:
        names = outcome.info["params"] or [r for r in reading.roles]
        return dict(zip(names, args))

    # --- one function ---------------------------------------------------------------------
    def _check(self, outcome: _Outcome) -> None:
        candidates = [r for name in outcome.kinds for r in K.possible_readings(K.kinds()[name], outcome.info)]
        if not candidates:
            outcome.why_not = self._no_reading(outcome)
            return
        if not self._choose(outcome, candidates):
            return
        kind = outcome.kind
        if kind.family == "cost":
            declared = K.says_cost_convention(outcome.info)
            outcome.convention = declared or "mean"
            outcome.convention_why = "its docstring says so" if declared else "the chapter's mean"
        for check in ("single", "batch", "extreme", "extreme batch"):
            self._run_check(outcome, check)
        if kind.family == "delta":
            self._central_differences(outcome)

    def _no_reading(self, outcome: _Outcome) -> str:
        info = outcome.info
        ways = sorted({len(r.roles) for n in outcome.kinds for r in K.readings(K.kinds()[n])})
        return (f"it takes {len(info['params'])} argument(s) ({', '.join(info['params'])}; "
                f"{info['required']} required), and its parameters or docstring fit no way of calling "
                f"{' or '.join(outcome.kinds)}, which takes {' or '.join(map(str, ways))}")

    def _choose(self, outcome: _Outcome, candidates: list[K.Reading]) -> bool:
        """Hold the function to the first reading whose values fit two ordinary examples, given as
        1-D arrays, or as batches of one row when it raises on 1-D arrays; if none fits, to the
        first it runs with (the readings its names and docstring point to come first). False when
        it cannot be called at all (outcome.why_not says why) or raises under every reading
        (outcome.could_not_run says what)."""
        fallback, raised, explained = None, "", False
        for reading in candidates:
            # one example as a 1-D array; as a row (1, n) when that raises or does not fit; as a
            # column (n, 1) (network2.py's shape) when neither does
            layouts = [("vector", True, False)] + ([] if reading.kind.family == "elementwise" else
                                                   [("row", False, False), ("column", False, True)])
            first_error = ""
            for layout, vector, columns in layouts:
                outcome.columns = columns
                status, error = self._probe(outcome, reading, vector)
                if status in ("uncallable", "crashed"):
                    outcome.reading, outcome.vector = reading, vector
                    return status == "crashed"
                if layout == "vector":
                    first_error = error
                    vector_status = status
                if status == "fits":
                    outcome.reading, outcome.vector = reading, vector
                    outcome.batch_only_because = "" if layout != "row" else (
                        f"on a single 1-D example {first_error}" if vector_status == "raises" else
                        "its values fit a single example given as a row (1, n), not as a 1-D array")
                    outcome.reading_why = K.why_reading(reading, outcome.info) or "its values fit it"
                    return True
                if status in ("runs", "explained") and (fallback is None or status == "explained" and not explained):
                    explained = status == "explained"       # a usual mistake explains its values here
                    fallback = (reading, vector, columns, "" if layout != "row" or vector_status != "raises"
                                else f"on a single 1-D example {first_error}")
                if status == "raises" and not raised:
                    raised = error
            outcome.columns = False
        if fallback is None:                      # it raised on every reading: it could not be run
            outcome.reading, outcome.vector, outcome.columns = candidates[0], True, False
            outcome.could_not_run = raised.removeprefix("it raised ").removeprefix("it ")
            return False
        outcome.reading, outcome.vector, outcome.columns, outcome.batch_only_because = fallback
        outcome.reading_why = (K.why_reading(fallback[0], outcome.info)
                               or "no reading fits its values: the first it runs with")
        return True

    def _probe(self, outcome: _Outcome, reading: K.Reading, vector: bool) -> tuple[str, str]:
        """fits, explained (values, each a usual mistake's), runs (values, not the formula's),
        raises, crashed or uncallable; and the error."""
        status = "fits"
        ordinary = K.examples(reading.kind, reading, "single", _rng())
        for ex in ordinary[:2] + [ordinary[0].rolled()]:
            args = K.arguments(reading, ex, vector)
            reply = self._call(outcome, args)
            if reply.get("uncallable"):
                outcome.why_not = reply["error"]
                return "uncallable", reply["error"]
            want = K.expected(reading, ex, "per example", vector)
            if outcome.crashed:                  # a crash or hang is a failure of its own
                outcome.failures["single"] = [(Failure(_what(reading.kind, "single"), self._inputs(outcome, reading, args),
                                                       want, reply["error"]), [])]
                return "crashed", reply["error"]
            if "error" in reply:
                return "raises", reply["error"]
            if not self._agrees(outcome, reading, ex, "per example", vector, reply["value"], want):
                status = "explained" if status in ("fits", "explained") and _explained(
                    reading, ex, "per example", vector, reply["value"]) else "runs"
        return status, ""

    def _agrees(self, outcome: _Outcome, reading, ex, convention, vector, got, want) -> bool:
        """Its values are the formula's, or (at ordinary inputs) a cost's with a guard ln(a + ε)."""
        if _matches(got, want):
            return True
        eps = None if ex.extreme else K.guarded(reading, ex, convention, vector, got)
        if eps is not None:
            outcome.guard = max(outcome.guard or 0.0, eps)
        return eps is not None

    def _run_check(self, outcome: _Outcome, check: str) -> None:
        reading, kind = outcome.reading, outcome.kind
        examples = K.examples(kind, reading, check, _rng())
        if not examples:
            return
        replies = []
        for ex in examples:
            replies.append(self._call(outcome, K.arguments(reading, ex, outcome.vector)))
            if check == "batch":
                outcome.batch_uses += [tuple(u) for u in replies[-1].get("uses", [])]
        convention = outcome.convention
        if kind.family in ("delta", "cost") and check == "batch":
            # a delta: per example, or of the mean cost; a cost: the mean, the sum or each example's
            delta = kind.family == "delta"
            declared = K.says_delta_convention(outcome.info) if delta else K.says_cost_convention(outcome.info)
            tried = [declared] if declared else ["per example", "mean"] if delta else list(K.COST_CONVENTIONS)
            fits = next((c for c in tried if all(
                "value" in r and self._agrees(outcome, reading, ex, c, outcome.vector, r["value"],
                                              K.expected(reading, ex, c, outcome.vector))
                for ex, r in zip(examples, replies))), None)
            explained = None if declared or fits else next((c for c in (("mean", "per example") if delta else ("mean", "sum")) if any(
                "value" in r and _explained(reading, ex, c, outcome.vector, r["value"])
                for ex, r in zip(examples, replies))), None)
            convention = outcome.convention = declared or fits or explained or ("per example" if delta else "mean")
            outcome.convention_why = ("its docstring says so" if declared else "its values fit it" if fits
                                      else "its mistakes are explained under it" if explained else "the chapter's")
        found = []
        for ex, reply in zip(examples, replies):
            if reply.get("skipped"):
                continue
            want = K.expected(reading, ex, convention, outcome.vector)
            got = reply.get("value")
            args = K.arguments(reading, ex, outcome.vector)
            if got is not None and self._agrees(outcome, reading, ex, convention, outcome.vector, got, want):
                continue
            what = _what(kind, check)
            if got is None:
                found.append((Failure(what, self._inputs(outcome, reading, args), want, reply["error"]), []))
                continue
            got = _scalar_like(got, want)
            if got.shape != want.shape:
                what += f" (it returns shape {got.shape} where the formula has shape {want.shape})"
                found.append((Failure(what, self._inputs(outcome, reading, args), want, got), []))
                continue
            if kind.family == "elementwise":      # the first entry that disagrees, on its own
                at = np.flatnonzero(~K.agree(got, want))[0]
                args = tuple(np.ravel(a)[at] for a in args)
                ex = dataclasses.replace(ex, z=np.ravel(ex.z)[at:at + 1])
                want, got = np.ravel(want)[at:at + 1], np.ravel(got)[at:at + 1]
            hints = K.matching_hints(reading, ex, convention, outcome.vector, want, got)
            if not hints and ex.extreme and not np.all(np.isfinite(got)) and any(
                    "overflow" in w for w in reply.get("warnings", [])):
                hints = [K.OVERFLOW]
            if kind.family == "elementwise":
                want, got = want[0], got[0]
            found.append((Failure(what, self._inputs(outcome, reading, args), want, got), hints))
        if found:
            outcome.failures[check] = found

    def _central_differences(self, outcome: _Outcome) -> None:
        """The delta against central differences of the file's own cost of the same pairing
        (the same class's fn, for a network2.py-style class), at two ordinary examples."""
        cost = self._own_cost(outcome)
        if cost is None:
            outcome.fd_note = "no cost of the same pairing in the file to differentiate"
            return
        reading = outcome.reading
        found = []
        for ex in K.examples(outcome.kind, reading, "single", _rng())[:2]:
            reply = self._call(outcome, K.arguments(reading, ex, outcome.vector))
            if "value" not in reply:
                return                    # its own failure is reported by the checks above
            steps = []
            for column in range(ex.z.shape[1]):
                values = []
                for step in (FD_STEP, -FD_STEP):
                    moved = dataclasses.replace(ex.shifted(column, step), kind=cost.kind)
                    answer = self._call(cost, K.arguments(cost.reading, moved, cost.vector))
                    if "value" not in answer or np.size(answer["value"]) != 1:
                        outcome.fd_note = f"{cost.name} did not give a number near these inputs"
                        return
                    values.append(float(np.ravel(answer["value"])[0]))
                steps.append((values[0] - values[1]) / (2 * FD_STEP))
            fd = np.array(steps)
            got = np.ravel(reply["value"])
            if got.shape != fd.shape or not np.all(np.abs(got - fd) <= FD_TOLERANCE * (1 + np.abs(fd))):
                args = K.arguments(reading, ex, outcome.vector)
                what = (f"against central differences of {cost.name} (the file's own cost, step h = "
                        f"{FD_STEP:g}, within {FD_TOLERANCE:g})")
                found.append((Failure(what, self._inputs(outcome, reading, args), fd, got), []))
        cost_right = not cost.failed("single") and not cost.why_not
        if found and cost_right:
            outcome.failures["fd"] = found
        elif found:
            outcome.fd_counts = False
            outcome.fd_note = (f"it is not the gradient of {cost.name} by central differences either, "
                               f"but that cost is itself wrong")
        else:
            outcome.fd_note = (f"it agrees with central differences of {cost.name}"
                               + ("" if cost_right else ", which is itself wrong: both have the same mistake"))

    def _own_cost(self, outcome: _Outcome) -> _Outcome | None:
        pairing = outcome.kind.pairing
        costs = [o for o in self.outcomes if o.reading is not None and o.kind.family == "cost"
                 and o.kind.pairing is pairing and not o.crashed and not o.why_not]
        owner = outcome.name.rsplit(".", 1)[0] if "." in outcome.name else None
        same_class = [o for o in costs if owner and o.name.startswith(owner + ".")]
        return (same_class or costs or [None])[0]

    # --- batches and verdicts -------------------------------------------------------------
    def _held_to_batches(self) -> dict[str, str]:
        """{function: why it is held to batches of rows}, uses followed until nothing changes: its
        docstring says so, it takes only batches, its own shape handling (axis=1, keepdims=True,
        X.shape[0]) is for rows, another function of the file held to rows calls it with a batch,
        or it reduces over axis 0 while the file's other functions take batches of rows."""
        held = {}
        for o in self.outcomes:
            if o.kind is None or o.could_not_run:
                continue
            if o.kind.family == "elementwise":
                held[o.name] = "it is elementwise"
            elif K.says_batch(o.info):
                held[o.name] = "its docstring says it takes a batch"
            elif o.batch_only_because:
                held[o.name] = f"it takes only batches ({o.batch_only_because})"
            elif K.shape_says_batch(o.info):
                held[o.name] = f"its own shape handling is for rows ({K.shape_says_batch(o.info)})"
            elif not K.sums_over_columns(o.info) and any(
                    len(shape) == 2 and shape[0] > 1 for shape in o.info.get("import_uses", [])):
                shape = next(sh for sh in o.info["import_uses"] if len(sh) == 2 and sh[0] > 1)
                held[o.name] = f"the file itself calls it with a batch of rows (shape {shape}) when it is run"
        rows = next((o for o in self.outcomes if o.name in held and o.kind.family != "elementwise"), None)
        for o in self.outcomes:
            if rows is not None and o.name not in held and o.kind is not None and not o.could_not_run \
                    and K.sums_over_columns(o.info):
                held[o.name] = (f"it reduces over axis 0 (columns) while {rows.name} in the same file takes "
                                f"batches of rows ({held[rows.name]})")
        changed = True
        while changed:
            changed = False
            for o in self.outcomes:
                if o.name not in held:
                    continue
                for callee, shape in o.batch_uses:
                    if callee not in held and callee in {p.name for p in self.outcomes} and shape \
                            and len(shape) == 2 and shape[0] > 1:
                        held[callee] = f"{o.name} calls it with a batch of rows (shape {shape})"
                        changed = True
        return held

    def _result(self, o: _Outcome, held: dict[str, str]) -> FunctionResult:
        info = o.info
        result = FunctionResult(o.name, o.reading.kind.name if o.reading else " or ".join(o.kinds), NOT_CHECKED,
                                file=str(self.path), line=info["line"], code_latex=info["latex"],
                                code_latex_error=info["latex_error"], source=info.get("source", ""))
        if o.why_not:
            result.why = o.why_not
            result.notes.append(f"not checked: {o.why_not}")
            return result
        rows = K.formula_of(o.reading).formula
        result.formula = [K.shown(row) for row in rows]
        result.formula_latex = [_tex(row) for row in rows]
        if o.could_not_run:
            result.verdict, result.why = COULD_NOT_RUN, o.could_not_run
            return result
        batches = o.name in held
        ordinary = ["single"] + (["batch"] if batches else []) + (["fd"] if o.fd_counts else [])
        extreme = ["extreme"] + (["extreme batch"] if batches else [])
        for check in ordinary + extreme:
            for failure, hints in o.failures.get(check, [])[:SHOWN]:
                result.failures.append(failure)
            for failure, hints in o.failures.get(check, []):
                result.hints += [h for h in hints if h not in result.hints]
        if K.OVERFLOW in result.hints and len(result.hints) > 1:     # a more precise hint says why
            result.hints.remove(K.OVERFLOW)
        if o.crashed:
            result.notes.append(f"later checks were not run: {o.crashed}")
        result.verdict = WRONG if o.failed(*ordinary) else UNSTABLE if o.failed(*extreme) else CORRECT
        if o.crashed and result.verdict == CORRECT:      # a crash is always a failure somewhere
            result.verdict = WRONG
        if o.crashed and not o.hung and o.failed("single") and all(
                isinstance(f.got, str) for f, _ in o.failures["single"]):  # its process ended at once
            result.verdict, result.why, result.failures = COULD_NOT_RUN, o.crashed, []
            return result
        result.convention = self._convention(o, held)
        result.layout = "column" if o.columns else "vector" if o.vector else "row"
        family = o.kind.family
        if not batches and family != "elementwise" and result.verdict != WRONG:   # (wrong says enough)
            result.batch_of_rows = WRONG if o.failed("batch") else UNSTABLE if o.failed("extreme batch") else CORRECT
        if result.batch_of_rows == WRONG and result.verdict == CORRECT:
            result.verdict = ONE_EXAMPLE
        if result.batch_of_rows in (WRONG, UNSTABLE):
            failed = o.failures.get("batch") or o.failures.get("extreme batch")
            hints = list(dict.fromkeys(h for _, hs in failed for h in hs))
            if K.OVERFLOW in hints and len(hints) > 1:
                hints.remove(K.OVERFLOW)
            result.batch_failures = [failed[0][0]]
            result.batch_hints = hints
        if o.fd_note:
            result.notes.append(o.fd_note)
        if o.guard is not None and result.verdict != WRONG:
            result.notes.append(f"it adds ε = {o.guard:g} inside its logarithms (ln(a + ε), a guard against ln 0): "
                                f"its values at ordinary outputs are the formula's with that ε, those at outputs "
                                f"near 0 are the extreme checks'")
        if o.returns_tuple:
            result.notes.append(f"it returns {o.returns_tuple} values: the first is held to the cost; "
                                f"the others (a gradient?) are not checked")
        return result

    def _convention(self, o: _Outcome, held: dict[str, str]) -> str:
        kind, parts = o.kind, [o.reading.describe(o.info["params"])
                               + (f" ({o.reading_why})" if o.reading_why and kind_takes_roles(o.kind) else "")]
        if kind.family == "elementwise":
            parts.append("elementwise, any shape")
        elif o.name in held:
            parts.append(("a batch of columns, one example per column" if o.columns else
                          "a batch of rows" if not o.vector else "one example as a 1-D array, or a batch of rows")
                         + f" (held to batches: {held[o.name]})")
        elif o.columns:
            parts.append("one example at a time, a column (n, 1) as network2.py has it")
        else:
            parts.append("one example at a time, a 1-D array")
        if kind.family == "cost" and o.name in held:
            parts.append("a batch's cost is " + ("the sum Σ_x C_x" if o.convention == "sum" else
                                                 "the mean (1/n) Σ_x C_x") + f" ({o.convention_why})")
        if kind.family == "delta" and o.name in held:
            parts.append("a batch's δ is " + ("per example, δ_j = ∂C_x/∂z_j" if o.convention != "mean" else
                                              "the gradient of the batch's mean cost, δ_j/n")
                         + f" ({o.convention_why})")
        return "; ".join(parts)


# =============================================================================== helpers

def kind_takes_roles(kind: K.Kind) -> bool:
    """Whether its arguments have roles to tell apart (a cost's outputs and targets, ...)."""
    return kind.family in ("cost", "delta")


def _rng() -> np.random.Generator:
    """The same inputs for every function of a kind, and in every run."""
    return np.random.default_rng(K.SEED)


def _scalar_like(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """A one-element result where the formula gives a number (a cost) counts as that number."""
    return got.reshape(()) if want.ndim == 0 and got.size == 1 else got


def _matches(got: np.ndarray, want: np.ndarray) -> bool:
    got = _scalar_like(np.asarray(got, dtype=float), want)
    return got.shape == want.shape and bool(np.all(K.agree(got, want)))


def _explained(reading, ex, convention, vector, got) -> bool:
    """Whether a usual mistake explains these values under this convention."""
    want = K.expected(reading, ex, convention, vector)
    got = _scalar_like(np.asarray(got, dtype=float), want)
    return got.shape == want.shape and bool(K.matching_hints(reading, ex, convention, vector, want, got))


def _tex(equation) -> str:
    from derivations.notation import tex
    return f"{tex(equation.lhs)} = {tex(equation.rhs)}"


def _plain(value):
    """A value as JSON: nested lists, non-finite numbers as the strings nan, inf, -inf."""
    if value is None:
        return None
    array = np.asarray(value)
    if array.dtype.kind in "iub":
        return array.tolist()
    def number(x: float):
        return x if np.isfinite(x) else ("nan" if np.isnan(x) else "inf" if x > 0 else "-inf")
    out = array.astype(float).tolist()
    if array.ndim == 0:
        return number(out)
    def walk(v):
        return [walk(x) for x in v] if isinstance(v, list) else number(v)
    return walk(out)


def _show(value) -> str:
    """A value on one line, six significant digits."""
    array = np.asarray(value)
    text = np.array2string(array, precision=6, threshold=10, edgeitems=3, separator=", ",
                           max_line_width=10**6)
    return re.sub(r"\s+", " ", text)
