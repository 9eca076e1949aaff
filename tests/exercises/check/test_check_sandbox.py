"""The sandbox of `nndl check FILE.py` holds: one test per way out of it.

A learner's file forks at import, starts a child in a new session or a daemon that forks twice,
allocates more memory or prints more than the limits, writes files: nndl check still answers,
every process the file started is ended when the check is over, the limits are said in plain
words, and the writes land in a temporary folder, not in the user's working folder.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from derivations.errors import NndlError
from exercises.check import code as C
from nndl import cli

SIGMOID = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for init to reap it does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_dead(pid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def verdicts(results) -> dict:
    return {r.function: r.verdict for r in results}


def test_a_fork_at_import_is_handled_without_a_traceback(tmp_path):
    learner = tmp_path / "learner.py"
    learner.write_text("import os\nimport numpy as np\nCHILD = os.fork()\n" + SIGMOID)
    assert verdicts(C.check_code(learner)) == {"sigmoid": C.CORRECT}


def test_a_fork_in_a_call_is_handled(tmp_path):
    learner = tmp_path / "learner.py"
    learner.write_text("import os\nimport numpy as np\n"
                       "def sigmoid(z):\n    os.fork()\n    return 1 / (1 + np.exp(-z))\n")
    assert verdicts(C.check_code(learner)) == {"sigmoid": C.CORRECT}


@pytest.mark.parametrize("start", [
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'], start_new_session=True).pid",
    # a daemon: fork, a new session, fork again; the grandchild sleeps
    "(lambda r, w: (os.fork() == 0 and (os.setsid(), os.fork() == 0 and (os.write(w, str(os.getpid()).encode()), "
    "time.sleep(120)), os._exit(0))) or int(os.read(r, 32)))(*os.pipe())",
    # no mark to find it by: its environment cleared (as one in the middle of exec() reads), but
    # its parent, the learner's process, is alive until the end
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'], start_new_session=True, env={}).pid",
], ids=["start_new_session", "double_fork_daemon", "new_session_environment_cleared"])
def test_every_process_the_file_started_is_ended(tmp_path, start):
    pid_file = tmp_path / "pid"
    learner = tmp_path / "learner.py"
    learner.write_text(f"import os, subprocess, sys, time\nimport numpy as np\n"
                       f"open({str(pid_file)!r}, 'w').write(str({start}))\n" + SIGMOID)
    assert verdicts(C.check_code(learner)) == {"sigmoid": C.CORRECT}
    pid = int(pid_file.read_text())
    assert wait_dead(pid), f"process {pid} outlived the check"


def test_the_memory_limit_is_said_in_megabytes(tmp_path, monkeypatch):
    monkeypatch.setattr(C, "MEMORY_MB", 300)
    learner = tmp_path / "learner.py"
    learner.write_text("import numpy as np\nBIG = np.ones(400 * 2**20 // 8)\n" + SIGMOID)
    with pytest.raises(NndlError, match=r"importing it used more than 300 MB of memory \(nndl check's limit\) "
                                        r"\(line 2\)"):
        C.check_code(learner)
    learner.write_text("import numpy as np\n"
                       "def sigmoid(z):\n    big = np.ones(400 * 2**20 // 8)\n    return 1 / (1 + np.exp(-z))\n")
    (r,) = C.check_code(learner)
    assert r.verdict == C.COULD_NOT_RUN and r.why.startswith("used more than 300 MB of memory")


def test_the_output_limit_is_said_in_megabytes(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(C, "OUTPUT_MB", 1)
    learner = tmp_path / "learner.py"
    learner.write_text("import numpy as np\nprint('x' * 2 * 2**20)\n" + SIGMOID)
    assert cli.main(["check", str(learner)]) == 2
    err = capsys.readouterr().err
    assert "importing it printed or wrote more than 1 MB (nndl check's limit) (line 2)" in err
    assert "Traceback" not in err


def test_the_files_own_writes_land_in_a_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    learner = tmp_path / "learner.py"
    learner.write_text("import numpy as np\nopen('at_import.txt', 'w').write('x')\n"
                       "def sigmoid(z):\n    open('in_a_call.txt', 'w').write('x')\n"
                       "    return 1 / (1 + np.exp(-z))\n")
    assert verdicts(C.check_code(learner)) == {"sigmoid": C.CORRECT}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["learner.py"]


def test_the_temporary_folder_is_removed(tmp_path):
    learner = tmp_path / "learner.py"
    where = tmp_path / "where"
    learner.write_text(f"import os\nimport numpy as np\nopen({str(where)!r}, 'w').write(os.getcwd())\n" + SIGMOID)
    C.check_code(learner)
    folder = Path(where.read_text())
    assert folder.name.startswith("nndl-check-") and not folder.exists()
