"""Output activations a_j = f(z): identity, sigmoid and softmax with temperature c.

Each activation gives a_j as a SymPy expression in z for a symbolic number of neurons n,
and the chain-rule factor da_j/dz_k. The softmax Jacobian lives here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp

from derivations.symbols import a, i, n, z


def sigmoid(x: sp.Expr) -> sp.Expr:
    """sigma(x) = 1 / (1 + e^(-x))."""
    return 1 / (1 + sp.exp(-x))


def sigmoid_prime(x: sp.Expr) -> sp.Expr:
    """sigma'(x), by SymPy's differentiation of `sigmoid`."""
    t = sp.Dummy("t", real=True)
    return sp.diff(sigmoid(t), t).subs(t, x)


def softmax(zs, idx, c: sp.Expr = 1, size: sp.Expr = n) -> sp.Expr:
    """a_idx = e^(c z_idx) / sum_i e^(c z_i), for an IndexedBase zs over 1..size."""
    return sp.exp(c * zs[idx]) / sp.Sum(sp.exp(c * zs[i]), (i, 1, size))


def softmax_jacobian_entry(aj: sp.Expr, ak: sp.Expr, delta_jk: sp.Expr, c: sp.Expr = 1) -> sp.Expr:
    """da_j/dz_k = c a_j (delta_jk - a_k), the softmax Jacobian in terms of its outputs."""
    return c * aj * (delta_jk - ak)


def softmax_jacobian_matrix(avec: sp.Matrix) -> sp.Matrix:
    """The Jacobian in matrix form, diag(a) - a a^T (temperature 1)."""
    return sp.diag(*avec) - avec * avec.T


@dataclass(frozen=True)
class Activation:
    """An output activation: a_j as an expression in z, and how to read it back in a."""

    name: str
    latex_name: str
    of_z: Callable[[sp.Expr], sp.Expr]      # index -> a_index in terms of z
    in_a: Callable[[sp.Expr], dict]         # index -> substitutions expressing z-terms via a

    def apply(self, expr: sp.Expr) -> sp.Expr:
        """Replace every a_index in expr by its definition in z."""
        return expr.replace(lambda e: isinstance(e, sp.Indexed) and e.base == a,
                            lambda e: self.of_z(e.indices[0]))


IDENTITY = Activation("identity", r"a_j = z_j", lambda idx: z[idx], lambda idx: {z[idx]: a[idx]})
SIGMOID = Activation(
    "sigmoid", r"a_j = \sigma(z_j)", lambda idx: sigmoid(z[idx]),
    lambda idx: {sigmoid(z[idx]): a[idx]},
)
SOFTMAX = Activation(
    "softmax", r"a_j = \frac{e^{z_j}}{\sum_i e^{z_i}}", lambda idx: softmax(z, idx),
    lambda idx: {softmax(z, idx): a[idx]},
)
ACTIVATIONS = {act.name: act for act in (IDENTITY, SIGMOID, SOFTMAX)}
