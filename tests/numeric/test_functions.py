"""numeric.functions: values, stability for any finite input (+-1e300 included), clear errors."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from derivations.errors import NndlError
from numeric.functions import (binary_cross_entropy, sigmoid_cross_entropy, categorical_cross_entropy,
                               log_sigmoid, log_softmax, quadratic_cost, sigmoid, sigmoid_prime, softmax)

ANY_FLOAT = st.floats(allow_nan=False, allow_infinity=False)          # the whole finite range
MODERATE = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False)
logit_rows = hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=12),
                        elements=ANY_FLOAT)
moderate_rows = hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=12),
                           elements=MODERATE)


# --- sigmoid ---------------------------------------------------------------------------------

def test_sigmoid_values_against_math():
    for z in (-700.0, -40.0, -1.5, 0.0, 2.0, 40.0):
        exact = 1 / (1 + math.exp(-z)) if z > -600 else math.exp(z)
        assert sigmoid(np.array(z)) == pytest.approx(exact, rel=1e-14, abs=0)


def test_sigmoid_at_extremes_is_exact_and_quiet():
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # any overflow warning would raise here (the function silences its own)
        a = sigmoid(np.array([-1e300, -800.0, 0.0, 800.0, 1e300]))
    assert a.tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
    assert sigmoid(np.float32(-1e30)).dtype == np.float32


def test_sigmoid_prime_is_accurate_in_the_tails():
    z = np.array([-50.0, -40.0, 0.0, 40.0, 50.0])
    expected = np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))) ** 2
    np.testing.assert_allclose(sigmoid_prime(z), expected, rtol=1e-13)
    assert sigmoid_prime(np.array([1e300, -1e300])).tolist() == [0.0, 0.0]


@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2), elements=ANY_FLOAT))
def test_sigmoid_is_finite_in_unit_interval_and_symmetric(z):
    a = sigmoid(z)
    assert np.all((a >= 0) & (a <= 1))
    # sigma(z) + sigma(-z) = 1 within 4 ulps of 1 (each sigma rounds in exp, in 1 + e and in 1/x)
    np.testing.assert_allclose(a + sigmoid(-z), 1.0, rtol=0, atol=4 * np.finfo(float).eps)
    assert np.all(np.isfinite(sigmoid_prime(z)))


# --- softmax ---------------------------------------------------------------------------------

@given(logit_rows)
def test_softmax_sums_to_one_for_any_finite_logits(z):
    a = softmax(z)
    assert not np.isnan(a).any()
    assert np.all((a >= 0) & (a <= 1))
    np.testing.assert_allclose(a.sum(axis=-1), 1.0, rtol=0, atol=1e-14)


@given(moderate_rows, MODERATE)
def test_softmax_is_shift_invariant(z, c):
    np.testing.assert_allclose(softmax(z + c), softmax(z), rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(log_softmax(z + c), log_softmax(z), rtol=1e-10, atol=1e-11)


@given(logit_rows)
def test_log_softmax_is_log_of_softmax_where_that_is_finite(z):
    log_a = log_softmax(z)
    assert not np.isnan(log_a).any()
    assert np.all(log_a <= 0)
    with np.errstate(divide="ignore"):
        reference = np.log(softmax(z))
    finite = np.isfinite(reference) & (reference > -700)  # above that, softmax itself is subnormal
    np.testing.assert_allclose(log_a[finite], reference[finite], rtol=1e-12, atol=1e-15)


@given(logit_rows, st.integers(min_value=0, max_value=11))
def test_categorical_cross_entropy_is_finite_or_the_true_infinity(z, label):
    labels = np.full(z.shape[0], label % z.shape[1])
    c = categorical_cross_entropy(z, labels)
    assert not np.isnan(c) and c >= 0
    picked = log_softmax(z)[np.arange(z.shape[0]), labels]
    assert c == pytest.approx(-np.sum(picked / len(picked)), rel=1e-12)


def test_softmax_and_log_softmax_at_plus_minus_1e300_exactly():
    z = np.array([[1e300, -1e300, 0.0], [-1e300, -1e300, -1e300], [1e300, 1e300, -1e300]])
    assert softmax(z).tolist() == [[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.5, 0.0]]
    log_a = log_softmax(z)
    assert log_a[0].tolist() == [0.0, -2e300, -1e300]
    assert log_a[1] == pytest.approx([-math.log(3)] * 3, rel=1e-15)
    assert log_a[2].tolist() == [-math.log(2), -math.log(2), -2e300]
    assert categorical_cross_entropy(z, np.array([1, 0, 2])) == pytest.approx(
        (2e300 + math.log(3) + 2e300) / 3, rel=1e-15)


def test_cross_entropy_of_huge_logits_is_the_finite_mean():
    z = np.array([[1.5e308, -1.5e308], [1.5e308, -1.5e308]])
    assert categorical_cross_entropy(z, np.array([1, 1])) == math.inf  # each term is -3e308: truly beyond
    z = np.array([[0.0, -1.5e308], [0.0, -1.5e308]])
    assert categorical_cross_entropy(z, np.array([1, 1])) == 1.5e308     # the sum would overflow, the mean not


def test_softmax_near_the_float_limit_gives_the_rounded_values_quietly():
    z = np.array([1.7e308, -1.7e308, 1.7e308])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        assert softmax(z).tolist() == [0.5, 0.0, 0.5]
        assert log_softmax(z).tolist() == [-math.log(2), -math.inf, -math.log(2)]  # -3.4e308 rounds to -inf
    z32 = np.array([3e38, -3e38], dtype=np.float32)
    assert softmax(z32).tolist() == [1.0, 0.0] and softmax(z32).dtype == np.float32


def test_log_softmax_keeps_small_logs_of_probabilities_near_one():
    log_a = log_softmax(np.array([0.0, -50.0]))
    assert log_a[0] == pytest.approx(-math.exp(-50), rel=1e-14)  # ln(1 - e^-50), not 0
    assert log_a[1] == pytest.approx(-50 - math.exp(-50), rel=1e-15)


def test_softmax_along_another_axis_and_of_a_single_vector():
    z = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(softmax(z, axis=0), softmax(z.T).T, rtol=1e-15)
    np.testing.assert_allclose(softmax(np.array([1.0, 2.0])),
                               [1 / (1 + math.e), math.e / (1 + math.e)], rtol=1e-15)


# --- costs -----------------------------------------------------------------------------------

def test_quadratic_cost_is_half_the_mean_squared_distance():
    a = np.array([[0.2, 0.7], [1.0, 0.0]])
    y = np.array([[0.0, 1.0], [1.0, 1.0]])
    assert quadratic_cost(a, y) == pytest.approx(((0.04 + 0.09) + 1.0) / (2 * 2), rel=1e-15)
    assert quadratic_cost(np.array(0.82), np.array(0.0)) == pytest.approx(0.82 ** 2 / 2, rel=1e-15)


def test_binary_cross_entropy_values_and_limits():
    a = np.array([[0.9, 0.2], [0.5, 0.5]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    expected = -(math.log(0.9) + math.log(0.8) + 2 * math.log(0.5)) / 2
    assert binary_cross_entropy(a, y) == pytest.approx(expected, rel=1e-15)
    assert binary_cross_entropy(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]])) == 0.0  # 0 ln 0 = 0
    assert binary_cross_entropy(np.array([[0.0]]), np.array([[1.0]])) == math.inf   # the true cost


def test_log_sigmoid_against_mpmath_over_the_whole_range():
    import mpmath
    mpmath.mp.dps = 50
    for z in (-1e300, -800.0, -40.0, -1.0, 0.0, 1e-300, 2.5, 17.5, 40.0, 800.0, 1e300):
        exact = float(-mpmath.log1p(mpmath.exp(-mpmath.mpf(z))))
        assert log_sigmoid(np.array(z)) == pytest.approx(exact, rel=1e-15, abs=1e-300), z


def test_sigmoid_cross_entropy_is_the_cross_entropy_of_sigma_z():
    rng = np.random.default_rng(3)
    z, y = rng.normal(0, 4, (6, 5)), rng.uniform(0, 1, (6, 5))
    assert sigmoid_cross_entropy(z, y) == pytest.approx(binary_cross_entropy(sigmoid(z), y), rel=1e-12)


def test_sigmoid_cross_entropy_is_finite_where_float32_rounds_a_to_1():
    """sigma(20) is exactly 1 in float32, so ln(1 - a) = ln 0 from the outputs; from z it is -20."""
    z, y = np.array([[20.0, -3.0]], np.float32), np.array([[0.0, 0.0]], np.float32)
    assert sigmoid(z)[0, 0] == 1.0 and binary_cross_entropy(sigmoid(z), y) == math.inf
    exact = math.log1p(math.exp(20.0)) + math.log1p(math.exp(-3.0))
    assert sigmoid_cross_entropy(z, y) == pytest.approx(exact, rel=1e-6)


def test_categorical_cross_entropy_accepts_indices_and_one_hot():
    z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])
    labels = np.array([0, 2])
    expected = -np.mean([z[0, 0] - np.log(np.exp(z[0]).sum()), z[1, 2] - np.log(np.exp(z[1]).sum())])
    assert categorical_cross_entropy(z, labels) == pytest.approx(expected, rel=1e-14)
    assert categorical_cross_entropy(z, np.eye(3)[labels]) == pytest.approx(expected, rel=1e-14)
    assert categorical_cross_entropy(z[0], 0) == pytest.approx(-(z[0, 0] - np.log(np.exp(z[0]).sum())))


# --- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: sigmoid(np.array([0.0, np.nan])), "NaN or infinite"),
    (lambda: softmax(np.array([np.inf, 0.0])), "z contains 1 NaN or infinite"),
    (lambda: softmax(np.array(3.0)), "at least one axis"),
    (lambda: softmax(np.zeros((2, 3)), axis=2), "axis 2 is out of range"),
    (lambda: softmax(np.zeros((2, 0))), "no entries"),
    (lambda: softmax(np.array(["a"])), "real numbers"),
    (lambda: quadratic_cost(np.zeros((2, 3)), np.zeros((3, 2))), "same shape"),
    (lambda: quadratic_cost(np.zeros((1, 2, 3)), np.zeros((1, 2, 3))), "at most 2 axes"),
    (lambda: quadratic_cost(np.zeros((0, 3)), np.zeros((0, 3))), "no examples"),
    (lambda: binary_cross_entropy(np.array([[1.5]]), np.array([[1.0]])), "a must lie in [0, 1]"),
    (lambda: binary_cross_entropy(np.array([[0.5]]), np.array([[-1.0]])), "y must lie in [0, 1]"),
    (lambda: sigmoid_cross_entropy(np.array([[5.0]]), np.array([[2.0]])), "y must lie in [0, 1]"),
    (lambda: sigmoid_cross_entropy(np.zeros((2, 3)), np.zeros((3, 2))), "same shape"),
    (lambda: categorical_cross_entropy(np.zeros((2, 3)), np.array([0, 3])), "0..2"),
    (lambda: categorical_cross_entropy(np.zeros((2, 3)), np.array([-1, 0])), "0..2"),
    (lambda: categorical_cross_entropy(np.zeros((2, 3)), np.array([0.0, 1.0])), "integers"),
    (lambda: categorical_cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2])), "class indices or one-hot"),
    (lambda: categorical_cross_entropy(np.zeros((2, 3)), np.ones((2, 3))), "one-hot rows"),
    (lambda: categorical_cross_entropy(np.zeros((2, 3)), np.array([0, 1e400])), "NaN or infinite"),
    (lambda: categorical_cross_entropy(np.zeros((0, 3)), np.zeros(0, dtype=int)), "no examples"),
    (lambda: sigmoid(np.zeros(2), np.zeros(2)), "sigmoid"),
])
def test_bad_input_gives_a_clear_error(call, message):
    with pytest.raises(NndlError, match=None) as info:
        call()
    assert message in str(info.value)


@settings(max_examples=50)
@given(hnp.arrays(np.float64, st.integers(1, 8), elements=ANY_FLOAT))
def test_no_nan_anywhere_for_finite_input(z):
    assert not np.isnan(sigmoid(z)).any() and not np.isnan(sigmoid_prime(z)).any()
    assert not np.isnan(softmax(z)).any() and not np.isnan(log_softmax(z)).any()
    assert not np.isnan(categorical_cross_entropy(z[None, :], np.array([0])))
