# Modelled on the utils.py softmax seen in several repositories (e.g. orris27/deeplearning-simple-
# implementation and Priyanshu-pg/Program-Synthesis-using-PG on GitHub; no licence seen): one max
# for the whole array and a sum over axis 0. Paraphrased for this corpus, not copied.
import numpy as np


def softmax(x):
    e = np.exp(x - np.max(x))  # avoids overflow
    return e / e.sum(axis=0)
