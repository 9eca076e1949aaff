"""Under which definitions a learner's chain is checked: one small table, keyed by claim id.

Each entry names the exercise's output activation (a_j = sigma(z_j) or the softmax, from
`derivations.activations`), its cost (from `derivations.models`, with that model's premises and
samplers: a one-hot y for the categorical cost), its standing assumptions (n >= 2 classes, the
numeric check's n = 2, 3, 7, 10; c > 0 is in the symbol c itself; 0 < a_j < 1 holds once a_j is
unfolded), and the statements a chain may end at (its targets), all derived: the output errors
from `derivations.pairings`, the Jacobian from the activation, sigma' from the claim's own form.
Nothing here retypes a formula that `derivations` computes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import sympy as sp

from derivations.errors import unknown


@dataclass(frozen=True)
class Target:
    """A statement the exercise asks for, in display symbols (C, a_j, sigma(z), ...)."""

    name: str
    statement: sp.Basic                 # Eq, Gt or Lt
    conditions: tuple = ()              # e.g. (Ne(j, k),)


@dataclass(frozen=True)
class Context:
    """One exercise's definitions and standing assumptions."""

    id: str
    title: str
    activation: object = None           # derivations.activations.Activation, or None
    scalar: bool = False                # one neuron: a = sigma(z), scalars z, a, y
    model: object = None                # derivations.models.LikelihoodModel (the cost), or None
    build_targets: Callable[[], tuple] = tuple    # the targets, derived when first needed
    names: tuple = ()                   # how headings name the exercise
    standing: tuple = ()                # what the report says is assumed
    assumptions: tuple = ()             # the same, for the primitives (n >= 2 classes)
    temperature: bool = False           # a_j = e^{c z_j} / sum_k e^{c z_k}
    given: tuple = ()                   # the claim's own Premises (y one-hot), beside the model's
    classes: tuple | None = None        # (first, last) class index, when the claim fixes them
    own_symbols: Callable[[], tuple] = tuple   # the claim's own letters (M, m, q), read as the claim's

    @property
    def targets(self) -> tuple:
        return _targets(self)

    @property
    def premises(self) -> tuple:
        return (tuple(self.model.premises) if self.model is not None else ()) + tuple(self.given)

    @property
    def samplers(self) -> dict:
        out = dict(self.model.samplers) if self.model is not None else {}
        for premise in self.premises:
            out.update(getattr(premise, "samplers", None) or {})
        return out


_TARGETS: dict = {}


def _targets(ctx: Context) -> tuple:
    """The context's targets, derived once (keyed by the claim id: a context holds premises with
    their samplers, which do not hash)."""
    if ctx.id not in _TARGETS:
        _TARGETS[ctx.id] = tuple(ctx.build_targets())
    return _TARGETS[ctx.id]


def _pairing_targets(cost: str, activation: str) -> tuple:
    from derivations.models import MODELS
    from derivations.pairings import output_error
    from derivations.symbols import C, a, a_prev, b, evaluate, i, j, k, w, z
    oe = output_error(cost, activation)
    dC_da = sp.factor(sp.simplify(evaluate(sp.diff(MODELS[cost].cost(idx=i), a[j]))))
    return (Target("the output error δ_j = ∂C/∂z_j", sp.Eq(sp.Derivative(C, z[j]), oe.closed_form, evaluate=False)),
            Target("∂C/∂w_jk", sp.Eq(sp.Derivative(C, w[j, k]), oe.closed_form * a_prev[k], evaluate=False)),
            Target("∂C/∂b_j", sp.Eq(sp.Derivative(C, b[j]), oe.closed_form, evaluate=False)),
            Target("∂C/∂a_j (a step on the way)", sp.Eq(sp.Derivative(C, a[j]), dC_da, evaluate=False)))


@lru_cache(maxsize=1)
def table() -> dict[str, Context]:
    """{claim id: Context}: the exercises a learner's chain can be checked against."""
    from derivations.activations import IDENTITY, SIGMOID, SOFTMAX, sigma
    from derivations.models import BERNOULLI, CATEGORICAL, GAUSSIAN
    from derivations.symbols import a, j, k, n, z, z1
    from exercises.claims.sigmoid_derivative import in_terms_of_sigma
    from exercises.registry import get, ids
    softmax_standing = ("a_j is the softmax of z_1, ..., z_n", "n ≥ 2 classes")
    classes = (sp.Ge(n, 2),)
    jacobian = sp.Eq(sp.Derivative(a[j], z[k]), SOFTMAX.jacobian(j, k), evaluate=False)
    entries = [
        Context("sigmoid-derivative", get("sigmoid-derivative").title, SIGMOID, scalar=True,
                build_targets=lambda: (Target("σ'(z) = σ(z)(1 − σ(z))",
                                sp.Eq(sp.Derivative(sigma(z1), z1), in_terms_of_sigma(sigma(z1)), evaluate=False)),),
                names=("sigmoid derivative", "derivative of the sigmoid", "derivative of sigma"),
                standing=("σ(z) = 1/(1 + e^{-z})",)),
        Context("quadratic-gradient", get("quadratic-gradient").title, SIGMOID, model=GAUSSIAN,
                build_targets=lambda: _pairing_targets("quadratic", "sigmoid"),
                names=("quadratic cost gradient", "gradient of the quadratic cost", "mse gradient",
                       "gradient of mse", "quadratic cost"),
                standing=("a_j = σ(z_j)", "C = ½ Σ_j (y_j − a_j)², the quadratic cost")),
        Context("cross-entropy-gradient", get("cross-entropy-gradient").title, SIGMOID, model=BERNOULLI,
                build_targets=lambda: _pairing_targets("cross-entropy", "sigmoid"),
                names=("cross-entropy gradient", "gradient of the cross-entropy", "cross entropy gradient",
                       "binary cross-entropy", "cross-entropy cost"),
                standing=("a_j = σ(z_j)", "C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]", "y_j ∈ {0, 1}")),
        Context("linear-output-quadratic", get("linear-output-quadratic").title, IDENTITY, model=GAUSSIAN,
                build_targets=lambda: _pairing_targets("quadratic", "identity"),
                names=("linear output", "linear neurons", "identity output", "linear neurons in the output layer",
                       "linear output neurons"),
                standing=("a_j = z_j (linear output)", "C = ½ Σ_j (y_j − a_j)²")),
        Context("softmax-jacobian", get("softmax-jacobian").title, SOFTMAX, assumptions=classes,
                build_targets=lambda: (Target("∂a_j/∂z_k = a_j(δ_jk − a_k)", jacobian),),
                names=("softmax jacobian", "derivative of the softmax", "softmax derivative",
                       "derivative of softmax"),
                standing=softmax_standing),
        Context("softmax-monotonicity", get("softmax-monotonicity").title, SOFTMAX, assumptions=classes,
                build_targets=lambda: (Target("∂a_j/∂z_j > 0", sp.Gt(sp.Derivative(a[j], z[j]), 0)),
                         Target("∂a_j/∂z_k < 0 for j ≠ k", sp.Lt(sp.Derivative(a[j], z[k]), 0), (sp.Ne(j, k),))),
                names=("monotonicity of softmax", "softmax monotonicity", "monotonicity"),
                standing=softmax_standing),
        Context("softmax-log-likelihood-gradient", get("softmax-log-likelihood-gradient").title, SOFTMAX, assumptions=classes,
                model=CATEGORICAL, build_targets=lambda: _pairing_targets("log-likelihood", "softmax"),
                names=("log-likelihood", "log likelihood", "softmax and cross-entropy",
                       "categorical cross-entropy", "negative log-likelihood", "backpropagation with softmax"),
                standing=softmax_standing + ("C = −Σ_j y_j ln a_j", "y one-hot: Σ_j y_j = 1")),
        Context("softmax-distribution", get("softmax-distribution").title, SOFTMAX, assumptions=classes,
                build_targets=lambda: (Target("Σ_j a_j = 1", sp.Eq(sp.Sum(a[j], (j, 1, n)), 1)),
                         Target("a_j > 0", sp.Gt(a[j], 0))),
                names=("softmax is a probability distribution", "probability distribution", "sum to one",
                       "sums to 1"),
                standing=softmax_standing),
        Context("softmax-temperature", get("softmax-temperature").title, SOFTMAX, temperature=True,
                assumptions=classes + tuple(get("softmax-temperature").statement().hypotheses),
                build_targets=lambda: _claim_targets("softmax-temperature"),   # its limits, with ties
                own_symbols=_temperature_symbols,
                names=("temperature", "where does the softmax name come from", "softmax name"),
                standing=("a_j = e^{c z_j} / Σ_k e^{c z_k}, c > 0", "n ≥ 2 classes",
                          "with m tied maxima M and the other inputs M − d_s (d_s > 0, s = 1..q): "
                          "a_max = e^{cM} / (m e^{cM} + Σ_s e^{c(M − d_s)})")),
    ]
    out = {entry.id: entry for entry in entries}
    for claim_id in ids():                 # every other claim: its context from its own Statement
        if claim_id not in out:
            out[claim_id] = _from_claim(claim_id)
    return out


def _temperature_symbols() -> tuple:
    from exercises.claims import softmax_temperature as T
    return (T.M, T.ties, T.others)


def _claim_targets(claim_id: str) -> tuple:
    """The claim's own statements, each a target: its proposition's parts (an Implies part under
    its condition: if k = j, the statement at k = j; if j != k, a target's condition), with the
    claim's notation unfolded but for the quantities a chain speaks of (a_j, z_j, C, delta_j)."""
    from derivations.steps import statement_text
    from exercises.registry import get
    st = get(claim_id).statement()
    parts = st.proposition.args if isinstance(st.proposition, sp.And) else (st.proposition,)
    out = []
    for part in parts:
        conditions = ()
        if isinstance(part, sp.Implies):
            condition, part = part.args
            found = list(condition.args) if isinstance(condition, sp.And) else [condition]
            same = {c.lhs: c.rhs for c in found if isinstance(c, sp.Eq) and all(
                isinstance(t, sp.Symbol) and t.is_integer for t in c.args)}
            part = part.xreplace(same)
            conditions = tuple(c for c in found if not (isinstance(c, sp.Eq) and c.lhs in same))
        try:
            for d in st.notation:
                if d.key not in _CHAIN_QUANTITIES():
                    part = d.replace(part)
        except (ValueError, TypeError):   # d/dA with A defined: not a statement a chain can end at
            continue
        if st.refutes and isinstance(part, sp.Eq):     # the claim is that the equation fails
            part = sp.Ne(part.lhs, part.rhs, evaluate=False)
        elif st.refutes:
            continue
        if not isinstance(part, (sp.Eq, sp.Gt, sp.Lt, sp.Ge, sp.Le, sp.Ne)) or part.has(sp.MatrixSymbol):
            continue
        shown = statement_text(part)
        out.append(Target(shown, part, conditions))
    return tuple(out)


@lru_cache(maxsize=1)
def _CHAIN_QUANTITIES() -> frozenset:
    from derivations.symbols import C, a, a_prev, b, delta, w, z
    return frozenset({a, z, C, delta, w, b, a_prev})


def _from_claim(claim_id: str) -> Context:
    """A claim's context from its own Statement: the activation its notation defines (the
    softmax, sigma, or sigma alone for one neuron), its hypotheses as standing assumptions, its
    givens (y one-hot) as premises, and its statements as targets."""
    from derivations.activations import IDENTITY, SIGMOID, SOFTMAX, sigma, sigma_prime
    from derivations.steps import statement_text
    from derivations.symbols import a, c, z, z1
    from exercises.registry import get
    claim = get(claim_id)
    st = claim.statement()
    activation, scalar, temperature, classes = None, False, False, None
    for d in st.notation:
        if isinstance(d.target, sp.Indexed) and d.target.base == a and len(d.target.indices) == 1:
            value = d.value
            if value.has(sp.Sum) and value.has(sp.exp):
                activation, temperature = SOFTMAX, value.has(c)
                (_, lo, hi), = next(iter(value.atoms(sp.Sum))).limits
                classes = (lo, hi) if lo.is_number and hi.is_number else None
            elif isinstance(value, sigma):
                activation = SIGMOID
            elif isinstance(value, sp.Indexed) and value.base == z:
                activation = IDENTITY
    if activation is None and st.proposition.has(sigma, sigma_prime) and st.proposition.has(z1):
        activation, scalar = SIGMOID, True
    standing = tuple(statement_text(d.statement()) for d in st.notation if d.key in _CHAIN_QUANTITIES()) + \
        tuple(statement_text(h) for h in st.hypotheses) + tuple(statement_text(g.statement) for g in st.given)
    return Context(claim_id, claim.title, activation, scalar=scalar,
                   build_targets=lambda: _claim_targets(claim_id), standing=standing,
                   assumptions=tuple(st.hypotheses), temperature=temperature,
                   given=tuple(g.premise for g in st.given if g.premise is not None), classes=classes)


def known() -> str:
    return ", ".join(table())


def by_id(claim_id: str) -> Context:
    """The context of a claim id (every id of `nndl prove`); an NndlError naming them otherwise."""
    contexts = table()
    if claim_id in contexts:
        return contexts[claim_id]
    raise unknown("exercise with id", claim_id, contexts)


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9']+", " ", text.lower().replace("−", "-").replace("-", " ")) + " "


def from_heading(heading: str) -> Context | None:
    """The exercise a heading names (its id, title, or one of its usual names), longest match."""
    if not heading:
        return None
    said = _words(heading)
    best, length = None, 0
    for ctx in table().values():       # the exercise whose names the heading says most of
        found = [phrase for phrase in (_words(name).strip() for name in (ctx.id.replace("-", " "), ctx.title, *ctx.names))
                 if phrase and f" {phrase} " in said]
        score = sum(len(p) for p in found if not any(p != q and p in q for q in found))
        if score > length:
            best, length = ctx, score
    return best
