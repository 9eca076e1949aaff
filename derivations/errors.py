"""The one error type for bad input anywhere in the project.

The `nndl` command prints its message and exits non-zero, without a traceback.
"""


class NndlError(Exception):
    """Bad input (a file, a shape, an option) with a message that names the problem."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, carrying what the command left behind (e.g. "nothing was written to out"): the
    command line says "nndl CMD: interrupted; LEFT" once and ends with status 130."""

    def __init__(self, left: str):
        super().__init__(left)
        self.left = left


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
