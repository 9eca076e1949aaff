# Modelled on waasnipun/ai_hand_written_scratch, CrossEntropyCost.py (GitHub; no licence seen):
# Nielsen's CrossEntropyCost written without @staticmethod and without self, called on the class
# (CrossEntropyCost.fn(a, y)). Paraphrased for this corpus, not copied.
import numpy as np
class CrossEntropyCost(object):
    def fn(a, y):
        return np.sum(np.nan_to_num(-y * np.log(a) - (1 - y) * np.log(1 - a)))
    def delta(z, a, y):
        return (a - y)
