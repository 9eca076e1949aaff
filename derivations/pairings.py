"""The pairings of a cost with its output activation, in one table, and what each one derives:
the output error delta_j = dC/dz_j, and dC/dw_jk, dC/db_j.

    PAIRINGS   (likelihood model and its cost, output activation): the chapter's four. The network,
               its compiled engine, the command line, the confirmations and the document all read
               this table; adding a pairing is one row here (README, "Extending").

Every step of an output error is computed by SymPy from the model's cost and the activation, then
checked against the step before (in terms of z, where a_j and sigma are unfolded):

    delta_j = sum_i (dC/da_i)(da_i/dz_j)     chain rule
            = ...                            the cost's derivative, the activation's Jacobian
            = closed form                    (a_j - y_j) sigma'(z_j), or a_j - y_j

`OutputError.numpy` is the closed form lambdified in (a, y): the network's delta, never typed by hand.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable

import numpy as np
import sympy as sp

from derivations.activations import IDENTITY, SIGMOID, SOFTMAX, Activation
from derivations.errors import NndlError
from derivations.models import BERNOULLI, CATEGORICAL, GAUSSIAN, LikelihoodModel
from derivations.steps import Definition, Derivation, Step
from derivations.symbols import C, a, a_prev, b, delta, evaluate, i, j, k, m, n, q, w, y, z


@dataclass(frozen=True)
class Pairing:
    """A cost (from its likelihood model) with the output activation it is used with.

    default: the pairing the cost's name stands for when no activation is named (`nndl train
    --cost quadratic` trains sigmoid outputs); the network trains with any pairing. eta:
    Nielsen's learning rate for it, which the confirmations use. cost_from_logits: NumPy computes
    the cost from the weighted inputs z (the stable log-softmax) rather than from the outputs a.
    numpy_cost_of_z: the same cost as a function of z and y in numeric.functions, stable where a
    rounds to 0 or 1 (the network's held-out cost); "" when the model's NumPy cost is stable as it is.
    """

    model: LikelihoodModel
    activation: Activation
    default: bool = True
    eta: float | None = None
    cost_from_logits: bool = False
    numpy_cost_of_z: str = ""

    @property
    def cost(self) -> str:
        """The cost's name: quadratic, cross-entropy, log-likelihood."""
        return self.model.key

    @property
    def name(self) -> str:
        return f"{self.cost} cost with {self.activation.name} output"

    @cached_property
    def output_error(self) -> "OutputError":
        return derive_output_error(self.model, self.activation)


PAIRINGS = (
    Pairing(GAUSSIAN, IDENTITY, default=False),
    Pairing(GAUSSIAN, SIGMOID, eta=3.0),
    Pairing(BERNOULLI, SIGMOID, eta=0.5, numpy_cost_of_z="sigmoid_cross_entropy"),
    Pairing(CATEGORICAL, SOFTMAX, eta=0.5, cost_from_logits=True),
)


def default_pairings() -> dict[str, Pairing]:
    """{cost: the pairing its name stands for}: one output activation per cost."""
    return {p.cost: p for p in PAIRINGS if p.default}


def pairing(cost: str, activation: str | None = None) -> Pairing:
    """The pairing of this cost with this activation (by default, the one the cost stands for)."""
    for p in PAIRINGS:
        if p.cost == cost and (p.activation.name == activation if activation else p.default):
            return p
    known = ", ".join(f"{p.cost}+{p.activation.name}" for p in PAIRINGS)
    raise NndlError(f"no pairing of cost {cost!r} with activation {activation!r}; known: {known}")


PREVIOUS_LAYER = {k: m}     # in dC/dw_jk, k runs over the m neurons of layer L-1


@dataclass
class OutputError:
    """delta_j for one pairing: its derivation, the chapter's closed form, and NumPy code."""

    cost: str
    activation: str
    derivation: Derivation
    closed_form: sp.Expr          # as the chapter writes it, e.g. (a_j - y_j) sigma'(z_j)
    in_terms_of_a: sp.Expr        # the same, written with a_j and y_j only (what NumPy computes)
    weight_gradient: Derivation
    bias_gradient: Derivation

    @property
    def title(self) -> str:
        return f"{self.cost} cost with {self.activation} output"

    @property
    def numpy(self) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
        """delta = f(a, y), elementwise over arrays of the same shape."""
        return _lambdified(self.cost, self.activation)

    @property
    def verified(self) -> bool:
        return all(d.verified for d in (self.derivation, self.weight_gradient, self.bias_gradient))


def _collapse(expr: sp.Expr, ranges: dict | None = None) -> sp.Expr:
    """Carry out derivatives and sums over Kronecker deltas (only i = j survives)."""
    return evaluate(sp.expand(expr), ranges)


def notation(act: Activation, through_weights: bool = False) -> list[Definition]:
    """What every check of a pairing unfolds: a_i as the activation of z_i, and (for the
    gradients by w and b) z_i as the weighted input sum_q w_iq a_q^(L-1) + b_i, a dependency that
    is unfolded only where a derivative is taken by a weight or a bias."""
    out = [Definition(a[i], act.of_z(i))]
    if through_weights:
        out.append(Definition(z[i], z_of_weights(i), dependency=True))
    return out


def derive_output_error(model: LikelihoodModel, act: Activation) -> OutputError:
    cost = model.cost(idx=k)                       # C = sum_k ..., k bound
    d = Derivation(f"output error for the {model.cost_name} cost with {act.name} output",
                   definitions=notation(act), assumptions=_assumptions(model, act),
                   premises=model.premises, samplers=model.samplers)
    d.define(C, cost, f"the {model.cost_name} cost ({model.name} model)")
    dC_da = sp.Derivative(cost, a[i])
    chain = sp.Sum(dC_da * act.jacobian(i, j), (i, 1, n))
    d.differentiate(sp.Derivative(C, z[j]), chain, z[j],
                    r"chain rule: $C$ depends on $z_j$ through every $a_i$")
    evaluated = sp.Sum(sp.simplify(_collapse(dC_da)) * act.jacobian(i, j), (i, 1, n))
    d.equal(evaluated, f"differentiate the cost; {act.jacobian_why}")
    collapsed = _collapse(evaluated)
    if collapsed != evaluated:
        d.equal(collapsed, r"carry out the sum: $\delta_{ij}$ keeps only $i = j$")
    result = collapsed
    if model.premises:
        used = sp.expand(model.premises[0].rewrite(sp.expand(result)))
        d.equal(used, model.premises[0].text)     # the premises are the derivation's
        result = used
    closed_form = sp.factor(result)
    if closed_form != result:
        d.equal(closed_form, "factor")
    in_a = closed_form.xreplace(act.derivative_in_a(j))
    if in_a != closed_form:
        d.equal(in_a, r"$\sigma'(z_j) = \sigma(z_j)(1 - \sigma(z_j)) = a_j(1 - a_j)$")
        simpler = sp.factor(sp.cancel(in_a))
        if simpler != in_a and sp.count_ops(simpler) < sp.count_ops(in_a):
            d.equal(simpler, r"simplify: $\sigma'$ cancels")
            in_a = simpler
            closed_form = simpler
    delta_step = closed_form_step(d, closed_form)
    return OutputError(model.key, act.name, d, closed_form, in_a,
                       _weight_gradient(model, act, delta_step), _bias_gradient(model, act, delta_step))


def closed_form_step(d: Derivation, closed_form) -> Step:
    """The step of an output error's derivation that states delta_j as the chapter writes it
    (the closed form; later steps may rewrite it with a_j alone, as NumPy computes it)."""
    return next(s for s in reversed(d.steps) if s.statement.rhs == closed_form)


def _assumptions(model: LikelihoodModel, act: Activation) -> list:
    # a_j in (0, 1) is a fact of sigmoid and softmax outputs, not an assumption once unfolded
    return [] if act.name != "identity" else list(model.assumptions)


def z_of_weights(idx) -> sp.Expr:
    """z_idx = sum_q w_idx,q a_q^(L-1) + b_idx, the weighted input of neuron idx."""
    return sp.Sum(w[idx, q] * a_prev[q], (q, 1, m)) + b[idx]


def _gradient(model, act, delta_step, variable, title: str, ranges=None) -> Derivation:
    """dC/dv for a weight or a bias v: sum_i delta_i dz_i/dv (the chain rule's sum) worked out
    with delta_i left a variable, then dC/dv equal to the result, checked by differentiating
    C(w, b) directly with the derived delta_j (the output error's last step, cited)."""
    d = Derivation(title, definitions=notation(act, through_weights=True), assumptions=_assumptions(model, act),
                   premises=model.premises, samplers=model.samplers, ranges=ranges)
    d.scope.definitions.add(Definition(C, model.cost(idx=i)))    # i: not an index of w_jk, b_j
    d.define(delta[i], sp.Derivative(C, z[i]), r"the output error $\delta_i = \partial C/\partial z_i$")
    through = sp.Sum(delta[i] * sp.Derivative(z[i], variable), (i, 1, n))
    inner = sp.Sum(delta[i] * _collapse(sp.Derivative(z_of_weights(i), variable), ranges), (i, 1, n))
    d.show(sp.Eq(through, inner, evaluate=False),
           r"$\partial z_i / \partial w_{jk} = \delta_{ij} a^{L-1}_k$" if variable.base == w
           else r"$\partial z_i / \partial b_j = \delta_{ij}$", keep=[delta])
    collapsed = _collapse(inner, ranges)
    if collapsed != inner:
        d.equal(collapsed, r"only $i = j$ survives", keep=[delta])
    d.show(sp.Eq(sp.Derivative(C, variable), collapsed, evaluate=False),
           r"so, by the chain rule through every $z_i$, this is $\partial C/\partial " + ("w_{jk}" if variable.base == w else "b_j")
           + r"$ (checked by differentiating $C(w, b)$ directly, with the derived $\delta_j$)", using=[delta_step])
    return d


def _weight_gradient(model, act, delta_step) -> Derivation:
    """dC/dw_jk = delta_j a_k^(L-1)."""
    return _gradient(model, act, delta_step, w[j, k], f"dC/dw for the {model.cost_name} cost with {act.name} output",
                     PREVIOUS_LAYER)


def _bias_gradient(model, act, delta_step) -> Derivation:
    """dC/db_j = delta_j."""
    return _gradient(model, act, delta_step, b[j], f"dC/db for the {model.cost_name} cost with {act.name} output")


def output_error(cost: str, activation: str) -> OutputError:
    """The derived output error of a pairing, e.g. output_error("cross-entropy", "sigmoid")."""
    return pairing(cost, activation).output_error


@lru_cache(maxsize=None)
def _lambdified(cost: str, activation: str):
    oe = output_error(cost, activation)
    A, Y = sp.symbols("a y", real=True)
    expr = oe.in_terms_of_a.xreplace({a[j]: A, y[j]: Y})
    if expr.free_symbols - {A, Y}:
        raise NndlError(f"delta for {cost}+{activation} is not a function of a and y alone: {expr}")
    return sp.lambdify((A, Y), expr, modules="numpy")
