"""Definitions: a fresh symbol, family a_j or function C(a) and its value, and the definitions in
scope, which every check unfolds.

A definition asserts nothing: `fresh_problem` says why `target := value` is not one (a symbol in
use, a symbol that carries assumptions of its own, a value that names the target).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.notation import text
from derivations.steps.statements import canonical_indices, names_in

@dataclass(frozen=True)
class Definition:
    """target := value. target is a Symbol, an Indexed a[j] (the family a, index j), or an applied
    function C(a) (the function C of a). A `dependency` (z_i as a function of the weights) is
    unfolded only in statements that differentiate by what it depends on."""

    target: sp.Basic
    value: sp.Basic
    dependency: bool = False

    @property
    def key(self):
        t = self.target
        if isinstance(t, sp.Indexed):
            return t.base
        if isinstance(t, sp.Function):
            return t.func
        return t

    def occurs(self, e) -> bool:
        return self.occurs_in(Present.of(e))

    def occurs_in(self, present: "Present") -> bool:
        """Whether the target occurs in an expression, read from what it has (`Present.of`): what
        a kind of definition overrides (with `replace`)."""
        t = self.target
        if isinstance(t, sp.Indexed):
            return t.base in present.bases
        if isinstance(t, sp.Function):
            return t.func in present.kinds
        return t in present.symbols

    def replace(self, e):
        """e with every occurrence of the target replaced by the value (one level)."""
        t, value = self.target, self.value
        if isinstance(t, sp.Indexed):
            params = t.indices
            return e.replace(lambda x: isinstance(x, sp.Indexed) and x.base == t.base and len(x.indices) == len(params),
                             lambda x: value.xreplace(dict(zip(params, x.indices))))
        if isinstance(t, sp.Function):
            params = t.args
            return e.replace(lambda x: isinstance(x, sp.Function) and x.func == t.func,
                             lambda x: value.xreplace(dict(zip(params, x.args))))
        return e.xreplace({t: value})

    def differentiates_by(self, d: sp.Derivative) -> bool:
        """Whether the derivative is taken with respect to (an element of) this target."""
        for v, _ in d.variable_count:
            if (v.base if isinstance(v, sp.Indexed) else v) == self.key:
                return True
        return False

    def statement(self) -> sp.Eq:
        return sp.Eq(self.target, self.value, evaluate=False)

    @functools.cached_property
    def _depends_on(self) -> frozenset:
        return frozenset({x.base for x in self.value.atoms(sp.Indexed)} | set(self.value.free_symbols))

    def depends_on(self) -> set:
        return set(self._depends_on)


@dataclass(frozen=True)
class Present:
    """What an expression has, read in one walk: its symbols (bound ones included), the families
    of its elements, the kinds of its nodes (an applied function's class)."""

    symbols: frozenset
    bases: frozenset
    kinds: frozenset

    @classmethod
    def of(cls, e) -> "Present":
        symbols, bases, kinds = set(), set(), set()
        for node in sp.preorder_traversal(e):
            kinds.add(type(node))
            if isinstance(node, sp.Symbol):
                symbols.add(node)
            elif isinstance(node, sp.Indexed):
                bases.add(node.base)
        return cls(frozenset(symbols), frozenset(bases), frozenset(kinds))


def chapter_definitions() -> list[Definition]:
    """The chapter's display functions: sigma(x) and sigma'(x) stand for their definitions."""
    from derivations.activations import sigma, sigma_prime, sigmoid, sigmoid_prime
    u = sp.Symbol("u", real=True)
    return [Definition(sigma(u), sigmoid(u)), Definition(sigma_prime(u), sigmoid_prime(u))]


_UNFOLDED: dict = {}        # (expression, kept, definitions) -> unfolded: checks unfold the same statements often


class Definitions:
    """The definitions in scope, in order; `unfold` replaces each target by its value.

    A derivative with respect to a defined quantity (dC/da_i, with a_i = sigma(z_i)) is taken
    first, with the quantity as the variable, and only then is the quantity unfolded: the chain
    rule's meaning of dC/da_i evaluated at a = sigma(z)."""

    def __init__(self, entries: Sequence[Definition] = ()):
        self.entries: list[Definition] = list(entries)

    def copy(self) -> "Definitions":
        return Definitions(self.entries)

    def add(self, d: Definition) -> None:
        self.entries.append(d)

    def keys(self) -> set:
        return {d.key for d in self.entries}

    def find(self, target) -> Definition | None:
        """The definition of this target (a family at as many indices)."""
        for d in reversed(self.entries):
            t = d.target
            if isinstance(target, sp.Indexed) and isinstance(t, sp.Indexed):
                if t.base == target.base and len(t.indices) == len(target.indices):
                    return d
            elif isinstance(target, sp.Function) and isinstance(t, sp.Function):
                if t.func == target.func:
                    return d
            elif t == target:
                return d
        return None

    def get(self, key) -> Definition | None:
        """The (last) definition of key: a symbol, a family's base, a function."""
        return next((d for d in reversed(self.entries) if d.key == key), None)

    def unfold_once(self, expr, keep=frozenset(), varied=None):
        """Every defined target in expr replaced by its value, one level deep. A derivative by a
        defined target is carried out once nothing else in it is left to unfold; until then it
        is left as it is."""
        from derivations.symbols import evaluate
        varied = varied or set()
        active = [d for d in self.entries
                  if d.key not in keep and not (d.dependency and not (d.depends_on() & varied))]
        present = None          # what expr has, read again only once it has changed
        for d in active:
            present = present or Present.of(expr)
            if not d.occurs_in(present):
                continue
            present = None
            others = [o for o in active if o is not d]

            def ready(x, d=d, others=others):
                if not (isinstance(x, sp.Derivative) and d.differentiates_by(x)):
                    return False
                inside = Present.of(x.expr)
                return not any(o.occurs_in(inside) for o in others)
            expr = expr.replace(ready, lambda x: evaluate(_apart_indices(x)))
            if isinstance(d.target, sp.Symbol):      # C'(a) with a = value: C' at the point a = value
                expr = expr.replace(lambda x, d=d, others=others: ready(x) and isinstance(x, sp.Derivative),
                                    lambda x, d=d: _at_point(x, d.target, d.value))
            waiting = {x: sp.Dummy("waiting") for x in expr.atoms(sp.Derivative) if d.differentiates_by(x)}
            expr = d.replace(expr.xreplace(waiting)).xreplace({v: k for k, v in waiting.items()})
        return expr

    def unfold_everything(self, expr, depth: int = 0):
        """expr with every definition, dependencies included, replaced by its value until none is
        left, no derivative carried out (a derivative's variable stays the variable: d/da_i of C,
        with C unfolded in terms of a_i): what expr depends on, for reading side conditions."""
        if depth > 32 or not isinstance(expr, sp.Basic):
            return expr
        if isinstance(expr, sp.Derivative):
            mask = {v: sp.Dummy() for v, _ in expr.variable_count}
            body = self.unfold_everything(expr.expr.xreplace(mask), depth)
            return sp.Derivative(body.xreplace({m: v for v, m in mask.items()}), *expr.variable_count)
        if isinstance(expr, (sp.Symbol, sp.Indexed, AppliedUndef)):
            d = self.find(expr)
            if d is not None and not (isinstance(expr, sp.Symbol) and d.target != expr):
                return self.unfold_everything(d.replace(expr), depth + 1)
            if isinstance(expr, (sp.Symbol, sp.Indexed)):
                return expr
        if not expr.args or isinstance(expr, sp.IndexedBase):
            return expr
        args = [self.unfold_everything(a, depth) for a in expr.args]
        try:
            return expr.func(*args, evaluate=False)
        except TypeError:
            return expr.func(*args)

    def unfold(self, expr, keep=frozenset(), rewrites: Sequence = ()):
        """Unfold to the end; before each level, apply the `rewrites` (expr -> expr: an earlier
        step's equation, written with the folded symbols). A proposition is unfolded relation by
        relation, both sides a level at a time (never evaluated by SymPy on the way); a dependency
        (z in terms of w) is unfolded where the relation, at that level, differentiates by w."""
        if isinstance(expr, (sp.And, sp.Or, sp.Implies, sp.Equivalent, sp.Not)):
            return expr.func(*(self.unfold(x, keep, rewrites) for x in expr.args), evaluate=False)
        key = (expr, frozenset(keep), tuple(map(id, self.entries)))
        if rewrites:
            return self._unfold(expr, keep, rewrites)
        if key not in _UNFOLDED:
            if len(_UNFOLDED) > 5000:
                _UNFOLDED.clear()
            _UNFOLDED[key] = self._unfold(expr, keep, ())
        return _UNFOLDED[key]

    def _unfold(self, expr, keep, rewrites):
        """Everything but the dependencies first; then, if a derivative by what a dependency
        depends on is left (dC/dw_jk with C written in z), the dependency too, everywhere."""
        sides = list(expr.args) if isinstance(expr, sp.Rel) else [expr]
        sides = self._levels(sides, keep, rewrites, set())
        varied = set().union(*(_differentiated_by(e) for e in sides))
        if any(d.dependency and d.depends_on() & varied for d in self.entries):
            sides = self._levels(sides, keep, rewrites, varied)
        return expr.func(*sides, evaluate=False) if isinstance(expr, sp.Rel) else sides[0]

    def _levels(self, sides, keep, rewrites, varied):
        for _ in range(16):
            for rw in rewrites:
                sides = [rw(e) for e in sides]
            new = [self.unfold_once(e, keep, varied) for e in sides]
            new = [e.replace(lambda x: isinstance(x, sp.Subs) and not x.expr.atoms(AppliedUndef), lambda x: x.doit())
                   if e.has(sp.Subs) else e for e in new]          # a substitution, written out (not C'(xi) at a point)
            if new == sides:
                return sides
            sides = new
        return sides


def _at_point(d: sp.Derivative, symbol, value):
    """d/da f(a), written at a = value: Subs(d/dxi f(xi), xi, value) (what C'(a) means once a is
    unfolded)."""
    xi = sp.Dummy("xi", real=True)
    return sp.Subs(sp.Derivative(d.expr.xreplace({symbol: xi}), *[(xi if v == symbol else v, c) for v, c in d.variable_count]),
                   xi, value)


def _apart_indices(d: sp.Derivative) -> sp.Derivative:
    """The derivative with every summation index inside renamed apart from the indices of its
    variables: SymPy differentiates sum_i f(z_i) by z_i wrongly when the bound and the free i are
    one symbol. Renaming a bound index changes nothing; the new one has the same range."""
    from derivations.symbols import INDEX_RANGES
    used = {t for v, _ in d.variable_count for t in v.atoms(sp.Symbol)}
    taken = set(d.atoms(sp.Symbol))
    spare = [s for s in INDEX_RANGES if s not in taken]

    def walk(e):
        if isinstance(e, (sp.Sum, sp.Product)) and len(e.limits) == 1 and e.limits[0][0] in used:
            v, lo, hi = e.limits[0]
            fresh = next((s for s in spare if INDEX_RANGES[s] == INDEX_RANGES.get(v)
                          and s.assumptions0 == v.assumptions0), None)
            if fresh is None:
                return e
            spare.remove(fresh)
            return e.func(walk(e.function.xreplace({v: fresh})), (fresh, lo, hi))
        if not e.args or isinstance(e, (sp.Symbol, sp.Indexed)):
            return e
        return e.func(*(walk(a) for a in e.args))
    return sp.Derivative(walk(d.expr), *d.variable_count)


def _differentiated_by(expr) -> set:
    """Bases and symbols a derivative in expr is taken with respect to."""
    out = set()
    for d in expr.atoms(sp.Derivative):
        for v, _ in d.variable_count:
            out.add(v.base if isinstance(v, sp.Indexed) else v)
    return out


def claimed_assumptions(holder) -> set:
    """The assumptions a symbol or family carries (real, positive, transcendental, ...)."""
    return {k for k, v in holder.assumptions0.items() if v} - {"commutative"}


def implied_assumptions(holder, value) -> dict:
    """Of the assumptions `holder` carries, those its value is known to have (SymPy's assumptions
    on the value): what a defined symbol may keep where it stands as a variable."""
    return {k: True for k in claimed_assumptions(holder) if getattr(value, f"is_{k}") is True}


REAL = {"real", "complex", "finite", "hermitian", "extended_real", "infinite"}   # what 'real=True' brings, and none else


def fresh_problem(target, value, taken: set) -> str | None:
    """Why `target := value` is not a definition of a fresh symbol (None when it is)."""
    if not isinstance(target, (sp.Symbol, sp.Indexed, AppliedUndef)):
        return f"{text(target)} is not a symbol, a family a_j or a function C(x): a definition names something new"
    key = Definition(target, value).key
    if key in taken:
        return f"{text(target)} is not fresh: the claim or an earlier definition uses it"
    holder = target.base if isinstance(target, sp.Indexed) else target
    if isinstance(holder, (sp.Symbol, sp.IndexedBase)):
        claimed = claimed_assumptions(holder)
        unproved = sorted(k for k in claimed - REAL if getattr(value, f"is_{k}") is not True)
        if unproved:
            return (f"{text(target)} carries the assumptions {', '.join(unproved)}, which its value is not known to "
                    "have: a definition asserts nothing, so its symbol may only be real; show its properties as steps")
        contradicted = sorted(k for k in claimed if getattr(value, f"is_{k}") is False)
        if contradicted:
            return f"{text(target)} is declared {', '.join(contradicted)}, and its value is not"
    if isinstance(target, sp.Indexed) and (not all(isinstance(t, sp.Symbol) for t in target.indices)
                                           or len(set(target.indices)) != len(target.indices)):
        return f"{text(target)}: a family is defined at distinct index symbols"
    if isinstance(target, AppliedUndef) and not all(isinstance(t, sp.Symbol) for t in target.args):
        return f"{text(target)}: a function is defined at distinct variables"
    if key in names_in(value):
        return f"{text(target)} is defined in terms of itself"
    return None




def same_definition(d1: Definition, d2: Definition) -> bool:
    """Two definitions of one target with the same value (up to the names of indices)."""
    if d1.dependency != d2.dependency or type(d1.target) is not type(d2.target):
        return False
    if isinstance(d1.target, (sp.Indexed, sp.Function)):
        p1 = d1.target.indices if isinstance(d1.target, sp.Indexed) else d1.target.args
        p2 = d2.target.indices if isinstance(d2.target, sp.Indexed) else d2.target.args
        if len(p1) != len(p2):
            return False
        common = [sp.Dummy() for _ in p1]
        v1, v2 = d1.value.xreplace(dict(zip(p1, common))), d2.value.xreplace(dict(zip(p2, common)))
    else:
        v1, v2 = d1.value, d2.value
    return canonical_indices(v1) == canonical_indices(v2)

