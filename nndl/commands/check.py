"""`nndl check`: a learner's own work held against the derived formulas.

The file's type chooses the checker: step-by-step derivations in Markdown (.md), LaTeX (.tex) or
Jupyter notebooks (.ipynb) go to `exercises.check.derivations`; NumPy code (.py) goes to
`exercises.check.code`. Each checker returns a `Report` (text for a reader, JSON objects, and
whether anything was found wrong). A folder stands for every file it reads inside it, sorted;
several files are checked one after another with progress on stderr, and end with a table file
by exercise (`exercises.check.summary`; `--summary` asks for it with one file, and puts it in
`--json`). A notebook's code cells are checked too, for the functions they define, by the code
checker (its imports, functions and classes, cells in order). `--html FILE` writes the same as one self-contained page
(`exercises.views`). Exit
status 0 when nothing is wrong, 1 when something is (or a .py file defines no function nndl
check knows: nothing was checked), 2 for bad input (no such file, a file that cannot be read or
parsed as its type).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from derivations.errors import NndlError
from nndl.options import default_jobs, positive_int

DERIVATIONS = (".md", ".tex", ".ipynb")
CODE = (".py",)
NOTEBOOKS = (".ipynb",)             # markdown cells: derivations; code cells: NumPy code


def add(sub) -> None:
    p = sub.add_parser(
        "check", help="check a learner's derivation or NumPy code against the derived formulas",
        description="Check each step of the derivations in Markdown, LaTeX or Jupyter files (every "
        "displayed chain, in the chapter's notation), or each function of a NumPy file (sigmoid, "
        "softmax, the costs and their deltas), against the formulas `nndl derive` derives. A wrong "
        "step or function is shown with a counterexample and a hint; each chain is printed as soon as "
        "it is judged. A folder stands for every .md, .tex, .ipynb and .py file in it (and its "
        "subfolders), sorted. Exit status 0 when nothing is wrong (unread and undecided steps are "
        "warnings), 1 when a step is wrong or a chain is shown not to reach its claim, 2 for bad input.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="files or folders to check: .md, .tex, .ipynb (derivations) or .py (NumPy code)")
    p.add_argument("--exercise", metavar="ID",
                   help="check every derivation as a solution of this claim (an id of `nndl prove`); "
                   "by default each chain's heading or an <!-- nndl: ID --> marker says which")
    p.add_argument("--as", dest="aliases", action="append", default=[], metavar="NAME=KIND",
                   help="in a .py file, check the function NAME as KIND (e.g. my_act=sigmoid, "
                   "Net.loss=cross_entropy); may be given more than once")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--summary", action="store_true",
                   help="a table, file by exercise: follows / wrong / undecided (printed anyway when "
                   "several files are checked); with --json, print {\"results\": [...], \"summary\": {...}}")
    p.add_argument("--html", metavar="FILE", type=Path,
                   help="also write the report as one self-contained HTML page (formulas as MathML: "
                   "it opens offline in any browser)")
    p.add_argument("--strict", action="store_true",
                   help="fail (exit status 1) on unread or undecided steps too, not only on wrong ones (for teachers)")
    p.add_argument("--budget", type=float, default=30.0, metavar="SECONDS",
                   help="a step that takes longer is undecided (default 30; 0 for no limit)")
    p.add_argument("--jobs", type=positive_int, default=default_jobs(),
                   help="chains judged at once, in separate processes (default: %(default)s)")
    p.add_argument("--verbose", action="store_true",
                   help="also say how each verdict was reached (the proof primitives' own words)")
    p.set_defaults(run=run)


def run(args) -> int:
    files = expand(args.files)
    unknown = [p for p in files if p.suffix.lower() not in DERIVATIONS + CODE]
    if unknown:
        raise NndlError(f"{unknown[0]}: not a file nndl check reads (derivations: "
                        f"{', '.join(DERIVATIONS)}; NumPy code: {', '.join(CODE)})")
    aliases_ = aliases(args.aliases)
    html_path = _html_target(args.html) if args.html else None
    texts = [p for p in files if p.suffix.lower() in DERIVATIONS]
    code = [p for p in files if p.suffix.lower() in CODE + NOTEBOOKS]
    if aliases_ and not code:
        raise NndlError("--as names functions of a .py file or a notebook's code, and neither was given")
    strict, verbose = args.strict, args.verbose
    if args.budget < 0:
        raise NndlError(f"--budget {args.budget:g}: expected a number of seconds, 0 or more")
    derivation_reports, code_reports = [], []
    streamed = bool(texts) and not args.json
    if texts:
        from exercises.check.meaning import BUDGET
        BUDGET["seconds"] = args.budget
        show = (lambda chain: print(chain.text(verbose=verbose) + "\n", flush=True)) if streamed else None
        derivation_reports.append(_check_derivations(texts, args.exercise, strict, show, args.jobs))
    if code:
        from exercises.check.code import check_files as check_code
        code_reports.append(check_code(code, aliases=aliases_))
    reports = derivation_reports + code_reports
    from exercises.check.summary import summarize
    summary = summarize([c for r in derivation_reports for c in r.chains],
                        [f for r in code_reports for f in r.results])
    with_summary = args.summary or len(files) > 1
    if args.json:
        results = [item for report in reports for item in report.json()]
        print(json.dumps({"results": results, "summary": summary.json()} if args.summary else results, indent=2))
        for message in (m for report in reports for m in getattr(report, "problems", [])):
            print(message, file=sys.stderr)        # e.g. a .py file with no function it knows
    else:
        texts_ = [r.summary() if streamed and r.chains else r.text() for r in derivation_reports]
        print("\n\n".join([text for text in texts_ + [r.text() for r in code_reports] if text]
                           + ([summary.text()] if with_summary and summary.cells else [])))
        for note in (m for report in code_reports for m in report.notes):
            print(f"nndl check: {note}", file=sys.stderr)
    if html_path is not None:
        from derivations.files import atomic_file
        from exercises.views import check_page
        with atomic_file(html_path, "w") as f:
            f.write(check_page(derivation_reports, code_reports, summary if with_summary else None))
        print(f"wrote {html_path}", file=sys.stderr if args.json else sys.stdout)
    return 1 if any(report.failed for report in reports) else 0


def expand(given: list[Path]) -> list[Path]:
    """The files given, each folder replaced by every file nndl check reads inside it, sorted."""
    out: list[Path] = []
    for path in given:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DERIVATIONS + CODE
                           and not any(part.startswith(".") or part == "__pycache__"
                                       for part in p.relative_to(path).parts))
            if not found:
                raise NndlError(f"{path}: no .md, .tex, .ipynb or .py file in this folder")
            out += found
        else:
            out.append(_existing(path))
    return list(dict.fromkeys(out))


def _check_derivations(paths: list[Path], exercise: str | None, strict: bool, on_chain, jobs: int = 1):
    """Every file's chains, one file after another (each chain handed to `on_chain` as soon as
    it is judged, `jobs` chains at once), with progress when there are several."""
    from exercises.check.derivations import Report, check_files
    from nndl.progress import progress
    if len(paths) == 1:
        return check_files(paths, exercise=exercise, strict=strict, on_chain=on_chain, jobs=jobs)
    chains, seconds = [], 0.0
    with progress("nndl check", len(paths), unit="file") as shown:
        for path in paths:
            report = check_files([path], exercise=exercise, strict=strict, on_chain=on_chain, jobs=jobs)
            chains += report.chains
            seconds += report.seconds
            shown.done(str(path))
    return Report(chains, [str(p) for p in paths], seconds=seconds, strict=strict)


def _html_target(path: Path) -> Path:
    if path.is_dir():
        raise NndlError(f"--html {path}: a folder; give the name of the page to write (e.g. report.html)")
    if not path.parent.exists() if str(path.parent) else False:
        raise NndlError(f"--html {path}: no folder {path.parent}")
    return path


def _existing(path: Path) -> Path:
    if not path.exists():
        raise NndlError(f"{path}: no such file or folder")
    if not path.is_file():
        raise NndlError(f"{path}: not a file or a folder")
    return path


def aliases(given: list[str]) -> dict[str, str]:
    """--as NAME=KIND, each once, as {NAME: KIND}."""
    out: dict[str, str] = {}
    for item in given:
        name, sep, kind = item.partition("=")
        if not sep or not name.strip() or not kind.strip():
            raise NndlError(f"--as {item!r}: expected NAME=KIND, e.g. my_softmax=softmax")
        if name.strip() in out:
            raise NndlError(f"--as names {name.strip()!r} twice")
        out[name.strip()] = kind.strip()
    return out
