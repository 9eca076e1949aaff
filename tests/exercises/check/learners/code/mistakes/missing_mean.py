"""A batch cost that forgets to divide by the number of examples."""
import numpy as np


def quadratic_cost(a, y):
    """The mean quadratic cost over a batch of examples, one per row."""
    return 0.5 * np.sum((a - y) ** 2)
