"""`nndl prove --explain` for every claim, read as a user reads it: the chapter's notation (no
SymPy reprs, no LaTeX left in the reasons), and step citations that point where they mean."""
from __future__ import annotations

import re

import pytest

from derivations.steps import same_statement
from exercises.registry import all_claims
from nndl.cli import main
from nndl.commands.prove import explain_text

CLAIMS = all_claims()


@pytest.fixture(scope="module")
def results(proved) -> dict:
    """{claim id: (claim, its Result)}, each claim proved once in the run (conftest's `proved`)."""
    return {c.id: (c, proved[c.id]) for c in CLAIMS}


@pytest.fixture(scope="module")
def explained(results) -> dict[str, str]:
    """{claim id: what `nndl prove --explain ID` prints}."""
    return {claim_id: explain_text(claim, result) for claim_id, (claim, result) in results.items()}


@pytest.mark.slow
def test_explain_prints_explain_text(capsys, results):
    claim, result = results["sigmoid-derivative"]
    assert main(["prove", "--explain", "sigmoid-derivative"]) == 0
    printed = capsys.readouterr().out
    assert printed.rsplit("(", 1)[0] == explain_text(claim, result).rsplit("(", 1)[0]


def reasons(text: str) -> list[str]:
    """The lines converted from LaTeX: the claim's prose and every step's reason."""
    return [line for line in text.splitlines() if line.startswith("claim: ") or re.match(r"\s+\[[^\]]+\] ", line)]


def leftover_tex(line: str) -> str:
    """What of a line is LaTeX left over: a backslash, or a brace that does not group a
    subscript of several tokens (Σ_{j≠y}, Σ_{ℓ=1}^{n}, as the text printer writes them)."""
    rest = re.sub(r"_\{[^{}\\]*\}(\^\{[^{}\\]*\})?", "", line)
    return "".join(re.findall(r"[{}\\]", rest))


@pytest.mark.slow
def test_no_sympy_matrix_repr_in_any_explain(explained):
    for claim_id, text in explained.items():
        assert "Matrix(" not in text and "ImmutableMatrix" not in text, claim_id
    assert "a = (a_1, …, a_n)^T" in explained["softmax-jacobian"]


@pytest.mark.slow
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


def cited_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\bstep (\d+)\b", text)]


@pytest.mark.slow
def test_every_cited_step_exists_is_earlier_and_is_the_one_meant(results):
    """Each "step N" a check cites is a step shown before it; "the previous step" is the one just
    before; "step N, renamed" is the step whose statement was renamed (derivations' steps taken
    over into a proof were cited by their own numbers: step 13 of cost-from-likelihood cited
    "step 5" as its previous step)."""
    seen = 0
    for claim_id, (claim, result) in results.items():
        steps = result.steps
        for number, step in enumerate(steps, start=1):
            assert step.number == number, (claim_id, number)
            for check in step.obligations:
                v = check.verdict
                cited = cited_numbers(" ".join([check.role, v.by, v.reason, *v.steps]))
                seen += len(cited)
                assert all(1 <= c < number for c in cited), (claim_id, number, check.role, v.by, v.reason)
                if check.role == "the previous step":
                    assert cited and set(cited) == {number - 1}, (claim_id, number, v.by)
                renamed = re.fullmatch(r"step (\d+), renamed", check.role)
                if renamed:
                    assert same_statement(check.source, steps[int(renamed.group(1)) - 1].statement), (claim_id, number)
        concluded = cited_numbers(result.concluded or "")
        assert all(1 <= c <= len(steps) for c in concluded), (claim_id, result.concluded)
    assert seen > 50


@pytest.mark.slow
def test_cost_from_likelihood_cites_what_it_means(results):
    claim, result = results["cost-from-likelihood"]
    text = result.explain()
    block = lambda n: text[text.index(f"\n{n:>2}. "):text.index(f"\n{n + 1:>2}. ")]
    assert "the previous step: proved, by an earlier step (step 12)" in block(13)
    assert "σ^(-2) > 0" in block(5) and "(step 5)" not in block(13)
    for n, check in ((n, c) for n, s in enumerate(result.steps, 1) for c in s.obligations):
        if check.role.endswith(", renamed"):
            m = int(check.role.split()[1].rstrip(","))
            assert result.steps[m - 1].why_parts[0].startswith(("Gaussian", "Bernoulli", "categorical")), (n, m)


def definitions_by_block(text: str) -> dict[str, list[str]]:
    """{block heading: the names its definitions define}, from an --explain text."""
    out, block, statement = {}, "", ""
    for line in text.splitlines():
        if line.startswith("  -- "):
            block = line.strip()
            out.setdefault(block, [])
        elif re.match(r"\s*\d+\. ", line):
            statement = line.split(". ", 1)[1]
        elif line.strip().startswith("[definition]"):
            out.setdefault(block, []).append(statement.split(" = ")[0])
    return out


@pytest.mark.slow
def test_a_derivations_definitions_read_as_its_own_block(explained):
    """cost-from-likelihood defines C six times, in six derivations: each under a heading of its
    own, and no block defines a name twice."""
    blocks = definitions_by_block(explained["cost-from-likelihood"])
    headed = [b for b in blocks if "a derivation of its own" in b]
    assert len(headed) == 6 and any(b.startswith("-- Gaussian:") for b in headed)
    assert sum(names.count("C") for names in blocks.values()) == 6
    for claim_id, text in explained.items():
        for block, names in definitions_by_block(text).items():
            assert len(names) == len(set(names)), (claim_id, block, names)
    assert "[definition] Gaussian:" not in explained["cost-from-likelihood"]   # the heading says it once
