"""for 0 < y < 1 the cross-entropy over 0 < a < 1 has its unique minimum
at a = y, and the minimum is the binary entropy -[y ln y + (1-y) ln(1-y)].

Averaged over the training inputs (each term a function of its own a_x) the cost is then at
least (1/N) sum_x of the binary entropies, which it equals at a_x = y_x for every x.
"""
from __future__ import annotations

import sympy as sp

from derivations.steps import Definition
from derivations.symbols import a, a1, cost_function, x_count, x_index, y, y1
from exercises import lemmas
from exercises.proof import Claim, Statement
from exercises.sources import NOTES, book

COST = -(y1 * sp.log(a1) + (1 - y1) * sp.log(1 - a1))
ENTROPY = -(y1 * sp.log(y1) + (1 - y1) * sp.log(1 - y1))
C = cost_function()
UNIT = (sp.Lt(0, a1), sp.Lt(a1, 1), sp.Lt(0, y1), sp.Lt(y1, 1))
PER_INPUT = {a1: a[x_index], y1: y[x_index]}


def statement(minimiser=y1, minimum=ENTROPY):
    """minimiser: the claimed a at the minimum (in terms of y); minimum: the claimed value there."""
    per = {a1: a[x_index], y1: y[x_index]}
    average = lambda e: sp.Sum(e.xreplace(per), (x_index, 1, x_count)) / x_count
    inside = sp.And(sp.Lt(0, a1), sp.Lt(a1, 1))
    proposition = sp.And(
        sp.Implies(sp.And(*inside.args, sp.Ne(a1, minimiser)), sp.Gt(C(a1, y1), C(minimiser, y1), evaluate=False),
                   evaluate=False),
        sp.Eq(C(minimiser, y1), minimum, evaluate=False),
        sp.Implies(sp.And(*[u.xreplace(per) for u in UNIT]),
                   sp.Ge(average(C(a1, y1)), average(minimum), evaluate=False), evaluate=False),
        sp.Eq(average(C(minimiser, y1)), average(minimum), evaluate=False))
    return Statement(proposition, hypotheses=UNIT, notation=(Definition(C(a1, y1), COST),),
                     parts={"minimiser": minimiser, "minimum": minimum})


def prove(proof, s):
    p = s.minimiser
    unique = proof.lemma(lemmas.CONVEX_MINIMUM,
                         r"$\partial C/\partial a = (a - y)/(a(1 - a))$ vanishes at the claimed point, and "
                         r"$\partial^2 C/\partial a^2 = y/a^2 + (1-y)/(1-a)^2 > 0$: $C$ is strictly convex on $(0, 1)$",
                         f=C(a1, y1), variable=a1, lo=0, hi=1, point=p)
    value = proof.show(sp.Eq(C(p, y1), s.minimum, evaluate=False), "the value there is the binary entropy")
    termwise = proof.lemma(lemmas.SEPARABLE_MINIMUM,
                           r"averaged over the $N$ training inputs, each term depends on its own $a_x$ only",
                           using=[unique, value],
                           f=C(a1, y1), minimum=s.minimum, variables=PER_INPUT, domain=list(UNIT), index=x_index,
                           lo=1, hi=x_count, weight=1 / x_count)
    attained = proof.show(sp.Eq(sp.Sum(C(p, y1).xreplace(PER_INPUT), (x_index, 1, x_count)) / x_count,
                                sp.Sum(s.minimum.xreplace(PER_INPUT), (x_index, 1, x_count)) / x_count, evaluate=False),
                          r"and it is attained at $a_x = y_x$ for every $x$")
    proof.show(s.proposition, "the minimum, its value, and the same for the average", using=[unique, value, termwise, attained])


CLAIM = Claim(
    __name__,
    title="Cross-entropy is least at a = y",
    prose=r"For $0 < y < 1$ the cross-entropy over $0 < a < 1$ has its unique minimum at $a = y$, "
          r"and the minimum value is the binary entropy $-[y \ln y + (1-y) \ln(1-y)]$.",
    source=book("The cross-entropy cost function", "exercise") + f"; {NOTES}, exercise C",
    expected="proved",
    statement=statement,
    prove=prove,
)
