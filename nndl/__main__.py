"""python -m nndl: the same as the `nndl` command."""
import sys

from nndl.cli import main

sys.exit(main())
