"""The adversarial bank of the trusted kernel (issue 18): false claims, true claims, and
contradictory assumption sets, each a genuine, distinct proposition for `derivations.proof.prove`.

Each item is (id, statement, assumptions). Families are generated where that helps, but every
item differs in what it claims. Classes (the ids' prefixes):
  elem   an assumption on one element at a symbolic index (z_n, z_{j+1}, w_{j1}) is not a family's
  const  transcendental constants (e^100, e^50.5, pi^20) against exact rationals near them
  root   >= / <= with a root within 1e-50 .. 1e-80 of an open end
  closed closed families / intervals against half-open ones
  cplx   plain (complex) symbols in order relations
  osc    oscillating or undefined limits
  sumd   derivatives of sums with colliding indices, hidden by a factor vanishing at n in {1,2,3,7,50}
  int    integer facts, and counterexamples that break a symbol's own assumptions
  log    the logarithm rules' side conditions (ln(uv) = ln u + ln v only for u, v > 0)
  misc   claims found by attacking the kernel itself
  lim    limits against the rule ln B ~ B - 1 and dominant terms (wrong constants, one side, oscillation)
  box    signs against branch and bound (a grid's gaps, just outside the box, dips of width 1e-8)
  undef  signs of expressions undefined at an admissible point
  famc   a hypothesis at an index another assumption narrows (2 <= j) is not the family's
"""
from __future__ import annotations

import mpmath
import sympy as sp

x, y, t = sp.symbols("x y t", real=True)
u, v = sp.symbols("u v")                         # plain: complex
p = sp.Symbol("p", positive=True)
n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True)
j, k, i = sp.symbols("j k i", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
w = sp.IndexedBase("w", real=True)
b = sp.IndexedBase("b", real=True)
c = sp.IndexedBase("c", real=True)

NE = lambda a, b_: sp.Ne(a, b_, evaluate=False)      # noqa: E731
GT = lambda a, b_: sp.Gt(a, b_, evaluate=False)      # noqa: E731
GE = lambda a, b_: sp.Ge(a, b_, evaluate=False)      # noqa: E731
LT = lambda a, b_: sp.Lt(a, b_, evaluate=False)      # noqa: E731
LE = lambda a, b_: sp.Le(a, b_, evaluate=False)      # noqa: E731
EQ = lambda a, b_: sp.Eq(a, b_, evaluate=False)      # noqa: E731


def _floor_exp(a: sp.Expr) -> sp.Integer:
    with mpmath.workdps(200):
        return sp.Integer(int(mpmath.floor(mpmath.mpf(sp.N(a, 200).__str__()))))


def false_claims() -> list:
    out = []
    # -- elem: an element's assumption is not the family's -----------------------------------
    for base in (z, w, b, c):
        for given, other in ((base[n], base[1]), (base[n], base[2]), (base[j + 1], base[j]), (base[j + 1], base[1]),
                             (base[2 * j], base[j]), (base[n - 1], base[n]), (base[m], base[j]),
                             (base[j, 1], base[j, 2]), (base[1, j], base[2, j]), (base[n], base[n + 1])):
            out.append((f"elem-{base}-{given}-{other}", GT(other, 0), [GT(given, 0)]))
    for base in (z, w):
        out.append((f"elem-sum-{base}", GT(sp.Sum(base[i], (i, 1, n)), 0), [GT(base[n], 0)]))
        out.append((f"elem-bound-{base}", LT(base[1], 1), [LT(base[n], 1), GT(base[n], 0)]))
        out.append((f"elem-exp-{base}", GT(sp.exp(base[1]), 1), [GT(base[j + 1], 0)]))
    # -- const: transcendental constants -----------------------------------------------------
    for e in (100, 80, 60, sp.Rational(101, 2), sp.Rational(201, 4), 45, 33, 27):
        f = _floor_exp(sp.exp(e))
        out.append((f"const-below-{e}", LT(sp.exp(e), f), []))
        out.append((f"const-above-{e}", GT(sp.exp(e), f + 1), []))
        out.append((f"const-eq-{e}", EQ(sp.exp(e), f), []))
        out.append((f"const-var-{e}", GT(x, f + 1), [GT(x, sp.exp(e))]))
    for e in (20, 15):
        f = _floor_exp(sp.pi ** e)
        out.append((f"const-pi-below-{e}", LT(sp.pi ** e, f), []))
        out.append((f"const-pi-above-{e}", GT(sp.pi ** e, f + 1), []))
    # -- root: a root within 1e-50 of an open end --------------------------------------------
    for d in (50, 60, 70, 80):
        r = sp.Rational(1, 10 ** d)
        out.append((f"root-ge-{d}", GE(x - r, 0), [GT(x, 0)]))
        out.append((f"root-le-{d}", LE(x - 1 + r, 0), [LT(x, 1), GT(x, 0)]))
        out.append((f"root-sq-{d}", GE(x * (x - r), 0), [GT(x, 0)]))
        out.append((f"root-gt-{d}", GT(x - r, 0), [GT(x, 0), LT(x, 1)]))
        out.append((f"root-quad-{d}", GE((x - r) * (x - 2 * r), 0), [GT(x, 0)]))
    # -- closed: a closed end is a value ------------------------------------------------------
    for lo, hi in ((0, 1), (-1, 1), (2, 5), (sp.Rational(1, 3), sp.Rational(2, 3))):
        out.append((f"closed-lo-{lo}-{hi}", GT(x, lo), [GE(x, lo), LE(x, hi)]))
        out.append((f"closed-hi-{lo}-{hi}", LT(x, hi), [GE(x, lo), LE(x, hi)]))
        out.append((f"closed-fam-lo-{lo}-{hi}", GT(z[j], lo), [GE(z[j], lo), LE(z[j], hi)]))
        out.append((f"closed-fam-hi-{lo}-{hi}", LT(z[j], hi), [GE(z[j], lo), LE(z[j], hi)]))
        out.append((f"closed-prod-{lo}-{hi}", GT((x - lo) * (hi - x), 0), [GE(x, lo), LE(x, hi)]))
    # -- cplx: plain symbols are complex ------------------------------------------------------
    out += [
        ("cplx-sq", GE(u ** 2, 0), []),
        ("cplx-sq-rel", GE(u ** 2, 0), [GT(u + v, 0)]),
        ("cplx-sum-sq", GT(u ** 2 + v ** 2, 0), [GT(u * v, 0)]),
        ("cplx-prod", GT(u, 0), [GT(u * v, 0)]),
        ("cplx-sq-diff", GE(u ** 2 - v ** 2, 0), [GT(u * v, 0)]),
        ("cplx-abs", EQ(sp.Abs(u) ** 2, u ** 2), []),
        ("cplx-exp", GT(sp.exp(u), 0), []),
        ("cplx-sqrt", EQ(sp.sqrt(u ** 2), u), [GT(u * v, 0)]),
        ("cplx-log", EQ(sp.log(sp.exp(u)), u), []),
        ("cplx-sq-sum", GE(u ** 2 + 1, 0), [GT(u + v, 0)]),
        ("cplx-real-part", GT(u ** 2, 0), [NE(u, 0)]),
        ("cplx-quad", GE(u ** 4, 0), [GT(u * v, 0)]),
    ]
    # -- osc: oscillating or undefined limits ------------------------------------------------
    X = sp.Symbol("X", positive=True)
    out += [
        ("osc-abscos", EQ(sp.Limit(sp.Abs(sp.cos(X)) ** (1 / X), X, sp.oo), 1), []),
        ("osc-cos", EQ(sp.Limit(sp.cos(X), X, sp.oo), 0), []),
        ("osc-sin", EQ(sp.Limit(sp.sin(X), X, sp.oo), 0), []),
        ("osc-cos2", EQ(sp.Limit(sp.cos(X) ** 2, X, sp.oo), sp.Rational(1, 2)), []),
        ("osc-sin-x", EQ(sp.Limit(X * sp.sin(X), X, sp.oo), sp.oo), []),
        ("osc-sin-inv", EQ(sp.Limit(sp.sin(1 / t), t, 0, "+"), 0), []),
        ("osc-cos-inv", EQ(sp.Limit(sp.cos(1 / t), t, 0, "+"), 1), []),
        ("osc-t-sin-inv2", EQ(sp.Limit(sp.sin(1 / t) / t, t, 0, "+"), 0), []),
        ("osc-abs-sin-pow", EQ(sp.Limit(sp.Abs(sp.sin(X)) ** (1 / X), X, sp.oo), 1), []),
        ("osc-cos-exp", EQ(sp.Limit(sp.exp(-X) + sp.cos(X), X, sp.oo), 0), []),
        ("osc-sin-sq", EQ(sp.Limit(sp.sin(X) ** 2, X, sp.oo), 0), []),
        ("osc-x-cos", EQ(sp.Limit(X * sp.cos(X), X, sp.oo), 0), []),
        ("osc-log-abs", EQ(sp.Limit(sp.log(2 + sp.cos(X)), X, sp.oo), sp.log(2)), []),
        ("osc-one-sided", EQ(sp.Limit(1 / t, t, 0, "+-"), sp.oo), []),
        ("osc-sign", EQ(sp.Limit(t / sp.Abs(t), t, 0, "+-"), 1), []),
    ]
    # -- sumd: derivatives of sums, indices colliding, hidden by vanishing factors ----------
    hide = (n - 1) * (n - 2) * (n - 3) * (n - 7) * (n - 50)
    for f in (sp.exp, lambda e: e ** 2, lambda e: e ** 3, sp.sin, lambda e: sp.exp(2 * e)):
        body = sp.Sum(f(z[k]), (k, 1, n))
        out.append((f"sumd-whole-{f(x)}", EQ(sp.Derivative(body, z[k]) * hide, body * hide), []))
        out.append((f"sumd-zero-{f(x)}", EQ(sp.Derivative(body, z[k]) * hide, 0), []))
        out.append((f"sumd-n-{f(x)}", EQ(sp.Derivative(body, z[k]) * hide, n * sp.diff(f(x), x).subs(x, z[k]) * hide), []))
    # -- int: integers, and points that break a symbol's assumptions -------------------------
    out += [
        ("int-pos-prod", GT(n * (n - 1), 0), []),
        ("int-gt-two", GT(n, 1), []),
        ("int-sq-ne", NE(n ** 2 - 4, 0), []),
        ("int-even", NE(n ** 2 - 3 * n + 2, 0), []),
        ("int-m-sq", GT(m ** 2, 0), []),
        ("int-m-abs", GE(m, 0), []),
        ("int-cube", GT(n ** 3 - 8, 0), []),
        ("int-recip", LT(1 / n, 1), []),
        ("int-half", NE(2 * m - 4, 0), []),
        ("int-frac", GT(n - sp.Rational(1, 2), 1), []),
    ]
    for q in range(2, 12):
        out.append((f"int-ne-{q}", NE(n - q, 0), []))
        out.append((f"int-lt-{q}", LT(n, q), []))
    # -- log: the side conditions of the logarithm rules ------------------------------------
    out += [
        ("log-prod", EQ(sp.log(x * y), sp.log(x) + sp.log(y)), [LT(x, 0), LT(y, 0)]),
        ("log-pow", EQ(sp.log(x ** 2), 2 * sp.log(x)), [LT(x, 0)]),
        ("log-quot", EQ(sp.log(x / y), sp.log(x) - sp.log(y)), [LT(x, 0), LT(y, 0)]),
        ("log-sq-plain", EQ(sp.log(u ** 2), 2 * sp.log(u)), []),
        ("log-sqrt", EQ(sp.sqrt(x ** 2), x), []),
        ("log-pow-half", EQ((x ** 2) ** sp.Rational(1, 2), x), [LT(x, 1)]),
        ("log-prod3", EQ(sp.log(x * y * t), sp.log(x) + sp.log(y) + sp.log(t)), [LT(x, 0), LT(y, 0), GT(t, 0)]),
        ("log-of-sq", EQ(sp.log(x ** 4), 4 * sp.log(x)), [LT(x, -1)]),
    ]
    # -- misc: identities and signs that are off by a little --------------------------------
    sig = 1 / (1 + sp.exp(-x))
    out += [
        ("misc-sigmoid-deriv", EQ(sp.Derivative(sig, x), sig * (1 + sig)), []),
        ("misc-sigmoid-bound", LT(sig * (1 - sig), sp.Rational(1, 4)), []),
        ("misc-softmax-sum", EQ(sp.Sum(sp.exp(z[k]) / sp.Sum(sp.exp(z[i]), (i, 1, n)), (k, 1, n + 1)), 1), []),
        ("misc-am-gm", GT(x ** 2 + y ** 2, 2 * x * y), []),
        ("misc-exp-ineq", GT(sp.exp(x), 1 + x), []),
        ("misc-log-ineq", LT(sp.log(p), p - 1), []),
        ("misc-sq", GT(x ** 2 - 2 * x + 1, 0), []),
        ("misc-quad", GE(x ** 2 - x, 0), []),
        ("misc-div", EQ((x ** 2 - 1) / (x - 1), x), []),
        ("misc-sum-range", EQ(sp.Sum(1, (k, 1, n)), n + 1), []),
        ("misc-sum-rev", GT(sp.Sum(sp.exp(z[k]), (k, 1, n - 1)), 0), []),
        ("misc-cross", EQ(sp.Derivative(-y * sp.log(x) - (1 - y) * sp.log(1 - x), x), (x - y) / x), [GT(x, 0), LT(x, 1)]),
    ]
    out += _false_against_limit_and_box_rules()
    for q in range(1, 21):
        out.append((f"misc-poly-{q}", GE(x ** 2 - q * x + q * q / 5, 0), []))
    for q in range(2, 12):
        out.append((f"misc-lin-{q}", GT(q * x - 1, 0), [GT(x, 0)]))
        out.append((f"misc-exp-lt-{q}", LT(sp.exp(x), q), [LT(x, sp.log(q) + sp.Rational(1, 10))]))
    return out


X_ = sp.Symbol("X", positive=True)
c_ = sp.Symbol("c", positive=True)
_soft2 = sp.exp(c_ * z[1]) / (sp.exp(c_ * z[1]) + sp.exp(c_ * z[2]))
_soft3 = sp.exp(c_ * z[1]) / (sp.exp(c_ * z[1]) + sp.exp(c_ * z[2]) + sp.exp(c_ * z[3]))
_dip = 1 - 2 / (1 + (10 ** 8 * (x - sp.Rational(1, 3))) ** 2)       # negative only within ~1e-8 of 1/3


def _box(lo, hi, var=None):
    var = x if var is None else var
    return [GE(var, lo), LE(var, hi)]


def _false_against_limit_and_box_rules() -> list:
    """lim:  limits that look right but are not (wrong constant, one-sided against two-sided,
             oscillating factors, approaches where the function is undefined), against the rule
             ln B ~ B - 1 and dominant terms;
       box:  signs true on a sampled grid but false between its points or just outside the box,
             or with a dip of width 1e-8, against branch and bound;
       undef: signs of expressions undefined at an admissible point;
       famc: a hypothesis at an index that another assumption constrains is not the family's."""
    return [
        ("lim-log1x-2", EQ(sp.Limit(sp.log(1 + x) / x, x, 0, "+"), 2), []),
        ("lim-log1x-half", EQ(sp.Limit(sp.log(1 + x) / x, x, 0, "+-"), sp.Rational(1, 2)), []),
        ("lim-e-3", EQ(sp.Limit((1 + x) ** (1 / x), x, 0, "+"), 3), []),
        ("lim-e-2x", EQ(sp.Limit((1 + 2 / X_) ** X_, X_, sp.oo), sp.E), []),
        ("lim-e-sq", EQ(sp.Limit((1 + x) ** (1 / x ** 2), x, 0, "+"), sp.E), []),
        ("lim-e-sq2", EQ(sp.Limit((1 + x ** 2) ** (1 / x), x, 0, "+-"), sp.E), []),
        ("lim-x-log-2", EQ(sp.Limit(X_ * sp.log(1 + 2 / X_), X_, sp.oo), 1), []),
        ("lim-log-sq-x", EQ(sp.Limit(sp.log(1 + x ** 2) / x, x, 0, "+-"), 1), []),
        ("lim-log-two-sided", EQ(sp.Limit(sp.log(1 + x) / x ** 2, x, 0, "+-"), sp.oo), []),
        ("lim-log-ratio", EQ(sp.Limit(sp.log(1 + x) / sp.log(1 + 2 * x), x, 0, "+"), 1), []),
        ("lim-log-log", EQ(sp.Limit(sp.log(sp.log(1 + x) + 1) / x, x, 0, "+"), 0), []),
        ("lim-log-far", EQ(sp.Limit(sp.log(X_) / (X_ - 1), X_, sp.oo), 1), []),
        ("lim-log-near", EQ(sp.Limit(sp.log(1 + x) / x, x, 0, "+"), 1 + sp.Rational(1, 10 ** 40)), []),
        ("lim-log-osc", EQ(sp.Limit(sp.log(1 + x * sp.sin(1 / x)) / x, x, 0, "+"), 0), []),
        ("lim-log-undefined", EQ(sp.Limit(sp.log(1 + x) / x, x, -1, "+"), 0), []),
        ("lim-exp-minus-one", EQ(sp.Limit((sp.exp(x) - 1) / x, x, 0, "+-"), 2), []),
        ("lim-exp-left", EQ(sp.Limit(sp.exp(1 / x), x, 0, "+-"), 0), []),
        ("lim-abs-ratio", EQ(sp.Limit(sp.Abs(x) / x, x, 0, "+"), -1), []),
        ("lim-step", EQ(sp.Limit(sp.Piecewise((1, x > 0), (0, True)), x, 0, "+-"), 1), []),
        ("lim-floor", EQ(sp.Limit(sp.floor(x), x, 0, "+-"), 0), []),
        ("lim-soft-tie", EQ(sp.Limit(_soft2, c_, sp.oo), 1), [GE(z[1], z[2])]),
        ("lim-soft-lose", EQ(sp.Limit(_soft2, c_, sp.oo), 1), [LT(z[1], z[2])]),
        ("lim-soft3-partial", EQ(sp.Limit(_soft3, c_, sp.oo), 1), [GT(z[1], z[2])]),
        ("lim-soft-cold", EQ(sp.Limit(_soft2, c_, 0, "+"), 1), [GT(z[1], z[2])]),
        ("lim-softn-cold", EQ(sp.Limit(sp.exp(c_ * z[j]) / sp.Sum(sp.exp(c_ * z[k]), (k, 1, n)), c_, 0, "+"), 1), []),
        ("box-cos-outside", GT(sp.cos(x), 0), _box(-1, sp.Rational(16, 10))),
        ("box-cos-open", GT(sp.cos(x), 0), [GT(x, -sp.Rational(158, 100)), LT(x, sp.Rational(158, 100))]),
        ("box-log-outside", GT(sp.log(x) - x + 2, 0), _box(sp.Rational(1, 2), 4)),
        ("box-grid", GT(sp.sin(1000 * x) + 1, 0), _box(0, 1)),
        ("box-dip", GT(_dip, 0), _box(0, 1)),
        ("box-dip-ge", GE(_dip, 0), _box(0, 1)),
        ("box-2d", GT(x ** 2 + y ** 2 - x * y - sp.Rational(1, 10 ** 9), 0), _box(-1, 1) + _box(-1, 1, y)),
        ("box-max", GT(sp.Max(x, -x) - sp.Rational(1, 10 ** 6), 0), _box(-1, 1)),
        ("box-pw", GT(sp.Piecewise((x, x > 0), (-x, True)) - sp.Rational(1, 10 ** 6), 0), _box(-1, 1)),
        ("box-floor", GT(sp.floor(x) + sp.Rational(1, 2), 0), _box(0, 1)),
        ("box-sqrt", GE(sp.sqrt(x) + 1, 0), _box(-1, -sp.Rational(1, 2))),
        ("box-huge", GT(sp.exp(100 * x) - sp.exp(100) * x ** 100, 0), _box(sp.Rational(1, 2), 2)),
        ("box-sigmoid", LT(sp.exp(x) / (1 + sp.exp(x)) ** 2, sp.Rational(1, 4)), _box(-10, 10)),
        ("undef-inv-sq", GE(1 / x ** 2, 0), []),
        ("undef-inv-sq-plus", GT(1 + 1 / x ** 2, 0), []),
        ("undef-abs-inv", GE(sp.Abs(1 / x), 0), []),
        ("undef-inv-abs", GT(1 / sp.Abs(x), 0), []),
        ("undef-inv-sum-sq", GE(1 / (x ** 2 + y ** 2), 0), []),
        ("famc-lower", GT(z[1], 0), [GT(z[j], 0), GE(j, 2), LE(j, n)]),
        ("famc-ne", GT(z[1], 0), [GT(z[j], 0), NE(j, 1)]),
        ("famc-upper", GT(z[n], 0), [GT(z[j], 0), LT(j, n)]),
        ("famc-sum", GT(sp.Sum(sp.exp(z[k]) - 1, (k, 1, n)), 0), [GT(z[j], 0), GE(j, 2)]),
    ]


def true_claims() -> list:
    sig = 1 / (1 + sp.exp(-x))
    soft = lambda q: sp.exp(z[q]) / sp.Sum(sp.exp(z[i]), (i, 1, n))        # noqa: E731
    out = [
        ("t-sigmoid-deriv", EQ(sp.Derivative(sig, x), sig * (1 - sig)), []),
        ("t-sigmoid-pos", GT(sig, 0), []),
        ("t-sigmoid-lt1", LT(sig, 1), []),
        ("t-sigmoid-bound", LE(sig * (1 - sig), sp.Rational(1, 4)), []),
        ("t-sigmoid-sym", EQ(1 - sig, 1 / (1 + sp.exp(x))), []),
        ("t-softmax-pos", GT(soft(j), 0), []),
        ("t-softmax-sum", EQ(sp.Sum(soft(k), (k, 1, n)), 1), []),
        ("t-softmax-shift", EQ(sp.exp(z[j] + x) / sp.Sum(sp.exp(z[i] + x), (i, 1, n)), soft(j)), []),
        ("t-softmax-jac", EQ(sp.Derivative(soft(j), z[k]), soft(j) * (sp.KroneckerDelta(j, k) - soft(k))), []),
        ("t-sum-deriv", EQ(sp.Derivative(sp.Sum(sp.exp(z[k]), (k, 1, n)), z[k]), sp.exp(z[k])), []),
        ("t-sum-deriv-j", EQ(sp.Derivative(sp.Sum(z[i] ** 2, (i, 1, n)), z[j]), 2 * z[j]), []),
        ("t-log-softmax", EQ(sp.log(soft(j)), z[j] - sp.log(sp.Sum(sp.exp(z[i]), (i, 1, n)))), []),
        ("t-log-prod", EQ(sp.log(x * y), sp.log(x) + sp.log(y)), [GT(x, 0), GT(y, 0)]),
        ("t-log-pow", EQ(sp.log(x ** 3), 3 * sp.log(x)), [GT(x, 0)]),
        ("t-log-exp", EQ(sp.log(sp.exp(x)), x), []),
        ("t-exp-log", EQ(sp.exp(sp.log(p)), p), []),
        ("t-exp-sum", EQ(sp.exp(x + y), sp.exp(x) * sp.exp(y)), []),
        ("t-exp-pos", GT(sp.exp(x), 0), []),
        ("t-sq-nonneg", GE(x ** 2, 0), []),
        ("t-am-gm", GE(x ** 2 + y ** 2, 2 * x * y), []),
        ("t-sq-plus", GT(x ** 2 + 1, 0), []),
        ("t-p-recip", GE(p + 1 / p, 2), []),
        ("t-cross-deriv", EQ(sp.Derivative(-y * sp.log(x) - (1 - y) * sp.log(1 - x), x), (x - y) / (x * (1 - x))),
         [GT(x, 0), LT(x, 1)]),
        ("t-cross-pos", GT(-y * sp.log(x) - (1 - y) * sp.log(1 - x), 0), [GT(x, 0), LT(x, 1), GT(y, 0), LT(y, 1)]),
        ("t-quad-deriv", EQ(sp.Derivative((x - y) ** 2 / 2, x), x - y), []),
        ("t-elem-self", GT(z[n], 0), [GT(z[n], 0)]),
        ("t-elem-plus", GT(z[n] + 1, 0), [GT(z[n], 0)]),
        ("t-elem-exp", GT(sp.exp(z[j + 1]), 1), [GT(z[j + 1], 0)]),
        ("t-elem-w", GT(w[j, 1] ** 2 + w[j, 1], 0), [GT(w[j, 1], 0)]),
        ("t-closed", GE(x, 0), [GE(x, 0), LE(x, 1)]),
        ("t-closed-prod", GE(x * (1 - x), 0), [GE(x, 0), LE(x, 1)]),
        ("t-open-prod", GT(x * (1 - x), 0), [GT(x, 0), LT(x, 1)]),
        ("t-e100", GT(sp.exp(100), _floor_exp(sp.exp(100))), []),
        ("t-e100-up", LT(sp.exp(100), _floor_exp(sp.exp(100)) + 1), []),
        ("t-e50h", GT(sp.exp(sp.Rational(101, 2)), _floor_exp(sp.exp(sp.Rational(101, 2)))), []),
        ("t-pi20", GT(sp.pi ** 20, _floor_exp(sp.pi ** 20)), []),
        ("t-root-ge", GE(x + sp.Rational(1, 10 ** 50), 0), [GT(x, 0)]),
        ("t-root-ge2", GE(x * (x + sp.Rational(1, 10 ** 60)), 0), [GT(x, 0)]),
        ("t-int-ge1", GE(n, 1), []),
        ("t-int-prod", GE(n * (n - 1), 0), []),
        ("t-int-sq", GE(m ** 2, 0), []),
        ("t-int-ne-half", NE(2 * n - 1, 0), []),
        ("t-int-no-sqrt2", NE(n ** 2 - 2, 0), []),
        ("t-int-no-sqrt3", NE(m ** 2 - 3, 0), []),
        ("t-int-recip", LE(1 / n, 1), []),
        ("t-int-sum", EQ(sp.Sum(1, (k, 1, n)), n), []),
        ("t-sum-const", EQ(sp.Sum(x, (k, 1, n)), n * x), []),
        ("t-sum-lin", EQ(sp.Sum(z[k] + 2 * b[k], (k, 1, n)), sp.Sum(z[k], (k, 1, n)) + 2 * sp.Sum(b[k], (k, 1, n))), []),
        ("t-sum-pos", GT(sp.Sum(sp.exp(z[k]), (k, 1, n)), 0), []),
        ("t-sum-sq", GE(sp.Sum(z[k] ** 2, (k, 1, n)), 0), []),
        ("t-delta-sum", EQ(sp.Sum(sp.KroneckerDelta(k, j) * z[k], (k, 1, n)), z[j]), []),
        ("t-lim-exp", EQ(sp.Limit(sp.exp(-t), t, sp.oo), 0), []),
        ("t-lim-sigmoid", EQ(sp.Limit(sig, x, sp.oo), 1), []),
        ("t-lim-sigmoid-neg", EQ(sp.Limit(sig, x, -sp.oo), 0), []),
        ("t-lim-poly", EQ(sp.Limit((2 * t ** 2 + 1) / (t ** 2 + 3), t, sp.oo), 2), []),
        ("t-lim-tlogt", EQ(sp.Limit(t * sp.log(t), t, 0, "+"), 0), []),
        ("t-lim-log1x", EQ(sp.Limit(sp.log(1 + t) / t, t, 0, "+"), 1), []),
        ("t-lim-e", EQ(sp.Limit((1 + t) ** (1 / t), t, 0, "+"), sp.E), []),
        ("t-lim-inv", EQ(sp.Limit(1 / t, t, 0, "+"), sp.oo), []),
        ("t-lim-exp-ratio", EQ(sp.Limit(sp.exp(2 * t) / (sp.exp(2 * t) + sp.exp(t)), t, sp.oo), 1), []),
    ]
    out += [
        ("t-lim-log1x-two", EQ(sp.Limit(sp.log(1 + x) / x, x, 0, "+-"), 1), []),
        ("t-lim-e-two", EQ(sp.Limit((1 + x) ** (1 / x), x, 0, "+-"), sp.E), []),
        ("t-lim-e-inf", EQ(sp.Limit((1 + 1 / X_) ** X_, X_, sp.oo), sp.E), []),
        ("t-lim-e2-inf", EQ(sp.Limit((1 + 2 / X_) ** X_, X_, sp.oo), sp.exp(2)), []),
        ("t-lim-x-log", EQ(sp.Limit(X_ * sp.log(1 + 2 / X_), X_, sp.oo), 2), []),
        ("t-lim-log-sq", EQ(sp.Limit(sp.log(1 + x ** 2) / x ** 2, x, 0, "+-"), 1), []),
        ("t-lim-log-ratio", EQ(sp.Limit(sp.log(1 + x) / sp.log(1 + 2 * x), x, 0, "+"), sp.Rational(1, 2)), []),
        ("t-lim-pow-sq", EQ(sp.Limit((1 + x ** 2) ** (1 / x), x, 0, "+-"), 1), []),
        ("t-lim-log-right", EQ(sp.Limit(sp.log(1 + x) / x ** 2, x, 0, "+"), sp.oo), []),
        ("t-lim-soft-hot", EQ(sp.Limit(_soft2, c_, sp.oo), 1), [GT(z[1], z[2])]),
        ("t-lim-soft-lose", EQ(sp.Limit(_soft2, c_, sp.oo), 0), [LT(z[1], z[2])]),
        ("t-lim-soft3-hot", EQ(sp.Limit(_soft3, c_, sp.oo), 1), [GT(z[1], z[2]), GT(z[1], z[3])]),
        ("t-lim-soft-cold", EQ(sp.Limit(_soft2, c_, 0, "+"), sp.Rational(1, 2)), []),
        ("t-box-cos", GT(sp.cos(x), 0), [GT(x, -sp.Rational(157, 100)), LT(x, sp.Rational(157, 100))]),
        ("t-box-log", GT(sp.log(x) - x + 2, 0), _box(sp.Rational(1, 2), 3)),
        ("t-box-xsin", GT(x * sp.sin(x) + 1, 0), _box(0, 3)),
        ("t-box-max", GT(sp.Max(x, -x) + sp.Rational(1, 10 ** 6), 0), _box(-1, 1)),
        ("t-box-pw", GT(sp.Piecewise((x, x > 0), (-x, True)) + sp.Rational(1, 10 ** 6), 0), _box(-1, 1)),
        ("t-box-sigmoid", LT(sp.exp(x) / (1 + sp.exp(x)) ** 2, sp.Rational(1, 4) + sp.Rational(1, 1000)), _box(-10, 10)),
        ("t-box-2d", GT(x ** 2 + y ** 2 - x * y + sp.Rational(1, 10 ** 3), 0), _box(-1, 1) + _box(-1, 1, y)),
        ("t-inv-sq-plus", GT(1 / (x ** 2 + 1), 0), []),
        ("t-famc-declared", GT(z[1], 0), [GT(z[j], 0), GE(j, 1), LE(j, n)]),
    ]
    for q in range(1, 21):
        out.append((f"t-poly-{q}", GE(x ** 2 - q * x + sp.Rational(q * q, 4), 0), []))
    for q in range(2, 12):
        out.append((f"t-lin-{q}", GT(q * x + 1, 0), [GT(x, 0)]))
        out.append((f"t-exp-lt-{q}", LT(sp.exp(x), q), [LT(x, sp.log(q) - sp.Rational(1, 10))]))
        out.append((f"t-int-ge-{q}", GE(n + q, q + 1), []))
    return out


def contradictory() -> list:
    return [
        ("v-interval", [GT(x, 1), LT(x, 0)]),
        ("v-closed", [GE(x, 1), LE(x, 0)]),
        ("v-point-open", [GT(x, 1), LT(x, 1)]),
        ("v-elem", [GT(z[1], 0), LT(z[1], 0)]),
        ("v-elem-sym", [GT(z[n], 1), LT(z[n], 0)]),
        ("v-order", [GT(x, y), GT(y, x)]),
        ("v-sq", [LT(x ** 2, 0)]),
        ("v-exp", [LT(sp.exp(x), 0)]),
        ("v-int-gap", [GT(n, 2), LT(n, 3)]),
        ("v-int-half", [GT(m, sp.Rational(1, 2)), LT(m, 1)]),
        ("v-pos-neg", [LT(p, 0)]),
        ("v-int-pos", [LT(n, 1)]),
        ("v-sum-sq", [LT(x ** 2 + y ** 2, 0)]),
        ("v-cycle", [GT(x, y), GT(y, t), GT(t, x)]),
        ("v-closed-open", [GE(x, 2), LT(x, 2)]),
        ("v-eq-ne", [EQ(x, 1), NE(x, 1)]),
        ("v-eq-gt", [EQ(x, 1), GT(x, 2)]),
        ("v-quad", [LT(x ** 2 - 2 * x + 1, 0)]),
        ("v-exp-lt1", [GT(x, 0), LT(sp.exp(x), 1)]),
        ("v-elem-family", [GT(z[j], 1), LT(z[j], 1)]),
        ("v-w", [GE(w[j, 1], 3), LE(w[j, 1], 2)]),
        ("v-sum", [GT(x + y, 2), LT(x, 0), LT(y, 1)]),
    ]


def satisfiable() -> list:
    """Assumption sets that look contradictory when an element is read as its family: not vacuous."""
    return [
        ("s-elem-n-1", [GT(z[n], 1), LT(z[1], 0)]),
        ("s-elem-shift", [GT(z[j + 1], 1), LT(z[j], 0)]),
        ("s-elem-w", [GT(w[j, 1], 1), LT(w[j, 2], 0)]),
        ("s-elem-m", [GT(z[m], 1), LT(z[n], 0)]),
    ]
