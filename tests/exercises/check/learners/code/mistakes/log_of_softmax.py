"""The log-softmax as the logarithm of a (stable) softmax."""
import numpy as np


def log_softmax(z):
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return np.log(np.exp(shifted) / np.sum(np.exp(shifted), axis=-1, keepdims=True))
