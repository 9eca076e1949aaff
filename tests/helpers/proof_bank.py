"""What the adversarial banks of the proof layer share (tests/exercises/test_proof_layer_bank.py,
test_proof_layer_rules_bank.py, tests/derivations/test_proof_adversarial_bank.py): relations kept
as written, a lemma's instance in SymPy's numbers, and the verdict of a small proof built with the
public API (exercises.proof)."""
from __future__ import annotations

import functools

import sympy as sp

from exercises.proof import Proof, Statement
from proof_tampering import TamperedProof


# The letters both proof-layer banks use with the same assumptions (each bank declares its others).
x, t, u = sp.symbols("x t u", real=True)
s_ = sp.Symbol("s", real=True)
r = sp.Symbol("r", integer=True, positive=True)
w = sp.IndexedBase("w", real=True)
F = sp.Function("F", real=True)


# Relations as written: SymPy does not decide them on the spot (evaluate=False), so that a false
# one reaches the proof, which must not prove it, instead of becoming sympy.false.
gt, ge, lt, le, eq, ne, implies = (functools.partial(relation, evaluate=False)
                                   for relation in (sp.Gt, sp.Ge, sp.Lt, sp.Le, sp.Eq, sp.Ne, sp.Implies))


def sympified(instance: dict) -> dict:
    """A lemma's instance with its Python numbers made SymPy numbers (what Lemma.conclusion takes)."""
    return {key: sp.sympify(value) if isinstance(value, (int, float)) else value for key, value in instance.items()}


def run(proposition, prove, *, hypotheses=(), given=(), notation=(), refutes=False, ranges=None, premises=(),
        tamper=None):
    """The verdict of `prove(proof, statement)` on a claim of `proposition` (the proof a
    TamperedProof when `tamper`, a proof_tampering.Tamper, is given)."""
    statement = Statement(proposition, tuple(hypotheses), tuple(given), tuple(notation), {}, ranges,
                          refutes=refutes, premises=tuple(premises))
    proof = Proof("bank", statement) if tamper is None else TamperedProof("bank", statement, tamper)
    prove(proof, statement)
    return proof.conclude().verdict
