"""Code and formulas held against the derivations: the project's own NumPy code (for the
document), and a learner's work."""
