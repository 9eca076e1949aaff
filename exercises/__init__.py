"""Every exercise and claim of Nielsen's chapter 3 (cross-entropy, softmax) as a checked proof.

Each claim is one module with a `CLAIM`: its id, title, statement, source and expected verdict,
and `prove(**variant)`, which builds the proof from the primitives of `derivations.proof` and
returns a `Result` (verdict, steps renderable to LaTeX, lemmas, counterexample). From Python:

    from exercises import claims, get
    result = get("softmax-temperature").run()
    print(result.explain())

From the shell: `nndl prove`, `nndl prove --only ID`, `nndl prove --explain ID`.
"""
__all__ = ["claims", "get", "ids"]


def __getattr__(name: str):
    """The registry loads (with SymPy) on first use, so `nndl --help` stays quick."""
    if name not in __all__:
        raise AttributeError(f"module 'exercises' has no attribute {name!r}")
    from exercises import registry
    return getattr(registry, name)
