"""Compiling the document to PDF with the first LaTeX engine found, and reading its log."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from derivations.errors import NndlError
from derivations.files import Temporary, end_process, temporary_folder


ENGINES = ("pdflatex", "lualatex", "xelatex", "tectonic")
DEBIAN_PACKAGE = "texlive-latex-base"


def find_engine() -> str:
    """The first LaTeX engine on PATH, or an NndlError saying what to install."""
    for name in ENGINES:
        found = shutil.which(name)
        if found:
            return found
    raise NndlError(f"--pdf needs a LaTeX engine and none is on PATH (looked for {', '.join(ENGINES)}). "
                    f"On Debian or Ubuntu: apt-get install --no-install-recommends {DEBIAN_PACKAGE}")


@dataclass
class Compiled:
    pdf: Path
    pages: int
    overfull: list               # (points too wide, where), from the engine's log


def _run_engine(command: list, folder: Path) -> tuple[int, bytes]:
    """Run the engine to its end: (exit status, what it printed). However this ends (Ctrl-C, the
    10 minutes' timeout), the engine is killed and waited for, so it writes nothing more into its
    build folder once that is being removed. It is started as a `Temporary` (SIGINT held), so that a
    Ctrl-C cannot land between its start and this process's having hold of it (the engine then
    starts with SIGINT held too: Ctrl-C reaches it only as this kill)."""
    with Temporary(lambda: subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT),
                   end_process) as process:
        stdout, _ = process.communicate(timeout=600)
    return process.returncode, stdout


def compile_pdf(source: Path, engine: str | None = None) -> Compiled:
    """Compile source.tex (in its own folder, so its figures are found) into source.pdf beside it.
    The engine's files go to a temporary folder; the PDF is moved into place only when the run
    succeeded. A LaTeX error raises NndlError with the message and the offending lines."""
    engine = engine or find_engine()
    source = Path(source).resolve()      # the engine runs in the source's folder: no relative paths
    folder, stem = source.parent, source.stem
    with temporary_folder(".nndl-latex-", dir=folder) as build_dir:
        if Path(engine).name == "tectonic":
            commands = [[engine, "--keep-logs", "--outdir", build_dir, source.name]]
        else:
            once = [engine, "-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
                    f"-output-directory={build_dir}", source.name]
            # the second run sets the table of contents, which moves the pages; the third puts the
            # right page numbers into it (and into the PDF's bookmarks)
            commands = [once, once, once]
        for command in commands:
            try:
                returncode, stdout = _run_engine(command, folder)
            except subprocess.TimeoutExpired:
                raise NndlError(f"{Path(engine).name} did not finish {source} within 10 minutes") from None
            log_file = Path(build_dir) / f"{stem}.log"
            log = log_file.read_text(errors="replace") if log_file.exists() else stdout.decode(errors="replace")
            if returncode != 0 or not (Path(build_dir) / f"{stem}.pdf").exists():
                raise NndlError(latex_error(log, source))
        pdf = folder / f"{stem}.pdf"
        os.replace(Path(build_dir) / f"{stem}.pdf", pdf)
    pages = re.search(r"Output written on .*?\((\d+) pages?", log.replace("\n", ""))
    return Compiled(pdf, int(pages.group(1)) if pages else 0, overfull_lines(log))


def latex_error(log: str, source: Path) -> str:
    """The engine's error message and the lines of the source it points at."""
    lines_ = source.read_text().splitlines()
    m = re.search(r"^(?:\S*?):(\d+): (.*)$", log, re.M) or re.search(r"^! (.*)$", log, re.M)
    if m is None:
        return f"LaTeX failed on {source}; the end of its log:\n" + "\n".join(log.splitlines()[-20:])
    if m.re.groups == 2:
        number, message = int(m.group(1)), m.group(2)
    else:
        message = m.group(1)
        at = re.search(r"^l\.(\d+)", log[m.end():], re.M)
        if at is None:   # not at a line of the source (a file it cannot write, a missing package)
            return f"LaTeX failed on {source}: {message}"
        number = int(at.group(1))
    context = []
    for line in log[m.end():].strip("\n").splitlines()[:8]:
        context.append(line)
        if re.match(r"l\.\d+", line):
            break
    first = max(1, number - 2)
    end = re.match(r"\\end\{(\w+\*?)\}", lines_[number - 1]) if 0 < number <= len(lines_) else None
    if end:   # an error inside an environment is reported at its end: show the environment
        begins = [k for k in range(1, number) if lines_[k - 1].startswith(rf"\begin{{{end.group(1)}}}")]
        first = max(begins[-1] if begins else first, number - 12)
    shown = [f"{k:>5} | {lines_[k - 1]}" for k in range(first, min(len(lines_), number + 1) + 1)]
    return (f"LaTeX error in {source}, line {number}: {message}\n" + "\n".join(context) + "\n"
            + "\n".join(shown)).strip()


def overfull_lines(log: str) -> list[tuple[float, str]]:
    """Lines the engine set wider than the text (Overfull \\hbox), with how much wider."""
    return [(float(pt), where) for pt, where in
            re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\) (.*)", log)]


