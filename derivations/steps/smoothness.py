"""Smoothness: whether SymPy's derivative of an expression can be believed.

SymPy differentiates a Piecewise, |x|, sign, max, ... as if they were smooth (the derivative of a
function with a jump is 0 at the jump), and x^(1/3) as if it were differentiable at 0. A check
that would differentiate such an expression by what it varies in is refused (undecided), and a
lemma that needs a differentiable function states it as the side condition `Smooth`.
(A syntactic side condition, like the kernel's `Independent` and `IsInteger`; it belongs beside
them in the kernel.)
"""
from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.kernel import Independent
from derivations.kernel.propositions import SideCondition

# functions SymPy differentiates as if they were smooth, which are not everywhere they are defined
NONSMOOTH = (sp.Piecewise, sp.Abs, sp.sign, sp.Heaviside, sp.floor, sp.ceiling, sp.Max, sp.Min, sp.frac, sp.Mod,
             sp.re, sp.im, sp.arg, sp.DiracDelta, sp.Contains)


def nonsmooth_part(expr, var, powers: bool = True) -> sp.Basic | None:
    """The first part of expr that may fail to be differentiable in `var` where it is defined (a
    Piecewise, |.|, sign, ..., a root or fractional power of something that may be 0, an arbitrary
    function), or None when expr is built from operations that are smooth wherever they are
    defined (+, *, exp, log, integer powers, trigonometric and hyperbolic functions, sums). With
    `powers` False, a fractional power is let through (SymPy's derivative of it is undefined where
    it fails, never a wrong number)."""
    expr = sp.sympify(expr)
    for node in sp.preorder_traversal(expr):
        if not _varies(node, var):
            continue
        if isinstance(node, NONSMOOTH) or isinstance(node, AppliedUndef):
            return node
        if powers and isinstance(node, sp.Pow) and not node.exp.is_integer and not _varies(node.exp, var) \
                and not (node.base.is_positive or isinstance(node.base, sp.exp)):
            return node          # x^(1/3), sqrt(x^2) = |x|: not differentiable where the base is 0
    return None


def _varies(e, var) -> bool:
    return not Independent(e, var).holds()


def nonsmooth_derivative(expr) -> sp.Basic | None:
    """A derivative in expr of something SymPy would differentiate wrongly (a Piecewise, |x|, sign,
    ... of its variable: the part that is), or None. An arbitrary function is let through."""
    for d in sp.sympify(expr).atoms(sp.Derivative):
        for v, _ in d.variable_count:
            bad = nonsmooth_part(d.expr, v, powers=False)
            if bad is not None and not isinstance(bad, AppliedUndef):
                return bad
    return None


class Smooth(SideCondition):
    """Side condition: `expr` is differentiable (as often as needed) in `var` wherever it is
    defined: built only from smooth operations (see `nonsmooth_part`). Decided by reading the
    expression, with every definition unfolded."""

    def holds(self) -> bool:
        return nonsmooth_part(self.expr, self.var) is None


