"""A learner's output layer in the style of Nielsen's network2.py, written for nndl check's tests:
the sigmoid and its derivative, a softmax that takes one example or a batch of rows, and three
costs as classes with `fn` (the cost of one example) and `delta` (its output error)."""
import numpy as np


def sigmoid(z):
    """The sigmoid function."""
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    """Derivative of the sigmoid function."""
    return sigmoid(z) * (1 - sigmoid(z))


def softmax(z):
    """The softmax of one example's logits, or of each row of a batch."""
    shifted = z - np.max(z, axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=-1, keepdims=True)


def log_softmax(z):
    """ln softmax(z), from the shifted logits (each row of a batch on its own)."""
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


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
        np.nan_to_num makes 0 log 0 count as 0."""
        return np.sum(np.nan_to_num(-y * np.log(a) - (1 - y) * np.log(1 - a)))

    @staticmethod
    def delta(z, a, y):
        """Return the error delta from the output layer: sigma'(z) has cancelled."""
        return a - y


class LogLikelihoodCost(object):
    """The log-likelihood cost with softmax outputs, y one-hot."""

    @staticmethod
    def fn(a, y):
        return -np.sum(y * np.log(a))

    @staticmethod
    def delta(z, a, y):
        return a - y


def feedforward(weights, biases, a):
    """Not a formula nndl check knows: it is listed, not checked."""
    for w, b in zip(weights, biases):
        a = sigmoid(np.dot(w, a) + b)
    return a
