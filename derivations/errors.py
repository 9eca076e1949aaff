"""The one error type for bad input anywhere in the project.

The `nndl` command prints its message and exits non-zero, without a traceback.
"""


class NndlError(Exception):
    """Bad input (a file, a shape, an option) with a message that names the problem."""
