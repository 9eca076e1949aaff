"""numeric.kernel's threads meet once per step; a thread the system deschedules sees the others late,
and must still take every step (the same seed gives the same numbers on a loaded machine too)."""
import threading
import time

import numpy as np
import pytest

from numeric import kernel
from numeric.network import Network

SIZES, EXAMPLES, BATCH = (17, 9, 6), 64, 6


def train(threads):
    rng = np.random.default_rng(8)
    x, labels = rng.uniform(0, 1, (EXAMPLES, SIZES[0])), rng.integers(0, SIZES[-1], EXAMPLES)
    net = Network(SIZES, cost="log-likelihood", seed=6, dtype="float64")
    net.sgd(x, labels, epochs=1, batch_size=BATCH, eta=0.5, engine="numba", dtype="float64", threads=threads)
    return net


@pytest.mark.slow
def test_a_thread_that_sees_the_last_step_late_still_takes_it(monkeypatch):
    """The bad moment, made to happen every time: the second thread's view of the first's progress
    lags (as when the system deschedules it during its last wait of a segment): it learns that the
    first thread has published the segment's last step only after that thread has returned and the
    caller waits for the second. It must then take that step as it would have on time: the network
    is the one-thread network, bit for bit. (The view is relayed by a thread of this test: the
    second thread reads a copy of the progress counters, which the relay keeps up to date, except
    that it holds the first thread's last count back until the caller waits, then hands on whatever
    else the caller wrote, waits up to 0.5 s for the second thread to finish, and only then hands on
    that count.)"""
    monkeypatch.setattr(kernel, "SEGMENT_EXAMPLES", 10 ** 6)          # one segment: its last step is
    steps = -(-EXAMPLES // BATCH)                                     # the epoch's
    real, lagged, first_returned = kernel.epoch, [], threading.Event()

    def lagging(thread, bounds, progress, *rest):
        if thread == 0:
            real(thread, bounds, progress, *rest)
            first_returned.at = time.monotonic()
            first_returned.set()
            return
        view = progress.copy()                 # the second thread's view of every counter
        caller_waits, finished = threading.Event(), threading.Event()
        me = threading.current_thread()
        join = me.join

        def noted_join(*args, **kwargs):
            caller_waits.set()
            return join(*args, **kwargs)
        me.join = noted_join

        def relay():
            others = [row for row in range(len(progress)) if row != thread]
            while not caller_waits.is_set():   # (should the caller stop joining: not for ever)
                progress[thread, 0] = view[thread, 0]
                for row in others:
                    view[row, 0] = min(progress[row, 0], steps - 1) if row == 0 else progress[row, 0]
                time.sleep(1e-5)
                if first_returned.wait(0) and time.monotonic() > first_returned.at + 30:
                    break
            lagged.append((caller_waits.is_set(), int(view[0, 0])))   # what the second had seen
            for row in others[1:]:             # whatever else the caller wrote, first
                view[row, 0] = progress[row, 0]
            finished.wait(0.5)
            view[0, 0] = progress[0, 0]        # then the first thread's last count

        relaying = threading.Thread(target=relay, daemon=True)
        relaying.start()
        try:
            real(thread, bounds, view, *rest)
        finally:
            finished.set()
            relaying.join()

    monkeypatch.setattr(kernel, "epoch", lagging)
    late = train(threads=2)
    assert lagged == [(True, steps - 1)]       # the bad moment happened: the last count was late
    monkeypatch.setattr(kernel, "epoch", real)
    on_time, one = train(threads=2), train(threads=1)
    for a, b, c in zip(late.weights + late.biases, on_time.weights + on_time.biases, one.weights + one.biases):
        np.testing.assert_array_equal(b, c)
        np.testing.assert_array_equal(a, c)


def test_a_thread_that_fails_stops_the_others_and_its_error_is_raised(monkeypatch):
    """A second thread that fails (here before its first step) marks itself STOPPED: the first stops
    waiting for it, and the caller raises the second thread's error instead of hanging or going on
    with half a segment. (The 120 s join only guards against a hang; the run takes milliseconds.)"""
    real = kernel.epoch

    class Failed(Exception):
        pass

    def failing(thread, *rest):
        if thread == 1:
            raise Failed("the second thread failed")
        return real(thread, *rest)

    monkeypatch.setattr(kernel, "epoch", failing)
    raised = []

    def attempt():
        try:
            train(threads=2)
        except Failed as error:
            raised.append(error)

    trainer = threading.Thread(target=attempt, daemon=True)
    trainer.start()
    trainer.join(120)
    assert not trainer.is_alive()
    assert [str(error) for error in raised] == ["the second thread failed"]
