"""Steps: the one form every derivation and every proof in the project is written in.

A step is a statement (a SymPy proposition: Eq, Ne, Gt, Ge, Lt, Le, And, Implies, or
Eq(Limit(f, x, p, dir), L)), the words that justify it, and how it is established. Its checks are
derived from the statement; nothing beside the statement can be handed to them:

  definition  introduces a fresh symbol, family (a_j) or function (C(a)) and its value; it
              asserts nothing, and later checks unfold it;
  check       the statement, its definitions unfolded and the earlier steps it cites used (an
              equation as a rewrite, a sign as a fact about its subject), proved by `establish`,
              the one function that calls the primitives of `derivations.proof`;
  lemma       an instance of a named lemma (`exercises.lemmas`): its hypotheses checked, its
              conclusion computed from the lemma's schema;
  instance    an earlier proved step with its free variables renamed (example x of N).

What unfolding trusts SymPy with: a derivative by a quantity that is then unfolded (dC/da_i, at
a_i = sigma(z_i)) is carried out by SymPy before the quantity is replaced (summation indices
renamed apart first); the primitives then check what it gave. Everything else the checks assume
is a rewrite with a definition or a proved step, or a generalisation (a quantity kept as a
variable, which is never done where a limit, derivative or sum varies what it depends on).

A step's status comes from the one vocabulary of `Verdict`s: proved, refuted, undecided,
disagreement, vacuous. A `Derivation` is a chain of steps (a = b, then = c by transitivity);
`exercises.proof.Proof` collects the steps of a claim's proof. Checks run when first read.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
import dataclasses
from typing import Callable, Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.notation import tex, tex_inline, text, why_text
from derivations import kernel
from derivations.kernel import WORDS, Kind
from derivations.proof import Premise, Verdict

PROVED, REFUTED, UNDECIDED, DISAGREEMENT, VACUOUS = "proved", "refuted", "undecided", "disagreement", "vacuous"
DEFINITION, CHECK, LEMMA, INSTANCE = "definition", "check", "lemma", "instance"   # how a step is established
RELATION_TEXT = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤", ">": ">", "<": "<"}
RELATIONS = (sp.Eq, sp.Ne, sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan)

# what establishes a check, for --explain and the table (Verdict.by, or the proof layer's own)
BY_REWRITING = "rewriting: both sides are the same expression"
BY_STEP = "an earlier step"
BY_HYPOTHESIS = "a hypothesis of the claim"
BY_RANGE = "the range of an index"


# ============================================================================ definitions

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
        t = self.target
        if isinstance(t, sp.Indexed):
            return any(x.base == t.base for x in e.atoms(sp.Indexed))
        if isinstance(t, sp.Function):
            return any(x.func == t.func for x in e.atoms(t.func))
        return e.has(t)

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

    def depends_on(self) -> set:
        return {x.base for x in self.value.atoms(sp.Indexed)} | set(self.value.free_symbols)


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
        for d in active:
            if not d.occurs(expr):
                continue
            others = [o for o in active if o is not d]

            def ready(x, d=d, others=others):
                return isinstance(x, sp.Derivative) and d.differentiates_by(x) and not any(o.occurs(x.expr) for o in others)
            expr = expr.replace(ready, lambda x: evaluate(_apart_indices(x)))
            if isinstance(d.target, sp.Symbol):      # C'(a) with a = value: C' at the point a = value
                expr = expr.replace(lambda x, d=d, others=others: ready(x) and isinstance(x, sp.Derivative),
                                    lambda x, d=d: _at_point(x, d.target, d.value))
            waiting = {x: sp.Dummy("waiting") for x in expr.atoms(sp.Derivative) if d.differentiates_by(x)}
            expr = d.replace(expr.xreplace(waiting)).xreplace({v: k for k, v in waiting.items()})
        return expr

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
            fresh = next((s for s in spare if INDEX_RANGES[s] == INDEX_RANGES.get(v)), None)
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


_ALLOWED = {"real", "complex", "commutative", "finite", "infinite", "hermitian", "extended_real",
            "imaginary", "algebraic", "transcendental", "irrational", "rational", "noninteger"}


def fresh_problem(target, value, taken: set) -> str | None:
    """Why `target := value` is not a definition of a fresh symbol (None when it is)."""
    if not isinstance(target, (sp.Symbol, sp.Indexed, AppliedUndef)):
        return f"{text(target)} is not a symbol, a family a_j or a function C(x): a definition names something new"
    key = Definition(target, value).key
    if key in taken:
        return f"{text(target)} is not fresh: the claim or an earlier definition uses it"
    holder = target.base if isinstance(target, sp.Indexed) else target
    if isinstance(holder, (sp.Symbol, sp.IndexedBase)):
        extra = {k for k, v in holder.assumptions0.items() if v} - _ALLOWED
        if extra:
            return (f"{text(target)} carries the assumptions {', '.join(sorted(extra))}: a definition asserts "
                    "nothing, so its symbol may only be real; show its properties as steps")
    if isinstance(target, sp.Indexed) and (not all(isinstance(t, sp.Symbol) for t in target.indices)
                                           or len(set(target.indices)) != len(target.indices)):
        return f"{text(target)}: a family is defined at distinct index symbols"
    if isinstance(target, AppliedUndef) and not all(isinstance(t, sp.Symbol) for t in target.args):
        return f"{text(target)}: a function is defined at distinct variables"
    if key in _names(value):
        return f"{text(target)} is defined in terms of itself"
    return None


def canonical_indices(expr):
    """Every bound summation index named by its nesting depth, so sums equal up to the name of
    their index become identical (sum_i e^(z_i) and sum_ell e^(z_ell))."""
    def walk(e, depth):
        if isinstance(e, (sp.Sum, sp.Product)) and len(e.limits) == 1:
            v, lo, hi = e.limits[0]
            fresh = sp.Symbol(f"iota_{depth}", integer=True, positive=True)
            return e.func(walk(e.function.xreplace({v: fresh}), depth + 1), (fresh, lo, hi))
        if not e.args or isinstance(e, (sp.Symbol, sp.Indexed)):
            return e if not isinstance(e, sp.Indexed) else e.func(e.base, *(walk(t, depth) for t in e.indices))
        return e.func(*(walk(arg, depth) for arg in e.args))
    return walk(expr, 0)


# ============================================================================ the one call to the primitives

def establish(statement, assumptions=(), *, premises: Sequence[Premise] = (), samplers=None, ranges=None,
              claim: str | None = None) -> Verdict:
    """Prove a SymPy proposition (Eq, Ne, Gt, Ge, Lt, Le, Eq(Limit(f, x, p, dir), L)) under the
    assumptions: the one place the proof layer calls the primitives (`derivations.proof.prove`).
    Premises are applied to a relation's difference first (sign primitives take none); their
    samplers go to the numeric oracle."""
    from derivations.proof import prove
    claim = claim or statement_text(statement)
    samplers = {**{k: v for p in premises for k, v in p.samplers.items()}, **(samplers or {})}
    if isinstance(statement, sp.Eq) and not isinstance(statement.lhs, sp.Limit):
        return prove(statement, list(assumptions), premises=tuple(premises), samplers=samplers, ranges=ranges,
                     claim=claim)
    if isinstance(statement, RELATIONS) and not isinstance(statement, sp.Eq) and premises:
        from derivations.symbols import evaluate      # a premise (j != k: delta_jk = 0) acts on what the derivatives give
        diff = statement.lhs - statement.rhs
        used = _apply(evaluate(diff, ranges), premises)
        statement = statement.func(used if used != evaluate(diff, ranges) else diff, 0, evaluate=False)
    return prove(statement, list(assumptions), samplers=samplers, claim=claim)


def _apply(expr, premises):
    for p in premises:
        expr = p.rewrite(expr)
    return expr


def combined(claim: str, verdicts: Sequence[Verdict], by: str = "") -> Verdict:
    """Every part proved: proved (the kernel's conjunction); else the first part that is not."""
    verdicts = list(verdicts)
    bad = next((v for v in verdicts if not v.proved), None)
    steps = [f"{v.status}: {v.claim}" for v in verdicts]
    if bad is None:
        assumptions = [a for v in verdicts if v.proposition is not None for a in v.proposition.assumptions]
        return kernel.conjunction(verdicts, claim, assumptions)
    if bad.status == REFUTED:
        return dataclasses.replace(bad, reason=f"{bad.claim}: {bad.reason}", steps=steps)
    return kernel.undecided(claim, f"{bad.claim}: {bad.reason}", steps=steps, status=bad.status,
                            counterexample=bad.counterexample)


def failed(claim: str, status: str, reason: str, steps=(), *, cites=()) -> Verdict:
    """A verdict of the proof layer's own that is not proved (undecided, vacuous, ...)."""
    return kernel.undecided(claim, reason, steps=list(steps), status=status, cites=tuple(cites))


def oracle_of(v: Verdict) -> str:
    """Which oracle established a verdict (`Verdict.by`)."""
    return v.by or ""


def oracle_of_all(verdicts) -> str:
    return "; ".join(dict.fromkeys(o for o in map(oracle_of, verdicts) if o))


# ============================================================================ statements in words

def statement_text(st) -> str:
    """A proposition on one line, in the chapter's notation."""
    if isinstance(st, sp.Implies):
        return f"if {_conditions_text(st.args[0])}: {statement_text(st.args[1])}"
    if isinstance(st, sp.Equivalent):
        return " ⟺ ".join(statement_text(a) for a in st.args)
    if isinstance(st, sp.And):
        return "; ".join(statement_text(a) for a in st.args)
    if isinstance(st, sp.Or):
        return " or ".join(statement_text(a) for a in st.args)
    if isinstance(st, sp.Rel):
        return f"{text(st.lhs)} {RELATION_TEXT.get(st.rel_op, st.rel_op)} {text(st.rhs)}"
    return text(st)


def _conditions_text(cond) -> str:
    """Conditions in words: 0 < y < 1 for (y > 0) & (y < 1), else joined by 'and'."""
    from derivations.notation import bounds_chain
    if isinstance(cond, sp.And):
        chain = bounds_chain(cond)
        if chain is not None:
            return why_text("$" + chain + "$")
        return " and ".join(_conditions_text(c) for c in cond.args)
    return statement_text(cond)


def statement_tex(st) -> str:
    """A proposition in LaTeX, in the chapter's notation."""
    if isinstance(st, sp.Implies):
        return rf"{statement_tex(st.args[0])} \implies {statement_tex(st.args[1])}"
    if isinstance(st, sp.Equivalent):
        return r" \iff ".join(statement_tex(a) for a in st.args)
    if isinstance(st, sp.And):
        from derivations.notation import bounds_chain
        chain = bounds_chain(st)
        return chain if chain is not None else r",\quad ".join(statement_tex(a) for a in st.args)
    if isinstance(st, sp.Or):
        return r" \text{ or } ".join(statement_tex(a) for a in st.args)
    return tex(st)


# ============================================================================ steps

@dataclass(frozen=True)
class Given:
    """A hypothesis of a claim that is not a bound the primitives read: its statement (shown, and
    matched by the checks: "by hypothesis"), and optionally the `Premise` that tells both oracles
    what it means (a one-hot y: sum_j y_j = 1 as a rewrite, one-hot samples)."""

    statement: sp.Basic
    premise: Premise | None = None


@dataclass
class Check:
    """One check of a step: what it checks (`source`, a proposition taken from the statement, or a
    lemma's hypothesis), the proposition the primitives were asked after unfolding, the
    assumptions it was read under, and its verdict."""

    role: str
    source: sp.Basic
    proposition: sp.Basic
    assumptions: tuple
    verdict: Verdict

    @property
    def by(self) -> str:
        return oracle_of(self.verdict)


class Step:
    """One step: `statement` holds because of `why`, as its checks establish.

    The checks are computed from the statement when first read (`checks`, `status`): a program
    that only needs a derived formula (the network's delta) does not pay for the proofs. Only the
    `derive` function that the Proof or Derivation building the step gives computes them.
    """

    def __init__(self, statement, why, how: str = CHECK, *, derive: Callable[["Step"], list[Check]] | None = None,
                 lemma=None, problem: str | None = None, rule: str = ""):
        self.statement = statement if isinstance(statement, sp.Basic) else sp.sympify(statement)
        # why: words with LaTeX math between $...$, or a sequence of words and SymPy expressions
        self.why_parts = tuple(why) if isinstance(why, (list, tuple)) else (why,)
        self.why = why_words(self.why_parts)
        self.how = how
        self.lemma = lemma            # for a lemma step: the Lemma (its name, hypotheses, conclusion)
        self.problem = problem        # why the step cannot hold as written (a definition that is not fresh)
        self.rule = rule              # how its checks come from its statement, in words
        self.checker: "Checker | None" = None
        self.cited: list[Step] = []
        self.number: int | None = None
        self._derive = derive
        self._checks: list[Check] | None = None

    # -- the checks ---------------------------------------------------------------------------
    @property
    def obligations(self) -> list[Check]:
        if self._checks is None:
            self._checks = list(self._derive(self)) if self._derive else []
        return self._checks

    @property
    def checks(self) -> list[Verdict]:
        return [c.verdict for c in self.obligations]

    @property
    def status(self) -> str:
        """proved, or the status of the first check that did not prove (undecided for a step that
        needs a check and has none, or whose statement cannot hold as written)."""
        if self.problem:
            return UNDECIDED
        if self.how == DEFINITION:
            return PROVED
        failing = [v.status for v in self.checks if not v.proved]
        if failing:
            return VACUOUS if VACUOUS in failing else failing[0]
        return PROVED if self.checks else UNDECIDED

    @property
    def holds(self) -> bool:
        return self.status == PROVED

    @property
    def label(self) -> str:
        """What a reader is shown beside the step: definition, proved, lemma, or the failing status."""
        if not self.holds:
            return self.status.upper()
        return {DEFINITION: DEFINITION, LEMMA: LEMMA, INSTANCE: "instance"}.get(self.how, PROVED)

    @property
    def kind(self) -> str:
        """For the table: definition, lemma, instance, or what established its checks (CAS, decided, ...)."""
        if self.how in (DEFINITION, LEMMA, INSTANCE):
            return self.how
        kinds = [c.verdict.certificate for c in self.obligations if c.verdict.certificate is not None]
        for k in (Kind.DECISION, Kind.INTERVAL, Kind.LIMIT, Kind.IDENTITY, Kind.SIGN, Kind.RULE, Kind.CONJUNCTION,
                  Kind.EARLIER_STEP, Kind.HYPOTHESIS):
            if k in kinds:
                return str(k)
        return "uncertified"

    # -- showing ------------------------------------------------------------------------------
    @property
    def lhs(self):
        return self.statement.lhs

    @property
    def rhs(self):
        return self.statement.rhs

    def latex(self) -> str:
        return statement_tex(self.statement)

    def text(self) -> str:
        """The statement on one line, in the chapter's notation."""
        return statement_text(self.statement)

    def __repr__(self) -> str:
        return f"<Step {self.text()} [{self.label}]>"


def certificate_of(v: Verdict) -> Kind | None:
    """What the kernel re-checked to make this verdict (its `Kind`), None when it made none."""
    return v.certificate


# ============================================================================ checks from statements

@dataclass
class Scope:
    """What the checks of a chain of steps read: the hypotheses (relations the primitives read as
    assumptions, and `Given`s they cannot read), the definitions made so far, samplers and index
    ranges for the numeric oracle, and the steps so far (which later checks may cite or match)."""

    hypotheses: list = field(default_factory=list)
    given: list = field(default_factory=list)
    premises: tuple = ()
    samplers: dict = field(default_factory=dict)
    ranges: dict | None = None
    definitions: Definitions = field(default_factory=lambda: Definitions(chapter_definitions()))
    steps: list = field(default_factory=list)

    def child(self) -> "Scope":
        return Scope(list(self.hypotheses), list(self.given), tuple(self.premises), dict(self.samplers),
                     self.ranges, self.definitions.copy(), list(self.steps))

    def all_premises(self) -> tuple:
        return tuple(self.premises) + tuple(g.premise for g in self.given if g.premise is not None)

    def taken(self) -> set:
        """Names a new definition may not use: the defined ones and those of the hypotheses."""
        out = set(self.definitions.keys())
        for h in [*self.hypotheses, *(g.statement for g in self.given)]:
            out |= _names(h)
        return out


def _names(e) -> set:
    """The symbols, families and functions e names (a family's label is not a symbol of its own)."""
    bare = set()

    def walk(x):
        if isinstance(x, sp.IndexedBase):
            return
        if isinstance(x, sp.Symbol):
            bare.add(x)
        for arg in x.args:
            walk(arg)
    walk(e)
    symbols = {s_ for s_ in e.free_symbols if s_ in bare}
    return symbols | e.atoms(sp.IndexedBase) | {f.func for f in e.atoms(AppliedUndef)}


_NORMAL: dict = {}


def normal(rel):
    """A relation as (kind, difference), the difference expanded and its bound indices renamed
    canonically: a > b, b < a and a - b > 0 have one normal form. None for what is not a relation.
    Memoised: the checks compare every statement with the earlier ones."""
    if not isinstance(rel, RELATIONS):
        return None
    if rel not in _NORMAL:
        if len(_NORMAL) > 20000:
            _NORMAL.clear()
        _NORMAL[rel] = _normal(rel)
    return _NORMAL[rel]


def _signature(rel) -> tuple:
    """What two relations must share to be the same: their kind up to direction, and the names
    in them (a cheap test before the normal forms)."""
    kind = {"<": ">", "<=": ">="}.get(rel.rel_op, rel.rel_op)
    names = frozenset(x for x in rel.atoms(sp.Symbol, sp.IndexedBase) if not isinstance(x, sp.Dummy)
                      and not str(x).startswith("iota_")) - _bound_names(rel)
    return kind, names


def _bound_names(e) -> frozenset:
    return frozenset(v for s in e.atoms(sp.Sum, sp.Product, sp.Limit) for v in
                     ([s.args[1]] if isinstance(s, sp.Limit) else [lim[0] for lim in s.limits]))


def _normal(rel):
    if isinstance(rel, (sp.StrictLessThan, sp.LessThan)):
        kind, diff = (">" if isinstance(rel, sp.StrictLessThan) else ">="), rel.rhs - rel.lhs
    else:
        kind, diff = rel.rel_op, rel.lhs - rel.rhs
    if isinstance(rel, sp.Eq) and any(isinstance(s, sp.Limit) for s in rel.args) or \
            any(s in (sp.oo, -sp.oo) for s in rel.args):
        return kind, (canonical_indices(rel.lhs), canonical_indices(rel.rhs))
    try:
        return kind, canonical_indices(sp.expand(diff))
    except Exception:          # SymPy cannot expand it: compare as written
        return kind, canonical_indices(diff)


def same_statement(p, q) -> bool:
    """p and q are the same proposition up to the names of bound indices, the order of an
    equation's sides, and how a relation is written (a > b as b < a, as a - b > 0)."""
    if p == q:
        return True
    logic = (sp.And, sp.Implies, sp.Or, sp.Equivalent)
    if isinstance(p, logic) or isinstance(q, logic):
        if type(p) is not type(q) or len(p.args) != len(q.args):
            return False
        if isinstance(p, sp.Implies):
            return same_statement(p.args[0], q.args[0]) and same_statement(p.args[1], q.args[1])
        return all(any(same_statement(a, b) for b in q.args) for a in p.args) and \
            all(any(same_statement(a, b) for b in p.args) for a in q.args)
    if not isinstance(p, RELATIONS) or not isinstance(q, RELATIONS) or _signature(p) != _signature(q):
        return False
    np_, nq = normal(p), normal(q)
    if np_ is None or nq is None or np_[0] != nq[0]:
        return False
    if np_[1] == nq[1]:
        return True
    if not all(isinstance(d, (sp.Expr, tuple)) for d in (np_[1], nq[1])):
        return False
    if isinstance(np_[1], tuple) or isinstance(nq[1], tuple):
        return isinstance(np_[1], tuple) and isinstance(nq[1], tuple) and np_[0] == "==" and np_[1] == nq[1][::-1]
    try:
        return np_[0] in ("==", "!=") and sp.expand(np_[1] + nq[1]) == 0
    except TypeError:          # sides SymPy cannot add (booleans inside): not the same
        return False


def unmet_hypotheses(theirs: Scope, mine: Scope, renaming: dict | None = None) -> list[str]:
    """The hypotheses (relations, facts, premises) a step was proved under, in scope `theirs`,
    that are not hypotheses in scope `mine` (after `renaming`): using the step there would assume
    them."""
    out = []
    known = [*mine.hypotheses, *(g.statement for g in mine.given)]
    for h in [*theirs.hypotheses, *(g.statement for g in theirs.given)]:
        moved = rename(h, renaming) if renaming else h
        if not any(same_statement(moved, k) for k in known):
            out.append(f"it was proved for {statement_text(moved)}, which is not a hypothesis here")
    have = mine.all_premises()
    for p in theirs.all_premises():
        if not any(p is q for q in have):
            out.append(f"it was proved using the fact '{p.text}', which is not a hypothesis here")
    return out


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


def parts(st) -> list:
    """The conjuncts of a statement (itself when it is not an And)."""
    return list(st.args) if isinstance(st, sp.And) else [st]


def antecedents(cond) -> list:
    return list(cond.args) if isinstance(cond, sp.And) else [cond]


def _applies(fact, conditions):
    """(the fact, usable here?) for a cited fact, which may hold under a condition of its own."""
    if isinstance(fact, sp.Implies):
        needed = antecedents(fact.args[0])
        return fact.args[1], all(any(same_statement(c, have) for have in conditions) for c in needed)
    return fact, True


class Checker:
    """Derives the checks of a statement in a scope: the cited steps' equations rewrite it, the
    definitions are unfolded (those the cited signs are about stay as variables), and then each
    part (And) and each consequent under its antecedent (Implies) is proved by `establish`. A
    part that is an earlier proved step, or a hypothesis, holds by it; one whose two sides became
    the same expression holds by rewriting."""

    def __init__(self, scope: Scope, cited: Sequence[Step] = (), keep: Sequence = ()):
        self.scope, self.cited = scope, list(cited)
        self.keep = set(keep)          # defined quantities left as variables: the step holds for any value
        self._unfolded_steps: dict = {}

    # -- reading the statement ----------------------------------------------------------------
    def unfolded(self, expr, conditions=(), rewrite=True):
        """expr with the cited equations applied (when `rewrite`) and the definitions unfolded,
        except those the cited signs are about (kept as variables: what holds for every value
        holds for theirs) - but never one that depends on a variable a limit, derivative or sum
        in the statement binds: there it is no constant."""
        keep = self.kept()
        for _ in range(len(keep) + 1):
            out = self.scope.definitions.unfold(expr, keep, self.rewrites(conditions) if rewrite else ())
            unsafe = {key for key in keep if _varies_where_bound(out, key, self.scope.definitions)}
            if not unsafe:
                return out
            keep = keep - unsafe
        return out

    def kept(self) -> set:
        defined = self.scope.definitions.keys()
        keys = set(self.keep)
        for fact in self._cited_facts(()):
            if isinstance(fact, RELATIONS) and not isinstance(fact, sp.Eq):
                keys |= {s for s in _names(fact) if s in defined}
        return keys

    def _cited_facts(self, conditions, with_steps=False):
        for step in self.cited:
            for fact in parts(step.statement):
                fact, usable = _applies(fact, conditions)
                if usable:
                    yield (fact, step) if with_steps else fact

    def rewrites(self, conditions=()) -> list:
        """The cited equations as rewrites lhs -> rhs; one with a free index (j) rewrites every
        instance of it over the same range (a bound i of a sum, another free index)."""
        return [_rewrite(f.lhs, f.rhs, self.scope) for f in self._cited_facts(conditions) if isinstance(f, sp.Eq)]

    def facts(self, conditions=(), with_steps=False) -> list:
        """The cited signs (relations other than equations), for the primitives to read (with the
        step each comes from, when asked)."""
        return [f for f in self._cited_facts(conditions, True) if isinstance(f[0], RELATIONS) and not isinstance(f[0], sp.Eq)] \
            if with_steps else [f for f in self._cited_facts(conditions) if isinstance(f, RELATIONS) and not isinstance(f, sp.Eq)]

    def inconsistent(self) -> list[str]:
        """Cited steps from another scope (a derivation) whose defined symbols mean something else
        here, or nothing (their equations would not be about this claim's quantities), or which
        were proved under hypotheses that do not hold here."""
        out = []
        for step in self.cited:
            theirs = step.checker.scope.definitions if step.checker is not None else None
            if theirs is None or all(any(d is mine for mine in self.scope.definitions.entries) for d in theirs.entries):
                continue            # the same definitions (a step of the same proof): nothing to compare
            out += unmet_hypotheses(step.checker.scope, self.scope)
            for other in theirs.entries:
                if other.key not in _names(step.statement):
                    continue
                mine = self.scope.definitions.find(other.target)
                if mine is None or not same_definition(mine, other):
                    out.append(f"step {step.number} ({step.text()}) has {statement_text(other.statement())}, but "
                               f"{'that is not defined' if mine is None else statement_text(mine.statement())} here")
        return out

    # -- proving ------------------------------------------------------------------------------
    def check(self, source, role: str = "the statement", conditions=()) -> Check:
        """The Check of `source` (a combined verdict over its parts)."""
        problems = self.inconsistent() + [f"it cites step {c.number}, which does not hold" for c in self.cited if not c.holds]
        if problems:
            return Check(role, source, source, (), failed(statement_text(source), UNDECIDED, "; ".join(problems)))
        found, proposition, assumptions = self._prove(source, list(conditions))
        return Check(role, source, proposition, tuple(assumptions), found)

    def _prove(self, st, conditions):
        claim = statement_text(st)
        if isinstance(st, sp.And):
            results = [self._prove(p, conditions) for p in st.args]
            return (combined(claim, [r[0] for r in results]), sp.And(*[r[1] for r in results], evaluate=False),
                    results[0][2])
        if isinstance(st, sp.Implies):
            found, inner, assumptions = self._prove(st.args[1], conditions + antecedents(st.args[0]))
            return found, sp.Implies(st.args[0], inner, evaluate=False), assumptions
        return self._prove_relation(st, conditions)

    def index_ranges(self, st) -> list:
        """1 <= j <= n for every index symbol in the statement (k over layer L-1: 1 <= k <= m)."""
        from derivations.symbols import INDEX_RANGES
        ranges = {**INDEX_RANGES, **(self.scope.ranges or {})}
        out = []
        for s_ in sorted(index_symbols(st) | {x for x in st.atoms(sp.Symbol) if x in ranges and x.is_integer}, key=str):
            if s_ in ranges:
                out += [sp.Ge(s_, 1, evaluate=False), sp.Le(s_, ranges[s_], evaluate=False)]
        return out

    def _prove_relation(self, st, conditions):
        claim = statement_text(st)
        hypotheses = [self.unfolded(h, rewrite=False) for h in self.scope.hypotheses] + self.index_ranges(st)
        found = self.earlier(st, conditions)
        if found is not None:
            return found, st, hypotheses + list(conditions)
        notes: list[str] = [f"cites step {s.number}: {s.text()}" for s in self.cited]
        unfolded = self.unfolded(st, conditions)
        conds = [self.unfolded(c, rewrite=False) for c in conditions]
        unfolded, substituted = _use_conditions(unfolded, conds)
        cited = [(_use_conditions(self.unfolded(f, rewrite=False), conds)[0], step)
                 for f, step in self.facts(conditions, with_steps=True)]
        facts = [f for f, _ in cited]
        follows = next(((f, step) for f, step in cited if _follows(unfolded, f)), None)
        if follows is not None:
            v = kernel.follows(unfolded, follows[0], hypotheses + conds, _holds_verdict(follows[1]), claim,
                               cites=(follows[1], *self.cited))
            return (dataclasses.replace(v, steps=notes + substituted, by=f"{BY_STEP} (step {follows[1].number})"),
                    unfolded, hypotheses + conds)
        unfolded, facts, abstracted = _abstract(unfolded, facts)
        notes += substituted + abstracted
        if isinstance(unfolded, sp.Rel) and unfolded.rel_op in ("==", ">=", "<=") and unfolded.lhs == unfolded.rhs:
            v = kernel.reflexivity(unfolded, hypotheses + conds, claim)
            return (dataclasses.replace(v, steps=notes, by=BY_REWRITING,
                                        reason="both sides are the same expression once the cited steps and the "
                                        "definitions are used"), unfolded, hypotheses + conds)
        if not isinstance(unfolded, RELATIONS):
            return (failed(claim, UNDECIDED, f"unfolded, the statement is {unfolded}, not a relation to check "
                           "(build it with evaluate=False)", notes), unfolded, hypotheses + conds)
        if unfolded != st:
            found = self.earlier(unfolded, conditions, unfolded_already=True)
            if found is not None:
                return found, unfolded, hypotheses + conds
        unfolded, generalised = _generalise_functions(unfolded)
        assumptions = [*hypotheses, *conds, *facts]
        found = establish(unfolded, assumptions, premises=self.scope.all_premises() + tuple(_index_premises(conds)),
                          samplers=self.scope.samplers, ranges=self.scope.ranges, claim=claim)
        found.steps[:0] = notes + generalised
        return found, unfolded, assumptions

    def earlier(self, st, conditions, unfolded_already=False) -> Verdict | None:
        """The hypothesis, or the proved earlier step (or a part of one), that is this statement
        (not for an equation whose sides are the same once unfolded: that holds by rewriting)."""
        target = st if unfolded_already else self.unfolded(st, conditions, rewrite=False)
        shape = normal(target)
        if shape is not None and shape[1] == 0:
            return None
        ranges = self.index_ranges(st)
        for h in [*self.scope.hypotheses, *(g.statement for g in self.scope.given), *ranges]:
            for fact in parts(h):
                if same_statement(fact, st) or same_statement(self.unfolded(fact, rewrite=False), target):
                    kind = BY_RANGE if any(fact is r for r in ranges) else BY_HYPOTHESIS
                    v = kernel.follows(st, fact, [fact], None, statement_text(st)) if same_statement(fact, st) else \
                        kernel.follows(target, self.unfolded(fact, rewrite=False), [self.unfolded(fact, rewrite=False)],
                                       None, statement_text(st))
                    if v.proved:
                        return dataclasses.replace(v, reason=f"it is {kind}: {statement_text(fact)}", by=kind)
        for step in [*self.scope.steps, *(c for c in self.cited if c not in self.scope.steps)]:
            if step.how == DEFINITION:
                continue
            for fact in parts(step.statement):
                fact, usable = _applies(fact, conditions)
                if usable and (same_statement(fact, st) or same_statement(self._unfold_step(step, fact), target)) \
                        and step.holds:
                    v = kernel.follows(st, fact, [], _holds_verdict(step), statement_text(st), cites=(step,)) \
                        if same_statement(fact, st) else kernel.follows(
                            target, self._unfold_step(step, fact), [], _holds_verdict(step), statement_text(st),
                            cites=(step,))
                    if v.proved:
                        return dataclasses.replace(v, reason=f"it is step {step.number}",
                                                   by=f"{BY_STEP} (step {step.number})")
        return None

    def _unfold_step(self, step, fact):
        key = (id(step), fact)
        if key not in self._unfolded_steps:
            self._unfolded_steps[key] = self.scope.definitions.unfold(fact)
        return self._unfolded_steps[key]


def _bound_around(e):
    """(node, the variables it binds) for every limit, derivative, sum and product in e."""
    for node in sp.preorder_traversal(e):
        if isinstance(node, sp.Limit):
            yield node, {node.args[1]}
        elif isinstance(node, sp.Derivative):
            yield node, {v.base if isinstance(v, sp.Indexed) else v for v, _ in node.variable_count}
        elif isinstance(node, (sp.Sum, sp.Product)):
            yield node, {lim[0] for lim in node.limits}


def _depends(value, names) -> bool:
    found = _names(value) | {x.base for x in value.atoms(sp.Indexed)}
    return bool(found & set(names))


def _varies_where_bound(e, key, definitions) -> bool:
    """Whether the defined `key` occurs inside a limit, derivative or sum of e whose variable
    its value depends on."""
    d = definitions.get(key)
    if d is None:
        return False
    own = set(d.target.indices) if isinstance(d.target, sp.Indexed) else \
        set(d.target.args) if isinstance(d.target, sp.Function) else set()
    value = definitions.unfold(d.value)
    for node, variables in _bound_around(e):
        if node.has(key) and _depends(value, set(variables) - own):
            return True
    return False


def _rewrite(lhs, rhs, scope: Scope):
    """expr -> expr with lhs replaced by rhs; the free index symbols of lhs (j in dC/dz_j = ...)
    match any index over the same range (the bound i of a sum, another free index): the equation
    holds for every index in that range."""
    from derivations.symbols import INDEX_RANGES
    ranges = {**INDEX_RANGES, **(scope.ranges or {})}
    named = _named_in_hypotheses(scope)
    free = [s for s in index_symbols(lhs) if s in ranges and s not in named]
    if not free:
        return lambda e: e.xreplace({lhs: rhs}) if e.has(lhs) else e
    def rewrite(e):
        candidates = {s: [x for x in e.atoms(sp.Symbol) if x.is_integer and ranges.get(x) == ranges[s]
                          and _ranges_as(e, x, ranges[s])] for s in free}
        hits = {}
        for values in itertools.product(*(candidates[s] for s in free)):
            assign = dict(zip(free, values))
            instance = lhs.xreplace(assign)
            if e.has(instance):
                hits[instance] = rhs.xreplace(assign)
        return e.xreplace(hits) if hits else e
    return rewrite


def index_symbols(e) -> set:
    """The free integer symbols used as indices in e (j in dC/dz_j, k in delta_jk), not those
    bound by a sum. (SymPy's free_symbols leaves out a derivative's variables.)"""
    bound = {v for s in e.atoms(sp.Sum, sp.Product) for v, *_ in s.limits}
    found = set()
    for x in e.atoms(sp.Indexed):
        found |= {t for idx in x.indices for t in idx.atoms(sp.Symbol)}
    for x in e.atoms(sp.KroneckerDelta):
        found |= {t for arg in x.args for t in arg.atoms(sp.Symbol)}
    return {s for s in found if s.is_integer and s not in bound}


def rename(expr, renaming: dict):
    """expr with variables renamed: {Symbol: expression} and {IndexedBase: f(indices) -> expression}
    (a_j -> a_jx for example x: the family with as many indices as f takes, no other). Relations
    are rebuilt side by side, never evaluated."""
    import inspect
    families = {k: v for k, v in renaming.items() if isinstance(k, sp.IndexedBase)}
    arity = {k: sum(p.default is inspect.Parameter.empty for p in inspect.signature(f).parameters.values())
             for k, f in families.items()}
    symbols = {k: v for k, v in renaming.items() if not isinstance(k, sp.IndexedBase)}

    def one(e):
        if families:
            e = e.replace(lambda x: isinstance(x, sp.Indexed) and x.base in families and len(x.indices) == arity[x.base],
                          lambda x: families[x.base](*x.indices))
        return e.xreplace(symbols) if symbols else e
    if isinstance(expr, (sp.And, sp.Or, sp.Implies, sp.Equivalent, sp.Not)):
        return expr.func(*(rename(x, renaming) for x in expr.args), evaluate=False)
    return on_sides(expr, one)


def _ranges_as(e, x, upper) -> bool:
    """Every sum in e that binds x runs over 1..upper (an equation for every index in 1..upper
    may then be used for its terms)."""
    return all(lim[1] == 1 and lim[2] == upper for node in e.atoms(sp.Sum, sp.Product)
               for lim in node.limits if lim[0] == x)


def _named_in_hypotheses(scope: Scope) -> set:
    """Index symbols the hypotheses say something about (j != k): not free to rename."""
    out = set()
    for h in [*scope.hypotheses, *(g.statement for g in scope.given)]:
        out |= {s for s in h.free_symbols if s.is_integer}
    return out


def on_sides(rel, fn):
    """A relation with fn applied to each side, never evaluated by SymPy on the way."""
    if isinstance(rel, sp.Rel):
        return rel.func(fn(rel.lhs), fn(rel.rhs), evaluate=False)
    return fn(rel)


def _use_conditions(st, conds):
    """An implication's conditions applied: k = j puts j for k."""
    notes = []
    for c in conds:
        if isinstance(c, sp.Eq) and isinstance(c.lhs, (sp.Symbol, sp.Indexed)):
            st = on_sides(st, lambda e, c=c: e.subs(c.lhs, c.rhs))          # free occurrences only
            notes.append(f"with {statement_text(c)}: put {text(c.rhs)} for {text(c.lhs)}")
    return st, notes


def _index_premises(conds) -> list[Premise]:
    """j != k, for indices: the Kronecker delta delta_jk is 0."""
    out = []
    for c in conds:
        if isinstance(c, sp.Ne) and all(isinstance(s, sp.Symbol) and s.is_integer for s in (c.lhs, c.rhs)):
            out.append(Premise(f"{text(c.lhs)} ≠ {text(c.rhs)}, so δ_{text(c.lhs)}{text(c.rhs)} = 0",
                               lambda e, u=c.lhs, v=c.rhs: e.xreplace({sp.KroneckerDelta(u, v): 0,
                                                                       sp.KroneckerDelta(v, u): 0}),
                               fact=sp.Ne(c.lhs, c.rhs)))
    return out


def _follows(goal, fact) -> bool:
    """The goal is the fact, or weaker (a > b gives a >= b and a != b)."""
    g, f = normal(goal), normal(fact)
    if g is None or f is None or isinstance(g[1], tuple) or isinstance(f[1], tuple):
        return False
    weaker = {">": {">", ">=", "!="}, ">=": {">="}, "==": {"==", ">="}, "!=": {"!="}}
    try:
        if g[1] == f[1]:
            return g[0] in weaker.get(f[0], set())
        if sp.expand(g[1] + f[1]) == 0:
            return f[0] in ("==", "!=") and g[0] == f[0] or (f[0] == "==" and g[0] == ">=")
    except TypeError:
        return False
    return False


def _abstract(st, facts):
    """A cited sign about a compound subject (sum_l e^(z_l) - e^(z_j) > 0): the subject is written
    as a fresh variable t wherever it occurs in the statement, with the fact about t. Sound: what
    holds for every such t holds for the subject."""
    kept, notes = [], []
    for fact in facts:
        kind, subject = normal(fact)
        if isinstance(subject, tuple) or isinstance(subject, (sp.Symbol, sp.Indexed)) or subject.is_number:
            kept.append(fact)
            continue
        if any(node.has(*_names(subject)) and _depends(subject, variables) for node, variables in _bound_around(st)):
            kept.append(fact)            # inside a limit or derivative by what it depends on: no constant
            continue
        t = sp.Dummy("t", real=True)
        replaced = on_sides(st, lambda e: e.subs(subject, t))
        if replaced == st:
            replaced = on_sides(st, lambda e: e.subs(-subject, -t))
        if replaced != st:
            st = replaced
            kept.append({">": sp.Gt, ">=": sp.Ge, "!=": sp.Ne}[kind](t, 0))
            notes.append(f"write {text(subject)} as t, with t {RELATION_TEXT[kind]} 0")
    return st, kept, notes


def _generalise_functions(st):
    """An arbitrary function C (an undefined SymPy function) enters only through its values and
    derivatives at points: carry out the derivatives, then write each such value as a fresh real
    number (what holds for every number holds for C's values)."""
    if not st.atoms(AppliedUndef):
        return st, []
    st = on_sides(st, lambda e: e.doit())
    for node, variables in _bound_around(st):
        if any(f.free_symbols & variables or _depends(f, variables) for f in node.atoms(AppliedUndef)):
            return st, ["an arbitrary function inside a limit, sum or derivative by its argument: left to the primitives"]
    values: dict = {}
    for atom in sorted(st.atoms(sp.Subs, sp.Derivative, AppliedUndef), key=sp.count_ops, reverse=True):
        if atom.atoms(AppliedUndef) and not any(atom.has(v) or v.has(atom) for v in values):
            values[atom] = sp.Dummy(f"g{len(values)}", real=True)
    notes = [f"the arbitrary function enters through {text(k)}: written as a free real number" for k in values]
    return on_sides(st, lambda e: e.xreplace(values)), notes


# ============================================================================ derivations

class Derivation:
    """A chain of steps, each checked: start() (a definition of a fresh symbol, or a statement),
    equal() (the previous right-hand side, rewritten: checked as prev.rhs = rhs and shown as
    lhs = rhs by transitivity with the previous step), show() and differentiate() (a statement
    checked as it stands), define() (a fresh symbol and its value: nothing to check).

    `definitions` (a_j = sigma(z_j), z_i in terms of the weights) are unfolded by every check.
    """

    def __init__(self, title: str, *, assumptions: Sequence = (), premises: Sequence[Premise] = (),
                 samplers: dict | None = None, ranges: dict | None = None,
                 definitions: Sequence[Definition] = (), given: Sequence[Given] = ()):
        self.title = title
        self.scope = Scope(list(assumptions), list(given), tuple(premises), dict(samplers or {}), ranges)
        for d in definitions:
            self.scope.definitions.add(d)
        self.steps: list[Step] = []
        self.marked: dict[str, Step] = {}       # steps others cite, by name

    def mark(self, name: str) -> "Derivation":
        """Name the last step, for a claim to cite."""
        self.marked[name] = self.steps[-1]
        return self

    @property
    def assumptions(self):
        return self.scope.hypotheses

    @property
    def premises(self):
        return self.scope.premises

    # -- building -----------------------------------------------------------------------------
    def start(self, lhs, rhs, why) -> "Derivation":
        """lhs = rhs: a definition when lhs is a fresh symbol, else a statement checked as it stands."""
        if isinstance(lhs, sp.Symbol) and fresh_problem(lhs, sp.sympify(rhs), self.scope.taken()) is None:
            return self.define(lhs, rhs, why)
        return self.show(_equation(lhs, rhs), why)

    def define(self, target, value, why) -> "Derivation":
        value = sp.sympify(value)
        problem = fresh_problem(target, value, self.scope.taken())
        step = Step(_equation(target, value), why, DEFINITION, problem=problem, rule="introduces a fresh symbol")
        if problem is None:
            self.scope.definitions.add(Definition(target, value))
        return self._add(step)

    def show(self, statement, why, *, using: Sequence[Step] = (), premises: Sequence[Premise] = (),
             keep: Sequence = ()) -> "Derivation":
        """A statement, checked as it stands (its definitions unfolded, the `using` steps cited;
        the quantities in `keep` stay variables: the step holds whatever their values)."""
        checker = Checker(self._scope(premises), using, keep)
        step = Step(statement, why, CHECK, derive=lambda s: [checker.check(s.statement)],
                    rule="the statement, its definitions unfolded" + _citing(using))
        step.checker, step.cited = checker, list(using)
        return self._add(step)

    def differentiate(self, lhs, rhs, variable, why) -> "Derivation":
        """lhs = rhs where lhs is a derivative (by `variable`) of defined quantities: checked as it stands."""
        return self.show(_equation(lhs, rhs), why)

    def equal(self, rhs, why, *, premises: Sequence[Premise] = (), using: Sequence[Step] = (),
              keep: Sequence = ()) -> "Derivation":
        """prev.lhs = rhs: checked as prev.rhs = rhs (definitions unfolded, `using` cited, `keep`
        left as variables), and shown as prev.lhs = rhs by transitivity with the previous step."""
        prev = self.steps[-1]
        checker = Checker(self._scope(premises), using, keep)
        link = _equation(prev.rhs, rhs)

        def derive(step, prev=prev, link=link):
            return [Check("the previous step", prev.statement, prev.statement, (), _holds_verdict(prev)),
                    checker.check(link, "the previous right-hand side equals the new one")]
        step = Step(_equation(prev.lhs, rhs), why, CHECK, derive=derive,
                    rule=f"transitivity: the previous step, and {text(prev.rhs)} = {text(rhs)}" + _citing(using))
        step.checker, step.cited, step.link = checker, list(using), (prev, link)
        return self._add(step)

    def _scope(self, premises=()) -> Scope:
        scope = self.scope.child()
        scope.premises = tuple(scope.premises) + tuple(premises)
        scope.steps = list(self.steps)
        return scope

    def _add(self, step: Step) -> "Derivation":
        step.number = len(self.steps) + 1
        self.steps.append(step)
        return self

    # -- reading ------------------------------------------------------------------------------
    @property
    def result(self) -> sp.Expr:
        return self.steps[-1].rhs

    @property
    def verified(self) -> bool:
        return all(step.holds for step in self.steps)

    def failures(self) -> list[Verdict]:
        return [v for step in self.steps for v in step.checks if not v.proved] + \
               [failed(step.text(), UNDECIDED, step.problem) for step in self.steps if step.problem]

    def unfold(self, expr):
        """expr with this derivation's definitions (and the display forms sigma, sigma') unfolded."""
        return self.scope.definitions.unfold(expr)

    def to_text(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        for number, step in enumerate(self.steps, start=1):
            lines.append(f"{number:>2}. {step.text()}")
            lines.append(f"      [{step.label}] {why_text(step.why_parts)}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """An align* block in the chapter's notation: each step, its justification under it."""
        from derivations.notation import RELATIONS as TEX_RELATIONS
        rows = []
        for step in self.steps:
            st = step.statement
            rows.append(f"{tex(st.lhs)} &{TEX_RELATIONS[st.rel_op]} {tex(st.rhs)}" if isinstance(st, sp.Rel)
                        else f"&{statement_tex(st)}")
            rows.append(f"&\\qquad\\text{{{tex_text(step.why)}}}")
        return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"

    def _repr_latex_(self) -> str:
        return f"$\\textbf{{{tex_text(self.title)}}}$\n" + self.to_latex().replace("align*", "aligned").join(["$$", "$$"])

    def __repr__(self) -> str:
        return f"<Derivation {self.title!r}: {len(self.steps)} steps, {'verified' if self.verified else 'NOT verified'}>"


def _citing(steps) -> str:
    return f", citing step{'s' if len(steps) > 1 else ''} {', '.join(str(s.number) for s in steps)}" if steps else ""


def _holds_verdict(step: Step) -> Verdict:
    """The verdict that an earlier step holds (its own checks decide)."""
    if step.holds:
        return kernel.structural(step.text(), Kind.EARLIER_STEP, step.checks, f"step {step.number} is proved",
                                 step.statement, by=f"{BY_STEP} (step {step.number})", cites=(step,))
    return failed(step.text(), step.status, f"step {step.number} does not hold", cites=(step,))


def _equation(lhs, rhs) -> sp.Eq:
    return sp.Eq(sp.sympify(lhs), sp.sympify(rhs), evaluate=False)


def why_words(parts) -> str:
    """Words with SymPy parts as inline LaTeX math, $...$."""
    return "".join(f"${tex_inline(p)}$" if isinstance(p, sp.Basic) else p
                   for p in (parts if isinstance(parts, (list, tuple)) else [parts]))


def tex_text(s: str) -> str:
    """Escape plain text for \\text{...}; $...$ inside it stays math."""
    out, math = [], False
    for ch in s:
        if ch == "$":
            math = not math
            out.append(ch)
        elif not math and ch in "&%#_{}":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)
