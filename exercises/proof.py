"""A claim of the chapter, its proof as a list of steps, and the verdict.

A claim's `Statement` is SymPy beside its prose: the proposition (Eq, Gt, And, Implies, a limit,
...), its hypotheses (bounds and conditions such as 0 < a < 1, n >= 2, which the checks read as
assumptions; facts such as a one-hot y as `Given`s), and its notation (a_j = softmax(z)_j, which
every check unfolds). A claim module defines `statement(**variant)`, the claim as stated by
default, and `prove(proof, s)`, which adds the steps to `proof`:

  proof.define(target, value, why)     a fresh symbol, family or function: asserts nothing
  proof.show(statement, why, using=)   checked: its definitions unfolded, the cited steps used
  proof.lemma(LEMMA, why, **instance)  a lemma of `exercises.lemmas`: hypotheses checked, the
                                       conclusion computed from the lemma's schema
  proof.instance(step, renaming, why)  an earlier step for example x (its variables renamed)
  proof.refute(point, why)             the claim's proposition fails at a point that satisfies
                                       its hypotheses (for a claim that is refuted)
  proof.derivation(d)                  the checked steps of a `derivations.steps.Derivation`

Words (a claim's prose, a step's justification) are text with inline math between $...$, in
LaTeX; formulas are SymPy objects. The verdict is never written by hand: `Proof.conclude` reads
it off the steps, in the one vocabulary of `derivations.steps`:
  proved     every step holds, and the last step is the claim's proposition;
  refuted    every step holds, and the last one is the proposition's negation at a point that
             satisfies the hypotheses (checked there);
  vacuous    a check found the hypotheses contradictory: nothing follows;
  undecided  some step did not prove, or the last step is not the claim.
"""
from __future__ import annotations

import dataclasses
import itertools
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import sympy as sp

from derivations.kernel import Independent, IsInteger
from derivations.proof import Verdict
from derivations import kernel
from derivations.kernel import WORDS, Kind, Rule
from derivations.steps import (BY_READING, CHECK, DEFINITION, INSTANCE, LEMMA, PROVED, REFUTED, UNDECIDED, VACUOUS,
                               Check, Checker, Definition, Definitions, Scope, Step, StepBuilder, chapter_definitions,
                               claimed_assumptions, failed, index_symbols, names_in, parts, rename, same_definition,
                               same_statement, statement_text, unmet_hypotheses)
from exercises.lemmas import SIDE_CONDITIONS, Smooth, nonsmooth_part


# ============================================================================ the claim, as SymPy

@dataclass(frozen=True)
class Statement:
    """What a claim says: `proposition` under `hypotheses` (relations the checks read as
    assumptions) and `given` (facts in both oracles' terms), with `notation` (definitions that
    are part of the claim, a_j = softmax(z)_j). `parts` holds the claimed formulas by name, for
    the proof to read (s.delta). `refutes`: the claim is that the proposition is false."""

    proposition: sp.Basic
    hypotheses: tuple = ()
    given: tuple = ()
    notation: tuple = ()
    samplers: dict = field(default_factory=dict)
    ranges: dict | None = None
    parts: dict = field(default_factory=dict)
    refutes: bool = False
    premises: tuple = ()          # sound rewrites every check may use (a bound index is a bound name)

    def __getattr__(self, name):
        parts_ = object.__getattribute__(self, "parts")
        if name in parts_:
            return parts_[name]
        raise AttributeError(name)

    def text(self) -> str:
        """The proposition and its hypotheses on one line, in the chapter's notation."""
        out = statement_text(self.proposition)
        conditions = [statement_text(h) for h in self.hypotheses] + [statement_text(g.statement) for g in self.given]
        where = [statement_text(d.statement()) for d in self.notation]
        if conditions:
            out += "   for " + ", ".join(conditions)
        if where:
            out += "   where " + ", ".join(where)
        return ("NOT: " if self.refutes else "") + out


def derivation_title(derivation) -> str:
    """What a derivation is called where its steps are shown as a block."""
    return getattr(derivation, "title", "") or "a derivation"


def shown_value(v) -> str:
    """A value of a counterexample in the chapter's notation: (ln(2), 0, 0), 0.287682."""
    from derivations.notation import text
    if isinstance(v, (tuple, list)):
        return "(" + ", ".join(shown_value(x) for x in v) + ")"
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, str):
        return text(sp.sympify(v))
    if isinstance(v, sp.Basic):
        return text(v)
    return str(v)


# ============================================================================ results

@dataclass
class Result:
    """What a proof established: the verdict, its steps, and what it rests on."""

    claim_id: str
    verdict: str
    general_n: bool
    steps: list[Step]
    counterexample: dict | None = None
    seconds: float = 0.0
    statement: Statement | None = None
    concluded: str = ""              # how the last step was shown to be the claim (or why not)

    @property
    def lemmas(self) -> list[str]:
        """The lemmas the proof rests on, in order, each once."""
        return list(dict.fromkeys(s.lemma.name for s in self.steps if s.lemma is not None))

    @property
    def kinds(self) -> dict[str, int]:
        """How many steps of each kind: the certificate the kernel re-checked (identity, sign, decision,
        limit, ...), lemma, definition, ... (the table's column)."""
        out: dict[str, int] = {}
        for s in self.steps:
            out[s.kind] = out.get(s.kind, 0) + 1
        return out

    def kinds_text(self) -> str:
        order = ("identity", "sign", "decision", "interval", "limit", "rule", "conjunction", "lemma", "instance",
                 "earlier step", "hypothesis", "definition", "uncertified")
        counts = self.kinds
        return ", ".join(f"{counts[k]} {k}{'s' if counts[k] > 1 and k == 'definition' else ''}"
                         for k in order if k in counts)

    def failures(self) -> list[tuple[Step, Verdict | None]]:
        """(step, the check that did not prove), and (step, None) for a step with nothing to show
        or one that cannot hold as written."""
        return [(s, v) for s in self.steps for v in s.checks if not v.proved] + \
               [(s, None) for s in self.steps if (s.how != DEFINITION and not s.checks) or s.problem]

    def explain(self) -> str:
        """The steps as plain text, one numbered block each, what established every check, then
        the verdict."""
        from derivations.notation import why_text
        lines, block = [], ""
        for number, step in enumerate(self.steps, start=1):
            if step.block != block:     # a derivation's steps: a block of their own
                block = step.block
                lines.append(f"  -- {block}: a derivation of its own (what it defines is its own) --" if block
                             else "  -- the proof, from the derivations above --")
            lines.append(f"{number:>2}. {step.text()}")
            label = f"lemma: {step.lemma.name}" if step.lemma is not None and step.holds else step.label
            parts_ = step.why_parts[1:] if block and step.why_parts and isinstance(step.why_parts[0], str) \
                and step.why_parts[0].strip().rstrip(":") == block else step.why_parts
            lines.append(f"      [{label}] {why_text(parts_)}")
            if step.problem:
                lines.append(f"        - not a definition: {step.problem}")
            if step.lemma is not None:
                lines.append(f"        why the lemma holds: {step.lemma.lemma.why}")
            for c in step.obligations:
                lines.append(f"        - {c.role}: {c.verdict.status}, by {_oracle_words(c)}")
                if not c.verdict.proved:
                    lines.append(f"          {c.verdict.reason}")
        if self.concluded:
            lines.append(f"the claim: {self.concluded}")
        if self.counterexample:
            shown = "; ".join(f"{k} = {shown_value(v)}" for k, v in self.counterexample.items())
            lines.append(f"counterexample: {shown}")
        if self.lemmas:
            lines.append("rests on: " + "; ".join(self.lemmas))
        lines.append(f"steps: {self.kinds_text()}")
        scope = "general n" if self.general_n else "explicit n = 2..10"
        lines.append(f"verdict: {self.verdict} ({scope})")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Result {self.claim_id}: {self.verdict}, {len(self.steps)} steps, {self.seconds:.2f} s>"

    def _repr_markdown_(self) -> str:
        """In Jupyter: the verdict, then the steps in the chapter's notation."""
        from derivations.notation import why_text
        rows = "\n".join(f"| {n} | {s.text()} | {s.label} | {why_text(s.why_parts)} |"
                         for n, s in enumerate(self.steps, start=1))
        return f"**{self.claim_id}**: {self.verdict}\n\n| | step | | why |\n|---|---|---|---|\n{rows}"


def _oracle_words(c: Check) -> str:
    """What established a check, in words: the oracle named by its verdict, and how."""
    v = c.verdict
    if not v.proved:
        return v.by or "nothing (not established)"
    if v.certificate in (Kind.EARLIER_STEP, Kind.HYPOTHESIS, Kind.RULE) and v.by:
        return v.by                     # names the step, hypothesis or rule
    kind = WORDS[v.certificate] if v.certificate is not None else "no certificate"
    return f"{kind}: {v.by}" if v.by and v.by != kind else kind


# ============================================================================ proofs

class Proof(StepBuilder):
    """Collects the steps of one proof of a claim's Statement (built by the one `StepBuilder`:
    define, show; and lemma, instance, refute, derivation of its own); `conclude` reads the
    verdict off."""

    def __init__(self, claim_id: str, statement: Statement, *, general_n: bool = True):
        super().__init__(Scope(list(statement.hypotheses), list(statement.given), tuple(statement.premises),
                               dict(statement.samplers), statement.ranges,
                               Definitions([*chapter_definitions(), *statement.notation])))
        self.claim_id = claim_id
        self.general_n = general_n
        self.statement = statement
        self._shown: dict[int, Step] = {}     # id of a derivation's step -> the proof's numbered copy
        self.counterexample: dict | None = None

    def taken(self) -> set:
        """Names a definition may not use: the scope's, and those the claim's statement names."""
        return super().taken() | _names_of(self.statement)

    def lemma(self, lemma, why, *, using: Sequence[Step] = (), given=None, **instance) -> Step:
        """An instance of `lemma` (a kernel `Rule` of `exercises.lemmas`): each hypothesis,
        instantiated, is discharged - a side condition (independence, integrality, smoothness) by
        reading its expressions with every definition unfolded, any other by an earlier step that
        is it or by the primitives; the step's statement is the conclusion the lemma's schema
        computes for the instance. With `given` (a condition such as 1 <= r <= n - m), the lemma
        is used under it: each hypothesis and the conclusion hold where it does."""
        instance = {k: sp.sympify(v) if isinstance(v, (int, float)) else v for k, v in instance.items()}

        def under(p):
            return p if given is None or isinstance(p, SIDE_CONDITIONS) else sp.Implies(given, p, evaluate=False)
        conclusion = under(lemma.conclusion(**instance))
        checker = Checker(self.scope_here(), using)
        hypotheses = [(words, under(h)) for words, h in lemma.hypotheses(**instance)]

        def derive(step, lemma=lemma, instance=instance):
            sides = {i: self._side_condition(h, f"hypothesis: {words}") for i, (words, h) in enumerate(hypotheses)
                     if isinstance(h, SIDE_CONDITIONS)}
            broken = next((c for c in sides.values() if not c.verdict.proved), None)
            checks = [sides[i] if i in sides else
                      checker.check(h, f"hypothesis: {words}") if broken is None else
                      Check(f"hypothesis: {words}", h, h, (), failed(statement_text(h), UNDECIDED,
                            f"not checked: the side condition '{broken.verdict.claim}' fails"))
                      for i, (words, h) in enumerate(hypotheses)]
            computed = under(lemma.conclusion(**instance))
            checks.append(_conclusion_check(lemma, step, computed, [c.verdict for c in checks]))
            return checks
        return self.add(Step(conclusion, why, LEMMA, derive=derive, lemma=LemmaUse(lemma, instance, hypotheses),
                             rule=f"lemma: {lemma.name}", checker=checker, cited=using))

    def _side_condition(self, condition, role: str) -> Check:
        """A lemma's side condition, with every definition unfolded (a defined F := x depends on
        x), decided by the kernel reading the expression (independence, integrality: the kernel's
        own side conditions, through a one-hypothesis rule); smoothness is read here (see
        `derivations.steps.smoothness`)."""
        unfolded = condition.func(*(self.scope.definitions.unfold_everything(a) for a in condition.args))
        kind = SIDE_CONDITION_WORDS[type(condition)]
        claim = statement_text_of(condition)
        if not unfolded.holds():
            return Check(role, condition, unfolded, (), failed(claim, UNDECIDED,
                                                               f"{kind} fails: {side_condition_failure(unfolded)}"))
        by = f"{BY_READING} ({kind}), every definition unfolded"
        if isinstance(unfolded, Smooth):
            v = kernel.structural(claim, Kind.RULE, [], f"{kind}: read from the expression", unfolded, by=by)
        else:
            rule = Rule(f"the side condition: {kind}", lambda: [(role, unfolded)], lambda: unfolded,
                        "a side condition the kernel decides by reading the expression")
            v = dataclasses.replace(kernel.by_rule(rule, {}, [None], claim=claim), by=by)
        return Check(role, condition, unfolded, (), v)

    def instance(self, step: Step, renaming: dict, why) -> Step:
        """`step` with its free variables renamed (a family a_j to a_jx, example x): holds when
        `step` does, and when every renamed variable is one the hypotheses leave free, as they
        do for the renamed ones (checked: each hypothesis about them, renamed, is a hypothesis)."""
        step = self._shown.get(id(step), step)        # a derivation's step, as this proof numbers it
        statement = rename(step.statement, renaming)

        def derive(this, step=step, renaming=renaming):
            problems = self._renaming_problems(step, renaming)
            ok = step.holds and not problems
            reason = "the renamed step holds" if ok else (problems or f"step {step.number} does not hold")
            return [Check(f"step {step.number}, renamed", step.statement, statement, (),
                          kernel.structural(this.text(), Kind.EARLIER_STEP, step.checks, reason, statement,
                                            by=f"an earlier step (step {step.number}), renamed") if ok else
                          failed(this.text(), UNDECIDED, str(reason)))]
        return self.add(Step(statement, why, INSTANCE, derive=derive, rule=f"step {step.number} with its variables renamed",
                             cited=[step]))

    def refute(self, point: dict, why) -> Step:
        """The claim's proposition fails at `point` ({n: 3, y: (1, 0, 0), z: (ln 2, 0, 0)}): the
        step states the proposition's negation there, checked; each hypothesis at the point is
        checked too, so the counterexample satisfies the claim's conditions."""
        point = {k: (tuple(map(sp.sympify, v)) if isinstance(v, (tuple, list)) else sp.sympify(v)) for k, v in point.items()}
        prop = self._at(self.statement.proposition, point)
        negation = _negation(prop)
        hypotheses = [(statement_text(h), h) for h in self.scope.hypotheses] + \
                     [(statement_text(g.statement), g.statement) for g in self.scope.given]
        bare = self.scope_here()
        bare.hypotheses, bare.given, bare.steps = [], [], []     # the point must satisfy them: never assume them
        checker = Checker(bare, ())

        def derive(step):
            checks = []
            for words, h in hypotheses:
                for inst in self._instances(h, point):
                    checks.append(_exact_or(checker, inst, f"hypothesis at the counterexample: {statement_text(inst)}"))
            checks.append(_exact_or(checker, step.statement, "the claim fails there"))
            return checks
        step = Step(negation, why, CHECK, derive=derive, rule="the claim's proposition, negated, at the point",
                    checker=checker, refutes=True)
        self.counterexample = {str(k): (tuple(map(_shown, v)) if isinstance(v, (tuple, list)) else _shown(v))
                               for k, v in point.items()}
        return self.add(step)

    def derivation(self, derivation, prefix: str = "") -> list[Step]:
        """Take over the checked steps of a `derivations.steps.Derivation` (checked in its own
        scope, with its own definitions), numbered as they are shown in the proof: every "step N"
        its checks cite becomes the number that step has here."""
        out = []
        block = prefix.strip().rstrip(":") or derivation_title(derivation)     # its own scope
        for st in derivation.steps:
            shown = st.shown_in(block, (prefix, *st.why_parts) if prefix else st.why_parts,
                                [self._renumbered(c) for c in st.obligations])   # checked once, in the derivation
            out.append(self.add(shown))
            self._shown[id(st)] = shown
        return out

    def _renumbered(self, check):
        """A derivation's check with every "step N" it cites (`Verdict.cites`) as this proof
        shows that step; a cited step the proof does not show is named by its derivation."""
        import dataclasses
        v = check.verdict
        numbers = {}
        for cited in v.cites:
            shown = self._shown.get(id(cited))
            numbers[cited.number] = (str(shown.number) if shown is not None
                                     else f"{cited.number} of the derivation it comes from")

        def words(s):
            return re.sub(r"\bstep (\d+)\b", lambda m: f"step {numbers.get(int(m.group(1)), m.group(1))}", s)
        return dataclasses.replace(check, role=words(check.role), verdict=dataclasses.replace(
            v, reason=words(v.reason), by=words(v.by), steps=[words(x) for x in v.steps]))

    # -- reading ------------------------------------------------------------------------------
    def _renaming_problems(self, step: Step, renaming: dict) -> str:
        """Why renaming would not give a true instance: a defined quantity whose renamed target is
        not defined as its renamed value, or a free one whose hypotheses, renamed, are not
        hypotheses."""
        defs = self.scope.definitions
        theirs_scope = step.checker.scope.definitions if step.checker is not None else defs
        renamed = [d for d in theirs_scope.entries if d.key in renaming]
        images = [d for d in theirs_scope.entries if any(_same_target(d.target, rename(r.target, renaming)) for r in renamed)]
        for mine in (d for d in renamed if not any(d is im for im in images)):
            target = rename(mine.target, renaming)
            theirs = defs.find(target)
            wanted = Definition(target, rename(mine.value, renaming), mine.dependency)
            if theirs is None or not same_definition(theirs, wanted):
                return (f"{statement_text(mine.statement())}, renamed, is {statement_text(wanted.statement())}, "
                        "which is not how it is defined")
        known = [*self.scope.hypotheses, *(g.statement for g in self.scope.given)]
        for old, new in renaming.items():
            lost = _assumptions_lost(old, new)
            if lost:
                return f"{statement_text(old) if not isinstance(old, sp.IndexedBase) else old} is {lost}, and what it is renamed to is not known to be"
        foreign = not all(any(d is e for e in defs.entries) for d in theirs_scope.entries)
        if foreign:       # a step of another scope: its hypotheses, and what its other definitions say, must hold here
            unmet = unmet_hypotheses(step.checker.scope, self.scope, renaming)
            if unmet:
                return "; ".join(unmet)
            for other in theirs_scope.entries:
                if other.key in renaming or other.key not in names_in(step.statement):
                    continue
                here = defs.find(other.target)
                if here is None or not same_definition(here, other):
                    return f"{statement_text(other.statement())} is not so here"
        for old in renaming:
            if any(d.key == old for d in theirs_scope.entries):
                continue
            for h in known:
                if old in h.free_symbols or old in h.atoms(sp.IndexedBase):
                    moved = rename(h, renaming)
                    if not any(same_statement(moved, other) for other in known):
                        return f"the hypothesis {statement_text(h)}, renamed, is not a hypothesis: {statement_text(moved)}"
        return ""

    def _at(self, expr, point: dict):
        """expr at a concrete point: n, then families (tuples), then symbols, with the claim's
        notation unfolded."""
        e = self.scope.definitions.unfold(expr)
        scalars = {k: v for k, v in point.items() if not isinstance(v, (tuple, list))}
        families = {k: v for k, v in point.items() if isinstance(v, (tuple, list))}
        e = _on_parts(e, lambda x: x.xreplace(scalars).doit())
        values = {base[q + 1]: sp.sympify(v) for base, vs in families.items() for q, v in enumerate(vs)}
        return _on_parts(e, lambda x: x.xreplace(values))

    def _instances(self, h, point):
        """Each part of a hypothesis at the point; a part with a free index (j) at every index 1..n."""
        size = next((v for k, v in point.items() if str(k) == "n"), None)
        out = []
        for part in parts(h):
            free = sorted(index_symbols(part), key=str) if size is not None else []
            if not free:
                out.append(self._at(part, point))
                continue
            for values in itertools.product(range(1, size + 1), repeat=len(free)):
                out.append(self._at(_on_parts(part, lambda x, v=values: x.xreplace(dict(zip(free, v)))), point))
        return out

    @property
    def holds(self) -> bool:
        return bool(self.steps) and all(s.holds for s in self.steps)

    def conclude(self) -> Result:
        """proved when every step holds and the last one is the claim's proposition (refuted, for
        a refutation, when it is the proposition's negation at a point); vacuous when a check
        found the hypotheses contradictory; undecided otherwise."""
        concluded = self._conclusion()
        statuses = [s.status for s in self.steps]
        if VACUOUS in statuses:
            verdict = VACUOUS
        elif self.holds and concluded[0]:
            verdict = REFUTED if self.statement.refutes else PROVED
        else:
            verdict = UNDECIDED
        return Result(self.claim_id, verdict, self.general_n, self.steps,
                      self.counterexample if verdict == REFUTED else None, statement=self.statement,
                      concluded=concluded[1])

    def _conclusion(self) -> tuple[bool, str]:
        if not self.steps:
            return False, "no steps"
        last = self.steps[-1]
        if self.statement.refutes:
            if last.refutes:
                return True, f"step {last.number} is the claim's proposition, negated, at a point that satisfies its hypotheses"
            return False, "the last step is not the claim's proposition negated at a point"
        target = self.statement.proposition
        unfolded = self.scope.definitions.unfold(last.statement)
        if same_statement(last.statement, target) or same_statement(unfolded, self.scope.definitions.unfold(target)):
            return True, f"step {last.number} is the claim's proposition"
        step = self.show(target, "the claim, from the last step", using=[last])
        if step.holds:
            return True, f"step {step.number}, the claim's proposition, follows from step {last.number}"
        return False, f"the last step ({last.number}) is not the claim's proposition, and the claim does not follow from it"


@dataclass(frozen=True)
class LemmaUse:
    """A lemma as used in one step: the lemma, its instance, its hypotheses (words, proposition)."""

    lemma: object
    instance: dict
    hypotheses: list

    @property
    def name(self) -> str:
        return self.lemma.name


def _assumptions_lost(old, new) -> str:
    """An assumption of a renamed symbol or family (positive, integer, transcendental, even, ...)
    that its new value is not known to keep: the renamed step may have relied on it."""
    if isinstance(old, sp.IndexedBase):
        probe = sp.Dummy("i", integer=True)
        probe_new, facts = sp.sympify(new(probe)), claimed_assumptions(old)
    elif isinstance(old, sp.Symbol):
        probe_new, facts = sp.sympify(new), claimed_assumptions(old)
    else:
        probe_new, facts = sp.sympify(new), {k for k in ("positive", "nonnegative", "negative", "nonpositive", "integer",
                                                        "real", "nonzero") if getattr(old, f"is_{k}") is True}
    return next((k for k in sorted(facts) if getattr(probe_new, f"is_{k}") is not True), "")


def _same_target(t1, t2) -> bool:
    """The same defined target: a symbol, or a family/function at as many indices."""
    if isinstance(t1, sp.Indexed) and isinstance(t2, sp.Indexed):
        return t1.base == t2.base and len(t1.indices) == len(t2.indices)
    return t1 == t2


def _names_of(statement: Statement) -> set:
    out = names_in(statement.proposition)
    for d in statement.notation:
        out |= {d.key}
    return out


def _negation(prop):
    """The negation of a relation (or of an And: some part fails, shown as that part negated)."""
    if isinstance(prop, sp.Eq):
        return sp.Ne(prop.lhs, prop.rhs, evaluate=False)
    if isinstance(prop, sp.Rel):
        return prop.negated
    return sp.Not(prop)


def _on_parts(e, fn):
    if isinstance(e, (sp.And, sp.Or, sp.Implies, sp.Not)):
        return e.func(*(_on_parts(x, fn) for x in e.args))
    if isinstance(e, sp.Rel):
        return e.func(fn(e.lhs), fn(e.rhs), evaluate=False)
    return fn(e)


def _exact_or(checker: Checker, st, role: str) -> Check:
    """A proposition about numbers only is decided by exact arithmetic; any other is checked."""
    if not st.free_symbols and not st.atoms(sp.Indexed):
        decided = _exact(st)
        if decided is not None:
            from derivations.kernel import certify
            return Check(role, st, st, (), certify.exact_numbers(statement_text(st), st))
    return checker.check(st, role)


def _exact(st):
    """True or False for a proposition about rational numbers only (exact arithmetic), else None."""
    if isinstance(st, (sp.And, sp.Or)):
        values = [_exact(x) for x in st.args]
        if None in values:
            return None
        return all(values) if isinstance(st, sp.And) else any(values)
    if isinstance(st, sp.Rel) and st.lhs.is_Rational and st.rhs.is_Rational:
        return bool(st.func(st.lhs, st.rhs))
    return None


def _shown(v):
    v = sp.sympify(v)
    return int(v) if v.is_Integer else str(v)


# ============================================================================ lemma steps

SIDE_CONDITION_WORDS = {Independent: "independence", IsInteger: "integrality", Smooth: "smoothness"}


def statement_text_of(condition) -> str:
    """A side condition in words: x does not depend on y; n is an integer; f is smooth in x."""
    from derivations.notation import text
    if isinstance(condition, Independent):
        return f"{text(condition.expr)} does not depend on {text(condition.var)}"
    if isinstance(condition, IsInteger):
        return f"{text(condition.expr)} is an integer"
    if isinstance(condition, Smooth):
        return f"{text(condition.expr)} is differentiable in {text(condition.var)}"
    return statement_text(condition)


def side_condition_failure(unfolded) -> str:
    """Why a side condition fails, in words."""
    from derivations.notation import text
    if isinstance(unfolded, Smooth):
        return f"{text(nonsmooth_part(unfolded.expr, unfolded.var))} may not be differentiable in {text(unfolded.var)}"
    return f"not so once unfolded: {statement_text_of(unfolded)}"


def _conclusion_check(lemma, step: Step, computed, hypothesis_verdicts: Sequence[Verdict]) -> Check:
    """The step's statement is the lemma's conclusion, computed from its schema for the instance,
    and holds when every hypothesis was discharged. (With the kernel's primitives returning its
    verdicts about exactly the instantiated hypotheses, this is `kernel.by_rule(lemma, instance,
    hypothesis_verdicts)`; until then the kernel's `structural` seals it, every hypothesis verdict
    kernel-proved.)"""
    same = same_statement(step.statement, computed)
    if not same:
        return Check(ROLE_CONCLUSION, computed, computed, (),
                     failed(step.text(), UNDECIDED, f"the lemma concludes {statement_text(computed)}, not this"))
    return Check(ROLE_CONCLUSION, computed, computed, (), kernel.structural(
        step.text(), Kind.RULE, list(hypothesis_verdicts),
        f"{lemma.name}: every hypothesis is discharged, and the schema gives this conclusion", step.statement,
        by=f"the lemma's schema ({lemma.name}), its hypotheses discharged"))


ROLE_CONCLUSION = "the conclusion, by the lemma's schema, its hypotheses discharged"


# ============================================================================ claims

@dataclass(frozen=True)
class Claim:
    """A claim of the chapter: what it says (prose, and `statement`, its SymPy form), where it
    comes from, what its proof should find.

    `module` is the claim module's `__name__`; the claim's id is its last part with hyphens
    (exercises.claims.softmax_temperature -> softmax-temperature), so the id is written nowhere.
    `statement(**variant)` builds the claim's Statement (the default is the claim as stated; a
    test feeds a false variant); `prove(proof, s)` adds the proof's steps. general_n on the
    result: True when the proof is symbolic in everything the statement ranges over (a symbolic
    number of classes n, where it has one).
    """

    module: str
    title: str
    prose: str
    source: str
    expected: str
    statement: Callable[..., Statement]
    prove: Callable[[Proof, Statement], None]

    @property
    def id(self) -> str:
        return self.module.rsplit(".", 1)[-1].replace("_", "-")

    @property
    def proposition(self) -> sp.Basic:
        return self.statement().proposition

    def run(self, **variant) -> Result:
        start = time.perf_counter()
        s = self.statement(**variant)
        proof = Proof(self.id, s)
        self.prove(proof, s)
        result = proof.conclude()
        result.seconds = time.perf_counter() - start
        return result

    def __repr__(self) -> str:
        return f"<Claim {self.id}: {self.title}>"

    def _repr_markdown_(self) -> str:
        return f"**{self.title}** (`{self.id}`, expected: {self.expected}): {self.prose}"
