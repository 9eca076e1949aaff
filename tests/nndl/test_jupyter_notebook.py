"""Jupyter: a real notebook executed in a real kernel (nbclient + ipykernel); its outputs read back.

The cell magics of `%load_ext nndl` check a cell's derivation and a code cell's functions; every
object a user meets shows as HTML with its formulas as MathML, its verdicts marked, and the
counterexample and hint beside the step."""
from __future__ import annotations

import re

import pytest

nbformat = pytest.importorskip("nbformat", reason="the test extras install nbformat, nbclient, ipykernel")

PLANTED = r"""%%nndl_check sigmoid-derivative
$$
\begin{aligned}
\frac{d}{dz}\sigma(z) &= \frac{d}{dz}\frac{1}{1+e^{-z}} \\
 &= \frac{e^{-z} \cdot (-1)}{(1+e^{-z})^2} \\
 &= \sigma(z)\left(1-\sigma(z)\right)
\end{aligned}
$$"""

CODE = '''%%nndl_check_code
import numpy as np


def softmax(z):
    """The softmax of a batch of logits, one example per row."""
    return np.exp(z) / np.sum(np.exp(z))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))'''

CELLS = {
    "load": "%load_ext nndl",
    "planted": PLANTED,
    "code": CODE,
    "defined": "print(sigmoid(0.0), softmax.__name__)",
    "bad id": "%%nndl_check sigmoid-derivatve\n$$ a = a $$",
    "derivation": "from derivations.models import MODELS\nMODELS['cross-entropy'].derivation",
    "step": "MODELS['cross-entropy'].derivation.steps[0]",
    "claim": "from exercises import get\nget('sigmoid-derivative')",
    "result": "get('sigmoid-derivative').run()",
    "verdict": ("import sympy as sp\nfrom derivations.proof import prove_equal\nx = sp.Symbol('x', real=True)\n"
                "prove_equal(sp.diff(1 / (1 + sp.exp(-x)), x), sp.exp(x) / (1 + sp.exp(x)) ** 2)"),
    "report": ("from exercises.check.derivations import check_text\n"
               "report = check_text(r'$$\\frac{d}{dz} e^{-z} = e^{-z}$$', exercise='sigmoid-derivative')\nreport"),
    "chain": "report.chains[0]",
    "chain step": "report.chains[0].steps[0]",
    "function": "from exercises.check.code import check_code\n"
                "check_code('def sigmoid(z):\\n    import numpy as np\\n    return 1 / (1 + np.exp(z))\\n')[0]",
}


def _html(cell) -> str:
    """The text/html of a cell's outputs (its result or what it displayed)."""
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


def _no_raw_latex(html: str) -> None:
    """Every formula is MathML: no LaTeX command or $ outside <math> and the learner's quoted source."""
    outside = re.sub(r"<math.*?</math>|<pre class=\"source\">.*?</pre>|<style>.*?</style>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", outside)
    assert not re.search(r"\\(frac|sigma|partial|sum|left|right|ln)\b|\$", text), text[:500]
    assert 'class="unrendered"' not in html


@pytest.mark.slow
def test_magics_and_rich_displays_in_a_real_kernel(tmp_path):
    from nbclient import NotebookClient
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS.values()]
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}},
                   allow_errors=False).execute()
    cells = dict(zip(CELLS, nb.cells))
    for name, cell in cells.items():
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{name}: {errors}"

    planted = _html(cells["planted"])        # the cell's derivation, checked: step 2 is wrong
    assert planted.count("<math") >= 4 and 'class="verdict bad">wrong' in planted
    assert 'class="verdict good">follows' in planted
    assert "counterexample: <math" in planted and "left side" in planted
    assert "hint: check the sign" in planted and "line 4, column" in planted
    _no_raw_latex(planted)

    code = _html(cells["code"])             # the code cell's functions, checked
    assert "<code>softmax</code>" in code and 'class="verdict bad">wrong' in code
    assert "<code>sigmoid</code>" in code and 'class="verdict good">correct' in code
    assert "this cell" in code and "hint" in code and "<math" in code
    defined = "".join(o.get("text", "") for o in cells["defined"].outputs)
    assert defined.strip() == "0.5 softmax"        # the magic ran the cell: its functions are defined

    bad = _html(cells["bad id"])
    assert "did you mean &#x27;sigmoid-derivative&#x27;" in bad and "Traceback" not in bad

    for name in ("derivation", "step", "claim", "result", "verdict", "report", "chain", "chain step", "function"):
        shown = _html(cells[name])
        assert shown.startswith('<div class="nndl">'), f"{name}: no rich display"
        assert "<math" in shown, f"{name}: no formula rendered"
        _no_raw_latex(shown)
    assert 'class="verdict good">proved' in _html(cells["result"])
    assert 'class="verdict good">proved' in _html(cells["verdict"])
    assert 'class="verdict bad">wrong' in _html(cells["chain step"])
    assert 'class="verdict bad">wrong' in _html(cells["function"])
