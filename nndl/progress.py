"""Progress of a long command, on stderr: a tqdm bar on a terminal, else one line per item done
(a log or CI shows how far it got). stdout keeps the command's output alone."""
from __future__ import annotations

import sys
from contextlib import contextmanager


class Progress:
    """`done(what)` after each item: the bar moves, or a line "desc: i/N what" is printed."""

    def __init__(self, desc: str, total: int | None, unit: str = "item", enabled: bool = True):
        self.desc, self.total, self.count, self.enabled = desc, total, 0, enabled
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm
            self.bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)

    def done(self, what: str = "") -> None:
        self.count += 1
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.set_postfix_str(what[:40], refresh=False)
            self.bar.update(1)
        else:
            of = f"/{self.total}" if self.total else ""
            print(f"{self.desc}: {self.count}{of} {what}".rstrip(), file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@contextmanager
def progress(desc: str, total: int | None, unit: str = "item", enabled: bool = True):
    p = Progress(desc, total, unit, enabled)
    try:
        yield p
    finally:
        p.close()
