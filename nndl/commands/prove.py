"""`nndl prove`: run every claim's proof and print its verdict, or one claim's proof step by step."""
from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

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
    p.add_argument("--html", metavar="FILE", type=Path,
                   help="also write every claim with its proof, step by step, as one self-contained "
                   "HTML page (formulas as MathML: it opens offline in any browser)")
    p.add_argument("--jobs", type=positive_int, default=default_jobs(),
                   help="claims proved at once, in separate processes (default: %(default)s)")
    p.add_argument("--wide", action="store_true",
                   help="every column of the table, however wide (the default on a terminal: the table "
                   "fits its width, leaving out the sources, the title and n as needed and shortening "
                   "the steps; when the output is not a terminal, always every column)")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.explain and (args.only or args.json or args.html):
        raise NndlError("--explain prints one claim's proof; it does not go with --only, --json or --html")
    if args.html and args.html.is_dir():
        raise NndlError(f"--html {args.html}: a folder; give the name of the page to write (e.g. proofs.html)")
    from exercises.registry import all_claims, get
    from exercises.runner import prove_all
    from exercises.sources import legend
    if args.explain:
        return explain(args.explain)
    selected = [get(args.only)] if args.only else all_claims()
    jobs = min(args.jobs, len(selected))
    table = Table(max(len(c.id) for c in selected), max(len(c.title) for c in selected),
                  None if args.wide else terminal_width())
    start = time.perf_counter()
    rows = []
    if not args.json:
        print(table.header(), flush=True)
    for row in prove_all([c.id for c in selected], jobs, html_and_kinds if args.html else step_kinds):
        rows.append(row)
        if not args.json:
            print(table.line(row), flush=True)
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
        if table.left_out:
            print(f"(left out to fit the terminal: {', '.join(table.left_out)}; --wide shows every column)")
    if args.html:
        write_html(args.html, rows, unexpected)
        print(f"wrote {args.html}", file=sys.stderr if args.json else sys.stdout)
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


def html_and_kinds(claim, result, error) -> dict:
    """The row's steps by kind and the claim's proof as HTML, for --html (in the worker)."""
    from derivations.html import escape
    from exercises.views import claim_html, result_html
    shown = result_html(result, claim) if result is not None else \
        claim_html(claim) + f'<p class="bad">the proof raised {escape(error)}</p>'
    return {**step_kinds(claim, result, error), "html": shown}


def write_html(path: Path, rows: list[dict], unexpected: list[dict]) -> None:
    from derivations.files import atomic_file
    from exercises.views import prove_page
    counts = {v: sum(r["verdict"] == v for r in rows) for v in ("proved", "refuted", "vacuous", "undecided")}
    summary = f"{len(rows)} claim{'s' if len(rows) != 1 else ''}: " + ", ".join(f"{n} {v}" for v, n in counts.items() if n) + \
        ("; all as expected." if not unexpected else f"; NOT as expected: {', '.join(r['id'] for r in unexpected)}.")
    with atomic_file(path, "w") as f:
        f.write(prove_page([r["html"] for r in rows], summary))


def terminal_width() -> int | None:
    """The terminal's width in columns when the output is a terminal, else None (no limit)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


SOURCES_WIDTH = 24   # the longest short list of sources
MIN_STEPS = 24       # the steps column is shortened to no less than this, else left out


class Table:
    """The rows of `nndl prove`: id, title, verdict, n, seconds, sources, steps. Given a `width`,
    the sources, then the title, then n are left out until the line fits with at least MIN_STEPS
    columns of steps; the steps are shortened to the width (an unexpected verdict is always shown)."""

    def __init__(self, id_width: int, title_width: int, width: int | None = None):
        self.columns = {"id": id_width, "title": title_width, "verdict": 9, "n": 10, "seconds": 7,
                        "sources": SOURCES_WIDTH}
        self.width, self.left_out = width, []
        for name in ("sources", "title", "n"):
            if width is None or self._fixed() + 2 + MIN_STEPS <= width:
                break
            del self.columns[name]
            self.left_out.append(name)
        if width is not None and self._fixed() + 2 + MIN_STEPS > width:
            self.left_out.append("steps")

    def _fixed(self) -> int:
        return sum(self.columns.values()) + 2 * (len(self.columns) - 1)

    def header(self) -> str:
        return self._join({"id": "id", "title": "title", "verdict": "verdict", "n": "n", "seconds": "seconds",
                           "sources": "sources"}, "steps")

    def line(self, row: dict) -> str:
        from exercises.sources import short
        cells = {"id": row["id"], "title": row["title"], "verdict": row["verdict"],
                 "n": "general n" if row["general_n"] else "explicit n", "seconds": f"{row['seconds']:.2f}",
                 "sources": short(row["source"])}
        mark = f"  <- expected {row['expected']}" if row["verdict"] != row["expected"] else ""
        return self._join(cells, row.get("steps", ""), mark)

    def _join(self, cells: dict, steps: str, mark: str = "") -> str:
        line = "  ".join(cells[name].rjust(w) if name == "seconds" else cells[name].ljust(w)
                         for name, w in self.columns.items())
        if "steps" not in self.left_out:
            room = None if self.width is None else self.width - len(line) - 2 - len(mark)
            line += "  " + (steps if room is None or len(steps) <= room else steps[:max(room - 1, 0)] + "…")
        return line + mark
