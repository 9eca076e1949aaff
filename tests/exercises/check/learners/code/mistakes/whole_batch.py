"""A softmax for a batch of rows that normalises over the whole batch."""
import numpy as np


def softmax(z):
    """z: a batch of logits, one example per row."""
    exps = np.exp(z - np.max(z))
    return exps / np.sum(exps)
