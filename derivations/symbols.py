"""The chapter's notation, defined once: every module draws its symbols from here.

Output layer L has n neurons. For one training example, y_j is the desired output,
z_j the weighted input, a_j the activation, w_jk the weight from neuron k of layer L-1
(activation a_k^(L-1)) and b_j the bias. Indices are plain positive integers 1..n;
`in_range` discharges the "1 <= k <= n" conditions SymPy attaches when a sum collapses.

Index letters never overlap in one expression: SymPy silently differentiates wrongly when a free
index equals a bound one (d/dz_k of sum_k e^(z_k) comes back as the whole sum). So j and k are
free indices, i is the summation index of costs and chain rules, and ell is reserved for the
softmax normaliser sum_ell e^(z_ell).
"""
from __future__ import annotations

import sympy as sp

n = sp.Symbol("n", integer=True, positive=True)           # neurons in the output layer (classes)
j, k, i = sp.symbols("j k i", integer=True, positive=True)  # indices 1..n
ell = sp.Symbol("ell", integer=True, positive=True)          # softmax normaliser index only
x_index = sp.Symbol("x", integer=True, positive=True)        # training example index 1..N

a = sp.IndexedBase("a", real=True)        # output activations a_j^L
z = sp.IndexedBase("z", real=True)        # weighted inputs z_j^L
y = sp.IndexedBase("y", real=True)        # desired outputs y_j
b = sp.IndexedBase("b", real=True)        # biases b_j^L
w = sp.IndexedBase("w", real=True)        # weights w_jk^L
a_prev = sp.IndexedBase("a^{L-1}", real=True)  # activations of layer L-1
m = sp.Symbol("m", integer=True, positive=True)  # neurons in layer L-1

q = sp.Symbol("q", integer=True, positive=True)   # summation index over layer L-1
INDEX_RANGES = {i: n, j: n, k: n, ell: n, q: m}

c = sp.Symbol("c", positive=True)          # softmax temperature (the chapter's exercise); c = 1 usually
sigma_noise = sp.Symbol("sigma", positive=True)  # Gaussian noise scale
x_count = sp.Symbol("N", integer=True, positive=True)  # training examples averaged over (the chapter's n)
C = sp.Symbol("C")                         # the cost C of one example (or averaged over N), for display


def cost_function() -> sp.FunctionClass:
    """The cost as a function of its arguments, C(a) or C(a, y): an undefined real function named
    C, for claims about any differentiable cost (the same name as the symbol C)."""
    return sp.Function(C.name, real=True)
C_x = sp.IndexedBase("C")                  # C_x, the cost of training example x
L = sp.Symbol("L")                         # the likelihood of one example, for display
delta = sp.IndexedBase(r"\delta")          # the output error delta_j = dC/dz_j

# One neuron, as the chapter's first sections write it: weighted input z, activation a, desired
# output y (scalars, never mixed with the indexed a_j, z_j, y_j of the same names in one
# expression), and t, a variable approaching a boundary point.
z1 = sp.Symbol("z", real=True)
a1 = sp.Symbol("a", real=True)
y1 = sp.Symbol("y", real=True)
t1 = sp.Symbol("t", real=True)


def in_range(expr: sp.Expr, ranges: dict | None = None) -> sp.Expr:
    """Replace the conditions lo <= idx <= hi, true by definition of an index, with True.

    ranges maps an index to its upper bound, over the defaults INDEX_RANGES (n for i, j, k, ell).
    """
    known = {}
    for idx, upper in {**INDEX_RANGES, **(ranges or {})}.items():
        for rel in (sp.Le(idx, upper), sp.Ge(upper, idx), sp.Lt(idx, upper + 1),
                    sp.Gt(upper + 1, idx), sp.Ge(idx, 1), sp.Le(1, idx)):
            if isinstance(rel, sp.Rel):
                known[rel] = sp.true
    if not known:
        return expr
    return expr.replace(
        lambda e: isinstance(e, sp.Piecewise),
        lambda e: sp.piecewise_fold(sp.Piecewise(*[(v, sp.simplify(cnd.xreplace(known))) for v, cnd in e.args])),
    )


def distribute(expr: sp.Expr) -> sp.Expr:
    """Multiply out products of sums, and nothing else (exp of a sum stays an exp)."""
    return sp.expand(expr, power_exp=False, power_base=False, log=False, multinomial=True, mul=True)


def split_sums(expr: sp.Expr) -> sp.Expr:
    """sum (f + g) -> sum f + sum g, and sum c f -> c sum f for factors c free of the index."""
    def pull(s: sp.Sum) -> sp.Expr:
        (v, lo, hi), = s.limits
        body = distribute(s.function)
        if body.is_Add:
            return sp.Add(*(pull(sp.Sum(t, (v, lo, hi))) for t in body.args))
        outside = [f for f in sp.Mul.make_args(body) if v not in f.free_symbols]
        inside = [f for f in sp.Mul.make_args(body) if v in f.free_symbols]
        return sp.Mul(*outside) * sp.Sum(sp.Mul(*inside), (v, lo, hi)) if outside else s
    return expr.replace(lambda e: isinstance(e, sp.Sum) and len(e.limits) == 1, pull)


def evaluate(expr: sp.Expr, ranges: dict | None = None) -> sp.Expr:
    """Carry out derivatives, then sums over Kronecker deltas (only i = j survives) and sums of
    terms free of their index (n times the term), discharging index ranges, until nothing changes.

    Other sums are left as they are: a sum of indexed terms has no closed form to look for.
    """
    for _ in range(6):
        new = expr.replace(lambda e: isinstance(e, sp.Derivative), lambda e: e.doit(deep=False))
        new = in_range(split_sums(distribute(new)), ranges)
        new = in_range(new.replace(lambda e: isinstance(e, sp.Sum) and len(e.limits) == 1, _collapse_sum),
                       ranges)
        if new == expr:
            break
        expr = new
    return expr


def _collapse_sum(s: sp.Sum) -> sp.Expr:
    (v, lo, hi), = s.limits
    body = s.function
    if v not in body.free_symbols:
        return body * (hi - lo + 1)
    if any(v in d.free_symbols for d in body.atoms(sp.KroneckerDelta)):
        from sympy.concrete.delta import deltasummation
        return deltasummation(body, (v, lo, hi))
    return s
