"""The `nndl` command: one module per subcommand in `nndl.commands`, above the three packages
(derivations, numeric, exercises) whose code they run. Nothing in those packages imports this one."""
import os
import signal
import sys


def _starting(signum, frame):
    """Ctrl-C before the command line's main has begun: say so and end, quietly (see nndl.cli)."""
    os.write(2, b"\nnndl: interrupted\n")
    os._exit(130)


def _is_the_program() -> bool:
    """Is this process the `nndl` command (or `python -m nndl`), not a program importing nndl?"""
    argv = getattr(sys, "orig_argv", sys.argv)
    return os.path.basename(sys.argv[0] if sys.argv else "") == "nndl" or any(
        a == "-m" and b == "nndl" for a, b in zip(argv, argv[1:]))


# first thing: Ctrl-C while the modules load is quiet too (unless the program was started with
# SIGINT ignored, a background job of a shell without job control: then it stays ignored, as
# Python leaves it; getsignal gives the inherited disposition as the int 1)
if _is_the_program() and signal.getsignal(signal.SIGINT) != signal.SIG_IGN:
    signal.signal(signal.SIGINT, _starting)

from importlib.metadata import PackageNotFoundError, version  # noqa: E402

try:
    __version__ = version("nndl-proofs")
except PackageNotFoundError:   # run from a source tree that is not installed
    __version__ = "unknown"


def load_ipython_extension(ipython) -> None:
    """`%load_ext nndl` in IPython or Jupyter: the cell magics of `nndl.jupyter`."""
    from nndl.jupyter import load_ipython_extension as load
    load(ipython)
