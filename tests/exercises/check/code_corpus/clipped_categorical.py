# Modelled on Mateorovere/CNN-From-Scratch, layers/losses.py (GitHub; no licence seen): a
# categorical cross-entropy of (y_true, y_pred) that clips the predictions at 1e-12, and its
# derivative with respect to the softmax's input. Paraphrased for this corpus, not copied.
import numpy as np


def categorical_cross_entropy(y_true, y_pred):
    # clip so that log never sees 0
    eps = 1e-12
    y_pred = np.clip(y_pred, eps, 1.0 - eps)
    return -np.sum(y_true * np.log(y_pred))


def categorical_cross_entropy_prime(y_true, y_pred):
    return y_pred - y_true  # the softmax's Jacobian folded in
