"""Likelihood models, and the cost each one implies.

A model says how the desired output y is distributed given the network's output a. Its cost is
the negative log-likelihood of one example with the terms that do not depend on a dropped (and a
positive constant factor divided out): the minimiser over a is unchanged, which each derivation
shows in checked steps (-ln L = scale * C + dropped, the dropped terms free of a, scale > 0,
d(-ln L)/da_k = scale * dC/da_k) before it defines C.

  Gaussian      y_j ~ N(a_j, sigma^2), independent     -> quadratic cost (1/2) sum_j (y_j - a_j)^2
  Bernoulli     y_j ~ Bernoulli(a_j), independent      -> binary cross-entropy
  Categorical   y one-hot ~ Categorical(a_1..a_n)      -> categorical cross-entropy -sum_j y_j ln a_j
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cached_property

import sympy as sp
from sympy.stats import Bernoulli as StatsBernoulli
from sympy.stats import Multinomial, Normal, density

from derivations.proof import Premise
from derivations.steps import Derivation
from derivations.symbols import C, C_x, L, a, j, k, n, sigma_noise, x_index, x_count, y


def one_hot(rng: random.Random, size: int) -> list[int]:
    """A random one-hot vector: the numeric check's samples for a categorical y."""
    v = [0] * size
    v[rng.randrange(size)] = 1
    return v


def binary_labels(rng: random.Random, size: int) -> list[int]:
    return [rng.randint(0, 1) for _ in range(size)]


def _is_sum_of_y(e: sp.Basic) -> bool:
    return (isinstance(e, sp.Sum) and len(e.limits) == 1 and e.function == y[e.limits[0][0]]
            and tuple(e.limits[0][1:]) == (1, n))


ONE_HOT = Premise(r"y is one-hot, so $\sum_j y_j = 1$",
                  lambda e: e.replace(_is_sum_of_y, lambda s: sp.Integer(1)),
                  {y: one_hot}, fact=sp.Eq(sp.Sum(y[j], (j, 1, n)), 1, evaluate=False))


@dataclass(frozen=True)
class Dropped:
    term: sp.Expr
    why: str


class LikelihoodModel:
    """Base class: subclasses give the per-component likelihood and how the cost is read off."""

    key: str = ""                     # the cost's name on the command line: quadratic, cross-entropy, ...
    name: str = ""
    cost_name: str = ""
    numpy_cost: str = ""              # its NumPy form in numeric.functions, a function of (a, y)
    distribution: str = ""            # in LaTeX
    assumptions: tuple = ()
    premises: tuple = ()
    samplers: dict = {}

    # --- what a subclass provides -------------------------------------------------------------
    def component_likelihood(self, idx) -> sp.Expr:
        """p(y_idx | a_idx), written once."""
        raise NotImplementedError

    def cost(self, idx=j) -> sp.Expr:
        """The cost of one example, summed over the index `idx`."""
        raise NotImplementedError

    # the NLL split as  -ln L = scale * C + dropped
    scale: sp.Expr = sp.Integer(1)
    dropped: tuple = ()

    # --- what the model derives ---------------------------------------------------------------
    @property
    def likelihood(self) -> sp.Expr:
        return sp.Product(self.component_likelihood(j), (j, 1, n))

    @property
    def log_likelihood(self) -> sp.Expr:
        return sp.Sum(sp.expand_log(sp.log(self.component_likelihood(j)), force=True), (j, 1, n))

    @property
    def negative_log_likelihood(self) -> sp.Expr:
        return sp.Sum(sp.expand(-sp.expand_log(sp.log(self.component_likelihood(j)), force=True)), (j, 1, n))

    @property
    def dropped_total(self) -> sp.Expr:
        return sp.Add(*(d.term for d in self.dropped))

    @cached_property
    def derivation(self) -> Derivation:
        """From the distribution to the cost, every step checked: L is defined, -ln L is split
        into a positive multiple of the cost and terms free of a (each fact a checked step), so
        minimising -ln L and minimising C are the same; then C is defined."""
        d = Derivation(f"{self.cost_name} cost from the {self.name} model",
                       assumptions=self.assumptions, premises=self.premises, samplers=self.samplers)
        d.define(L, self.likelihood, "the components of $y$ are independent given $x$"
                 if self.name != "categorical" else "the categorical likelihood of a one-hot $y$")
        self.distribution_steps(d)
        nll = self.negative_log_likelihood
        d.show(sp.Eq(-sp.log(L), nll, evaluate=False), r"take $-\ln$; the log of a product is the sum of the logs")
        split = self.scale * self.cost() + self.dropped_total
        d.equal(split, "separate the terms that depend on $a$ from those that do not").mark("split")
        for number, t in enumerate(self.dropped):
            d.show(sp.Eq(sp.Derivative(t.term, a[k]), 0, evaluate=False), f"the dropped term is {t.why}").mark(f"dropped {number}")
        if self.scale != 1:
            d.show(sp.Gt(self.scale, 0, evaluate=False), "the factor divided out is positive").mark("scale")
        d.show(sp.Eq(sp.Derivative(-sp.log(L), a[k]), self.scale * sp.Derivative(self.cost(), a[k]), evaluate=False),
               r"so $-\ln L$ and the cost below change with every $a_k$ alike, up to the positive factor: "
               "they have the same minimiser over $a$", using=[d.marked["split"]])
        why: list = []
        for t in self.dropped:
            why += ["drop ", t.term, f" ({t.why}); "]
        if self.scale != 1:
            why += ["divide by the positive constant ", self.scale, "; "]
        why += ["the minimiser over $a$ is unchanged" if why else "nothing to drop"]
        d.define(C, self.cost(), tuple(why))
        return d

    def distribution_steps(self, d: Derivation) -> None:
        """Steps that tie the written likelihood to sympy.stats' distribution (none by default)."""

    def to_latex(self) -> str:
        return self.derivation.to_latex()

    def _repr_latex_(self) -> str:
        return self.derivation._repr_latex_()

    @cached_property
    def average_derivation(self) -> Derivation:
        """Over N independent training examples: C = (1/N) sum_x C_x, as the chapter writes it.
        Example x has the likelihood L_x and the cost C_x of one example, with every a_j, y_j
        given the index x."""
        d = Derivation(f"{self.cost_name} cost averaged over N training examples",
                       assumptions=[per_example(r) for r in self.assumptions])
        data = L_DATA
        d.define(L_x[x_index], per_example(self.likelihood), "the likelihood of example $x$")
        d.define(cost_x[x_index], per_example(self.cost()), "the cost of example $x$")
        d.define(data, sp.Product(L_x[x_index], (x_index, 1, x_count)),
                 "examples are independent: their likelihoods multiply")
        d.show(sp.Gt(L_x[x_index], 0, evaluate=False), "a likelihood is positive")
        d.show(sp.Eq(-sp.log(data), sp.Sum(-sp.log(L_x[x_index]), (x_index, 1, x_count)), evaluate=False),
               "the log of a product of positive numbers is the sum of their logs", using=[d.steps[-1]])
        d.equal(sp.Sum(self.scale * cost_x[x_index] + self.dropped_total, (x_index, 1, x_count)),
                "each example's negative log-likelihood, split as above")
        average = sp.Sum(cost_x[x_index], (x_index, 1, x_count)) / x_count
        collected = x_count * self.scale * average + x_count * self.dropped_total
        if collected != d.steps[-1].rhs:
            d.equal(collected, "collect; pull out the constants", keep=[cost_x])
        d.mark("split")
        d.show(sp.Gt(x_count * self.scale, 0, evaluate=False), "the factor in front is positive")
        d.define(C, average, ("drop the constant, divide by the positive $N$",
                              *((" and ", self.scale) if self.scale != 1 else ())))
        return d


L_x = sp.IndexedBase("L", real=True)            # L_x, the likelihood of training example x
cost_x = C_x                                     # C_x, its cost (derivations.symbols)
L_DATA = sp.Symbol("L_{data}", real=True)       # the likelihood of all N examples


def per_example(expr):
    """The same quantity for training example x: every a_j and y_j gains the index x."""
    return expr.replace(lambda e: isinstance(e, sp.Indexed) and e.base in (a, y),
                        lambda e: e.base[(*e.indices, x_index)])


class Gaussian(LikelihoodModel):
    key = "quadratic"
    name = "Gaussian"
    cost_name = "quadratic"
    numpy_cost = "quadratic_cost"
    distribution = r"y_j \mid x \sim \mathcal{N}(a_j, \sigma^2), \text{ independent for } j = 1, \dots, n"
    assumptions = ()
    scale = 1 / sigma_noise**2
    dropped = (Dropped(n * sp.log(sp.sqrt(2 * sp.pi) * sigma_noise), r"constant in $a$"),)

    def component_likelihood(self, idx) -> sp.Expr:
        return density(Normal("Y", a[idx], sigma_noise))(y[idx])


    def cost(self, idx=j) -> sp.Expr:
        return sp.Rational(1, 2) * sp.Sum((y[idx] - a[idx]) ** 2, (idx, 1, n))


class Bernoulli(LikelihoodModel):
    key = "cross-entropy"
    name = "Bernoulli"
    cost_name = "binary cross-entropy"
    numpy_cost = "binary_cross_entropy"
    distribution = r"y_j \mid x \sim \mathrm{Bernoulli}(a_j), \text{ independent for } j = 1, \dots, n"
    assumptions = (0 < a[j], a[j] < 1)
    samplers = {y: binary_labels}

    def component_likelihood(self, idx) -> sp.Expr:
        return a[idx] ** y[idx] * (1 - a[idx]) ** (1 - y[idx])

    def distribution_steps(self, d: Derivation) -> None:
        pmf = StatsBernoulli("Y", a[j]).pspace.distribution.pmf
        for v in (0, 1):
            d.show(sp.Eq(sp.Subs(self.component_likelihood(j), y[j], v), pmf(v), evaluate=False),
                   f"at $y_j = {v}$ the factor is sympy.stats' Bernoulli($a_j$) probability of {v}")

    def cost(self, idx=j) -> sp.Expr:
        return -sp.Sum(y[idx] * sp.log(a[idx]) + (1 - y[idx]) * sp.log(1 - a[idx]), (idx, 1, n))


class Categorical(LikelihoodModel):
    key = "log-likelihood"
    name = "categorical"
    cost_name = "categorical cross-entropy"
    numpy_cost = "categorical_cross_entropy"
    distribution = (r"y \mid x \sim \mathrm{Multinomial}(1; a_1, \dots, a_n),\ y \text{ one-hot},"
                    r"\ \textstyle\sum_j a_j = 1")
    assumptions = (0 < a[j],)
    premises = (ONE_HOT,)
    dropped = ()

    def component_likelihood(self, idx) -> sp.Expr:
        return a[idx] ** y[idx]

    def distribution_steps(self, d: Derivation) -> None:
        """prod_j a_j^(y_j) is sympy.stats' Multinomial with one trial, checked for n = 3 at every
        one-hot y (its factor 1!/prod_j y_j! is 1 there)."""
        size = 3
        for hot in range(1, size + 1):
            at = {y[q]: int(q == hot) for q in range(1, size + 1)}
            product = sp.Product(self.component_likelihood(j), (j, 1, size))
            stats = density(Multinomial("Y", 1, [a[q] for q in range(1, size + 1)]))(*at.values())
            d.show(sp.Eq(sp.Subs(product, tuple(at), tuple(at.values())), stats, evaluate=False),
                   f"$n = 3$, $y$ one-hot at {hot}: the product is sympy.stats' Multinomial(1; $a$) probability")

    def cost(self, idx=j) -> sp.Expr:
        return -sp.Sum(y[idx] * sp.log(a[idx]), (idx, 1, n))


GAUSSIAN, BERNOULLI, CATEGORICAL = Gaussian(), Bernoulli(), Categorical()
MODELS = {model.key: model for model in (GAUSSIAN, BERNOULLI, CATEGORICAL)}
