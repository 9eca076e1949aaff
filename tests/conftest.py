"""What the tests share, found or computed once per run: the project's folder, the shared data
beside it (the real MNIST test set, the public texts), and every claim proved once.

Markers (registered in pyproject.toml, checked with --strict-markers):
  slow     takes more than ~5 s on a quiet 2-core machine, or about 1 s of CPU or more where the
           daily loop needs the room (its own cost, not a shared fixture's: marking the first
           reader of a session fixture only moves the cost to the next); `python -m pytest -m
           "not slow"` is the daily loop (under 2 minutes: 75-100 s of CPU), plain
           `python -m pytest -n 2` (CI, the README) runs everything.
           The daily loop's first run in a fresh checkout, or after numeric/kernel.py changed,
           also compiles the training epoch (numba, four signatures: about 35 s of CPU more);
           later runs load it from numba's cache beside the file.
  browser  needs a web browser or a notebook front end.
  bench    measures speed (a benchmark's smoke run).
"""
from __future__ import annotations

import contextlib
import signal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent          # the checkout: README.md, .ci, the packages
# The data beside the checkout (CI puts it at ../shared); a worktree nested deeper finds the
# nearest shared/ above it.
SHARED = next((folder / "shared" for folder in ROOT.parents if (folder / "shared").is_dir()), ROOT.parent / "shared")


def pytest_configure(config):
    """Ctrl-C reaches the commands the tests start as it does from a terminal. A shell that runs
    the suite in the background without job control (`nohup ... &`, a script's `&`) starts it
    with SIGINT ignored, and every process it starts inherits that: a press the interrupt tests
    send would then be ignored (nndl respects an ignored SIGINT, as Python does). Each process of
    the run (pytest-xdist's workers too) takes Python's own handler back, so that what it starts
    begins with SIGINT's default, as a command typed at a terminal does."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:       # (an int, 1, when inherited)
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's folder (README.md, .ci/run, the packages)."""
    return ROOT


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The real MNIST test set at ../shared/mnist beside the checkout; CI always has it, so a
    missing folder is a failure, not a skip."""
    folder = SHARED / "mnist"
    assert (folder / "t10k-images-idx3-ubyte.gz").is_file() or (folder / "t10k-images-idx3-ubyte").is_file(), \
        f"the real MNIST test set should be at {folder}"
    return folder


@pytest.fixture(scope="session")
def mnist(mnist_dir):
    """The real MNIST test set (mnist_dir), loaded once per run: load_dataset's split of it, 8,000
    digits to train on and 2,000 held out. Shared: a test that needs other data makes a copy
    (dataclasses.replace), never changes it."""
    from numeric.data import load_dataset
    return load_dataset("mnist", data_dir=mnist_dir, download=False, progress=False)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The public texts (../shared/seeds beside the checkout)."""
    folder = SHARED / "seeds"
    assert folder.is_dir(), f"the public texts should be at {folder}"
    return folder


class ProvedClaims(dict):
    """{claim id: its Result}, each claim proved the first time a test asks for it and kept for the
    rest of the run (a test that runs one claim proves only that one)."""

    def __missing__(self, claim_id: str):
        from exercises.registry import get
        result = self[claim_id] = get(claim_id).run()
        return result


@pytest.fixture(scope="session")
def proved() -> ProvedClaims:
    """Every claim as stated, proved at most once per run and shared by every test that reads it
    (test_claims, test_explain, ...). A variant of a claim (a false one) is run by its own test."""
    return ProvedClaims()


@pytest.fixture(scope="session")
def proofs_of_the_run(proved):
    """A context in which a command that proves claims (`nndl latex`, `nndl prove`) takes each
    registered claim's proof, as stated, from `proved` instead of proving it again; its workers,
    forked inside the context, inherit them. A variant, or a claim a test replaced, is proved as
    usual. For a test of what a command does with the proofs, not of the proving."""
    @contextlib.contextmanager
    def sharing():
        from exercises.proof import Claim
        from exercises.registry import all_claims
        registered = {claim.id: claim for claim in all_claims()}
        for claim_id in registered:
            proved[claim_id]                     # before any worker is forked
        prove = Claim.run

        def run(self, **variant):
            if not variant and self == registered.get(self.id):
                return proved[self.id]
            return prove(self, **variant)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Claim, "run", run)
            yield
    return sharing


@pytest.fixture(scope="session")
def quick_benchmark() -> dict:
    """`nndl bench --quick`'s training measurements (numeric.bench.run_benchmark(quick=True), its
    smoke run: every contender trained and timed), run once per run; a test that reads it takes a
    copy (copy.deepcopy)."""
    from numeric.bench import run_benchmark
    return run_benchmark(quick=True)


@pytest.fixture(scope="session")
def benchmark_of_the_run(quick_benchmark):
    """A context in which `nndl bench --quick` (as the command calls it: no --runs, --threads or
    --data) takes `quick_benchmark`'s measurements instead of training every contender again; any
    other call measures as usual."""
    @contextlib.contextmanager
    def sharing():
        import copy

        from numeric import bench
        measure = bench.run_benchmark

        def run_benchmark(quick=False, runs=None, threads=None, log=None, dataset="auto"):
            if (quick, runs, threads, dataset) == (True, None, None, "auto"):
                return copy.deepcopy(quick_benchmark)
            return measure(quick=quick, runs=runs, threads=threads, log=log, dataset=dataset)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(bench, "run_benchmark", run_benchmark)
            yield
    return sharing
