"""The document's sections, each from the objects the proofs use:

    1. Costs from likelihood models      one subsection per model, then its output errors
    2. Exercises and claims              one subsection per claim: statement, steps, verdict
    3. From math to code                 numeric.functions beside derivations, checked equal
    4. Numeric confirmation              the data `nndl confirm --out DIR` wrote in DIR
"""
from __future__ import annotations

import inspect
import re
from typing import Sequence

import sympy as sp

from derivations.notation import tex, tex_inline
from derivations.steps import PROVED, REFUTED, UNDECIDED
from exercises.document.layout import Layout
from exercises.document.text import number, plain, scientific, text, title, tt, value


# ============================================================================ 1. costs

def model_section(model, pairings: Sequence, layout: Layout) -> str:
    """One likelihood model: distribution, likelihood, log-likelihood, what is dropped, the cost,
    the average over N examples; then the output error of each activation paired with the cost."""
    from derivations.symbols import L
    out = [rf"\subsection{{The {plain(model.name)} model and the {plain(model.cost_name)} cost}}",
           r"\noindent The distribution of the desired output $y$ given the network's output $a$:",
           rf"\[ {model.distribution} \]",
           (r"\noindent (Here $\sigma$ is the standard deviation of the noise, not the sigmoid.)"
            if any(str(s_) == "sigma" for s_ in model.likelihood.free_symbols) else ""),
           r"\noindent The likelihood of one example is $L$ below; its logarithm is",
           layout.align([sp.Eq(sp.log(L), model.log_likelihood, evaluate=False)]),
           r"\noindent From the negative log-likelihood to the cost, every step checked:",
           layout.align(model.derivation.steps)]
    dropped = [rf"${tex_inline(d.term)}$ ({text(d.why)})" for d in model.dropped]
    if model.scale != 1:
        dropped.append(rf"the positive factor ${tex_inline(model.scale)}$, divided out")
    out.append(r"\noindent Dropped: " + ("; ".join(dropped) if dropped else "nothing") +
               ". The minimiser over $a$ is unchanged.\n")
    out += [r"\noindent Over the $N$ training examples (the chapter's average over $x$):",
            layout.align(model.average_derivation.steps)]
    for p in pairings:
        out.append(output_error_section(p, layout))
    return "\n".join(out)


def output_error_section(pairing, layout: Layout) -> str:
    from derivations.symbols import a, j
    act, oe = pairing.activation, pairing.output_error
    out = [rf"\subsubsection{{Output error with {plain(act.name)} output}}",
           rf"\noindent The output activations are ${tex(sp.Eq(a[j], act.of_z(j), evaluate=False))}$; "
           r"the output error $\delta_j = \partial C/\partial z_j$:",
           layout.align(oe.derivation.steps),
           r"\noindent The gradient for the weights, through $z_i = \sum_q w_{iq} a^{L-1}_q + b_i$:",
           layout.align(oe.weight_gradient.steps),
           r"\noindent and for the biases:",
           layout.align(oe.bias_gradient.steps)]
    if oe.in_terms_of_a != oe.closed_form:
        out.append(rf"\noindent In terms of $a$ and $y$ alone, as the network computes it: "
                   rf"$\delta_j = {tex(oe.in_terms_of_a)}$.")
    return "\n".join(out) + "\n"


# ============================================================================ 2. claims

SCOPE = {True: "in general (for a symbolic number of classes $n$ where the claim has one)",
         False: "for the explicit $n = 2, \\dots, 10$ only, not for a general $n$"}
VERDICT = {PROVED: "proved", REFUTED: "refuted: the claim is false, as the counterexample shows",
           UNDECIDED: "NOT ESTABLISHED: some step did not prove"}


def claim_section(claim, result, layout: Layout, level: str = "subsection", error: str | None = None) -> str:
    """One claim: statement, source, the proof's steps, the verdict and what it rests on
    (result None: the proof raised `error`, and the document says so)."""
    out = [rf"\{level}{{{title(claim.title)}}}",
           rf"\noindent\textbf{{Claim}} (\texttt{{{plain(claim.id)}}}). {text(claim.prose)}",
           "",
           rf"\noindent{{\small Source: {text(claim.source)}.}}",
           ""]
    if result is None:
        out.append(rf"\noindent\textbf{{Verdict:}} NOT ESTABLISHED: the proof raised {plain(error or 'an error')}.")
        return "\n".join(out) + "\n"
    if result.statement is not None:
        out.append(formal_statement(result.statement, layout))
    if result.steps:
        out.append(r"\noindent\textbf{Proof.} Each step with its justification; at the right, how it holds "
                   r"(CAS, decided, lemma, instance of an earlier step, earlier step, rewriting, definition).")
        out.append(layout.align(result.steps))
    scope = "" if result.verdict == REFUTED else f", {SCOPE[bool(result.general_n)]}"
    out.append(rf"\noindent\textbf{{Verdict:}} {VERDICT[result.verdict]}{scope}."
               + ("" if result.verdict == claim.expected else rf" (expected: {claim.expected})"))
    if result.lemmas:
        out.append("Resting on the standard " + ("lemmas" if len(result.lemmas) > 1 else "lemma") + ": "
                   + "; ".join(text(x) for x in result.lemmas) + ".")
    if result.counterexample:
        out.append("\n" + r"\noindent\textbf{Counterexample:} " +
                   "; ".join(_counterexample_item(k, v) for k, v in result.counterexample.items()) + ".")
    failures = [(number, v) for number, s in enumerate(result.steps, start=1) for v in s.checks if not v.proved]
    if failures:
        out.append("\n" + r"\noindent Checks that did not prove: " +
                   "; ".join(f"step {number}, " + _terminal_text(f"{v.claim} ({v.status}: {v.reason})")
                             for number, v in failures) + ".")
    return "\n".join(out) + "\n"


_UNICODE_MATH = {"∞": r"\infty", "≠": r"\neq", "≥": r"\geq", "≤": r"\leq", "Σ": r"\Sigma", "Π": r"\Pi",
                 "∂": r"\partial", "σ": r"\sigma", "δ": r"\delta", "ℓ": r"\ell", "π": r"\pi", "√": r"\surd",
                 "→": r"\to", "⟺": r"\iff", "∘": r"\circ", "·": r"\cdot", "…": r"\dots", "×": r"\times",
                 "\u0304": ""}


def _terminal_text(s: str) -> str:
    """A check's words as the terminal shows them (the chapter's notation in Unicode), for the
    document: escaped, each Unicode symbol as its LaTeX math."""
    out = plain(s)
    for char, macro in _UNICODE_MATH.items():
        out = out.replace(char, f"${macro}$" if macro else "")
    return out


def formal_statement(statement, layout: Layout) -> str:
    """The claim as its proof's checks read it: the proposition (for a refutation: the one shown
    false), its hypotheses and its notation."""
    from derivations.steps import statement_tex
    lead = r"\noindent\textbf{As stated for the checks}" + (" (the claim refuted)" if statement.refutes else "") + ":"
    out = [lead, layout.align([statement.proposition])]
    conditions = [f"${statement_tex(h)}$" for h in statement.hypotheses] + \
                 [f"${statement_tex(g.statement)}$" for g in statement.given]
    if conditions:
        out.append(r"\noindent for " + ", ".join(conditions) + ("," if statement.notation else "."))
    if statement.notation:
        out.append(r"\noindent where")
        out.append(layout.align([d.statement() for d in statement.notation]))
    return "\n".join(out)


def _counterexample_item(key: str, v) -> str:
    """A counterexample's entry: its name in math (y, z, dC/dz_2 as written), its value."""
    name = _math_name(key)
    return f"{name} $= {value(v)}$"


def _math_name(key: str) -> str:
    if re.fullmatch(r"[A-Za-z]", key):
        return f"${key}$"
    m = re.fullmatch(r"(.*?)\b(d[A-Za-z]+)/d([a-z])_(\w+)$", key)     # "gradient gap dC/dz_2"
    if m:
        return plain(m.group(1)) + rf"$\partial {m.group(2)[1:]}/\partial {m.group(3)}_{{{m.group(4)}}}$"
    return plain(key)


def claims_table(rows: list[dict]) -> str:
    out = [r"\begin{center}\small", r"\begin{tabular}{p{0.32\linewidth}p{0.36\linewidth}ll}", r"\hline",
           r"claim & title & verdict & $n$ \\ \hline"]
    for r in rows:
        out.append(rf"{tt(r['id'])} & {title(r['title'])} & {r['verdict']} & "
                   rf"{'general' if r['general_n'] else '2 to 10'} \\")
    return "\n".join(out + [r"\hline", r"\end{tabular}", r"\end{center}", ""])


# ============================================================================ 3. code

def code_section(checked: Sequence, layout: Layout) -> str:
    """From math to code: each NumPy function rendered by latexify beside its SymPy formula."""
    import numeric.functions as F
    from exercises.check.formulas import ATOL, DIGITS, RTOL, rendered
    out = [r"\section{From math to code}",
           r"Each function of \texttt{numeric.functions} that computes a formula of the chapter, as "
           r"latexify-py renders its Python source, beside the SymPy formula from \texttt{derivations} "
           r"it implements; the output errors are the ones the network uses, generated from the "
           r"derivations by \texttt{sympy.lambdify}. Before this document was written the two were "
           rf"evaluated at the same points, the code in float64 and the formula with mpmath at {DIGITS} "
           r"digits (more where the input is large, so that nothing cancels), and found equal within "
           rf"a relative error of ${scientific(RTOL)}$ (values below the smallest normal double, "
           rf"${scientific(ATOL)}$, count as equal to 0) unless said otherwise. In the code $n$ is the "
           r"number of examples in a batch, the chapter's $n$ in $C = \frac{1}{n}\sum_x C_x$; the "
           r"derivations call it $N$ and keep $n$ for the number of output neurons.", ""]
    shown = set()
    for c in checked:
        pair = c.pair
        shown.add(getattr(pair.code, "__name__", ""))
        shown.update(w.rsplit(".", 1)[-1] for w, _ in pair.also)
        out.append(rf"\subsection{{{plain(pair.heading[0].upper() + pair.heading[1:])}}}")
        out += _code(pair.code, tt(pair.where))
        out.append(r"\noindent The formula it implements:")
        out.append(layout.align(list(pair.formula)))
        extreme = (rf" and {c.extreme_points} at extreme points ({pair.extremes_shown})" if c.extreme_points else "")
        within = "" if pair.rtol else rf", within an absolute error of ${scientific(pair.atol)}$"
        out.append(rf"\noindent\emph{{Checked equal}}: {c.random_points} values at random points{extreme}"
                   rf"{within}; largest {c.measure} difference \mbox{{${scientific(c.worst)}$}}.")
        for where, _ in pair.also:
            out.append(rf"The training loop's version, {tt(where)}, agrees at the same points.")
        out.append("")
    others = [(name, fn) for name, fn in inspect.getmembers(F, inspect.isfunction)
              if fn.__module__ == F.__name__ and name not in shown and not name.startswith("_")]
    if others:
        out.append(r"\subsection{The other functions of \texttt{numeric.functions}}")
        out.append(r"\noindent These check their input or are numerical safeguards used by the functions "
                   r"above (the shift by $\max z$, $x \ln y$ with $0 \ln 0 = 0$); they have no formula of "
                   r"their own to compare with here:")
        out.append(r"\begin{itemize}")
        for name, fn in others:
            code, _ = rendered(fn)
            out.append(rf"\item {tt(name)}: " + (rf"$ {code} $" if code else _first_doc_line(fn)))
        out.append(r"\end{itemize}")
    return "\n".join(out) + "\n"


def _code(fn, where: str) -> list[str]:
    """The code as latexify renders it, or its Python source where latexify cannot render it."""
    from exercises.check.formulas import rendered
    code, _ = rendered(fn)
    if code:
        return [rf"\noindent The code, {where}, as latexify renders it:", rf"\[ {code} \]"]
    try:
        source = inspect.getsource(getattr(fn, "__wrapped__", fn))
    except (OSError, TypeError):
        return [rf"\noindent The code, {where} (its source is not available)."]
    source = re.sub(r'\n?\s*"""(.|\n)*?"""', "", source, count=1)      # the docstring is prose, not code
    return [rf"\noindent The code, {where}, in Python (it has more than one expression, which "
            r"latexify does not render):", r"\begin{verbatim}", source.rstrip(), r"\end{verbatim}"]


def _first_doc_line(fn) -> str:
    """The first line of a function's docstring, as the code comment it is (typewriter type)."""
    doc = (inspect.getdoc(fn) or "").strip().splitlines()
    return rf"\texttt{{{plain(doc[0], quotes=False)}}}" if doc else ""


# ============================================================================ 4. confirm

def confirmation_section(report: dict, folder) -> tuple[str, list[str]]:
    """The data `nndl confirm --out DIR` wrote (confirm.json) as a section, and the figures it shows."""
    results, data = report["results"], report["data"]
    passed = sum(bool(r["passed"]) for r in results)
    intro = (rf"The results of \texttt{{nndl confirm}} found in this folder: {passed} of {len(results)} "
             rf"confirmations passed in {report['seconds']:.1f}~s, on {plain(data['name'])} "
             rf"({tt(data['source'])}).")
    if data.get("note"):
        intro += " " + plain(data["note"][0].upper() + data["note"][1:]) + "."
    out = [r"\section{Numeric confirmation on MNIST}", intro, "",
           r"\begin{center}\small", r"\begin{tabular}{p{0.34\linewidth}p{0.5\linewidth}l}",
           r"\hline confirmation & what it checks & \\ \hline"]
    for r in results:
        out.append(rf"{tt(r['id'])} & {text(r['claim'])} & {'pass' if r['passed'] else 'FAIL'} \\")
    out += [r"\hline", r"\end{tabular}", r"\end{center}"]
    figures = []
    for r in results:
        out.append(rf"\subsection{{{'Passed' if r['passed'] else 'FAILED'}: {plain(r['id'])}}}")
        out.append(text(r["claim"]) + ".")
        out.append(r"\begin{itemize}\small")
        for label in ("measured", "expected"):
            out.append(rf"\item {label}: " + _measurement(r[label]))
        out.append(r"\end{itemize}")
        for table in r.get("tables", []):
            out.append(_table(table))
        for name in r.get("figures", []):
            if (folder / name).exists():
                figures.append(name)
                out.append(r"\begin{center}\includegraphics[width=0.8\linewidth,height=0.32\textheight,"
                           rf"keepaspectratio]{{{name}}}\end{{center}}")
            else:
                out.append(rf"\noindent (The figure {tt(name)} is not in the folder.)")
    return "\n".join(out) + "\n", figures


def _measurement(v) -> str:
    """A measured or expected value: words with $...$ math, numbers typeset, dicts as lists."""
    if isinstance(v, dict):
        return "; ".join(f"{text(str(k))}: {_measurement(x)}" for k, x in v.items())
    if isinstance(v, float):
        return f"${number(v)}$"
    return text(str(v))


def _table(t: dict) -> str:
    cells = [[_measurement(c) if not isinstance(c, str) else text(c) for c in row] for row in t["rows"]]
    head = " & ".join(text(str(c)) for c in t["columns"]) + r" \\"
    letters = sum(max([len(str(c))] + [len(str(row[k])) for row in t["rows"] if k < len(row)])
                  for k, c in enumerate(t["columns"]))
    size = r"\small" if letters < 70 else r"\footnotesize\setlength{\tabcolsep}{3pt}"
    caption = [rf"\noindent {text(t['caption'])}"] if t.get("caption") else []
    return "\n".join(caption + [r"\begin{center}" + size, rf"\begin{{tabular}}{{{'l' * len(t['columns'])}}}",
                                r"\hline", head, r"\hline", *(" & ".join(r) + r" \\" for r in cells),
                                r"\hline", r"\end{tabular}", r"\end{center}"])
