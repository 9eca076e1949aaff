"""da_j/dz_k = a_j (delta_jk - a_k); as a matrix diag(a) - a a^T, which equals
(a e^T) o (I - e a^T), with o the elementwise product and e the vector of ones.

All for a symbolic n: the entry by differentiating the softmax of a symbolic-length vector, the
matrix forms as SymPy matrix expressions of symbolic size n, compared entry (j, k) by entry.
"""
from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from derivations.activations import SOFTMAX, softmax
from derivations.proof import prove_equal
from derivations.symbols import a, j, k, n, z
from exercises.proof import Claim
from exercises.sources import ROELANTS, SOFTMAX_NUMPY, SOFTMAX_QA

a_vec = sp.MatrixSymbol("a", n, 1)
e_vec = sp.MatrixSymbol("e", n, 1)     # the vector of ones: every entry e_i is 1
I_n = sp.Identity(n)
J = sp.MatrixSymbol("J", n, n)         # the Jacobian, J_jk = da_j/dz_k


class diag(sp.DiagMatrix):
    """diag(a), the n x n matrix with a on its diagonal, printed as the texts write it."""

    def _latex(self, printer):
        return r"\operatorname{diag}(%s)" % printer._print(self.args[0])

    def _sympystr(self, printer):
        return "diag(%s)" % printer._print(self.args[0])


def outer_form():
    return sp.MatAdd(diag(a_vec), -a_vec * a_vec.T, evaluate=False)


def hadamard_form():
    return sp.HadamardProduct(a_vec * e_vec.T, sp.MatAdd(I_n, -e_vec * a_vec.T, evaluate=False))


def entry(matrix) -> sp.Expr:
    """Entry (j, k), 1-based, of a matrix expression in a_vec, written with a_j and delta_jk."""
    x = matrix[j - 1, k - 1]
    x = x.replace(lambda t: isinstance(t, sp.KroneckerDelta),   # rows and columns 0..n-1: in range
                  lambda t: sp.KroneckerDelta(t.args[0] + 1, t.args[1] + 1))
    x = x.replace(lambda t: isinstance(t, MatrixElement) and t.parent == e_vec, lambda t: sp.Integer(1))
    return x.replace(lambda t: isinstance(t, MatrixElement) and t.parent == a_vec, lambda t: a[t.i + 1])


def prove(proof, jacobian=SOFTMAX.jacobian, matrix_forms=(outer_form, hadamard_form)):
    """jacobian: (j, k) -> claimed da_j/dz_k in terms of a; matrix_forms: the claimed matrices."""
    claimed = jacobian(j, k)
    proof.define(sp.Eq(a[j], softmax(z, j), evaluate=False), r"the softmax, $j = 1, \dots, n$")
    proof.check(sp.Eq(sp.Derivative(a[j], z[k]), claimed, evaluate=False),
                r"differentiate the quotient (SymPy, symbolic $n$), then write $e^{z_j}/\sum_\ell e^{z_\ell}$ as $a_j$",
                prove_equal(sp.diff(softmax(z, j), z[k]), SOFTMAX.unfold(claimed),
                            claim="d softmax_j / dz_k = claimed entry"))
    proof.define(sp.Eq(sp.IndexedBase("J")[j, k], sp.Derivative(a[j], z[k]), evaluate=False),
                 r"$J$, the $n \times n$ Jacobian of the softmax")
    for form in matrix_forms:
        matrix = form()
        proof.check(sp.Eq(J, matrix, evaluate=False),
                    r"compare entry $(j, k)$ of the $n \times n$ matrix expression with the entry above",
                    prove_equal(entry(matrix), claimed, claim=f"({sp.sstr(matrix)})_jk = claimed entry"))
    return proof.conclude()


CLAIM = Claim(
    __name__,
    title="The softmax Jacobian",
    statement=r"$\partial a_j/\partial z_k = a_j (\delta_{jk} - a_k)$; in matrix form $\operatorname{diag}(a) - a a^T$, "
              r"which equals $(a e^T) \circ (I - e a^T)$ with $\circ$ the elementwise product and $e$ the vector of ones.",
    source=f"{SOFTMAX_NUMPY}, 'Derivative of Softmax'; {ROELANTS}, 'Derivative of the softmax function'; {SOFTMAX_QA} (the elementwise-product form)",
    expected="proved",
    prove=prove,
)
