# PLANTED BUG (this corpus): CrossEntropyCost.delta keeps the sigma prime factor.
# Modelled on Michael Nielsen's network2.py (github.com/mnielsen/neural-networks-and-deep-learning,
# src/network2.py, MIT licence) as its Python 3 ports write it (e.g. MichalDanielDobrzanski/
# DeepLearningPython): the two cost classes and the sigmoid helpers, column vectors of shape (n, 1).
# Paraphrased for this corpus, not copied; the conventions and the arithmetic are the source's.
import json
import random
import sys

import numpy as np


class QuadraticCost(object):

    @staticmethod
    def fn(a, y):
        """Return the cost associated with an output ``a`` and desired output ``y``."""
        return 0.5 * np.linalg.norm(a - y) ** 2

    @staticmethod
    def delta(z, a, y):
        """Return the error delta from the output layer."""
        return (a - y) * sigmoid_prime(z)


class CrossEntropyCost(object):

    @staticmethod
    def fn(a, y):
        """Return the cost associated with an output ``a`` and desired output ``y``.
        np.nan_to_num turns the nan of 0 * log(0) into 0.0."""
        return np.sum(np.nan_to_num(-y * np.log(a) - (1 - y) * np.log(1 - a)))

    @staticmethod
    def delta(z, a, y):
        """Return the error delta from the output layer. ``z`` is not used: it keeps the
        interface the same as the other cost classes'."""
        return (a - y) * sigmoid_prime(z)


def vectorized_result(j):
    e = np.zeros((10, 1))
    e[j] = 1.0
    return e


def sigmoid(z):
    """The sigmoid function."""
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    """Derivative of the sigmoid function."""
    return sigmoid(z) * (1 - sigmoid(z))
