"""One module per subcommand, in the order `nndl --help` lists them."""
from nndl.commands import bench, confirm, derive, latex, prove, train

COMMANDS = (derive, prove, latex, train, confirm, bench)
