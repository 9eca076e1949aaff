"""The kernel is asked first: a claim it proves is not searched (its verdict says so), and a
false variant, which the kernel cannot prove, is still searched and refuted."""
import sympy as sp

from derivations import oracle, proof

x = sp.Symbol("x", real=True)


def test_a_proved_claim_is_not_hunted(monkeypatch):
    def hunted(*args, **kw):
        raise AssertionError("the numeric oracle hunted a claim the kernel proved")
    monkeypatch.setattr(oracle, "hunt", hunted)
    monkeypatch.setattr(oracle, "check_limit", hunted)
    v = proof.prove_equal(x * (x + 1), x ** 2 + x)
    assert v.status == "proved" and v.evidence == proof.NOT_SEARCHED
    assert any(proof.NOT_SEARCHED in s for s in v.steps)
    assert proof.prove_positive(sp.exp(x) + 1).evidence == proof.NOT_SEARCHED
    assert proof.prove(sp.Eq(sp.Limit(sp.exp(-x), x, sp.oo), 0)).evidence == proof.NOT_SEARCHED


def test_a_false_variant_is_still_searched_and_refuted():
    v = proof.prove_equal(x * (x + 1), x ** 2 + 2 * x)
    assert v.status == "refuted" and v.counterexample
    assert v.evidence != proof.NOT_SEARCHED
    w = proof.prove_positive(sp.exp(x) - 1)
    assert w.status == "refuted" and w.counterexample
