"""Statements: SymPy propositions (Eq, Ne, Gt, Ge, Lt, Le, And, Implies, Eq(Limit(f, x, p, dir), L))
in words and LaTeX, and when two of them are the same.

Two statements are the same up to the names of bound indices (canonical_indices), the order of an
equation's sides and how a relation is written (a > b, b < a, a - b > 0): `normal`, `same_statement`.
"""
from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.notation import tex, tex_inline, text, why_text

RELATION_TEXT = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤", ">": ">", "<": "<"}
RELATIONS = (sp.Eq, sp.Ne, sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan)

# ============================================================================ statements in words

def statement_text(st) -> str:
    """A proposition on one line, in the chapter's notation."""
    if isinstance(st, sp.Implies):
        return f"if {_conditions_text(st.args[0])}: {statement_text(st.args[1])}"
    if isinstance(st, sp.Equivalent):
        return " ⟺ ".join(statement_text(a) for a in st.args)
    if isinstance(st, sp.And):
        return "; ".join(statement_text(a) for a in st.args)
    if isinstance(st, sp.Or):
        return " or ".join(statement_text(a) for a in st.args)
    if isinstance(st, sp.Rel):
        return f"{text(st.lhs)} {RELATION_TEXT.get(st.rel_op, st.rel_op)} {text(st.rhs)}"
    return text(st)


def _conditions_text(cond) -> str:
    """Conditions in words: 0 < y < 1 for (y > 0) & (y < 1), else joined by 'and'."""
    from derivations.notation import bounds_chain
    if isinstance(cond, sp.And):
        chain = bounds_chain(cond)
        if chain is not None:
            return why_text("$" + chain + "$")
        return " and ".join(_conditions_text(c) for c in cond.args)
    return statement_text(cond)


def statement_tex(st) -> str:
    """A proposition in LaTeX, in the chapter's notation."""
    if isinstance(st, sp.Implies):
        return rf"{statement_tex(st.args[0])} \implies {statement_tex(st.args[1])}"
    if isinstance(st, sp.Equivalent):
        return r" \iff ".join(statement_tex(a) for a in st.args)
    if isinstance(st, sp.And):
        from derivations.notation import bounds_chain
        chain = bounds_chain(st)
        return chain if chain is not None else r",\quad ".join(statement_tex(a) for a in st.args)
    if isinstance(st, sp.Or):
        return r" \text{ or } ".join(statement_tex(a) for a in st.args)
    return tex(st)



def names_in(e) -> set:
    """The symbols, families and functions e names (a family's label is not a symbol of its own)."""
    bare = set()

    def walk(x):
        if isinstance(x, sp.IndexedBase):
            return
        if isinstance(x, sp.Symbol):
            bare.add(x)
        for arg in x.args:
            walk(arg)
    walk(e)
    symbols = {s_ for s_ in e.free_symbols if s_ in bare}
    return symbols | e.atoms(sp.IndexedBase) | {f.func for f in e.atoms(AppliedUndef)}


_NORMAL: dict = {}


def normal(rel):
    """A relation as (kind, difference), the difference expanded and its bound indices renamed
    canonically: a > b, b < a and a - b > 0 have one normal form. None for what is not a relation.
    Memoised: the checks compare every statement with the earlier ones."""
    if not isinstance(rel, RELATIONS):
        return None
    if rel not in _NORMAL:
        if len(_NORMAL) > 20000:
            _NORMAL.clear()
        _NORMAL[rel] = _normal(rel)
    return _NORMAL[rel]


_SIGNATURE: dict = {}


def _signature(rel) -> tuple:
    """What two relations must share to be the same: their kind up to direction, and the names
    in them (a cheap test before the normal forms). Memoised, as `normal` is."""
    if rel not in _SIGNATURE:
        if len(_SIGNATURE) > 20000:
            _SIGNATURE.clear()
        _SIGNATURE[rel] = _signature_uncached(rel)
    return _SIGNATURE[rel]


def _signature_uncached(rel) -> tuple:
    kind = {"<": ">", "<=": ">="}.get(rel.rel_op, rel.rel_op)
    names = frozenset(x for x in rel.atoms(sp.Symbol, sp.IndexedBase) if not isinstance(x, sp.Dummy)
                      and not str(x).startswith("iota_")) - _bound_names(rel)
    return kind, names


def _bound_names(e) -> frozenset:
    return frozenset(v for s in e.atoms(sp.Sum, sp.Product, sp.Limit) for v in
                     ([s.args[1]] if isinstance(s, sp.Limit) else [lim[0] for lim in s.limits]))


def _normal(rel):
    if isinstance(rel, (sp.StrictLessThan, sp.LessThan)):
        kind, diff = (">" if isinstance(rel, sp.StrictLessThan) else ">="), rel.rhs - rel.lhs
    else:
        kind, diff = rel.rel_op, rel.lhs - rel.rhs
    if isinstance(rel, sp.Eq) and any(isinstance(s, sp.Limit) for s in rel.args) or \
            any(s in (sp.oo, -sp.oo) for s in rel.args):
        return kind, (canonical_indices(rel.lhs), canonical_indices(rel.rhs))
    try:
        return kind, canonical_indices(sp.expand(diff))
    except Exception:          # SymPy cannot expand it: compare as written
        return kind, canonical_indices(diff)


def same_statement(p, q) -> bool:
    """p and q are the same proposition up to the names of bound indices, the order of an
    equation's sides, and how a relation is written (a > b as b < a, as a - b > 0)."""
    if p == q:
        return True
    logic = (sp.And, sp.Implies, sp.Or, sp.Equivalent)
    if isinstance(p, logic) or isinstance(q, logic):
        if type(p) is not type(q) or len(p.args) != len(q.args):
            return False
        if isinstance(p, sp.Implies):
            return same_statement(p.args[0], q.args[0]) and same_statement(p.args[1], q.args[1])
        return all(any(same_statement(a, b) for b in q.args) for a in p.args) and \
            all(any(same_statement(a, b) for b in p.args) for a in q.args)
    if not isinstance(p, RELATIONS) or not isinstance(q, RELATIONS) or _signature(p) != _signature(q):
        return False
    np_, nq = normal(p), normal(q)
    if np_ is None or nq is None or np_[0] != nq[0]:
        return False
    if np_[1] == nq[1]:
        return True
    if not all(isinstance(d, (sp.Expr, tuple)) for d in (np_[1], nq[1])):
        return False
    if isinstance(np_[1], tuple) or isinstance(nq[1], tuple):
        return isinstance(np_[1], tuple) and isinstance(nq[1], tuple) and np_[0] == "==" and np_[1] == nq[1][::-1]
    try:
        return np_[0] in ("==", "!=") and sp.expand(np_[1] + nq[1]) == 0
    except TypeError:          # sides SymPy cannot add (booleans inside): not the same
        return False



def parts(st) -> list:
    """The conjuncts of a statement (itself when it is not an And)."""
    return list(st.args) if isinstance(st, sp.And) else [st]


def antecedents(cond) -> list:
    return list(cond.args) if isinstance(cond, sp.And) else [cond]


def index_symbols(e) -> set:
    """The free integer symbols used as indices in e (j in dC/dz_j, k in delta_jk), not those
    bound by a sum. (SymPy's free_symbols leaves out a derivative's variables.)"""
    bound = {v for s in e.atoms(sp.Sum, sp.Product) for v, *_ in s.limits}
    found = set()
    for x in e.atoms(sp.Indexed):
        found |= {t for idx in x.indices for t in idx.atoms(sp.Symbol)}
    for x in e.atoms(sp.KroneckerDelta):
        found |= {t for arg in x.args for t in arg.atoms(sp.Symbol)}
    return {s for s in found if s.is_integer and s not in bound}


def rename(expr, renaming: dict):
    """expr with variables renamed: {Symbol: expression} and {IndexedBase: f(indices) -> expression}
    (a_j -> a_jx for example x: the family with as many indices as f takes, no other). Relations
    are rebuilt side by side, never evaluated."""
    import inspect
    families = {k: v for k, v in renaming.items() if isinstance(k, sp.IndexedBase)}
    arity = {k: sum(p.default is inspect.Parameter.empty for p in inspect.signature(f).parameters.values())
             for k, f in families.items()}
    symbols = {k: v for k, v in renaming.items() if not isinstance(k, sp.IndexedBase)}

    def one(e):
        if families:
            e = e.replace(lambda x: isinstance(x, sp.Indexed) and x.base in families and len(x.indices) == arity[x.base],
                          lambda x: families[x.base](*x.indices))
        return e.xreplace(symbols) if symbols else e
    if isinstance(expr, (sp.And, sp.Or, sp.Implies, sp.Equivalent, sp.Not)):
        return expr.func(*(rename(x, renaming) for x in expr.args), evaluate=False)
    return on_sides(expr, one)


def on_sides(rel, fn):
    """A relation with fn applied to each side, never evaluated by SymPy on the way."""
    if isinstance(rel, sp.Rel):
        return rel.func(fn(rel.lhs), fn(rel.rhs), evaluate=False)
    return fn(rel)


def why_words(parts) -> str:
    """Words with SymPy parts as inline LaTeX math, $...$."""
    return "".join(f"${tex_inline(p)}$" if isinstance(p, sp.Basic) else p
                   for p in (parts if isinstance(parts, (list, tuple)) else [parts]))


def tex_text(s: str) -> str:
    """Escape plain text for \\text{...}; $...$ inside it stays math."""
    out, math = [], False
    for ch in s:
        if ch == "$":
            math = not math
            out.append(ch)
        elif not math and ch in "&%#_{}":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)

def canonical_indices(expr):
    """Every bound summation index named by its nesting depth, so sums equal up to the name of
    their index become identical (sum_i e^(z_i) and sum_ell e^(z_ell)). The new name keeps the
    index's assumptions exactly (an integer m over -n..n is not made positive), and its range."""
    def walk(e, depth):
        if isinstance(e, (sp.Sum, sp.Product)) and len(e.limits) == 1:
            v, lo, hi = e.limits[0]
            fresh = sp.Symbol(f"iota_{depth}", **v.assumptions0)
            return e.func(walk(e.function.xreplace({v: fresh}), depth + 1), (fresh, lo, hi))
        if not e.args or isinstance(e, (sp.Symbol, sp.Indexed)):
            return e if not isinstance(e, sp.Indexed) else e.func(e.base, *(walk(t, depth) for t in e.indices))
        return e.func(*(walk(arg, depth) for arg in e.args))
    return walk(expr, 0)

