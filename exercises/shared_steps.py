"""Statements and proof steps several claims share, written once so that no claim imports another.

    gradient_statement / gradient_steps   a pairing's delta_j, dC/dw_jk, dC/db_j, and their average
                                          over the N training examples, against the claimed ones
    SOFTMAX                               a_j as the softmax of z (notation)
    one_hot                               a one-hot y, as a hypothesis both oracles read
"""
from __future__ import annotations

import sympy as sp

from derivations.activations import softmax
from derivations.models import ONE_HOT
from derivations.pairings import closed_form_step, notation, pairing, z_of_weights
from derivations.proof import Premise
from derivations.steps import Definition, Given, canonical_indices
from derivations.symbols import C, C_x, a, a_prev, b, delta, ell, i, j, k, m, n, w, x_count, x_index, y, z
from exercises import lemmas
from exercises.proof import Statement

SOFTMAX = Definition(a[j], softmax(z, j))          # a_j = e^(z_j) / sum_ell e^(z_ell)
RENAME_INDEX = Premise(r"a summation index is a bound name: $\sum_i e^{z_i} = \sum_\ell e^{z_\ell}$",
                       canonical_indices)
PREVIOUS_LAYER = {k: m}                             # k runs over the m neurons of layer L-1


def one_hot(labels=y, index=j, size=n) -> Given:
    """y is one-hot: every y_j is 0 or 1 and they sum to 1 (so sum_j y_j = 1 rewrites to 1)."""
    return Given(sp.And(sp.Eq(sp.Sum(labels[index], (index, 1, size)), 1, evaluate=False),
                        sp.Or(sp.Eq(labels[index], 0, evaluate=False), sp.Eq(labels[index], 1, evaluate=False))),
                 ONE_HOT)


# --- the output-layer gradients of a pairing ---------------------------------------------------

EXAMPLE_BASES = (a, y, z, a_prev)
cost_x = C_x                                        # C_x, the cost of training example x
average = sp.Symbol(r"\bar{C}", real=True)          # (1/N) sum_x C_x, the chapter's C


def example(expr):
    """The same quantity for training example x: every a_j, y_j, z_j, a_k^(L-1) gains the index x."""
    return expr.replace(lambda e: isinstance(e, sp.Indexed) and e.base in EXAMPLE_BASES,
                        lambda e: e.base[(*e.indices, x_index)])


def _for_example(base):
    """idx -> base[idx, x]: a family of one example, as the family of example x."""
    return lambda idx: base[idx, x_index]


EXAMPLE_RENAMING = {C: cost_x[x_index], **{base: _for_example(base) for base in EXAMPLE_BASES}}


def gradient_statement(cost: str, activation: str, delta_claimed, weight, bias) -> Statement:
    """delta_j, dC/dw_jk, dC/db_j as claimed for the pairing, and dC/dw_jk, dC/db_j of the
    average cost (1/N) sum_x C_x as the average of the examples' gradients."""
    p = pairing(cost, activation)
    act, model = p.activation, p.model
    per_example = [Definition(a[i, x_index], act.of_z(i).replace(lambda e: isinstance(e, sp.Indexed) and e.base == z,
                                                                   lambda e: z[(*e.indices, x_index)])),
                   Definition(z[i, x_index], example(z_of_weights(i)), dependency=True),
                   Definition(cost_x[x_index], example(model.cost(idx=i))),
                   Definition(average, sp.Sum(cost_x[x_index], (x_index, 1, x_count)) / x_count)]
    notation_ = [*notation(act, through_weights=True), Definition(C, model.cost(idx=i)),
                 Definition(delta[i], sp.Derivative(C, z[i])), *per_example]
    given = [one_hot()] if model.premises else []
    if model.premises:
        given.append(Given(one_hot(y_example, j).statement, Premise(
            ONE_HOT.text + " for every example", _sums_of_example_labels, {},
            fact=one_hot(y_example, j).statement.args[0])))
    hypotheses = list(model.assumptions) if act.name == "identity" else []
    proposition = sp.And(
        sp.Eq(delta[j], delta_claimed, evaluate=False),
        sp.Eq(sp.Derivative(C, w[j, k]), weight, evaluate=False),
        sp.Eq(sp.Derivative(C, b[j]), bias, evaluate=False),
        sp.Eq(sp.Derivative(average, w[j, k]), sp.Sum(example(weight), (x_index, 1, x_count)) / x_count, evaluate=False),
        sp.Eq(sp.Derivative(average, b[j]), sp.Sum(example(bias), (x_index, 1, x_count)) / x_count, evaluate=False))
    return Statement(proposition, tuple(hypotheses), tuple(given), tuple(notation_), dict(model.samplers),
                     PREVIOUS_LAYER, parts={"pairing": p, "delta": delta_claimed, "weight": weight, "bias": bias})


class _ExampleLabels:
    """y_jx as a family of j for the one-hot hypothesis of every example."""

    def __getitem__(self, idx):
        return y[idx, x_index]


y_example = _ExampleLabels()


def _sums_of_example_labels(e):
    """sum_j y_jx = 1 for every example x (y_x one-hot)."""
    hits = {s: sp.Integer(1) for s in e.atoms(sp.Sum)
            if len(s.limits) == 1 and isinstance(s.function, sp.Indexed) and s.function.base == y
            and len(s.function.indices) == 2 and s.function.indices[0] == s.limits[0][0]
            and tuple(s.limits[0][1:]) == (1, n)}
    return e.xreplace(hits) if hits else e


def gradient_steps(proof, s: Statement) -> list:
    """The pairing's derivations (each step checked in its own scope), then the claimed delta_j,
    dC/dw_jk, dC/db_j from their results, then the average over the N examples: the derivative of
    a finite sum (a lemma), and each example's gradient (an instance of the one-example result).
    Returns the steps that state the claim's parts."""
    oe = s.pairing.output_error
    proof.derivation(oe.derivation, "output error: ")
    proof.derivation(oe.weight_gradient, "weights: ")
    proof.derivation(oe.bias_gradient, "biases: ")
    delta_step = closed_form_step(oe.derivation, oe.closed_form)
    d1 = proof.show(sp.Eq(delta[j], s.delta, evaluate=False), r"the derived output error is the claimed one",
                    using=[delta_step])
    shown = [d1]
    for derivation, variable, claimed in ((oe.weight_gradient, w[j, k], s.weight), (oe.bias_gradient, b[j], s.bias)):
        shown.append(proof.show(sp.Eq(sp.Derivative(C, variable), claimed, evaluate=False),
                                r"with the derived $\delta_j$, this is the claimed gradient",
                                using=[derivation.steps[-1], delta_step]))
    averaged = []
    for one, variable, claimed in ((shown[1], w[j, k], s.weight), (shown[2], b[j], s.bias)):
        rule = proof.lemma(lemmas.DERIVATIVE_OF_SUM,
                           r"the chapter's $C = \frac{1}{N} \sum_x C_x$: differentiate term by term",
                           term=cost_x[x_index], index=x_index, lo=1, hi=x_count, variable=variable, factor=1 / x_count)
        each = proof.instance(one, EXAMPLE_RENAMING, r"the same for example $x$: its $a$, $y$, $z$ and $a^{L-1}$ gain the index $x$")
        averaged.append(proof.show(sp.Eq(sp.Derivative(average, variable),
                                         sp.Sum(example(claimed), (x_index, 1, x_count)) / x_count, evaluate=False),
                                   "so the gradient of the average cost is the average of the examples' gradients",
                                   using=[rule, each]))
    return [*shown, *averaged]


def prove_gradients(proof, s: Statement) -> None:
    """A gradient claim: its parts, then the claim from them."""
    proof.show(s.proposition, "the claim: the steps above", using=gradient_steps(proof, s))


# --- the softmax normaliser, split at j ---------------------------------------------------------

def softmax_of_z(idx):
    return softmax(z, idx)


NORMALISER = sp.Sum(sp.exp(z[ell]), (ell, 1, n))
R = sp.Symbol("R", real=True)                       # the normaliser without the term ell = j


def diagonal_steps(proof):
    """sum_ell e^(z_ell) > e^(z_j) (n >= 2 positive terms), so R = sum_ell e^(z_ell) - e^(z_j) > 0,
    and da_j/dz_j = e^(z_j) R / (e^(z_j) + R)^2: the steps (R > 0, the derivative)."""
    exceeds = proof.lemma(lemmas.SUM_EXCEEDS_TERM, r"$n \ge 2$ positive terms $e^{z_\ell}$",
                          term=sp.exp(z[ell]), index=ell, lo=1, hi=n, at=j)
    proof.define(R, NORMALISER - sp.exp(z[j]), r"the normaliser without its term $\ell = j$")
    positive = proof.show(sp.Gt(R, 0, evaluate=False), "so it is positive", using=[exceeds])
    slope = proof.show(sp.Eq(sp.Derivative(a[j], z[j]), sp.exp(z[j]) * R / (sp.exp(z[j]) + R) ** 2, evaluate=False),
                       r"differentiate the quotient; the normaliser is $e^{z_j} + R$")
    return positive, slope


def off_diagonal_step(proof):
    """For j != k, da_j/dz_k = -a_j a_k (the Kronecker delta vanishes)."""
    return proof.show(sp.Implies(sp.Ne(j, k), sp.Eq(sp.Derivative(a[j], z[k]), -a[j] * a[k], evaluate=False)),
                      r"for $j \neq k$ the quotient's derivative is $-a_j a_k$: the Kronecker delta vanishes")


def same_up_to_indices(e1, e2) -> bool:
    return canonical_indices(e1) == canonical_indices(e2)
