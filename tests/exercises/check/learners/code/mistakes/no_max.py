"""A softmax that takes e^z of the logits as they are."""
import numpy as np


def softmax(z):
    return np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)
