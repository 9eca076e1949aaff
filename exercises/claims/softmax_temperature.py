"""for every c > 0, a_j = e^(c z_j) / sum_k e^(c z_k) is a probability
distribution; as c -> +oo it tends to 1 at a unique maximum and 0 elsewhere, and with m tied
maxima each of them tends to 1/m.

The general proof (any n, any number m of ties): shift by M = max z (nothing changes), so the m
tied terms of the normaliser are e^0 = 1 and each other term is e^(-c d_ell) with gap
d_ell = M - z_ell > 0. Each e^(-c d) -> 0, so the normaliser -> m (the limit of a finite sum is
the sum of the limits), a tied a_j = 1/(m + R(c)) -> 1/m and an untied one is squeezed between
0 and e^(-c d_j)/m -> 0. Then explicit instances with symbolic gaps, where SymPy takes the limit
of the whole expression, ties included.
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.proof import prove_equal, prove_limit, prove_positive
from derivations.symbols import a, c, ell, j, n, z
from exercises.proof import Claim
from exercises.sources import NOTES, book
from exercises.shared_steps import RENAME_INDEX

M = sp.Symbol("M", real=True)                      # max_ell z_ell
ties = sp.Symbol("m", integer=True, positive=True)  # how many z_ell equal M
gap = sp.Symbol("d", positive=True)                 # M - z_ell > 0 for an untied ell
rest = sp.Symbol("R", positive=True)                # sum of the untied terms e^(-c d_ell)


def _tuple(values) -> str:
    return "(" + ", ".join(sp.latex(sp.sympify(v)) for v in values) + ")"


def one_over_ties(m):
    return 1 / m


# explicit instances, max shifted to 0: (inputs, which output, how many tied maxima it shares)
d2, d3, d4 = sp.symbols("d_2 d_3 d_4", positive=True)
INSTANCES = (
    ((0, -d2, -d3), 0, 1),            # a unique maximum
    ((0, -d2, -d3), 1, 0),            # ... and an output below it
    ((0, 0, -d3), 0, 2),              # two tied maxima
    ((0, 0, -d3), 2, 0),              # ... and the one below them
    ((0, 0, 0, -d4), 0, 3),           # three tied maxima out of four
    ((0, 0, 0), 0, 3),                # all tied
)


def prove(proof, tied_limit=one_over_ties):
    """tied_limit: m -> the claimed limit of an output at one of m tied maxima."""
    aj = softmax(z, j, c)
    proof.define(sp.Eq(a[j], aj, evaluate=False), r"the softmax with temperature $c > 0$, $j = 1, \dots, n$")
    proof.check(sp.Gt(a[j], 0), "a positive exponential over a sum of them",
                prove_positive(aj, claim="a_j > 0 for c > 0"))
    proof.check(sp.Eq(sp.Sum(a[j], (j, 1, n)), 1), "the numerators add up to the shared denominator",
                prove_equal(sp.Sum(aj, (j, 1, n)), 1, premises=[RENAME_INDEX], claim="sum_j a_j = 1"))
    shifted = sp.exp(c * (z[j] - M)) / sp.Sum(sp.exp(c * (z[ell] - M)), (ell, 1, n))
    proof.check(sp.Eq(a[j], shifted, evaluate=False),
                r"divide numerator and denominator by $e^{c M}$, $M = \max z$",
                prove_equal(aj, shifted, claim="a_j = e^(c(z_j - M)) / sum e^(c(z_ell - M))"))
    proof.define(sp.Eq(sp.Sum(sp.exp(c * (z[ell] - M)), (ell, 1, n)), ties + rest, evaluate=False),
                 r"$m \ge 1$ terms have $z_\ell = M$ and are $e^0 = 1$; $R(c)$ sums the others, $e^{-c d_\ell}$ with $d_\ell > 0$")
    proof.check(sp.Eq(sp.Limit(sp.exp(-c * gap), c, sp.oo), 0, evaluate=False),
                r"each untied term vanishes: its gap $d$ is positive",
                prove_limit(sp.exp(-c * gap), c, sp.oo, 0, claim="e^(-c d) -> 0 for d > 0"))
    proof.lemma(sp.Eq(sp.Limit(ties + rest, c, sp.oo), ties, evaluate=False),
                r"so $R(c)$, a sum of $n - m$ such terms, tends to 0",
                "the limit of a finite sum is the sum of the limits")
    proof.lemma(sp.Eq(sp.Limit(a[j], c, sp.oo), tied_limit(ties), evaluate=False),
                r"$j$ tied: $a_j = 1 / (m + R(c))$, and $1/(m + R)$ is continuous at $R = 0$",
                "the limit of a continuous function of R(c) is its value at lim R(c)",
                prove_limit(1 / (ties + rest), rest, 0, tied_limit(ties),
                            claim="1/(m + R) -> claimed tied limit as R -> 0"))
    proof.lemma(sp.Eq(sp.Limit(a[j], c, sp.oo), 0, evaluate=False),
                r"$j$ untied: $0 < a_j = e^{-c d_j} / (m + R(c)) \le e^{-c d_j} / m$, which tends to 0",
                "squeeze: a quantity between 0 and one tending to 0 tends to 0",
                prove_limit(sp.exp(-c * gap) / ties, c, sp.oo, 0, claim="e^(-c d)/m -> 0"))
    for inputs, which, tied in INSTANCES:
        expected = tied_limit(sp.Integer(tied)) if tied else sp.Integer(0)
        size = len(inputs)
        out = sp.exp(c * inputs[which]) / sum(sp.exp(c * v) for v in inputs)
        proof.check(sp.Eq(sp.Limit(a[which + 1], c, sp.oo), expected, evaluate=False),
                    f"instance $n = {size}$, $z - \\max z = {_tuple(inputs)}$: $a_{which + 1}$ "
                    + {0: "is below the maximum", 1: "is the unique maximum"}.get(tied, f"is one of {tied} tied maxima"),
                    prove_limit(out, c, sp.oo, expected, claim=f"n = {size}, z = {inputs}: limit of a_{which + 1}"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Softmax temperature: c -> oo, with ties",
    statement=r"For every $c > 0$, $e^{c z_j} / \sum_k e^{c z_k}$ is a probability distribution; as $c \to +\infty$ "
              r"it tends to 1 at a unique maximum and 0 elsewhere; with $m$ tied maxima each tends to $1/m$.",
    source=book("Softmax", "exercise 'Where does the softmax name come from?'") + f"; {NOTES}, exercise I (which states the limit without ties)",
    expected="proved",
    prove=prove,
)
