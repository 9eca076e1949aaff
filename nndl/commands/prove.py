"""`nndl prove`: run every claim's proof and print its verdict, or one claim's proof step by step."""
from __future__ import annotations

import json
import sys
import time

from derivations.errors import NndlError
from nndl.options import default_jobs, positive_int


def add(sub) -> None:
    p = sub.add_parser(
        "prove", help="prove every exercise and claim of the chapter",
        description="Prove each exercise and claim of Nielsen's chapter 3 (cross-entropy, softmax) "
        "symbolically: every step proved only from a certificate the trusted kernel re-checks (SymPy and a "
        "50-digit numeric check only search). Prints a table "
        "of id, title, verdict (proved / refuted / vacuous / undecided), whether the proof holds for a "
        "general number of classes n or for explicit n only, seconds, and the steps by the kind of "
        "certificate (identity, sign, decision, limit, lemma, definition, ...). Exit status 0 only when every claim got its expected verdict.")
    p.add_argument("--json", action="store_true",
                   help="print a JSON list of {id, title, source, verdict, general_n, seconds, steps, certificates "
                   "(each step's checks with the certificate kind the kernel re-checked), decision}")
    p.add_argument("--only", metavar="ID", help="run the one claim with this id")
    p.add_argument("--explain", metavar="ID",
                   help="run one claim and print its proof step by step (not with --only or --json)")
    p.add_argument("--jobs", type=positive_int, default=default_jobs(),
                   help="claims proved at once, in separate processes (default: %(default)s)")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.explain and (args.only or args.json):
        raise NndlError("--explain prints one claim's proof; it does not go with --only or --json")
    from exercises.registry import all_claims, get
    from exercises.runner import prove_all
    from exercises.sources import legend
    if args.explain:
        return explain(args.explain)
    selected = [get(args.only)] if args.only else all_claims()
    jobs = min(args.jobs, len(selected))
    widths = (max(len(c.id) for c in selected), max(len(c.title) for c in selected))
    start = time.perf_counter()
    rows = []
    if not args.json:
        print(_header(*widths), flush=True)
    for row in prove_all([c.id for c in selected], jobs, step_kinds):
        rows.append(row)
        if not args.json:
            print(_format(row, *widths), flush=True)
    wall = time.perf_counter() - start
    unexpected = [r for r in rows if r["verdict"] != r["expected"]]
    if args.json:
        keys = ("id", "title", "source", "verdict", "general_n", "seconds", "steps", "certificates", "decision")
        print(json.dumps([{k: r[k] for k in keys if k in r} for r in rows], indent=2))
    else:
        counts = {v: sum(r["verdict"] == v for r in rows) for v in ("proved", "refuted", "vacuous", "undecided")}
        counts = {v: c for v, c in counts.items() if c or v in ("proved", "refuted", "undecided")}
        summary = ", ".join(f"{count} {verdict}" for verdict, count in counts.items())
        status = "all as expected" if not unexpected else \
            f"NOT as expected: {', '.join(r['id'] for r in unexpected)}"
        print(f"\n{len(rows)} claim{'s' if len(rows) != 1 else ''}: {summary}; {status}. "
              f"{sum(r['seconds'] for r in rows):.1f} s of proving, {wall:.1f} s wall clock "
              f"({jobs} job{'s' if jobs > 1 else ''}).")
        spent = {k: sum(r["decision"][k] for r in rows) for k in ("calls", "seconds", "z3_calls", "z3_seconds")}
        print(f"Decision procedures: {spent['calls']} call{'s' if spent['calls'] != 1 else ''}, "
              f"{spent['seconds']:.2f} s (z3: {spent['z3_calls']}, {spent['z3_seconds']:.2f} s).")
        print(f"Sources: {legend(r['source'] for r in rows)}; nndl prove --explain ID names the sections.")
    for r in rows:
        if r.get("error"):
            print(f"nndl prove: {r['id']}: the proof raised {r['error']}", file=sys.stderr)
    return 0 if not unexpected else 1


def explain(claim_id: str) -> int:
    from exercises.registry import get
    claim = get(claim_id)
    result = claim.run()
    print(explain_text(claim, result))
    return 0 if result.verdict == claim.expected else 1


def explain_text(claim, result) -> str:
    """What `nndl prove --explain` prints of a claim and its proof."""
    from derivations.notation import why_text
    return "\n".join([f"{claim.id}: {claim.title}",
                      f"claim: {why_text(claim.prose)}",
                      f"as stated for the checks: {result.statement.text()}",
                      f"source: {claim.source}",
                      f"expected: {claim.expected}\n",
                      result.explain(),
                      f"({result.seconds:.2f} s)"])


def step_kinds(claim, result, error) -> dict:
    """The row's steps by kind ("5 identity, 2 lemma, 1 definition"), for the table (in the worker),
    and for --json each step's checks with the certificate kind the kernel re-checked (the enum's
    value; null where none was)."""
    if result is None:
        return {"steps": ""}
    return {"steps": result.kinds_text(),
            "certificates": [{"step": s.number, "statement": s.text(), "kind": s.kind,
                              "checks": [{"role": c.role, "status": str(c.verdict.status),
                                          "certificate": c.verdict.certificate.value if c.verdict.certificate else None}
                                         for c in s.obligations]}
                             for s in result.steps]}


def _header(id_width: int, title_width: int) -> str:
    return (f"{'id':<{id_width}}  {'title':<{title_width}}  {'verdict':<9}  {'n':<10}  {'seconds':>7}  "
            f"{'sources':<{SOURCES_WIDTH}}  steps")


SOURCES_WIDTH = 24   # the longest short list of sources


def _format(row: dict, id_width: int, title_width: int) -> str:
    scope = "general n" if row["general_n"] else "explicit n"
    from exercises.sources import short
    line = (f"{row['id']:<{id_width}}  {row['title']:<{title_width}}  {row['verdict']:<9}  {scope:<10}  "
            f"{row['seconds']:>7.2f}  {short(row['source']):<{SOURCES_WIDTH}}  {row.get('steps', '')}")
    if row["verdict"] != row["expected"]:
        line += f"  <- expected {row['expected']}"
    return line
