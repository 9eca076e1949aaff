"""`nndl prove`: run every claim's proof and print its verdict."""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pathlib
import sys
import time
from concurrent.futures import ProcessPoolExecutor



def add_commands(sub) -> None:
    p = sub.add_parser(
        "prove", help="prove every exercise and claim of the chapter",
        description="Prove each exercise and claim of Nielsen's chapter 3 (cross-entropy, softmax) "
        "symbolically, every step checked by SymPy and by a 50-digit numeric check. Prints a table "
        "of id, title, verdict (proved / refuted / failed), whether the proof holds for a general "
        "number of classes n or for explicit n only, and seconds. Exit status 0 only when every "
        "claim got its expected verdict.")
    p.add_argument("--json", action="store_true",
                   help="print a JSON list of {id, title, source, verdict, general_n, seconds}")
    p.add_argument("--only", metavar="ID", help="run the one claim with this id")
    p.add_argument("--explain", metavar="ID", help="run one claim and print its proof step by step")
    p.add_argument("--jobs", type=_positive, default=min(2, os.cpu_count() or 1),
                   help="claims proved at once, in separate processes (default: 2, or 1 on one core)")
    p.set_defaults(run=run)

    add_latex_command(sub)


def add_latex_command(sub) -> None:
    p = sub.add_parser(
        "latex", help="write the derivations, proofs and code as a LaTeX document",
        description="Write DIR/nndl-proofs.tex: the costs derived from their likelihood models and the "
        "output errors, every exercise and claim with its proof and verdict, each NumPy function beside "
        "the formula it implements (checked equal before writing), and the `nndl confirm --out DIR` "
        "results found in DIR. Everything is printed from the SymPy objects the proofs use.")
    p.add_argument("--out", metavar="DIR", type=pathlib.Path, required=True,
                   help="folder to write into (created if missing; confirm results there are included)")
    p.add_argument("--pdf", action="store_true",
                   help="also compile it to DIR/nndl-proofs.pdf with pdflatex, lualatex, xelatex or tectonic")
    p.add_argument("--only", metavar="ID", help="a standalone document for one claim: DIR/ID.tex")
    p.add_argument("--fragment", action="store_true",
                   help="bare LaTeX without a preamble, for pasting: DIR/nndl-proofs-fragment.tex "
                   "(or DIR/ID-fragment.tex)")
    p.add_argument("--jobs", type=_positive, default=min(2, os.cpu_count() or 1),
                   help="claims proved at once, in separate processes (default: 2, or 1 on one core)")
    p.set_defaults(run=run_latex)


def run_latex(args) -> int:
    from exercises import latex  # SymPy, mpmath, latexify: only when the command runs
    return latex.run(args)


def run(args) -> int:
    from exercises.registry import claims, get
    if args.explain:
        return _explain(args.explain)
    selected = [get(args.only)] if args.only else claims()
    jobs = min(args.jobs, len(selected))
    widths = (max(len(c.id) for c in selected), max(len(c.title) for c in selected))
    start = time.perf_counter()
    rows = []
    if not args.json:
        print(_header(*widths))
    for row in _prove_all([c.id for c in selected], jobs):
        rows.append(row)
        if not args.json:
            print(_format(row, *widths), flush=True)
    wall = time.perf_counter() - start
    unexpected = [r for r in rows if r["verdict"] != r["expected"]]
    if args.json:
        keys = ("id", "title", "source", "verdict", "general_n", "seconds")
        print(json.dumps([{k: r[k] for k in keys} for r in rows], indent=2))
    else:
        counts = {v: sum(r["verdict"] == v for r in rows) for v in ("proved", "refuted", "failed")}
        summary = ", ".join(f"{count} {verdict}" for verdict, count in counts.items())
        status = "all as expected" if not unexpected else \
            f"NOT as expected: {', '.join(r['id'] for r in unexpected)}"
        print(f"\n{len(rows)} claim{'s' if len(rows) != 1 else ''}: {summary}; {status}. "
              f"{sum(r['seconds'] for r in rows):.1f} s of proving, {wall:.1f} s wall clock "
              f"({jobs} job{'s' if jobs > 1 else ''}).")
    for r in rows:
        if r.get("error"):
            print(f"nndl prove: {r['id']}: the proof raised {r['error']}", file=sys.stderr)
    return 0 if not unexpected else 1


def _prove_all(claim_ids: list[str], jobs: int):
    """Yield one summary per claim, in the given order, proving `jobs` claims at once."""
    if jobs == 1 or len(claim_ids) == 1:
        yield from map(_prove_one, claim_ids)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_prove_one, claim_ids)


def _prove_one(claim_id: str) -> dict:
    """Run one claim; a proof that raises is reported as failed, with the error."""
    from exercises.registry import get
    claim = get(claim_id)
    row = {"id": claim.id, "title": claim.title, "source": claim.source, "expected": claim.expected}
    start = time.perf_counter()
    try:
        result = claim.run()
    except Exception as exc:  # a crash is a failed proof, shown to the user, never a pass
        row.update(verdict="failed", general_n=False, seconds=round(time.perf_counter() - start, 2),
                   error=f"{type(exc).__name__}: {exc}")
        return row
    row.update(verdict=result.verdict, general_n=result.general_n, seconds=round(result.seconds, 2))
    return row


def _explain(claim_id: str) -> int:
    from exercises.registry import get
    claim = get(claim_id)
    result = claim.run()
    print(f"{claim.id}: {claim.title}")
    print(f"claim: {claim.statement}")
    print(f"source: {claim.source}")
    print(f"expected: {claim.expected}\n")
    print(result.explain())
    print(f"({result.seconds:.2f} s)")
    return 0 if result.verdict == claim.expected else 1


def _header(id_width: int, title_width: int) -> str:
    return (f"{'id':<{id_width}}  {'title':<{title_width}}  {'verdict':<8}  {'n':<10}  {'seconds':>7}")


def _format(row: dict, id_width: int, title_width: int) -> str:
    scope = "general n" if row["general_n"] else "explicit n"
    line = (f"{row['id']:<{id_width}}  {row['title']:<{title_width}}  {row['verdict']:<8}  {scope:<10}  "
            f"{row['seconds']:>7.2f}")
    if row["verdict"] != row["expected"]:
        line += f"  <- expected {row['expected']}"
    return line


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value
