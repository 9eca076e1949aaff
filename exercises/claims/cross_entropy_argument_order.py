"""-[y ln a + (1-y) ln(1-a)] is defined at y = 0 and y = 1;
-[a ln y + (1-a) ln(1-y)] is not.

For 0 < a < 1. In the chapter's form a term whose factor y (or 1 - y) is 0 drops out; in the
swapped form that term is a ln y (or (1 - a) ln(1 - y)), a nonzero multiple of ln 0: it tends
to +oo. Where a factor and its logarithm vanish together (0 ln 0) the term is taken as its
limit, 0.
"""
from __future__ import annotations

import sympy as sp

from derivations.proof import prove_limit, prove_positive
from exercises.proof import Claim
from exercises.sources import NOTES, book
from derivations.symbols import a1, t1, y1

CHAPTER_FORM = -(y1 * sp.log(a1) + (1 - y1) * sp.log(1 - a1))
SWAPPED_FORM = -(a1 * sp.log(y1) + (1 - a1) * sp.log(1 - y1))
A_IN_0_1 = [0 < a1, a1 < 1]
T_POS = [0 < t1] + A_IN_0_1
# y approaches each end from inside (0, 1): y = t and y = 1 - t with t -> 0+
ENDS = ((0, t1, "+"), (1, 1 - t1, "-"))


def prove(proof, defined=CHAPTER_FORM, undefined=SWAPPED_FORM):
    """defined: the form claimed to have a value at y = 0, 1; undefined: the form claimed not to."""
    proof.define(sp.And(0 < a1, a1 < 1), r"the neuron's output $a = \sigma(z)$ lies strictly between 0 and 1")
    for end, y_of_t, side in ENDS:
        value = defined.subs(y1, end)
        proof.check(sp.Eq(sp.Limit(defined, y1, end, side), value, evaluate=False),
                    f"at $y = {end}$ the term with factor 0 drops out; what is left is finite and is the "
                    f"limit as $y \\to {end}$",
                    prove_limit(defined.subs(y1, y_of_t), t1, 0, value, A_IN_0_1,
                                claim=f"chapter form -> {value} as y -> {end}"))
    for end, y_of_t, side in ENDS:
        near = undefined.subs(y1, y_of_t)
        blows_up = -sp.log(t1)                  # -ln t -> +oo as t -> 0+
        rate = sp.limit(near / blows_up, t1, 0, "+")
        proof.lemma(sp.Eq(sp.Limit(undefined, y1, end, side), sp.oo, evaluate=False),
                    f"near $y = {end}$ the form is ${sp.latex(rate)}$ times $-\\ln t$ plus a bounded term, with "
                    f"$t = |y - {end}|$: its ratio to $-\\ln t$ tends to ${sp.latex(rate)} > 0$ while $-\\ln t \\to \\infty$",
                    r"if $f/g \to L > 0$ and $g \to +\infty$ then $f \to +\infty$; $-\ln t \to +\infty$ as $t \to 0^+$",
                    prove_limit(near / blows_up, t1, 0, rate, T_POS,
                                claim=f"swapped form / (-ln t) -> {rate}"),
                    prove_positive(rate, A_IN_0_1, claim=f"the rate {rate} is positive"))
    proof.check(sp.Eq(sp.Limit(t1 * sp.log(t1), t1, 0), 0, evaluate=False),
                r"$0 \ln 0$, where a factor and its logarithm vanish together, is taken as this limit",
                prove_limit(t1 * sp.log(t1), t1, 0, 0, [0 < t1]))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="Which way round the cross-entropy goes",
    statement=r"$-[a \ln y + (1-a) \ln(1-y)]$ is undefined at $y = 0$ and $y = 1$, while "
              r"$-[y \ln a + (1-y) \ln(1-a)]$ is defined there (a term with factor 0 drops out; "
              r"$0 \ln 0$ taken as its limit 0).",
    source=book("The cross-entropy cost function", "exercise") + f"; {NOTES}, exercise B",
    expected="proved",
    prove=prove,
)
