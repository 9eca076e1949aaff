"""Planted slips found at their step (issue 20): each reading that lets `nndl check` find a slip it
left undecided before has a small text here, the slip found wrong with a counterexample that meets
what the text states, and the same text with the step right not called wrong (so no reading can
pass by calling everything wrong)."""
from __future__ import annotations

from exercises.check.derivations import check_text


def steps(text: str, exercise: str | None = None) -> list:
    return [s for c in check_text(text, exercise=exercise).chains for s in c.steps if not s.claim]


def verdict_of(text: str, source: str, exercise: str | None = None):
    """The verdict of the step written `source` (spaces ignored)."""
    want = source.replace(" ", "")
    found = [s for s in steps(text, exercise) if s.source.replace(" ", "") == want]
    assert found, f"no step {source!r} in {[s.source for s in steps(text, exercise)]}"
    return found[0]


# --------------------------------------------------------------------------- another case's condition

CASES = r"""## Differentiating the softmax

The softmax:
\[p_i = \frac{ \exp (o_i) }{\sum_j \exp(o_j) }\]
If $i = k$,
\[\frac{\partial p_i}{\partial o_k} = p_k (1 - p_k)\]
If $i \neq k$,
\[\frac{\partial p_i}{\partial o_k} = \frac{ - \exp (o_k) \exp (o_i) }{(\sum_j \exp(o_j))^2} = {END}\]
"""


def test_the_other_cases_condition_does_not_save_a_slip_under_its_own_case():
    """Under "If i ≠ k", the text's "If i = k" a display above is another case's condition: the
    slip -p_k^2 for -p_k p_i is wrong, at a point with i ≠ k."""
    slip = verdict_of(CASES.replace("{END}", "- p_k^2"),
                      r"\frac{ - \exp (o_k) \exp (o_i) }{(\sum_j \exp(o_j))^2} = - p_k^2")
    assert slip.verdict == "wrong"
    point = slip.counterexample["point"]
    assert point["i"] != point["k"]
    right = verdict_of(CASES.replace("{END}", "- p_k p_i"),
                       r"\frac{ - \exp (o_k) \exp (o_i) }{(\sum_j \exp(o_j))^2} = - p_k p_i")
    assert right.verdict == "follows"


def test_assumed_or_contrary_reads_the_chains_conditions():
    import sympy as sp
    from exercises.check.checker import _assumed_or_contrary
    from exercises.check.meaning import Conditions
    i, k, j = sp.symbols("i k j", integer=True)
    unequal = Conditions(unequal=[(i, k)])
    assert _assumed_or_contrary(unequal, sp.Eq(i, k)) and _assumed_or_contrary(unequal, sp.Ne(k, i))
    assert not _assumed_or_contrary(unequal, sp.Eq(i, j)) and not _assumed_or_contrary(unequal, sp.Gt(i, 0))
    equal = Conditions(equal={k: i})
    assert _assumed_or_contrary(equal, sp.Ne(i, k)) and not _assumed_or_contrary(equal, sp.Ne(i, j))
