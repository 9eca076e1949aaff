"""A text's own letters for a softmax layer, read where its two definitions name two layers.

A text that writes o_j = e^{z_j}/Σ e^{z} (the output layer's o) and z_j = Σ_i w_ij o_i + b (the
layer below's o_i) uses o for two layers, so neither definition can be unfolded into the other
and the checker uses neither. Tied to the layer each index names they are plain, though:

- o with an output index (j, or a class the text names: a, b, c) is the softmax of the z;
- z is the output layer's weighted input, and the weights are free, so every z is some weights'
  (z_j - b = Σ_i w_ij o_i has a solution w whatever the o_i, as long as one o_i is not 0, and the
  softmax's o_i are never 0);
- o with the index the z's definition sums over (o_i) is the layer below, left as it is: a step
  that writes it is not read here, nor one that writes the bias b as a quantity or a weight.

A step about the output layer written in these letters is then a step about the softmax of z,
which the kernel judges as any other; n is the number of classes the text counts in words ("three
output neurons") when it counts them once, since a counterexample must satisfy that too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = re.compile(r"(?i)\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:output\s+)?"
                    r"(?:neurons|classes|outputs|units|categories)\b")


@dataclass(frozen=True)
class SoftmaxLayer:
    """o = softmax(z) for the output layer, z from the layer below's o through free weights."""
    outputs: sp.IndexedBase          # o
    inputs: sp.IndexedBase           # z
    value: sp.Expr                   # o_p's value, e^{z_p}/Σ_r e^{z_r}
    param: sp.Symbol                 # p
    below: str                       # the index the z's definition sums over (i in Σ_i w_ij o_i)
    quantities: frozenset            # the z definition's own letters (w, b): not read in a step

    def read(self, expr):
        """expr with each output-layer o_x written as the softmax of the z; None where expr writes
        the layer below's o, a weight or the bias."""
        if expr.free_symbols & self.quantities or any(
                isinstance(t, sp.Indexed) and t.base.label in self.quantities for t in expr.atoms(sp.Indexed)):
            return None
        swap = {}
        for t in expr.atoms(sp.Indexed):
            if str(t.base) != str(self.outputs):
                continue
            if len(t.indices) != 1 or not isinstance(t.indices[0], sp.Symbol) or isinstance(t.indices[0], sp.Dummy) \
                    or t.indices[0].name == self.below:
                return None
            swap[t] = self.value.xreplace({self.param: t.indices[0]})
        return expr.xreplace(swap)


def softmax_layer(displayed: dict) -> SoftmaxLayer | None:
    """The pair of the text's displayed definitions o_p = e^{z_p}/Σ_r e^{z_r} and
    z_j = Σ_i w_ij o_i (+ b), or None."""
    for o, d in displayed.items():
        if not isinstance(o, sp.IndexedBase) or len(d.params) != 1:
            continue
        (p,) = d.params
        num, den = sp.fraction(sp.together(d.value))
        if not (isinstance(num, sp.exp) and isinstance(num.args[0], sp.Indexed) and num.args[0].indices == (p,)):
            continue
        z = num.args[0].base
        sums = [s for s in den.atoms(sp.Sum) if len(s.limits) == 1 and den == s]
        if not sums or sums[0].function != sp.exp(z[sums[0].limits[0][0]]) or z not in displayed:
            continue
        zdef = displayed[z]
        below = [s for s in zdef.value.atoms(sp.Sum) if len(s.limits) == 1
                 and o[s.limits[0][0]] in s.function.atoms(sp.Indexed)]
        if len(below) != 1:
            continue
        quantities = {t.base.label for t in zdef.value.atoms(sp.Indexed) if str(t.base) not in (str(o), str(z))}
        labels = {t.base.label for t in zdef.value.atoms(sp.Indexed)}
        quantities |= {s for s in zdef.value.free_symbols if isinstance(s, sp.Symbol) and not s.is_integer
                       and s not in labels}                # the bias b (a weight's w is its own)
        return SoftmaxLayer(o, z, d.value, p, below[0].limits[0][0].name, frozenset(quantities))
    return None


def classes_counted(text: str) -> int | None | bool:
    """The number of classes the text counts in words ("three output neurons"): the number, None
    when it counts none, False when it counts two different numbers."""
    found = {int(m.group(1)) if m.group(1).isdigit() else _WORDS[m.group(1).lower()] for m in _COUNT.finditer(text)}
    if not found:
        return None
    return found.pop() if len(found) == 1 else False


_CLASSES = re.compile(r"(?i)\bclass(?:es)?\s*\$\s*([A-Za-z](?:\s*,\s*[A-Za-z])+)\s*\$")


def named_classes(text: str) -> frozenset:
    """The letters the text names its classes by ("for classes $a,b,c$"): distinct classes."""
    return frozenset(letter.strip() for m in _CLASSES.finditer(text) for letter in m.group(1).split(","))
