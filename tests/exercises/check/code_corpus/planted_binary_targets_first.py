# PLANTED BUGS (this corpus): sigmoid with e^(+z); the cost without its minus sign.
# Modelled on learners' chapter-3 exercise code (the binary cross-entropy C = -sum_j [y_j ln a_j +
# (1 - y_j) ln(1 - a_j)] written with the targets first, as in Andrew Ng's deep-learning course's
# compute_cost(A, Y) and several NNDL solution repositories). Written for this corpus.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(z))


def cross_entropy(y, a):
    """Cross-entropy cost of one example.

    y: targets, a: sigmoid outputs.
    """
    return np.sum(y * np.log(a) + (1 - y) * np.log(1 - a))


def cross_entropy_delta(y, a):
    """dC/dz for sigmoid outputs: the sigma' factor cancels."""
    return a - y
