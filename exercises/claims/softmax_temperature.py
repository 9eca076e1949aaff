"""for every c > 0, a_j = e^(c z_j) / sum_ell e^(c z_ell) is a probability
distribution; as c -> +oo it tends to 1 at a unique maximum and 0 elsewhere, and with m tied
maxima each of them tends to 1/m.

The general proof, for any n and any number m of ties: list the m inputs equal to the maximum M
first (the softmax does not depend on the order), and write the q = n - m others M - d_r with
gaps d_r > 0, r = 1..q. Shifted by M, a tied output is 1/(m + R(c)) with R(c) = sum_r e^(-c d_r);
each e^(-c d_r) -> 0, so R -> 0 (the limit of a finite sum), and 1/(m + R) -> 1/m (continuity).
An untied output e^(-c d_r)/(m + R) lies between 0 and e^(-c d_r)/m -> 0 (squeeze).
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.steps import Definition
from derivations.symbols import a, c, j, n, z
from exercises import lemmas
from exercises.proof import Claim, Statement
from exercises.shared_steps import RENAME_INDEX
from exercises.sources import NOTES, book

M = sp.Symbol("M", real=True)                        # the maximum input
ties = sp.Symbol("m", integer=True, positive=True)   # how many inputs equal it
others = sp.Symbol("q", integer=True, nonnegative=True)  # how many do not: n = m + q
d = sp.IndexedBase("d", real=True)                   # the gaps M - z of the other inputs
r, u = sp.Symbol("r", integer=True, positive=True), sp.Symbol("u", real=True)
s_ = sp.Symbol("s", integer=True, positive=True)     # summation index over the untied inputs
R = sp.Symbol("R", real=True)
tied = sp.Symbol("a_max", real=True)                 # the output at one of the m tied maxima
untied = sp.IndexedBase("a'", real=True)             # the output at the untied input r
UNTIED = sp.And(sp.Ge(r, 1, evaluate=False), sp.Le(r, others, evaluate=False))
NORMALISER = ties * sp.exp(c * M) + sp.Sum(sp.exp(c * (M - d[s_])), (s_, 1, others))


def one_over_ties(m):
    return 1 / m


def statement(tied_limit=one_over_ties):
    """tied_limit: m -> the claimed limit of an output at one of m tied maxima."""
    proposition = sp.And(
        sp.Gt(a[j], 0, evaluate=False), sp.Eq(sp.Sum(a[j], (j, 1, n)), 1, evaluate=False),
        sp.Eq(sp.Limit(tied, c, sp.oo), tied_limit(ties), evaluate=False),
        sp.Implies(UNTIED, sp.Eq(sp.Limit(untied[r], c, sp.oo), 0, evaluate=False), evaluate=False))
    return Statement(proposition, hypotheses=(sp.Gt(d[s_], 0, evaluate=False),), premises=(RENAME_INDEX,),
                     ranges={s_: others},      # 0 < d_s for every s of 1..q (the kernel reads it so)
                     notation=(Definition(a[j], softmax(z, j, c)), Definition(tied, sp.exp(c * M) / NORMALISER),
                               Definition(untied[r], sp.exp(c * (M - d[r])) / NORMALISER)),
                     parts={"tied_limit": tied_limit})


def prove(proof, s):
    shown = [proof.show(sp.Gt(a[j], 0, evaluate=False), "a positive exponential over a sum of them"),
             proof.show(sp.Eq(sp.Sum(a[j], (j, 1, n)), 1, evaluate=False), "the numerators add up to the shared denominator")]
    rest = sp.Sum(sp.exp(-c * d[s_]), (s_, 1, others))
    proof.define(R, rest, r"the untied terms of the normaliser, shifted by $M$: $R(c) = \sum_r e^{-c d_r}$")
    shifted = proof.show(sp.Eq(tied, 1 / (ties + R), evaluate=False),
                         r"divide numerator and denominator by $e^{c M}$: the $m$ tied terms are $e^0 = 1$")
    proof.show(sp.Implies(UNTIED, sp.Eq(sp.Limit(sp.exp(-c * d[r]), c, sp.oo), 0, evaluate=False), evaluate=False),
                      r"each untied term vanishes: its gap $d_r$ is positive")
    vanishes = proof.lemma(lemmas.FINITE_SUM_LIMIT, r"so $R(c)$, a sum of $q$ such terms, tends to 0",
                           term=sp.exp(-c * d[r]), index=r, lo=1, hi=others, variable=c, point=sp.oo, each=0)
    continuous = proof.lemma(lemmas.CONTINUOUS_LIMIT, r"$1/(m + R)$ is continuous at $R = 0$", using=[vanishes],
                             outer=1 / (ties + u), u=u, inner=sp.Sum(sp.exp(-c * d[r]), (r, 1, others)), variable=c,
                             point=sp.oo, value=0)
    shown.append(proof.show(sp.Eq(sp.Limit(tied, c, sp.oo), s.tied_limit(ties), evaluate=False),
                            r"so each of the $m$ tied outputs tends to $1/m$", using=[shifted, continuous]))
    below = proof.show(sp.Implies(UNTIED, sp.Eq(untied[r], sp.exp(-c * d[r]) / (ties + R), evaluate=False), evaluate=False),
                       r"an untied output, shifted by $M$")
    nonnegative = proof.show(sp.Ge(R, 0, evaluate=False), "a sum of positive terms (none, when every input is tied)")
    low = proof.show(sp.Implies(UNTIED, sp.Ge(untied[r], 0, evaluate=False), evaluate=False), "it is positive")
    high = proof.show(sp.Implies(UNTIED, sp.Le(untied[r], sp.exp(-c * d[r]) / ties, evaluate=False), evaluate=False),
                      r"and at most $e^{-c d_r}/m$, as $R \ge 0$", using=[below, nonnegative])
    shown.append(proof.lemma(lemmas.SQUEEZE, r"between 0 and $e^{-c d_r}/m$, which tends to 0", using=[low, high],
                             given=UNTIED, f=untied[r], low=sp.Integer(0), high=sp.exp(-c * d[r]) / ties, variable=c,
                             point=sp.oo, value=0))
    proof.show(s.proposition, "a distribution for every c > 0, and its limits", using=shown)


CLAIM = Claim(
    __name__,
    title="Softmax temperature: c -> oo, with ties",
    prose=r"For every $c > 0$, $e^{c z_j} / \sum_k e^{c z_k}$ is a probability distribution; as $c \to +\infty$ "
          r"it tends to 1 at a unique maximum and 0 elsewhere; with $m$ tied maxima each tends to $1/m$.",
    source=book("Softmax", "exercise 'Where does the softmax name come from?'") + f"; {NOTES}, exercise I (which states the limit without ties)",
    expected="proved",
    statement=statement,
    prove=prove,
)
