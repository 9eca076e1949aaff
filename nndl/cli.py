"""The `nndl` command line: the parser of every subcommand, and what happens around a run.

Each subcommand is one module of `nndl.commands` with `add(subparsers)`, which declares its
options, and `run(args)`, which imports what it needs and does the work (so `nndl --help` loads
no SymPy). Around every run: bad input (an NndlError) is one line on stderr and exit status 2;
Ctrl-C ends the command at once, quietly, with status 130; a closed pipe (`nndl ... | head`)
ends it quietly.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys

from derivations.errors import NndlError
from nndl import __version__
from nndl.commands import COMMANDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nndl",
        description="Derive, prove, check and numerically confirm the mathematics of cost functions "
        "and softmax (Nielsen, Neural Networks and Deep Learning, chapter 3).")
    parser.add_argument("--version", action="version", version=f"nndl-proofs {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:      # argparse has printed the usage error (or the help): its status
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return _interrupted()
    except BrokenPipeError:  # the reader went away (nndl ... | head): stop quietly
        _quiet_stdout()
        return 0
    except NndlError as exc:  # bad input: a clear message, no traceback
        print(f"nndl {args.command}: error: {exc}", file=sys.stderr)
        return 2


def _interrupted() -> int:
    """Ctrl-C: say so in one line, and leave with 130 without waiting for anything more."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # a second Ctrl-C must not print a traceback
    try:
        print("\nnndl: interrupted", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass
    return 130


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is silent."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
