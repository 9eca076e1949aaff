"""The derivations: each cost from its likelihood model, each output error from its pairing.

Closed forms are typed here, in the tests, and nowhere in the package: the package derives them.
"""
import numpy as np
import pytest
import sympy as sp

from derivations.models import MODELS
from derivations.pairings import PAIRINGS as TABLE, output_error
from derivations.steps import Derivation
from derivations.activations import sigma_prime
from derivations.models import Gaussian
from derivations.proof import prove_equal
from derivations.symbols import a, a_prev, j, k, n, y, z

PAIRINGS = [(p.cost, p.activation.name) for p in TABLE]
CLOSED_COSTS = {
    "quadratic": sp.Rational(1, 2) * sp.Sum((y[j] - a[j]) ** 2, (j, 1, n)),
    "cross-entropy": -sp.Sum(y[j] * sp.log(a[j]) + (1 - y[j]) * sp.log(1 - a[j]), (j, 1, n)),
    "log-likelihood": -sp.Sum(y[j] * sp.log(a[j]), (j, 1, n)),
}
CLOSED_DELTAS = {   # the chapter's forms
    ("quadratic", "identity"): a[j] - y[j],
    ("quadratic", "sigmoid"): (a[j] - y[j]) * sigma_prime(z[j]),
    ("cross-entropy", "sigmoid"): a[j] - y[j],
    ("log-likelihood", "softmax"): a[j] - y[j],
}
IN_TERMS_OF_A = {
    ("quadratic", "identity"): a[j] - y[j],
    ("quadratic", "sigmoid"): (a[j] - y[j]) * a[j] * (1 - a[j]),
    ("cross-entropy", "sigmoid"): a[j] - y[j],
    ("log-likelihood", "softmax"): a[j] - y[j],
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(MODELS))
def test_cost_derived_from_its_likelihood(name):
    model = MODELS[name]
    d = model.derivation
    assert d.verified, [str(v) for v in d.failures()]
    assert sp.simplify(d.result - CLOSED_COSTS[name]) == 0
    assert prove_equal(d.result, CLOSED_COSTS[name]).proved
    assert model.average_derivation.verified
    assert all(step.obligations or step.how == "definition" for step in d.steps)


def test_gaussian_records_the_dropped_term_and_the_positive_factor():
    g = MODELS["quadratic"]
    assert len(g.dropped) == 1 and not g.dropped[0].term.has(a)
    d = g.derivation
    assert {"split", "dropped 0", "scale"} <= set(d.marked) and all(d.marked[k].holds for k in d.marked)
    assert d.steps[-1].how == "definition"        # C is defined once the minimiser facts are shown


@pytest.mark.slow
def test_a_wrong_cost_fails_the_minimiser_check():
    class WrongGaussian(Gaussian):   # the cost without its factor 1/2: NLL is then not scale * C
        def cost(self, idx=j):
            return sp.Sum((y[idx] - a[idx]) ** 2, (idx, 1, n))
    d = WrongGaussian().derivation
    assert not d.verified and not d.marked["split"].holds


@pytest.mark.slow
@pytest.mark.parametrize("pairing", PAIRINGS, ids=lambda p: p if isinstance(p, str) else None)
def test_output_error_closed_form(pairing):
    oe = output_error(*pairing)
    assert oe.verified, [str(v) for d in (oe.derivation, oe.weight_gradient, oe.bias_gradient)
                         for v in d.failures()]
    assert sp.simplify(oe.closed_form - CLOSED_DELTAS[pairing]) == 0
    assert sp.simplify(oe.in_terms_of_a - IN_TERMS_OF_A[pairing]) == 0


@pytest.mark.parametrize("pairing", PAIRINGS)
def test_weight_and_bias_gradients(pairing):
    oe = output_error(*pairing)
    delta = sp.IndexedBase(r"\delta")
    assert sp.simplify(oe.weight_gradient.result - delta[j] * a_prev[k]) == 0
    assert sp.simplify(oe.bias_gradient.result - delta[j]) == 0


@pytest.mark.parametrize("pairing", PAIRINGS)
def test_numpy_delta_is_the_derived_formula(pairing):
    f = output_error(*pairing).numpy
    rng = np.random.default_rng(0)
    av, yv = rng.uniform(0.01, 0.99, (5, 10)), rng.integers(0, 2, (5, 10)).astype(float)
    expected = sp.lambdify((a[j], y[j]), IN_TERMS_OF_A[pairing], "numpy")(av, yv)
    np.testing.assert_allclose(f(av, yv), expected, rtol=1e-15, atol=0)


def test_a_false_step_breaks_the_derivation():
    d = Derivation("false")
    x = sp.Symbol("x", real=True)
    f = sp.Symbol("f", real=True)
    d.start(f, (x + 1) ** 2, "definition")
    assert d.steps[0].how == "definition" and not d.steps[0].obligations
    d.equal(x**2 + 2 * x + 1, "expand")
    assert d.verified
    d.equal(x**2 + 1, "drop the middle term (false)")
    assert not d.verified
    assert d.failures()[0].status == "refuted"


def test_a_false_derivative_step_breaks_the_derivation():
    x = sp.Symbol("x", real=True)
    f = sp.Symbol("f", real=True)
    d = Derivation("false derivative").start(f, sp.exp(2 * x), "definition")
    d.differentiate(sp.Derivative(f, x), sp.exp(2 * x), x, "differentiate (missing factor 2)")
    assert not d.verified
    d = Derivation("true derivative").start(f, sp.exp(2 * x), "definition")
    d.differentiate(sp.Derivative(f, x), 2 * sp.exp(2 * x), x, "differentiate")
    assert d.verified


def test_a_derivative_step_must_say_what_it_differentiates():
    """A new name on the left (f' = ...) is not the derivative of anything the derivation defined:
    its statement cannot be checked, so the step does not hold."""
    x = sp.Symbol("x", real=True)
    f = sp.Symbol("f", real=True)
    d = Derivation("unnamed derivative").start(f, sp.exp(2 * x), "definition")
    d.differentiate(sp.Symbol("g", real=True), 2 * sp.exp(2 * x), x, "differentiate, as a new name")
    assert not d.verified


def test_a_definition_asserts_nothing_and_must_be_fresh():
    x = sp.Symbol("x", real=True)
    d = Derivation("definitions")
    d.define(sp.Symbol("R", positive=True), x**2, "a definition that would assert R > 0")
    assert not d.verified and "assumptions" in d.failures()[0].reason
    d = Derivation("twice")
    f = sp.Symbol("f", real=True)
    d.define(f, x, "f").define(f, x + 1, "f again")
    assert not d.verified and "not fresh" in d.failures()[0].reason


@pytest.mark.slow
def test_the_chain_rule_step_of_every_gradient_is_checked_by_differentiating_directly():
    """The step dC/dw_jk = delta_j a_k^(L-1) is no definition: it is checked by differentiating
    C(w, b) with the derived delta_j put in (the output error's last step, cited)."""
    for p in TABLE:
        for derivation in (p.output_error.weight_gradient, p.output_error.bias_gradient):
            chain = derivation.steps[-1]
            closed = [s for s in p.output_error.derivation.steps if s.statement.rhs == p.output_error.closed_form][-1]
            assert chain.how == "check" and chain.holds and chain.cited == [closed]
            assert isinstance(chain.statement.lhs, sp.Derivative)


def test_unknown_pairing_is_a_clear_error():
    from derivations.errors import NndlError
    with pytest.raises(NndlError, match="no pairing of cost 'quadratic' with activation 'softmax'"):
        output_error("quadratic", "softmax")


def test_derivations_render_to_latex_and_text():
    d = output_error("log-likelihood", "softmax").derivation
    tex = d.to_latex()
    assert tex.startswith("\\begin{align*}") and "\\sum" in tex and "chain rule" in tex
    assert "chain rule" in d.to_text()
    assert "$$" in d._repr_latex_()


def test_a_model_is_asked_for_its_cost_and_latex_a_pairing_for_its_gradient():
    from derivations.pairings import pairing
    model = MODELS["log-likelihood"]
    assert sp.simplify(model.cost() - CLOSED_COSTS["log-likelihood"]) == 0
    assert pairing("log-likelihood").model is model
    assert sp.simplify(pairing("log-likelihood").output_error.closed_form - (a[j] - y[j])) == 0
    assert "\\prod" in model.to_latex() and "$$" in model._repr_latex_()


def test_the_cost_c_is_created_in_one_place():
    """The symbol C and the function C(a) come from derivations.symbols; no claim makes its own."""
    from pathlib import Path

    import sympy as sp

    from derivations.symbols import C, cost_function
    f = cost_function()
    assert f.__name__ == C.name == "C" and f(sp.Symbol("a")).is_real
    claims = Path(__file__).resolve().parents[2] / "exercises" / "claims"
    assert not [p.name for p in claims.glob("*.py") if 'Function("C"' in p.read_text()]
