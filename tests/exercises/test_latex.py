"""`nndl latex`: the document compiles, every claim and section is in the PDF, the pieces of the
command behave, and the check of code against formula can fail.

The compile tests need a LaTeX engine and pdftotext (.ci/run installs texlive-latex-base and
poppler-utils); they do not skip.
"""
from __future__ import annotations

import contextlib
import dataclasses
import io
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from derivations.errors import NndlError
from derivations.models import MODELS
from derivations.notation import tex, width
from derivations.pairings import PAIRINGS
from derivations.symbols import a, j, k, n, w, y, z
from exercises.check import formulas as F
from exercises.document import build as B
from exercises.document.build import Document
from exercises.document.layout import DOCUMENT_LINE, Layout
from exercises.document.pdf import compile_pdf
from exercises.document.text import text, title
from exercises.registry import all_claims
from nndl import cli

# ------------------------------------------------------------------------------------ helpers


def nndl(*argv) -> int:
    return cli.main(["latex", *argv])


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


PDF_SYMBOLS = {"σ": "sigma", "′": "'", "→": "->", "∞": "oo", "\u0338=": "!=", "≠": "!=", "δ": "delta",
               "−": "-", "ﬁ": "fi", "ﬀ": "ff", "ﬂ": "fl", "’": "'"}


def normal(s: str) -> str:
    """Text as the PDF shows it and as the source writes it, made comparable: the typeset
    symbols back in ASCII, no spaces, no underscores (x_j prints as x with a subscript j)."""
    for symbol, ascii_ in PDF_SYMBOLS.items():
        s = s.replace(symbol, ascii_)
    return re.sub(r"[\s_$]", "", s)


# ---------------------------------------------------------------- the whole document, compiled

@pytest.fixture(scope="module")
def confirm_dir(tmp_path_factory):
    """A folder holding what `nndl confirm --out` writes (written by numeric.confirm itself)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from numeric.confirm import Result, Table, report, write

    folder = tmp_path_factory.mktemp("document")
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [0.90, 0.92, 0.94])
    png = io.BytesIO()
    fig.savefig(png, format="png")
    plt.close(fig)

    class Data:
        name, source, note = "mnist", "../shared/mnist", "training set absent: 8,000/2,000 split"
    results = [
        Result("gradients-match-derivations", r"Backpropagation equals the derived closed form $\delta_j$",
               {"quadratic": 1.2e-9}, {"relative error": r"$< 10^{-6}$"}, True,
               [Table(["pairing", "derived output error"],
                      [["quadratic + sigmoid", r"$\delta_j = (a_j - y_j) \sigma'(z_j)$"]])]),
        Result("accuracy", "The cross-entropy network reaches 93%", 0.934, 0.93, True,
               [Table(["seed", "accuracy"], [[0, 0.934]], "[784, 30, 10]")], ["accuracy.png"]),
    ]
    write(folder, report(results, Data, 12.0), {"accuracy.png": png.getvalue()})
    return folder


@pytest.fixture(scope="module")
def document(confirm_dir, proofs_of_the_run):
    """`nndl latex --out DIR --pdf` on a folder with confirm results: (folder, exit, (out, err)).
    The claims' proofs are the run's (conftest's `proved`): what is tested here is the document."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), proofs_of_the_run():
        status = nndl("--out", str(confirm_dir), "--pdf")
    return confirm_dir, status, (out.getvalue(), err.getvalue())


@pytest.mark.slow
def test_the_document_compiles_without_errors_or_lines_into_the_margin(document):
    folder, status, (out, err) = document
    assert status == 0, err
    assert (folder / "nndl-proofs.tex").exists() and (folder / "nndl-proofs.pdf").exists()
    assert re.search(r"\(\d+ pages, pdflatex\)", out)
    assert "wider than the text" not in err, err     # nothing runs off the page
    assert not list(folder.glob(".nndl-latex-*")) and not list(folder.glob(".*.part"))


@pytest.mark.slow
def test_every_claim_title_and_every_section_is_in_the_pdf(document):
    folder = document[0]
    text = normal(pdf_text(folder / "nndl-proofs.pdf"))
    sections = ["Costs from likelihood models", "Exercises and claims", "From math to code",
                "Numeric confirmation on MNIST"]
    sections += [f"The {m.name} model and the {m.cost_name} cost" for m in MODELS.values()]
    sections += [f"Output error with {p.activation.name} output" for p in PAIRINGS]
    sections += [pair.heading[0].upper() + pair.heading[1:] for pair in F.code_formulas()]
    sections += ["Passed: gradients-match-derivations", "Passed: accuracy"]
    missing = [s for s in sections if normal(s) not in text]
    assert not missing, missing
    titles = [c.title for c in all_claims()]
    assert len(titles) == 24
    missing = [t for t in titles if normal(t) not in text]
    assert not missing, missing


@pytest.mark.slow
def test_the_pdf_shows_verdicts_counterexample_and_the_confirm_table(document):
    folder = document[0]
    text = pdf_text(folder / "nndl-proofs.pdf")
    assert text.count("Verdict: proved") == 23
    assert "Verdict: refuted: the claim is false, as the counterexample shows." in " ".join(text.split())
    assert "Counterexample:" in text
    assert "Checked equal" in text and "latexify" in text
    assert normal("δj = (aj − yj)σ′(zj)") in normal(text)      # a table of confirm.json, typeset
    tex = (folder / "nndl-proofs.tex").read_text()
    assert r"\includegraphics" in tex and "accuracy.png" in tex and r"\usepackage{graphicx}" in tex
    assert r"\usepackage{amsmath,amssymb}" in tex


@pytest.mark.slow
def test_the_numpy_functions_are_rendered_by_latexify_beside_their_formulas(document):
    tex = (document[0] / "nndl-proofs.tex").read_text()
    code = tex[tex.index(r"\section{From math to code}"):]
    for name in ("sigmoid", "sigmoid\\_prime", "softmax", "log\\_softmax", "quadratic\\_cost",
                 "binary\\_cross\\_entropy", "categorical\\_cross\\_entropy"):
        assert rf"\mathrm{{{name}}}(" in code, name          # latexify's rendering of the function
    assert code.count(r"\mathrm{delta}(a, y)") == len(PAIRINGS)   # the derived output errors
    assert "Codegen" not in code and "cannot render" not in code   # no raw latexify error in the document


# -------------------------------------------------------------------------- --only, --fragment

@pytest.mark.slow
def test_only_writes_a_standalone_document_for_one_claim(tmp_path, capsys):
    assert nndl("--out", str(tmp_path), "--only", "softmax-distribution", "--pdf") == 0
    tex = (tmp_path / "softmax-distribution.tex").read_text()
    assert tex.startswith(r"\documentclass") and tex.rstrip().endswith(r"\end{document}")
    text = pdf_text(tmp_path / "softmax-distribution.pdf")
    assert normal("Softmax outputs form a distribution") in normal(text)
    assert "Verdict: proved" in text
    assert "From math to code" not in text and "Monotonicity" not in text
    assert not (tmp_path / "nndl-proofs.tex").exists()


@pytest.mark.slow
def test_fragment_is_bare_latex_that_compiles_when_pasted(tmp_path):
    assert nndl("--out", str(tmp_path), "--only", "sigmoid-derivative", "--fragment") == 0
    fragment = (tmp_path / "sigmoid-derivative-fragment.tex").read_text()
    assert r"\documentclass" not in fragment and r"\begin{document}" not in fragment
    assert r"\section{Derivative of the sigmoid}" in fragment
    host = tmp_path / "host.tex"
    host.write_text("\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n"
                    + fragment + "\\end{document}\n")
    compiled = compile_pdf(host)
    assert normal("Derivative of the sigmoid") in normal(pdf_text(compiled.pdf))


def test_a_document_built_as_fragment_has_no_preamble():
    doc = Document(r"\section{x}", "t", ["f.png"], [])
    assert doc.latex(fragment=True).splitlines()[-1] == r"\section{x}"
    assert "graphicx" in doc.latex(fragment=True) and r"\documentclass" not in doc.latex(fragment=True)
    assert doc.latex().startswith(r"\documentclass") and r"\usepackage{graphicx}" in doc.latex()


def test_pdf_and_fragment_together_are_refused(tmp_path, capsys):
    assert nndl("--out", str(tmp_path / "out"), "--pdf", "--fragment") == 2
    assert "--fragment" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_unknown_claim_id_is_a_clear_error(tmp_path, capsys):
    assert nndl("--out", str(tmp_path / "out"), "--only", "no-such-claim") == 2
    assert "no claim with id 'no-such-claim'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------------------- the engine

def test_without_an_engine_it_names_the_package_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", "")
    assert nndl("--out", str(tmp_path / "out"), "--only", "sigmoid-derivative", "--pdf") == 2
    err = capsys.readouterr().err
    assert "no" in err and "pdflatex" in err and "apt-get install" in err and "texlive-latex-base" in err
    assert not (tmp_path / "out").exists()               # checked before anything is written


@pytest.mark.slow
def test_a_latex_error_is_shown_with_the_offending_lines(tmp_path):
    bad = tmp_path / "bad.tex"
    bad.write_text("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n"
                   "Fine.\n\\begin{align*}\na &= \\nosuchcommand{b}\n\\end{align*}\n\\end{document}\n")
    with pytest.raises(NndlError) as caught:
        compile_pdf(bad)
    message = str(caught.value)
    assert "Undefined control sequence" in message
    assert r"a &= \nosuchcommand{b}" in message and "    6 |" in message
    assert not (tmp_path / "bad.pdf").exists() and not list(tmp_path.glob(".nndl-latex-*"))


# ----------------------------------------------------------------- code against formula

def _sigmoid_pair(code, formula_sign=-1, extremes=()):
    s = sp.Symbol("z", real=True)
    formula = 1 / (1 + sp.exp(formula_sign * s))
    return F.CodeFormula("a sigmoid", code, "test.sigmoid", (sp.Eq(sp.Symbol("y"), formula),),
                         F._elementwise(formula, s), lambda p: code(p[0]),
                         lambda rng: [(rng.normal(0, 5, 50),)], extremes)


@pytest.mark.slow
def test_the_real_pairs_agree():
    for pair in F.code_formulas():
        checked = F.check(pair)
        assert checked.random_points > 0 and checked.worst <= max(pair.rtol, pair.atol), pair.heading


def test_a_mismatching_function_and_formula_are_caught():
    from numeric.functions import sigmoid
    assert F.check(_sigmoid_pair(sigmoid)).worst < 1e-15
    with pytest.raises(F.FormulaMismatch, match="test.sigmoid does not match its formula"):
        F.check(_sigmoid_pair(sigmoid, formula_sign=+1))          # a wrong sign in the formula
    with pytest.raises(F.FormulaMismatch):
        F.check(_sigmoid_pair(lambda z_: sigmoid(z_) * (1 + 1e-10)))   # a relative error of 1e-10


def test_an_unstable_form_is_caught_at_the_extreme_points():
    """log(softmax) agrees at small logits; at 1e300 it gives -inf where the answer is -2e300."""
    from numeric.functions import softmax
    log_softmax_pair = next(p for p in F.code_formulas() if p.heading == "the log-softmax")

    def naive(point):
        with np.errstate(divide="ignore"):
            return np.log(softmax(point[0]))
    small = lambda rng: [(rng.normal(0, 1, (20, 3)),)]
    ordinary = dataclasses.replace(log_softmax_pair, evaluate=naive, points=small, extremes=())
    assert F.check(ordinary).worst < 1e-12
    with pytest.raises(F.FormulaMismatch, match="the log-softmax"):
        F.check(dataclasses.replace(log_softmax_pair, evaluate=naive, points=small))


@pytest.mark.slow
def test_a_mismatch_stops_the_command_and_nothing_is_written(tmp_path, monkeypatch, capsys):
    from numeric.functions import sigmoid
    real = F.code_formulas
    monkeypatch.setattr(F, "code_formulas", lambda: [_sigmoid_pair(sigmoid, formula_sign=+1), *real()])
    assert nndl("--out", str(tmp_path / "out"), "--jobs", "1") == 2
    err = capsys.readouterr().err
    assert "does not match its formula" in err and "nothing was written" in err
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------- notation and layout

def test_the_printer_writes_the_chapters_notation():
    assert tex(a[j]) == "a_{j}"
    assert tex(w[j, k]) == "w_{j k}"
    assert tex(sp.log(a[j])) == r"\ln a_{j}"
    assert tex(sp.Derivative(sp.Symbol("C"), z[j])) == r"\frac{\partial C}{\partial z_{j}}"
    assert tex(y[j] - a[j]) == "y_{j} - a_{j}" and tex(a[j] - y[j]) == "a_{j} - y_{j}"
    assert tex(MODELS["quadratic"].cost()) == r"\frac{1}{2} \sum_{j=1}^{n} (y_{j} - a_{j})^{2}"
    assert tex(-y[j] * sp.log(a[j])) == r"- y_{j} \ln a_{j}"
    assert tex(sp.KroneckerDelta(j, k)) == r"\delta_{j k}"
    assert tex(sp.And(0 < sp.Symbol("a"), sp.Symbol("a") < 1)) == "0 < a < 1"


def test_words_keep_their_math_and_escape_the_rest():
    assert text(r"drop $\log{\left(2 \right)}$ & {a}_{j}_x") == r"drop $\ln(2)$ \& \{a\}\_\{j\}\_x"
    assert text(r"$j \ne k$: {a}_{j} > 0") == r"$j \ne k$: \{a\}\_\{j\} $>$ 0"
    assert text(r"$2 {a}_{j}$") == "$2 a_{j}$"
    assert title("Softmax temperature: c -> oo, with ties") == r"Softmax temperature: $c \to \infty$, with ties"


def test_long_expressions_break_into_lines_that_fit():
    long = sp.Sum(sum(sp.log(a[j] + q) * y[j] ** q for q in range(1, 12)), (j, 1, n))
    assert width(tex(long)) > DOCUMENT_LINE
    lines = Layout().lines(long, DOCUMENT_LINE - 20)
    assert len(lines) >= 3
    assert all(width(line) <= DOCUMENT_LINE - 20 for line in lines)
    joined = " ".join(lines)
    assert joined.startswith(r"\sum_{j=1}^{n} \Bigl(") and joined.endswith(r"\Bigr)")   # brackets across lines
    assert joined.replace(r"\Bigl(", "(").replace(r"\Bigr)", ")") == tex(long)   # nothing lost


def test_confirm_results_that_are_not_confirm_json_are_a_clear_error(tmp_path):
    (tmp_path / "confirm.json").write_text('{"not": "a list"}')
    with pytest.raises(NndlError, match="not the confirm.json"):
        B.read_confirmation(tmp_path)
    assert B.read_confirmation(tmp_path / "missing") is None


# ------------------------------------------------------------------- a proof that fails

@pytest.mark.slow
def test_a_failed_proof_is_shown_as_failed_and_the_command_exits_1(tmp_path, monkeypatch, capsys):
    import exercises.claims.softmax_temperature as module
    wrong = lambda **variant: module.statement(tied_limit=lambda m: 1 / (m + 1))   # ties claimed to give 1/(m+1)
    monkeypatch.setattr(module, "CLAIM", dataclasses.replace(module.CLAIM, statement=wrong))
    assert nndl("--out", str(tmp_path), "--only", "softmax-temperature", "--pdf") == 1
    text = " ".join(pdf_text(tmp_path / "softmax-temperature.pdf").split())
    assert "Verdict: NOT ESTABLISHED: some step did not prove" in text and "(expected: proved)" in text
    # the failing check is shown with its status: a false limit is refuted or, where no point can
    # certify a refutation of a limit, undecided; either way the document marks it as not proved
    assert ("REFUTED" in text or "UNDECIDED" in text) and "Checks that did not prove" in text
    assert "verdicts not as expected: softmax-temperature" in capsys.readouterr().err


@pytest.mark.slow
def test_a_proof_that_raises_is_shown_as_failed(tmp_path, monkeypatch, capsys):
    import exercises.claims.sigmoid_derivative as module

    def broken(proof, statement):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(module, "CLAIM", dataclasses.replace(module.CLAIM, prove=broken))
    assert nndl("--out", str(tmp_path), "--only", "sigmoid-derivative") == 1
    tex = (tmp_path / "sigmoid-derivative.tex").read_text()
    assert r"\textbf{Verdict:} NOT ESTABLISHED: the proof raised ZeroDivisionError: division by zero" in tex
    assert "the proof raised ZeroDivisionError" in capsys.readouterr().err


@pytest.mark.slow
def test_the_table_of_contents_points_at_the_right_pages_and_links_them(document):
    """Every section's page in the contents is the page it starts on; the PDF has links and bookmarks."""
    folder = document[0]
    pdf = folder / "nndl-proofs.pdf"
    pages = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    for number, name in (("1", "Costs from likelihood models"), ("2", "Exercises and claims"),
                         ("3", "From math to code"), ("4", "Numeric confirmation on MNIST")):
        listed = re.search(rf"^{number} {name}\s+(\d+)\s*$", pages[0] + pages[1], re.M)
        assert listed, name
        starts = [k + 1 for k, text in enumerate(pages) if k > 0 and re.search(rf"^{number}\s+{name}\s*$", text, re.M)]
        assert starts[:1] == [int(listed.group(1))], (name, listed.group(1), starts)
    info = subprocess.run(["pdfinfo", "-dests", str(pdf)], check=True, capture_output=True, text=True).stdout
    destinations = re.findall(r'^\s*(\d+) \[.*\] "section\.(\d+)"$', info, re.M)
    assert [int(number) for _, number in destinations] == [1, 2, 3, 4]     # the links' targets (hyperref)
    assert "LaTeX with hyperref" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout


@pytest.mark.slow
def test_the_numeric_confirmation_is_typeset_like_the_rest(document):
    tex = (document[0] / "nndl-proofs.tex").read_text()
    section = tex[tex.index(r"\section{Numeric confirmation on MNIST}"):]
    assert r"$\delta_j = (a_j - y_j) \sigma'(z_j)$" in section       # math stays math
    assert r"$1.2 \cdot 10^{-9}$" in section                         # numbers as 1.2 x 10^-9, not 1.2e-09
    assert not re.search(r"\d e-\d|\de-\d|(?<!\\)delta_j|\\textasciicircum", section)
    assert "Training set absent" in section                          # a sentence starts in upper case
