"""What several claims share: scalar symbols for one-neuron statements, and small premises.

The indexed notation (a_j, z_j, y_j, w_jk, b_j, n) lives in `derivations.symbols`; the scalars
here are for statements about a single neuron, as the chapter's first sections write them.
"""
from __future__ import annotations

import sympy as sp

from derivations.proof import Premise

# One neuron: weighted input z, activation a, desired output y (scalars, never mixed with the
# indexed a_j, z_j, y_j of the same names in one expression).
z1 = sp.Symbol("z", real=True)
a1 = sp.Symbol("a", real=True)
y1 = sp.Symbol("y", real=True)
t1 = sp.Symbol("t", real=True)     # a variable approaching a boundary point



def _canonical_indices(expr: sp.Expr) -> sp.Expr:
    """Name every bound summation index by its nesting depth, so sums equal up to the name of
    their index become identical (sum_i e^(z_i) and sum_ell e^(z_ell))."""
    def walk(e, depth):
        if isinstance(e, sp.Sum) and len(e.limits) == 1:
            v, lo, hi = e.limits[0]
            fresh = sp.Symbol(f"iota_{depth}", integer=True, positive=True)
            return sp.Sum(walk(e.function.xreplace({v: fresh}), depth + 1), (fresh, lo, hi))
        if not e.args:
            return e
        return e.func(*(walk(arg, depth) for arg in e.args))
    return walk(expr, 0)


RENAME_INDEX = Premise(
    r"a summation index is a bound name: $\sum_i e^{z_i} = \sum_\ell e^{z_\ell}$",
    _canonical_indices,
)
