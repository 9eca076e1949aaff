"""exercises: every claim's proof gets its expected verdict, and the SAME proof fed a false variant
(a wrong sign, a wrong factor, a dropped term) fails. One test per claim id, named after it."""
import sympy as sp
import pytest

from derivations.activations import sigma_prime, sigmoid
from derivations.symbols import a, a_prev, j, k, y, z
from exercises import registry
from derivations.steps import PROVED, REFUTED, UNDECIDED


def run(claim_id, **variant):
    return registry.get(claim_id).run(**variant)


def assert_holds(claim_id, general_n=True):
    claim = registry.get(claim_id)
    result = claim.run()
    assert result.verdict == claim.expected, result.explain()
    assert result.failures() == []
    assert result.general_n is general_n
    for step in result.steps:       # the LaTeX document and --explain show every step
        assert step.latex() and step.text() and step.why
    return result


def assert_fails(claim_id, **variant):
    result = run(claim_id, **variant)
    assert result.verdict == UNDECIDED, result.explain()
    assert result.failures(), "a failed proof names the step that did not prove"
    return result


def module(claim_id):
    return registry.ORDER[registry.ids().index(claim_id)]


# --- sigmoid -----------------------------------------------------------------------------------

def test_sigmoid_derivative():
    assert_holds("sigmoid-derivative")


def test_sigmoid_derivative_rejects_wrong_sign():
    assert_fails("sigmoid-derivative", claimed=lambda s: s * (1 + s))


def test_sigmoid_saturation():
    assert_holds("sigmoid-saturation")


def test_sigmoid_saturation_rejects_the_value_at_zero():
    assert_fails("sigmoid-saturation", limit=sp.Rational(1, 4))


def test_sigmoid_derivative_bound():
    result = assert_holds("sigmoid-derivative-bound")
    assert "a real square is >= 0" in result.lemmas


def test_sigmoid_derivative_bound_rejects_a_bound_below_the_maximum():
    assert_fails("sigmoid-derivative-bound", bound=sp.Rational(1, 5))


# --- gradients of the costs ----------------------------------------------------------------------

QUADRATIC_DELTA = (a[j] - y[j]) * sigma_prime(z[j])


def test_quadratic_gradient():
    result = assert_holds("quadratic-gradient")
    assert "the derivative of a finite sum is the sum of the derivatives" in result.lemmas


def test_quadratic_gradient_rejects_a_dropped_sigma_prime():
    assert_fails("quadratic-gradient", delta=a[j] - y[j], weight=(a[j] - y[j]) * a_prev[k], bias=a[j] - y[j])


def test_quadratic_gradient_rejects_a_weight_gradient_without_its_input():
    assert_fails("quadratic-gradient", weight=QUADRATIC_DELTA)


def test_cross_entropy_is_a_cost():
    assert_holds("cross-entropy-is-a-cost")


def test_cross_entropy_is_a_cost_rejects_the_wrong_target():
    assert_fails("cross-entropy-is-a-cost", target=lambda label: 1 - label)


def test_cross_entropy_gradient():
    assert_holds("cross-entropy-gradient")


def test_cross_entropy_gradient_rejects_a_kept_sigma_prime():
    assert_fails("cross-entropy-gradient", delta=QUADRATIC_DELTA)


def test_cross_entropy_gradient_rejects_wrong_sign():
    assert_fails("cross-entropy-gradient", bias=y[j] - a[j])


def test_cross_entropy_argument_order():
    result = assert_holds("cross-entropy-argument-order")
    assert any("f/g" in lemma for lemma in result.lemmas)


def test_cross_entropy_argument_order_rejects_swapped_roles():
    from exercises.claims.cross_entropy_argument_order import CHAPTER_FORM, SWAPPED_FORM
    assert_fails("cross-entropy-argument-order", defined=SWAPPED_FORM, undefined=CHAPTER_FORM)


def test_binary_entropy_minimum():
    result = assert_holds("binary-entropy-minimum")
    assert any("strictly convex" in lemma for lemma in result.lemmas)


def test_binary_entropy_minimum_rejects_the_wrong_minimiser():
    from derivations.symbols import y1
    assert_fails("binary-entropy-minimum", minimiser=1 - y1)


def test_binary_entropy_minimum_rejects_the_wrong_sign_of_the_entropy():
    from exercises.claims.binary_entropy_minimum import ENTROPY
    assert_fails("binary-entropy-minimum", minimum=-ENTROPY)


def test_input_factor():
    assert_holds("input-factor")


def test_input_factor_rejects_a_dropped_input():
    assert_fails("input-factor", factor=sp.Integer(1))


def test_cross_entropy_from_gradient():
    assert_holds("cross-entropy-from-gradient")


def test_cross_entropy_from_gradient_rejects_the_quadratic_cost():
    from derivations.symbols import a1, y1
    assert_fails("cross-entropy-from-gradient", cost=(a1 - y1) ** 2 / 2)


def test_linear_output_quadratic():
    assert_holds("linear-output-quadratic")


def test_linear_output_quadratic_rejects_a_sigma_prime_factor():
    assert_fails("linear-output-quadratic", delta=QUADRATIC_DELTA)


def test_cost_from_likelihood():
    assert_holds("cost-from-likelihood")


def test_cost_from_likelihood_rejects_a_dropped_half_and_a_dropped_term():
    from exercises.claims.cost_from_likelihood import CHAPTER_COSTS
    assert_fails("cost-from-likelihood",
                 costs={**CHAPTER_COSTS, "quadratic": 2 * CHAPTER_COSTS["quadratic"]})
    assert_fails("cost-from-likelihood",
                 costs={**CHAPTER_COSTS, "cross-entropy": CHAPTER_COSTS["log-likelihood"]})


# --- softmax ------------------------------------------------------------------------------------

def test_sigmoid_outputs_not_distribution():
    assert_holds("sigmoid-outputs-not-distribution")


def test_sigmoid_outputs_not_distribution_rejects_inputs_that_do_sum_to_one():
    assert_fails("sigmoid-outputs-not-distribution", example=(2, 0))


def test_softmax_distribution():
    assert_holds("softmax-distribution")


def test_softmax_distribution_rejects_sigmoid_outputs():
    assert_fails("softmax-distribution", activation=lambda idx: sigmoid(z[idx]))


def test_softmax_jacobian():
    assert_holds("softmax-jacobian")


def test_softmax_jacobian_rejects_wrong_sign():
    assert_fails("softmax-jacobian", jacobian=lambda j_, k_: a[j_] * (sp.KroneckerDelta(j_, k_) + a[k_]))


def test_softmax_jacobian_rejects_a_wrong_matrix_form():
    from exercises.claims.softmax_jacobian import a_vec, diag
    assert_fails("softmax-jacobian", matrix_forms=(lambda: diag(a_vec) + a_vec * a_vec.T,))


def test_softmax_monotonicity():
    assert_holds("softmax-monotonicity")


def test_softmax_monotonicity_rejects_wrong_signs():
    assert_fails("softmax-monotonicity", off_diagonal_sign=1)
    assert_fails("softmax-monotonicity", diagonal_sign=-1)


def test_softmax_nonlocality():
    assert_holds("softmax-nonlocality")


def test_softmax_nonlocality_rejects_a_sigmoid_layer():
    assert_fails("softmax-nonlocality", activation=lambda idx: sigmoid(z[idx]))


def test_softmax_inverse():
    assert_holds("softmax-inverse")


def test_softmax_inverse_rejects_wrong_sign_of_the_constant():
    from exercises.claims.softmax_inverse import LOG_NORMALISER
    assert_fails("softmax-inverse", constant=-LOG_NORMALISER)


def test_softmax_shift_invariance():
    assert_holds("softmax-shift-invariance")


def test_softmax_shift_invariance_rejects_a_scaling():
    assert_fails("softmax-shift-invariance", move=lambda v: 2 * v)


def test_log_softmax_stable():
    assert_holds("log-softmax-stable")


def test_log_softmax_stable_rejects_a_dropped_shift_in_the_sum():
    from exercises.claims.log_softmax_stable import M, STABLE
    dropped = STABLE.replace(lambda e: isinstance(e, sp.exp), lambda e: sp.exp(e.args[0] + M))
    assert dropped != STABLE
    assert_fails("log-softmax-stable", stable=dropped)


def test_softmax_temperature():
    result = assert_holds("softmax-temperature")
    assert "the limit of a finite sum is the sum of the limits" in result.lemmas
    ties = [s for s in result.steps if "tied maxima" in s.why]
    assert {str(s.statement.rhs) for s in ties} == {"1/2", "1/3"}


def test_softmax_temperature_rejects_ties_tending_to_one():
    """The texts' "1 where z_j = max z", wrong for tied maxima."""
    result = assert_fails("softmax-temperature", tied_limit=lambda m: sp.Integer(1))
    failed = [s.why for s, _ in result.failures()]
    assert any("tied" in why for why in failed)


def test_softmax_log_likelihood_gradient():
    assert_holds("softmax-log-likelihood-gradient")


def test_softmax_log_likelihood_gradient_rejects_wrong_sign():
    assert_fails("softmax-log-likelihood-gradient", delta=y[j] - a[j])


def test_two_class_softmax_is_logistic():
    assert_holds("two-class-softmax-is-logistic")


def test_two_class_softmax_is_logistic_rejects_wrong_sign():
    assert_fails("two-class-softmax-is-logistic", logit=z[2] - z[1])


def test_binary_vs_categorical_one_hot():
    result = assert_holds("binary-vs-categorical-one-hot")
    assert result.verdict == REFUTED
    cex = result.counterexample
    assert cex["y"] == (1, 0, 0) and cex["a"] == ("1/2", "1/4", "1/4")
    assert cex["binary"] > cex["categorical"]
    assert cex["gradient gap dC/dz_2"] != 0


def test_binary_vs_categorical_one_hot_does_not_refute_a_true_claim():
    from exercises.claims.binary_vs_categorical_one_hot import CATEGORICAL
    result = assert_fails("binary-vs-categorical-one-hot", first=CATEGORICAL)
    assert result.counterexample is None


# --- the registry and the results ----------------------------------------------------------------

ISSUE_IDS = {
    "sigmoid-derivative", "sigmoid-saturation", "quadratic-gradient", "cross-entropy-gradient",
    "linear-output-quadratic", "cross-entropy-argument-order", "binary-entropy-minimum", "input-factor",
    "sigmoid-outputs-not-distribution", "softmax-distribution", "softmax-jacobian", "softmax-monotonicity",
    "softmax-nonlocality", "softmax-inverse", "softmax-shift-invariance", "softmax-temperature",
    "softmax-log-likelihood-gradient", "two-class-softmax-is-logistic", "cost-from-likelihood",
    "binary-vs-categorical-one-hot",
}


def test_every_claim_of_the_issue_is_registered_once_in_a_stable_order():
    ids = registry.ids()
    assert len(ids) == len(set(ids))
    assert ISSUE_IDS <= set(ids)
    assert ids == registry.ids()
    assert ids[0] == "sigmoid-derivative"


def test_every_claim_has_a_test_named_after_it_and_a_false_variant():
    names = set(globals())
    for claim_id in registry.ids():
        name = "test_" + claim_id.replace("-", "_")
        assert name in names, f"no test for {claim_id}"
        assert any(other.startswith(name + "_") for other in names), f"no false variant for {claim_id}"


def test_every_claim_says_where_it_comes_from_and_what_to_expect():
    for claim in registry.all_claims():
        assert claim.title and claim.statement and claim.source
        assert claim.expected in (PROVED, REFUTED)


def test_an_unknown_id_is_a_clear_error():
    from derivations.errors import NndlError
    with pytest.raises(NndlError, match="no claim with id 'softmax-jacobain'.*softmax-jacobian"):
        registry.get("softmax-jacobain")


def test_steps_render_to_latex_and_text():
    result = run("softmax-jacobian")
    for step in result.steps:
        assert step.latex() and step.text()
    assert r"\delta_{j k}" in result.steps[1].latex()
    explained = result.explain()
    assert "verdict: proved (general n)" in explained and "numeric" in explained
