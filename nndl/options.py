"""Option types and checks the subcommands share: each bad value gets a message naming it."""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from derivations.errors import NndlError


def default_jobs() -> int:
    """Claims proved at once by default: 2, or 1 on one core."""
    return min(2, os.cpu_count() or 1)


def positive_int(text: str) -> int:
    """A whole number >= 1 (argparse type)."""
    return _int(text, 1)


def threads_option(text: str):
    """"auto" or a whole number >= 1 (argparse type)."""
    if text == "auto":
        return text
    try:
        value = _int(text, 1)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected auto or a whole number of at least 1, got {text!r}") from None
    if value > cores():
        raise argparse.ArgumentTypeError(f"this machine has {cores()} core{'s' if cores() != 1 else ''}: give at most "
                                         f"{cores()}, or auto, not {value}")
    return value


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:       # not on Linux
        return os.cpu_count() or 1


def nonnegative_int(text: str) -> int:
    """A whole number >= 0 (argparse type)."""
    return _int(text, 0)


def _int(text: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
    return value


def positive_float(text: str) -> float:
    """A finite number > 0 (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not (0 < value < float("inf")):
        raise argparse.ArgumentTypeError(f"must be a positive finite number, got {text}")
    return value


def writable_folder(path: Path, option: str) -> Path:
    """Check, before any long work, that `path` is or can be made a folder this user can write in;
    an NndlError naming the option and the problem otherwise. Nothing is left behind."""
    if path.exists() and not path.is_dir():
        raise NndlError(f"{option} {path}: exists and is not a folder")
    existing = path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise NndlError(f"{option} {path}: {existing} is not a folder")
    _can_write_in(existing, option, path)
    return path


def writable_file(path: Path, option: str) -> Path:
    """Check, before any long work, that a file can be written at `path` (its folder exists and is
    writable; the path is not a folder); an NndlError naming the option and the problem otherwise."""
    if path.is_dir():
        raise NndlError(f"{option} {path}: is a folder; give a file name")
    folder = path.parent
    if not folder.exists():
        raise NndlError(f"{option} {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise NndlError(f"{option} {path}: {folder} is not a folder")
    _can_write_in(folder, option, path)
    if path.exists() and not os.access(path, os.W_OK):
        raise NndlError(f"{option} {path}: cannot write there (permission denied)")
    return path


def _can_write_in(folder: Path, option: str, path: Path) -> None:
    """Create and remove a file in `folder`: the one test that holds for every user and file system."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".nndl-probe-"):
            pass
    except OSError as exc:
        raise NndlError(f"{option} {path}: cannot write in {folder} ({exc.strerror or exc})") from None


class Choices:
    """Choices for an option, read from a table when first needed (when the option is given, or
    its help shown), so that `nndl --help` does not load the table's SymPy."""

    def __init__(self, load):
        self._load, self._items = load, None

    def items(self) -> dict:
        """{choice: what it means}, loaded once."""
        if self._items is None:
            self._items = dict(self._load())
        return self._items

    def __contains__(self, value) -> bool:
        return value in self.items()

    def __iter__(self):
        return iter(Described(k, v) for k, v in self.items().items())

    def __len__(self) -> int:
        return len(self.items())



class Described(str):
    """A choice that shows what it means in help texts: quadratic (sigmoid outputs)."""

    def __new__(cls, value: str, meaning: str):
        out = super().__new__(cls, value)
        out.meaning = meaning
        return out

    def __str__(self) -> str:
        return f"{str.__str__(self)} ({self.meaning})" if self.meaning else str.__str__(self)


class DefaultsFormatter(argparse.HelpFormatter):
    """Help that shows each option's default, where it has one worth showing."""

    def _get_help_string(self, action):
        text = action.help or ""
        if "%(default)" not in text and not any(action.default is v for v in (None, False, argparse.SUPPRESS)):
            text += " (default: %(default)s)"
        return text


def network_costs() -> dict:
    """Each cost, with the output activation its name stands for (derivations.pairings)."""
    from derivations.pairings import default_pairings
    return {cost: f"{p.activation.name} outputs" for cost, p in default_pairings().items()}


def output_activations() -> dict:
    """The output activations some pairing of derivations.pairings has, each with its costs."""
    from derivations.pairings import PAIRINGS
    out: dict = {}
    for p in PAIRINGS:
        out.setdefault(p.activation.name, []).append(p.cost)
    return {act: "with " + ", ".join(costs) for act, costs in out.items()}
