"""Output activations a_j = f(z): identity, sigmoid and softmax with temperature c.

Each activation gives a_j in the form the chapter writes it (sigma(z_j), e^(z_j)/sum e^(z_ell))
and `unfold`s that form into plain SymPy so steps can be checked. The softmax Jacobian
da_j/dz_k = c a_j (delta_jk - a_k) lives here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp

from derivations.symbols import a, ell, evaluate, n, z


def sigmoid(x: sp.Expr) -> sp.Expr:
    """sigma(x) = 1 / (1 + e^(-x)), the definition."""
    return 1 / (1 + sp.exp(-x))


def sigmoid_prime(x: sp.Expr) -> sp.Expr:
    """sigma'(x), by SymPy's differentiation of the definition (not the identity sigma(1 - sigma))."""
    t = sp.Dummy("t", real=True)
    return sp.diff(sigmoid(t), t).subs(t, x)


class sigma(sp.Function):
    """sigma(z) as the chapter writes it; `unfold` replaces it by its definition."""

    is_real = True


class sigma_prime(sp.Function):
    """sigma'(z) as the chapter writes it; `unfold` replaces it by the derivative of sigma."""

    is_real = True

    def _latex(self, printer):
        return r"\sigma'\left(%s\right)" % printer._print(self.args[0])

    def _sympystr(self, printer):
        return "sigma'(%s)" % printer._print(self.args[0])


def softmax(zs, idx, c: sp.Expr = 1, size: sp.Expr = n) -> sp.Expr:
    """a_idx = e^(c z_idx) / sum_ell e^(c z_ell), for an IndexedBase zs over 1..size."""
    return sp.exp(c * zs[idx]) / sp.Sum(sp.exp(c * zs[ell]), (ell, 1, size))


def softmax_function(size: int, modules: str = "mpmath"):
    """The softmax of `size` inputs as a function (z_1, ..., z_size) -> [a_1, ..., a_size],
    lambdified from the definition above (mpmath by default: no overflow at any precision)."""
    zs = sp.symbols(f"z1:{size + 1}", real=True)
    plain = {z[q + 1]: zs[q] for q in range(size)}
    outputs = [softmax(z, q, size=size).doit().xreplace(plain) for q in range(1, size + 1)]
    return sp.lambdify(zs, outputs, modules=modules)


def softmax_jacobian_entry(aj: sp.Expr, ak: sp.Expr, delta_jk: sp.Expr, c: sp.Expr = 1) -> sp.Expr:
    """da_j/dz_k = c a_j (delta_jk - a_k): the softmax Jacobian in terms of its outputs."""
    return c * aj * (delta_jk - ak)


def softmax_jacobian_matrix(avec: sp.Matrix) -> sp.Matrix:
    """The Jacobian in matrix form, diag(a) - a a^T (temperature 1)."""
    return sp.diag(*avec) - avec * avec.T


def unfold_sigma(expr: sp.Expr) -> sp.Expr:
    """Replace the display functions sigma, sigma' by their definitions."""
    return expr.replace(sigma, sigmoid).replace(sigma_prime, sigmoid_prime)


@dataclass(frozen=True)
class Activation:
    """An output activation: a_j in the chapter's form, and da_j/dz_k in terms of a.

    numpy names its NumPy form in `numeric.functions` (that function, and `<numpy>_into` beside it
    for the training loop); elementwise says whether a_j depends on z_j alone (then the compiled
    engine applies the NumPy formula to each number; otherwise to each example's row).
    """

    name: str
    of_z: Callable[[sp.Expr], sp.Expr]                  # index j -> a_j in terms of z
    jacobian: Callable[[sp.Expr, sp.Expr], sp.Expr]     # (j, k) -> da_j/dz_k, written with a
    jacobian_why: str
    numpy: str
    elementwise: bool = True
    derivative_in_a: Callable[[sp.Expr], dict] = lambda idx: {}   # e.g. sigma'(z_j) -> a_j (1 - a_j)

    def unfold(self, expr: sp.Expr) -> sp.Expr:
        """Write every a_j as its definition in z, and sigma, sigma' as theirs."""
        expr = evaluate(expr)
        expr = expr.replace(lambda e: isinstance(e, sp.Indexed) and e.base == a,
                            lambda e: self.of_z(e.indices[0]))
        return unfold_sigma(expr)

    def latex(self) -> str:
        j = sp.Symbol("j")
        return f"a_{{j}} = {sp.latex(self.of_z(j))}"


IDENTITY = Activation(
    "identity", lambda idx: z[idx],
    lambda j_, k_: sp.KroneckerDelta(j_, k_),
    r"$a_j = z_j$ depends on $z_j$ alone: $\partial a_j/\partial z_k = \delta_{jk}$",
    numpy="identity",
)
SIGMOID = Activation(
    "sigmoid", lambda idx: sigma(z[idx]),
    lambda j_, k_: sp.KroneckerDelta(j_, k_) * sigma_prime(z[j_]),
    r"$a_j = \sigma(z_j)$ depends on $z_j$ alone: $\partial a_j/\partial z_k = \delta_{jk}\sigma'(z_j)$",
    numpy="sigmoid",
    derivative_in_a=lambda idx: {sigma_prime(z[idx]): a[idx] * (1 - a[idx])},
)
SOFTMAX = Activation(
    "softmax", lambda idx: softmax(z, idx),
    lambda j_, k_: softmax_jacobian_entry(a[j_], a[k_], sp.KroneckerDelta(j_, k_)),
    r"softmax Jacobian: $\partial a_j/\partial z_k = a_j(\delta_{jk} - a_k)$",
    numpy="softmax", elementwise=False,
)
ACTIVATIONS = {act.name: act for act in (IDENTITY, SIGMOID, SOFTMAX)}
