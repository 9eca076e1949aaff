"""A derivation: an ordered list of steps, each checked to follow from the one before.

A step is an equation `lhs = rhs` with its justification in words. How a step follows:
  - "equal": rhs equals the previous rhs (same quantity, rewritten) -> prove_equal;
  - "differentiate": rhs equals d(previous rhs)/d(variable) -> prove_equal on the derivative;
  - "define": a new quantity, justified by checks given with it (e.g. "the minimiser is unchanged").
Before comparing, `unfold` turns display forms (a_j, sigma(z_j)) into what they stand for, so
every step is checked in one set of variables.
"""
from __future__ import annotations

from typing import Callable, Sequence

import sympy as sp
from sympy.printing.str import StrPrinter

from derivations.proof import Premise, Verdict, prove_equal


class Step:
    """One step `lhs = rhs`, why it holds, and the checks that establish it.

    The checks run when first read (`checks`, `proved`), not when the step is built: a program
    that only needs the derived formula (the network's delta) does not pay for the proofs.
    """

    def __init__(self, lhs, rhs, why, how: str = "equal", checks=()):
        self.lhs, self.rhs, self.how = sp.sympify(lhs), sp.sympify(rhs), how
        # why: words with LaTeX math between $...$; why_parts: the same with SymPy expressions
        self.why_parts = tuple(why) if isinstance(why, (list, tuple)) else (why,)
        self.why = why_words(self.why_parts)
        self._pending = list(checks)     # Verdicts, or functions returning a Verdict or a list

    def add_check(self, check) -> None:
        self._pending.append(check)

    @property
    def checks(self) -> list[Verdict]:
        if any(callable(c) for c in self._pending):
            done = []
            for c in self._pending:
                v = c() if callable(c) else c
                done.extend(v if isinstance(v, list) else [v])
            self._pending = done
        return self._pending

    @property
    def proved(self) -> bool:
        if self.how == "start" and not self._pending:
            return True               # a definition to start from
        return bool(self.checks) and all(v.proved for v in self.checks)

    def latex(self) -> str:
        return f"{sp.latex(self.lhs)} = {sp.latex(self.rhs)}"

    def text(self) -> str:
        return f"{text(self.lhs)} = {text(self.rhs)}"


class Derivation:
    """Build with start(), then equal()/differentiate()/define(); every step is checked at once."""

    def __init__(self, title: str, *, unfold: Callable[[sp.Expr], sp.Expr] = lambda e: e,
                 assumptions: Sequence = (), premises: Sequence[Premise] = (),
                 samplers: dict | None = None, ranges: dict | None = None):
        self.title = title
        self.unfold = unfold
        self.assumptions = list(assumptions)
        self.premises = list(premises)
        self.samplers = samplers or {}
        self.ranges = ranges
        self.steps: list[Step] = []

    # -- building -----------------------------------------------------------------------------
    def start(self, lhs, rhs, why, checks=()) -> "Derivation":
        self.steps.append(Step(lhs, rhs, why, "start", checks))
        return self

    def equal(self, rhs, why: str, *, lhs=None, premises: Sequence[Premise] = ()) -> "Derivation":
        """rhs is the previous right-hand side, rewritten (using `premises` if given)."""
        prev = self.steps[-1]
        check = self._prove(prev.rhs, rhs, premises, why)
        self.steps.append(Step(prev.lhs if lhs is None else lhs, rhs, why, "equal", [check]))
        return self

    def differentiate(self, lhs, rhs, variable, why: str, *, premises: Sequence[Premise] = ()) -> "Derivation":
        """rhs is the derivative of the previous right-hand side with respect to `variable`."""
        prev = self.steps[-1]
        check = self._prove(prev.rhs, rhs, premises, why, differentiate_by=variable)
        self.steps.append(Step(lhs, rhs, why, "differentiate", [check]))
        return self

    def define(self, lhs, rhs, why, checks) -> "Derivation":
        """A new quantity, justified by `checks` (Verdicts, or functions that return them)."""
        self.steps.append(Step(lhs, rhs, why, "define", checks))
        return self

    def _prove(self, before, after, premises, why, differentiate_by=None) -> Callable[[], Verdict]:
        """The check that `before` (or its derivative) equals `after`, run when first asked for."""
        def check() -> Verdict:
            lhs = self.unfold(before)      # unfold first: a_j must be a function of z_j to differentiate
            if differentiate_by is not None:
                lhs = sp.Derivative(lhs, differentiate_by)
            return prove_equal(self.unfold(lhs), self.unfold(after), self.assumptions,
                               premises=[*self.premises, *premises], samplers=self.samplers,
                               ranges=self.ranges, claim=f"{why_text(why)}: {text(before)} = {text(after)}")
        return check

    # -- reading ------------------------------------------------------------------------------
    @property
    def result(self) -> sp.Expr:
        return self.steps[-1].rhs

    @property
    def verified(self) -> bool:
        return all(step.proved for step in self.steps)

    def failures(self) -> list[Verdict]:
        return [v for step in self.steps for v in step.checks if not v.proved]

    def to_text(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        for number, step in enumerate(self.steps, start=1):
            mark = "ok" if step.proved else "NOT CHECKED"
            lines.append(f"{number:>2}. {step.text()}")
            lines.append(f"      [{mark}] {why_text(step.why_parts)}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """An align* block: one line per step, its justification beside it."""
        rows = []
        for step in self.steps:
            rows.append(f"{sp.latex(step.lhs)} &= {sp.latex(step.rhs)} "
                        f"&& \\text{{{_tex_text(step.why)}}}")
        return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"

    def _repr_latex_(self) -> str:
        return f"$\\textbf{{{_tex_text(self.title)}}}$\n" + self.to_latex().replace("align*", "aligned").join(["$$", "$$"])

    def __repr__(self) -> str:
        return f"<Derivation {self.title!r}: {len(self.steps)} steps, {'verified' if self.verified else 'NOT verified'}>"


class _TextPrinter(StrPrinter):
    """One line in the chapter's notation: a_j, Σ_{j=1}^{n}, ∂C/∂z_j, ln, σ'(z_j)."""

    printmethod = "_nndl_text"   # not the objects' own _sympystr (Indexed prints a[j] there)

    def _print_Indexed(self, e):
        return f"{self._print(e.base)}_{''.join(self._print(t) for t in e.indices)}"

    def _print_IndexedBase(self, e):
        return _plain(str(e.label))

    def _print_Sum(self, e):
        (v, lo, hi), *_ = e.limits
        return f"Σ_{{{self._print(v)}={self._print(lo)}}}^{{{self._print(hi)}}} ({self._print(e.function)})"

    def _print_Product(self, e):
        (v, lo, hi), *_ = e.limits
        return f"Π_{{{self._print(v)}={self._print(lo)}}}^{{{self._print(hi)}}} ({self._print(e.function)})"

    def _print_Derivative(self, e):
        var = "".join(self._print(v) for v, _ in e.variable_count)
        inner = self._print(e.expr)
        inner = inner if isinstance(e.expr, (sp.Symbol, sp.Indexed)) else f"({inner})"
        return f"∂{inner}/∂{var}"

    def _print_log(self, e):
        return f"ln({self._print(e.args[0])})"

    def _print_KroneckerDelta(self, e):
        return f"δ_{''.join(self._print(t) for t in e.args)}"

    def _print_sigma(self, e):
        return f"σ({self._print(e.args[0])})"

    def _print_sigma_prime(self, e):
        return f"σ'({self._print(e.args[0])})"

    def _print_Symbol(self, e):
        return _plain(e.name)

    def _print_Pow(self, e, rational=False):
        return super()._print_Pow(e, rational).replace("**", "^")


def _plain(name: str) -> str:
    return {"ell": "ℓ", "sigma": "σ", "pi": "π", r"\delta": "δ"}.get(name, name.replace("\\", ""))


def text(expr) -> str:
    """An expression on one line, in the chapter's notation."""
    return _TextPrinter().doprint(expr)


_TEX_WORDS = {r"\partial": "∂", r"\delta": "δ", r"\sigma": "σ", r"\sum": "Σ", r"\ln": "ln",
              r"\sigma'": "σ'", r"\ell": "ℓ", r"\infty": "∞", r"\to": "→", r"\cdot": "·", r"\neq": "≠"}


def why_text(parts) -> str:
    """A justification for the terminal: $...$ math loses its TeX; SymPy parts print as text."""
    out = []
    for part in (parts if isinstance(parts, (list, tuple)) else [parts]):
        if isinstance(part, sp.Basic):
            out.append(text(part))
            continue
        plain = part.replace("$", "")
        for tex, uni in sorted(_TEX_WORDS.items(), key=lambda kv: -len(kv[0])):
            plain = plain.replace(tex, uni)
        out.append(plain.replace("{", "").replace("}", "").replace("\\", ""))
    return "".join(out)


def why_words(parts) -> str:
    """Words with SymPy parts as inline LaTeX math, $...$."""
    return "".join(f"${sp.latex(p)}$" if isinstance(p, sp.Basic) else p
                   for p in (parts if isinstance(parts, (list, tuple)) else [parts]))


def _tex_text(s: str) -> str:
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
