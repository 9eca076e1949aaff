"""exercises: every claim's proof gets its expected verdict; the SAME proof fed a false variant (a
wrong sign, a wrong factor, a dropped term) fails; every step's checks come from its statement;
and a proof whose definition, lemma conclusion or hypothesis is changed fails. One test per claim
id, named after it, then the walks over every claim."""
import inspect

import pytest
import sympy as sp

from derivations.activations import sigma_prime, sigmoid
from derivations.steps import CHECK, DEFINITION, INSTANCE, LEMMA, PROVED, REFUTED, UNDECIDED, Given, Step, same_statement
from derivations.symbols import a, a_prev, a1, j, k, n, y, y1, z
from exercises import lemmas, registry
from exercises.proof import Proof
from proof_tampering import Tamper, run_tampered

_RESULTS: dict = {}


@pytest.fixture(autouse=True)
def _proved_once(proved):
    """The run's proved claims (conftest's `proved`): each claim proved once for every test here
    and elsewhere that reads it."""
    global _RESULTS
    _RESULTS = proved


def result_of(claim_id):
    """The claim as stated, proved once for all the tests that read it."""
    return _RESULTS[claim_id]


def run(claim_id, **variant):
    return registry.get(claim_id).run(**variant)


def assert_holds(claim_id, general_n=True):
    claim = registry.get(claim_id)
    result = result_of(claim_id)
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


# --- sigmoid -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_sigmoid_derivative():
    assert_holds("sigmoid-derivative")


def test_sigmoid_derivative_rejects_wrong_sign():
    assert_fails("sigmoid-derivative", claimed=lambda s: s * (1 + s))


@pytest.mark.slow
def test_sigmoid_saturation():
    result = assert_holds("sigmoid-saturation")
    assert lemmas.CONTINUOUS_LIMIT.name in result.lemmas


def test_sigmoid_saturation_rejects_the_value_at_zero():
    assert_fails("sigmoid-saturation", limit=sp.Rational(1, 4))


@pytest.mark.slow
def test_sigmoid_derivative_bound():
    result = assert_holds("sigmoid-derivative-bound")
    square = next(s for s in result.steps if s.text() == "(s - 1/2)^2 ≥ 0")
    assert square.how == CHECK and square.kind in ("sign", "decision")   # a kernel certificate, no lemma


def test_sigmoid_derivative_bound_rejects_a_bound_below_the_maximum():
    assert_fails("sigmoid-derivative-bound", bound=sp.Rational(1, 5))


# --- gradients of the costs ----------------------------------------------------------------------

QUADRATIC_DELTA = (a[j] - y[j]) * sigma_prime(z[j])


@pytest.mark.slow
def test_quadratic_gradient():
    result = assert_holds("quadratic-gradient")
    assert lemmas.DERIVATIVE_OF_SUM.name in result.lemmas
    assert sum(s.how == INSTANCE for s in result.steps) == 2      # the averaged gradients, per example


@pytest.mark.slow
def test_quadratic_gradient_rejects_a_dropped_sigma_prime():
    assert_fails("quadratic-gradient", delta=a[j] - y[j], weight=(a[j] - y[j]) * a_prev[k], bias=a[j] - y[j])


@pytest.mark.slow
def test_quadratic_gradient_rejects_a_weight_gradient_without_its_input():
    assert_fails("quadratic-gradient", weight=QUADRATIC_DELTA)


@pytest.mark.slow
def test_cross_entropy_is_a_cost():
    assert_holds("cross-entropy-is-a-cost")


def test_cross_entropy_is_a_cost_rejects_the_wrong_target():
    assert_fails("cross-entropy-is-a-cost", target=lambda label: 1 - label)


@pytest.mark.slow
def test_cross_entropy_gradient():
    assert_holds("cross-entropy-gradient")


@pytest.mark.slow
def test_cross_entropy_gradient_rejects_a_kept_sigma_prime():
    assert_fails("cross-entropy-gradient", delta=QUADRATIC_DELTA)


@pytest.mark.slow
def test_cross_entropy_gradient_rejects_wrong_sign():
    assert_fails("cross-entropy-gradient", bias=y[j] - a[j])


@pytest.mark.slow
def test_cross_entropy_argument_order():
    result = assert_holds("cross-entropy-argument-order")
    assert lemmas.RATIO_TO_INFINITY.name in result.lemmas


@pytest.mark.slow
def test_cross_entropy_argument_order_rejects_swapped_roles():
    from exercises.claims.cross_entropy_argument_order import CHAPTER_FORM, SWAPPED_FORM
    assert_fails("cross-entropy-argument-order", defined=SWAPPED_FORM, undefined=CHAPTER_FORM)


@pytest.mark.slow
def test_binary_entropy_minimum():
    result = assert_holds("binary-entropy-minimum")
    assert lemmas.CONVEX_MINIMUM.name in result.lemmas


@pytest.mark.slow
def test_binary_entropy_minimum_rejects_the_wrong_minimiser():
    assert_fails("binary-entropy-minimum", minimiser=1 - y1)


@pytest.mark.slow
def test_binary_entropy_minimum_rejects_the_wrong_sign_of_the_entropy():
    from exercises.claims.binary_entropy_minimum import ENTROPY
    assert_fails("binary-entropy-minimum", minimum=-ENTROPY)


@pytest.mark.slow
def test_input_factor():
    assert_holds("input-factor")


@pytest.mark.slow
def test_input_factor_rejects_a_dropped_input():
    assert_fails("input-factor", factor=sp.Integer(1))


@pytest.mark.slow
def test_cross_entropy_from_gradient():
    assert_holds("cross-entropy-from-gradient")


def test_cross_entropy_from_gradient_rejects_the_quadratic_cost():
    assert_fails("cross-entropy-from-gradient", cost=(a1 - y1) ** 2 / 2)


@pytest.mark.slow
def test_linear_output_quadratic():
    assert_holds("linear-output-quadratic")


@pytest.mark.slow
def test_linear_output_quadratic_rejects_a_sigma_prime_factor():
    assert_fails("linear-output-quadratic", delta=QUADRATIC_DELTA)


@pytest.mark.slow
def test_cost_from_likelihood():
    assert_holds("cost-from-likelihood")


@pytest.mark.slow
def test_cost_from_likelihood_rejects_a_dropped_half_and_a_dropped_term():
    from exercises.claims.cost_from_likelihood import CHAPTER_COSTS
    assert_fails("cost-from-likelihood",
                 costs={**CHAPTER_COSTS, "quadratic": 2 * CHAPTER_COSTS["quadratic"]})
    assert_fails("cost-from-likelihood",
                 costs={**CHAPTER_COSTS, "cross-entropy": CHAPTER_COSTS["log-likelihood"]})


@pytest.mark.slow
def test_cost_from_likelihood_rejects_a_cross_entropy_plus_a_tiny_term():
    """The issue's 10^-60 n (sum a_j^2 - (sum a_j)^2): a numeric check alone might miss it."""
    from exercises.claims.cost_from_likelihood import CHAPTER_COSTS
    tiny = sp.Rational(1, 10**60) * (n * sp.Sum(a[j] ** 2, (j, 1, n)) - sp.Sum(a[j], (j, 1, n)) ** 2)
    assert_fails("cost-from-likelihood", costs={**CHAPTER_COSTS, "cross-entropy": CHAPTER_COSTS["cross-entropy"] + tiny})


# --- softmax ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_sigmoid_outputs_not_distribution():
    assert_holds("sigmoid-outputs-not-distribution")


def test_sigmoid_outputs_not_distribution_rejects_inputs_that_do_sum_to_one():
    assert_fails("sigmoid-outputs-not-distribution", example=(2, 0))


@pytest.mark.slow
def test_sigmoid_outputs_not_distribution_states_n_at_least_2():
    """n sigma(1) > 1 is false at n = 1: the claim says n >= 2, and its proof needs it."""
    claim = registry.get("sigmoid-outputs-not-distribution")
    assert sp.Ge(n, 2) in claim.statement().hypotheses
    result = run_tampered(claim, Tamper("hypothesis", 0, lambda h: sp.Ge(n, 1, evaluate=False)))
    assert result.verdict == UNDECIDED


@pytest.mark.slow
def test_softmax_distribution():
    assert_holds("softmax-distribution")


def test_softmax_distribution_rejects_sigmoid_outputs():
    assert_fails("softmax-distribution", activation=lambda idx: sigmoid(z[idx]))


@pytest.mark.slow
def test_softmax_jacobian():
    assert_holds("softmax-jacobian")


def test_softmax_jacobian_rejects_wrong_sign():
    assert_fails("softmax-jacobian", jacobian=lambda j_, k_: a[j_] * (sp.KroneckerDelta(j_, k_) + a[k_]))


def test_softmax_jacobian_rejects_a_wrong_matrix_form():
    from exercises.claims.softmax_jacobian import a_vec, diag
    assert_fails("softmax-jacobian", matrix_forms=(lambda: diag(a_vec) + a_vec * a_vec.T,))


@pytest.mark.slow
def test_softmax_monotonicity():
    result = assert_holds("softmax-monotonicity")
    assert lemmas.SUM_EXCEEDS_TERM.name in result.lemmas


def test_softmax_monotonicity_rejects_wrong_signs():
    assert_fails("softmax-monotonicity", off_diagonal_sign=1)
    assert_fails("softmax-monotonicity", diagonal_sign=-1)


@pytest.mark.slow
def test_softmax_nonlocality():
    assert_holds("softmax-nonlocality")


def test_softmax_nonlocality_rejects_a_sigmoid_layer():
    assert_fails("softmax-nonlocality", activation=lambda idx: sigmoid(z[idx]))


@pytest.mark.slow
def test_softmax_inverse():
    assert_holds("softmax-inverse")


def test_softmax_inverse_rejects_wrong_sign_of_the_constant():
    from exercises.claims.softmax_inverse import LOG_NORMALISER
    assert_fails("softmax-inverse", constant=-LOG_NORMALISER)


@pytest.mark.slow
def test_softmax_shift_invariance():
    assert_holds("softmax-shift-invariance")


def test_softmax_shift_invariance_rejects_a_scaling():
    assert_fails("softmax-shift-invariance", move=lambda v: 2 * v)


@pytest.mark.slow
def test_log_softmax_stable():
    result = assert_holds("log-softmax-stable")
    assert lemmas.SUM_AT_LEAST_TERM.name in result.lemmas


def test_log_softmax_stable_rejects_a_dropped_shift_in_the_sum():
    from exercises.claims.log_softmax_stable import M, STABLE
    dropped = STABLE.replace(lambda e: isinstance(e, sp.exp), lambda e: sp.exp(e.args[0] + M))
    assert dropped != STABLE
    assert_fails("log-softmax-stable", stable=dropped)


@pytest.mark.slow
def test_softmax_temperature():
    result = assert_holds("softmax-temperature")
    assert {lemmas.FINITE_SUM_LIMIT.name, lemmas.CONTINUOUS_LIMIT.name, lemmas.SQUEEZE.name} <= set(result.lemmas)


@pytest.mark.slow
def test_softmax_temperature_rejects_ties_tending_to_one():
    """The texts' "1 where z_j = max z", wrong for tied maxima."""
    result = assert_fails("softmax-temperature", tied_limit=lambda m: sp.Integer(1))
    failed = [s.why for s, _ in result.failures()]
    assert any("tied" in why for why in failed)


@pytest.mark.slow
def test_softmax_log_likelihood_gradient():
    assert_holds("softmax-log-likelihood-gradient")


@pytest.mark.slow
def test_softmax_log_likelihood_gradient_rejects_wrong_sign():
    assert_fails("softmax-log-likelihood-gradient", delta=y[j] - a[j])


@pytest.mark.slow
def test_two_class_softmax_is_logistic():
    assert_holds("two-class-softmax-is-logistic")


def test_two_class_softmax_is_logistic_rejects_wrong_sign():
    assert_fails("two-class-softmax-is-logistic", logit=z[2] - z[1])


@pytest.mark.slow
def test_binary_vs_categorical_one_hot():
    result = assert_holds("binary-vs-categorical-one-hot")
    assert result.verdict == REFUTED
    cex = result.counterexample
    assert cex["y"] == (1, 0, 0) and cex["n"] == 3
    last = result.steps[-1]
    assert last.refutes and isinstance(last.statement, sp.Ne)
    checked = [c.role for c in last.obligations]
    assert sum(role.startswith("hypothesis at the counterexample") for role in checked) == 4   # sum, and y_1..y_3


@pytest.mark.slow
def test_binary_vs_categorical_one_hot_does_not_refute_a_true_claim():
    from exercises.claims.binary_vs_categorical_one_hot import CATEGORICAL
    result = assert_fails("binary-vs-categorical-one-hot", first=CATEGORICAL)
    assert result.counterexample is None


@pytest.mark.slow
def test_binary_vs_categorical_one_hot_rejects_labels_that_are_not_one_hot():
    """The issue's finding: a "refutation" with y = (1, 1, 0), which is not one-hot."""
    result = assert_fails("binary-vs-categorical-one-hot", labels=(1, 1, 0))
    failed = [v.claim for s, v in result.failures() if v is not None]
    assert any("= 1" in claim for claim in failed) and result.counterexample is None


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
        assert claim.title and claim.prose and claim.source
        assert claim.expected in (PROVED, REFUTED)
        assert isinstance(claim.proposition, sp.Basic) and claim.proposition not in (sp.true, sp.false)


def test_an_unknown_id_is_a_clear_error():
    from derivations.errors import NndlError
    with pytest.raises(NndlError, match="no claim with id 'softmax-jacobain'.*softmax-jacobian"):
        registry.get("softmax-jacobain")


@pytest.mark.slow
def test_steps_render_to_latex_and_text():
    result = result_of("softmax-jacobian")
    for step in result.steps:
        assert step.latex() and step.text()
    assert r"\delta_{j k}" in result.steps[1].latex()
    explained = result.explain()
    assert "verdict: proved (general n)" in explained and "exact identity" in explained   # the certificate kind
    assert "steps: " in explained and "definition" in explained


# --- every step of every claim: its checks come from its statement --------------------------------

def test_no_step_can_be_given_checks_beside_its_statement():
    """The building API takes a statement and words, never a separate expression to check."""
    assert "checks" not in inspect.signature(Step.__init__).parameters
    assert list(inspect.signature(Proof.show).parameters) == ["self", "statement", "why", "using", "keep"]
    assert list(inspect.signature(Proof.define).parameters) == ["self", "target", "value", "why"]
    assert not hasattr(Proof, "check")


def _proof_steps(result):
    return [s for s in result.steps if s.in_proof]


@pytest.mark.slow
@pytest.mark.parametrize("claim_id", registry.ids())
def test_every_step_checks_its_own_statement(claim_id):
    """Walk the proof: a definition names a fresh symbol and checks nothing; a check step's
    checks are of its statement (or, by transitivity, of the previous right-hand side = its own);
    a lemma's statement is its schema's conclusion and every hypothesis is checked; an instance
    is the renamed earlier step; the last step is the claim."""
    result = result_of(claim_id)
    claim = registry.get(claim_id)
    for step in result.steps:
        assert step.holds, step
        if step.how == DEFINITION:
            assert step.problem is None and not step.obligations
            continue
        assert step.obligations, f"{step} has no check"
        if step.how == LEMMA:
            use = step.lemma
            hypotheses = use.lemma.hypotheses(**use.instance)
            sources = [c.source for c in step.obligations]
            for _, h in hypotheses:
                assert any(same_statement(h, src) or (isinstance(src, sp.Implies) and same_statement(h, src.args[1]))
                           for src in sources), f"{step}: hypothesis {h} unchecked"
            conclusion = use.lemma.conclusion(**use.instance)
            assert any(same_statement(step.statement, c) or (isinstance(step.statement, sp.Implies)
                                                            and same_statement(step.statement.args[1], c))
                       for c in [conclusion]), f"{step} is not its lemma's conclusion"
            assert all(c.verdict.proved for c in step.obligations)
        elif step.how == INSTANCE:
            source, = step.cited
            assert step.obligations[0].source == source.statement and source.holds
        elif step.link is not None:          # a = b, then = c: checked as b = c
            prev, link = step.link
            assert step.statement.lhs == prev.lhs and link == sp.Eq(prev.rhs, step.statement.rhs, evaluate=False)
            assert [c.source for c in step.obligations] == [prev.statement, link]
        elif step.refutes:
            assert step.obligations[-1].source == step.statement
        else:
            assert [c.source for c in step.obligations] == [step.statement], step
            again = step.checker.check(step.statement)          # derived again from the statement alone
            assert str(again.proposition) == str(step.obligations[0].proposition) and again.verdict.status == PROVED
    last = result.steps[-1]
    if claim.expected == PROVED:
        s = result.statement
        unfolded = last.checker.scope.definitions.unfold
        assert same_statement(last.statement, s.proposition) or \
            same_statement(unfolded(last.statement), unfolded(s.proposition)), result.concluded
    else:
        assert last.refutes


# --- every claim has false variants that change one definition, lemma conclusion or hypothesis ---

def _falsified(p):
    """A proposition changed to a false one of the same shape."""
    if isinstance(p, sp.And):
        return sp.And(_falsified(p.args[0]), *p.args[1:], evaluate=False)
    if isinstance(p, sp.Implies):
        return sp.Implies(p.args[0], _falsified(p.args[1]), evaluate=False)
    if isinstance(p, sp.Eq):
        return sp.Eq(p.lhs, p.rhs + 1 if p.rhs.is_finite is not False else sp.Integer(0), evaluate=False)
    return {sp.StrictGreaterThan: sp.Lt, sp.GreaterThan: sp.Lt, sp.StrictLessThan: sp.Gt, sp.LessThan: sp.Gt,
            sp.Ne: sp.Eq}[type(p)](p.lhs, p.rhs, evaluate=False)


HYPOTHESIS_TAMPERS = {   # claim id -> (index among hypotheses then givens, what it becomes): each a false claim
    "cross-entropy-is-a-cost": [(1, lambda h: sp.Lt(a1, 2, evaluate=False))],           # a < 2: ln(1 - a) complex
    "cross-entropy-argument-order": [(0, lambda h: sp.Gt(a1, -1, evaluate=False))],      # a > -1: the rate a may be < 0
    "binary-entropy-minimum": [(2, lambda h: sp.Lt(-1, y1, evaluate=False))],            # y > -1: y leaves (0, 1)
    "cross-entropy-from-gradient": [(2, lambda g: None)],                                # no wish: C is anything
    "cost-from-likelihood": [(0, lambda h: sp.Gt(a[j], -1, evaluate=False))],            # Bernoulli a_j not in (0, 1)
    "sigmoid-outputs-not-distribution": [(0, lambda h: sp.Ge(n, 1, evaluate=False))],    # n = 1: sigma(1) < 1
    "softmax-monotonicity": [(0, lambda h: sp.Ge(n, 1, evaluate=False))],                # n = 1: da/dz = 0
    "softmax-nonlocality": [(0, lambda h: sp.Ge(n, 1, evaluate=False))],
    "softmax-temperature": [(0, lambda h: sp.Ge(h.lhs, 0, evaluate=False))],             # a gap d = 0 is a tie
    "softmax-log-likelihood-gradient": [(0, lambda g: None)],                            # y not one-hot
    "two-class-softmax-is-logistic": [(0, lambda g: None)],                              # y_2 free of y_1
    # a refutation's counterexample must satisfy the hypotheses: one it does not satisfy, y_1 = 0
    "binary-vs-categorical-one-hot": [(0, lambda g: Given(sp.Eq(y[1], 0, evaluate=False)))],
}


def _variants(claim_id):
    """The (kind, index) of every tamper of the claim's proof: each definition, each lemma's
    conclusion, each hypothesis listed above (found from the claim proved as stated, at run time)."""
    result = result_of(claim_id)
    definitions = sum(s.how == DEFINITION for s in _proof_steps(result))
    lemma_steps = sum(s.how == LEMMA for s in _proof_steps(result))
    return ([("definition", i) for i in range(definitions)] + [("conclusion", i) for i in range(lemma_steps)]
            + [("hypothesis", i) for i in range(len(HYPOTHESIS_TAMPERS.get(claim_id, ())))])


@pytest.mark.slow
@pytest.mark.parametrize("claim_id", registry.ids())
def test_a_changed_definition_lemma_conclusion_or_hypothesis_makes_the_proof_fail(claim_id):
    """Every claim has at least one such variant, and each variant fails (one test per claim, its
    variants made inside it: which ones they are is known only once the claim is proved)."""
    variants = _variants(claim_id)
    assert variants, f"{claim_id}: no false variant of a definition, a lemma or a hypothesis"
    still_holds = []
    for kind, index in variants:
        if kind == "definition":
            tamper = Tamper("definition", index, lambda value: value + 1)
        elif kind == "conclusion":
            tamper = Tamper("conclusion", index, _falsified)
        else:
            position, change = HYPOTHESIS_TAMPERS[claim_id][index]
            tamper = Tamper("hypothesis", position, change)
        result = run_tampered(registry.get(claim_id), tamper)
        assert tamper.seen > (position if kind == "hypothesis" else index), \
            f"{claim_id}: the tamper of {kind} {index} did not reach its target"
        if result.verdict in (PROVED, REFUTED):
            still_holds.append(f"{kind} {index}: {result.verdict}\n{result.explain()}")
    assert not still_holds, f"{claim_id}: changed, yet " + "\n\n".join(still_holds)
