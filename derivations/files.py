"""What a run makes for a while, removed however it ends (Ctrl-C at any moment included), and
writing a file so that nobody ever sees half of it: the one place the project does either.

`Temporary(make, remove)` is the one mechanism for anything that must not outlive the code that
made it: a temporary file or folder, a worker process or a pool of them. Ctrl-C (SIGINT) is held
from just before `make()` until what it made is recorded for removal (blocked, and Python's handler
deferred: see `_Held`), so no press can land between its making and the code that removes it; a
press held meanwhile lands as the hold ends, and what was made is then removed at once. From there, `close()` (or the end of the `with` block) removes
it, with SIGINT held so that a second press cannot cut the removal short. A press landing where no
block protects it yet (between `make` and the `with`, or inside a contextmanager's `__enter__`)
leaves it recorded, and `remove_left`, an exit function (which `nndl` runs before it ends on
Ctrl-C), removes it.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Generic, TypeVar

T = TypeVar("T")

_LEFT: dict[int, "Temporary"] = {}      # made and not yet removed (by this process), oldest first


class _Held:
    """SIGINT held from its making until `release()`. The signal is blocked in this thread (so a
    child process made meanwhile starts with it blocked, and a press on this thread waits); and, in
    the main thread, Python's handler is deferred too, since a press delivered to another thread
    (one started before the hold: tqdm's, a pool's) would still run it here: it is noted, and run
    as the hold ends."""

    def __init__(self):
        global _holding
        self.main = threading.current_thread() is threading.main_thread()
        _holding += self.main
        self.mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) \
            if hasattr(signal, "pthread_sigmask") else None
        self.handler, self.pressed = None, []
        if self.main and callable(signal.getsignal(signal.SIGINT)):
            self.handler = signal.signal(signal.SIGINT, lambda signum, frame: self.pressed.append(frame))

    def release(self) -> None:
        """Let SIGINT go: a press held meanwhile lands here (a KeyboardInterrupt, as its handler says)."""
        global _holding
        _holding -= self.main
        if self.handler is not None:
            signal.signal(signal.SIGINT, self.handler)
        if self.mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.mask)
        if self.pressed and self.handler is not None:
            self.handler(signal.SIGINT, self.pressed[0])


_holding = 0       # holds open in the main thread


def holding() -> bool:
    """Whether the main thread holds Ctrl-C now (making or removing something, or a short step done
    whole): a press meanwhile is deferred to the hold's end, not lost (`nndl`'s watchdog waits)."""
    return _holding > 0


@contextlib.contextmanager
def interrupts_held():
    """Ctrl-C held for a short step that must be done whole (a file moved into place, and that
    noted): a press meanwhile lands as the block ends."""
    held = _Held()
    try:
        yield
    finally:
        held.release()


class Temporary(Generic[T]):
    """Something made for a while: `make()` makes it, `remove(it)` removes it (and must accept that
    it is gone already). Use it as `with Temporary(make, remove) as it:`, or keep the object and
    call `close()`; `thing` is what was made."""

    def __init__(self, make: Callable[[], T], remove: Callable[[T], None]):
        self._remove, self._pid = remove, os.getpid()
        held = _Held()
        try:
            self.thing = make()
            _LEFT[id(self)] = self
        finally:
            try:
                held.release()
            except BaseException:      # Ctrl-C pressed while it was made: remove it now
                self.close()
                raise

    def __enter__(self) -> T:
        return self.thing

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Remove it, once (SIGINT held meanwhile; a press then lands when it is gone)."""
        held = _Held()
        try:
            if _LEFT.pop(id(self), None) is not None and self._pid == os.getpid():
                self._remove(self.thing)
        finally:
            held.release()

    def keep(self) -> None:
        """It is complete (a file renamed into place, a pool whose workers have ended): nothing is
        left to remove."""
        _LEFT.pop(id(self), None)


@atexit.register
def remove_left() -> None:
    """Remove, newest first, whatever this process made and has not removed: a Ctrl-C landed
    before the code that removes it began. An exit function; `nndl` runs it before it ends."""
    for made in reversed(list(_LEFT.values())):
        if made._pid == os.getpid():
            made.close()


def temporary_folder(prefix: str, dir=None) -> Temporary[str]:
    """A new folder (tempfile.mkdtemp's: private, its name starting with `prefix`, in `dir` or the
    system's temporary folder), removed with everything in it."""
    return Temporary(lambda: tempfile.mkdtemp(prefix=prefix, dir=dir), remove_folder)


def remove_folder(folder: str) -> None:
    """Remove a folder and everything in it. A process just killed (a LaTeX engine, a learner's
    code) may still be closing files in it for a moment, so the removal is tried again for up to a
    second."""
    for _ in range(20):
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.exists(folder):
            return
        time.sleep(0.05)


def end_process(process) -> None:
    """Kill a process (a subprocess.Popen) if it still runs, and wait for it."""
    if process.poll() is None:
        process.kill()
    process.wait()


@contextlib.contextmanager
def atomic_file(path, mode: str = "wb"):
    """Open a temporary file beside `path`; when the block ends, rename it into place.

    If the block raises (Ctrl-C included, at any moment), the temporary file is removed and `path`
    is untouched. The file gets the permissions a newly created file would (by the umask), not
    mkstemp's private 0600.
    """
    path = Path(path)
    mask = _umask()
    part = Temporary(lambda: tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part"),
                     _remove_part)
    with part as (fd, tmp):
        with os.fdopen(fd, mode) as f:
            yield f
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
        part.keep()


def identity(path) -> tuple[int, int] | None:
    """Which file is at `path` (its device and inode), None when there is none: a file renamed into
    place by `atomic_file` is a new one, so comparing identities tells whether it was written
    (where a Ctrl-C may have landed just before or just after)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def _remove_part(made: tuple[int, str]) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(made[1])


def _umask() -> int:
    held = _Held()                  # not interrupted between the two calls (leaving the umask 0)
    try:
        mask = os.umask(0)
        os.umask(mask)
    finally:
        held.release()
    return mask
