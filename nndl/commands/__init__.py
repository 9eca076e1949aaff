"""One module per subcommand, in the order `nndl --help` lists them."""
from nndl.commands import bench, check, confirm, derive, exercises, latex, prove, train

COMMANDS = (derive, prove, exercises, check, latex, train, confirm, bench)
