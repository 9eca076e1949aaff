"""A third adversarial bank for the trusted kernel (issue 18), built against mechanisms that the
first two banks (`trusted_kernel_bank.py`, `test_kernel_bank_fresh.py`) do not touch: "proved"
must never be said of a false claim, a true claim must never be refuted, and a contradictory set
of assumptions must never prove or refute anything.

Each item is (id, statement, assumptions, kind, point): kind "F" a false claim and `point` a
counterexample that meets every assumption (checked below at 60 digits with mpmath, through
SymPy's N), or None where the claim is about a limit (the reason is in the comment); "T" a true
claim (checked below at sampled points meeting the assumptions); "V" a set of assumptions that
contradict each other (the statement is beside the point).
Classes (the ids' prefixes):
  name    two symbols printed alike with different assumptions (a plain x bounded by x > 0 and a
          real x; an integer x and a real x): one must not lend its assumptions to the other
  decl    symbols declared rational, irrational, nonzero, even, odd, prime, noninteger: a
          counterexample must keep every declared property, not only the sign and integrality
  hv, dd, sgn, flr, mx, pw  Heaviside, DiracDelta, sign, floor and ceiling, Max and Min,
          piecewise functions with overlapping or missing branches
  mod, div  integer and real division and remainders
  rev     sums over reversed ranges (Karr's convention): the index facts lo <= k <= hi of an
          empty or reversed range are contradictory, and must not rewrite the terms
  nest    nested sums sharing an index name, derivatives of sums by an element whose index is
          a bound, another index's range, or a shifted index
  kd      Kronecker deltas under i != j said in other ways (i < j, i - j != 0, a shifted index)
  br      branch cuts: square and cube roots of negatives, ln of products and quotients of
          negatives, (x^2)^y against x^(2y), 0^0 and 0^y
  num     floats against rationals, huge and tiny numbers (e^(e^10), e^(pi sqrt 163), 1 + 10^-60)
  lim     one-sided against two-sided limits, jumps, oscillation, points outside the domain
  chain   chained inequalities with non-strict links; assumptions stated as Or and Not
  soft, ce, quad  the chapter's identities with a sign flipped, a factor 1/n dropped, an index
          swapped, softmax with n = 1, one-hot y not assumed
  lim2, sg2  limits with a parameter at the boundary of its assumption (x^y at y = 0), rates,
          removable points; signs and identities at the edge of their assumptions
  elem    an element at an index another hypothesis constrains (0 < z_j with j != 1): that
          element only, for the decision procedure as for the sign calculus
  con, con2  contradictory sets: over the integers, the rationals, with a declared parity or
          sign, a family against one of its elements
Every claim goes through the public primitive `derivations.proof.prove`. Before the fixes that came
with this bank: 18 of the 193 false claims proved, 15 of the 153 true ones refuted or called
vacuous, 6 of the 20 contradictory sets "refuted", one claim a traceback; after: none
(`test_kernel_third_side_conditions.py` has a test per class that drops its check).
"""
from __future__ import annotations

import itertools
import random

import pytest
import sympy as sp

from kernel_bank import assert_no_verdict_from, assert_not_proved, assert_not_refuted
from derivations.symbols import i, j, k, m, n, q

R = sp.Rational
x, y, v = sp.symbols("x y v", real=True)
X = sp.Symbol("X", positive=True)
T2 = sp.Symbol("T", positive=True)
xc = sp.Symbol("x")                                 # plain (complex) x, printed like the real x
xint = sp.Symbol("x", integer=True)                 # integer x, printed like the real x
xpos = sp.Symbol("x", positive=True)
u = sp.Symbol("u")                                  # plain: complex
xq = sp.Symbol("x", rational=True)
xir = sp.Symbol("x", irrational=True)
xnz = sp.Symbol("x", real=True, nonzero=True)
xni = sp.Symbol("x", real=True, noninteger=True)
me = sp.Symbol("m", even=True)
mo = sp.Symbol("m", odd=True)
mnz = sp.Symbol("m", integer=True, nonzero=True)
pr = sp.Symbol("p", prime=True)
ke = sp.Symbol("k2", even=True)
a_, b_, c_ = sp.symbols("a b c", integer=True)      # integers of any sign
z = sp.IndexedBase("z", real=True)
zc = sp.IndexedBase("z")                            # a plain (complex) family, printed like z
yy = sp.IndexedBase("y", real=True)
a = sp.IndexedBase("a", real=True)
w = sp.IndexedBase("w", real=True)
NE = lambda p, r: sp.Ne(p, r, evaluate=False)
GT = lambda p, r: sp.Gt(p, r, evaluate=False)
GE = lambda p, r: sp.Ge(p, r, evaluate=False)
LT = lambda p, r: sp.Lt(p, r, evaluate=False)
LE = lambda p, r: sp.Le(p, r, evaluate=False)
EQ = lambda p, r: sp.Eq(p, r, evaluate=False)
L = lambda e, var, pt, val, d="+": EQ(sp.Limit(e, var, pt, d), val)
soft = lambda r: sp.exp(z[r]) / sp.Sum(sp.exp(z[i]), (i, 1, n))
sig = lambda t: 1 / (1 + sp.exp(-t))
S = lambda body, lo=1, hi=n, idx=k: sp.Sum(body, (idx, lo, hi))
D = sp.Derivative
PW = sp.Piecewise
H = sp.Heaviside
KD = sp.KroneckerDelta
pi, E = sp.pi, sp.E
f01 = sp.Float(0.1)

CLAIMS = [
    # -- two symbols printed alike ------------------------------------------------------------
    ("name-cplx-real", GT(x, 0), [GT(xc, 0)], "F", {x: -1, xc: 1}),
    ("name-cplx-real-sum", GE(x + xc, 0), [GT(xc, 0)], "F", {x: -2, xc: 1}),
    ("name-cplx-real-abs", EQ(sp.Abs(x), x), [GE(xc, 0)], "F", {x: -1, xc: 0}),
    ("name-cplx-real-lt", LT(x, 1), [LT(xc, 1)], "F", {x: 2, xc: 0}),
    ("name-cplx-real-ne", NE(x, 0), [NE(xc, 0), GT(xc, -1)], "F", {x: 0, xc: 1}),
    ("name-int-real", GE(x, 0), [GE(xint, 0)], "F", {x: -1, xint: 0}),
    ("name-int-real-gap", GE(x, 1), [GT(x, 0), GE(xint, 1)], "F", {x: R(1, 2), xint: 1}),
    ("name-pos-real-eq", EQ(sp.Abs(x), xpos), [], "F", {x: 1, xpos: 2}),
    ("name-cplx-real-log", EQ(sp.log(sp.exp(x)), xc), [GT(xc, 0)], "F", {x: 1, xc: 2}),
    ("name-cplx-real-t", GT(xc - x, 0), [GT(xc, 0), LT(x, 0)], "T", None),
    ("name-family-t", GT(zc[1] - z[1], 0), [GT(zc[1], 0), LT(z[1], 0)], "T", None),
    ("name-family-f", GT(z[1], 0), [GT(zc[1], 0)], "F", {z[1]: -1, zc[1]: 1}),
    ("name-family-sum-f", GE(z[1] + zc[1], 0), [GT(zc[1], 0)], "F", {z[1]: -2, zc[1]: 1}),
    ("name-int-real-t", GE(xint ** 2 + x ** 2, 0), [], "T", None),
    ("name-pos-real-t", GT(xpos + x ** 2, 0), [], "T", None),
    # -- declared properties a counterexample must keep -----------------------------------------
    ("decl-rat-sqrt2-t", NE(xq ** 2 - 2, 0), [], "T", None),
    ("decl-rat-sqrt3-t", NE(xq ** 2, 3), [GT(xq, 0)], "T", None),
    ("decl-irr-t", NE(xir ** 2, 4), [], "T", None),
    ("decl-irr-ne0-t", NE(xir, 0), [], "T", None),
    ("decl-nz-sq-t", GT(xnz ** 2, 0), [], "T", None),
    ("decl-nz-abs-t", GT(sp.Abs(xnz), 0), [], "T", None),
    ("decl-nz-ne-t", NE(xnz, 0), [LT(xnz, 1)], "T", None),
    ("decl-even-t", GE(me ** 2 - 2 * me, 0), [], "T", None),
    ("decl-even-ne1-t", NE(me, 1), [], "T", None),
    ("decl-odd-sq-t", GE(mo ** 2, 1), [], "T", None),
    ("decl-odd-ne-t", NE(mo, 0), [], "T", None),
    ("decl-odd-ne2-t", NE(mo, 2), [GT(mo, 0)], "T", None),
    ("decl-mnz-t", GE(mnz ** 2, 1), [], "T", None),
    ("decl-prime-t", GE(pr, 2), [], "T", None),
    ("decl-prime-sq-t", GE(pr ** 2 - 3 * pr + 2, 0), [], "T", None),
    ("decl-nonint-t", NE(xni, 1), [], "T", None),
    ("decl-nonint-sq-t", NE(xni ** 2 - 3 * xni + 2, 0), [], "T", None),
    ("decl-rat-f", NE(xq ** 2 - 4, 0), [], "F", {xq: 2}),
    ("decl-even-f", GE(me ** 2 - 4 * me, 0), [], "F", {me: 2}),
    ("decl-odd-f", GE(mo ** 2 - 4 * mo, 0), [], "F", {mo: 1}),
    ("decl-nz-f", GT(xnz ** 2 - xnz, 0), [], "F", {xnz: 1}),
    # -- Heaviside, DiracDelta, sign, floor and ceiling, Max and Min, piecewise -----------------
    ("hv-pos", GT(H(x), 0), [], "F", {x: -1}),
    ("hv-one-closed", EQ(H(x), 1), [GE(x, 0)], "F", {x: 0}),
    ("hv-half", GE(H(x) - R(1, 2), 0), [], "F", {x: -1}),
    ("hv-sum", EQ(H(x) + H(-x), 1 + H(0)), [], "F", {x: 1}),
    ("hv-sq", EQ(H(x) ** 2, H(x)), [], "F", {x: 0}),
    ("hv-one-t", EQ(H(x), 1), [GT(x, 0)], "T", None),
    ("hv-nonneg-t", GE(H(x), 0), [], "T", None),
    ("hv-sum-t", EQ(H(x) + H(-x), 1), [], "T", None),
    ("dd-t", EQ(sp.DiracDelta(x), 0), [GT(x, 0)], "T", None),
    ("sgn-one-closed", EQ(sp.sign(x), 1), [GE(x, 0)], "F", {x: 0}),
    ("sgn-sq", EQ(sp.sign(x) ** 2, 1), [], "F", {x: 0}),
    ("sgn-plus1", GT(sp.sign(x) + 1, 0), [], "F", {x: -1}),
    ("sgn-mul", EQ(sp.sign(x) * x, x), [], "F", {x: -1}),
    ("sgn-abs-t", EQ(sp.sign(x) * x, sp.Abs(x)), [], "T", None),
    ("sgn-sq-t", EQ(sp.sign(x) ** 2, 1), [NE(x, 0)], "T", None),
    ("sgn-le1-t", LE(sp.sign(x), 1), [], "T", None),
    ("flr-half", EQ(sp.floor(x + R(1, 2)), sp.ceiling(x - R(1, 2))), [], "F", {x: R(1, 2)}),
    ("flr-ceil-ne", NE(sp.ceiling(x) - sp.floor(x), 0), [], "F", {x: 0}),
    ("flr-frac-pos", GT(x - sp.floor(x), 0), [], "F", {x: 0}),
    ("flr-neg", EQ(sp.floor(-x), -sp.floor(x)), [], "F", {x: R(1, 2)}),
    ("flr-int-div", EQ(2 * sp.floor(a_ / 2), a_), [], "F", {a_: 1}),
    ("flr-real-halves", EQ(sp.floor(x / 2) + sp.floor((x + 1) / 2), x), [], "F", {x: R(1, 2)}),
    ("flr-hermite-t", EQ(sp.floor(x / 2) + sp.floor((x + 1) / 2), sp.floor(x)), [], "T", None),
    ("flr-mul", EQ(sp.floor(2 * x), 2 * sp.floor(x)), [GT(x, 0)], "F", {x: R(1, 2)}),
    ("flr-ceil-le-t", LE(sp.ceiling(x) - sp.floor(x), 1), [], "T", None),
    ("flr-frac-t", GE(x - sp.floor(x), 0), [], "T", None),
    ("flr-halves-t", EQ(sp.floor(a_ / 2) + sp.floor((a_ + 1) / 2), a_), [], "T", None),
    ("flr-ceil-neg-t", EQ(sp.ceiling(x), -sp.floor(-x)), [], "T", None),
    ("mx-abs-strict", GT(sp.Max(x, -x), 0), [], "F", {x: 0}),
    ("mx-min-abs", EQ(sp.Min(x, -x), sp.Abs(x)), [], "F", {x: 1}),
    ("mx-dist", EQ(sp.Max(x, y) - sp.Min(x, y), x - y), [], "F", {x: 0, y: 1}),
    ("mx-closed", GT(sp.Max(x, 0), 0), [GE(x, 0)], "F", {x: 0}),
    ("mx-sq", EQ(sp.Max(x, y) ** 2, sp.Max(x ** 2, y ** 2)), [], "F", {x: -2, y: 1}),
    ("mx-abs-t", EQ(sp.Max(x, -x), sp.Abs(x)), [], "T", None),
    ("mx-min-abs-t", EQ(sp.Min(x, -x), -sp.Abs(x)), [], "T", None),
    ("mx-prod-t", EQ(sp.Max(x, y) * sp.Min(x, y), x * y), [], "T", None),
    ("mx-dist-t", EQ(sp.Max(x, y) - sp.Min(x, y), sp.Abs(x - y)), [], "T", None),
    ("pw-overlap", EQ(PW((1, x >= 0), (2, x <= 0)), 1), [LE(x, 0)], "F", {x: -1}),
    ("pw-jump", EQ(PW((x, x < 1), (3 - x, True)), x), [LE(x, 1)], "F", {x: 1}),
    ("pw-and", GT(PW((1, sp.And(x > 0, y > 0)), (-1, True)), 0), [GT(x, 0)], "F", {x: 1, y: -1}),
    ("pw-zero", GE(PW((x, x > 0), (x ** 2 - 1, True)), 0), [], "F", {x: 0}),
    ("pw-or", EQ(PW((0, sp.Or(x < -1, x > 1)), (1, True)), 1), [GE(x, -1)], "F", {x: 2}),
    ("pw-jump-t", EQ(PW((x, x < 1), (3 - x, True)), x), [LT(x, 1)], "T", None),
    ("pw-overlap-t", EQ(PW((1, x >= 0), (2, x <= 0)), 1), [GE(x, 0)], "T", None),
    # -- integer and real division, remainders --------------------------------------------------
    ("mod-real", EQ(sp.Mod(x, 1), 0), [], "F", {x: R(1, 2)}),
    ("mod-int-odd", EQ(sp.Mod(a_, 2), 1), [], "F", {a_: 0}),
    ("mod-neg", EQ(sp.Mod(-x, 3), -sp.Mod(x, 3)), [GT(x, 0)], "F", {x: 1}),
    ("mod-sub", GE(sp.Mod(a_, 3) - a_, 0), [], "F", {a_: 3}),
    ("mod-range-t", GE(sp.Mod(a_, 3), 0), [], "T", None),
    ("mod-range-hi-t", LT(sp.Mod(a_, 3), 3), [], "T", None),
    ("mod-sq-t", NE(sp.Mod(a_ ** 2, 4), 2), [], "T", None),
    ("div-real-half", GE(x ** 2, x), [], "F", {x: R(1, 2)}),
    ("div-real-gap", GE(x, 1), [GT(x, 0)], "F", {x: R(1, 2)}),
    ("div-real-2x", NE(2 * x, 1), [], "F", {x: R(1, 2)}),
    ("div-real-between", EQ(x, 3), [GT(x, 2), LT(x, 4)], "F", {x: R(5, 2)}),
    ("div-frac-part", GE(a_ / 2 - sp.floor(a_ / 2), R(1, 2)), [], "F", {a_: 0}),
    ("div-int-sq-t", GE(a_ ** 2, a_), [], "T", None),
    ("div-int-gap-t", GE(a_, 1), [GT(a_, 0)], "T", None),
    ("div-int-2x-t", NE(2 * a_, 1), [], "T", None),
    ("div-int-between-t", EQ(a_, 3), [GT(a_, 2), LT(a_, 4)], "T", None),
    ("div-frac-part-t", LE(a_ / 2 - sp.floor(a_ / 2), R(1, 2)), [], "T", None),
    ("div-int-chain-t", GE(a_, c_ + 2), [GT(a_, b_), GT(b_, c_)], "T", None),
    ("div-real-chain", GE(x, v + 2), [GT(x, y), GT(y, v)], "F", {x: 1, y: R(1, 2), v: 0}),
    # -- reversed ranges: the index facts lo <= k <= hi of such a range contradict each other ----
    ("rev-abs", EQ(S(sp.Abs(k - 3), 4, 1), S(k - 3, 4, 1)), [], "F", {}),
    ("rev-pw", EQ(S(PW((1, k >= 3), (0, True)), 3, 1), -1), [], "F", {}),
    ("rev-pw-sym", EQ(S(PW((1, k > n + 1), (0, True)), n + 2, n), -1), [], "F", {n: 1}),
    ("rev-abs-sym", EQ(S(sp.Abs(k - n - 2), n + 3, n), S(k - n - 2, n + 3, n)), [], "F", {n: 1}),
    ("rev-delta", EQ(S(KD(k, 2) * z[k], 3, 1), 0), [], "F", {z[2]: 1}),
    ("rev-count-f", EQ(S(1, 3, 1), 0), [], "F", {}),
    ("rev-abs-t", EQ(S(sp.Abs(k - 3), 4, 1), -1), [], "T", None),
    ("rev-count-t", EQ(S(z[k], 3, 1), -z[2]), [], "T", None),
    ("rev-sum-f", EQ(S(z[k], 3, 1), z[1] + z[2] + z[3]), [], "F", {z[1]: 1, z[2]: 1, z[3]: 1}),
    ("rev-prod-f", EQ(sp.Product(z[k], (k, 3, 1)), z[2]), [], "F", {z[2]: 2}),
    ("rev-prod-t", EQ(sp.Product(z[k], (k, 3, 1)), 1 / z[2]), [NE(z[2], 0)], "T", None),
    ("rev-sum-pos", GT(S(sp.exp(z[k]), n + 2, n), 0), [], "F", {n: 1, z[2]: 0}),
    ("rev-exp-real", GT(sp.exp(S(sp.sqrt(k - 3), 4, 1)), 0), [], "F", {}),
    ("rev-exp-real-t", GT(sp.exp(S(sp.sqrt(k + 3), 4, 1)), 0), [], "T", None),
    # -- nested sums and derivatives of sums ------------------------------------------------------
    ("nest-shadow-t", EQ(S(z[k] * S(z[k])), S(z[k]) ** 2), [], "T", None),
    ("nest-shadow-f", EQ(S(z[k] * S(z[k])), n * S(z[k] ** 2)), [], "F", {n: 2, z[1]: 1, z[2]: 0}),
    ("nest-bound-in-range-f", EQ(S(S(z[i], 1, k, i)), S(z[k] * k)), [], "F", {n: 2, z[1]: 1, z[2]: 0}),
    ("nest-bound-in-range-t", EQ(S(S(z[i], 1, k, i)), S((n - k + 1) * z[k])), [], "T", None),
    ("nest-dn-t", EQ(D(S(z[k]), z[n]), 1), [], "T", None),
    ("nest-dn1-f", EQ(D(S(z[k]), z[n + 1]), 1), [], "F", {n: 1}),
    ("nest-dq-f", EQ(D(S(z[k]), z[q]), 1), [], "F", {n: 1, m: 2, q: 2}),
    ("nest-dm-f", EQ(D(S(z[k], 1, m), z[j]), 1), [], "F", {n: 2, m: 1, j: 2}),
    ("nest-dlo-t", EQ(D(S(z[k], j, n), z[j]), 1), [], "T", None),
    ("nest-dlo1-f", EQ(D(S(z[k], j + 1, n), z[j]), 1), [], "F", {n: 2, j: 1}),
    ("nest-dj-t", EQ(D(S(z[j] * z[k], 1, n, j), z[k]), S(z[j], 1, n, j) + z[k]), [], "T", None),
    ("nest-dj-f", EQ(D(S(z[j] * z[k], 1, n, j), z[k]), S(z[j], 1, n, j)), [], "F", {n: 1, k: 1, z[1]: 1}),
    ("nest-dprod-f", EQ(D(sp.Product(z[k], (k, 1, n)), z[j]), sp.Product(z[k], (k, 1, n))), [],
     "F", {n: 1, j: 1, z[1]: 2}),
    ("nest-fam-m", GT(S(z[j], 1, m, j), 0), [GT(z[j], 0)], "F", {n: 1, m: 2, z[1]: 1, z[2]: -5}),
    ("nest-fam-q", GT(w[j, q], 0), [GT(w[j, k], 0)], "F", {n: 1, m: 2, j: 1, q: 2, w[1, 1]: 1, w[1, 2]: -1}),
    ("nest-fam-swap-t", GT(w[k, j], 0), [GT(w[j, k], 0)], "T", None),
    ("nest-fam-diag-t", GT(w[j, j], 0), [GT(w[j, k], 0)], "T", None),
    # -- Kronecker deltas --------------------------------------------------------------------------
    ("kd-lt-t", EQ(KD(j, k), 0), [LT(j, k)], "T", None),
    ("kd-gt-t", EQ(KD(j, k), 0), [GT(j - k, 0)], "T", None),
    ("kd-ne-diff-t", EQ(KD(j, k), 0), [NE(j - k, 0)], "T", None),
    ("kd-eq-t", EQ(KD(j, k), 1), [EQ(j, k)], "T", None),
    ("kd-elem-t", EQ(KD(j, k), 0), [NE(z[j], z[k])], "T", None),
    ("kd-sign-t", GT(1 - KD(j, k), 0), [NE(j, k)], "T", None),
    ("kd-le", EQ(KD(j, k), 0), [LE(j, k)], "F", {j: 1, k: 1}),
    ("kd-ne-other", EQ(KD(j, k), 0), [NE(j, i)], "F", {i: 2, j: 1, k: 1, n: 2}),
    ("kd-ne-plus", EQ(KD(j + 1, k), 0), [NE(j, k)], "F", {j: 1, k: 2, n: 2}),
    ("kd-ne-shift", EQ(KD(j, k), 0), [NE(j, k + 1)], "F", {j: 1, k: 1}),
    ("kd-sign-shift", GT(1 - KD(j, k), 0), [NE(j, k + 1)], "F", {j: 1, k: 1}),
    ("kd-sum-ne", EQ(S(KD(k, j) * z[k]), 0), [NE(j, i)], "F", {n: 2, i: 2, j: 1, z[1]: 1, z[2]: 0}),
    ("kd-ints", EQ(KD(a_, b_), 0), [NE(a_ ** 2, b_ ** 2)], "T", None),
    ("kd-ints-f", EQ(KD(a_, b_), 0), [NE(a_, -b_)], "F", {a_: 1, b_: 1}),
    # -- branch cuts -------------------------------------------------------------------------------
    ("br-sqrt-sq", EQ(sp.sqrt(x ** 2), x), [], "F", {x: -1}),
    ("br-sqrt-prod", EQ(sp.sqrt(x * y), sp.sqrt(x) * sp.sqrt(y)), [], "F", {x: -1, y: -1}),
    ("br-sqrt-quot", EQ(sp.sqrt(x / y), sp.sqrt(x) / sp.sqrt(y)), [GT(x, 0)], "F", {x: 1, y: -1}),
    ("br-sqrt-recip", EQ(sp.sqrt(1 / x), 1 / sp.sqrt(x)), [NE(x, 0)], "F", {x: -1}),
    ("br-cbrt-cube", EQ((x ** 3) ** R(1, 3), x), [], "F", {x: -1}),
    ("br-cbrt-pos", GT((-8) ** R(1, 3), 0), [], "F", {}),
    ("br-cbrt-real", EQ(sp.real_root(-8, 3), (-8) ** R(1, 3)), [], "F", {}),
    ("br-log-sq", EQ(sp.log(x ** 2), 2 * sp.log(x)), [LT(x, 0)], "F", {x: -1}),
    ("br-log-prod", EQ(sp.log(x * y), sp.log(x) + sp.log(y)), [LT(x, 0), LT(y, 0)], "F", {x: -1, y: -1}),
    ("br-log-quot", EQ(sp.log(x / y), sp.log(x) - sp.log(y)), [GT(x, 0), LT(y, 0)], "F", {x: 1, y: -1}),
    ("br-pow-pow", EQ((x ** 2) ** y, x ** (2 * y)), [LT(x, 0)], "F", {x: -1, y: R(1, 2)}),
    ("br-log-exp", EQ(sp.log(sp.exp(u)), u), [], "F", {u: 2 * pi * sp.I}),
    ("br-zero-pow", EQ(x ** y, 0), [EQ(x, 0), GE(y, 0)], "F", {x: 0, y: 0}),
    ("br-zero-log", EQ(x * sp.log(x), 0), [EQ(x, 0)], "F", {x: 0}),
    ("br-sqrt-neg-real", GE(sp.sqrt(x), 0), [], "F", {x: -1}),
    ("br-log-neg-real", GT(sp.log(x) + 1, 0), [LT(x, -1)], "F", {x: -2}),
    ("br-sqrt-sq-t", EQ(sp.sqrt(x ** 2), sp.Abs(x)), [], "T", None),
    ("br-sqrt-prod-t", EQ(sp.sqrt(x * y), sp.sqrt(x) * sp.sqrt(y)), [GE(x, 0)], "T", None),
    ("br-sqrt-quot-t", EQ(sp.sqrt(x / y), sp.sqrt(x) / sp.sqrt(y)), [GT(y, 0)], "T", None),
    ("br-cbrt-cube-t", EQ((x ** 3) ** R(1, 3), x), [GE(x, 0)], "T", None),
    ("br-log-prod-t", EQ(sp.log(x * y), sp.log(x) + sp.log(y)), [GT(x, 0), LT(y, 0)], "T", None),
    ("br-log-quot-t", EQ(sp.log(x / y), sp.log(x) - sp.log(y)), [LT(x, 0), LT(y, 0)], "T", None),
    ("br-exp-log-t", EQ(sp.exp(sp.log(x)), x), [LT(x, 0)], "T", None),
    ("br-pow-pow-t", EQ((x ** y) ** 2, x ** (2 * y)), [LT(x, 0)], "T", None),
    ("br-zero-zero-t", EQ(x ** y, 1), [EQ(y, 0)], "T", None),
    ("br-zero-pow-t", EQ(x ** y, 0), [EQ(x, 0), GT(y, 0)], "T", None),
    # -- numbers: floats, huge and tiny ------------------------------------------------------------
    ("num-float-tenth", EQ(f01, R(1, 10)), [], "F", {}),
    ("num-float-bound", LE(x, R(1, 10)), [LE(x, f01)], "F", {x: sp.Rational(0.1)}),
    ("num-float-tiny", EQ(1 + sp.Float("1e-30", 50), 1), [], "F", {}),
    ("num-float-third", GE(sp.Float(1 / 3), R(1, 3)), [], "F", {}),
    ("num-float-third-t", LT(sp.Float(1 / 3), R(1, 3)), [], "T", None),
    ("num-expexp10", GT(sp.exp(sp.exp(10)), sp.Pow(10, 9566, evaluate=False)), [], "F", {}),
    ("num-expexpm100", EQ(sp.exp(sp.exp(-100)), 1), [], "F", {}),
    ("num-log-tiny", EQ(sp.log(1 + R(1, 10 ** 60)), R(1, 10 ** 60)), [], "F", {}),
    ("num-pi-355", EQ(pi, R(355, 113)), [], "F", {}),
    ("num-pi-355-gt", GT(pi, R(355, 113)), [], "F", {}),
    ("num-epi", LT(sp.exp(pi), pi ** E), [], "F", {}),
    ("num-163", EQ(sp.exp(pi * sp.sqrt(163)), 640320 ** 3 + 744), [], "F", {}),
    ("num-163-gt", GT(sp.exp(pi * sp.sqrt(163)) - 640320 ** 3 - 744, 0), [], "F", {}),
    ("num-float-half-t", EQ(sp.Float(0.5), R(1, 2)), [], "T", None),
    ("num-float-bound-t", LT(x, f01), [LE(x, R(1, 10))], "T", None),
    ("num-expexp10-t", GT(sp.exp(sp.exp(10)), sp.Pow(10, 9565, evaluate=False)), [], "T", None),
    ("num-log-tiny-t", LT(sp.log(1 + R(1, 10 ** 60)), R(1, 10 ** 60)), [], "T", None),
    ("num-pi-355-t", LT(pi, R(355, 113)), [], "T", None),
    ("num-epi-t", GT(sp.exp(pi), pi ** E), [], "T", None),
    ("num-163-t", LT(sp.exp(pi * sp.sqrt(163)), 640320 ** 3 + 744), [], "T", None),
    # -- limits (no point: a limit is a statement about every neighbourhood) -----------------------
    ("lim-sin1x", L(sp.sin(1 / x), x, 0, 0), [], "F", None),          # oscillates in [-1, 1]
    ("lim-xsin1x-1", L(x * sp.sin(1 / x), x, 0, 1), [], "F", None),    # the limit is 0
    ("lim-sign-2s", L(sp.sign(x), x, 0, 1, "+-"), [], "F", None),      # -1 from the left
    ("lim-heav-2s", L(H(x), x, 0, R(1, 2), "+-"), [], "F", None),      # 0 and 1 from each side
    ("lim-floor-2s", L(sp.floor(x), x, 0, 0, "+-"), [], "F", None),    # -1 from the left
    ("lim-floor-m1", L(sp.floor(x), x, 0, -1, "+"), [], "F", None),    # 0 from the right
    ("lim-recip-2s", L(1 / x, x, 0, sp.oo, "+-"), [], "F", None),      # -oo from the left
    ("lim-xx-0", L(x ** x, x, 0, 0, "+"), [], "F", None),              # the limit is 1
    ("lim-exp1x-2s", L(sp.exp(1 / x), x, 0, sp.oo, "+-"), [], "F", None),   # 0 from the left
    ("lim-xsin1x-inf", L(X * sp.sin(1 / X), X, sp.oo, 0), [], "F", None),   # the limit is 1
    ("lim-tanh-ge", L(sp.tanh(T2 * x), T2, sp.oo, 1), [GE(x, 0)], "F", None),   # 0 at x = 0
    ("lim-pow-le", L(X ** y, X, sp.oo, 0), [LE(y, 0)], "F", None),     # 1 at y = 0
    ("lim-log-outside", L(sp.log(x), x, -1, 0, "+-"), [], "F", None),  # i pi along the reals
    ("lim-sqrt-outside", L(sp.sqrt(x), x, -1, 0, "+-"), [], "F", None),  # i
    ("lim-comp-2x", L((1 + x / X) ** X, X, sp.oo, sp.exp(2 * x)), [GT(x, 0)], "F", None),  # e^x
    ("lim-soft-temp-tie", L(sp.exp(z[1] / T2) / (sp.exp(z[1] / T2) + sp.exp(z[2] / T2)), T2, 0, 1, "+"),
     [GE(z[1], z[2])], "F", None),                                     # 1/2 at z_1 = z_2
    ("lim-soft-n1", L(soft(j), T2, sp.oo, 0), [], "F", None),         # constant in T
    ("lim-xsin1x-t", L(x * sp.sin(1 / x), x, 0, 0, "+-"), [], "T", None),
    ("lim-sign-t", L(sp.sign(x), x, 0, 1, "+"), [], "T", None),
    ("lim-floor-t", L(sp.floor(x), x, 0, 0, "+"), [], "T", None),
    ("lim-recip-t", L(1 / x, x, 0, sp.oo, "+"), [], "T", None),
    ("lim-xx-t", L(x ** x, x, 0, 1, "+"), [], "T", None),
    ("lim-exp1x-left-t", L(sp.exp(1 / x), x, 0, 0, "-"), [], "T", None),
    ("lim-xsin1x-inf-t", L(X * sp.sin(1 / X), X, sp.oo, 1), [], "T", None),
    ("lim-tanh-t", L(sp.tanh(T2 * x), T2, sp.oo, 1), [GT(x, 0)], "T", None),
    ("lim-pow-t", L(X ** y, X, sp.oo, 0), [LT(y, 0)], "T", None),
    ("lim-comp-t", L((1 + x / X) ** X, X, sp.oo, sp.exp(x)), [GT(x, 0)], "T", None),
    ("lim-soft-temp-t", L(sp.exp(z[1] / T2) / (sp.exp(z[1] / T2) + sp.exp(z[2] / T2)), T2, 0, 1, "+"),
     [GT(z[1], z[2])], "T", None),
    # -- chains of inequalities, Or and Not ----------------------------------------------------------
    ("chain-ge", GT(x, v), [GE(x, y), GE(y, v)], "F", {x: 0, y: 0, v: 0}),
    ("chain-ne", NE(x, v), [GE(x, y), GE(y, v)], "F", {x: 0, y: 0, v: 0}),
    ("chain-ne-trans", NE(x, v), [NE(x, y), NE(y, v)], "F", {x: 0, y: 1, v: 0}),
    ("chain-sq", GE(x ** 2, y ** 2), [GE(x, y)], "F", {x: 0, y: -1}),
    ("chain-recip", LE(1 / x, 1 / y), [GE(x, y), NE(y, 0), NE(x, 0)], "F", {x: 1, y: -1}),
    ("chain-sum", GT(x + y, 2 * v), [GE(x, v), GE(y, v)], "F", {x: 0, y: 0, v: 0}),
    ("chain-prod", GE(x * y, v * v), [GE(x, v), GE(y, v)], "F", {x: 1, y: -1, v: -1}),
    ("chain-or", GT(x, 0), [sp.Or(GT(x, 1), LT(x, -1))], "F", {x: -2}),
    ("chain-not", LT(x, 0), [sp.Not(GT(x, 0))], "F", {x: 0}),
    ("chain-abs-eq", EQ(x, 1), [EQ(sp.Abs(x), 1)], "F", {x: -1}),
    ("chain-gt-t", GT(x, v), [GT(x, y), GE(y, v)], "T", None),
    ("chain-gt2-t", GT(x, v), [GE(x, y), GT(y, v)], "T", None),
    ("chain-squeeze-t", EQ(x, y), [GE(x, y), LE(x, y)], "T", None),
    ("chain-sq-t", GE(x ** 2, y ** 2), [GE(x, y), GE(y, 0)], "T", None),
    ("chain-recip-t", LE(1 / x, 1 / y), [GE(x, y), GT(y, 0)], "T", None),
    ("chain-sum-t", GE(x + y, 2 * v), [GE(x, v), GE(y, v)], "T", None),
    ("chain-or-t", NE(x, 0), [sp.Or(GT(x, 1), LT(x, -1))], "T", None),
    ("chain-not-t", LE(x, 0), [sp.Not(GT(x, 0))], "T", None),
    ("chain-abs-eq-t", EQ(x ** 2, 1), [EQ(sp.Abs(x), 1)], "T", None),
    # -- the chapter's identities, altered ------------------------------------------------------------
    ("soft-pair-lt1", LT(soft(j) + soft(k), 1), [NE(j, k)], "F", {n: 2, j: 1, k: 2, z[1]: 0, z[2]: 0}),
    ("soft-one-minus", GT(1 - soft(j), 0), [], "F", {n: 1, j: 1, z[1]: 0}),
    ("soft-ratio-swap", EQ(soft(j) / soft(k), sp.exp(z[k] - z[j])), [], "F", {n: 2, j: 1, k: 2, z[1]: 0, z[2]: 1}),
    ("soft-sum-n", EQ(S(soft(k)), n * soft(j)), [], "F", {n: 2, j: 1, z[1]: 0, z[2]: 1}),
    ("soft-recip-n", EQ(soft(j), 1 / n), [], "F", {n: 2, j: 1, z[1]: 0, z[2]: 1}),
    ("soft-jac-flip", EQ(D(soft(j), z[j]), soft(j) * (soft(j) - 1)), [], "F", {n: 2, j: 1, z[1]: 0, z[2]: 0}),
    ("soft-jac-full-f", EQ(D(soft(j), z[k]), -soft(j) * soft(k) - KD(j, k) * soft(j)), [],
     "F", {n: 2, j: 1, k: 1, z[1]: 0, z[2]: 0}),
    ("soft-ll-flip", EQ(D(-sp.log(soft(j)), z[j]), 1 - soft(j)), [], "F", {n: 2, j: 1, z[1]: 0, z[2]: 0}),
    ("soft-onehot-dot", EQ(S(yy[k] * z[k]), z[j]), [EQ(yy[j], 1)],
     "F", {n: 2, j: 1, yy[1]: 1, yy[2]: 1, z[1]: 0, z[2]: 1}),
    ("ce-grad-no-onehot", EQ(D(-S(yy[k] * sp.log(soft(k))), z[j]), soft(j) - yy[j]), [],
     "F", {n: 2, j: 1, yy[1]: 1, yy[2]: 1, z[1]: 0, z[2]: 0}),
    ("ce-sig-flip", EQ(D(-(v * sp.log(sig(x)) + (1 - v) * sp.log(1 - sig(x))), x), v - sig(x)), [],
     "F", {x: 0, v: 0}),
    ("ce-sig-deriv-flip", EQ(D(sig(x), x), sig(x) * (sig(x) - 1)), [], "F", {x: 0}),
    ("quad-half-dropped", EQ(D(S((a[k] - yy[k]) ** 2), a[j]), a[j] - yy[j]), [], "F", {n: 1, j: 1, a[1]: 1, yy[1]: 0}),
    ("quad-n-dropped", EQ(D(S((a[k] - yy[k]) ** 2) / (2 * n), a[j]), a[j] - yy[j]), [],
     "F", {n: 2, j: 1, a[1]: 1, a[2]: 0, yy[1]: 0, yy[2]: 0}),
    ("quad-index-swap", EQ(D(S((a[k] - yy[k]) ** 2) / 2, a[j]), a[k] - yy[k]), [],
     "F", {n: 2, j: 1, k: 2, a[1]: 1, a[2]: 0, yy[1]: 0, yy[2]: 0}),
    ("soft-pair-le1-t", LE(soft(j) + soft(k), 1), [NE(j, k)], "T", None),
    ("soft-ratio-t", EQ(soft(j) / soft(k), sp.exp(z[j] - z[k])), [], "T", None),
    ("soft-jac-swap-t", EQ(D(soft(j), z[k]), -soft(j) * soft(k) + KD(j, k) * soft(k)), [], "T", None),
    ("soft-jac-diag-t", EQ(D(soft(j), z[j]), soft(j) * (1 - soft(j))), [], "T", None),
    ("soft-uniform-t", EQ(sp.exp(z[1]) / (sp.exp(z[1]) + sp.exp(z[2])), R(1, 2)), [EQ(z[1], z[2])], "T", None),
    ("soft-n2-t", GT(1 - soft(j), 0), [GE(n, 2)], "T", None),
    ("ce-grad-onehot-t", EQ(D(-S(yy[k] * sp.log(soft(k))), z[j]), soft(j) - yy[j]), [EQ(S(yy[k]), 1)], "T", None),
    ("ce-sig-t", EQ(D(-(v * sp.log(sig(x)) + (1 - v) * sp.log(1 - sig(x))), x), sig(x) - v), [], "T", None),
    ("ce-sig-deriv-t", EQ(D(sig(x), x), sig(x) * (1 - sig(x))), [], "T", None),
    ("quad-t", EQ(D(S((a[k] - yy[k]) ** 2) / 2, a[j]), a[j] - yy[j]), [], "T", None),
    ("quad-n-t", EQ(D(S((a[k] - yy[k]) ** 2) / (2 * n), a[j]), (a[j] - yy[j]) / n), [], "T", None),
    # -- round two: limits with a parameter at its boundary, removable points, rates ----------------------
    ("lim2-pow-ge", L(x ** y, x, 0, 0, "+"), [GE(y, 0)], "F", None),              # 1 at y = 0
    ("lim2-pow-le", L(x ** y, x, 0, sp.oo, "+"), [LE(y, 0)], "F", None),          # 1 at y = 0
    ("lim2-logpow-ge", L(sp.log(x) * x ** y, x, 0, 0, "+"), [GE(y, 0)], "F", None),   # -oo at y = 0
    ("lim2-exp-le", L(sp.exp(y * X), X, sp.oo, 0), [LE(y, 0)], "F", None),       # 1 at y = 0
    ("lim2-sig-ne", L(sig(X * y), X, sp.oo, 1), [NE(y, 0)], "F", None),          # 0 for y < 0
    ("lim2-ratio-ge", L(sp.exp(y * X) / (1 + sp.exp(y * X)), X, sp.oo, 1), [GE(y, 0)], "F", None),  # 1/2
    ("lim2-cos", L((1 - sp.cos(x)) / x ** 2, x, 0, 1, "+-"), [], "F", None),     # 1/2
    ("lim2-sqrt-diff", L(sp.sqrt(X ** 2 + X) - X, X, sp.oo, 0), [], "F", None),   # 1/2
    ("lim2-log-rate", L(X * (sp.log(X + 1) - sp.log(X)), X, sp.oo, 0), [], "F", None),   # 1
    ("lim2-abs-2s", L(sp.Abs(x - 1) / (x - 1), x, 1, 1, "+-"), [], "F", None),   # -1 from the left
    ("lim2-yx-ge", L(y / x, x, 0, sp.oo, "+"), [GE(y, 0)], "F", None),           # 0 at y = 0
    ("lim2-removable", L((x ** 2 - y ** 2) / (x - y), x, y, y, "+-"), [NE(y, 0)], "F", None),   # 2y
    ("lim2-shift", L(sp.exp(X) / sp.exp(X + y), X, sp.oo, 1), [NE(y, 0)], "F", None),   # e^-y
    ("lim2-tanh-neg", L(sp.tanh(X), X, -sp.oo, 1), [], "F", None),               # -1
    ("lim2-logpow", L(sp.log(X ** y), X, sp.oo, sp.oo), [GE(y, 0)], "F", None),  # 0 at y = 0
    ("lim2-pow-t", L(x ** y, x, 0, 0, "+"), [GT(y, 0)], "T", None),
    ("lim2-logpow-t", L(sp.log(x) * x ** y, x, 0, 0, "+"), [GT(y, 0)], "T", None),
    ("lim2-exp-t", L(sp.exp(y * X), X, sp.oo, 0), [LT(y, 0)], "T", None),
    ("lim2-sig-t", L(sig(X * y), X, sp.oo, 1), [GT(y, 0)], "T", None),
    ("lim2-sqrt-diff-t", L(sp.sqrt(X ** 2 + X) - X, X, sp.oo, R(1, 2)), [], "T", None),
    ("lim2-log-rate-t", L(X * (sp.log(X + 1) - sp.log(X)), X, sp.oo, 1), [], "T", None),
    ("lim2-removable-t", L((x ** 2 - y ** 2) / (x - y), x, y, 2 * y, "+-"), [], "T", None),
    ("lim2-shift-t", L(sp.exp(X) / sp.exp(X + y), X, sp.oo, sp.exp(-y)), [], "T", None),
    ("lim2-gauss-t", L(sp.exp(-1 / x ** 2) / x ** 100, x, 0, 0, "+-"), [], "T", None),
    ("lim2-poly-exp-t", L(X ** y * sp.exp(-X), X, sp.oo, 0), [], "T", None),
    # -- round two: signs and identities at the edge of their assumptions ----------------------------------
    ("sg2-exp-taylor", GT(sp.exp(x) - 1 - x - x ** 2 / 2, 0), [GE(x, 0)], "F", {x: 0}),
    ("sg2-log-bound", GT(sp.log(x) - 1 + 1 / x, 0), [GT(x, 0)], "F", {x: 1}),
    ("sg2-log1p", GT(x - sp.log(1 + x), 0), [GT(x, -1)], "F", {x: 0}),
    ("sg2-tanh", GT(sp.tanh(x), 0), [GE(x, 0)], "F", {x: 0}),
    ("sg2-tanh-x", LT(sp.tanh(x), x), [GE(x, 0)], "F", {x: 0}),
    ("sg2-tanh-sig", EQ(sp.tanh(x), 2 * sig(x) - 1), [], "F", {x: 1}),
    ("sg2-logsig", EQ(sp.log(sig(x)), sp.log(1 + sp.exp(-x))), [], "F", {x: 0}),
    ("sg2-sig-sym", EQ(1 - sig(x), sig(x)), [], "F", {x: 1}),
    ("sg2-log-half", EQ(sp.log(x ** 2) / 2, sp.log(x)), [LT(x, 0)], "F", {x: -1}),
    ("sg2-log-abs", EQ(sp.log(sp.Abs(x)), sp.log(x)), [LT(x, 0)], "F", {x: -1}),
    ("sg2-sqrt-exp", EQ(sp.sqrt(sp.exp(2 * u)), sp.exp(u)), [], "F", {u: pi * sp.I}),
    ("sg2-abs-sq", EQ(sp.Abs(u) ** 2, u ** 2), [], "F", {u: sp.I}),
    ("sg2-prod-gt1", GT(sp.Product(1 + x ** 2, (k, 1, n)), 1), [], "F", {x: 0}),
    ("sg2-prod-pow", EQ(sp.Product(x, (k, 1, n)), x ** (n - 1)), [], "F", {n: 1, x: 2}),
    ("sg2-prod-log-elem", EQ(sp.log(sp.Product(z[k], (k, 1, n))), S(sp.log(z[k]))), [GT(z[n], 0)],
     "F", {n: 3, z[1]: -1, z[2]: -1, z[3]: 1}),
    ("sg2-cs-strict", GT(n * S(z[k] ** 2), S(z[k]) ** 2), [], "F", {n: 1, z[1]: 1}),
    ("sg2-sq-sum", GE(S(z[k]) ** 2, S(z[k] ** 2)), [], "F", {n: 2, z[1]: 1, z[2]: -1}),
    ("sg2-from0", GT(S(sp.exp(z[k]), 0, n - 1), sp.exp(z[0])), [], "F", {n: 1, z[0]: 0}),
    ("sg2-d-beyond", EQ(D(S(z[k]), z[3]), 1), [], "F", {n: 2}),
    ("sg2-d-range-m", EQ(D(S(w[j, i] * a[i], 1, m, i), w[j, k]), a[k]), [], "F", {n: 2, m: 1, j: 1, k: 2, a[2]: 1}),
    ("sg2-d-abs3", EQ(D(sp.Abs(x) ** 3, x), 3 * x ** 2), [], "F", {x: -1}),
    ("sg2-d-logabs", EQ(D(sp.log(sp.Abs(x)), x), 1 / sp.Abs(x)), [NE(x, 0)], "F", {x: -1}),
    ("sg2-d-relu", EQ(D(sp.Max(x, 0) ** 2, x), 2 * x), [], "F", {x: -1}),
    ("sg2-parity-real", NE(2 * x + 1, 2 * y), [], "F", {x: 0, y: R(1, 2)}),
    ("sg2-exp-taylor-t", GT(sp.exp(x) - 1 - x - x ** 2 / 2, 0), [GT(x, 0)], "T", None),
    ("sg2-log-bound-t", GE(sp.log(x) - 1 + 1 / x, 0), [GT(x, 0)], "T", None),
    ("sg2-log1p-t", GT(x - sp.log(1 + x), 0), [GT(x, 0)], "T", None),
    ("sg2-tanh-x-t", LT(sp.tanh(x), x), [GT(x, 0)], "T", None),
    ("sg2-tanh-sig-t", EQ(sp.tanh(x), 2 * sig(2 * x) - 1), [], "T", None),
    ("sg2-logsig-t", EQ(sp.log(sig(x)), -sp.log(1 + sp.exp(-x))), [], "T", None),
    ("sg2-sig-sym-t", EQ(1 - sig(x), sig(-x)), [], "T", None),
    ("sg2-exp-halflog-t", EQ(sp.exp(sp.log(x) / 2), sp.sqrt(x)), [LT(x, 0)], "T", None),
    ("sg2-sqrt-exp-t", EQ(sp.sqrt(sp.exp(2 * x)), sp.exp(x)), [], "T", None),
    ("sg2-abs-re-t", GE(sp.Abs(u), sp.re(u)), [], "T", None),
    ("sg2-prod-ge1-t", GE(sp.Product(1 + x ** 2, (k, 1, n)), 1), [], "T", None),
    ("sg2-prod-pow-t", EQ(sp.Product(x, (k, 1, n)), x ** n), [], "T", None),
    ("sg2-prod-exp-t", EQ(sp.Product(sp.exp(z[k]), (k, 1, n)), sp.exp(S(z[k]))), [], "T", None),
    ("sg2-prod-log-t", EQ(sp.log(sp.Product(z[k], (k, 1, n))), S(sp.log(z[k]))), [GT(z[j], 0)], "T", None),
    ("sg2-cs-t", GE(n * S(z[k] ** 2), S(z[k]) ** 2), [], "T", None),
    ("sg2-sq-sum-t", GE(S(z[k]) ** 2, S(z[k] ** 2)), [GE(z[j], 0)], "T", None),
    ("sg2-dev-t", EQ(S(z[k] - S(z[i], 1, n, i) / n), 0), [], "T", None),
    ("sg2-from0-t", GT(S(sp.exp(z[k]), 0, n), sp.exp(z[0])), [], "T", None),
    ("sg2-d-zero-t", EQ(D(S(z[k], 0, n), z[0]), 1), [], "T", None),
    ("sg2-d-sq-t", EQ(D(S(z[k] ** 2), z[j]), 2 * z[j]), [], "T", None),
    ("sg2-d-abs3-t", EQ(D(sp.Abs(x) ** 3, x), 3 * x * sp.Abs(x)), [], "T", None),
    ("sg2-d-logabs-t", EQ(D(sp.log(sp.Abs(x)), x), 1 / x), [NE(x, 0)], "T", None),
    ("sg2-d-log-neg-t", EQ(D(sp.log(x), x), 1 / x), [LT(x, 0)], "T", None),
    ("sg2-d-sqrt-neg-t", EQ(D(sp.sqrt(x), x), 1 / (2 * sp.sqrt(x))), [LT(x, 0)], "T", None),
    ("sg2-parity-t", NE(2 * a_ + 1, 2 * b_), [], "T", None),
    ("sg2-int-real-t", GE(a_ * x, 0), [GE(a_, 0), GE(x, 0)], "T", None),
    ("con2-int-sq", None, [EQ(a_ ** 2, 2)], "V", None),
    ("con2-int-parity", None, [EQ(2 * a_ + 2 * b_, 1)], "V", None),
    ("con2-prime-one", None, [EQ(pr, 1)], "V", None),
    ("con2-family-sum", None, [GT(z[j], 0), LE(S(z[k]), 0)], "V", None),
    # -- an element at an index another hypothesis constrains is that element, for every certificate ------
    ("elem-ne1-k", GT(z[k], 0), [GT(z[j], 0), NE(j, 1)], "F", {n: 2, j: 2, k: 1, z[1]: -1, z[2]: 1}),
    ("elem-ne1-sum", GT(z[k] + z[j], 0), [GT(z[j], 0), NE(j, 1)], "F", {n: 2, j: 2, k: 1, z[1]: -5, z[2]: 1}),
    ("elem-ge2-sq", GT(z[k] ** 2 + z[k], 0), [GT(z[j], 0), GE(j, 2)], "F", {n: 2, j: 2, k: 1, z[1]: -R(1, 2), z[2]: 1}),
    ("elem-eq2", GT(z[k], 0), [GT(z[j], 0), EQ(j, 2)], "F", {n: 2, j: 2, k: 1, z[1]: -1, z[2]: 1}),
    ("elem-nejk", GT(z[k] * x, 0), [GT(z[j], 0), NE(j, k), GT(x, 0)], "F", {n: 2, j: 1, k: 2, x: 1, z[1]: 1, z[2]: -1}),
    ("elem-lt-k", GE(z[k] - z[j], 0), [GT(z[j], 1), LT(j, k)], "F", {n: 2, j: 1, k: 2, z[1]: 2, z[2]: 0}),
    ("elem-ne1-self-t", GT(z[j] ** 3 + z[j], 0), [GT(z[j], 0), NE(j, 1)], "T", None),
    ("elem-eq2-self-t", GT(z[j] * x, 0), [GT(z[j], 0), EQ(j, 2), GT(x, 0)], "T", None),
    # -- contradictory sets ---------------------------------------------------------------------------
    ("con-even-gap", None, [GT(me, 0), LT(me, 2)], "V", None),
    ("con-odd-two", None, [EQ(mo, 2)], "V", None),
    ("con-nz-zero", None, [EQ(xnz, 0)], "V", None),
    ("con-rat-sqrt2", None, [EQ(xq ** 2, 2)], "V", None),
    ("con-pos-sq", None, [EQ(X ** 2, 0)], "V", None),
    ("con-pos-shift", None, [LT(X + 1, 1)], "V", None),
    ("con-exp-zero", None, [EQ(sp.exp(x), 0)], "V", None),
    ("con-exp-neg", None, [LT(sp.exp(x), 0)], "V", None),
    ("con-abs", None, [EQ(sp.Abs(x) + 1, 0)], "V", None),
    ("con-sum-neg", None, [LT(S(sp.exp(z[k])), 0)], "V", None),
    ("con-family-one", None, [GT(z[j], 0), LT(z[1], 0)], "V", None),
    ("con-chain", None, [GE(x, y), GE(y, v), GT(v, x)], "V", None),
    ("con-parity", None, [EQ(ke, mo)], "V", None),
    ("con-int-chain", None, [GT(a_, b_), LT(a_, b_ + 1)], "V", None),
    ("con-n-lt1", None, [LT(n, 1)], "V", None),
    ("con-floor", None, [EQ(sp.floor(x), 1), LT(x, 1)], "V", None),
]

FALSE = [(c[0], c[1], c[2]) for c in CLAIMS if c[3] == "F"]
TRUE = [(c[0], c[1], c[2]) for c in CLAIMS if c[3] == "T"]
CONTRADICTORY = [(c[0], c[2]) for c in CLAIMS if c[3] == "V"]
POINTS = [(c[0], c[1], c[2], c[4]) for c in CLAIMS if c[3] == "F" and c[4] is not None]
INTEGERS = {i: n, j: n, k: n, q: m}      # the declared indices and their ranges
SIZES = (n, m)


def test_the_bank_is_as_large_as_promised_and_every_item_distinct():
    assert len(FALSE) >= 120 and len(TRUE) >= 60 and len(CONTRADICTORY) >= 10
    names = [c[0] for c in CLAIMS]
    assert len(names) == len(set(names))
    statements = [(sp.srepr(c[1]), tuple(map(sp.srepr, c[2]))) for c in CLAIMS if c[3] != "V"]
    assert len(statements) == len(set(statements))
    for name, statement, _ in FALSE + TRUE:        # SymPy did not decide a statement when it was built
        assert isinstance(statement, (sp.Rel, sp.And)), name


# -- the mathematics, checked independently (mpmath through SymPy's N, 60 digits) -------------------

DIGITS = 150


def _number(e, digits=DIGITS):
    value = sp.N(e, digits)
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not value.is_number:
        return None
    return value


def _close(p, r, digits=DIGITS) -> bool:
    return bool(abs(sp.N(p - r, digits)) <= sp.Float(10) ** (-digits + 15) * (1 + abs(p) + abs(r)))


def _truth(rel, point, digits=DIGITS):
    """Whether the relation holds at the point (None: a side is undefined there). Integers first
    (sums and derivatives then have concrete ranges), then SymPy's doit on the concrete terms, then
    the real values, evaluated with mpmath at 60 digits; a family's hypothesis (on z_j at a
    declared index j) at every index of its range."""
    if isinstance(rel, sp.Or):
        parts = [_truth(r, point, digits) for r in rel.args]
        return None if None in parts else any(parts)
    if isinstance(rel, sp.And):
        parts = [_truth(r, point, digits) for r in rel.args]
        return None if None in parts else all(parts)
    if isinstance(rel, sp.Not):
        inner = _truth(rel.args[0], point, digits)
        return None if inner is None else not inner
    rel = _bound_apart(rel)
    ints = {s: sp.Integer(val) for s, val in point.items() if isinstance(s, sp.Symbol) and s in SIZES}
    sides = []
    for side in (rel.lhs, rel.rhs):
        e = side.xreplace(ints)
        e = e.xreplace({s: sp.Integer(val) for s, val in point.items()
                        if isinstance(s, sp.Symbol) and (s.is_integer or s in INTEGERS)})
        e = e.doit()
        e = e.xreplace({s: sp.sympify(val) for s, val in point.items()})
        e = e.xreplace({s: sp.Integer(0) for s in e.atoms(sp.Indexed)})     # elements the point leaves out
        sides.append(_number(e, digits))
    lhs, rhs = sides
    if lhs is None or rhs is None:
        return None
    if isinstance(rel, sp.Eq):
        return _close(lhs, rhs, digits)
    if isinstance(rel, sp.Ne):
        return not _close(lhs, rhs, digits)
    if sp.im(lhs) != 0 or sp.im(rhs) != 0:
        return False
    d = lhs - rhs
    return bool({sp.StrictGreaterThan: d > 0, sp.GreaterThan: d >= 0, sp.StrictLessThan: d < 0,
                 sp.LessThan: d <= 0}[type(rel)])


def _bound_apart(e):
    """e with every sum's and product's index renamed to a fresh one (so that a point's value of a
    free index of the same name does not enter the range)."""
    def walk(t):
        if isinstance(t, (sp.Sum, sp.Product)):
            body, limits = walk(t.function), []
            for var, lo, hi in reversed(t.limits):
                fresh = sp.Dummy(var.name, integer=True)
                body = body.xreplace({var: fresh})
                limits.append((fresh, walk(lo), walk(hi)))
            return t.func(body, *reversed(limits))
        if not t.args or isinstance(t, (sp.Symbol, sp.Indexed)):
            return t
        if isinstance(t, sp.Rel):
            return t.func(walk(t.lhs), walk(t.rhs), evaluate=False)
        return t.func(*(walk(a_) for a_ in t.args))
    return walk(e)


def _family_instances(rel, point, others=()):
    """A hypothesis on an element at a bare declared index (z_j, w_jk) at every index of its
    range, the other indices as the point gives them; an index that another hypothesis
    constrains (j != 1, j < k) names one element."""
    shapes = {x_.indices for x_ in rel.atoms(sp.Indexed)}
    bare = sorted({s for x_ in rel.atoms(sp.Indexed) for s in x_.indices if s in INTEGERS}
                  & rel.free_symbols, key=str)     # (sum_k y_k = 1: k is bound)
    constrained = any(s in (r.free_symbols - set().union(*(x_.free_symbols for x_ in r.atoms(sp.Indexed))))
                      for s in bare for r in [rel, *others])
    if not bare or constrained or len(shapes) != 1:     # z_j != z_k: those two elements only
        return [rel]
    spans = [range(1, int(sp.sympify(INTEGERS[s]).xreplace(point)) + 1) for s in bare]
    return [rel.xreplace(dict(zip(bare, map(sp.Integer, combo)))) for combo in itertools.product(*spans)]


def _declared_ok(point) -> bool:
    for s, val in point.items():
        val = sp.sympify(val)
        for key in ("integer", "rational", "irrational", "even", "odd", "prime", "zero", "nonzero",
                    "positive", "negative", "nonnegative", "real"):
            declared = getattr(s, f"is_{key}", None)
            if declared is not None and getattr(val, f"is_{key}") is not declared:
                return False
        if s in INTEGERS and not (1 <= val <= sp.sympify(INTEGERS[s]).xreplace(point)):
            return False
    return True


def _point(point):
    full = dict(point)
    for size in SIZES:
        full.setdefault(size, 1)
    return full


@pytest.mark.parametrize("name,statement,assumptions,point", POINTS, ids=[c[0] for c in POINTS])
def test_each_counterexample_meets_every_assumption_and_breaks_the_claim(name, statement, assumptions, point):
    point = _point(point)
    assert _declared_ok(point), name
    for rel in assumptions:
        for instance in _family_instances(rel, point, assumptions):
            assert _truth(instance, point) is True, f"{name}: {instance} fails at the point"
    assert _truth(statement, point) in (False, None), f"{name}: the claim holds at its counterexample"


_REALS = [sp.Integer(c) for c in (-3, -2, -1, 0, 1, 2, 3)] + [R(1, 2), -R(1, 2), R(7, 3), -R(5, 4), R(1, 10)]


def _samples(statement, assumptions, count=12, seed=0):
    """Points meeting the assumptions (rejection sampling over small integers and rationals)."""
    rng = random.Random(seed)
    atoms = set()
    for e in [statement] + list(assumptions):
        atoms |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
    scalars = sorted((s for s in atoms if s not in SIZES), key=sp.srepr)
    bases = {x_.base for e in [statement] + list(assumptions) for x_ in e.atoms(sp.Indexed)}
    found, tries = [], 0
    while len(found) < count and tries < 1500:
        tries += 1
        point = {n: rng.randint(1, 3), m: rng.randint(1, 3)}
        for s in scalars:
            if s in INTEGERS:
                point[s] = rng.randint(1, 3)
            elif s.is_integer or s.is_even or s.is_odd or s.is_prime:
                point[s] = rng.randint(-4, 7)
            elif s.is_irrational:
                point[s] = rng.choice([sp.sqrt(2), -sp.sqrt(3), pi, sp.sqrt(5) / 2])
            else:
                point[s] = rng.choice(_REALS)
        for base in bases:
            top = 4
            for i_ in range(0, top + 1):
                point[base[i_]] = rng.choice(_REALS)
                for k_ in range(0, top + 1):
                    point[base[i_, k_]] = rng.choice(_REALS)
        if not _declared_ok(point):
            continue
        if all(_truth(inst, point, 40) is True for rel in assumptions
               for inst in _family_instances(rel, point, assumptions)):
            found.append(point)
    return found


CHECKABLE_TRUE = [(c[0], c[1], c[2]) for c in CLAIMS if c[3] == "T" and not isinstance(c[1].lhs, sp.Limit)]


@pytest.mark.slow
@pytest.mark.parametrize("name,statement,assumptions", CHECKABLE_TRUE, ids=[c[0] for c in CHECKABLE_TRUE])
def test_each_true_claim_holds_at_sampled_points(name, statement, assumptions):
    points = _samples(statement, assumptions)
    assert len(points) >= 5, f"{name}: too few admissible points sampled"
    for point in points:
        assert _truth(statement, point, 40) in (True, None), f"{name}: fails at {point}"


# -- the kernel ------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name,statement,assumptions", FALSE, ids=[c[0] for c in FALSE])
def test_no_false_claim_of_the_third_bank_is_proved(name, statement, assumptions):
    assert_not_proved(name, statement, assumptions)


@pytest.mark.slow
@pytest.mark.parametrize("name,statement,assumptions", TRUE, ids=[c[0] for c in TRUE])
def test_no_true_claim_of_the_third_bank_is_refuted(name, statement, assumptions):
    assert_not_refuted(name, statement, assumptions)


@pytest.mark.slow
@pytest.mark.parametrize("name,assumptions", CONTRADICTORY, ids=[c[0] for c in CONTRADICTORY])
def test_contradictory_assumptions_neither_prove_nor_refute(name, assumptions):
    assert_no_verdict_from(name, assumptions, (GT(x, 0), EQ(x + 1, x)))
