"""The log-likelihood cost's delta with its sign the wrong way round."""
import numpy as np


def softmax(z):
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return np.exp(shifted) / np.sum(np.exp(shifted), axis=-1, keepdims=True)


class LogLikelihoodCost(object):

    @staticmethod
    def fn(a, y):
        return -np.sum(y * np.log(a))

    @staticmethod
    def delta(z, a, y):
        return y - a
