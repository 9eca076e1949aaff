"""A second adversarial bank for the proof layer (issue 19), written only with the public classes of
`exercises.proof` and `exercises.lemmas`: lemmas applied outside their hypotheses (a factor or a
range that moves with the variable, a variable that is the summed element, a "continuous" outer
function of the limit variable, a region that moves away from the approach, a change of variable
whose function depends on the new variable, a jump in a Piecewise, a non-integer index), facts
smuggled in through a definition's symbol or an instance's renaming, a bound index renamed to a
positive one, and derivatives SymPy takes of functions that have none.

Every lemma hypothesis is shown necessary: the lemma without it accepts a false instance, and the
lemma with it does not. Every false claim must come back not proved; every false step must not
hold; the true ones built the right way are proved.
"""
import pytest
import sympy as sp

from exercises import lemmas
from exercises.lemmas import Lemma
from exercises.proof import Proof, Statement
from exercises.shared_steps import RENAME_INDEX
from proof_bank import F, eq, ge, gt, lt, ne, r, run, s_, sympified, t, u, w, x

c = sp.Symbol("c", real=True)
i = sp.Symbol("i", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
N = sp.Symbol("N", integer=True, positive=True)
mm = sp.Symbol("m", integer=True)
z = sp.IndexedBase("z", real=True)
half = sp.Rational(1, 2)
PROVED = "proved"


def by_lemma(lemma, instance, hypotheses=(), defined=()):
    """A claim that is what `lemma` concludes for `instance`, proved by using the lemma (after the
    `defined` definitions, (target, value) pairs, which the instance may name)."""
    instance = sympified(instance)

    def prove(p, s):
        for target, value in defined:
            p.define(target, value, "a name for it")
        p.lemma(lemma, "the lemma", **instance)
    return run(lemma.conclusion(**instance), prove, hypotheses=hypotheses)


def without(lemma, words) -> Lemma:
    """The lemma with the hypothesis `words` dropped (a Lemma like any other)."""
    assert any(h == words for h, _ in lemma.hypotheses(**_SAMPLE[lemma.name])), (lemma.name, words)
    return Lemma(f"{lemma.name} (without: {words})",
                 lambda **kw: [(h, p) for h, p in lemma.hypotheses(**kw) if h != words],
                 lemma.conclusion, lemma.why, lemma.source)


def proof_holds(prove, proposition=None, hypotheses=()):
    """Whether the steps `prove` adds to a proof all hold (a false step, or a definition that
    asserts something, must not)."""
    statement = Statement(proposition if proposition is not None else eq(x, x), tuple(hypotheses))
    proof = Proof("bank", statement)
    prove(proof)
    return proof.holds


# ============================================================================ each hypothesis necessary
# (lemma, the hypothesis dropped, a false instance that only it stops, the claim's hypotheses, why false)

BUMP = 1 / (1 + 100 * (r - 2) ** 2)               # 1 at r = 2, under 1/25 at every other integer or half
BUMP_HALF = 1 / (1 + 100 * (r - half * 3) ** 2)   # 1 at r = 3/2

NECESSARY = [
    (lemmas.SUM_EXCEEDS_TERM, "the range starts at an integer",
     dict(term=BUMP, index=r, lo=half, hi=5 * half, at=2), (), "the terms are at 1/2, 3/2, 5/2: r = 2 is none"),
    (lemmas.SUM_EXCEEDS_TERM, "the term's index is an integer",
     dict(term=BUMP_HALF, index=r, lo=1, hi=2, at=3 * half), (), "3/2 is not an index of the sum"),
    (lemmas.SUM_EXCEEDS_TERM, "every term is positive",
     dict(term=r - 2, index=r, lo=1, hi=3, at=3), (), "-1 + 0 + 1 = 0 is not > 1"),
    (lemmas.SUM_EXCEEDS_TERM, "there are at least two terms",
     dict(term=sp.exp(z[r]), index=r, lo=1, hi=1, at=1), (), "one term is not larger than itself"),
    (lemmas.SUM_EXCEEDS_TERM, "the term is one of them",
     dict(term=sp.exp(-r), index=r, lo=1, hi=3, at=0), (), "e^-1 + e^-2 + e^-3 < 1 = e^0"),
    (lemmas.SUM_AT_LEAST_TERM, "the range starts at an integer",
     dict(term=BUMP, index=r, lo=half, hi=5 * half, at=2), (), "the terms are at 1/2, 3/2, 5/2"),
    (lemmas.SUM_AT_LEAST_TERM, "the term's index is an integer",
     dict(term=BUMP_HALF, index=r, lo=1, hi=2, at=3 * half), (), "3/2 is not an index of the sum"),
    (lemmas.SUM_AT_LEAST_TERM, "every term is nonnegative",
     dict(term=r - 2, index=r, lo=1, hi=2, at=2), (), "-1 + 0 < 0"),
    (lemmas.SUM_AT_LEAST_TERM, "the term is one of them",
     dict(term=sp.exp(-r), index=r, lo=1, hi=3, at=0), (), "e^-1 + e^-2 + e^-3 < 1"),
    (lemmas.DERIVATIVE_OF_SUM, "the number of terms is a whole number",
     dict(term=x * w[i], index=i, lo=1, hi=-5, variable=x), (), "a reversed range"),
    (lemmas.DERIVATIVE_OF_SUM, "the lower end does not depend on the variable",
     dict(term=sp.Integer(1), index=i, lo=x, hi=5, variable=x), (gt(x, 0), lt(x, 1)),
     "d/dx (6 - x) = -1, not 0"),
    (lemmas.DERIVATIVE_OF_SUM, "the upper end does not depend on the variable",
     dict(term=sp.Integer(1), index=i, lo=1, hi=x, variable=x), (gt(x, 0),), "d/dx x = 1, not 0"),
    (lemmas.DERIVATIVE_OF_SUM, "the factor does not depend on the variable",
     dict(term=w[i], index=i, lo=1, hi=3, variable=x, factor=x), (), "d/dx (x sum w_i) = sum w_i, not 0"),
    (lemmas.DERIVATIVE_OF_SUM, "the variable is not the summed element (it does not name the index)",
     dict(term=z[i] ** 2, index=i, lo=1, hi=n, variable=z[i]), (), "d/dz_i sum_i z_i^2 = 2 z_i, not 2 sum_i z_i"),
    (lemmas.DERIVATIVE_OF_SUM, "each term is differentiable in the variable",
     dict(term=(-1) ** i * sp.Abs(x), index=i, lo=1, hi=2, variable=x), (),
     "|x| - |x| has derivative 0 at x = 0; the sum of the terms' derivatives does not exist there"),
    (lemmas.FINITE_SUM_LIMIT, "the range starts at an integer",
     dict(term=1 + sp.exp(-c * r), index=r, lo=half, hi=3, variable=c, point=sp.oo, each=1), (),
     "three terms (1/2, 3/2, 5/2) tend to 3, not 7/2"),
    (lemmas.FINITE_SUM_LIMIT, "the range ends at an integer",
     dict(term=1 + sp.exp(-c * r), index=r, lo=1, hi=7 * half, variable=c, point=sp.oo, each=1), (),
     "three terms (1, 2, 3) tend to 3, not 7/2"),
    (lemmas.FINITE_SUM_LIMIT, "each term has that limit",
     dict(term=sp.exp(-c * r), index=r, lo=1, hi=3, variable=c, point=sp.oo, each=1), (gt(c, 0),),
     "each term tends to 0"),
    (lemmas.FINITE_SUM_LIMIT, "the lower end does not depend on the variable",
     dict(term=2 ** (-mm), index=mm, lo=-N, hi=0, variable=N, point=sp.oo, each=2 ** (-mm)), (),
     "the sum grows without bound; it is no fixed sum"),
    (lemmas.FINITE_SUM_LIMIT, "the upper end does not depend on the variable",
     dict(term=2 ** (-r), index=r, lo=1, hi=N, variable=N, point=sp.oo, each=2 ** (-r)), (),
     "the limit is 1, not 1 - 2^-N"),
    (lemmas.FINITE_SUM_LIMIT, "the limit variable is not the summation index",
     dict(term=sp.exp(-r), index=r, lo=1, hi=3, variable=r, point=sp.oo, each=0), (),
     "the sum is a positive constant"),
    (lemmas.CONTINUOUS_LIMIT, "g does not depend on the limit variable",
     dict(outer=u + c, u=u, inner=sp.exp(-c), variable=c, point=sp.oo, value=0), (), "e^-c + c tends to oo, not c"),
    (lemmas.CONTINUOUS_LIMIT, "the inner quantity has this limit",
     dict(outer=u ** 2, u=u, inner=1 + sp.exp(-c), variable=c, point=sp.oo, value=0), (), "the limit is 1"),
    (lemmas.CONTINUOUS_LIMIT, "g is continuous at the limit",
     dict(outer=sp.floor(u), u=u, inner=-sp.exp(-c), variable=c, point=sp.oo, value=0), (),
     "floor(-e^-c) = -1 for every c > 0"),
    (lemmas.SQUEEZE, "the quantity is at least the lower one",
     dict(f=sp.Integer(-1), low=sp.Integer(0), high=sp.exp(-c), variable=c, point=sp.oo, value=0), (), "-1 -> -1"),
    (lemmas.SQUEEZE, "the quantity is at most the upper one",
     dict(f=sp.Integer(1), low=sp.Integer(0), high=sp.exp(-c), variable=c, point=sp.oo, value=0), (), "1 -> 1"),
    (lemmas.SQUEEZE, "the lower one tends to the limit",
     dict(f=sp.Integer(1), low=sp.Integer(0), high=sp.Integer(2), variable=c, point=sp.oo, value=2), (), "1 -> 1"),
    (lemmas.SQUEEZE, "the upper one tends to the limit",
     dict(f=sp.Integer(1), low=sp.Integer(0), high=sp.Integer(2), variable=c, point=sp.oo, value=0), (), "1 -> 1"),
    (lemmas.RATIO_TO_INFINITY, "the bound does not depend on the variable",
     dict(f=-2 * s_, g=-s_, variable=s_, point=sp.oo, rate=2, beyond=2 * s_), (),
     "-2s -> -oo; -s > 0 was checked for s < 0 only, away from the approach"),
    (lemmas.RATIO_TO_INFINITY, "f/g tends to the rate",
     dict(f=-s_, g=s_, variable=s_, point=sp.oo, rate=1, beyond=0), (), "-s -> -oo"),
    (lemmas.RATIO_TO_INFINITY, "the rate is positive",
     dict(f=-s_, g=s_, variable=s_, point=sp.oo, rate=-1, beyond=0), (), "-s -> -oo"),
    (lemmas.RATIO_TO_INFINITY, "g is positive near the point, on the approach",
     dict(f=-2 * s_, g=-s_, variable=s_, point=sp.oo, rate=2, beyond=0), (), "-2s -> -oo"),
    (lemmas.RATIO_TO_INFINITY, "1/g tends to 0",
     dict(f=2 + sp.exp(-s_), g=1 + sp.exp(-s_), variable=s_, point=sp.oo, rate=2, beyond=0), (), "f -> 2"),
    (lemmas.CHANGE_OF_VARIABLE, "the function does not depend on the new variable",
     dict(f=x + s_, y=x, point=sp.Integer(0), side="+", phi=sp.exp(-s_), s=s_, s_point=sp.oo), (),
     "the left side is s, the right side oo"),
    (lemmas.CHANGE_OF_VARIABLE, "the new variable's image tends to the point",
     dict(f=1 / x, y=x, point=sp.Integer(0), side="+", phi=1 + sp.exp(-s_), s=s_, s_point=sp.oo), (),
     "oo on the left, 1 on the right"),
    (lemmas.CHANGE_OF_VARIABLE, "the image stays on the approach side",
     dict(f=1 / x, y=x, point=sp.Integer(0), side="+", phi=-s_, s=s_, s_point=sp.Integer(0)), (),
     "1/x -> oo from above; 1/(-s) -> -oo as s -> 0+"),
    (lemmas.CONVEX_MINIMUM, "the point lies in the interval",
     dict(f=x ** 3 - 3 * x, variable=x, lo=0, hi=2, point=-1), (), "f(1) = -2 < 2 = f(-1)"),
    (lemmas.CONVEX_MINIMUM, "the derivative vanishes there",
     dict(f=x ** 2, variable=x, lo=-1, hi=1, point=half), (), "f(0) = 0 < 1/4"),
    (lemmas.CONVEX_MINIMUM, "the second derivative is positive on the interval",
     dict(f=-x ** 2, variable=x, lo=-1, hi=1, point=0), (), "0 is the maximum"),
    (lemmas.SEPARABLE_MINIMUM, "each term is at least its minimum on the domain",
     dict(f=x ** 2, minimum=sp.Integer(1), variables={x: w[i]}, domain=[lt(-1, x), lt(x, 1)], index=i, lo=1, hi=n,
          weight=1 / n), (), "each w_i^2 < 1"),
    (lemmas.SEPARABLE_MINIMUM, "the weight is positive",
     dict(f=x ** 2, minimum=sp.Integer(0), variables={x: w[i]}, domain=[lt(-1, x), lt(x, 1)], index=i, lo=1, hi=n,
          weight=sp.Integer(-1)), (), "-sum w_i^2 < 0 when some w_i != 0"),
    (lemmas.SAME_DERIVATIVE, "the derivatives agree on the interval",
     dict(f=x ** 2 + 3, g=x ** 3, variable=x, other=t, lo=0, hi=1), (), "x^2 + 3 - x^3 is not constant"),
    (lemmas.CANCEL_FACTOR, "the equation holds",
     dict(unknown=u, factor=sp.Integer(2), value=sp.Integer(4)), (), "u is any number"),
    (lemmas.CANCEL_FACTOR, "the factor is nonzero",
     dict(unknown=u, factor=x - x, value=sp.Integer(0)), (), "0 u = 0 for every u"),
]

_SAMPLE = {lemma.name: sympified(instance) for lemma, _, instance, _, _ in NECESSARY}


def _necessary_id(case):
    lemma, words, *_ = case
    return f"{lemma.name[:40]} / {words}"


def test_every_hypothesis_of_every_lemma_has_a_necessity_case():
    """A test per hypothesis: every hypothesis of every lemma in the library is dropped by a case
    below (the change of variable's monotonicity, which gives continuity and one-to-one-ness,
    excepted: no false instance with a differentiable image survives the other hypotheses)."""
    covered = {(lemma.name, words) for lemma, words, *_ in NECESSARY}
    exempt = {(lemmas.CHANGE_OF_VARIABLE.name, "the image moves strictly monotonically")}
    samples = {lemmas.CHANGE_OF_VARIABLE.name: dict(f=1 / x, y=x, point=sp.Integer(0), side="+", phi=sp.exp(-s_), s=s_,
                                                    s_point=sp.oo), **_SAMPLE}
    for lemma in lemmas.LIBRARY:
        for words, _ in lemma.hypotheses(**samples[lemma.name]):
            assert (lemma.name, words) in covered | exempt, (lemma.name, words)


@pytest.mark.slow
@pytest.mark.parametrize("case", NECESSARY, ids=_necessary_id)
def test_dropping_a_hypothesis_lets_a_false_instance_through_and_keeping_it_does_not(case):
    lemma, words, instance, hypotheses, why_false = case
    assert by_lemma(lemma, instance, hypotheses) != PROVED, why_false
    assert by_lemma(without(lemma, words), instance, hypotheses) == PROVED, \
        f"the lemma without '{words}' should accept this false instance ({why_false})"


# ============================================================================ more ways in, full lemmas

JUMP = sp.Piecewise((x, x < half), (x + 1, True))
STEP_DOWN = sp.Piecewise((x ** 2, x < half), (x ** 2 - 1, True))
G = sp.Symbol("G", real=True)
B = sp.Symbol("B", real=True)
H = sp.Symbol("H", real=True)

LEMMA_MISUSE = {
    # the derivative of a sum
    "sum derivative, factor defined as the variable": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=w[i], index=i, lo=1, hi=3, variable=x, factor=G), defined=[(G, x)]),
    "sum derivative, factor sin x": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=sp.Integer(1), index=i, lo=1, hi=n, variable=x, factor=sp.sin(x))),
    "sum derivative by the summed element, exp": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=sp.exp(z[i]), index=i, lo=1, hi=n, variable=z[i])),
    "sum derivative by the summed element, w_i": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=x * w[i] ** 2, index=i, lo=1, hi=n, variable=w[i])),
    "sum derivative by the summed element at a shifted index": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=z[i + 1] ** 3, index=i, lo=1, hi=n, variable=z[i + 1])),
    "sum derivative, upper end defined as the variable": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=sp.Integer(1), index=i, lo=1, hi=H, variable=x), hypotheses=(gt(x, 0),),
        defined=[(H, x)]),
    "sum derivative of a jump": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=(-1) ** i * sp.Heaviside(x), index=i, lo=1, hi=2, variable=x)),
    "sum derivative of a max": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=(-1) ** i * sp.Max(x, 0), index=i, lo=1, hi=2, variable=x)),
    "sum derivative of a Piecewise": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=(-1) ** i * JUMP, index=i, lo=1, hi=2, variable=x)),
    # limits
    "continuity of an outer function that moves: u c": lambda: by_lemma(
        lemmas.CONTINUOUS_LIMIT, dict(outer=u * c, u=u, inner=sp.exp(-c), variable=c, point=sp.oo, value=0)),
    "continuity of an outer function defined with the limit variable": lambda: by_lemma(
        lemmas.CONTINUOUS_LIMIT, dict(outer=u + B, u=u, inner=sp.exp(-c), variable=c, point=sp.oo, value=0),
        defined=[(B, c)]),
    "continuity through e^(u c)": lambda: by_lemma(
        lemmas.CONTINUOUS_LIMIT, dict(outer=sp.exp(u * c), u=u, inner=1 / c, variable=c, point=sp.oo, value=0),
        hypotheses=(gt(c, 0),)),
    "ratio to infinity, region s < 0 through 3s": lambda: by_lemma(
        lemmas.RATIO_TO_INFINITY, dict(f=-3 * s_, g=-s_, variable=s_, point=sp.oo, rate=3, beyond=3 * s_)),
    "ratio to infinity, region defined as 2s": lambda: by_lemma(
        lemmas.RATIO_TO_INFINITY, dict(f=-2 * s_, g=-s_, variable=s_, point=sp.oo, rate=2, beyond=B),
        defined=[(B, 2 * s_)]),
    "ratio to infinity, region on the wrong side of -oo": lambda: by_lemma(
        lemmas.RATIO_TO_INFINITY, dict(f=2 * s_, g=s_, variable=s_, point=-sp.oo, rate=2, beyond=0)),
    "change of variable whose function depends on s: x s": lambda: by_lemma(
        lemmas.CHANGE_OF_VARIABLE, dict(f=x * sp.exp(2 * s_), y=x, point=sp.Integer(0), side="+", phi=sp.exp(-s_),
                                        s=s_, s_point=sp.oo)),
    "change of variable whose function is defined with s": lambda: by_lemma(
        lemmas.CHANGE_OF_VARIABLE, dict(f=x + B, y=x, point=sp.Integer(0), side="+", phi=sp.exp(-s_), s=s_,
                                        s_point=sp.oo), defined=[(B, s_)]),
    "limit of a sum over the limit variable as index": lambda: by_lemma(
        lemmas.FINITE_SUM_LIMIT, dict(term=1 / r ** 2, index=r, lo=1, hi=2, variable=r, point=sp.oo, each=0)),
    "limit of a sum whose range is N..2N": lambda: by_lemma(
        lemmas.FINITE_SUM_LIMIT, dict(term=1 / r, index=r, lo=N, hi=2 * N, variable=N, point=sp.oo, each=1 / r)),
    # one function, two derivatives: a jump
    "same derivative across a jump": lambda: by_lemma(
        lemmas.SAME_DERIVATIVE, dict(f=JUMP, g=x, variable=x, other=t, lo=0, hi=1)),
    "same derivative across a sign": lambda: by_lemma(
        lemmas.SAME_DERIVATIVE, dict(f=x + sp.sign(x - half), g=x, variable=x, other=t, lo=0, hi=1)),
    "same derivative across a floor": lambda: by_lemma(
        lemmas.SAME_DERIVATIVE, dict(f=sp.floor(2 * x), g=sp.Integer(0), variable=x, other=t, lo=0, hi=1)),
    "convex minimum of a function that steps down": lambda: by_lemma(
        lemmas.CONVEX_MINIMUM, dict(f=STEP_DOWN, variable=x, lo=-1, hi=1, point=0)),
    # the term is one of the sum's: non-integer indices
    "sum exceeds the term at j/2": lambda: by_lemma(
        lemmas.SUM_EXCEEDS_TERM, dict(term=sp.exp(z[r]), index=r, lo=1, hi=n, at=j / 2), hypotheses=(ge(n, 2),)),
    "sum exceeds the term at j + 1/2": lambda: by_lemma(
        lemmas.SUM_EXCEEDS_TERM, dict(term=BUMP_HALF, index=r, lo=1, hi=2, at=1 + half)),
    "sum at least the term at x": lambda: by_lemma(
        lemmas.SUM_AT_LEAST_TERM, dict(term=sp.exp(z[r]), index=r, lo=1, hi=n, at=x), hypotheses=(gt(x, 1), lt(x, 2))),
    "sum at least, from a half-integer": lambda: by_lemma(
        lemmas.SUM_AT_LEAST_TERM, dict(term=BUMP, index=r, lo=half, hi=7 * half, at=2)),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LEMMA_MISUSE))
def test_a_lemma_outside_its_hypotheses_proves_nothing(name):
    assert LEMMA_MISUSE[name]() != PROVED, name


# ============================================================================ no smuggled facts

T_ = sp.Symbol("T", transcendental=True)
TR = sp.Symbol("TR", real=True, transcendental=True)
P_ = sp.Symbol("P", positive=True)
K_ = sp.Symbol("K", integer=True)
E_ = sp.Symbol("E", even=True)
Q_ = sp.Symbol("Q", real=True)
A_ = sp.IndexedBase("A", positive=True)
PROBE = sp.Symbol("p", real=True)
KK = sp.Symbol("k", integer=True)

SMUGGLED_STEPS = {
    # a definition's symbol carries what its value does not have; `keep` then reads it as a variable
    "T := 2, transcendental: T^2 != 4": lambda: proof_holds(
        lambda p: (p.define(T_, 2, "T"), p.show(ne(T_ ** 2, 4), "T is transcendental", keep=[T_]))),
    "T := 2, real and transcendental: T != 2": lambda: proof_holds(
        lambda p: (p.define(TR, 2, "T"), p.show(ne(TR, 2), "T is transcendental", keep=[TR]))),
    "P := -1, positive: P > 0": lambda: proof_holds(
        lambda p: (p.define(P_, -1, "P"), p.show(gt(P_, 0), "P is positive", keep=[P_]))),
    "P := x, positive: P > 0": lambda: proof_holds(
        lambda p: (p.define(P_, x, "P"), p.show(gt(P_, 0), "P is positive", keep=[P_]))),
    "K := 1/2, integer: sin(pi K) = 0": lambda: proof_holds(
        lambda p: (p.define(K_, half, "K"), p.show(eq(sp.sin(sp.pi * K_), 0), "K is an integer", keep=[K_]))),
    "E := 3, even: (-1)^E = 1": lambda: proof_holds(
        lambda p: (p.define(E_, 3, "E"), p.show(eq((-1) ** E_, 1), "E is even", keep=[E_]))),
    "A_j := -z_j^2, a positive family: A_j > 0": lambda: proof_holds(
        lambda p: (p.define(A_[j], -z[j] ** 2, "A"), p.show(gt(A_[j], 0), "A is positive", keep=[A_]))),
    "Q := log(-1), real: Q^2 >= 0": lambda: proof_holds(
        lambda p: (p.define(Q_, sp.log(-1), "Q"), p.show(ge(Q_ ** 2, 0), "a real square", keep=[Q_]))),
    "Q := sqrt(x), real: Q^2 >= 0": lambda: proof_holds(
        lambda p: (p.define(Q_, sp.sqrt(x), "Q"), p.show(ge(Q_ ** 2, 0), "a real square", keep=[Q_]))),
    "Q := sqrt(x), real, cited: Q^2 = x and Q^2 >= 0 give x >= 0": lambda: proof_holds(
        lambda p: (p.define(Q_, sp.sqrt(x), "Q"),
                   p.show(ge(Q_ ** 2, 0), "a real square", keep=[Q_]),
                   p.show(ge(x, 0), "so x >= 0", using=[p.steps[-1]]))),
    # an instance renames a symbol to a value without the symbol's assumptions
    "an instance of a transcendental T at sqrt 2": lambda: proof_holds(
        lambda p: (p.show(ne(TR ** 2, 2), "T is transcendental"), p.instance(p.steps[-1], {TR: sp.sqrt(2)}, "T = sqrt 2"))),
    "an instance of an even E at 3": lambda: proof_holds(
        lambda p: (p.show(eq((-1) ** E_, 1), "E is even"), p.instance(p.steps[-1], {E_: sp.Integer(3)}, "E = 3"))),
    "an instance of an even E at an integer K": lambda: proof_holds(
        lambda p: (p.show(eq((-1) ** E_, 1), "E is even"), p.instance(p.steps[-1], {E_: K_}, "E = K"))),
    "an instance of an integer K at 1/2": lambda: proof_holds(
        lambda p: (p.show(eq(sp.sin(sp.pi * K_), 0), "K is an integer"), p.instance(p.steps[-1], {K_: half}, "K = 1/2"))),
    "an instance of a positive family at -1": lambda: proof_holds(
        lambda p: (p.show(gt(A_[j], 0), "A is positive"),
                   p.instance(p.steps[-1], {A_: lambda idx: -sp.Integer(1)}, "A_j = -1"))),
}


@pytest.mark.parametrize("name", sorted(SMUGGLED_STEPS))
def test_a_fact_smuggled_through_a_symbol_does_not_hold(name):
    assert not SMUGGLED_STEPS[name](), name


SIGNED = sp.Sum(sp.Abs(mm), (mm, -n, n))          # = n (n + 1)
ODD = sp.Sum(mm, (mm, -n, n))                      # = 0

RENAMED_INDEX = {
    # |m| over m = -n..n is not m: the renamed index keeps m's assumptions (an integer, not positive)
    "the sum of |m| over -n..n, read as the sum of m": lambda: run(
        eq(ODD, n * (n + 1)), lambda p, s: p.show(eq(SIGNED, n * (n + 1)), "the sum of |m|")),
    "the sums of |m| and m, the same by renaming the index": lambda: run(
        eq(SIGNED, ODD), lambda p, s: p.show(s.proposition, "rename the index"), premises=(RENAME_INDEX,)),
    "the sum of m^2 sign(m) read as m^2": lambda: run(
        eq(sp.Sum(mm ** 2 * sp.sign(mm), (mm, -n, n)), sp.Sum(mm ** 2, (mm, -n, n))),
        lambda p, s: p.show(s.proposition, "rename the index"), premises=(RENAME_INDEX,)),
    "a sum over m < 0 made positive": lambda: run(
        gt(sp.Sum(mm, (mm, -n, -1)), 0), lambda p, s: p.show(s.proposition, "rename the index"),
        premises=(RENAME_INDEX,)),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(RENAMED_INDEX))
def test_renaming_a_bound_index_keeps_its_assumptions(name):
    assert RENAMED_INDEX[name]() != PROVED, name


# ============================================================================ derivatives that do not exist

NO_DERIVATIVE = {
    "the derivative of a jump is 1": lambda: proof_holds(
        lambda p: p.show(eq(sp.Derivative(JUMP, x), 1), "each piece has slope 1")),
    "x |x|' = |x|": lambda: proof_holds(
        lambda p: p.show(eq(x * sp.Derivative(sp.Abs(x), x), sp.Abs(x)), "the derivative of |x|")),
    "max(x, 0)' >= 0": lambda: proof_holds(
        lambda p: p.show(ge(sp.Derivative(sp.Max(x, 0), x), 0), "max is nondecreasing")),
    "floor(x)' = 0": lambda: proof_holds(
        lambda p: p.show(eq(sp.Derivative(sp.floor(x), x), 0), "floor is flat")),
    "a defined jump J(x), J' = 1": lambda: proof_holds(
        lambda p: (p.define(F(x), JUMP, "J"), p.show(eq(sp.Derivative(F(x), x), 1), "each piece has slope 1"))),
    "sign(x - 1/2)' = 0 on (0, 1)": lambda: proof_holds(
        lambda p: p.show(sp.Implies(sp.And(lt(0, x), lt(x, 1)), eq(sp.Derivative(sp.sign(x - half), x), 0)),
                         "sign is flat")),
}


@pytest.mark.parametrize("name", sorted(NO_DERIVATIVE))
def test_sympys_derivative_of_a_function_without_one_is_not_believed(name):
    assert not NO_DERIVATIVE[name](), name


def test_the_bank_has_at_least_80_false_proofs():
    assert len(NECESSARY) + len(LEMMA_MISUSE) + len(SMUGGLED_STEPS) + len(RENAMED_INDEX) + len(NO_DERIVATIVE) >= 80


# ============================================================================ true ones, built the right way

TRUE = {
    "sum derivative by an element at another index": lambda: by_lemma(
        lemmas.DERIVATIVE_OF_SUM, dict(term=z[i] ** 2, index=i, lo=1, hi=n, variable=z[j], factor=1 / n)),
    "sum exceeds a term at j": lambda: by_lemma(
        lemmas.SUM_EXCEEDS_TERM, dict(term=sp.exp(z[r]), index=r, lo=1, hi=n, at=j),
        hypotheses=(ge(n, 2), ge(j, 1), sp.Le(j, n))),
    "a limit through a fixed continuous function": lambda: by_lemma(
        lemmas.CONTINUOUS_LIMIT, dict(outer=1 / (2 + u), u=u, inner=sp.exp(-c), variable=c, point=sp.oo, value=0)),
    "a ratio to infinity on the approach": lambda: by_lemma(
        lemmas.RATIO_TO_INFINITY, dict(f=2 * s_ + 1, g=s_, variable=s_, point=sp.oo, rate=2, beyond=0)),
    "a change of variable onto 0 from above": lambda: by_lemma(
        lemmas.CHANGE_OF_VARIABLE, dict(f=-sp.log(x), y=x, point=sp.Integer(0), side="+", phi=sp.exp(-s_), s=s_,
                                        s_point=sp.oo)),
    "a definition asserting nothing: R := 2, R^2 = 4": lambda: PROVED if proof_holds(
        lambda p: (p.define(PROBE, 2, "R"), p.show(eq(PROBE ** 2, 4), "R = 2"))) else "not proved",
    "an instance of a positive P at 2": lambda: run(
        gt(sp.Integer(2) * x ** 2 + 2, 0), lambda p, s: (p.show(gt(P_ * x ** 2 + P_, 0), "P is positive"),
                                                          p.instance(p.steps[-1], {P_: sp.Integer(2)}, "P = 2"))),
    "the sum of |m| over -n..n is the same under another index name": lambda: run(
        eq(SIGNED, sp.Sum(sp.Abs(KK), (KK, -n, n))),
        lambda p, s: p.show(s.proposition, "rename the index"), premises=(RENAME_INDEX,)),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TRUE))
def test_true_proofs_built_the_right_way_are_proved(name):
    assert TRUE[name]() == PROVED, name
