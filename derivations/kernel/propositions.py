"""What a verdict is about: a statement under assumptions, and the side conditions the kernel
decides by reading an expression (never by asking a library)."""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


def _key(assumptions) -> tuple:
    return tuple(sorted(dict.fromkeys(sp.sympify(a) for a in assumptions or ()), key=sp.srepr))


@dataclass(frozen=True)
class Proposition:
    """`statement` holds at every point where all the `assumptions` hold."""

    statement: sp.Basic
    assumptions: tuple = ()

    @classmethod
    def of(cls, statement, assumptions=()) -> "Proposition":
        return cls(sp.sympify(statement) if not isinstance(statement, sp.Basic) else statement, _key(assumptions))

    def implies(self, other: "Proposition") -> bool:
        """Weakening only: the same statement, under no more assumptions than `other` has."""
        return self.statement == other.statement and set(self.assumptions) <= set(other.assumptions)


class SideCondition(sp.Basic):
    """A side condition on an expression and a variable, decided by `holds()`."""

    @property
    def expr(self):
        return self.args[0]

    @property
    def var(self):
        return self.args[1]

    def holds(self) -> bool:
        raise NotImplementedError


class Independent(SideCondition):
    """Side condition: `expr` does not depend on `var` (no free occurrence of it or of an element
    of its family). Decided by the kernel from the expression's free symbols."""

    def holds(self) -> bool:
        e, v = self.expr, self.var
        if isinstance(v, sp.Indexed):
            return not any(isinstance(a, sp.Indexed) and a.base == v.base for a in e.atoms(sp.Indexed)) \
                and v.base not in e.free_symbols and v.base.label not in e.free_symbols
        return not (e.free_symbols & v.free_symbols)


class IsInteger(sp.Basic):
    """Side condition: `expr` is an integer: an integer literal, or built by +, -, * from symbols
    declared integer. Decided by the kernel by reading the expression."""

    @property
    def expr(self):
        return self.args[0]

    def holds(self) -> bool:
        def integral(e):
            if e.is_Integer:
                return True
            if isinstance(e, sp.Symbol):
                return e.is_integer is True
            if isinstance(e, (sp.Add, sp.Mul)):
                return all(integral(a) for a in e.args)
            if isinstance(e, sp.Pow):
                return integral(e.base) and e.exp.is_Integer and e.exp >= 0
            return False
        return integral(sp.sympify(self.expr))


SYNTACTIC = (Independent, IsInteger)


def _within_declared(r, i, ranges) -> bool:
    """r is a bound on the index i that its declared range 1..ranges[i] already implies
    (1 <= i, i <= n, i < n + 1): r says d >= 0 (or d > 0) with d = (i - 1) + c or (n - i) + c
    for a number c >= 0 (c > 0 for a strict r)."""
    if i not in ranges or not isinstance(r, (sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan, sp.StrictLessThan)):
        return False
    d = r.lhs - r.rhs if isinstance(r, (sp.GreaterThan, sp.StrictGreaterThan)) else r.rhs - r.lhs
    strict = isinstance(r, (sp.StrictGreaterThan, sp.StrictLessThan))
    for implied in (i - 1, sp.sympify(ranges[i]) - i):
        c = sp.expand(d - implied)
        if c.is_Rational and (c > 0 or (c == 0 and not strict)):
            return True
    return False


class ForAll(sp.Basic):
    """For every integer `index` with lo <= index <= hi, `relation` holds. The chapter's
    hypotheses on an element at a bare index (0 < a_j < 1, j an index of 1..n) mean this, and a
    verdict proved under them records it so; an element at any other subscript (z_n, z_{j+1},
    w_{j1}) is that element only."""

    @property
    def index(self):
        return self.args[0]

    @property
    def lo(self):
        return self.args[1]

    @property
    def hi(self):
        return self.args[2]

    @property
    def relation(self):
        return self.args[3]

    def __str__(self):
        return f"for every {self.index} in {self.lo}..{self.hi}: {self.relation}"


def families(assumptions, ranges) -> list:
    """The assumptions with each relation on elements at one bare declared index (a_j, j in
    `ranges`) read as a `ForAll` over that index's range (see `ForAll`). An index that another
    assumption constrains (2 <= j, j != 1) names one element, not the family: its range is not
    the declared one."""
    out = []
    assumptions = [sp.sympify(r) for r in assumptions]
    constrained = set()
    for r in assumptions:
        inside = {i for x in r.atoms(sp.Indexed) for i in x.free_symbols}
        constrained |= {i for i in r.free_symbols - inside if not _within_declared(r, i, ranges)}
    for r in assumptions:
        indexed = r.atoms(sp.Indexed) if isinstance(r, sp.Rel) else set()
        shapes = {x.indices for x in indexed}
        if len(shapes) == 1:
            (idx,) = shapes
            bare = all(isinstance(i, sp.Symbol) and i in ranges and i.is_integer and i not in constrained
                       for i in idx) and len(set(idx)) == len(idx)
            outside = r.free_symbols - {i for x in indexed for i in x.free_symbols}
            if bare and not (set(idx) & outside) and set(idx) <= r.free_symbols:   # (sum_j y_j = 1: j is bound)
                for i in reversed(idx):
                    r = ForAll(i, sp.Integer(1), sp.sympify(ranges[i]), r)
                out.append(r)
                continue
        out.append(r)
    return out
