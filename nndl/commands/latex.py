"""`nndl latex`: the derivations, the proofs and the code beside its maths, as a LaTeX document."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from derivations.errors import NndlError, says_what_it_leaves
from nndl.options import default_jobs, positive_int, writable_folder


def add(sub) -> None:
    p = sub.add_parser(
        "latex", help="write the derivations, proofs and code as a LaTeX document",
        description="Write DIR/nndl-proofs.tex: the costs derived from their likelihood models and the "
        "output errors, every exercise and claim with its proof and verdict, each NumPy function beside "
        "the formula it implements (checked equal before writing), and the `nndl confirm --out DIR` "
        "results found in DIR. Everything is printed from the SymPy objects the proofs use.")
    p.add_argument("--out", metavar="DIR", type=Path, required=True,
                   help="folder to write into (created if missing; confirm results there are included)")
    p.add_argument("--pdf", action="store_true",
                   help="also compile it to DIR/nndl-proofs.pdf with pdflatex, lualatex, xelatex or tectonic")
    p.add_argument("--only", metavar="ID", help="a standalone document for one claim: DIR/ID.tex")
    p.add_argument("--fragment", action="store_true",
                   help="bare LaTeX without a preamble, for pasting: DIR/nndl-proofs-fragment.tex "
                   "(or DIR/ID-fragment.tex)")
    p.add_argument("--jobs", type=positive_int, default=default_jobs(),
                   help="claims proved at once, in separate processes (default: %(default)s)")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.pdf and args.fragment:
        raise NndlError("--pdf compiles a whole document; a --fragment has no preamble (drop one of them)")
    from exercises.document.build import build
    from exercises.document.pdf import compile_pdf, find_engine
    from exercises.registry import get
    from derivations.files import atomic_file, identity
    start = time.perf_counter()
    engine = find_engine() if args.pdf else None
    folder = writable_folder(args.out, "--out")
    if args.only:
        get(args.only)                               # an unknown id fails before any work
    if not args.only and not (folder / "confirm.json").exists():
        print(f"nndl latex: note: no numeric confirmation in {folder}, so the document leaves it out; to include "
              f"it, run `nndl confirm --out {folder}` first, then this command again", file=sys.stderr, flush=True)
    from exercises.check.formulas import FormulaMismatch
    from exercises.document.build import parts
    from nndl.progress import progress
    try:
        with progress("nndl latex", parts(args.only), unit="part") as shown:
            document = build(folder if folder.exists() else None, args.only, args.jobs, args.fragment,
                             done=shown.done)
    except FormulaMismatch as exc:
        raise NndlError(f"{exc}; nothing was written") from None
    folder.mkdir(parents=True, exist_ok=True)
    name = (args.only or "nndl-proofs") + ("-fragment" if args.fragment else "")
    path = folder / f"{name}.tex"
    pdf = path.with_suffix(".pdf")
    before = {p: identity(p) for p in (path, pdf)}
    # a Ctrl-C says what it leaves: what was written whole (by the files' identities)
    with says_what_it_leaves(lambda: _left(path, pdf if engine else None, before), from_any_thread=True):
        with atomic_file(path, "w") as f:
            f.write(document.latex(args.fragment))
        print(f"wrote {path}", flush=True)
        compiled = compile_pdf(path, engine) if engine else None
    if compiled is not None:
        pages = f"{compiled.pages} page{'s' if compiled.pages != 1 else ''}"
        print(f"wrote {folder / compiled.pdf.name} ({pages}, {Path(engine).name})", flush=True)
        for points, where in compiled.overfull:
            print(f"nndl latex: warning: a line {points:g} pt wider than the text, {where}", file=sys.stderr)
    counts = {v: sum(c["verdict"] == v for c in document.claims) for v in ("proved", "refuted", "undecided")}
    print(f"{len(document.claims)} claim{'s' if len(document.claims) != 1 else ''} "
          f"({', '.join(f'{n_} {v}' for v, n_ in counts.items() if n_)})"
          + (f", {document.formulas_checked} formulas checked against the code" if document.formulas_checked else "")
          + f"; {time.perf_counter() - start:.1f} s")
    problems = []
    if document.unexpected:
        problems.append("verdicts not as expected: " + ", ".join(document.unexpected))
    if not document.derivations_ok:
        problems.append("some derivation steps failed their check")
    for c in document.claims:
        if c.get("error"):
            problems.append(f"{c['id']}: the proof raised {c['error']}")
    for problem in problems:
        print(f"nndl latex: {problem} (the document shows it)", file=sys.stderr)
    return 1 if problems else 0


def _left(tex: Path, pdf: Path | None, before: dict) -> str:
    """What an interrupted `nndl latex` leaves: the .tex and the PDF that were written whole."""
    from derivations.files import identity
    tex_written = identity(tex) != before[tex]
    if pdf is not None and identity(pdf) != before[pdf]:
        return f"{tex} and {pdf} were written"
    if not tex_written:
        return f"nothing was written to {tex.parent}"
    return f"{tex} was written" + (", the PDF was not" if pdf is not None else "")
