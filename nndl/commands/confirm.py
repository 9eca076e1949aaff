"""`nndl confirm`: the symbolic results checked numerically on real digits."""
from __future__ import annotations

import contextlib

import json
from pathlib import Path

from derivations.errors import says_what_it_leaves
from nndl.commands.train import data_options, load
from nndl.options import writable_folder


def add(sub) -> None:
    p = sub.add_parser("confirm", help="confirm the symbolic results on real digits",
                       description="Check the results of `derivations` numerically on real MNIST "
                       "digits; each confirmation prints what it measured beside what is "
                       "expected. Exit status 0 only when all pass.")
    data_options(p)
    p.add_argument("--out", metavar="DIR", type=Path,
                   help="write figures, report.md and confirm.json to DIR (all at the end: an "
                   "interrupted run writes nothing)")
    p.add_argument("--json", action="store_true",
                   help="print what confirm.json holds: the data used and every result "
                   "{id, claim, measured, expected, passed, tables, figures}")
    p.set_defaults(run=run)


def run(args) -> int:
    from numeric import confirm
    if args.out is not None:
        writable_folder(args.out, "--out")
    data = load(args, "mnist")
    say = (lambda *a: None) if args.json else print
    if data.note:
        say(f"note: {data.note}\n")
    from derivations.files import identity
    report = None if args.out is None else args.out / "confirm.json"    # written last, with the rest
    before = identity(report) if report else None
    def leaves() -> str:  # to the end: a press after the report was written (as the summary is printed) says so too
        if identity(report) != before:     # the press landed once the report was written: it is whole
            return f"the report was written to {args.out} in full"
        return f"nothing was written to {args.out}"
    with says_what_it_leaves(leaves, from_any_thread=True) if report else contextlib.nullcontext():
        results, seconds = confirm.run_all(data, out=args.out, on_result=lambda r: say(r.text()))
        passed = sum(r.passed for r in results)
        say(f"{passed} of {len(results)} confirmations passed in {seconds:.1f} s")
        if args.out:
            say(f"report: {args.out / 'report.md'}")
        if args.json:
            print(json.dumps(confirm.report(results, data, seconds), indent=2))
    return 0 if passed == len(results) else 1
