"""Laying equations out in the document: aligned blocks, long equations broken across lines.

`Layout(line)` lays out for a text `line` letters of math wide (one letter is about 5 pt at
10 pt): the document is 16 cm wide, a fragment for pasting may land in 12 cm. Equations are
printed in the chapter's notation (`derivations.notation`) and broken where they would run off the
page: between the terms of a sum, after the factor in front of a long bracket, inside the bracket
of a long sum or derivative. The compiled document is checked for lines into the margin too.
"""
from __future__ import annotations

import re
from typing import Sequence

import sympy as sp

from derivations.notation import RELATIONS, ChapterPrinter, ordered_terms, split_fraction, tex, width
from derivations.steps import Step, statement_tex
from exercises.document.text import text, words

DOCUMENT_LINE = 84   # the text width (16 cm) in letters of math
FRAGMENT_LINE = 62   # a fragment may land in the article class's default 12.2 cm
LHS_MAX = 26         # a wider left-hand side gets a line of its own

_PRINTER = ChapterPrinter()


class Layout:
    """How wide a line is, and how to break equations to fit it."""

    def __init__(self, line: float = DOCUMENT_LINE):
        self.line = line

    def pieces(self, expr, limit: float) -> list[str]:
        """`expr` in LaTeX, cut where a line may break. Joined with spaces the pieces are the
        whole expression."""
        full = tex(expr)
        if width(full) <= limit:
            return [full]
        if isinstance(expr, sp.Add):
            out = []
            for number, term in enumerate(ordered_terms(expr)):
                negative = term.could_extract_minus_sign()
                body = -term if negative and number else term
                sign = ("- " if negative else "+ ") if number else ""
                parts = self.pieces(body, limit) if not body.is_Add else [tex(body)]
                out += [sign + parts[0], *parts[1:]]
            return out
        if isinstance(expr, sp.Mul):
            if expr.could_extract_minus_sign():
                inner = -expr
                parts = self.bracket(inner, limit) if inner.is_Add else self.pieces(inner, limit)
                return ["- " + parts[0], *parts[1:]]
            top, bottom = split_fraction(expr)
            widest = max(top, key=lambda f: width(tex(f)))
            rest = [f for f in top if f is not widest]
            lead = _PRINTER._product(rest) if rest else ""
            if bottom:
                lead = rf"\frac{{{lead or '1'}}}{{{_PRINTER._product(bottom)}}}"
            parts = self.bracket(widest, limit) if widest.is_Add else self.pieces(widest, limit)
            return [f"{lead} {parts[0]}".strip(), *parts[1:]] if lead else parts
        if isinstance(expr, (sp.Sum, sp.Product)) and len(expr.limits) == 1:
            head = _PRINTER._big_operator(r"\sum" if isinstance(expr, sp.Sum) else r"\prod", expr)
            body = expr.function
            parts = self.bracket(body, limit) if body.is_Add else self.pieces(body, limit)
            return [head + parts[0], *parts[1:]]
        if isinstance(expr, sp.Subs):
            inner, old, new = expr.args
            at = r",\ ".join(f"{tex(o)}={tex(v)}" for o, v in zip(old, new))
            parts = self.pieces(inner, limit - width(at) - 2)
            return [*parts[:-1], parts[-1] + rf" \Bigr|_{{{at}}}"]
        if isinstance(expr, sp.Derivative):
            head = tex(sp.Derivative(sp.Symbol("__"), *expr.variables)).replace(r" \left(__\right)", "")
            head = re.sub(r"\\partial __", r"\\partial", head)
            return [head + " " + p if n_ == 0 else p for n_, p in enumerate(self.bracket(expr.expr, limit))]
        return [full]

    def bracket(self, expr, limit: float) -> list[str]:
        """pieces of `expr` inside brackets that may span lines (\\Bigl( ... \\Bigr), not \\left)."""
        parts = self.pieces(expr, limit)
        if len(parts) == 1:
            return [rf"\left({parts[0]}\right)"]
        tall = any(s in "".join(parts) for s in (r"\frac", r"\sum", r"\prod"))
        left, right = (r"\biggl(", r"\biggr)") if tall else (r"\Bigl(", r"\Bigr)")
        return [left + parts[0], *parts[1:-1], parts[-1] + right]

    def lines(self, expr, limit: float) -> list[str]:
        """`expr` as lines of at most `limit` letters where it can be broken."""
        out: list[str] = []
        for piece in self.pieces(expr, limit):
            if out and width(out[-1] + " " + piece) > limit:
                out.append(piece)
            elif out:
                out[-1] += " " + piece
            else:
                out.append(piece)
        return out

    def align(self, items: Sequence) -> str:
        """An align* block of steps (each under its justification, how it holds at the right
        margin) or plain SymPy relations. A step whose lhs is the previous equation's continues
        it: a = b = c. A step that states several things (And) has a row for each; one that holds
        under a condition (Implies) says so before its rows."""
        rows, previous = [], None
        for item in items:
            step = item if isinstance(item, Step) else None
            st = step.statement if step else item
            why = _why(step) if step else ""
            for number, (condition, part) in enumerate(_rows_of(st)):
                lead = why if number == 0 else ""
                if condition is not None:
                    lead += ("" if not lead else " ") + rf"{{\small if ${statement_tex(condition)}$:}}"
                if isinstance(part, sp.Rel):
                    same = previous is not None and part.lhs == previous and part.rel_op == "==" and condition is None
                    rows.append((None if same else part.lhs, RELATIONS[part.rel_op], part.rhs, lead))
                    previous = part.lhs if part.rel_op == "==" and condition is None else None
                else:
                    rows.append((None, "", part, lead))
                    previous = None
        return self._block(rows)

    def _block(self, rows) -> str:
        lhs = [tex(left) if left is not None else "" for left, *_ in rows]
        col = max([w for w in map(width, lhs) if w <= LHS_MAX], default=0.0)
        room = self.line - col - 3
        out = []
        for number, ((left_expr, rel, rhs_expr, why), left) in enumerate(zip(rows, lhs)):
            if number and why:
                out.append(rf"\intertext{{{why}}}")
            body = []
            if width(left) > LHS_MAX:
                body += [f"&{line}" for line in self.lines(left_expr, self.line - col)]
                left = ""
            rhs = self.lines(rhs_expr, room) if rhs_expr is not None else [""]
            body.append(f"{left} &{rel} {rhs[0]}" if rel else f"{left} &{rhs[0]}")
            body += [r"&\qquad " + ("{}" if line[:1] in "+-" else "") + line for line in rhs[1:]]
            out.append(" \\\\\n".join(body) + (r" \\" if number < len(rows) - 1 else ""))
        lead = rows[0][3] if rows else ""
        return ("\n\\noindent " + lead + "\n" if lead else "") + \
            "\\begin{align*}\n" + "\n".join(out) + "\n\\end{align*}\n"


def _rows_of(st) -> list:
    """(condition or None, relation) for each thing a statement says."""
    if isinstance(st, sp.And):
        return [row for part in st.args for row in _rows_of(part)]
    if isinstance(st, sp.Implies):
        return [(st.args[0] if cond is None else sp.And(st.args[0], cond), part) for cond, part in _rows_of(st.args[1])]
    return [(None, st)]


def _why(step: Step) -> str:
    """The justification, how the step holds at the right margin (on its own line if there is no
    room): definition, CAS, decided, lemma (with its name), instance, earlier step, rewriting, or
    the status of a step that did not hold."""
    why = words(step.why_parts) + (rf" (lemma: {text(step.lemma.name)})" if step.lemma is not None else "")
    label = step.kind if step.holds else step.label
    mark = (r"\unskip\nobreak\hfil\penalty50\hskip1em\hbox{}\nobreak\hfill"
            rf"{{\footnotesize\itshape {label}}}{{\parfillskip=0pt\finalhyphendemerits=0\endgraf}}")
    return rf"{{\small {why}}}{mark}"
