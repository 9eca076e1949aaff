"""Formulas and verdicts as HTML with MathML: what Jupyter shows and what `--html` pages are made of.

    math(tex, display=False) -> str        LaTeX (the chapter's, or a learner's) as a <math> element
    formula(expr_or_statement) -> str      a SymPy object in the chapter's notation, as MathML
    words(text) -> str                     words with $...$ math, as HTML
    page(title, body) -> str               one self-contained HTML file (no script, no font, no network)

Every formula goes one way: the chapter's LaTeX (`derivations.notation`, the notation the terminal
and the document show) or the learner's own LaTeX, converted to MathML by `latex2mathml`; browsers
render MathML themselves (Chromium since 109, Firefox, Safari), so a page needs neither the
internet nor a script, and Jupyter shows the same markup. A formula the converter cannot read is
shown as its source in a <code class="unrendered"> element, never silently dropped (the browser
test counts them: none).

The markup of the derivation package's own objects (a Verdict, a Step, a Derivation) is here; the
claims' and the checker's are in `exercises.views`, built from the same pieces.
"""
from __future__ import annotations

import html
import re

VERDICT_CLASSES = {   # a status (of a proof, a step, a learner's step, a function) -> its colour class
    "proved": "good", "follows": "good", "correct": "good", "definition": "plain", "statement": "plain",
    "lemma": "good", "instance": "good",
    "refuted": "bad", "wrong": "bad", "unparsed": "bad", "disagreement": "bad",
    "undecided": "open", "unstable": "open", "not checked": "open", "vacuous": "open",
}

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; line-height: 1.45; color: #222; }
.nndl table { border-collapse: collapse; margin: .5em 0; display: block; overflow-x: auto; max-width: 100%; }
.nndl td, .nndl th { border-top: 1px solid #ddd; padding: .3em .6em; vertical-align: top; text-align: left; }
.nndl .verdict { font-weight: bold; white-space: nowrap; padding: 0 .3em; border-radius: .2em; }
.nndl .good { color: #11612b; background: #e3f6e8; }
.nndl .bad { color: #9d1c1c; background: #fde8e8; }
.nndl .open { color: #7a5300; background: #fff4d6; }
.nndl .plain { color: #444; background: #eee; }
.nndl .why, .nndl .note { color: #555; font-size: 92%; }
.nndl .hint { color: #7a5300; }
.nndl .counterexample { color: #9d1c1c; }
.nndl .conclusion { margin: .3em 0; padding: .2em .4em; }
.nndl .source { font-size: 85%; color: #555; white-space: pre-wrap; margin: .2em 0; }
.nndl .unrendered { color: #9d1c1c; }
.nndl math { font-size: 110%; }
.nndl td:nth-child(2) > math { math-style: normal; }   /* a step's formula as displayed maths */
.nndl h2, .nndl h3 { margin-bottom: .2em; }
"""


def math(tex: str, display: bool = False) -> str:
    """LaTeX as one <math> element; the source in <code class="unrendered"> if it cannot be read."""
    from latex2mathml.converter import convert
    tex = tex.strip()
    try:
        out = convert(tex, display="block" if display else "inline")
    except Exception as exc:   # noqa: BLE001 - the converter raises many types; what it cannot read is shown as source
        return _unrendered(tex, f"{type(exc).__name__}: {exc}")
    if re.search(r">\s*\\[A-Za-z]+\s*<", out):        # a macro it did not know, left as an identifier
        return _unrendered(tex, "a command the converter does not know")
    return _FUNCTION.sub(_spaced, out)


# ln, exp, ... as TeX spaces them (a thin space on each side; none before an opening parenthesis):
# the converter writes them as bare <mi>, which browsers set tight against their neighbours.
_FUNCTION = re.compile(r"<mi>(ln|log|exp|sin|cos|tan|max|min|diag|sgn)</mi>(<mo stretchy=\"false\">&#x00028;)?")
_THIN = '<mspace width="0.1667em"></mspace>'


def _spaced(m: re.Match) -> str:
    return f"{_THIN}<mi>{m.group(1)}</mi>" + (m.group(2) or _THIN)


def _unrendered(tex: str, why: str) -> str:
    return f'<code class="unrendered" title="{escape(why)}">{escape(tex)}</code>'


def formula(e, display: bool = False) -> str:
    """A SymPy expression or statement (Eq, Gt, And, ...) in the chapter's notation, as MathML."""
    from derivations.steps import statement_tex
    return math(statement_tex(e), display)


def escape(text) -> str:
    return html.escape(str(text), quote=True)


def words(text: str) -> str:
    """Words with LaTeX math between $...$ (as `why` texts are written), as HTML with MathML."""
    out = []
    for number, part in enumerate(re.split(r"(?<!\\)\$", text or "")):
        out.append(math(part) if number % 2 else escape(part))
    return "".join(out)


def why(parts) -> str:
    """A step's reason: words and SymPy parts (`Step.why_parts`), as HTML with MathML."""
    import sympy as sp
    parts = parts if isinstance(parts, (list, tuple)) else (parts,)
    return "".join(formula(p) if isinstance(p, sp.Basic) else words(str(p)) for p in parts)


def verdict_mark(status: str) -> str:
    """A status as a coloured mark (proved, wrong, undecided, ...)."""
    return f'<span class="verdict {VERDICT_CLASSES.get(status, "plain")}">{escape(status)}</span>'


def name_math(name: str) -> str:
    """A quantity's name as the reports write it (y_1, a_j, w_jk, σ'(z)) as MathML: a subscript after
    the first underscore."""
    base, sep, sub = str(name).partition("_")
    return math(f"{base}_{{{sub}}}" if sep and sub else str(name))


def fragment(body: str) -> str:
    """Markup for Jupyter: the body with the page's style, scoped to the .nndl element."""
    return f'<div class="nndl"><style>{_scoped(STYLE)}</style>{body}</div>'


def _scoped(css: str) -> str:
    return "\n".join(line for line in css.splitlines() if not line.startswith("body"))


def page(title: str, body: str) -> str:
    """One self-contained HTML file: no script, no stylesheet or font to fetch."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n"
            f'<body><div class="nndl"><h1>{escape(title)}</h1>\n{body}\n</div></body></html>\n')


# ============================================================================ the derivation package's objects

def verdict_html(v) -> str:
    """A Verdict: its status, what established it, the claim, why, and the counterexample."""
    by = f' <span class="why">by {escape(v.by)}</span>' if v.by else ""
    cex = ""
    if v.counterexample:
        cex = '<div class="counterexample">counterexample: ' + ", ".join(
            f"{name_math(k)} = {escape(_number(x))}" for k, x in v.counterexample.items()) + "</div>"
    return (f"<div>{verdict_mark(v.status)}{by}<div>{claim_math(v.claim)}</div>"
            f'<div class="why">{escape(v.reason)}</div>{cex}</div>')


def claim_math(claim: str) -> str:
    """A verdict's claim (written by the primitives as SymPy's text of each side, "lhs = rhs") as
    MathML in the chapter's notation when both sides read back as SymPy, else as the text it is."""
    import sympy as sp
    for word, relation in ((" >= ", sp.Ge), (" <= ", sp.Le), (" = ", sp.Eq), (" > ", sp.Gt), (" < ", sp.Lt)):
        if claim.count(word) != 1:
            continue
        left, right = claim.split(word)
        try:
            return formula(relation(sp.sympify(left), sp.sympify(right), evaluate=False))
        except (sp.SympifyError, SyntaxError, TypeError, ValueError, AttributeError):
            break
    return f"<code>{escape(claim)}</code>"


def step_row(number, step) -> str:
    """One row of a derivation's or a proof's table: number, formula, status, reason, and the
    checks that did not prove."""
    failing = "".join(f'<div class="why">{escape(c.role)}: {verdict_mark(c.verdict.status)} '
                      f"{escape(c.verdict.reason)}</div>"
                      for c in (step.obligations if not step.holds else ()))
    problem = f'<div class="why">not a definition: {escape(step.problem)}</div>' if step.problem else ""
    return (f"<tr><td>{number}</td><td>{formula(step.statement)}</td>"
            f"<td>{verdict_mark(step.label.lower())}</td><td>{why(step.why_parts)}{problem}{failing}</td></tr>")


def step_html(step) -> str:
    return f"<table>{step_row(step.number or '', step)}</table>"


def derivation_html(d) -> str:
    rows = "".join(step_row(n, s) for n, s in enumerate(d.steps, start=1))
    state = verdict_mark("proved") if d.verified else verdict_mark("undecided")
    return (f"<h3>{escape(d.title)} {state}</h3>"
            f"<table><tr><th></th><th>step</th><th></th><th>why</th></tr>{rows}</table>")


def _number(v) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)
