"""A step written under Einstein's convention, refuted however its implied sums are read.

A text that states the convention leaves its sums unwritten, and the one reading the checker
makes of it (every index two quantities of a term share summed) may not be the author's: a
denominator's index written once may be summed inside it (e^{θ_i}/e^{θ_m}), an index written once
in a term may be summed (-y_i ŷ_k, "the i left is a sum the convention implies") or not. Such a
step is wrong only at a point where it is false under *every* reading, so this module reads each
term of each side every way the convention allows:

- each index letter of a term (but the chain's free ones, e.g. k in ∂CE/∂θ_k) summed over the
  term, or left free (its value then part of the point);
- a letter all of whose occurrences stand in one power of the term (1/ŷ_i, (ŷ_m)^2) summed inside
  that power too;
- a chain's free letter a term repeats summed too (a text's slip in its own convention).

and looks, over exact rational points that satisfy everything the chapter states of the labels
and outputs (n >= 2 classes, y one-hot, ŷ positive and summing to 1: the softmax of θ = ln ŷ), for
one where no value the left side takes under any reading is a value the right side takes. The
arithmetic is exact (fractions), so the refutation is certain. A term with anything else in it
(a function of an index, a derivative, a quantity other than y and ŷ) is not read: no refutation.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

_LABELS, _OUTPUTS = "y", "ŷ"
_MOST_VALUES = 4096          # a side with more distinct values over its readings is not judged


class _Unread(Exception):
    """A term this module does not read (anything but y, ŷ, δ, numbers, written sums and powers)."""


@dataclass(frozen=True)
class Refutation:
    """A point where the step is false under every reading of its implied sums."""
    classes: int
    label: int                        # the true class t: y_t = 1, every other y 0
    outputs: tuple[Fraction, ...]     # ŷ_1, ..., ŷ_n
    letters: dict                     # the free index letters' values (the chain's k, and letters a reading leaves free)
    left: tuple[Fraction, ...]        # every value the left side takes over its readings
    right: tuple[Fraction, ...]

    def point(self) -> dict:
        shown = {"n": self.classes}
        shown.update({f"y_{c}": 1 if c == self.label else 0 for c in range(1, self.classes + 1)})
        shown.update({f"ŷ_{c}": str(v) for c, v in enumerate(self.outputs, 1)})
        shown.update({str(k): v for k, v in sorted(self.letters.items(), key=lambda kv: str(kv[0]))})
        return shown

    def counterexample(self) -> dict:
        one = lambda vs: str(vs[0]) if len(vs) == 1 else " or ".join(str(v) for v in vs)
        return {"point": self.point(), "left": one(self.left), "right": one(self.right)}

    def reason(self) -> str:
        where = ", ".join(f"{k} = {v}" for k, v in self.point().items())
        return ("false under Einstein's convention as the text states it, however its implied sums are read "
                "(each repeated index summed or not, a denominator's inside it or not): at " + where +
                f" (y one-hot, ŷ the softmax's outputs), over every reading the left side is {_values(self.left)} "
                f"and the right side {_values(self.right)}")


def _values(vs) -> str:
    return str(vs[0]) if len(vs) == 1 else ", ".join(str(v) for v in vs[:-1]) + f" or {vs[-1]}"


def _letters(expr) -> set:
    """The index letters of expr outside any written sum (integer symbols but the class count n)."""
    return {s for s in expr.free_symbols if isinstance(s, sp.Symbol) and s.is_integer and s.name != "n"
            and not isinstance(s, sp.Dummy)}


def _count(term, letter) -> int:
    """How many of term's subscripted quantities and δ's carry the letter."""
    return sum(1 for a in term.atoms(sp.Indexed, sp.KroneckerDelta) if letter in a.free_symbols)


def _term_readings(term, kept: set, n) -> list:
    """Every reading of one term under the convention: a list of SymPy expressions (sums written)."""
    readings = [term]
    for letter in sorted(_letters(term), key=str):
        if letter in kept and _count(term, letter) < 2:
            continue
        more = []
        for r in readings:
            d = sp.Dummy(letter.name, integer=True, positive=True)
            more.append(sp.Sum(r.xreplace({letter: d}), (d, 1, n)))
            holders = [f for f in sp.Mul.make_args(r) if letter in f.free_symbols]
            if len(holders) == 1 and isinstance(holders[0], sp.Pow) and holders[0].exp != 1:
                f = holders[0]
                inside = sp.Pow(sp.Sum(f.base.xreplace({letter: d}), (d, 1, n)), f.exp, evaluate=False)
                more.append(r.xreplace({f: inside}))
        readings += more
    return readings


def _value(e, env: dict, n: int, y: tuple, yhat: tuple) -> Fraction:
    """e's exact value: env gives the index letters, y and ŷ the point's labels and outputs."""
    if e.is_Integer or e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    if isinstance(e, sp.Symbol):
        if e.name == "n" and e not in env:
            return Fraction(n)
        if e in env:
            return Fraction(env[e])
        raise _Unread(str(e))
    if isinstance(e, sp.Indexed):
        if len(e.indices) != 1 or e.base.label.name not in (_LABELS, _OUTPUTS):
            raise _Unread(str(e))
        c = _value(e.indices[0], env, n, y, yhat)
        if c.denominator != 1 or not 1 <= c <= n:
            raise _Unread(str(e))
        return (y if e.base.label.name == _LABELS else yhat)[int(c) - 1]
    if isinstance(e, sp.KroneckerDelta):
        return Fraction(int(_value(e.args[0], env, n, y, yhat) == _value(e.args[1], env, n, y, yhat)))
    if isinstance(e, sp.Add):
        return sum((_value(a, env, n, y, yhat) for a in e.args), Fraction(0))
    if isinstance(e, sp.Mul):
        out = Fraction(1)
        for a in e.args:
            out *= _value(a, env, n, y, yhat)
        return out
    if isinstance(e, sp.Pow) and e.exp.is_Integer:
        base = _value(e.base, env, n, y, yhat)
        if base == 0 and e.exp < 0:
            raise _Unread("a division by zero")
        return base ** int(e.exp)
    if isinstance(e, sp.Sum):             # Σ_{i,p}: the last limit outermost
        d, lo, hi = e.limits[-1]
        inner = sp.Sum(e.function, *e.limits[:-1]) if len(e.limits) > 1 else e.function
        lo, hi = _value(lo, env, n, y, yhat), _value(hi, env, n, y, yhat)
        if lo.denominator != 1 or hi.denominator != 1:
            raise _Unread(str(e))
        return sum((_value(inner, {**env, d: c}, n, y, yhat) for c in range(int(lo), int(hi) + 1)), Fraction(0))
    raise _Unread(type(e).__name__)


def _side_values(readings: list, env: dict, n: int, y: tuple, yhat: tuple) -> set | None:
    """Every value a side takes: each term any of its readings (None: too many to judge)."""
    values = {Fraction(0)}
    for term in readings:
        mine = {_value(r, env, n, y, yhat) for r in term}
        values = {a + b for a in values for b in mine}
        if len(values) > _MOST_VALUES:
            return None
    return values


def _points():
    """Exact points the chapter's labels and outputs allow: n = 2, 3; ŷ positive, summing to 1."""
    for n, outputs in ((2, [(Fraction(1, 4), Fraction(3, 4))]),
                       (3, [(Fraction(1, 6), Fraction(1, 3), Fraction(1, 2))])):
        for yhat in sorted({p for o in outputs for p in itertools.permutations(o)}):
            for t in range(1, n + 1):
                yield n, t, tuple(Fraction(int(c == t)) for c in range(1, n + 1)), yhat


def refuted_every_reading(left, right, kept: set) -> Refutation | None:
    """A point where left = right is false under every reading of the convention, or None (none
    found, or a side this module does not read)."""
    if not isinstance(left, sp.Expr) or not isinstance(right, sp.Expr):
        return None
    n_symbol = next((s for e in (left, right) for s in e.free_symbols if isinstance(s, sp.Symbol) and s.name == "n"),
                    sp.Symbol("n", integer=True, positive=True))
    sides = []
    for side in (left, right):
        terms = sp.Add.make_args(sp.expand(side))
        sides.append([_term_readings(t, kept, n_symbol) for t in terms])
    letters = sorted(_letters(left) | _letters(right), key=str)
    if len(letters) > 4:
        return None
    try:
        for n, t, y, yhat in _points():
            for values in itertools.product(range(1, n + 1), repeat=len(letters)):
                env = dict(zip(letters, values))
                lv = _side_values(sides[0], env, n, y, yhat)
                rv = _side_values(sides[1], env, n, y, yhat)
                if lv is None or rv is None:
                    return None
                if not lv & rv:
                    return Refutation(n, t, yhat, {str(k): v for k, v in env.items()},
                                      tuple(sorted(lv)), tuple(sorted(rv)))
    except _Unread:
        return None
    return None
