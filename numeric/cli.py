"""Subcommands of `numeric`: `nndl train`, `nndl confirm`, `nndl bench`."""
from __future__ import annotations


def add_commands(sub) -> None:
    pass
