"""An entry a step writes at a number the sums it is read with do not run over.

The text defines $\\text{softmax}(x_i) = e^{x_i} / \\sum_{j=1}^{n} e^{x_j}$ and then, "for a two-class
problem", writes $\\text{softmax}(x_0) = e^{x_0} / (e^{x_0} + e^{x_1})$: its classes are numbered
from 0 there, its definition's sum from 1. Read literally, softmax(x_0) is e^{x_0} over a sum without
x_0, and the step is false; but which entries the sum runs over is said only in words ("two
classes"), so a refutation so read shows nothing: the step is undecided, saying why.
"""
from __future__ import annotations

import sympy as sp


def outside_sums(*exprs) -> list[str]:
    """The entries b_k (k a number) the expressions write while a sum among them runs b_j over j from a
    first number above k (x_0 beside Σ_{j=1}^n e^{x_j}), as written: "x_0"."""
    exprs = [e for e in exprs if isinstance(e, sp.Basic)]
    firsts: dict = {}                      # base -> the lowest first number of a sum over its entries
    for e in exprs:
        for total in e.atoms(sp.Sum):
            for var, lo, _hi in total.limits:
                if not lo.is_Integer:
                    continue
                for entry in total.function.atoms(sp.Indexed):
                    if var in entry.indices:
                        firsts[entry.base] = min(firsts.get(entry.base, lo), lo)
    found = set()
    for e in exprs:
        for entry in e.atoms(sp.Indexed):
            if entry.base in firsts and len(entry.indices) == 1 and entry.indices[0].is_Integer \
                    and entry.indices[0] < firsts[entry.base]:
                found.add(f"{entry.base}_{entry.indices[0]}")
    return sorted(found)


def reason(entries: list[str]) -> str:
    """Why a step refuted with such an entry is undecided, in words."""
    return (f"undecided: the step writes {', '.join(entries)}, an entry the sum it is read with does not run over "
            "(the text's definition numbers its terms from 1): which entries the text means the sum to take is "
            "said only in words, so the step is not shown false")
