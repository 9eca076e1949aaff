"""The `nndl` command line: the parser of every subcommand, and what happens around a run.

Each subcommand is one module of `nndl.commands` with `add(subparsers)`, which declares its
options, and `run(args)`, which imports what it needs and does the work (so `nndl --help` loads
no SymPy). Around every run: bad input (an NndlError) is one line on stderr and exit status 2;
Ctrl-C ends the command at once, quietly, with status 130: as a program (`main()` with no
argv), the process ends right there with `os._exit(130)`, after Python's exit functions and a
flush, before the interpreter's teardown runs foreign destructors (a z3 context half made when Ctrl-C landed would print a
traceback); and once the work is done a late Ctrl-C is ignored for the same reason. A closed pipe
(`nndl ... | head`) ends it quietly; a full disk or /dev/full is one line. An argument error is
one line naming the subcommand and its --help.
"""
from __future__ import annotations

import argparse
import atexit
import errno
import os
import signal
import sys
import threading
import time

from derivations.errors import Interrupted, NndlError, forget_what_it_leaves, left_behind
from nndl import __version__
from nndl.commands import COMMANDS


class Parser(argparse.ArgumentParser):
    """argparse with errors in one line: the problem, then where the usage is (no usage first)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def parse_args(self, args=None, namespace=None):
        """As argparse's, but an unknown option is reported by the subcommand it was given to."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            subcommands = next((a.choices for a in self._actions if isinstance(a, argparse._SubParsersAction)), {})
            where = subcommands.get(getattr(parsed, "command", None), self)
            where.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed


# errno values that mean the output has no room (nndl prove > /dev/full, a full disk)
NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="nndl",
        description="Derive, prove, check and numerically confirm the mathematics of cost functions "
        "and softmax (Nielsen, Neural Networks and Deep Learning, chapter 3).")
    parser.add_argument("--version", action="version", version=f"nndl-proofs {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `nndl ARGV` and return its exit status. With no argv, main is the program itself
    (the `nndl` command, `python -m nndl`): Ctrl-C then ends the process at once (see above)."""
    program = argv is None
    command = "nndl"
    forget_what_it_leaves()    # a command run before in this process has ended
    try:
        # from here on Ctrl-C is a KeyboardInterrupt, for the commands to clean up; unless the
        # program was started with SIGINT ignored (a background job of a shell without job
        # control: `cmd &` in a script): then it stays ignored, as Python leaves it
        if program and signal.getsignal(signal.SIGINT) != signal.SIG_IGN:   # (an int, 1, when inherited)
            signal.signal(signal.SIGINT, _ctrl_c)
            sys.unraisablehook = _unraisable
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:      # argparse has printed the usage error (or the help): its status
            return exc.code if isinstance(exc.code, int) else 2
        command = _running[0] = f"nndl {args.command}"
        status = int(args.run(args) or 0)
        sys.stdout.flush()             # a full output is found here, not in the interpreter's last flush
    except KeyboardInterrupt as exc:
        return _interrupted(command, exc, program)
    except BrokenPipeError:  # the reader went away (nndl ... | head): stop quietly
        _quiet_stdout()
        return 0
    except NndlError as exc:  # bad input: a clear message, no traceback
        print(f"{command}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        if _pressed:
            return _interrupted(command, KeyboardInterrupt(), program)
        if exc.filename is not None or exc.errno not in NO_ROOM:
            raise
        _quiet_stdout()       # what could not be written is dropped: the last flush must not fail again
        print(f"{command}: error: cannot write the output: {os.strerror(exc.errno)}", file=sys.stderr)
        return 1
    except Exception as exc:
        # Ctrl-C landing inside the interpreter's own work (an import's error being made, say) can
        # surface as another exception (CPython 3.11: "TypeError: expected a message argument"):
        # once Ctrl-C was pressed, whatever ends the command is the interrupt
        if _pressed:
            return _interrupted(command, KeyboardInterrupt(), program)
        raise
    if program:               # done: a Ctrl-C now must not interrupt the teardown's destructors
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    return status


_pressed = False     # Ctrl-C was pressed (the program's handler, below, says so)
_running = ["nndl"]  # the command the program runs, for a word said from a hook


def _unraisable(info) -> None:
    """The program's sys.unraisablehook. Ctrl-C landing in a destructor (a foreign library's
    __del__, a weakref callback) would be swallowed there and the command go on: end it now.
    After Ctrl-C, a foreign destructor's complaint about what the interrupt left half made (z3's
    Context.__del__: no attribute 'owner') is the interrupt's doing: not shown. Else as Python."""
    if issubclass(info.exc_type, KeyboardInterrupt):
        _interrupted(_running[0], KeyboardInterrupt(), program=True)
    if not _pressed:
        sys.__unraisablehook__(info)


SWALLOWED = 1.5     # seconds: a Ctrl-C whose KeyboardInterrupt has not ended the command by then was lost
REMOVING = 3.0      # seconds the watchdog gives the removal of what the run made, before it ends the process
HELD = 60.0         # seconds it waits while a hold defers the press (a report's files being written whole)


def _ctrl_c(signum, frame):
    """The program's SIGINT handler: note the press, then interrupt as Python does. Code that
    swallows the KeyboardInterrupt (a library's bare except, CPython turning it into another error
    that a proof's `except Exception` takes for a failed step) would let the command go on: a
    watchdog ends the process SWALLOWED seconds after the press if nothing else has (waiting while
    the command removes what it made, or ends: that press was not lost)."""
    global _pressed
    if not _pressed:
        _pressed = True
        watchdog = threading.Timer(SWALLOWED, _lost)
        watchdog.daemon = True
        watchdog.start()
    raise KeyboardInterrupt


def _lost() -> None:
    """The watchdog: the interrupt was lost; say so as usual (unless the command is ending already,
    its line said), remove what the run made for a while (derivations.files: its temporary files
    and folders, its workers), and end the process."""
    try:
        from derivations.files import holding, remove_left
        start = time.monotonic()      # a press deferred by a hold, or an ending command, is not lost
        while (holding() and time.monotonic() < start + HELD
               or _ending.is_set() and time.monotonic() < start + REMOVING):
            time.sleep(0.05)
        left = left_behind(main_thread=False)
        _say(f"{_running[0]}: interrupted" + (f"; {left}" if left else ""))
        removing = threading.Thread(target=remove_left, daemon=True)
        removing.start()
        removing.join(REMOVING)                 # bounded: the watchdog ends the process whatever happens
    finally:
        os._exit(130)


_ending = threading.Event()  # the command is ending (its line said, its exit functions running)
_said = threading.Lock()     # held by whoever said "interrupted" first (the command, or the watchdog)


def _say(line: str) -> None:
    """Say that the command was interrupted, once whoever says it (stderr, unbuffered)."""
    if _said.acquire(blocking=False):
        try:
            sys.stderr.flush()
            os.write(2, f"\n{line}\n".encode())
        except (OSError, ValueError):
            pass


def _interrupted(command: str, exc: KeyboardInterrupt, program: bool) -> int:
    """Ctrl-C: say so in one line (with what the command left behind), and leave with 130 without
    waiting for anything more. Called inside the except clause, so that whatever the interrupt
    left half made is still referenced when a program ends with os._exit."""
    if program:           # a second Ctrl-C must not print a traceback (a caller's own process, main(argv)
        signal.signal(signal.SIGINT, signal.SIG_IGN)   # from Python, keeps its Ctrl-C)
    left = exc.left if isinstance(exc, Interrupted) else left_behind()   # a press that came another way
    said = f"{command}: interrupted" + (f"; {left}" if left else "")
    if not program:
        try:
            print(f"\n{said}", file=sys.stderr, flush=True)
        except (OSError, ValueError):
            pass
        return 130
    _ending.set()
    _say(said)
    atexit._run_exitfuncs()          # Python's own clean-up (temporary folders, worker processes)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(130)                    # then no teardown: no foreign destructor runs on what was half made


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is silent."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
