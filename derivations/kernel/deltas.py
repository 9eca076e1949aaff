"""A Kronecker delta lets its two indices trade places in its own term: δ_pq f(p) = δ_pq f(q).

The canonical form (`derivations.kernel.identity`) reduces Σ_k δ_kj f(k) = f(j), but a delta left
standing between two free indices (δ_jỹ, once Σ_k δ_kj δ_kỹ e^{z_k} became δ_jỹ e^{z_j}) keeps
each of its terms in the index it was written in: δ_jỹ e^{z_j} - δ_jỹ e^{z_ỹ} is 0, yet its
numerator does not expand to 0. This rule, applied to that numerator (a polynomial in the
canonical form's atoms), writes every term that has a factor δ_pq with p replaced by q in the
term's other factors, and the identity holds when the result expands to 0.

Why it is sound. Take the term t = δ_pq g (g the product of its other factors) and t' = δ_pq g'
with g' = g[p := q]. Where p = q, g' is g itself; where p ≠ q, δ_pq = 0 and both terms are 0,
whatever finite value the atoms of g' take there. So the numerator N equals N' at every point
where N's atoms are defined, once the atoms that only N' has are given any value; N' expanding
to 0 is a polynomial identity in independent atoms, 0 for every such value, and so N = 0 there.
The rule changes no denominator: the obligations the canonical form recorded stand.

Side conditions, each checked here (`_replaceable`) and each shown necessary by a test
(tests/derivations/test_kernel_deltas.py):
  - the delta's own indices are not rewritten (δ_pq itself would become δ_qq = 1);
  - p and q are symbols or integers, and p a symbol (p := q renames a value, not an expression);
  - neither p nor q is bound in the term (by a sum, a product, a derivative's variable, a
    substitution): renaming there would capture another quantity, Σ_q z_q z_p -> Σ_q z_q².
"""
from __future__ import annotations

import sympy as sp

RULE = "δ_pq f(p) = δ_pq f(q) (a Kronecker delta's indices trade places in its own term)"


def _bound(e) -> set:
    """The symbols bound anywhere in `e`: sums' and products' indices, derivatives' variables,
    substitutions' variables."""
    out: set = set()
    for node in sp.preorder_traversal(e):
        if isinstance(node, (sp.Sum, sp.Product)):
            out |= {lim[0] for lim in node.limits}
        elif isinstance(node, sp.Derivative):
            out |= set(node.variables)
        elif isinstance(node, sp.Subs):
            out |= set(node.variables)
    return out


def _replaceable(delta, rest) -> tuple | None:
    """(p, q) to write p as q in `rest`, the term's other factors, or None when a side condition
    fails: p a symbol, q a symbol or an integer, neither bound in `rest`. The direction is fixed
    (a number stays; else the later name by SymPy's order becomes the earlier) so that two terms
    of one numerator are written alike."""
    a, b = delta.args
    if not all(isinstance(t, (sp.Symbol, sp.Integer)) for t in (a, b)) or a == b:
        return None
    if isinstance(a, sp.Integer) and isinstance(b, sp.Integer):
        return None
    if isinstance(a, sp.Integer):
        p, q = b, a
    elif isinstance(b, sp.Integer):
        p, q = a, b
    else:
        q, p = sorted((a, b), key=sp.default_sort_key)
    if _bound(rest) & {p, q}:
        return None
    return p, q


def _term(term):
    """One term with each of its deltas' indices traded in its other factors (a few passes)."""
    for _ in range(4):
        factors = sp.Mul.make_args(term)
        for number, f in enumerate(factors):
            if not isinstance(f, sp.KroneckerDelta):
                continue
            rest = sp.Mul(*(factors[:number] + factors[number + 1:]))
            pair = _replaceable(f, rest)
            if pair is None:
                continue
            p, q = pair
            new = rest.xreplace({p: q})
            if new != rest:
                term = f * new
                break
        else:
            return term
    return term


def vanishes(numerator) -> bool:
    """Whether the canonical numerator is 0 once every term's deltas trade their indices in it."""
    if not numerator.has(sp.KroneckerDelta):
        return False
    expanded = sp.expand(numerator, power_exp=False, power_base=False, log=False)
    traded = sp.Add(*[_term(t) for t in sp.Add.make_args(expanded)])
    return sp.expand(traded, power_exp=False, power_base=False, log=False) == 0
