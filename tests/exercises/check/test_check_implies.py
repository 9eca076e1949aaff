"""`nndl check` on \\implies and \\iff (a consequent proved outright, with the antecedent assumed,
as a positive multiple of it, or with the antecedent's definition substituted; wrong only at a
point where the antecedent holds; a vacuous antecedent reported as such) and the softmax
temperature's limits as targets (matched in the claim's notation, else not compared)."""
import pytest
from exercises.check.derivations import check_text

MONO = "softmax-monotonicity"
LL = "softmax-log-likelihood-gradient"
SUM = r"\sum\limits_{k\neq j} e^{z_k}"
DERIV = r"\frac{\partial a_j}{\partial z_j}"


def step(text, exercise):
    (chain,) = check_text(text, exercise=exercise).chains
    (implication,) = [s for s in chain.steps if s.relation in ("⟹", "⟺")]
    return implication


@pytest.mark.slow
def test_a_sign_implies_a_sign_it_is_a_positive_multiple_of():
    right = step(rf"$${SUM} > 0 \implies {DERIV} > 0$$", MONO)
    assert right.verdict == "follows" and "times the first" in right.reason and "positive" in right.reason
    wrong = step(rf"$${SUM} > 0 \implies {DERIV} < 0$$", MONO)
    assert wrong.verdict == "wrong" and "the first statement holds at the point below" in wrong.reason
    assert wrong.counterexample["point"] and wrong.counterexample["left"] > 0   # the derivative there


@pytest.mark.slow
def test_iff_needs_both_directions():
    both = step(rf"$${SUM} > 0 \iff {DERIV} > 0$$", MONO)
    assert both.verdict == "follows" and "⟸" in both.reason
    one = step(r"$$z_1 > z_2 \iff a_1 > a_2 + 1$$", "softmax-distribution")
    assert one.verdict != "follows"


@pytest.mark.slow
def test_a_definition_is_substituted_into_the_consequent():
    right = step(r"$$C = -\ln a_{\tilde y} \implies \partial C/\partial z_j = a_j - y_j$$", LL)
    assert right.verdict == "follows" and "as the first statement defines it" in right.reason
    wrong = step(r"$$C = -\ln a_{\tilde y} \implies \partial C/\partial z_j = y_j - a_j$$", LL)
    assert wrong.verdict == "wrong" and wrong.counterexample["point"]
    # C redefined against the exercise's cost: the consequent follows from it, but it is not called right
    other = step(r"$$C = \ln a_{\tilde y} \implies \partial C/\partial z_j = y_j - a_j$$", LL)
    assert other.verdict == "undecided" and "defines that quantity otherwise" in other.reason


@pytest.mark.slow
def test_the_consequent_proved_with_the_antecedent_assumed():
    right = step(r"$$z_1 > z_2 \implies a_1 > a_2$$", "softmax-distribution")
    assert right.verdict == "follows" and "added assumption" in right.reason
    wrong = step(r"$$z_1 > z_2 \implies a_1 < a_2$$", "softmax-distribution")
    assert wrong.verdict == "wrong"
    point = wrong.counterexample["point"]
    assert point["z_1"] > point["z_2"]            # the antecedent holds at the counterexample


@pytest.mark.slow
def test_a_vacuous_antecedent_is_never_follows():
    never = step(r"$$e^{z_1} < 0 \implies a_1 > 1$$", "softmax-distribution")
    assert never.verdict == "undecided" and never.reason.startswith("vacuous")
    # not decided to be impossible, and no point found where it holds: it may be vacuous
    unknown = step(rf"$${SUM} < 0 \implies {DERIV} < 0$$", MONO)
    assert unknown.verdict == "undecided" and "may be vacuous" in unknown.reason


def test_equation_multiples_still_follow():
    implied = check_text(r"$$\sigma(z) - y = 0 \implies \sigma(z) = y$$")
    assert [s.verdict for s in implied.chains[0].steps] == ["statement", "follows", "statement"]


TEMPERATURE = "softmax-temperature"


@pytest.mark.slow
def test_the_temperature_limit_in_the_claims_notation_is_compared_with_the_claim():
    right = check_text(r"$$\lim_{c \to \infty} \frac{e^{cM}}{m e^{cM} + \sum_{s=1}^{q} e^{c(M - d_s)}} "
                       r"= \frac{1}{m}$$", exercise=TEMPERATURE).chains[0]
    assert right.conclusion["text"].startswith("reached") and "1/m" in right.conclusion["target"]
    assert "not yet written" not in right.conclusion["text"]          # the learner's m is the claim's
    wrong = check_text(r"$$\lim_{c \to \infty} \frac{e^{cM}}{m e^{cM} + \sum_{s=1}^{q} e^{c(M - d_s)}} "
                       r"= 1$$", exercise=TEMPERATURE).chains[0]
    assert wrong.conclusion["reached"] is False and "not reached" in wrong.conclusion["text"]


def test_a_temperature_limit_in_z_is_not_compared_rather_than_not_reached():
    text = "Two classes with the same weighted input, $z_1 = z_2$:\n\n" \
           r"$$\lim_{c \to \infty} \frac{e^{c z_1}}{e^{c z_1} + e^{c z_2}} = \frac{1}{2}$$"
    (chain,) = check_text(text, exercise=TEMPERATURE).chains
    assert [s.verdict for s in chain.steps] == ["follows"]
    assert chain.conclusion["text"].startswith("not compared") and chain.conclusion["reached"] is None
    wrong = check_text(text.replace(r"\frac{1}{2}", "1"), exercise=TEMPERATURE).chains[0]
    assert [s.verdict for s in wrong.steps] == ["wrong"]
