"""Exact identity: both sides brought to one canonical form by equivalences only.

The canonical form of an expression is a rational function over the rationals in *atoms* (symbols,
elements z_j, e^u, ln u, sums, Kronecker deltas, undefined functions), reached by these steps, each
an equivalence under the side condition the kernel checks first:
  - a derivative is carried out by the kernel's own rules (`derivative`), never SymPy's `diff`;
  - a sum's bound index is renamed to a fresh name (alpha-conversion: always valid);
  - sum (f + g) = sum f + sum g, sum c f = c sum f for c free of the index (finite sums, also
    reversed ranges under the usual convention); sum of c over lo..hi = (hi - lo + 1) c;
    sum of delta_kj f(k) over lo..hi = f(j) only where j is an integer with lo <= j <= hi shown;
  - delta_pp = 1; delta_pq = 0 only where p != q is a stated fact;
  - e^(u + v) = e^u e^v; e^(k u) = (e^u)^k for an integer k; ln e^u = u for real u;
    e^(ln u) = u for u > 0; ln(u v) = ln u + ln v for u, v > 0; ln u^k = k ln u for u > 0, k real;
  - a stated equation u = v (a fact of the claim) replaces u by v.
Then lhs - rhs is written over one denominator (SymPy's polynomial arithmetic over the
rationals, which is trusted) and its numerator must expand to 0, with every denominator met on the
way shown nonzero by the sign calculus (`derivations.kernel.signs`), and every logarithm's argument
too unless ln u is written on both sides (see `canonical_difference`). A zero numerator in
independent atoms is zero at every point; nonzero denominators and arguments make the expression
defined there (a log atom that cancels, as in d/dx (x ln x) - ln x = 1, must still be defined:
not at x = 0).
"""
from __future__ import annotations

import itertools

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.kernel import deltas
from derivations.kernel.propositions import Independent, IsInteger
from derivations.kernel.signs import Signs


class Unsupported(Exception):
    """The kernel has no rule for this: not an identity it can certify."""


_COUNTER = itertools.count()


# The hyperbolic functions by their definitions in e^u (equal wherever the left side is defined;
# the denominator of tanh is then recorded and must be shown nonzero, as every denominator).
_HYPERBOLIC = {
    sp.tanh: lambda u: (sp.exp(u) - sp.exp(-u)) / (sp.exp(u) + sp.exp(-u)),
    sp.sinh: lambda u: (sp.exp(u) - sp.exp(-u)) / 2,
    sp.cosh: lambda u: (sp.exp(u) + sp.exp(-u)) / 2,
}


def _fresh_index():
    # a Dummy: no symbol of the claim can be it (a Symbol('_k5', integer=True) could be captured)
    return sp.Dummy(f"_k{next(_COUNTER)}", integer=True)


class Canon:
    def __init__(self, signs: Signs, facts=(), ranges=None):
        self.signs = signs
        self.eqs = []
        self.nes = []
        self.ranges = dict(ranges or {})
        self.denominators: list = []
        self.logs: list = []            # arguments of logarithms, not shown nonzero
        self.indices: list = []         # the indices of the sums whose terms are being put in canonical form
        plain = Canon.__new__(Canon)
        plain.__dict__.update(self.__dict__)
        plain.eqs, plain.denominators, plain.logs = [], [], []
        # a stated equation u = v: u in canonical form is replaced by v wherever it occurs
        self.eqs = [(plain(f.lhs), f.rhs) for f in facts if isinstance(f, sp.Eq)]
        self.nes = [(f.lhs, f.rhs) for f in facts if isinstance(f, sp.Unequality)]
        self.nes += [(r.lhs, r.rhs) for r in signs.assumptions if isinstance(r, sp.Unequality)]
        self.ranges = dict(ranges or {})
        self.denominators: list = []

    # -- the kernel's differentiation ---------------------------------------------------------
    def derivative(self, f, x):
        """d f / d x by the kernel's rules: sum, product, constant power, e^u, ln u, a sum over a
        range free of x (its index renamed first, so that it cannot collide with x's), an element
        z_k by z_j (delta_kj, both integers), an undefined function of exactly x."""
        if isinstance(x, sp.Indexed):
            if not any(isinstance(a, sp.Indexed) and a.base == x.base for a in f.atoms(sp.Indexed)) and \
                    x.base.label not in f.free_symbols:
                return sp.Integer(0)
        elif Independent(f, x).holds():
            return sp.Integer(0)
        if f == x:
            return sp.Integer(1)
        if isinstance(f, sp.Indexed) and isinstance(x, sp.Indexed) and f.base == x.base:
            if len(f.indices) != len(x.indices) or not all(IsInteger(i).holds() for i in f.indices + x.indices):
                raise Unsupported("an element with a non-integer index")
            return sp.Mul(*[sp.KroneckerDelta(p, q) for p, q in zip(f.indices, x.indices)])
        if isinstance(f, sp.Add):
            return sp.Add(*[self.derivative(a, x) for a in f.args])
        if isinstance(f, sp.Mul):
            args = f.args
            return sp.Add(*[sp.Mul(*args[:i], self.derivative(args[i], x), *args[i + 1:]) for i in range(len(args))])
        if isinstance(f, sp.Pow):
            b, e = f.args
            if Independent(e, x).holds() and not (isinstance(x, sp.Indexed) and _mentions(e, x)):
                return e * b ** (e - 1) * self.derivative(b, x)
            if self.signs.positive(b):
                return f * (self.derivative(e, x) * sp.log(b) + e * self.derivative(b, x) / b)
            raise Unsupported("a power with a variable exponent and a base not shown positive")
        if isinstance(f, sp.exp):
            return f * self.derivative(f.args[0], x)
        if isinstance(f, (sp.tanh, sp.sinh, sp.cosh)):
            return self.derivative(_HYPERBOLIC[type(f)](f.args[0]), x)
        if isinstance(f, sp.log):
            return self.derivative(f.args[0], x) / f.args[0]
        if isinstance(f, sp.Sum) and len(f.limits) == 1:
            k, lo, hi = f.limits[0]
            for end in (lo, hi):
                if not Independent(end, x).holds() or (isinstance(x, sp.Indexed) and _mentions(end, x)):
                    raise Unsupported("a sum whose range depends on the variable")
            fresh = _fresh_index()
            body = f.function.xreplace({k: fresh})
            return sp.Sum(self.derivative(body, x), (fresh, lo, hi))
        if isinstance(f, AppliedUndef) and f.args == (x,):
            return sp.Derivative(f, x)
        if isinstance(f, AppliedUndef) and len(f.args) == 1:
            # the chain rule, for a function of one variable that the claim takes differentiable
            xi = sp.Symbol("_xi", real=True)
            return sp.Subs(sp.Derivative(f.func(xi), xi), xi, f.args[0]) * self.derivative(f.args[0], x)
        if isinstance(f, sp.Subs) and isinstance(f.expr, sp.Derivative) and isinstance(f.expr.expr, AppliedUndef) \
                and f.variables == f.expr.variables and len(f.variables) == 1 and f.expr.expr.args == f.variables:
            raise Unsupported("a second derivative of an undefined function")
        raise Unsupported(f"no differentiation rule for {type(f).__name__}")

    # -- the canonical form -------------------------------------------------------------------
    def __call__(self, e):
        e = sp.sympify(e)
        for _ in range(8):
            new = self._step(e)
            if new == e:
                return e
            e = new
        return e

    def _step(self, e):
        for u, v in self.eqs:
            if e == u:
                return v
        if e.is_Atom:
            return e
        if isinstance(e, sp.Derivative) and isinstance(e.expr, AppliedUndef) and e.expr.args == e.variables:
            return e                    # f'(x) of an undefined f: an atom
        if isinstance(e, sp.Subs) and len(e.variables) == 1 and isinstance(e.expr, sp.Derivative) and \
                isinstance(e.expr.expr, AppliedUndef) and e.expr.expr.args == e.variables == e.expr.variables:
            xi = sp.Symbol("_xi", real=True)      # f'(u): the bound name made canonical
            return sp.Subs(sp.Derivative(e.expr.expr.func(xi), xi), xi, self(e.point[0]))
        if isinstance(e, sp.Piecewise):
            return self._piecewise(e)
        if isinstance(e, sp.Derivative):
            near = self._near()
            f = near(e.expr)
            for x, count in e.variable_count:
                for _ in range(int(count)):
                    f = near(near.derivative(f, x))
            self.denominators += near.denominators
            self.logs += near.logs
            return f
        for u, v in self.eqs:
            if e == u:
                return v
        if isinstance(e, sp.Sum):
            return self._sum(e)
        if isinstance(e, sp.Product) and len(e.limits) == 1:
            k, lo, hi = e.limits[0]
            lo, hi = self(lo), self(hi)
            _integer_ends(lo, hi)
            if (hi - lo).is_Integer and -1 <= hi - lo <= 64:
                return sp.Mul(*[e.function.xreplace({k: lo + i}) for i in range(int(hi - lo) + 1)])
            fresh = _fresh_index()
            return _named(self._within(fresh, lo, hi, e.function.xreplace({k: fresh})), fresh, lo, hi, sp.Product)
        args = [self(a) for a in e.args]
        e = e.func(*args) if args != list(e.args) else e
        if isinstance(e, sp.KroneckerDelta):
            p, q = e.args
            if p == q:
                return sp.Integer(1)
            if any({p, q} == {u, v} for u, v in self.nes):
                return sp.Integer(0)
            return e
        if isinstance(e, sp.exp):
            return self._exp(e.args[0])
        if isinstance(e, (sp.tanh, sp.sinh, sp.cosh)):
            return self(_HYPERBOLIC[type(e)](e.args[0]))
        if isinstance(e, sp.Abs) and self.signs.real(e.args[0]):
            if self.signs.nonnegative(e.args[0]):
                return e.args[0]                # |u| = u for u >= 0
            if self.signs.nonnegative(-e.args[0]):
                return -e.args[0]               # |u| = -u for u <= 0
        if isinstance(e, sp.log):
            return self._log(e.args[0])
        if isinstance(e, sp.Pow) and e.exp.is_negative:
            self.denominators.append(e.base)
        return e

    def _near(self) -> "Canon":
        """The canonical form a derivative's argument is rewritten by. A derivative at a point
        depends on the function near the point, so a rewrite may rest only on facts that hold near
        it too: strict inequalities and != (a sign shown strictly at a point holds nearby), facts
        on integers (an index does not vary), the declarations; never a closed bound (|x| = x for
        x >= 0, yet |x| has no derivative at 0) nor a stated equation (sum_k y_k = 1 says nothing
        of d/dy_j sum_k y_k, which is 1)."""
        def near(r):
            from derivations.kernel.propositions import ForAll
            if isinstance(r, ForAll):
                return near(r.relation)
            return isinstance(r, (sp.StrictGreaterThan, sp.StrictLessThan, sp.Unequality)) or \
                all(s.is_integer for s in r.free_symbols)
        c = Canon.__new__(Canon)
        c.__dict__.update(self.__dict__)
        c.signs = Signs([r for r in self.signs.assumptions if near(r)], self.signs.ranges)
        c.eqs, c.denominators, c.logs = [], [], []
        return c

    def _piecewise(self, e):
        """The branch whose condition the kernel shows (every earlier one shown false)."""
        for value, cond in e.args:
            if cond is sp.true or self._holds(cond):
                return self(value)
            if not self._fails(cond):
                raise Unsupported(f"the condition {cond} is not decided")
        raise Unsupported("no branch applies")

    def _holds(self, c) -> bool:
        if isinstance(c, sp.And):
            return all(self._holds(a) for a in c.args)
        test = {sp.StrictGreaterThan: lambda d: self.signs.positive(d), sp.GreaterThan: lambda d: self.signs.nonnegative(d),
                sp.StrictLessThan: lambda d: self.signs.positive(-d), sp.LessThan: lambda d: self.signs.nonnegative(-d)}
        f = test.get(type(c))
        return f is not None and f(c.lhs - c.rhs)

    def _fails(self, c) -> bool:
        if c is sp.false:
            return True
        neg = {sp.StrictGreaterThan: sp.LessThan, sp.GreaterThan: sp.StrictLessThan,
               sp.StrictLessThan: sp.GreaterThan, sp.LessThan: sp.StrictGreaterThan}.get(type(c))
        return neg is not None and self._holds(neg(c.lhs, c.rhs))

    def _exp(self, u):
        u = sp.expand(u, power_exp=False, power_base=False, log=False)
        if isinstance(u, sp.Add):
            return sp.Mul(*[self._exp(a) for a in u.args])
        c, rest = u.as_coeff_Mul()
        if c.is_Integer and c != 1 and rest != 1:
            return self._exp(rest) ** c
        if isinstance(u, sp.log) and self.signs.positive(u.args[0]):
            return u.args[0]
        return sp.exp(u)

    def _log(self, u):
        if isinstance(u, sp.exp) and self.signs.real(u.args[0]):
            return u.args[0]
        if isinstance(u, sp.Mul) and all(self.signs.positive(a) for a in u.args):
            return sp.Add(*[self._log(a) for a in u.args])
        if isinstance(u, sp.Pow) and self.signs.positive(u.base) and self.signs.real(u.exp):
            return u.exp * self._log(u.base)
        if isinstance(u, sp.Product) and len(u.limits) == 1:
            k, lo, hi = u.limits[0]
            d = sp.Dummy(str(k), integer=True)
            inner = self.signs.with_facts([sp.Ge(d, lo), sp.Le(d, hi)])
            if self.signs.nonnegative(hi - lo + 1) and inner.positive(u.function.xreplace({k: d})):
                return self(sp.Sum(sp.log(u.function), (k, lo, hi)))     # ln of a product of positives
        if u == 1:
            return sp.Integer(0)
        if not (self.signs.nonzero(u) or u.free_symbols & set(self.indices)):
            self.logs.append(u)         # ln u is defined only where u != 0 (see `canonical_difference`)
        return sp.log(u)                # an atom: compared by its (canonical) argument only

    def _sum(self, s):
        # sum over (j, ...), (x, ...): the first index innermost; the last is this sum's own
        function = s.function if len(s.limits) == 1 else sp.Sum(s.function, *s.limits[:-1])
        k, lo, hi = s.limits[-1]
        lo, hi = self(lo), self(hi)
        _integer_ends(lo, hi)
        if (hi - lo).is_Integer and -1 <= hi - lo <= 64:     # a concrete range: the terms written out
            return sp.Add(*[function.xreplace({k: lo + i}) for i in range(int(hi - lo) + 1)])
        fresh = _fresh_index()
        body = self._within(fresh, lo, hi, function.xreplace({k: fresh}))
        body = sp.expand(body, power_exp=False, power_base=False, log=False)
        out = []
        for term in sp.Add.make_args(body):
            factors = sp.Mul.make_args(term)
            outside = [f for f in factors if fresh not in f.free_symbols]
            inside = [f for f in factors if fresh in f.free_symbols]
            c = sp.Mul(*outside)
            if not inside:
                out.append(c * (hi - lo + 1))
                continue
            delta = next((f for f in inside if isinstance(f, sp.KroneckerDelta) and fresh in f.args
                          and (f.args[0] if f.args[1] == fresh else f.args[1]).free_symbols.isdisjoint({fresh})), None)
            if delta is not None:
                j = delta.args[0] if delta.args[1] == fresh else delta.args[1]
                if self._in_range(j, lo, hi):
                    rest = sp.Mul(*[f for f in inside if f is not delta]).xreplace({fresh: j})
                    out.append(c * rest)
                    continue
            out.append(c * _named(sp.Mul(*inside), fresh, lo, hi))
        return sp.Add(*out)

    def _within(self, index, lo, hi, body):
        """body in canonical form, where index is an integer of lo..hi (a sum's or product's term)."""
        outer = self.signs
        span = outer.term_range(lo, hi)       # where the terms are (Karr's convention), if shown
        self.signs = outer.with_facts([] if span is None else _in_bounds(index, *span))
        self.indices.append(index)
        try:
            return self(body)
        finally:
            self.signs = outer
            self.indices.pop()

    def _in_range(self, j, lo, hi) -> bool:
        """j is an integer with lo <= j <= hi: from the index ranges the claim declares
        (j in 1..n) or from the sign calculus."""
        if not IsInteger(j).holds():
            return False
        declared = self.ranges.get(j)
        if declared is not None and lo == 1 and hi == declared and j.is_positive:
            return True
        return self.signs.nonnegative(j - lo) and self.signs.nonnegative(hi - j)


def _integer_ends(lo, hi) -> None:
    """The sum and product rules (a count hi - lo + 1, terms at lo, lo + 1, ..., Karr's reversed
    ranges) are for integer ends: sum_{k=1}^{5/2} 1 has 2 terms, not 5/2."""
    if not (IsInteger(lo).holds() and IsInteger(hi).holds()):
        raise Unsupported(f"a range {lo}..{hi} whose ends are not shown integers")


def _in_bounds(index, lo, hi) -> list:
    """lo <= index <= hi, for a fresh integer index: where both ends are integers SymPy cannot
    decide either relation (the index is any integer), so they are built as written (evaluating
    them only costs time); otherwise as SymPy evaluates them."""
    if lo.is_integer and hi.is_integer:
        return [sp.Ge(index, lo, evaluate=False), sp.Le(index, hi, evaluate=False)]
    return [sp.Ge(index, lo), sp.Le(index, hi)]


def _named(body, fresh, lo, hi, kind=sp.Sum):
    """The sum with its index named by its depth (_i0 innermost): the same sum, one name."""
    levels = [int(s.name[2:]) for s in body.atoms(sp.Symbol) if s.name.startswith("_i") and s.name[2:].isdigit()]
    bound = sp.Symbol(f"_i{1 + max(levels, default=-1)}", integer=True)
    return kind(body.xreplace({fresh: bound}), (bound, lo, hi))


def _mentions(e, x) -> bool:
    return any(isinstance(a, sp.Indexed) and a.base == x.base for a in e.atoms(sp.Indexed))


def canonical_difference(lhs, rhs, signs: Signs, facts=(), ranges=None):
    """(numerator, what to show nonzero) of lhs - rhs in canonical form: every denominator, and
    the argument u of every logarithm the canonical form met, but where ln u is evaluated on both
    sides (both sides are then undefined where u = 0, and an equation says nothing there: a
    counterexample must make at least one side defined, `certify.refute`). A logarithm of one
    side only, as in d/dx (x ln x) - ln x = 1, would let that side claim a value at u = 0, where
    it has none. (The logarithm of a sum's term, u depending on the sum's index, is not recorded:
    its sum is read where it is defined.)"""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    canon = Canon(signs, facts, ranges)
    d = canon(lhs - rhs)
    num, den = sp.fraction(sp.together(d))
    num = sp.expand(num, power_exp=False, power_base=False, log=False)
    bases = [b for b in sp.Mul.make_args(den) if b != 1]
    bases = [b.base if isinstance(b, sp.Pow) else b for b in bases]
    both = _logs_evaluated(lhs) & _logs_evaluated(rhs)
    return num, list(dict.fromkeys(canon.denominators + bases + [u for u in canon.logs if u not in both]))


def _logs_evaluated(e) -> set:
    """The arguments u of the logarithms e evaluates wherever it is evaluated (not inside a branch
    of a piecewise function, nor a sum's or a product's term): where u = 0, e is undefined."""
    if isinstance(e, (sp.Piecewise, sp.Sum, sp.Product)):
        return set()
    out = {e.args[0]} if isinstance(e, sp.log) else set()
    for a in e.args:
        out |= _logs_evaluated(a)
    return out


def check(lhs, rhs, signs: Signs, facts=(), ranges=None) -> tuple[bool, str]:
    """(holds, why): lhs = rhs by the canonical form, every denominator shown nonzero."""
    try:
        num, dens = canonical_difference(lhs, rhs, signs, facts, ranges)
    except Unsupported as exc:
        return False, f"no canonical form: {exc}"
    except (sp.PolynomialError, RecursionError, TypeError, ValueError) as exc:
        return False, f"no canonical form ({type(exc).__name__})"
    traded = False
    if num != 0:
        if not deltas.vanishes(num):
            return False, "the canonical forms differ"
        traded = True
    for d in dens:
        if d.is_number and d != 0 and signs.nonzero(d):
            continue
        if not signs.nonzero(d):
            return False, f"{d} (a denominator or a logarithm's argument) is not shown nonzero"
    return True, ("both sides have one canonical form" + (f", by {deltas.RULE}" if traded else "")
                  + (f"; nonzero: {', '.join(map(str, dens))}" if dens else ""))
