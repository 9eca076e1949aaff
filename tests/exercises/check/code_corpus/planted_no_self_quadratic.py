# PLANTED BUG (this corpus): QuadraticCost.delta without its sigma prime factor.
# Modelled on waasnipun/ai_hand_written_scratch (GitHub; no licence seen): Nielsen's cost classes
# written without @staticmethod and without self. Paraphrased for this corpus, not copied.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class QuadraticCost(object):
    def fn(a, y):
        return 0.5 * np.linalg.norm(a - y) ** 2

    def delta(z, a, y):
        return (a - y)
