"""-[y ln a + (1-y) ln(1-a)] is defined at y = 0 and y = 1;
-[a ln y + (1-a) ln(1-y)] is not.

For 0 < a < 1. In the chapter's form a term whose factor y (or 1 - y) is 0 drops out: the form's
limit as y -> 0 or 1 is its value there. In the swapped form that term is a ln y (or
(1 - a) ln(1 - y)), a positive multiple of ln 0: it tends to +oo. Where a factor and its
logarithm vanish together (0 ln 0) the term is taken as its limit, 0.

The swapped form's limits are taken with y = e^(-s) (and 1 - y = e^(-s)), s -> +oo, where its
growth, like s, is fast enough for the numeric oracle to see.
"""
from __future__ import annotations

import sympy as sp

from derivations.steps import Definition
from derivations.symbols import a1, t1, y1
from exercises import lemmas
from exercises.proof import Claim, Statement
from exercises.sources import NOTES, book

CHAPTER_FORM = -(y1 * sp.log(a1) + (1 - y1) * sp.log(1 - a1))
SWAPPED_FORM = -(a1 * sp.log(y1) + (1 - a1) * sp.log(1 - y1))
F, G = sp.Function("F", real=True), sp.Function("G", real=True)     # the defined and the undefined form
s_ = sp.Symbol("s", real=True)
ENDS = ((0, "+", sp.exp(-s_)), (1, "-", 1 - sp.exp(-s_)))           # y -> end from inside (0, 1), and y(s)


def statement(defined=CHAPTER_FORM, undefined=SWAPPED_FORM):
    """defined: the form claimed to have a value at y = 0, 1; undefined: the form claimed not to."""
    parts = [sp.Eq(sp.Limit(F(a1, y1), y1, end, side), F(a1, end), evaluate=False) for end, side, _ in ENDS]
    parts += [sp.Eq(sp.Limit(G(a1, y1), y1, end, side), sp.oo, evaluate=False) for end, side, _ in ENDS]
    parts.append(sp.Eq(sp.Limit(t1 * sp.log(t1), t1, 0, "+"), 0, evaluate=False))
    return Statement(sp.And(*parts), hypotheses=(sp.Gt(a1, 0), sp.Lt(a1, 1)),
                     notation=(Definition(F(a1, y1), defined), Definition(G(a1, y1), undefined)))


def prove(proof, s):
    shown = []
    for end, side, _ in ENDS:
        shown.append(proof.show(sp.Eq(sp.Limit(F(a1, y1), y1, end, side), F(a1, end), evaluate=False),
                                f"at $y = {end}$ the term with factor 0 drops out; what is left is finite, and it "
                                f"is the limit as $y \\to {end}$"))
    for end, side, y_of_s in ENDS:
        near = G(a1, y_of_s)
        changed = proof.lemma(lemmas.CHANGE_OF_VARIABLE,
                              f"put $y = {sp.latex(y_of_s)}$: as $s \\to \\infty$, $y \\to {end}$ from inside $(0, 1)$",
                              f=G(a1, y1), y=y1, point=sp.Integer(end), side=side, phi=y_of_s, s=s_, s_point=sp.oo)
        rate = sp.limit(s.notation[1].value.xreplace({y1: y_of_s}) / s_, s_, sp.oo)
        grows = proof.lemma(lemmas.RATIO_TO_INFINITY,
                            f"the form over $s$ tends to ${sp.latex(rate)} > 0$, and $s \\to \\infty$",
                            f=near, g=s_, variable=s_, point=sp.oo, rate=rate, beyond=0)
        shown.append(proof.show(sp.Eq(sp.Limit(G(a1, y1), y1, end, side), sp.oo, evaluate=False),
                                f"so the form has no finite value at $y = {end}$", using=[changed, grows]))
    shown.append(proof.show(sp.Eq(sp.Limit(t1 * sp.log(t1), t1, 0, "+"), 0, evaluate=False),
                            r"$0 \ln 0$, where a factor and its logarithm vanish together, is taken as this limit"))
    proof.show(s.proposition, "the two forms at both ends", using=shown)


CLAIM = Claim(
    __name__,
    title="Which way round the cross-entropy goes",
    prose=r"$-[a \ln y + (1-a) \ln(1-y)]$ is undefined at $y = 0$ and $y = 1$, while "
          r"$-[y \ln a + (1-y) \ln(1-a)]$ is defined there (a term with factor 0 drops out; "
          r"$0 \ln 0$ taken as its limit 0).",
    source=book("The cross-entropy cost function", "exercise") + f"; {NOTES}, exercise B",
    expected="proved",
    statement=statement,
    prove=prove,
)
