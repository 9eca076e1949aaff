"""The one error type for bad input anywhere in the project, and what a Ctrl-C leaves behind.

The `nndl` command prints a bad input's message and exits non-zero, without a traceback; after
Ctrl-C it says in one line what the command leaves (`says_what_it_leaves`) and exits 130.
"""
from __future__ import annotations

import contextlib
from typing import Callable


class NndlError(Exception):
    """Bad input (a file, a shape, an option) with a message that names the problem."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, carrying what the command left behind (e.g. "nothing was written to out"): the
    command line says "nndl CMD: interrupted; LEFT" once and ends with status 130."""

    def __init__(self, left: str):
        super().__init__(left)
        self.left = left


_LEAVES: list = []       # (describe, from_any_thread) of the blocks running now, innermost last


@contextlib.contextmanager
def says_what_it_leaves(describe: Callable[[], str], *, from_any_thread: bool = False):
    """A block of a command after which Ctrl-C says what the command leaves behind, `describe()`
    ("nothing was written to out"): the block's KeyboardInterrupt becomes Interrupted(describe()).
    A press that reaches the command another way (landing in a destructor, turned into another
    error by the interpreter, or swallowed, so that `nndl`'s watchdog ends the process) is said
    with `left_behind()`, which asks the same `describe`; `from_any_thread`: it only reads
    (files' identities), so the watchdog's thread may ask it too. Left registered when the block
    ends by an exception (the command is ending: `nndl` reads it, then `forget_what_it_leaves()`)."""
    entry = (describe, from_any_thread)
    _LEAVES.append(entry)
    try:
        yield
    except Interrupted:
        raise
    except KeyboardInterrupt:
        raise Interrupted(describe()) from None
    _LEAVES.remove(entry)


def left_behind(main_thread: bool = True) -> str | None:
    """What the innermost running `says_what_it_leaves` block says it leaves (None: no block, or
    one only the main thread may ask, asked from another)."""
    if not _LEAVES:
        return None
    describe, from_any_thread = _LEAVES[-1]
    return describe() if main_thread or from_any_thread else None


def forget_what_it_leaves() -> None:
    """The command has ended: no block is running."""
    _LEAVES.clear()


def unknown(what: str, given: str, known) -> NndlError:
    """The error for an unknown name: which it was, the closest known ones ("did you mean"), and
    every known one.

    >>> str(unknown("claim id", "softmax-jacobain", ["softmax-jacobian", "sigmoid-derivative"]))
    "no claim id 'softmax-jacobain' (did you mean 'softmax-jacobian'?); known: softmax-jacobian, sigmoid-derivative"
    """
    import difflib
    known = list(known)
    close = difflib.get_close_matches(given, known, n=3, cutoff=0.6)
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    return NndlError(f"no {what} {given!r}{hint}; known: {', '.join(known)}")
