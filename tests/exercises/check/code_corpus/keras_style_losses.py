# Modelled on a losses.py of a from-scratch Keras-like library on GitHub (no licence seen):
# mean_squared_error, binary_cross_entropy and categorical_cross_entropy of (y_true, y_pred) with
# predictions clipped at 1e-15. Two are the source's slips: the binary one takes log(y_pred) in
# both terms, the categorical one averages over the classes as well. Paraphrased, not copied.
import numpy as np

EPS = 1e-15


def binary_cross_entropy(y_true, y_pred):
    # keep log away from 0
    y_pred = np.clip(y_pred, EPS, 1 - EPS)
    return -np.mean((y_true * np.log(y_pred)) + ((1 - y_true) * np.log(y_pred)))


def categorical_cross_entropy(y_true, y_pred):
    y_pred = np.clip(y_pred, EPS, 1 - EPS)
    return -np.mean(y_true * np.log(y_pred))
