"""The `nndl` command: one module per subcommand in `nndl.commands`, above the three packages
(derivations, numeric, exercises) whose code they run. Nothing in those packages imports this one."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nndl-proofs")
except PackageNotFoundError:   # run from a source tree that is not installed
    __version__ = "unknown"


def load_ipython_extension(ipython) -> None:
    """`%load_ext nndl` in IPython or Jupyter: the cell magics of `nndl.jupyter`."""
    from nndl.jupyter import load_ipython_extension as load
    load(ipython)
