"""Proving claims: one at a time, or several at once in worker processes.

`nndl prove`, the LaTeX document and the benchmark all prove claims through `prove_all`, which
yields one summary per claim in the given order. Workers are forked, so they inherit whatever this
process has computed already (the document checks the derivations first: no worker checks a
derivation step again). They ignore Ctrl-C; on Ctrl-C (or any error) here, every worker is
terminated at once and the interrupt goes on to the caller.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import signal
import time
from typing import Callable, Iterator

from derivations.files import Temporary
from derivations.steps import UNDECIDED

Render = Callable[[object, object, object], dict]   # (claim, result, error) -> more fields for the summary


def prove_one(claim_id: str, render: Render | None = None) -> dict:
    """Run one claim: {id, title, source, expected, verdict, general_n, seconds}, plus what
    `render(claim, result, error)` adds (result None and the error's text when the proof raised). A proof that raises is reported as undecided, with the error
    (a crash is shown to the user, never a pass)."""
    from derivations.decide import STATS
    from exercises.registry import get
    claim = get(claim_id)
    summary = {"id": claim.id, "title": claim.title, "source": claim.source, "expected": claim.expected}
    start, before = time.perf_counter(), dict(STATS)
    try:
        result = claim.run()
    except Exception as exc:  # a crash is a failed proof, reported with its error
        summary.update(verdict=UNDECIDED, general_n=False, seconds=round(time.perf_counter() - start, 2),
                       error=f"{type(exc).__name__}: {exc}", decision=_spent(before))
        if render is not None:
            summary.update(render(claim, None, summary["error"]))
        return summary
    summary.update(verdict=result.verdict, general_n=result.general_n, seconds=round(result.seconds, 2),
                   decision=_spent(before))
    if render is not None:
        summary.update(render(claim, result, None))
    return summary


def _spent(before: dict) -> dict:
    """What the decision procedures (derivations.decide: z3, real-root isolation) cost this claim:
    {calls, seconds, z3_calls, z3_seconds}."""
    from derivations.decide import STATS
    return {key.replace(" ", "_"): STATS[key] - before[key] for key in STATS}


def prove_all(claim_ids: list[str], jobs: int = 1, render: Render | None = None) -> Iterator[dict]:
    """One summary per claim, in the given order, proving `jobs` claims at once."""
    if jobs <= 1 or len(claim_ids) <= 1:
        for claim_id in claim_ids:
            yield prove_one(claim_id, render)
        return
    with worker_pool(min(jobs, len(claim_ids))) as pool:
        yield from pool.imap(_ProveOne(render), claim_ids)


class _ProveOne:
    """prove_one with a fixed render, as a picklable callable for the workers."""

    def __init__(self, render):
        self.render = render

    def __call__(self, claim_id):
        return prove_one(claim_id, self.render)


@contextlib.contextmanager
def worker_pool(workers: int):
    """A pool of `workers` forked processes (None where fork is unavailable: then work alone).

    Leaving the block normally waits for the workers to finish; leaving it by an exception,
    Ctrl-C included, terminates them at once."""
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    # The pool is a Temporary: SIGINT is held while the workers are forked, so none can be
    # interrupted before it ignores Ctrl-C (a worker's traceback), and none can be left behind by a
    # Ctrl-C landing before the code that ends them; a press meanwhile reaches this process after.
    made = Temporary(lambda: multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts),
                     _terminate)
    with made as pool:
        yield pool
        pool.close()
        pool.join()
        made.keep()


def _terminate(pool) -> None:
    """End the workers at once."""
    pool.terminate()
    pool.join()


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it terminates the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})    # held by the parent while forking
