"""Ctrl-C says what the command leaves behind however the press reaches it (derivations.errors.
says_what_it_leaves): through the command's own block, landing in a destructor, turned into another
error by the interpreter, or swallowed (the watchdog ends the process).

Seen in a fresh run on a loaded machine: `nndl confirm --out out`, Ctrl-C 0.5 s after its first
[PASS], said only "nndl confirm: interrupted" (the press had not come through the command's own
`except KeyboardInterrupt`, so the line said nothing of what was written)."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

import pytest

from derivations.errors import Interrupted, forget_what_it_leaves, left_behind, says_what_it_leaves

# A command (`nndl derive`, its run replaced) whose block says "nothing was written to out"; HOW is
# how the press reaches it. The describer notes in the file `asked` that it was asked.
COMMAND = """
import os, signal, sys, time
sys.argv = ["nndl", "derive"]
from nndl.commands import derive
from derivations.errors import says_what_it_leaves

def leaves():
    open("asked", "w").close()
    return "nothing was written to out"

class Foreign:
    def __del__(self):
        raise KeyboardInterrupt    # Ctrl-C landing while a destructor runs: Python would swallow it

def run(args):
    with says_what_it_leaves(leaves, from_any_thread=ANY_THREAD):
        print("running", flush=True)
        HOW
derive.run = run
from nndl.cli import main
sys.exit(main())
"""

HOW = {
    "destructor": "Foreign(); time.sleep(30)",
    # CPython turning a KeyboardInterrupt into another error ("TypeError: expected a message argument")
    "another error": ("try:\n            os.kill(os.getpid(), signal.SIGINT); time.sleep(30)\n"
                      "        except KeyboardInterrupt:\n            raise TypeError('expected a message argument')"),
    # code that swallows every exception: the watchdog ends the process
    # (the press lands in the sleep, inside the try, every time)
    "swallowed": ("while True:\n            try:\n                time.sleep(30)\n"
                  "            except BaseException:\n                pass"),
}


def run_command(tmp_path, how: str, any_thread: bool = True) -> tuple[int, str]:
    script = COMMAND.replace("HOW", HOW[how]).replace("ANY_THREAD", str(any_thread))
    process = subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert process.stdout.readline() == "running\n"
        if how == "swallowed":
            time.sleep(0.5)                            # in the sleep by now
            os.killpg(process.pid, signal.SIGINT)      # a terminal's Ctrl-C, while the code swallows it
        _, err = process.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, err


@pytest.mark.parametrize("how", sorted(HOW))
@pytest.mark.slow
def test_the_line_says_what_is_left_however_the_press_came(tmp_path, how):
    status, err = run_command(tmp_path, how)
    assert status == 130, err
    assert err == "\nnndl derive: interrupted; nothing was written to out\n"


@pytest.mark.slow
def test_the_watchdog_asks_only_a_describer_any_thread_may_ask(tmp_path):
    """A describer that acts (nndl train's saves the network) is asked in the main thread only:
    the watchdog's line then says no more than "interrupted", and the describer is not run."""
    status, err = run_command(tmp_path, "swallowed", any_thread=False)
    assert status == 130, err
    assert err == "\nnndl derive: interrupted\n"
    assert not (tmp_path / "asked").exists()


def test_the_blocks_own_interrupt_carries_what_it_leaves():
    forget_what_it_leaves()
    with pytest.raises(Interrupted) as raised:
        with says_what_it_leaves(lambda: "nothing was written to out"):
            raise KeyboardInterrupt
    assert raised.value.left == "nothing was written to out"
    with pytest.raises(Interrupted) as raised:     # an inner block's own word stands
        with says_what_it_leaves(lambda: "outer"):
            with says_what_it_leaves(lambda: "inner"):
                raise KeyboardInterrupt
    assert raised.value.left == "inner"
    forget_what_it_leaves()


def test_a_block_that_ends_is_forgotten_and_one_that_fails_is_kept_until_the_command_ends():
    forget_what_it_leaves()
    with says_what_it_leaves(lambda: "written"):
        assert left_behind() == "written"
    assert left_behind() is None                   # ended: a later press says nothing of it
    with pytest.raises(ValueError):
        with says_what_it_leaves(lambda: "half written"):
            raise ValueError("a press turned into another error")
    assert left_behind() == "half written"         # what `nndl` reads as the command ends
    forget_what_it_leaves()
    assert left_behind() is None


def test_another_thread_asks_only_a_describer_that_only_reads():
    forget_what_it_leaves()
    asked = []
    with says_what_it_leaves(lambda: asked.append(1) or "saved"):
        assert left_behind(main_thread=False) is None and asked == []
        assert left_behind() == "saved" and asked == [1]
    with says_what_it_leaves(lambda: "nothing was written", from_any_thread=True):
        assert left_behind(main_thread=False) == "nothing was written"
    forget_what_it_leaves()
