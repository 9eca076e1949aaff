# Modelled on CS231n-style softmax classifiers (cs231n.github.io, "Softmax classifier"; learners'
# assignment repositories on GitHub): a loss of a batch of scores (one row per example) and class
# indices that calls the file's softmax on the whole batch. Written for this corpus.
import numpy as np


def softmax(scores):
    exps = np.exp(scores - np.max(scores, axis=1, keepdims=True))
    return exps / np.sum(exps, axis=1, keepdims=True)


def cross_entropy(scores, labels):
    """Mean negative log-likelihood of a batch: scores (N, C), labels (N,) class indices."""
    n = scores.shape[0]
    probs = softmax(scores)
    return -np.mean(np.log(probs[np.arange(n), labels]))
