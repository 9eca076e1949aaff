"""da_j/dz_k = a_j (delta_jk - a_k); as a matrix diag(a) - a a^T, which equals
(a e^T) o (I - e a^T), with o the elementwise product and e the vector of ones.

All for a symbolic n: the entry by differentiating the softmax of a symbolic-length vector, the
matrix forms as SymPy matrix expressions of symbolic size n, compared entry (j, k) by entry: the
claim's notation says that the vector a has the entries a_1, ..., a_n and e has entries 1.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from derivations.activations import SOFTMAX
from derivations.steps import Definition
from derivations.symbols import a, j, k, n, z
from exercises.proof import Claim, Statement
from exercises.shared_steps import SOFTMAX as A_IS_SOFTMAX
from exercises.sources import ROELANTS, SOFTMAX_NUMPY, SOFTMAX_QA

a_vec = sp.MatrixSymbol("a", n, 1)
e_vec = sp.MatrixSymbol("e", n, 1)     # the vector of ones
I_n = sp.Identity(n)
J = sp.IndexedBase("J", real=True)     # the Jacobian, J_jk = da_j/dz_k


class diag(sp.DiagMatrix):
    """diag(a), the n x n matrix with a on its diagonal, printed as the texts write it."""

    def _latex(self, printer):
        return r"\operatorname{diag}(%s)" % printer._print(self.args[0])

    def _sympystr(self, printer):
        return "diag(%s)" % printer._print(self.args[0])


class entry(sp.Function):
    """Entry (row, col), counted from 1, of a matrix expression: kept as written until unfolded."""

    is_commutative = True

    def _latex(self, printer):
        m, r, c = self.args
        return r"\left(%s\right)_{%s %s}" % (printer._print(m), printer._print(r), printer._print(c))

    def _nndl_text(self, printer):
        m, r, c = self.args
        return f"({printer._print(m)})_{printer._print(r)}{printer._print(c)}"

    def _sympystr(self, printer):
        return self._nndl_text(printer)


@dataclass(frozen=True)
class Entries(Definition):
    """Notation: entry (j, k) of a matrix expression in a and e, 1-based, is written with a_j,
    delta_jk and 1 (a's entries are a_1..a_n, e's are 1)."""

    def occurs_in(self, present) -> bool:
        return any(issubclass(kind, entry) for kind in present.kinds)

    def replace(self, e):
        def element(x):
            if x.parent == e_vec:
                return sp.Integer(1)
            if x.parent == a_vec:
                return a[x.i + 1]
            return x

        def written(t):
            m, r, c = t.args
            value = m[r - 1, c - 1]     # 0-based inside SymPy: delta_(j-1)(k-1) is delta_jk
            value = value.replace(lambda d: isinstance(d, sp.KroneckerDelta),
                                  lambda d: sp.KroneckerDelta(d.args[0] + 1, d.args[1] + 1))
            return value.replace(lambda x: isinstance(x, MatrixElement), element)
        return e.replace(lambda t: isinstance(t, entry), written)

    @property
    def key(self):
        return a_vec

    def differentiates_by(self, d) -> bool:
        return False


ENTRIES = Entries(a_vec, sp.ImmutableMatrix([a[1], sp.Symbol("dots"), a[n]]))


def outer_form():
    return sp.MatAdd(diag(a_vec), -a_vec * a_vec.T, evaluate=False)


def hadamard_form():
    return sp.HadamardProduct(a_vec * e_vec.T, sp.MatAdd(I_n, -e_vec * a_vec.T, evaluate=False))


def statement(jacobian=SOFTMAX.jacobian, matrix_forms=(outer_form, hadamard_form)):
    """jacobian: (j, k) -> claimed da_j/dz_k in terms of a; matrix_forms: the claimed matrices."""
    claimed = jacobian(j, k)
    matrices = [form() for form in matrix_forms]
    parts = [sp.Eq(sp.Derivative(a[j], z[k]), claimed, evaluate=False)]
    parts += [sp.Eq(entry(m, j, k), claimed, evaluate=False) for m in matrices]
    return Statement(sp.And(*parts, evaluate=False), notation=(A_IS_SOFTMAX, ENTRIES),
                     parts={"claimed": claimed, "matrices": matrices})


def prove(proof, s):
    proof.define(J[j, k], sp.Derivative(a[j], z[k]), r"$J$, the $n \times n$ Jacobian of the softmax")
    derived = proof.show(sp.Eq(J[j, k], s.claimed, evaluate=False),
                         r"differentiate the quotient (SymPy, symbolic $n$), then write $e^{z_j}/\sum_\ell e^{z_\ell}$ as $a_j$")
    shown = [proof.show(sp.Eq(sp.Derivative(a[j], z[k]), s.claimed, evaluate=False), "that is the entry", using=[derived])]
    for matrix in s.matrices:
        shown.append(proof.show(sp.Eq(entry(matrix, j, k), s.claimed, evaluate=False),
                                r"entry $(j, k)$ of the $n \times n$ matrix expression is the entry above"))
    proof.show(s.proposition, "the entry and both matrix forms", using=shown)


CLAIM = Claim(
    __name__,
    title="The softmax Jacobian",
    prose=r"$\partial a_j/\partial z_k = a_j (\delta_{jk} - a_k)$; in matrix form $\operatorname{diag}(a) - a a^T$, "
          r"which equals $(a e^T) \circ (I - e a^T)$ with $\circ$ the elementwise product and $e$ the vector of ones.",
    source=f"{SOFTMAX_NUMPY}, 'Derivative of Softmax'; {ROELANTS}, 'Derivative of the softmax function'; {SOFTMAX_QA} (the elementwise-product form)",
    expected="proved",
    statement=statement,
    prove=prove,
)
