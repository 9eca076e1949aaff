"""The `nndl` command: one entry point, each package adds its own subcommands."""
from __future__ import annotations

import argparse
import sys

from derivations.errors import NndlError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nndl",
        description="Derive, prove and numerically confirm the mathematics of "
        "cost functions and softmax (Nielsen, NNDL chapter 3).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    from derivations import cli as derivations_cli
    from exercises import commands as exercises_commands
    from numeric import cli as numeric_cli

    derivations_cli.add_commands(sub)
    exercises_commands.add_commands(sub)
    numeric_cli.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (nndl ... | head): stop quietly
        sys.stderr.close()
        return 0
    except NndlError as exc:  # bad input: a clear message, no traceback
        print(f"nndl {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
