"""`nndl prove`: the table, --json, --only, --explain, and an exit status that tells the truth."""
import json

import pytest

from exercises import registry
from exercises.proof import Claim
from nndl.cli import main

CHEAP = ("sigmoid-derivative", "sigmoid-outputs-not-distribution")


def test_only_prints_one_row_and_exits_0(capsys):
    assert main(["prove", "--only", "sigmoid-derivative"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("sigmoid-derivative")]
    assert len(lines) == 1
    assert "Derivative of the sigmoid" in lines[0] and "proved" in lines[0] and "general n" in lines[0]
    assert "1 claim: 1 proved, 0 refuted, 0 undecided; all as expected" in out


@pytest.mark.slow
def test_json_lists_the_eight_keys(capsys):
    assert main(["prove", "--json", "--only", "binary-vs-categorical-one-hot"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {"id", "title", "source", "verdict", "general_n", "seconds", "steps", "certificates",
                        "decision"}
    assert set(row["decision"]) == {"calls", "seconds", "z3_calls", "z3_seconds"}
    assert "identity" in row["steps"]
    kinds = {c["certificate"] for step in row["certificates"] for c in step["checks"]}
    assert kinds and kinds <= {"identity", "sign", "decision", "counterexample", None}   # the enum's values
    assert row["id"] == "binary-vs-categorical-one-hot" and row["verdict"] == "refuted"
    assert row["general_n"] is True and row["seconds"] > 0


@pytest.mark.slow
def test_explain_prints_the_steps_and_the_verdict(capsys):
    assert main(["prove", "--explain", "softmax-temperature"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("softmax-temperature: ")
    assert "1/m" in out                                   # m tied maxima each tend to 1/m
    assert "[lemma: the limit of a finite sum is the sum of the limits]" in out
    assert "as stated for the checks: " in out and "where a_j = e^(c z_j)" in out
    assert "verdict: proved (general n)" in out


@pytest.mark.slow
def test_explain_names_what_established_every_step(capsys):
    """Each check says which oracle established it; each lemma's hypotheses are listed, each with
    its oracle; the last line counts the steps by kind."""
    assert main(["prove", "--explain", "softmax-monotonicity"]) == 0
    out = capsys.readouterr().out
    assert "- hypothesis: every term is positive: proved, by signs of declared quantities" in out
    assert "- hypothesis: there are at least two terms: proved, by a hypothesis of the claim" in out
    assert "- the statement: proved, by an earlier step (step 1)" in out
    assert "the claim: step 9 is the claim's proposition" in out
    assert "steps: 2 identity, 2 sign, 1 conjunction, 1 lemma, 2 earlier step, 1 definition" in out
    assert "Derivative(" not in out and "\\frac" not in out and "Implies(" not in out     # the chapter's notation


@pytest.mark.slow
def test_the_table_counts_steps_per_kind(capsys):
    assert main(["prove", "--only", "softmax-monotonicity"]) == 0
    out = capsys.readouterr().out
    assert "steps" in out.splitlines()[0]
    row = next(line for line in out.splitlines() if line.startswith("softmax-monotonicity"))
    assert row.rstrip().endswith("2 identity, 2 sign, 1 conjunction, 1 lemma, 2 earlier step, 1 definition")


def test_the_table_cites_its_sources_and_what_the_decision_procedures_cost(capsys):
    """A short name of each text a claim comes from, a legend naming them in full (not file names),
    and the calls and seconds of the decision procedures (z3) over the claims run."""
    assert main(["prove", "--only", "sigmoid-outputs-not-distribution"]) == 0
    out = capsys.readouterr().out
    assert "sources" in out.splitlines()[0]
    row = next(line for line in out.splitlines() if line.startswith("sigmoid-outputs-not-distribution"))
    assert "NNDL, notes" in row
    assert "NNDL = Nielsen, Neural Networks and Deep Learning, ch. 3" in out and "seed" not in out
    spent = next(line for line in out.splitlines() if line.startswith("Decision procedures: "))
    calls = int(spent.split()[2])
    assert calls > 0 and "z3: " in spent
    assert main(["prove", "--json", "--only", "sigmoid-outputs-not-distribution"]) == 0
    decision = json.loads(capsys.readouterr().out)[0]["decision"]
    assert decision["calls"] == calls and decision["z3_calls"] <= decision["calls"]
    assert 0 <= decision["z3_seconds"] <= decision["seconds"] * (1 + 1e-9)   # (z3 is one of them)


def test_short_sources_follow_the_order_of_the_citation():
    from exercises import sources
    assert sources.short(sources.book("Softmax") + "; " + sources.NOTES) == "NNDL, notes"
    assert sources.short(sources.ROELANTS + "; " + sources.BOOK) == "Roelants, NNDL"
    assert sources.short("a text this project does not know") == ""


def test_an_unknown_id_exits_2_with_a_message(capsys):
    assert main(["prove", "--only", "no-such-claim"]) == 2
    err = capsys.readouterr().err
    assert "no claim with id 'no-such-claim'" in err and "softmax-jacobian" in err


def _fake(claim_id, expected, builds):
    import sympy as sp
    from exercises.proof import Statement
    return Claim(f"tests.{claim_id.replace('-', '_')}", title="a fake claim", prose="-", source="-",
                 expected=expected, statement=lambda: Statement(sp.Eq(1, 2, evaluate=False)), prove=builds)


def _failing_proof(proof, s):
    proof.show(s.proposition, "a false step")


def _raising_proof(proof, s):
    raise RuntimeError("boom")


@pytest.fixture
def fake_registry(monkeypatch):
    def install(*extra):
        chosen = [registry.get(claim_id) for claim_id in CHEAP] + list(extra)
        monkeypatch.setattr(registry, "all_claims", lambda: chosen)
        monkeypatch.setattr(registry, "get", lambda claim_id: next(c for c in chosen if c.id == claim_id))
    return install


def test_an_unexpected_verdict_exits_1(fake_registry, capsys):
    fake_registry(_fake("fake-false", "proved", _failing_proof))
    assert main(["prove", "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "fake-false" in out and "<- expected proved" in out
    assert "NOT as expected: fake-false" in out


def test_a_proof_that_raises_is_failed_not_passed(fake_registry, capsys):
    fake_registry(_fake("fake-crash", "proved", _raising_proof))
    assert main(["prove", "--jobs", "1", "--json"]) == 1
    captured = capsys.readouterr()
    rows = {row["id"]: row for row in json.loads(captured.out)}
    assert rows["fake-crash"]["verdict"] == "undecided"
    assert "RuntimeError: boom" in captured.err


def test_two_jobs_keep_the_registry_order(fake_registry, capsys):
    fake_registry()
    assert main(["prove", "--jobs", "2", "--json"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == list(CHEAP)
