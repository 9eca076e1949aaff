"""Code and formulas held against the derivations: the project's own NumPy code (for the
document), and a learner's work.

A learner's derivations (`nndl check FILE.md|.tex|.ipynb`): `derivations` (check_text,
check_files, the Report), `extract` (displays -> chains of parts), `latex` (SymPy's Lark LaTeX
grammar extended for the chapter's notation), `contexts` (each exercise's definitions and
claims), `meaning` (a formula in the exercise's variables; `judge`, the one call to the proof
primitives), `checker` (one chain, step by step), `hints`, `pytest_plugin` (pytest --nndl-check),
`bench`.
"""
