"""The backpropagation equations whatever the cost: a reading that may only prove.

Chapter 2's equations BP1, BP3 and BP4 (δ_j = ∂C/∂a_j σ'(z_j), ∂C/∂b_j = δ_j, ∂C/∂w_jk =
a_k^{l-1} δ_j), written by a text that never says which cost it means, hold for every cost of
the outputs: they rest only on the letters the chapter defines the same way in every exercise
(z_j = Σ_k w_jk a_k^{l-1} + b_j, a_j = σ(z_j) for a sigmoid layer, δ_j = ∂C/∂z_j).

The reading: C is any cost of the layer's outputs a_1, ..., a_n, and a step about its first
derivatives at one point is the same step about its linear part there,

    C = Σ_i G_i a_i,    G_i = ∂C/∂a_i at the point (any real numbers),

since a first derivative of C by anything upstream of a (z, w, b) is, by the chain rule, that of
the linear part. A step proved for every G (by the kernel, as any other step) holds for every
cost. A step refuted there is false for some cost, which need not be the text's: it stays
undecided. So the reading is taken only for a step that writes nothing else of C: its first
derivatives (or δ) by the chapter's indexed a_j, z_j, w_jk, b_j, no C alone, no second
derivative, no sum, no label y, no one-neuron letter, the layers of one step written alike
(a^l with z^l, a^{l-1}; the reader reads l as L), and a_j (the outputs) only where the step writes
σ (σ'(z_j): a sigmoid layer); nor where the text defines C, δ, a or σ itself, or speaks of
regularization (a cost that depends on w itself).
"""
from __future__ import annotations

import re
from functools import lru_cache

import sympy as sp

from derivations import symbols as S
from exercises.check.report import FOLLOWS, UNDECIDED, ChainReport, StepReport

GRADIENT = sp.IndexedBase("∂C/∂a", real=True)      # G_i = ∂C/∂a_i at the point, any real numbers
WHAT = ("C any cost of the outputs (the chain rule: its first derivatives are those of "
        "Σ_i (∂C/∂a_i) a_i), a_j = σ(z_j) as σ' in the step says, δ_j = ∂C/∂z_j, z_j = Σ_k w_jk a_k + b_j")


class AnyCost:
    """The cost of the reading: its linear part at the point, Σ_i G_i a_i (G free)."""

    key = "any cost"
    premises: tuple = ()
    samplers: dict = {}

    def cost(self, idx=S.j) -> sp.Expr:
        return sp.Sum(GRADIENT[idx] * S.a[idx], (idx, 1, S.n))


@lru_cache(maxsize=1)
def context():
    """The reading's context: a sigmoid layer, the cost any (its linear part), n ≥ 2 outputs."""
    from derivations.activations import SIGMOID
    from exercises.check.contexts import Context
    return Context("", "", SIGMOID, model=AnyCost(), assumptions=(sp.Ge(S.n, 2),))


_LAYER = re.compile(r"\^\s*\{?\s*([lL])\s*(?:([+-])\s*1)?\s*\}?")
_REGULARIZED = re.compile(r"(?i)regulari[sz]|weight\s+decay|正则")


def layers_alike(source: str) -> bool:
    """Whether a step writes one layer (l or L) throughout, with its previous layer l - 1 (the
    reader reads a^l and a^L alike, so δ^l = ∂C/∂a^L_j σ'(z^l_j) must not be read as one layer)."""
    found = {(m.group(1), m.group(2)) for m in _LAYER.finditer(source)}
    return len({letter for letter, _ in found}) <= 1 and all(sign in (None, "-") for _, sign in found)


def _first_of_cost(d) -> bool:
    if not isinstance(d, sp.Derivative) or d.expr not in (S.C,) or len(d.variable_count) != 1:
        return False
    (v, count), = d.variable_count
    if count != 1 or not isinstance(v, sp.Indexed):
        return False
    return (v.base in (S.a, S.z, S.b) and len(v.indices) == 1) or (v.base == S.w and len(v.indices) == 2)


def readable(left, right, source: str, sigmoid: bool = True) -> bool:
    """Whether the step (its two sides as read, in display symbols) writes only what the reading
    speaks of: first derivatives of C by a_j, z_j, w_jk, b_j, and δ_j; a_j only beside σ, and
    only where the text names no other output layer near the chain (`sigmoid`)."""
    from derivations.activations import sigma, sigma_prime
    sides = (left, right)
    if not all(isinstance(e, sp.Expr) for e in sides) or not layers_alike(source):
        return False
    derivatives = set().union(*(e.atoms(sp.Derivative) for e in sides))
    deltas = {t for e in sides for t in e.atoms(sp.Indexed) if t.base == S.delta}
    if not (derivatives or deltas) or not all(_first_of_cost(d) for d in derivatives) \
            or any(len(t.indices) != 1 for t in deltas):
        return False
    rest = [e.xreplace({d: sp.Dummy() for d in derivatives}) for e in sides]
    if any(e.has(S.C, S.C_x, S.y, sp.Sum, sp.Derivative) for e in rest):
        return False
    letters = [e.xreplace({t: sp.Dummy() for t in e.atoms(sp.Indexed)}) for e in rest]
    if any(e.has(S.a1, S.z1, S.y1) for e in letters):       # one neuron's a, z, y (not a_j's letter a)
        return False
    outputs = any(e.has(S.a) for e in sides)
    return not outputs or (sigmoid and any(e.has(sigma, sigma_prime) for e in sides))


def of_outputs(value) -> bool:
    """Whether a cost the text defines is a function of the outputs a_j and the labels y_j alone
    (the quadratic, the cross-entropy): the reading, true for every such cost, covers it."""
    letters = value.xreplace({t: sp.Dummy() for t in value.atoms(sp.Indexed) if t.base in (S.a, S.y)})
    return not letters.atoms(sp.Indexed) and not letters.atoms(sp.Derivative) and not letters.atoms(sp.Function) \
        and all(s.is_integer or s == S.n or isinstance(s, sp.Dummy) for s in letters.free_symbols)


@lru_cache(maxsize=1)
def _checker():
    """The checker whose text's own C, where it is a cost of the outputs, gives way to any cost."""
    from exercises.check.checker import ChainChecker

    class AnyCostChecker(ChainChecker):
        def definitions(self):
            defs, index_range = super().definitions()
            own = defs.get(S.C)
            if own is not None and not own.params and of_outputs(own.value):
                del defs[S.C]
            return defs, index_range
    return AnyCostChecker


def proved_for_any_cost(doc, chain, report: ChainReport, *, sigmoid: bool = True) -> ChainReport:
    """`report` with each step it leaves undecided that follows for every cost (read as above)
    taken as following, saying so; every other step as it was. `sigmoid`: whether the output
    layer may be read as σ (False where the text names a softmax or linear layer near the chain)."""
    if not any(s.verdict == UNDECIDED and not s.claim for s in report.steps) or _REGULARIZED.search(doc.text):
        return report
    checker = _checker()(doc, chain, None, context=context())
    again = checker.run()
    defs = checker._reading[0] if getattr(checker, "_reading", None) else {}
    own = {getattr(k, "name", getattr(k, "__name__", str(k))) for k in defs}
    if own & {"C", "delta", "a", "sigma", "δ"} or any(k in defs for k in (S.C, S.delta, S.a)):
        return report
    parts = [checker.read(p.source) for p in chain.parts]
    theirs = {(s.line, s.column, s.source): s for s in again.steps if not s.claim}
    steps = [s for s in report.steps if not s.claim]
    taken = 0
    for number, step in enumerate(steps):
        other = theirs.get((step.line, step.column, step.source))
        if step.verdict != UNDECIDED or other is None or other.verdict != FOLLOWS or number + 1 >= len(parts):
            continue
        left, right = parts[number].expr, parts[number + 1].expr
        if left is None or right is None or not readable(left, right, step.source, sigmoid):
            continue
        at = report.steps.index(step)
        report.steps[at] = StepReport(
            step.line, step.column, step.source, step.relation, FOLLOWS,
            "follows for every cost: it rests only on the chapter's definitions (δ_j = ∂C/∂z_j, "
            "z_j = Σ_k w_jk a_k^{l-1} + b_j, a_j = σ(z_j) where the step writes σ) and the chain rule",
            equals_start=step.equals_start, quoted=step.quoted, claim=step.claim,
            detail=f"proved under the reading {WHAT}: {other.detail or other.reason}")
        taken += 1
    if taken:
        report.notes.append(f"{taken} step(s) follow for every cost (the backpropagation equations: "
                            "they do not depend on which cost); under no exercise they are undecided")
    return report
