"""A sigmoid with e^z where e^(-z) belongs."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(z))
