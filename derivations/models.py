"""Likelihood models, and the cost each one implies.

A model says how the desired output y is distributed given the network's output a. Its cost is
the negative log-likelihood of one example with the terms that do not depend on a dropped (and a
positive constant factor divided out): the minimiser over a is unchanged, which each derivation
checks by showing d(-ln L)/da_k = (positive constant) * dC/da_k.

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

from derivations.proof import Premise, Verdict, prove_equal, prove_positive
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
                  {y: one_hot})


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

    def distribution_checks(self) -> list[Verdict]:
        """Checks that the written likelihood is the distribution's (sympy.stats)."""
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

    def minimiser_checks(self) -> list[Verdict]:
        """d(-ln L)/da_k = scale * dC/da_k with scale > 0, and the dropped terms are free of a."""
        nll, cost = self.negative_log_likelihood, self.cost()
        checks = [
            prove_equal(sp.diff(nll, a[k]), self.scale * sp.diff(cost, a[k]), self.assumptions,
                        premises=self.premises, samplers=self.samplers,
                        claim="d(-ln L)/da_k = scale * dC/da_k: the minimiser is unchanged"),
            prove_positive(self.scale, self.assumptions, claim=f"the factor {self.scale} is positive"),
        ]
        for d in self.dropped:
            checks.append(prove_equal(sp.diff(d.term, a[k]), 0, self.assumptions,
                                      claim=f"the dropped term {d.term} does not depend on a"))
        return checks

    @cached_property
    def derivation(self) -> Derivation:
        """From the distribution to the cost, every step checked."""
        d = Derivation(f"{self.cost_name} cost from the {self.name} model",
                       assumptions=self.assumptions, premises=self.premises, samplers=self.samplers)
        d.start(L, self.likelihood, "the components of $y$ are independent given $x$"
                if self.name != "categorical" else "the categorical likelihood of a one-hot $y$",
                [self.distribution_checks])
        nll = self.negative_log_likelihood
        d.define(-sp.log(L), nll, r"take $-\ln$; the log of a product is the sum of the logs",
                 [lambda: prove_equal(-sp.log(self.likelihood), nll, self.assumptions, premises=self.premises,
                                      samplers=self.samplers, claim="-ln prod_j p_j = -sum_j ln p_j")])
        split = self.scale * self.cost() + self.dropped_total
        d.equal(split, "separate the terms that depend on $a$ from those that do not")
        why: list = []
        for t in self.dropped:
            why += ["drop ", t.term, f" ({t.why}); "]
        if self.scale != 1:
            why += ["divide by the positive constant ", self.scale, "; "]
        why += ["the minimiser over $a$ is unchanged" if why else "nothing to drop"]
        d.define(C, self.cost(), tuple(why), [self.minimiser_checks])
        return d

    def to_latex(self) -> str:
        return self.derivation.to_latex()

    def _repr_latex_(self) -> str:
        return self.derivation._repr_latex_()

    @cached_property
    def average_derivation(self) -> Derivation:
        """Over N independent training examples: C = (1/N) sum_x C_x, as the chapter writes it."""
        d = Derivation(f"{self.cost_name} cost averaged over N training examples")
        per_example = self.scale * C_x[x_index] + self.dropped_total
        d.start(-sp.log(sp.Symbol("L_{data}")), sp.Sum(per_example, (x_index, 1, x_count)),
                "examples are independent: the likelihoods multiply, their logs add")
        average = sp.Sum(C_x[x_index], (x_index, 1, x_count)) / x_count
        d.equal(x_count * self.scale * average + x_count * self.dropped_total,
                "collect; pull out the constants")
        d.define(C, average, ("drop the constant, divide by the positive $N$",
                                  *((" and ", self.scale) if self.scale != 1 else ())),
                 [lambda: prove_positive(x_count * self.scale, self.assumptions,
                                         claim="N * scale > 0: the minimiser is unchanged")])
        return d


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

    def distribution_checks(self) -> list[Verdict]:
        t = sp.Symbol("t", real=True)
        written = sp.exp(-(t - a[j]) ** 2 / (2 * sigma_noise**2)) / (sp.sqrt(2 * sp.pi) * sigma_noise)
        return [prove_equal(self.component_likelihood(j).subs(y[j], t), written,
                            claim="the density is sympy.stats' Normal(a_j, sigma^2)")]

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

    def distribution_checks(self) -> list[Verdict]:
        pmf = StatsBernoulli("Y", a[j]).pspace.distribution.pmf
        return [prove_equal(self.component_likelihood(j).subs(y[j], v), pmf(v), self.assumptions,
                            claim=f"at y_j = {v}, a^y (1-a)^(1-y) is sympy.stats' Bernoulli(a_j) pmf")
                for v in (0, 1)]

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

    def distribution_checks(self) -> list[Verdict]:
        """prod_j a_j^(y_j) is sympy.stats' Multinomial with one trial, checked for n = 3 at every
        one-hot y (its factor 1!/prod_j y_j! is 1 there)."""
        size = 3
        probs = [a[m] for m in range(1, size + 1)]
        stats = density(Multinomial("Y", 1, probs))
        checks = []
        for hot in range(size):
            ys = [int(m == hot) for m in range(size)]
            written = sp.Mul(*(p**v for p, v in zip(probs, ys)))
            checks.append(prove_equal(written, stats(*ys), [0 < p for p in probs],
                                      claim=f"n = 3, y = {ys}: prod_j a_j^y_j equals Multinomial(1; a) pmf"))
        return checks

    def cost(self, idx=j) -> sp.Expr:
        return -sp.Sum(y[idx] * sp.log(a[idx]), (idx, 1, n))


GAUSSIAN, BERNOULLI, CATEGORICAL = Gaussian(), Bernoulli(), Categorical()
MODELS = {model.key: model for model in (GAUSSIAN, BERNOULLI, CATEGORICAL)}
