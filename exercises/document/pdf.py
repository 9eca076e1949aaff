"""Compiling the document to PDF with the first LaTeX engine found, and reading its log."""
from __future__ import annotations

import os
import re
import time
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from derivations.errors import NndlError


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


def _remove(build_dir: str) -> None:
    """Remove the engine's build folder. On Ctrl-C the engine (killed and waited for) may have left
    files being closed for a moment, so the removal is tried again for up to a second."""
    for _ in range(20):
        shutil.rmtree(build_dir, ignore_errors=True)
        if not os.path.exists(build_dir):
            return
        time.sleep(0.05)


def _run_engine(command: list, folder: Path) -> tuple[int, bytes]:
    """Run the engine to its end: (exit status, what it printed). However this ends (Ctrl-C, the
    10 minutes' timeout), the engine is killed and waited for, so it writes nothing more into its
    build folder once that is being removed. SIGINT is held while it is started, so that a Ctrl-C
    cannot land between its start and this process's having hold of it (the engine then starts
    with SIGINT held too: Ctrl-C reaches it only as this kill)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        process = subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)    # a Ctrl-C held meanwhile lands here
        stdout, _ = process.communicate(timeout=600)
    except BaseException:
        process.kill()
        process.wait()
        raise
    return process.returncode, stdout


def compile_pdf(source: Path, engine: str | None = None) -> Compiled:
    """Compile source.tex (in its own folder, so its figures are found) into source.pdf beside it.
    The engine's files go to a temporary folder; the PDF is moved into place only when the run
    succeeded. A LaTeX error raises NndlError with the message and the offending lines."""
    engine = engine or find_engine()
    source = Path(source).resolve()      # the engine runs in the source's folder: no relative paths
    folder, stem = source.parent, source.stem
    # SIGINT is held from just before the build folder is made until the `try` that removes it
    # has begun: a Ctrl-C landing in between (inside mkdtemp, say) would leave the folder behind
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    build_dir = None
    try:
        build_dir = tempfile.mkdtemp(dir=folder, prefix=".nndl-latex-")
        signal.pthread_sigmask(signal.SIG_SETMASK, held)     # a Ctrl-C held meanwhile lands here
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
    finally:                 # removed with SIGINT held: a second Ctrl-C lands once it is gone
        if build_dir is not None:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            _remove(build_dir)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
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


