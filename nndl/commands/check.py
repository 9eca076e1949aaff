"""`nndl check`: a learner's own work held against the derived formulas.

The file's type chooses the checker: step-by-step derivations in Markdown (.md), LaTeX (.tex) or
Jupyter notebooks (.ipynb) go to `exercises.check.derivations`; NumPy code (.py) goes to
`exercises.check.code`. Each checker returns a `Report` (text for a reader, JSON objects, and
whether anything was found wrong). Exit status 0 when nothing is wrong, 1 when something is (or
a .py file defines no function nndl check knows: nothing was checked), 2 for bad input (no such
file, a file that cannot be read or parsed as its type).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from derivations.errors import NndlError

DERIVATIONS = (".md", ".tex", ".ipynb")
CODE = (".py",)


def add(sub) -> None:
    p = sub.add_parser(
        "check", help="check a learner's derivation or NumPy code against the derived formulas",
        description="Check each step of the derivations in Markdown, LaTeX or Jupyter files (every "
        "displayed chain, in the chapter's notation), or each function of a NumPy file (sigmoid, "
        "softmax, the costs and their deltas), against the formulas `nndl derive` derives. A wrong "
        "step or function is shown with a counterexample and a hint; each chain is printed as soon as "
        "it is judged. Exit status 0 when nothing is wrong (unread and undecided steps are warnings), "
        "1 when a step is wrong or a chain is shown not to reach its claim, 2 for bad input.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="files to check: .md, .tex, .ipynb (derivations) or .py (NumPy code)")
    p.add_argument("--exercise", metavar="ID",
                   help="check every derivation as a solution of this claim (an id of `nndl prove`); "
                   "by default each chain's heading or an <!-- nndl: ID --> marker says which")
    p.add_argument("--as", dest="aliases", action="append", default=[], metavar="NAME=KIND",
                   help="in a .py file, check the function NAME as KIND (e.g. my_act=sigmoid, "
                   "Net.loss=cross_entropy); may be given more than once")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--strict", action="store_true",
                   help="fail (exit status 1) on unread or undecided steps too, not only on wrong ones (for teachers)")
    p.add_argument("--budget", type=float, default=30.0, metavar="SECONDS",
                   help="a step that takes longer is undecided (default 30; 0 for no limit)")
    p.add_argument("--verbose", action="store_true",
                   help="also say how each verdict was reached (the proof primitives' own words)")
    p.set_defaults(run=run)


def run(args) -> int:
    files = [_existing(path) for path in args.files]
    unknown = [p for p in files if p.suffix.lower() not in DERIVATIONS + CODE]
    if unknown:
        raise NndlError(f"{unknown[0]}: not a file nndl check reads (derivations: "
                        f"{', '.join(DERIVATIONS)}; NumPy code: {', '.join(CODE)})")
    aliases = _aliases(args.aliases)
    reports = []
    texts = [p for p in files if p.suffix.lower() in DERIVATIONS]
    code = [p for p in files if p.suffix.lower() in CODE]
    if aliases and not code:
        raise NndlError("--as names functions of a .py file, and no .py file was given")
    strict, verbose = getattr(args, "strict", False), getattr(args, "verbose", False)
    if texts:
        from exercises.check.meaning import BUDGET
        if args.budget < 0:
            raise NndlError(f"--budget {args.budget:g}: expected a number of seconds, 0 or more")
        BUDGET["seconds"] = args.budget
    streamed = texts and not args.json
    if texts:
        from exercises.check.derivations import check_files as check_derivations
        show = (lambda chain: print(chain.text(verbose=verbose) + "\n", flush=True)) if streamed else None
        reports.append(check_derivations(texts, exercise=args.exercise, strict=strict, on_chain=show))
    if code:
        from exercises.check.code import check_files as check_code
        reports.append(check_code(code, aliases=aliases))
    if args.json:
        print(json.dumps([item for report in reports for item in report.json()], indent=2))
        for message in (m for report in reports for m in getattr(report, "problems", [])):
            print(message, file=sys.stderr)        # e.g. a .py file with no function it knows
    elif streamed:
        print("\n\n".join([reports[0].summary() if reports[0].chains else reports[0].text()] +
                           [report.text() for report in reports[1:]]))
    else:
        print("\n\n".join(report.text() for report in reports))
    return 1 if any(report.failed for report in reports) else 0


def _existing(path: Path) -> Path:
    if not path.exists():
        raise NndlError(f"{path}: no such file")
    if not path.is_file():
        raise NndlError(f"{path}: not a file")
    return path


def _aliases(given: list[str]) -> dict[str, str]:
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
