"""sigma' written as a (1 - a), then called with z."""
import numpy as np


def sigmoid_prime(z):
    return z * (1 - z)
