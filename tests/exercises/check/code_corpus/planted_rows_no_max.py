# PLANTED BUG (this corpus): no max subtracted in the softmax.
# Modelled on oceansofvectors/neural_network, helpers.py (GitHub; no licence seen): a softmax of
# a batch of rows and a categorical cross-entropy taking the targets first (y_true, y_pred),
# averaged over the rows. Paraphrased for this corpus, not copied.
import numpy as np


def softmax(x):
    shifted = np.exp(x)
    return shifted / np.sum(shifted, axis=1, keepdims=True)


def categorical_cross_entropy(y_true, y_pred):
    return -np.mean(np.sum(y_true * np.log(y_pred), axis=1))
