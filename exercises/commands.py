"""Subcommands of `exercises`: `nndl prove` and `nndl latex`."""
from __future__ import annotations


def add_commands(sub) -> None:
    pass
