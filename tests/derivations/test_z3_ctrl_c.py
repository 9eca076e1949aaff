"""Ctrl-C while z3 solves: z3 would take SIGINT for itself (it stops the check, which returns
unknown) and Python would never hear of the press, so a command went on as if the check were
merely undecided (seen in the interrupt sweep: `nndl derive` still running 30 s after Ctrl-C). z3
is told not to (its `ctrl_c` parameter): the press is Python's, a KeyboardInterrupt as soon as the
check returns (within its time limit)."""
import os
import random
import signal
import threading

import pytest

from derivations import decide


def hard_constraints(z3):
    """Nonlinear constraints z3 does not settle within seconds (seeded)."""
    rng = random.Random(1)
    xs = z3.Reals("a b c d e f")
    out = []
    for k in range(6):
        terms = []
        for _ in range(6):
            v = rng.sample(xs, 3)
            terms.append(rng.randint(-9, 9) * v[0] * v[1] * v[2] * v[0])
        out.append(z3.Sum(terms) + rng.randint(-5, 5) > 0 if k % 2 else z3.Sum(terms) == rng.randint(1, 5))
    return out


@pytest.mark.slow
def test_ctrl_c_while_z3_solves_is_a_keyboard_interrupt():
    z3 = pytest.importorskip("z3", reason="z3-solver is a dependency of the project")
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)    # Python's own: a KeyboardInterrupt
    pressed = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    pressed.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            answer, _ = decide._solve(z3, hard_constraints(z3), 3_000)
            pytest.fail(f"z3 answered {answer} and the press was lost (or came after the answer)")
    finally:
        pressed.cancel()
        signal.signal(signal.SIGINT, previous)


def test_ctrl_c_where_it_is_ignored_changes_no_answer():
    """A prove worker ignores Ctrl-C (its parent ends it): a press raises nothing, and every check
    answers as it would have without it."""
    z3 = pytest.importorskip("z3", reason="z3-solver is a dependency of the project")
    x, y = z3.Reals("x y")
    constraints = [x * x + y * y < 1, x * y > 0.25]        # sat, in milliseconds
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    pressed = threading.Timer(0.1, lambda: os.kill(os.getpid(), signal.SIGINT))
    answers = []
    try:
        pressed.start()
        while pressed.is_alive() or len(answers) < 20:
            answers.append(decide._solve(z3, constraints, 3_000)[0])
    finally:
        pressed.cancel()
        signal.signal(signal.SIGINT, previous)
    assert all(answer == z3.sat for answer in answers), answers
