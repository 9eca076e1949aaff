"""The trusted kernel: the only code that makes a proved (or refuted) verdict.

Everything else (SymPy's simplify, limit and diff, the lemma library, the proof layer, the
learner checker, the numeric oracle) only *searches*: it proposes a certificate, and a function
of this package re-checks it. What is believed: z3's unsat answers on the kernel's own
translation, Arb's enclosures (python-flint), SymPy's polynomial arithmetic over the rationals,
and the rules below, each with its side conditions checked here.
"""
from derivations.kernel.propositions import Independent, IsInteger, Proposition
from derivations.kernel.rules import (Rule, alpha, by_earlier, by_hypothesis, by_rule, conjunction, follows, implied,
                                     is_kernel_proved, reflexivity, structural, undecided)
from derivations.kernel.verdict import WORDS, Kind, KernelError, Status, Verdict

__all__ = ["Independent", "IsInteger", "Kind", "KernelError", "Proposition", "Rule", "Status", "Verdict", "WORDS",
           "alpha", "by_earlier", "by_hypothesis", "by_rule", "conjunction", "follows", "implied", "is_kernel_proved",
           "reflexivity", "structural", "undecided"]
