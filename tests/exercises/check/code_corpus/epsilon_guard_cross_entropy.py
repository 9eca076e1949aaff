# Modelled on sapt3/Cost-Function-Analyser, cross_entropy_loss.py (GitHub; no licence seen): a
# cross-entropy of a batch of predicted probabilities (one row per example) and one-hot targets,
# with 1e-5 added inside the logarithm and the sum divided by the number of rows.
# Paraphrased for this corpus (the source's module-level demo left out), not copied.
import numpy as np


def cross_entropy(predictions, targets, epsilon=1e-10):
    n = predictions.shape[0]
    return -np.sum(targets * np.log(predictions + 1e-5)) / n
