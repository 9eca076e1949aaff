"""`nndl prove --explain` for every claim, read as a user reads it: the chapter's notation (no
SymPy reprs, no LaTeX left in the reasons), and step citations that point where they mean."""
from __future__ import annotations

import contextlib
import io
import re

import pytest

from exercises.registry import all_claims
from nndl.cli import main

IDS = [c.id for c in all_claims()]


@pytest.fixture(scope="module")
def explained() -> dict[str, str]:
    """{claim id: what `nndl prove --explain ID` prints}, each claim proved once."""
    out = {}
    for claim_id in IDS:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert main(["prove", "--explain", claim_id]) == 0, claim_id
        out[claim_id] = printed.getvalue()
    return out


def reasons(text: str) -> list[str]:
    """The lines converted from LaTeX: the claim's prose and every step's reason."""
    return [line for line in text.splitlines() if line.startswith("claim: ") or re.match(r"\s+\[[^\]]+\] ", line)]


def leftover_tex(line: str) -> str:
    """What of a line is LaTeX left over: a backslash, or a brace that does not group a
    subscript of several tokens (Σ_{j≠y}, Σ_{ℓ=1}^{n}, as the text printer writes them)."""
    rest = re.sub(r"_\{[^{}\\]*\}(\^\{[^{}\\]*\})?", "", line)
    return "".join(re.findall(r"[{}\\]", rest))


def test_no_sympy_matrix_repr_in_any_explain(explained):
    for claim_id, text in explained.items():
        assert "Matrix(" not in text and "ImmutableMatrix" not in text, claim_id
    assert "a = (a_1, …, a_n)^T" in explained["softmax-jacobian"]


def test_no_latex_left_in_any_reason(explained):
    for claim_id, text in explained.items():
        for line in reasons(text):
            assert not leftover_tex(line), (claim_id, line)
            assert "  " not in line.strip(), (claim_id, line)        # \, is one space, not two
    assert "-Σ_{j≠y} ln(1 - a_j)" in explained["binary-vs-categorical-one-hot"]
    assert "x_j ∂C/∂b" in explained["input-factor"]
    assert "e^(z_j)/Σ_ℓ e^(z_ℓ)" in explained["softmax-jacobian"]


def test_the_text_renderer_on_the_audits_examples():
    from derivations.notation import why_text
    assert why_text(r"keeps $-\sum_{j \neq y} \ln(1 - a_j)$") == "keeps -Σ_{j≠y} ln(1 - a_j)"
    assert why_text(r"$e^{-c d_r}/m$, $10^{-12}$, $c = 10^{3}$") == "e^(-c d_r)/m, 10^(-12), c = 10^3"
    assert why_text(r"$C'(a)\, \sigma'(z)\, \partial z/\partial$ the variable") == "C'(a) σ'(z) ∂z/∂ the variable"
    assert why_text(r"$\frac{e^{z_1} R}{(e^{z_1} + R)^2}$") == "(e^(z_1) R)/((e^(z_1) + R)^2)"
    assert why_text(r"$\bar{C}$, $w_{jk}$, $\operatorname{softmax}(c z)$") == "C̄, w_jk, softmax(c z)"
