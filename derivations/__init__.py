"""Symbolic derivations: likelihood models -> costs -> output-layer gradients, and the proof
primitives every verdict in the project comes from.

The package imports nothing itself (its two plain modules, `errors` and `files`, serve the NumPy
code without SymPy); import what you use from its modules:

    symbols      the chapter's notation: a_j, z_j, y_j, w_jk, b_j, n, C, ...
    notation     how formulas are printed, in LaTeX and in plain text
    activations  identity, sigmoid, softmax (and the softmax Jacobian)
    models       Gaussian, Bernoulli, categorical: each derives its cost
    pairings     the table of (cost, output activation) pairings and their output errors
    steps        Step and Derivation: the form every derivation and proof is written in
    proof        the proof primitives (prove, prove_equal, prove_positive, ...) and Verdict
    domain       what the assumptions allow, exactly; contradictory ones are "vacuous"
    decide       decision procedures for polynomial sign claims (real-root isolation, z3)
    limits       limits by the limit laws and dominant terms
    oracle       the independent numeric oracle the primitives consult
    errors       NndlError, the one error type for bad input (no SymPy)
    files        atomic_file, the one way the project writes a file; Temporary, what a run makes
                 for a while, removed however it ends, Ctrl-C included (no SymPy)
"""
