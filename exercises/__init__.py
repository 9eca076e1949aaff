"""Every exercise and claim of Nielsen's chapter 3 (cross-entropy, softmax) as a checked proof.

Each claim is one module with a `CLAIM`: its id, title, statement, source and expected verdict,
and `prove(**variant)`, which builds the proof from the primitives of `derivations.proof` and
returns a `Result` (verdict, steps renderable to LaTeX, lemmas, counterexample). From Python:

    from exercises import claims, get
    result = get("softmax-temperature").run()
    print(result.explain())

From the shell: `nndl prove`, `nndl prove --only ID`, `nndl prove --explain ID`.
"""
from exercises.registry import claims, get, ids

__all__ = ["claims", "get", "ids"]
