"""Hints for the chapter's usual mistakes, each one a test: a wrong step gets the hint only when
the primitives show that the step, changed in that one way, would be right.

    the sign in d/dz e^{-z} = -e^{-z} (or any lost sign)
    sigma'(z_j) missing, or extra (for the cross-entropy it cancels)
    a and y swapped in the cross-entropy
    a lost (or extra) 1/n
    a logarithm to base 10 or 2 where the chapter's ln is natural
    the j = k and j != k cases mixed (a result right for one case only)
    z^j written for z_j (a superscript is a power)
    ties forgotten as c -> oo (with m tied maxima each output tends to 1/m)
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derivations import symbols as S
from derivations.activations import SIGMOID, sigma_prime


@dataclass(frozen=True)
class Slip:
    """One of the chapter's usual slips: what its hint begins with, and a planted example (a
    one-step chain under an exercise) that the checker must call wrong with that hint."""

    name: str
    hint_starts: str
    example: str
    exercise: str


SLIPS = (
    Slip("lost sign", "check the sign", r"$$\frac{d}{dz} e^{-z} = e^{-z}$$", "sigmoid-derivative"),
    Slip("σ' missing", "σ'(z_j) is missing", r"$$\frac{\partial C}{\partial z_j} = a_j - y_j$$", "quadratic-gradient"),
    Slip("σ' extra", "σ'(z_j) is extra", r"$$\frac{\partial C}{\partial z_j} = (a_j - y_j)\sigma'(z_j)$$",
         "cross-entropy-gradient"),
    Slip("a and y swapped", "a and y are swapped",
         r"$$C = -\sum_j \left[a_j \ln y_j + (1 - a_j) \ln (1 - y_j)\right]$$", "cross-entropy-gradient"),
    Slip("the cases j = k and j ≠ k mixed", "this holds only when",
         r"$$\frac{\partial a_j}{\partial z_k} = a_j (1 - a_k)$$", "softmax-jacobian"),
    Slip("a superscript read as a power", "a^j is read as a power",
         r"$$\frac{\partial C}{\partial z_j} = a^j - y_j$$", "softmax-log-likelihood-gradient"),
    Slip("the gradient's sign (y − a for a − y)", "check the sign",
         r"$$\frac{\partial C}{\partial z_j} = y_j - a_j$$", "softmax-log-likelihood-gradient"),
    Slip("a dropped 1/n", "a factor 1/n is lost",
         r"$$\frac{\partial C}{\partial b_j} = \sum_x (a_j - y_j)$$", "softmax-log-likelihood-gradient"),
    Slip("log to base 10 for ln", "ln is the natural logarithm",
         r"$$\frac{\partial C}{\partial a_j} = -\frac{y_j}{a_j \ln 10}$$", "softmax-log-likelihood-gradient"),
)


SWAPPED = "a and y are swapped: the cross-entropy is −[y ln a + (1 − y) ln(1 − a)], ln of the output a"


def hint(relation, lhs, rhs, display, meaning, conds, *, undecided: bool = False) -> str | None:
    from exercises.check.meaning import Conditions, judge, plausible
    ctx = meaning.ctx
    left_display, right_display = display if display else (None, None)
    if right_display is not None:
        powers = [p for p in right_display.atoms(sp.Pow)
                  if p.base in (S.z1, S.a1, S.y1) and (p.exp.is_integer and not p.exp.is_number)]
        if powers:
            letter = str(powers[0].exp).lstrip("_")
            name = str(powers[0].base)
            return (f"{name}^{letter} is read as a power of {name}; the {letter}-th weighted input is written "
                    f"{name}_{letter} (a subscript)")
    if getattr(ctx, "temperature", False) and isinstance(lhs, sp.Limit) and rhs == 1:
        return ("with ties: if m of the z_k share the maximum, each of them tends to 1/m as c → ∞, not 1; "
                "the limit 1 needs a unique maximum")

    def holds(a, b, c=conds) -> bool:     # the changed step is proved right, not just plausible
        return plausible(a, b, ctx, c) and judge("=", a, b, ctx, c).proved

    if relation != "=":
        return None
    chain_text = " ".join(str(e) for e in (left_display, right_display) if e is not None)
    if not undecided and holds(lhs, -rhs):      # before "a and y swapped": y_j − a_j is a sign, not a swap
        if "exp(-" in chain_text or "exp(-" in str(lhs) + str(rhs):
            return "check the sign: d/dz e^{-z} = -e^{-z} (the chain rule brings the factor -1 from -z)"
        return "check the sign: the left side is minus the right side"
    if right_display is not None and right_display.has(S.a) and right_display.has(S.y):
        swapped = right_display.xreplace({S.a: S.y, S.y: S.a})
        if holds(lhs, meaning.of(conds.apply(swapped))):
            return SWAPPED
    if undecided:
        return None

    if ctx.activation is SIGMOID or getattr(ctx, "scalar", False):
        for zi in sorted(_weighted_inputs(*(e for e in (left_display, right_display) if e is not None)), key=str):
            factor = meaning.of(sigma_prime(zi))
            name = f"σ'({_show(zi)})"
            if holds(lhs, rhs * factor):
                return f"{name} is missing: a_j = σ(z_j), so the chain rule gives a factor ∂a_j/∂z_j = {name}"
            if holds(lhs * factor, rhs):
                return f"{name} is extra: here it is not a factor (for the cross-entropy it cancels)"
    for count, name in ((S.x_count, "n"), (S.n, "n")):
        if (lhs.has(count) or rhs.has(count)) and holds(lhs, rhs / count):
            return f"a factor 1/{name} is lost (the average over the training examples)"
        if (lhs.has(count) or rhs.has(count)) and holds(lhs / count, rhs):
            return f"a factor 1/{name} is extra"
    base = _log_base(lhs, rhs, holds)
    if base is not None:
        return (f"ln is the natural logarithm (base e), as in the chapter's costs: d/da ln a = 1/a; a logarithm "
                f"to base {base} would bring a factor 1/ln {base}")
    indices = sorted(_free_indices(lhs, rhs), key=str)
    for p in indices:
        for q in indices:
            if str(p) >= str(q):
                continue
            same = {q: p}
            if holds(lhs.xreplace(same), rhs.xreplace(same)):
                return (f"this holds only when {p} = {q}: the cases {p} = {q} and {p} ≠ {q} differ "
                        f"(δ_{p}{q} is 1 or 0); treat them separately")
            apart = Conditions(dict(conds.equal), list(conds.unequal) + [(p, q)], list(conds.other))
            if holds(lhs, rhs, apart):
                return (f"this holds only for {p} ≠ {q}: at {p} = {q} the Kronecker delta δ_{p}{q} = 1 adds a term; "
                        f"treat the cases separately")
    return None


def _log_base(lhs, rhs, holds) -> int | None:
    """The base (10 or 2) whose ln a step's right side carries too many or too few: the step
    holds once that factor ln b is taken out of it (or put in)."""
    for base in (10, 2):
        factor = sp.log(base)
        if (rhs.has(factor) and holds(lhs, rhs * factor)) or (lhs.has(factor) and holds(lhs * factor, rhs)):
            return base
    return None


def _weighted_inputs(*exprs) -> set:
    """The z_j a step speaks of (through z_j, a_j or sigma(z_j)), as written."""
    out = set()
    for e in exprs:
        for ind in e.atoms(sp.Indexed):
            if ind.base in (S.z, S.a) and len(ind.indices) == 1 and not ind.indices[0].has(sp.Dummy):
                out.add(S.z[ind.indices[0]])
        if e.has(S.z1) or e.has(S.a1):
            out.add(S.z1)
    return out


def _free_indices(*exprs) -> set:
    out = set()
    for e in exprs:
        for s in e.free_symbols:
            if isinstance(s, sp.Symbol) and not isinstance(s, sp.Dummy) and s.is_integer \
                    and s not in (S.n, S.m, S.x_count):
                out.add(s)
    return out


def _show(e) -> str:
    from derivations.notation import text
    return text(e)
