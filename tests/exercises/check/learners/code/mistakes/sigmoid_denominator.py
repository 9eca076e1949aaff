"""A sigmoid with 1 - e^(-z) in the denominator."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 - np.exp(-z))
