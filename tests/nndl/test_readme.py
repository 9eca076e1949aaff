"""The README's commands and Python snippets, run as written: the tour's commands from a fresh
folder (relative paths included), every Python block of "From Python and Jupyter", and .ci/run
running the README's own set-up commands."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def section(title: str) -> str:
    """The README's text under `## title`, up to the next `## ` heading (outside code blocks)."""
    out, inside, fenced = [], False, False
    for line in README.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            if inside:
                break
            inside = line.strip() == f"## {title}"
        if inside:
            out.append(line)
    assert out, f"README.md has no section {title!r}"
    return "".join(out)


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def tour_commands() -> list[str]:
    """The first column of the tour's table: `nndl ...` commands, in order."""
    return re.findall(r"^\| `(nndl [^`]*)` \|", section("A short tour"), re.M)


def nndl_executable() -> str:
    """The installed `nndl` command (the one beside this Python, else the one on PATH)."""
    beside = Path(sys.executable).parent / "nndl"
    found = str(beside) if beside.exists() else shutil.which("nndl")
    assert found, "the nndl command is not installed (pip install -e .)"
    return found


def test_the_setup_is_two_commands_and_ci_runs_them_as_written():
    first, *rest = blocks(README, "sh")
    commands = first.strip().splitlines()
    assert len(commands) == 2
    assert "python3 -m venv .venv" in commands[0] and commands[0].endswith("nndl prove")
    assert commands[1].endswith("python -m pytest -n 2") and ".[test]" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "README.md" in ci and 'bash -euo pipefail -c "${setup[0]}"' in ci and "rm -rf .venv" in ci


@pytest.mark.slow
def test_the_tour_runs_as_written_from_a_fresh_folder(tmp_path, monkeypatch, capsys, proofs_of_the_run,
                                                     benchmark_of_the_run):
    """Every command of the tour, in order, in an empty folder: `out` is a relative path there.
    The commands run in this process, as the command line's main runs them, with the claims'
    proofs of the run (conftest's `proved`, so `nndl prove`, `nndl latex` and `nndl bench` do not
    prove the 24 claims again) and its quick benchmark (conftest's quick_benchmark, which
    test_bench reads too); the installed `nndl` program itself is run by the Quick start's and
    "Checking your own work"'s tests below, and by .ci/run's `nndl prove`."""
    from nndl.cli import main
    commands = tour_commands()
    assert len(commands) >= 7 and commands[0] == "nndl derive"
    monkeypatch.chdir(tmp_path)
    with proofs_of_the_run(), benchmark_of_the_run():
        for command in commands:
            argv = shlex.split(command)
            assert argv[0] == "nndl", command
            status = main(argv[1:])
            said = capsys.readouterr()
            assert status == 0, f"`{command}` exited {status}:\n{said.err[-2000:]}"
            assert said.out.strip() and "Traceback" not in said.err, command
    out = tmp_path / "out"
    assert (out / "report.md").exists() and (out / "confirm.json").exists()
    assert (out / "nndl-proofs.pdf").exists() and (out / "nndl-proofs.tex").exists()
    assert r"\section{Numeric confirmation on MNIST}" in (out / "nndl-proofs.tex").read_text()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]       # nothing half-written


@pytest.mark.slow
@pytest.mark.parametrize("number", range(len(blocks(section("From Python and Jupyter"), "python"))))
def test_the_python_snippets_run_as_written(number, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = blocks(section("From Python and Jupyter"), "python")[number]
    namespace: dict = {}
    exec(compile(code, f"README.md, Python block {number + 1}", "exec"), namespace)
    if "v" in namespace:                     # the first block's proof
        assert namespace["v"].proved
    if "result" in namespace:
        assert namespace["result"].verdict == "proved"
    if "history" in namespace:
        assert 0.8 < namespace["history"][-1]["accuracy"] <= 1


def test_the_architecture_names_every_module():
    """Each module of the four packages has its line (or its folder's) in the README."""
    text = section("Architecture")
    for package in ("derivations", "numeric", "exercises", "nndl"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name == "__init__.py" or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(ROOT)
            folder = f"{relative.parent}/"
            named = str(relative) in text or f"`{folder}`" in text or path.stem in text
            assert named, f"README's Architecture does not name {relative}"


@pytest.mark.slow
def test_the_checking_examples_run_as_written(tmp_path):
    """Each sh block of "Checking your own work", in an empty folder, exits as its last line says."""
    examples = blocks(section("Checking your own work"), "sh")
    assert len(examples) == 2
    env = {**os.environ, "PATH": f"{Path(nndl_executable()).parent}:{os.environ['PATH']}"}
    for script in examples:
        expected = int(re.search(r"# exits (\d+)", script).group(1))
        done = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env,
                              timeout=300)
        assert done.returncode == expected, done.stdout[-3000:] + done.stderr[-2000:]
        assert "wrong" in done.stdout and "hint" in done.stdout or "counterexample" in done.stdout
    report = subprocess.run([nndl_executable(), "check", "mine.md"], cwd=tmp_path, capture_output=True, text=True)
    assert "step 3" in report.stdout and "wrong" in report.stdout and "counterexample: z = " in report.stdout


@pytest.mark.slow
@pytest.mark.parametrize("number", range(3))
def test_the_quick_start_runs_as_written(number, tmp_path):
    """Each sh block of the Quick start (students, teachers, engineers), in an empty folder, with the
    installed commands on PATH: every line succeeds, and what it says it writes is there."""
    examples = blocks(section("Quick start"), "sh")
    assert len(examples) == 3
    assert section("Quick start") in README[:README.index("## What it is")]   # at the top, after the set-up
    env = {**os.environ, "PATH": f"{Path(nndl_executable()).parent}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", examples[number]], cwd=tmp_path, capture_output=True,
                          text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    written = {0: ["mine.md", "mine.html"], 1: ["class/ann.md", "class/bob.py", "class.html"],
               2: ["derivations.json", "proof.html"]}[number]
    for name in written:
        assert (tmp_path / name).stat().st_size > 0, name
    if number == 0:
        assert "follow" in done.stdout and "<math" in (tmp_path / "mine.html").read_text()
    if number == 1:
        assert "summary, file by exercise" in done.stdout and "2 passed" in done.stdout
