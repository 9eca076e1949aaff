"""The proof primitives: they prove true claims, and reject false ones (at least three each)."""
import pytest
import sympy as sp

from derivations.activations import sigmoid, sigmoid_prime, softmax
from derivations.models import ONE_HOT
from derivations.proof import (Verdict, prove_equal, prove_limit, prove_negative, prove_nonzero,
                               prove_positive)
from derivations.symbols import j, k, n, y, z

x = sp.Symbol("x", real=True)
p = sp.Symbol("p", real=True)
c = sp.Symbol("c", positive=True)


def assert_proved(v: Verdict):
    assert isinstance(v, Verdict)
    assert v.proved, v.reason
    assert v.status == "proved"


def assert_rejected(v: Verdict, *statuses):
    assert isinstance(v, Verdict)
    assert not v.proved, f"a false claim was proved: {v}"
    assert v.status in (statuses or ("refuted", "undecided", "disagreement")), v


# --- prove_equal --------------------------------------------------------------------------------

def test_equal_proves_sigmoid_derivative():
    assert_proved(prove_equal(sigmoid_prime(x), sigmoid(x) * (1 - sigmoid(x))))


def test_equal_proves_general_n_softmax_gradient_with_premise():
    C = -sp.Sum(y[j] * sp.log(softmax(z, j)), (j, 1, n))
    assert_proved(prove_equal(sp.Derivative(C, z[k]), softmax(z, k) - y[k], premises=[ONE_HOT]))


def test_equal_rejects_wrong_sign():
    v = prove_equal(sigmoid_prime(x), sigmoid(x) * (1 + sigmoid(x)))
    assert_rejected(v, "refuted")
    assert v.counterexample is not None


def test_equal_rejects_wrong_factor():
    assert_rejected(prove_equal(sp.diff(x**3, x), 2 * x**2), "refuted")


def test_equal_rejects_dropped_term():
    assert_rejected(prove_equal(sp.expand((x + 1) ** 2), x**2 + 1), "refuted")


def test_equal_rejects_claim_that_needs_a_missing_premise():
    # without "y is one-hot", delta_k = a_k sum_j y_j - y_k, not a_k - y_k
    C = -sp.Sum(y[j] * sp.log(softmax(z, j)), (j, 1, n))
    assert_rejected(prove_equal(sp.Derivative(C, z[k]), softmax(z, k) - y[k]), "refuted")


def test_equal_refutes_what_sympy_gets_wrong():
    # SymPy differentiates sum_k e^(z_k) by z_k (free k = bound k) as the whole sum: wrong. The
    # kernel differentiates by its own rules and certifies the counterexample.
    from derivations.kernel import Kind
    wrong = prove_equal(sp.Derivative(sp.Sum(sp.exp(z[k]), (k, 1, n)), z[k]), sp.Sum(sp.exp(z[k]), (k, 1, n)))
    assert_rejected(wrong, "refuted")
    assert wrong.certificate == Kind.COUNTEREXAMPLE


def test_equal_with_assumptions():
    assert_proved(prove_equal(sp.sqrt(p**2), p, [0 < p]))
    assert_rejected(prove_equal(sp.sqrt(p**2), p, [p < 0]), "refuted")


# --- prove_positive / prove_negative ----------------------------------------------------------

def test_positive_proves_bernoulli_variance():
    assert_proved(prove_positive(p * (1 - p), [0 < p, p < 1]))


def test_positive_proves_softmax_output():
    assert_proved(prove_positive(softmax(z, k)))


def test_positive_rejects_three_false_claims():
    assert_rejected(prove_positive(p * (1 - p) - sp.Rational(1, 5), [0 < p, p < 1]), "refuted")
    assert_rejected(prove_positive(x), "refuted")
    assert_rejected(prove_positive(-sp.exp(x)), "refuted")
    assert_rejected(prove_positive(p - 1, [0 < p, p < 1]), "refuted")


def test_negative_proves_and_rejects():
    assert_proved(prove_negative(-x**2 - 1))
    assert_proved(prove_negative(sp.log(p), [0 < p, p < 1]))
    assert_rejected(prove_negative(x - 1, [0 < x]), "refuted")
    assert_rejected(prove_negative(x**2), "refuted")
    assert_rejected(prove_negative(sp.exp(x)), "refuted")


# --- prove_nonzero ----------------------------------------------------------------------------

def test_nonzero_proves():
    assert_proved(prove_nonzero(sp.exp(x)))
    assert_proved(prove_nonzero(x**2 + 1))


def test_nonzero_rejects_three_false_claims():
    v = prove_nonzero(x**2 - 1, [0 < x])       # zero at x = 1, which random points miss
    assert_rejected(v, "refuted")
    assert v.counterexample is not None
    assert_rejected(prove_nonzero(x - x))
    assert_rejected(prove_nonzero(sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1))
    assert_rejected(prove_nonzero(x * 0 + sp.log(1)))


# --- prove_limit ------------------------------------------------------------------------------

def test_limit_proves_sigmoid_saturation():
    assert_proved(prove_limit(sigmoid_prime(x), x, sp.oo, 0))
    assert_proved(prove_limit(sigmoid_prime(x), x, -sp.oo, 0))
    assert_proved(prove_limit(sigmoid(x), x, sp.oo, 1))


def test_limit_rejects_three_false_claims():
    assert_rejected(prove_limit(sigmoid(x), x, sp.oo, 0), "refuted")
    assert_rejected(prove_limit(sp.exp(2 * x) / (sp.exp(x) + sp.exp(2 * x)), x, sp.oo, 0), "refuted")
    assert_rejected(prove_limit(1 / x, x, 0, 0))
    assert_rejected(prove_limit(sp.exp(c) / (1 + sp.exp(c)), c, sp.oo, sp.Rational(1, 2)), "refuted")


def test_limit_with_another_symbol_under_assumptions():
    assert_proved(prove_limit(sp.exp(c * x) / (1 + sp.exp(c * x)), c, sp.oo, 1, [0 < x]))
    assert_rejected(prove_limit(sp.exp(c * x) / (1 + sp.exp(c * x)), c, sp.oo, 1, [x < 0]), "refuted")


# --- never raises ------------------------------------------------------------------------------

def test_undecidable_claim_is_not_proved_and_does_not_raise():
    f = sp.Function("f")
    v = prove_equal(f(x), f(x) + 0 * x + sp.Integer(0) + f(x) - f(x) + 1)
    assert not v.proved


def test_a_symbols_own_sign_counts_as_a_bound():
    t = sp.Symbol("t", positive=True)
    assert_proved(prove_positive(t * (1 - t), [t < 1]))
    assert_rejected(prove_positive(t * (1 - t) - sp.Rational(1, 3), [t < 1]), "refuted")


def test_a_nonnegative_symbol_may_be_zero():
    s = sp.Symbol("s", nonnegative=True)
    assert_rejected(prove_positive(s, [s < 1]))
    assert_proved(prove_positive(s + 1, [s < 1]))


# --- the new API: prove, statuses, by, witness ----------------------------------------------

from derivations.proof import prove, prove_nonnegative, prove_nonpositive  # noqa: E402


def test_prove_dispatches_each_kind_of_statement():
    assert_proved(prove(sp.Eq(sigmoid_prime(x), sigmoid(x) * (1 - sigmoid(x)), evaluate=False)))
    assert_proved(prove(sp.Gt(x**2 + 1, 0, evaluate=False)))
    assert_proved(prove(sp.Lt(-x**2 - 1, 0, evaluate=False)))
    assert_proved(prove(sp.Ge(x**2, 0, evaluate=False)))
    assert_proved(prove(sp.Le(-(x**2), 0, evaluate=False)))
    assert_proved(prove(sp.Ne(sp.exp(x), 0, evaluate=False)))
    assert_proved(prove(sp.Eq(sp.Limit(sigmoid(x), x, sp.oo), 1, evaluate=False)))
    both = prove(sp.And(sp.Gt(p, 0, evaluate=False), sp.Lt(p, 1, evaluate=False)), [0 < p, p < 1])
    assert_proved(both)
    assert_rejected(prove(sp.And(sp.Gt(p, 0, evaluate=False), sp.Gt(p, 1, evaluate=False)), [0 < p, p < 1]), "refuted")


def test_a_statement_decided_when_built_is_not_taken_on_trust():
    v = prove(sp.Gt(2, 1))          # SymPy made it True already: nothing left to check
    assert not v.proved and v.status == "undecided"


def test_nonnegative_and_nonpositive_allow_zero():
    assert_proved(prove_nonnegative(x**2))
    assert_proved(prove_nonpositive(-(x**2)))
    assert_rejected(prove_nonnegative(x**2 - 1), "refuted")
    assert_rejected(prove_nonpositive(x), "refuted")


def test_verdict_says_what_established_it():
    from derivations.kernel import Kind
    v = prove_positive(x**4 - x + 1)
    assert v.proved and v.certificate == Kind.DECISION and "real-root isolation" in v.by
    v = prove_positive(x - sp.log(1 + x), [x > 0])
    assert v.proved and v.certificate == Kind.DECISION and "z3" in v.by
    v = prove_equal(sigmoid_prime(x), sigmoid(x) * (1 - sigmoid(x)))
    assert v.proved and v.certificate == Kind.IDENTITY
    v = prove_positive(x - 1, [x > 0])
    assert v.status == "refuted" and v.certificate == Kind.COUNTEREXAMPLE
    assert len(repr(v)) < 200 and "refuted" in repr(v)


def test_a_counterexample_satisfies_the_assumptions_exactly():
    v = prove_positive(8 * x - 1, [x > sp.Rational(123456789, 987654321)])   # just below 1/8
    assert v.status == "refuted"
    value = v.witness[x]
    assert value > sp.Rational(123456789, 987654321) and 8 * value - 1 <= 0


def test_contradictory_assumptions_are_vacuous_for_every_primitive():
    bad = [x > 1, x < 0]
    for v in (prove_equal(x, x + 1, bad), prove_positive(x, bad), prove_negative(x, bad),
              prove_nonzero(x, bad), prove_limit(1 / p, p, sp.oo, 0, bad)):
        assert v.status == "vacuous" and not v.proved and v.counterexample is None


def test_a_sign_of_a_plain_symbol_is_refused():
    w = sp.Symbol("w")
    v = prove_positive(w**2 + 1)
    assert not v.proved and "complex" in v.reason
    assert_proved(prove_positive(w**2 + 1, [w > -5]))   # an order relation makes w real


def test_a_limit_is_two_sided_unless_asked():
    assert_rejected(prove_limit(1 / x, x, 0, sp.oo), "refuted")
    assert_proved(prove_limit(1 / x, x, 0, sp.oo, direction="+"))
    assert_proved(prove_limit(1 / x, x, 0, sp.oo, [x > 0]))


@pytest.mark.slow
def test_z3_is_imported_only_when_a_claim_needs_it():
    import subprocess
    import sys
    code = ("import sys, sympy as sp; from derivations.proof import prove_equal; "
            "x = sp.Symbol('x', real=True); prove_equal((x + 1)**2, x**2 + 2*x + 1); "
            "print('z3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_alarm_after_cuts_a_block_short_and_never_nests():
    """One alarm mechanism for the search's forms and the checker's --budget: it raises the given
    error after its time, sets nothing where another alarm runs, and leaves no alarm behind."""
    import signal
    import time

    import pytest
    from derivations.proof import alarm_after

    class Late(Exception):
        pass
    started = time.monotonic()
    with pytest.raises(Late):
        with alarm_after(0.2, Late):
            while True:
                pass
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    with alarm_after(0.2, Late):
        with alarm_after(0.05, Late):       # nested: no second alarm, the outer one stands
            time.sleep(0.1)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert time.monotonic() - started < 60      # it ended: a hang is what this bounds, not speed
