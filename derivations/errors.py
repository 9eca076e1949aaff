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
