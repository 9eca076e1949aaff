"""One module per subcommand, in the order `nndl --help` lists them."""
from nndl.commands import bench, check, confirm, derive, latex, prove, train

COMMANDS = (derive, prove, check, latex, train, confirm, bench)
