"""sigma' with its sign lost: sigma(z)(sigma(z) - 1)."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (sigmoid(z) - 1)
