"""each cost of the chapter is the negative log-likelihood of a model of the
labels, with the terms that do not depend on the output dropped and a positive factor divided
out: Gaussian -> quadratic, independent Bernoulli -> binary cross-entropy, categorical ->
categorical cross-entropy; and over N training examples, -ln L is N times that factor times the
chapter's average cost (1/N) sum_x C_x, plus a constant.

The derivations are `derivations.models`'; this claim takes over their checked steps, uses them
for this claim's likelihoods (instances of them), and compares each cost with the chapter's.
"""
from __future__ import annotations

import sympy as sp

from derivations.models import L_DATA, MODELS, cost_x, L_x, per_example
from derivations.steps import Definition
from derivations.symbols import L, a, j, k, n, x_count, x_index, y
from exercises.proof import Claim, Statement
from exercises.shared_steps import one_hot
from exercises.sources import BOOK, NOTES, ROELANTS

CHAPTER_COSTS = {
    "quadratic": sp.Rational(1, 2) * sp.Sum((y[j] - a[j]) ** 2, (j, 1, n)),
    "cross-entropy": -sp.Sum(y[j] * sp.log(a[j]) + (1 - y[j]) * sp.log(1 - a[j]), (j, 1, n)),
    "log-likelihood": -sp.Sum(y[j] * sp.log(a[j]), (j, 1, n)),
}


def _symbols(model):
    """This claim's names for one model's quantities."""
    tag = model.name
    return {"L": sp.Symbol(f"L_{{{tag}}}", real=True), "C": sp.Symbol(f"C_{{{tag}}}", real=True),
            "Lx": sp.IndexedBase(f"L^{{{tag}}}", real=True), "Dx": sp.IndexedBase(f"D^{{{tag}}}", real=True),
            "Cx": sp.IndexedBase(f"C^{{{tag}}}", real=True), "data": sp.Symbol(f"L_{{{tag},data}}", real=True),
            "mean": sp.Symbol(rf"\bar{{C}}_{{{tag}}}", real=True)}


def _parts(model, S):
    s, d = model.scale, model.dropped_total
    parts = [sp.Eq(-sp.log(S["L"]), s * S["C"] + d, evaluate=False)]
    if s != 1:
        parts.append(sp.Gt(s, 0, evaluate=False))
    parts += [sp.Eq(sp.Derivative(t.term, a[k]), 0, evaluate=False) for t in model.dropped]
    parts.append(sp.Eq(-sp.log(S["data"]), x_count * s * S["mean"] + x_count * d, evaluate=False))
    return parts


def statement(costs=CHAPTER_COSTS):
    """costs: model key -> the claimed cost for that model."""
    notation, parts, hypotheses = [], [], []
    for key, model in MODELS.items():
        S = _symbols(model)
        notation += [Definition(S["L"], model.likelihood), Definition(S["C"], costs[key]),
                     Definition(S["Lx"][x_index], per_example(model.likelihood)),
                     Definition(S["Dx"][x_index], per_example(model.cost())),
                     Definition(S["Cx"][x_index], per_example(costs[key])),
                     Definition(S["data"], sp.Product(S["Lx"][x_index], (x_index, 1, x_count))),
                     Definition(S["mean"], sp.Sum(S["Cx"][x_index], (x_index, 1, x_count)) / x_count)]
        parts += _parts(model, S)
        hypotheses += [h for h in [*model.assumptions, *(per_example(r) for r in model.assumptions)] if h not in hypotheses]
    given = (one_hot(),)        # the categorical model's labels
    return Statement(sp.And(*parts, evaluate=False), hypotheses=tuple(hypotheses), given=given, notation=tuple(notation))


def prove(proof, s):
    shown = []
    for key, model in MODELS.items():
        S = _symbols(model)
        one, many = model.derivation, model.average_derivation
        proof.derivation(one, prefix=f"{model.name}: ")
        proof.derivation(many, prefix=f"{model.name}, N examples: ")
        split = proof.instance(one.marked["split"], {L: S["L"]}, f"the {model.name} derivation, for this claim's likelihood")
        shown.append(proof.show(sp.Eq(-sp.log(S["L"]), model.scale * S["C"] + model.dropped_total, evaluate=False),
                                f"the {model.name} model's cost is the chapter's {model.cost_name} cost", using=[split]))
        for name in [n_ for n_ in one.marked if n_ != "split"]:
            fact = one.marked[name]
            shown.append(proof.show(fact.statement, f"{model.name}: {fact.why_parts[0]}", using=[fact]))
        average = proof.instance(many.marked["split"], {L_DATA: S["data"], L_x: (lambda x, S=S: S["Lx"][x]),
                                                        cost_x: (lambda x, S=S: S["Dx"][x])},
                                 f"the {model.name} derivation over $N$ examples, for this claim's likelihoods")
        shown.append(proof.show(_parts(model, S)[-1], "and over the $N$ examples, with the chapter's average cost",
                                using=[average]))
    proof.show(s.proposition, "every model", using=shown)


CLAIM = Claim(
    __name__,
    title="Each cost is a negative log-likelihood",
    prose="Gaussian gives the quadratic cost, independent Bernoulli the binary cross-entropy, categorical "
          "the categorical cross-entropy (derived in derivations.models).",
    source=f"{NOTES}, sections 58.2-58.5 (likelihood models and costs); {ROELANTS} (cross-entropy from the likelihood); {BOOK}, equations 57, 63, 80",
    expected="proved",
    statement=statement,
    prove=prove,
)
