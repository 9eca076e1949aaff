# Modelled on learners' NNDL chapter-3 code that adds a softmax output layer to network2.py
# (column vectors of shape (n, 1), one example at a time; e.g. the softmax exercise solutions on
# GitHub). Written for this corpus.
import numpy as np


def softmax(z):
    """Softmax of the weighted inputs z of the output layer, a column vector."""
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


class LogLikelihoodCost(object):

    @staticmethod
    def fn(a, y):
        """-ln a_y for the one-hot desired output y."""
        return -np.log(a[np.argmax(y)]).item()

    @staticmethod
    def delta(z, a, y):
        return a - y
