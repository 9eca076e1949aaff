"""The chapter's notation, defined once: every module draws its symbols from here.

Output layer L has n neurons. For one training example, y_j is the desired output,
z_j the weighted input, a_j the activation, w_jk the weight from neuron k of layer L-1
(activation a_k^(L-1)) and b_j the bias. Indices are plain positive integers 1..n;
`in_range` discharges the "1 <= k <= n" conditions SymPy attaches when a sum collapses.
"""
from __future__ import annotations

import sympy as sp

n = sp.Symbol("n", integer=True, positive=True)           # neurons in the output layer (classes)
j, k, i = sp.symbols("j k i", integer=True, positive=True)  # indices 1..n

a = sp.IndexedBase("a", real=True)        # output activations a_j^L
z = sp.IndexedBase("z", real=True)        # weighted inputs z_j^L
y = sp.IndexedBase("y", real=True)        # desired outputs y_j
b = sp.IndexedBase("b", real=True)        # biases b_j^L
w = sp.IndexedBase("w", real=True)        # weights w_jk^L
a_prev = sp.IndexedBase("a^{L-1}", real=True)  # activations of layer L-1
m = sp.Symbol("m", integer=True, positive=True)  # neurons in layer L-1

c = sp.Symbol("c", positive=True)          # softmax temperature (the chapter's exercise); c = 1 usually
sigma_noise = sp.Symbol("sigma", positive=True)  # Gaussian noise scale
x_count = sp.Symbol("N", integer=True, positive=True)  # training examples averaged over (the chapter's n)
C = sp.Symbol("C")                         # the cost, as a name for display


def in_range(expr: sp.Expr, *indices: sp.Symbol, upper: sp.Expr = n) -> sp.Expr:
    """Replace the conditions 1 <= idx <= upper, true by definition of an index, with True."""
    known = {}
    for idx in indices or (i, j, k):
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
