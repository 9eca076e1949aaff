"""Formulas as a learner reads them, and both sides of a step at a point: small helpers the checker
(exercises.check.checker), the step judge (exercises.check.meaning) and the hints share, in one
module that imports none of them (no import cycle)."""
from __future__ import annotations

import re

import mpmath
import sympy as sp

from derivations.notation import text as _text


def plain(expr) -> str:
    """A formula on one line in the chapter's notation (a bound index shown by its letter)."""
    return re.sub(r"(?:(?<=[\s{(,=+\-*/^])|^)_(?=[^\W\d_])", "", _text(expr)).replace("__", "_")


def plain_relation(rel: sp.Rel) -> str:
    op = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤"}.get(rel.rel_op, rel.rel_op)
    return f"{plain(rel.lhs)} {op} {plain(rel.rhs)}"


def bound_names(expr):
    """Every sum's and product's bound index renamed to one name (Σ_k e^{z_k} is Σ_ℓ e^{z_ℓ})."""
    def depth(e) -> int:         # nested sums get names of their own, so none captures another
        inner = [depth(t) for t in e.function.atoms(sp.Sum, sp.Product)]
        return 1 + max(inner, default=0)

    def rename(e):
        (v, *rest), *more = e.limits
        bound = sp.Symbol(f"_bound{depth(e)}", integer=True, positive=True)
        return e.func(e.function.xreplace({v: bound}), (bound, *rest), *more)
    return expr.replace(lambda e: isinstance(e, (sp.Sum, sp.Product)) and len(e.limits) == 1, rename)



def sides_at(witness: dict | None, lhs, rhs):
    """Both sides evaluated at the primitives' exact failing point (the oracle's evaluator), or
    None when the point does not give every value they need."""
    from derivations.oracle import Point, Space, evaluate as evaluate_at
    import random
    if not witness:
        return None
    values = {}
    for atom, value in witness.items():
        if isinstance(atom, sp.Indexed):
            if not all(t.is_Integer for t in atom.indices):
                return None
            values[(atom.base, tuple(int(t) for t in atom.indices))] = value
        else:
            values[atom] = int(value) if getattr(atom, "is_integer", False) else value
    try:
        pt = Point(Space.of([lhs, rhs], None), dict(values), {}, random.Random(0))
        given = set(pt.values)
        with mpmath.workdps(30):
            left, right = evaluate_at(lhs, pt), evaluate_at(rhs, pt)
    except Exception:             # the point cannot be evaluated again: show the point alone
        return None
    if set(pt.values) - given:    # a value the point lacked was drawn anew: not the counterexample
        return None
    return float(mpmath.re(left)), float(mpmath.re(right))
