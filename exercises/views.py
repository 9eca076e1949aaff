"""The claims, their proofs and the checker's reports as HTML with MathML: Jupyter's rich display and
the `--html` pages of `nndl check` and `nndl prove`.

Built from the objects' public fields (a report's steps, verdicts, counterexamples and hints);
the formulas go through `derivations.html` (LaTeX to MathML), so a page renders every formula with
no script and no network. Each object's `_repr_html_` calls the function here that shows it.
"""
from __future__ import annotations

import re

from derivations.html import escape, formula, fragment, math, name_math, page, step_row, verdict_mark, words


# ============================================================================ claims and proofs

def claim_html(claim) -> str:
    st = claim.statement()
    hypotheses = [formula(h) for h in st.hypotheses] + [formula(g.statement) for g in st.given]
    notation = [formula(d.statement()) for d in st.notation]
    rows = [f"<tr><th>claim</th><td>{'not: ' if st.refutes else ''}{formula(st.proposition)}</td></tr>"]
    if hypotheses:
        rows.append(f"<tr><th>for</th><td>{', '.join(hypotheses)}</td></tr>")
    if notation:
        rows.append(f"<tr><th>where</th><td>{', '.join(notation)}</td></tr>")
    rows.append(f"<tr><th>source</th><td>{escape(claim.source)}</td></tr>")
    rows.append(f"<tr><th>expected</th><td>{verdict_mark(claim.expected)}</td></tr>")
    return (f"<h3>{escape(claim.title)} <code>{escape(claim.id)}</code></h3>"
            f"<p>{words(claim.prose)}</p><table>{''.join(rows)}</table>")


def result_html(result, claim=None) -> str:
    """A proof: the verdict, then each step in the chapter's notation with its status and reason."""
    head = f"<h3>{escape(claim.title if claim is not None else result.claim_id)} " \
           f"<code>{escape(result.claim_id)}</code> {verdict_mark(result.verdict)}</h3>"
    statement = f"<p>{formula(result.statement.proposition)}</p>" if result.statement is not None else ""
    rows = "".join(step_row(n, s) for n, s in enumerate(result.steps, start=1))
    tail = []
    if result.concluded:
        tail.append(f"<div class=\"why\">the claim: {escape(result.concluded)}</div>")
    if result.counterexample:
        tail.append('<div class="counterexample">counterexample: ' + ", ".join(
            f"{name_math(k)} = {escape(_value(v))}" for k, v in result.counterexample.items()) + "</div>")
    scope = "general n" if result.general_n else "explicit n = 2..10"
    tail.append(f'<div class="note">{escape(result.kinds_text())}; {scope}; {result.seconds:.2f} s</div>')
    return (head + statement + f"<table><tr><th></th><th>step</th><th></th><th>why</th></tr>{rows}</table>"
            + "".join(tail))


def _value(v) -> str:
    from exercises.proof import shown_value
    return shown_value(v)


def prove_page(sections: list[str], summary: str) -> str:
    """`nndl prove --html`: every claim's proof (sections made in the workers), and the summary."""
    return page("nndl prove: the claims of chapter 3 and their proofs",
                f"<p>{escape(summary)}</p>" + "".join(f"<section>{s}</section>" for s in sections))


# ============================================================================ a learner's derivation

def learner_math(source: str) -> str:
    """A learner's step as they wrote it (alignment marks and line breaks dropped), as MathML."""
    tex = re.sub(r"\\\\(\[[^\]]*\])?", " ", source)
    tex = re.sub(r"\\(label|tag)\{[^}]*\}|\\nonumber|\\notag", " ", tex)
    tex = tex.replace("&", " ").strip().rstrip(".,;").strip()
    return math(tex)


def counterexample_html(cex: dict, written: str | None = None) -> str:
    from exercises.check.report import shown_point
    point = ", ".join(f"{name_math(k)} = {escape(_number(v))}" for k, v in shown_point(cex, written).items())
    sides = ""
    if "left" in cex and "right" in cex:
        sides = f": left side {escape(_number(cex['left']))}, right side {escape(_number(cex['right']))}"
    return f'<div class="counterexample">counterexample: {point}{sides}</div>'


def _number(v) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def step_report_row(number, s, previous_failed: bool = False) -> str:
    """One step of a learner's chain: the step rendered, its verdict, why, the counterexample and the
    hint beside it, and the learner's source (line and column) under it."""
    label = "claim" if s.claim else f"step {number}"
    details = []
    if s.verdict != "follows" or s.claim:
        details.append(f'<div class="why">{escape(s.reason)}</div>')
    if s.counterexample:
        details.append(counterexample_html(s.counterexample, s.source))
    if s.hint:
        details.append(f'<div class="hint">hint: {escape(s.hint)}</div>')
    if s.equals_start is False:
        details.append('<div class="note">this line no longer equals the chain\'s start</div>')
    elif s.equals_start is True and previous_failed:
        details.append('<div class="note">this line equals the chain\'s start again</div>')
    source = (f'<details><summary class="note">line {s.line}, column {s.column}</summary>'
              f'<pre class="source">{escape(s.quoted or s.source)}</pre></details>')
    return (f"<tr><td>{label}</td><td>{learner_math(s.source)}{source}</td>"
            f"<td>{verdict_mark(s.verdict)}</td><td>{''.join(details)}</td></tr>")


def chain_html(chain) -> str:
    where = escape(chain.file) + (f", cell {chain.cell}" if chain.cell is not None else "") + f", line {chain.line}"
    head = f"checked as exercise <code>{escape(chain.exercise)}</code>" if chain.exercise else \
        "no exercise named: checked as algebra, every letter a free quantity"
    notes = "".join(f'<div class="note">{escape(n)}</div>' for n in chain.notes)
    rows = []
    for number, s in enumerate(chain.steps, start=1):
        failed = any(p.verdict != "follows" for p in chain.steps[:number - 1])
        rows.append(step_report_row(number, s, failed))
    conclusion = chain.conclusion or {}
    reached = "good" if conclusion.get("reached") else "open"
    return (f"<h3>{where}</h3><div>{head}</div>{notes}"
            f"<table><tr><th></th><th>the step, as written</th><th></th><th>why</th></tr>{''.join(rows)}</table>"
            f'<div class="conclusion {reached}">conclusion: {escape(conclusion.get("text", ""))}</div>')


def check_report_html(report) -> str:
    """A derivations Report (exercises.check.derivations): every chain, then the counts."""
    if not report.chains:
        return "".join(f"<p>{escape(n)}</p>" for n in report.notes) + \
            f"<p>no displayed derivation found in {escape(', '.join(report.files))}</p>"
    counts = {v: sum(1 for c in report.chains for s in c.steps if s.verdict == v)
              for v in ("follows", "wrong", "undecided", "unparsed")}
    summary = ", ".join(f"{verdict_mark(v)} {n}" for v, n in counts.items())
    return ("".join(f"<p>{escape(n)}</p>" for n in report.notes)
            + "".join(f"<section>{chain_html(c)}</section>" for c in report.chains)
            + f"<p>{len(report.chains)} chain(s): {summary} ({report.seconds:.1f} s)</p>")


# ============================================================================ a learner's code

def function_html(r) -> str:
    """One function of a learner's file: its verdict, the code as latexify renders it beside the
    derived formula, the inputs where it failed, and the hints."""
    rows = [f"<tr><th>code</th><td>{math(r.code_latex) if r.code_latex else escape(r.code_latex_error or 'latexify cannot render it')}</td></tr>"]
    if r.formula_latex:
        rows.append(f"<tr><th>derived formula</th><td>{'<br>'.join(math(t) for t in r.formula_latex)}</td></tr>")
    if r.convention:
        rows.append(f"<tr><th>held to</th><td>{escape(r.convention)}</td></tr>")
    rows += [f'<tr><th>failed</th><td class="counterexample">{escape(f.text())}</td></tr>' for f in r.failures]
    rows += [f'<tr><th>hint</th><td class="hint">{escape(h)}</td></tr>' for h in r.hints]
    rows += [f'<tr><th>note</th><td class="note">{escape(n)}</td></tr>' for n in r.notes]
    if r.why:
        rows.append(f'<tr><th>why</th><td class="note">{escape(r.why)}</td></tr>')
    held = f" ({escape(r.kind)})" if r.verdict == "not checked" else f", held to {escape(r.kind)}"
    return (f"<h3><code>{escape(r.function)}</code> {verdict_mark(r.verdict)}"
            f' <span class="note">line {r.line}{held}</span></h3><table>{"".join(rows)}</table>')


def code_report_html(report) -> str:
    """A code Report (exercises.check.code): each file's functions."""
    out = []
    for f in report.files:
        out.append(f"<h3>{escape(f.path)}</h3>")
        out += [f"<section>{function_html(r)}</section>" for r in f.results]
        if f.unrecognised:
            out.append('<p class="note">not checked, not a function nndl check knows: '
                       + ", ".join(f"<code>{escape(r.function)}</code>" for r in f.unrecognised) + "</p>")
    return "".join(out)


def code_results_html(results) -> str:
    return "".join(f"<section>{function_html(r)}</section>" for r in results)


# ============================================================================ the teachers' table and the page

def summary_html(summary) -> str:
    if not summary.cells:
        return ""
    head = "".join(f"<th><code>{escape(c)}</code></th>" for c in summary.columns)
    rows = []
    for f in summary.files:
        cells = []
        for c in summary.columns:
            cell = summary.cells.get((f, c))
            cells.append(f"<td>{verdict_mark(cell.verdict)} <span class=\"note\">{escape(cell.text()[len(cell.verdict):])}</span></td>"
                         if cell else "<td>-</td>")
        rows.append(f"<tr><td>{escape(f)}</td>{''.join(cells)}</tr>")
    return f"<h2>Summary, file by exercise</h2><table><tr><th>file</th>{head}</tr>{''.join(rows)}</table>"


def check_page(derivation_reports=(), code_reports=(), summary=None) -> str:
    """`nndl check --html`: the summary, then every chain and every function."""
    body = (summary_html(summary) if summary is not None else "") \
        + "".join(check_report_html(r) for r in derivation_reports) \
        + "".join(code_report_html(r) for r in code_reports)
    return page("nndl check: your work held against the derived formulas", body)


def show(body: str) -> str:
    """What a `_repr_html_` returns: the markup with its style, for Jupyter."""
    return fragment(body)


__all__ = ["claim_html", "result_html", "chain_html", "check_report_html", "function_html", "code_report_html",
           "summary_html", "check_page", "prove_page", "show"]
