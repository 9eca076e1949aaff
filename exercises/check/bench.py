"""How long checking a learner's derivation takes: `python -m exercises.check.bench [FILE]`.

Prints the time for a 10-step chain (the issue's target: under 5 s on 2 cores) and for a file
of 20 chains, each beside a baseline measured in the same run: the same text parsed only
(SymPy's Lark parser with the chapter's grammar), so the ratio is what the checking costs.
The first check of a run also pays for building the grammar and deriving the exercises'
formulas; it is timed apart ("cold").

With FILE (a notebook of 40 chains, say), also `nndl check FILE` as a user runs it, in a fresh
process each time, with one job and with two: the wall time and the CPU time (user + sys, the
workers' included), the one-job run being the baseline of the two-job one.
"""
from __future__ import annotations

import resource
import subprocess
import sys
import time

TEN_STEPS = r"""# Derivative of the sigmoid

$$
\begin{aligned}
\sigma'(z) &= \frac{d}{dz} \left(1 + e^{-z}\right)^{-1}
  = -\left(1 + e^{-z}\right)^{-2} \left(-e^{-z}\right)
  = \frac{e^{-z}}{(1 + e^{-z})^2} \\
&= \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}
  = \sigma(z) \frac{e^{-z}}{1 + e^{-z}}
  = \sigma(z) \frac{1 + e^{-z} - 1}{1 + e^{-z}} \\
&= \sigma(z) \left(1 - \frac{1}{1 + e^{-z}}\right)
  = \sigma(z) (1 - \sigma(z))
  = \sigma(z) - \sigma(z)^2
  = \sigma(z) - \sigma(z) \sigma(z)
\end{aligned}
$$
"""

CHAINS = [
    ("Cross-entropy gradient", r"\frac{\partial C}{\partial z_j} = \frac{\partial C}{\partial a_j} \sigma'(z_j) "
     r"= \frac{a_j - y_j}{a_j (1 - a_j)} a_j (1 - a_j) = a_j - y_j"),
    ("Cross-entropy gradient", r"\frac{\partial C}{\partial b_j} = \frac{\partial C}{\partial z_j} = a_j + y_j"),
    ("Quadratic cost gradient", r"\frac{\partial C}{\partial w_{jk}} = \frac{\partial C}{\partial a_j} "
     r"\frac{\partial a_j}{\partial z_j} \frac{\partial z_j}{\partial w_{jk}} = (a_j - y_j) \sigma'(z_j) a^{L-1}_k"),
    ("Quadratic cost gradient", r"\frac{\partial C}{\partial z_j} = a_j - y_j"),
    ("The softmax Jacobian", r"\frac{\partial a_j}{\partial z_k} = a_j (\delta_{jk} - a_k) = a_j \delta_{jk} - a_j a_k"),
    ("The softmax Jacobian", r"\frac{\partial a_j}{\partial z_k} = a_j (1 - a_k)"),
    ("Derivative of the sigmoid", r"\frac{d}{dz} \sigma(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \sigma(z)(1 - \sigma(z))"),
    ("Derivative of the sigmoid", r"\frac{d}{dz} \sigma(z) = \frac{-e^{-z}}{(1 + e^{-z})^2}"),
    ("Backpropagation with softmax and the log-likelihood cost",
     r"\frac{\partial C}{\partial z_j} = -\sum_k y_k \frac{1}{a_k} a_k (\delta_{kj} - a_j) = a_j \sum_k y_k - y_j = a_j - y_j"),
    ("Backpropagation with softmax and the log-likelihood cost", r"\frac{\partial C}{\partial z_j} = y_j - a_j"),
]


def twenty_chains() -> str:
    """A learner's file of 20 chains: the ten above, twice, each under its heading."""
    return "\n".join(f"## {heading}\n\n$$\n{chain}\n$$\n" for heading, chain in CHAINS * 2)


def _parse_only(text: str) -> float:
    from exercises.check.extract import document
    from exercises.check.latex import Notation, ParseFailure, index_letters, parse
    start = time.perf_counter()
    for chain in document("<bench>", text, None, latex=False).chains:
        notation = Notation(index_letters=index_letters(" ".join(p.source.text for p in chain.parts)))
        for part in chain.parts:
            try:
                parse(part.source, notation)
            except ParseFailure:
                pass
    return time.perf_counter() - start


def command(path: str, jobs: int) -> tuple[float, float]:
    """(wall, CPU) seconds of `nndl check PATH --jobs JOBS --budget 0` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nndl", "check", path, "--jobs", str(jobs), "--budget", "0"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    if len(sys.argv) > 1:
        one = command(sys.argv[1], 1)
        two = command(sys.argv[1], 2)
        print(f"nndl check {sys.argv[1]}: one job {one[0]:6.1f} s ({one[1]:.1f} s CPU); two jobs {two[0]:6.1f} s "
              f"({two[1]:.1f} s CPU), {one[0] / two[0]:.2f} times faster")
    from exercises.check.derivations import check_text
    start = time.perf_counter()
    check_text(r"$$\frac{d}{dz} e^{-z} = -e^{-z}$$", exercise="sigmoid-derivative")
    print(f"cold start (grammar, exercise formulas, first chain): {time.perf_counter() - start:6.2f} s")
    for name, text in (("a 10-step chain", TEN_STEPS), ("a file of 20 chains", twenty_chains())):
        start = time.perf_counter()
        report = check_text(text)
        took = time.perf_counter() - start
        parsing = _parse_only(text)
        steps = sum(len(c.steps) for c in report.chains)
        print(f"{name:22s}: {took:6.2f} s  ({len(report.chains)} chains, {steps} steps, "
              f"{took / max(steps, 1):.2f} s a step); parsing alone {parsing:5.2f} s, "
              f"checking / parsing = {took / parsing:4.1f}")


if __name__ == "__main__":
    main()
