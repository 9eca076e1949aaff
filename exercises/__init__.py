"""Every exercise and claim of Nielsen's chapter 3 (cross-entropy, softmax) as a checked proof,
the LaTeX document, and checks of a learner's own work.

    claims/     one module per claim: its `Claim` and `prove(proof, **variant)`
    registry    the claims in the chapter's order; `all_claims()`, `get(id)`, `ids()`
    proof       Claim, Statement, Proof and Result: how a proof is built (each step's check
                derived from its statement) and its verdict read off
    lemmas      the lemmas proofs rest on: formal hypotheses, checked; conclusions, computed
    shared_steps  statements and proof steps several claims take
    runner      proves claims, in worker processes, for `nndl prove`, the document and the benchmark
    document/   the LaTeX document (`nndl latex`)
    check/      code and formulas held against the derivations

From Python:

    from exercises import all_claims, get
    result = get("softmax-temperature").run()
    print(result.explain())
"""
from exercises.registry import all_claims, get, ids

__all__ = ["all_claims", "get", "ids"]
