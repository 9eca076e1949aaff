"""What `nndl exercises` shows of each exercise: the notation a chain is read in, and a template
of a chain that `nndl check` accepts, made from the exercise's own targets (exercises.check.contexts).

    template(claim_id) -> str      a Markdown solution: the marker, its conditions, one chain

The template is the shortest chain `nndl check` judges: the first equation the exercise asks
for, one with no condition of its own where there is one (else its first relation), from its
left side to its right side, in the chapter's LaTeX (the printer `nndl derive`
uses). A learner starts from the left side and writes each step on a line of its own (`&= ...`), up
to the right side. The tests check every template.
"""
from __future__ import annotations

import sympy as sp


def _index_for_sums(statement):
    """The softmax normaliser's index ell written as a plain index letter (k, else i), as a
    learner writes the sum."""
    from derivations.symbols import ell, i, k
    names = {s.name for s in statement.atoms(sp.Symbol)}
    if ell not in statement.atoms(sp.Symbol):
        return statement
    for letter in (k, i):
        if letter.name not in names:
            return statement.xreplace({ell: letter})
    return statement


def chain_tex(statement) -> str:
    """The aligned chain `lhs &= rhs` (or >, <, ...) of a target statement, in the chapter's LaTeX."""
    from derivations.notation import RELATIONS, tex
    statement = _index_for_sums(statement)
    return f"{tex(statement.lhs)} &{RELATIONS[statement.rel_op]} {tex(statement.rhs)}"


def template(claim_id: str) -> str:
    """A Markdown solution of the exercise that `nndl check FILE.md` reads as it: the marker, the
    conditions of the target it ends at (each "If ...:" line is assumed), and the chain."""
    from derivations.notation import tex
    from exercises.check.contexts import by_id
    ctx = by_id(claim_id)
    relations = [t for t in ctx.targets if isinstance(t.statement, sp.Rel)]
    if not relations:
        return ""
    target = min(relations, key=lambda t: (not isinstance(t.statement, sp.Eq), bool(t.conditions)))
    standing = set(ctx.assumptions)
    conditions = [c for c in target.conditions if c not in standing]
    lines = [f"<!-- nndl: {claim_id} -->"]
    lines += [f"If ${tex(c)}$:" for c in conditions]
    lines += ["$$", r"\begin{aligned}", chain_tex(target.statement), r"\end{aligned}", "$$"]
    return "\n".join(lines) + "\n"


def notation(claim_id: str) -> tuple[str, ...]:
    """What a chain of this exercise is read with: its definitions and standing assumptions."""
    from exercises.check.contexts import by_id
    return tuple(by_id(claim_id).standing)
