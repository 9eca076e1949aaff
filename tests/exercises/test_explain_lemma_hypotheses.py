"""nndl prove --explain shows, for every lemma step, its hypotheses and how each was discharged (in
plain words); --json names each one's certificate kind."""
import json

from exercises import lemmas
from exercises.registry import get
from nndl.cli import main


def test_explain_names_every_hypothesis_of_a_lemma_step_and_how_it_was_discharged():
    result = get("log-softmax-stable").run()
    text = result.explain()
    step = next(s for s in result.steps if s.lemma is not None)
    assert step.lemma.lemma is lemmas.SUM_AT_LEAST_TERM
    for words, _ in step.lemma.hypotheses:
        assert f"- hypothesis: {words}: proved, by " in text, words
    assert "the term's index is an integer: proved, by " in text and "read from the expression (integrality)" in text
    assert "why the lemma holds: " + lemmas.SUM_AT_LEAST_TERM.why in text
    assert "conclusion, by the lemma's schema, its hypotheses discharged: proved" in text


def test_json_names_the_certificate_kind_of_each_lemma_hypothesis(capsys):
    assert main(["prove", "--only", "log-softmax-stable", "--json"]) == 0
    row, = json.loads(capsys.readouterr().out)
    record, = [s for s in row["certificates"] if s["kind"] == "lemma"]
    hypotheses = {c["role"].removeprefix("hypothesis: "): c for c in record["checks"] if c["role"].startswith("hypothesis: ")}
    words = list(hypotheses)
    assert "the range starts at an integer" in words and "the term's index is an integer" in words
    assert hypotheses["the term's index is an integer"]["certificate"] == "rule"
    assert all(c["status"] == "proved" and c["certificate"] for c in record["checks"])


def test_a_failing_side_condition_is_shown_with_its_reason():
    from exercises.proof import Proof, Statement
    import sympy as sp
    r = sp.Symbol("r", integer=True, positive=True)
    instance = dict(term=sp.exp(-r), index=r, lo=1, hi=3, at=sp.Rational(3, 2))
    proof = Proof("bank", Statement(lemmas.SUM_AT_LEAST_TERM.conclusion(**instance)))
    proof.lemma(lemmas.SUM_AT_LEAST_TERM, "the lemma", **instance)
    text = proof.conclude().explain()
    assert "hypothesis: the term's index is an integer: undecided" in text
    assert "integrality fails" in text and "not checked: the side condition" in text
