"""A learner's LaTeX, in the chapter's notation, read into SymPy: SymPy's own LaTeX parser (its
Lark grammar and transformer, `sympy.parsing.latex.lark`), extended for what the chapter writes.

The extension (GRAMMAR below, Lark's %override and %extend on SymPy's grammar) adds sigma(z) and
sigma'(z), partial and d-derivatives (\\frac{\\partial C}{\\partial a_j}, \\frac{d}{dz}(...),
\\partial C/\\partial z_j), sums as learners write them (\\sum_j, \\sum_{k=1}^{n}, \\sum_{k \\neq j}),
products, limits, [ ] brackets, and implicit products of any factors; it ties function arguments
and sum bodies to products (\\ln a_j b_j is (ln a_j) b_j; \\sum_j a_j b_j + c sums a_j b_j only).

Before parsing, `prepare` rewrites what the grammar need not know, keeping for every character
where it came from (so an error is reported at the learner's line and column): \\text{...} and
\\qquad justifications and trailing punctuation go; a^{L-1}_k becomes a_k^{L-1}; a layer
superscript (L, l, L-1, l-1) moves into the subscript, so it is never read as a power; bare log,
ln, exp become \\log, \\ln, \\exp; \\tilde{y} becomes one letter; \\underbrace{X}_{Y} keeps X and
records the claim X = Y.

`Notation` turns letters into the chapter's symbols (derivations.symbols): a_j, z_j, y_j, b_j,
w_jk, a_k^{L-1}, C and C_x (the cost), delta_jk (Kronecker) beside delta_j (the output error), e,
n, c, and the learner's index letters; a text's own letters are renamed first (t for y, ...).
A summation index is a bound name: each sum gets a fresh index.
"""
from __future__ import annotations

import os
import re
import string
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import sympy as sp

from derivations import symbols as S
from derivations.activations import sigma, sigma_prime


# ============================================================================ positions

class Source:
    """Text with, for each character, its offset in the file it came from."""

    def __init__(self, text: str, origin: list[int]):
        assert len(text) == len(origin)
        self.text, self.origin = text, origin

    @classmethod
    def at(cls, text: str, start: int) -> "Source":
        return cls(text, list(range(start, start + len(text))))

    def __getitem__(self, span: slice) -> "Source":
        return Source(self.text[span], self.origin[span])

    def __add__(self, other: "Source") -> "Source":
        return Source(self.text + other.text, self.origin + other.origin)

    def __len__(self) -> int:
        return len(self.text)

    def offset(self, i: int) -> int:
        """The file offset of character i (the end of the text for i past it)."""
        if not self.origin:
            return 0
        return self.origin[min(max(i, 0), len(self.origin) - 1)]

    def strip(self) -> "Source":
        t = self.text
        lo = len(t) - len(t.lstrip())
        hi = len(t.rstrip())
        return self[lo:hi] if hi > lo else self[0:0]

    def sub(self, pattern, repl, count: int = 0) -> "Source":
        """re.sub, each replacement's characters placed at the start of what they replace."""
        out_text, out_origin, last, done = [], [], 0, 0
        for m in re.finditer(pattern, self.text):
            if count and done >= count:
                break
            new = repl(m) if callable(repl) else m.expand(repl)
            out_text.append(self.text[last:m.start()])
            out_origin.extend(self.origin[last:m.start()])
            out_text.append(new)
            out_origin.extend([self.offset(m.start())] * len(new))
            last, done = m.end(), done + 1
        out_text.append(self.text[last:])
        out_origin.extend(self.origin[last:])
        return Source("".join(out_text), out_origin)


def matching_brace(text: str, opening: int) -> int:
    """The index of the } that closes the { at `opening`, or -1."""
    depth = 0
    for pos in range(opening, len(text)):
        ch = text[pos]
        if ch == "\\":
            continue
        if ch == "{" and (pos == 0 or text[pos - 1] != "\\"):
            depth += 1
        elif ch == "}" and (pos == 0 or text[pos - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return pos
    return -1


# ============================================================================ preparing the text

LAYERS = {"L": "L", "l": "L", "L-1": "L-1", "l-1": "L-1", "L+1": "L+1", "l+1": "L+1"}
_LAYER = r"(?:\{\s*[Ll]\s*(?:[-+]\s*1\s*)?\}|[Ll](?![A-Za-z]))"
_SUB = r"(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|[A-Za-z0-9])"
_BASE = r"(?:(?<![\\A-Za-z])[A-Za-z]|\\delta(?![A-Za-z])|\\sum(?![A-Za-z])|\\prod(?![A-Za-z]))"


@dataclass
class Claim:
    """\\underbrace{X}_{Y}: the learner claims X = Y."""

    left: Source
    right: Source


def underbraces(src: Source) -> tuple[Source, list[Claim]]:
    """Replace each \\underbrace{X}_{Y} (or \\overbrace{X}^{Y}) by {X}; return the claims X = Y."""
    claims: list[Claim] = []
    while True:
        m = re.search(r"\\(under|over)brace\s*\{", src.text)
        if not m:
            return src, claims
        open_x = m.end() - 1
        close_x = matching_brace(src.text, open_x)
        if close_x < 0:
            return src, claims
        rest = src.text[close_x + 1:]
        mark = re.match(r"\s*[_^]\s*", rest)
        if not mark:
            src = src[:m.start()] + src[open_x:]          # no label: just X
            continue
        start_y = close_x + 1 + mark.end()
        if start_y < len(src.text) and src.text[start_y] == "{":
            end_y = matching_brace(src.text, start_y)
            if end_y < 0:
                return src, claims
            label = src[start_y + 1:end_y]
        else:
            end_y = start_y
            label = src[start_y:start_y + 1]
        inner = src[open_x + 1:close_x]
        label = Source(re.sub(r"\\text\{[^{}]*\}", lambda t: " " * len(t.group()), label.text), label.origin)
        if label.text.strip():
            claims.append(Claim(inner, label))
        src = src[:m.start()] + src[open_x:close_x + 1] + src[end_y + 1:]


def prepare(src: Source, named: str = "", vectors: tuple = (), primed: str = "",
            superscripted: frozenset = frozenset(), sigma_named: bool = False) -> tuple[Source, list[Claim]]:
    """The part as the grammar reads it, and the \\underbrace claims in it; `named` is the sum a
    bare \\sum stands for (see named_sum); `vectors` the vectors the text writes out (written_vectors);
    `primed` the variable the text says a prime differentiates in (prime_variable); `superscripted`
    the letters whose superscripts are indices (superscript_indices); `sigma_named` whether σ is the
    text's name for a sum (sigma_named_sum)."""
    # \sum^{n}_{j=1} -> \sum_{j=1}^{n}: the limits in either order, as LaTeX takes them
    src = src.sub(rf"(\\(?:sum|prod)(?![A-Za-z]))\s*\^\s*({_SUB})\s*_\s*({_SUB})", r"\1_\3^\2")
    # f^{\prime}(x), f^\prime(x) -> f'(x): a function letter's derivative, the prime written as a superscript
    src = src.sub(r"(?<![\\A-Za-z])([fgh])\s*\^\s*(?:\{\s*\\prime\s*\}|\\prime(?![A-Za-z]))(?=\s*\()", r"\1'")
    src = primes_as_derivatives(src, primed)
    src = superscripts_as_indices(src, superscripted)
    if sigma_named:
        src = src.sub(r"\\sigma(?![A-Za-z])", r"\\Sigma")
    src = src.sub(r"_\s*\\(?:text|textrm|mathrm|rm)\s*\{\s*([A-Za-z]+)\s*\}", r"_{\1}")   # x_\text{max}: a named index
    src = bracket_indices(src)
    src = vector_components(src)
    src = bare_sums(src, named)
    src = unicode_to_latex(src)
    src = softmax_components(src, vectors)
    src = primed_capitals(src)
    src = unindexed_sums(src)
    src = src.sub(r"\\frac\s+([A-Za-z0-9])\s*([A-Za-z0-9])(?![A-Za-z0-9])", r"\\frac{\1}{\2}")   # \frac y a
    src = src.sub(r"(\\sum(?![A-Za-z])\s*(?:[_^]\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*){1,2})-", r"\1(-1) ")   # \sum_{k \ne i} -p_k y_k
    src = src.sub(r"\\(?:b|x)?cancel\s*(?=\{)", "")              # \cancel{X}: X, struck through
    src = src.sub(r"\\cancelto\s*\{[^{}]*\}\s*(?=\{)", "")
    src = cases_as_deltas(src)
    src = src.sub(r"\\delta\s*\{\s*([a-z])\s*,?\s*([a-z])\s*\}", r"\\delta_{\1\2}")   # \delta{ik}: δ_ik, its _ left out
    src = src.sub(r"(?<![\\A-Za-z])CE(?![A-Za-z])", "C")          # CE: the cross-entropy cost, one name
    src = function_names(src)
    src = _over_as_frac(src)
    src = accented_letters(src)
    src, claims = underbraces(src)
    for pattern, repl in (
        (r"\\left\s*\\\{", "("), (r"\\right\s*\\\}", ")"),        # \left\{ ... \right\}: a group
        (r"\\(?:left|right)(?![A-Za-z])\s*\.?", " "),      # \left( -> (; \left. -> nothing
        (r"\{\s*\}", " "),
        (r"\\(?:text|textrm|textit|textbf|mbox|mathrm|operatorname\*?)\s*\{\s*d\s*\}", "d"),
        (r"\\mathrm\s*\{\s*e\s*\}", "e"),
        (r"\\(?:text|textrm|textit|textbf|mbox|tag|label|intertext)\s*\{[^{}]*\}", " "),
        (r"\\(?:nonumber|notag|displaystyle|textstyle|scriptstyle|scriptscriptstyle)(?![A-Za-z])", " "),
        (r"\\(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge)(?![A-Za-z])", " "),
        (r"\\(?:[Bb]igg?|[Bb]igg?[lrm])(?![A-Za-z])", " "),
        (r"\\(?:quad|qquad|enspace|;|,|:|!|\s)", " "),
        (r"~", " "),
        (r"\\tilde\s*\{\s*y\s*\}|\\tilde\s+y(?![A-Za-z])", "ỹ"),
        (r"_\s*ỹ", "_{ỹ}"),                                # z_\tilde{y}: the subscript the true class
        (r"_\s*\{\s*y\s*_\s*(?:\{\s*[A-Za-z]\s*\}|[A-Za-z])\s*\}", "_{ỹ}"),   # f_{y_i}: a label as an index, the true class
        (r"\\sigma\s*(?:\^\s*(?:\{\s*(?:\\prime|')\s*\}|\\prime)|\\prime(?![A-Za-z]))", r"\\sigma'"),   # σ^\prime, σ\prime
        (r"\\sigma\s*(\([^()]*\))\s*'", r"\\sigma'\1"),          # \sigma(x)': the derivative, written after
        (r"\\exp\s*\^\s*", r"e^"),
        (r"(?<![\\A-Za-z])(log|ln|exp)(?![A-Za-z])", r"\\\1"),
        (r"(?<![\\A-Za-z])([A-Za-z]?)(ln|log)([A-Za-z])(?![A-Za-z])", r"\1 \\\2 \3"),    # ylna: y ln a, lna: ln a
        (r"\\(?:mathbf|vec|bf)\s*\{\s*([A-Za-z])\s*\}|\{\s*\\bf\s+([A-Za-z])\s*\}|\\vec\s+([A-Za-z])(?![A-Za-z])",
         lambda m: m.group(1) or m.group(2) or m.group(3)),      # \vec{a}, \bf{a}, {\bf a}: the letter
        (r"\\(?:mathbf|boldsymbol|bm)\s+([A-Za-z])(?=\s*_)", r"\1"),   # \mathbf x_i: a component, the letter
        (r"\\(?:mathbb|boldsymbol|bm|mathit|mathsf|bf)\s*\{\s*(\\?[A-Za-z]+|[%s])\s*(_\s*\{[^{}]*\}|_\s*[A-Za-z0-9])?\s*\}"
         % ACCENTED, r"\1\2"),   # a letter's style only
        (r"\\(?:color\s*\{[^{}]*\}|textcolor\s*\{[^{}]*\})", " "),             # \color{red}{X}: X
        (r"\\(?:limits|nolimits)(?![A-Za-z])", " "),
        (r"\\partial\s*\{\s*([^{}]*?(?:\{[^{}]*\}[^{}]*?)*)\s*\}(?=\s*\})", r"\\partial \1"),   # \partial{z_i}
    ):
        src = src.sub(pattern, repl)
    # e^-z -> e^{-z}; e^z_j -> e^{z_j} (the exponent's subscript, as the eye reads it)
    src = src.sub(r"\^\s*-\s*((?:\\sigma|[A-Za-z])(?:_(?:\{[^{}]*\}|[A-Za-z0-9]))?|\d+)", lambda m: "^{-" + m.group(1) + "}")
    src = src.sub(r"((?<![\\A-Za-z])e)\s*\^\s*([A-Za-z])\s*_\s*(\{[^{}]*\}|[A-Za-z0-9])",
                  lambda m: f"{m.group(1)}^{{{m.group(2)}_{m.group(3)}}}")
    # X^{sup}_{sub} -> X_{sub}^{sup}: the grammar wants the subscript next to its letter
    src = src.sub(rf"({_BASE})\s*\^\s*({_SUB})\s*_\s*({_SUB})", lambda m: f"{m.group(1)}_{m.group(3)}^{m.group(2)}")
    # a layer superscript joins the subscript: a_k^{L-1} -> a_{k;L-1}, a^L -> a_{;L}
    src = src.sub(rf"((?<![\\A-Za-z])[abwzyC]|\\delta(?![A-Za-z]))(?:\s*_\s*({_SUB}))?\s*\^\s*({_LAYER})", _layered)
    src = written_out_sums(src)
    src = src.sub(r"[\s,.;:]+$", "")
    return src, claims


_SUMMED = re.compile(r"\\sum\s*_\s*\{?\s*([a-z])\s*\}?(?:\s*\^\s*(?:\{[^{}]*\}|\w))?([^=$]*)")
_SUPERSCRIPT = r"\^\s*(?:\{\s*(%s)\s*\}|(%s)(?![A-Za-z0-9]))"


_POWERED = r"(?:[A-DF-Za-df-z]|\(\s*e\s*\^\s*\{?\s*[A-Za-z]\s*\}?\s*\))"
_SOFTMAX_SHAPE = re.compile(r"\\frac\s*\{\s*(?P<x1>" + _POWERED + r")\s*\^\s*\{?\s*(?P<i>[a-z])\s*\}?\s*\}\s*\{\s*\\sum\s*_\s*"
                            r"\{?\s*(?P<j>[a-z])\s*\}?(?:\s*\^\s*(?:\{[^{}]*\}|\w))?\s*(?P<x2>" + _POWERED +
                            r")\s*\^\s*(?:\{\s*(?P<j1>[a-z])\s*\}|(?P<j2>[a-z]))\s*\}")


def sigma_named_sum(text: str) -> bool:
    """Whether the text names a sum σ ($\\sigma = \\sum_{j=0}^n e^{f_j}$, the softmax's denominator) and
    never applies σ as a function nor writes \\Sigma: then σ is that quantity, not the sigmoid."""
    return bool(re.search(r"\\sigma\s*=\s*\\sum(?![A-Za-z])", text)) and not re.search(
        r"\\sigma\s*(?:\\left\s*)?[(']|\\sigma\s*\^\s*\{?\s*\\prime|\\Sigma(?![A-Za-z])", text)


def superscript_indices(text: str) -> frozenset:
    """The letters a text indexes by superscript: those it sums over their superscript, \\sum_j^N (e^z)^j,
    \\sum_i^N y^i ln(s^i) (the classes' s^i, y^i, (e^z)^i; "e^z" stands for the exponentials' letter z).
    A letter the text also writes with a subscript (s_i^2) keeps its superscripts as powers; e^j under a
    sum over j stays a power."""
    found = set()
    for m in _SUMMED.finditer(text):    # two letters raised to the summed index: y^i ln(s^i)
        v, summand = m.group(1), m.group(2)
        letters = {l[0] for l in re.findall(r"(?<![\\A-Za-z])([A-DF-Za-df-z])\s*" + _SUPERSCRIPT % (v, v), summand)}
        found |= letters if len(letters) >= 2 else set()
    for m in _SOFTMAX_SHAPE.finditer(text):   # the softmax's shape: X^i over the sum over j of X^j
        if m.group("x1") == m.group("x2") and m.group("i") != m.group("j") \
                and m.group("j") == (m.group("j1") or m.group("j2")):
            x = m.group("x1")
            found.add(x if len(x) == 1 else "e^" + re.sub(r"[^A-Za-z]", "", x)[1:])
            named = re.search(r"(?<![\\A-Za-z])([A-DF-Za-df-z])\s*" + _SUPERSCRIPT % (m.group("i"), m.group("i")) +
                              r"\s*=\s*$", text[:m.start()])
            if named:                         # s^i = \frac{(e^z)^i}{\sum_j (e^z)^j}: s^i its name
                found.add(named.group(1))
    return frozenset(l for l in found
                     if not re.search(rf"(?<![\\A-Za-z]){re.escape(l[-1]) if l.startswith('e^') else l}\s*_", text))


def superscripts_as_indices(src: Source, letters: frozenset) -> Source:
    """s^i, y^2, (e^z)^i as s_i, y_2, e^{z_i}, for the letters superscript_indices found. Another
    letter with an index letter up (z^i, where the text indexes (e^z)^i so) is refused: a power or an
    index, the text does not say."""
    if not letters:
        return src
    for l in letters:
        if l.startswith("e^"):
            src = src.sub(r"\(\s*e\s*\^\s*\{?\s*" + l[2:] + r"\s*\}?\s*\)\s*" + _SUPERSCRIPT % ("[a-z0-9]", "[a-z0-9]"),
                          lambda m, z=l[2:]: f"e^{{{z}_{{{m.group(1) or m.group(2)}}}}}")
        else:
            src = src.sub(rf"(?<![\\A-Za-z]){l}\s*" + _SUPERSCRIPT % ("[a-z0-9]", "[a-z0-9]"),
                          lambda m, x=l: f"{x}_{{{m.group(1) or m.group(2)}}}")
    unclear = re.search(r"(?<![\\A-Za-z])([A-DF-Za-df-z])\s*" + _SUPERSCRIPT % ("[ijk]", "[ijk]"), src.text)
    if unclear:
        raise ParseFailure(f"{unclear.group()}: the text writes class indices as superscripts, so whether this is "
                           f"a power or an index is not clear (write {unclear.group(1)}_{unclear.group(2) or unclear.group(3)} "
                           "for an index)", unclear.start())
    return src


_COMPONENT_OF_BOLD = re.compile(r"(?<![\\A-Za-z])([A-Za-z])\s*\(\s*\\(?:mathbf|boldsymbol|bm|vec)\s*"
                                r"(?:\{\s*([A-Za-z])\s*\}|\s([A-Za-z])(?![A-Za-z]))\s*\)\s*(?=_)")
_BARE_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm)\s+[A-Za-z](?![A-Za-z])(?!\s*_)(?!\s*\)\s*_)")


def vector_components(src: Source) -> Source:
    """s(\\mathbf x)_i, the i-th component of a vector function of the vector x, as s_i: the name the
    component goes by where x is the one argument (read so only when every s(...) in the part has the
    same plain vector x; s(\\mathbf x + c)_i, at another point, is not read so)."""
    found = list(_COMPONENT_OF_BOLD.finditer(src.text))
    by_letter: dict = {}
    for m in found:
        by_letter.setdefault(m.group(1), set()).add(m.group(2) or m.group(3))
    applied = re.findall(r"(?<![\\A-Za-z])([A-Za-z])\s*\(", src.text)
    if not found or any(len(args) > 1 or applied.count(letter) > sum(1 for m in found if m.group(1) == letter)
                        for letter, args in by_letter.items()):
        return src
    return src.sub(_COMPONENT_OF_BOLD, r"\1")


_BOLD = r"(?:\{\s*\\(?:bf|boldsymbol|mathbf)\s*\{?\s*([A-Za-z])\s*\}?\s*\}|\\(?:mathbf|boldsymbol|vec)\s*\{\s*([A-Za-z])\s*\})"
_WRITTEN_VECTOR = re.compile(_BOLD + r"\s*=\s*(?:\\left\s*)?\[([^\[\]=$]*)(?:\\right\s*)?\]")
_SOFTMAX_OF = re.compile(r"(?:\{\s*\\rm\s+|\\(?:operatorname|mathrm|text|rm)\s*\{\s*)?[Ss]oftmax\s*\}?\s*\(\s*(?:" + _BOLD +
                         r"|\[([^\[\]]*)\])\s*\)\s*_\s*\{?\s*(\d)\s*\}?")


# softmax(\boldsymbol z)[i], \text{softmax}(\mathbf z)_i, e^{\boldsymbol z}[i], sum(e^{\boldsymbol z}): a vector's entries
_BOLD_LETTER = r"\\(?:mathbf|boldsymbol|bm|vec)\s*(?:\{\s*([A-Za-z])\s*\}|\s([A-Za-z])(?![A-Za-z]))"
_ENTRY = r"\s*(?:\[\s*([A-Za-z]|\d+)\s*\]|_\s*(?:\{\s*([A-Za-z]|\d+)\s*\}|([A-Za-z0-9])))"
_SOFTMAX_ENTRY = re.compile(r"(?<![\\A-Za-z])(?:\\(?:operatorname\*?|mathrm|text|textrm|rm)\s*\{\s*softmax\s*\}|softmax)"
                            r"\s*\(\s*" + _BOLD_LETTER + r"\s*\)" + _ENTRY)
_EXP_ENTRY = re.compile(r"(?<![\\A-Za-z])e\s*\^\s*\{\s*" + _BOLD_LETTER + r"\s*\}" + _ENTRY)
_SUM_OF_EXP = re.compile(r"(?<![\\A-Za-z])(?:\\(?:operatorname|mathrm|text|textrm|rm)\s*\{\s*sum\s*\}|sum)\s*\(\s*e\s*\^\s*\{\s*"
                         + _BOLD_LETTER + r"\s*\}\s*\)")


def vector_entries(src: Source) -> Source:
    """The entries of a vector written in vector notation, as the text indexes them:
    softmax(\\boldsymbol z)[i] (or \\text{softmax}(\\mathbf z)_i) is the softmax's i-th component,
    softmax(z)_i; e^{\\boldsymbol z}[i], the exponential taken entry by entry, is e^{z_i};
    sum(e^{\\boldsymbol z}), the sum of those entries, is \\sum_r e^{z_r} over all of them."""
    if not re.search(r"\\(?:mathbf|boldsymbol|bm|vec)(?![A-Za-z])", src.text):
        return src

    def index(m, at):
        return next(g for g in m.groups()[at:at + 3] if g is not None)
    src = src.sub(_SOFTMAX_ENTRY, lambda m: f"softmax({m.group(1) or m.group(2)})_{{{index(m, 2)}}}")
    src = src.sub(_EXP_ENTRY, lambda m: f"e^{{{m.group(1) or m.group(2)}_{{{index(m, 2)}}}}}")

    def total(m):
        vector = m.group(1) or m.group(2)
        bound = next(l for l in "rsuvpq" if l != vector and not re.search(rf"(?<![\\A-Za-z]){l}(?![A-Za-z])", src.text))
        return rf"\left(\sum_{{{bound}}} e^{{{vector}_{{{bound}}}}}\right)"
    return src.sub(_SUM_OF_EXP, total)


def written_vectors(text: str) -> tuple:
    """The vectors a text writes out, {\\bf z} = [z, 0]: ((letter, its components' text), ...)."""
    return tuple((m.group(1) or m.group(2), m.group(3)) for m in _WRITTEN_VECTOR.finditer(text))


def softmax_components(src: Source, vectors: tuple) -> Source:
    """{\\rm Softmax}({\\bf z})_1 with {\\bf z} = [z, 0], or Softmax([z, 0])_1: the softmax's first
    component, e^{z} / (e^{z} + e^{0}), the components counted from 1."""
    if "oftmax" not in src.text:
        return src
    known = dict(vectors)

    def one(m):
        items = m.group(3) if m.group(3) is not None else known.get(m.group(1) or m.group(2))
        parts = [p.strip() for p in items.split(",")] if items is not None else []
        k = int(m.group(4))
        if len(parts) < 2 or not all(parts) or not 1 <= k <= len(parts):
            return m.group()
        return rf"\left(\frac{{e^{{{parts[k - 1]}}}}}{{{' + '.join(f'e^{{{p}}}' for p in parts)}}}\right)"
    return src.sub(_SOFTMAX_OF, one)


_DOTS = re.compile(r"\\(?:[cl]?dots|ldotp|cdotp)(?![A-Za-z])|\.\.\.|…")
_FIRST_INDEX = re.compile(r"_\s*(?:\{\s*1\s*\}|1(?![0-9]))")


def written_out_sums(src: Source) -> Source:
    """t_1 + t_2 + \\dots + t_n, a sum written out term by term, as \\sum_{r=1}^{n} t_r: the terms before
    the dots are one pattern in the index 1, 2, ... (the index written as a subscript), the term after
    them the same pattern at the last index. Anything else beside dots (two runs of dots, a term that
    breaks the pattern, minus signs) is a ParseFailure saying so, never a guess."""
    for _ in range(20):
        m = _DOTS.search(src.text)
        if not m:
            return src
        lo, hi = _enclosing(src.text, m.start())
        inner = src[lo:hi]
        terms, signs = _terms(inner.text)
        dots = [k for k, (a, b) in enumerate(terms) if _DOTS.fullmatch(inner.text[a:b].strip())]
        written = _as_sum(inner.text, terms, signs, dots, src.text)
        if written is None:
            raise ParseFailure("a sum written out with dots whose terms the checker cannot see as one pattern "
                               "(write it as t_1 + t_2 + \\dots + t_n, or with \\sum)", m.start())
        src = src[:lo] + Source(written, [src.offset(lo)] * len(written)) + src[hi:]
    return src


def _enclosing(text: str, at: int) -> tuple[int, int]:
    """The span of the innermost {...}, (...) or [...] holding offset `at` (its content), or the whole text."""
    depth, lo = 0, 0
    for pos in range(at - 1, -1, -1):
        ch = text[pos]
        if ch in ")}]" and text[pos - 1:pos] != "\\":
            depth += 1
        elif (ch in "({[" and text[pos - 1:pos] != "\\") or (ch in "=<>" and depth == 0):
            if depth == 0:
                lo = pos + 1
                break
            depth -= 1
    depth, hi = 0, len(text)
    for pos in range(at, len(text)):
        ch = text[pos]
        if ch in "({[" and text[pos - 1:pos] != "\\":
            depth += 1
        elif (ch in ")}]" and text[pos - 1:pos] != "\\") or (ch in "=<>" and depth == 0):
            if depth == 0:
                hi = pos
                break
            depth -= 1
    return lo, hi


def _terms(text: str) -> tuple[list, list]:
    """The top-level terms of a sum's text, as spans, and the sign written before each."""
    terms, signs, depth, start, sign = [], [], 0, 0, "+"
    for pos, ch in enumerate(text):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif ch in "+-" and depth == 0 and text[pos - 1:pos] not in ("^", "_"):
            if text[start:pos].strip():
                terms.append((start, pos))
                signs.append(sign)
                sign = ch
            elif ch == "-":
                sign = "-" if sign == "+" else "+"
            start = pos + 1
    terms.append((start, len(text)))
    signs.append(sign)
    return terms, signs


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"_\s*\{\s*([A-Za-z0-9]+)\s*\}", r"_\1", text))


def _as_sum(text: str, terms: list, signs: list, dots: list, whole: str) -> str | None:
    """The written-out sum as \\sum_{r=1}^{N} (pattern), or None when it is not one pattern."""
    if len(dots) != 1 or dots[0] < 1 or dots[0] != len(terms) - 2 or set(signs) != {"+"}:
        return None
    before = [text[a:b] for a, b in terms[:dots[0]]]
    last = text[terms[-1][0]:terms[-1][1]]
    if not _FIRST_INDEX.search(before[0]):
        return None
    template = _squeeze(_FIRST_INDEX.sub("_@", before[0]))
    if any(_squeeze(t) != template.replace("@", str(k)) for k, t in enumerate(before[1:], start=2)):
        return None
    pattern = re.escape(template).replace("@", "([A-Za-z0-9]+)", 1).replace("@", r"\1")
    end = re.fullmatch(pattern, _squeeze(last))
    if not end or (end.group(1).isdigit() and int(end.group(1)) <= len(before)):
        return None
    fresh = next((l for l in "rsuvpq" if not re.search(rf"(?<![\\A-Za-z]){l}(?![A-Za-z])", whole)), None)
    if fresh is None:
        return None
    body = template.replace("@", f"{{{fresh}}}")
    return rf" \left(\sum_{{{fresh}=1}}^{{{end.group(1)}}} \left({body}\right)\right) "


_PRIME_MEANING = re.compile(r"(?i)\bprimes?\s+(?:means?|denotes?|stands?\s+for|is)\s+(?:the\s+)?(?:partial\s+)?"
                            r"derivatives?\s+(?:in|with\s+respect\s+to|w\.\s*r\.\s*t\.?|by)\s+\$([^$]+)\$")


def prime_variable(text: str) -> str:
    """The variable a text says its primes differentiate in ("a prime means the derivative in $x_i$"),
    as LaTeX; "" when it says none (or names two)."""
    found = {re.sub(r"\s+", "", m.group(1)) for m in _PRIME_MEANING.finditer(text)}
    return found.pop() if len(found) == 1 else ""


_STYLE = re.compile(r"\\(?:mathbf|mathbb|boldsymbol|bm|bf|vec|mathit|mathrm)(?![A-Za-z])|[{}\s]")
_APPLIED_DEFINITION = re.compile(r"(?:^|\$|\\\[|\\begin\{\w+\*?\}|&|\n)\s*([A-Z])\s*\(((?:[^()=$]|\([^()=$]*\))+)\)\s*(?::=|=|\\equiv)")


def _plain_argument(text: str) -> str:
    """An argument's text without its style (\\mathbf{p}, \\mathbb{\\theta}, braces, spaces): p, \\theta."""
    return _STYLE.sub("", text)


def applied_names(text: str) -> tuple:
    """The capital letters a text defines applied to their arguments, with those arguments
    (J(\\theta) = CE(y, ŷ), L(\\mathbf{p}) = -\\sum_i y_i \\log p_i): J(θ) written later, in any style of
    its argument, is that J, not the product J·θ. A letter the text defines twice is left out (the
    loss of two classes, then of three: which one a step means is not written), and so is C, the
    cost (C(a, y) is read as the cost already)."""
    found: dict = {}
    for m in _APPLIED_DEFINITION.finditer(text):
        name, arg = m.group(1), _plain_argument(m.group(2))
        if name != "C" and arg:
            found.setdefault(name, []).append(arg)
    return tuple(sorted((name, args[0]) for name, args in found.items() if len(args) == 1))


def applied_as_names(src: Source, applied: tuple) -> Source:
    """J(\\mathbb{\\theta}) as J where the text defines J(\\theta) (applied_names): the name at the argument
    it is defined at; at any other argument it is left as written."""
    for name, arg in applied:
        def one(m, arg=arg):
            return m.group(1) if _plain_argument(m.group(2)) == arg else m.group()
        src = src.sub(rf"(?<![\\A-Za-z])({name})\s*\(((?:[^()]|\([^()]*\))+)\)", one)
    return src


_ONE_VARIABLE = r"[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?"
_FUNCTION_NAMED = re.compile(
    rf"(?:^|\$|\\\[|\\\(|\\begin\{{\w+\*?\}}|&|\n)\s*([a-z])\s*\(\s*{_ONE_VARIABLE}\s*\)\s*(?::=|=|\\equiv)"
    rf"|=\s*([a-z])\s*\(\s*{_ONE_VARIABLE}\s*\)\s*(?=\$|\\quad|\\\]|\\\)|\n|,|\.)")


def function_letters(text: str) -> frozenset:
    """Lowercase letters the text names as functions of one variable, a definition's left side
    (p(x_i) = e^{x_i}/Y) or the name a chain ends at (softmax(x_i) = ... = p(x_i)): p(x_j) written
    anywhere is then p applied to x_j, never the product p·x_j (a reading that would guess, and a
    counterexample with p a free number is none). f, g, h are functions already; a, y, z applied
    to x are the chapter's a(x), y(x); e, d are never functions."""
    found = {m.group(1) or m.group(2) for m in _FUNCTION_NAMED.finditer(text)}
    return frozenset(found - set("fghayzed"))


def letters_as_functions(src: Source, letters: frozenset) -> Source:
    """p( as \\fnp( for each of `letters` (function_letters), the grammar's applied function letter."""
    return src.sub(rf"(?<![\\A-Za-z_^])([{''.join(sorted(letters))}])(?='*\s*\()", r"\\fn\1")


def elementwise(src: Source) -> Source:
    """Where the output layer's vectors are read component by component (δ^L = a^L - y as δ_j =
    a_j - y_j): the gradient ∇_a C as the vector of the ∂C/∂a_j, and the Hadamard product ⊙ as the
    product of components (BP1, δ^L = ∇_a C ⊙ σ'(z^L), is δ_j = ∂C/∂a_j σ'(z_j))."""
    src = src.sub(r"\\nabla\s*_\s*\{?\s*a\s*\}?\s*C(?![A-Za-z_])", r"\\frac{\\partial C}{\\partial a}")
    return src.sub(r"\\odot(?![A-Za-z])", r"\\cdot ")


def primes_as_derivatives(src: Source, primed: str) -> Source:
    """With the text's own meaning of a prime (the derivative in x_i): \\sum' as the derivative of the
    sum (the bare \\sum the text named), e_j' as \\frac{\\partial e_j}{\\partial x_i}."""
    if not primed or "'" not in src.text:
        return src
    src = src.sub(r"\\sum\s*'", lambda m: rf"\frac{{\partial}}{{\partial {primed}}}\left(\sum\right)")
    return src.sub(r"(?<![\\A-Za-z])([A-Za-z])\s*_\s*(\{[^{}]*\}|[A-Za-z0-9])\s*'",
                   lambda m: rf"\frac{{\partial {m.group(1)}_{m.group(2)}}}{{\partial {primed}}}")


_UNINDEXED_SUM = re.compile(r"\\sum(?![A-Za-z])(?:\s*_\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z])))?\s*"
                            r"e\s*\^\s*(?:\{\s*([a-z])\s*\}|([a-z]))(?![_A-Za-z])")


def unindexed_sums(src: Source) -> Source:
    """\\sum e^z, \\sum_j e^{z}: the sum over the classes of e^{z_j}, the letter's index left out as
    learners do (a sum of one number e^z would not be written)."""
    def one(m):
        letter = m.group(3) or m.group(4)
        index = m.group(1) or m.group(2) or next(
            (l for l in "rsuvpq" if l != letter and not re.search(rf"(?<![\\A-Za-z]){l}(?![A-Za-z])", src.text)), None)
        if index is None or index == letter:
            return m.group()
        return rf"\sum_{{{index}}} e^{{{letter}_{{{index}}}}}"
    src = src.sub(_UNINDEXED_SUM, one)
    return src.sub(_SUM_OF_INDEXED_POWER, lambda m: rf"\sum_{{{m.group(1)}}} " if _one_index(m.group(2)) else m.group())


_SUM_OF_INDEXED_POWER = re.compile(r"\\sum(?![A-Za-z_^])\s*(?=e\s*\^\s*\{(?:[^{}]*?_\s*\{?\s*([a-z])\s*\}?)((?:[^{}]|\{[^{}]*\})*)\})")


def _one_index(rest: str) -> bool:
    """The rest of an exponent after its first index letter names no other index: \\sum e^{x_j + c}
    runs over j, \\sum e^{x_j - x_k} over nothing the eye can tell."""
    return not re.search(r"_\s*\{?\s*[a-z]", rest)


_PRIMED_CAPITAL = re.compile(r"(?<![\\A-Za-z])([A-Z])\s*('{1,2}|\^\s*\{\s*\\prime\s*\})\s*\(\s*([A-Za-z])\s*\)")


def primed_capitals(src: Source) -> Source:
    """C'(a), C''(a): the derivatives of a quantity written as a function of one letter (the cost
    of the output a), as \\frac{dC}{da} and \\frac{d}{da}\\frac{dC}{da}."""
    def one(m):
        name, primes, var = m.group(1), m.group(2), m.group(3)
        first = rf"\frac{{d {name}}}{{d {var}}}"
        return first if primes.count("'") == 1 or "prime" in primes else rf"\frac{{d}}{{d {var}}}{first}"
    return src.sub(_PRIMED_CAPITAL, one)


# \\hat{y}, \\bar{o}: a letter of its own (the learner's prediction, a largest score), written as the
# accented letter (ŷ, ō) so that it takes subscripts like any letter; \\tilde{y} is the true class
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0304"}
_ACCENTED = {unicodedata.normalize("NFC", letter + mark): (letter, name)
             for name, mark in ACCENTS.items() for letter in string.ascii_letters
             if len(unicodedata.normalize("NFC", letter + mark)) == 1}
ACCENTED = "".join(sorted(_ACCENTED))


def accented_letters(src: Source) -> Source:
    """\\hat{y}_i, \\hat y_i, \\hat{y_i}, \\bar{o} as one accented letter (ŷ_i, ō): a quantity of its
    own, never a product with the accent."""
    if "\\" not in src.text:
        return src

    src = src.sub(r"(\\(?:hat|widehat|bar|overline)\s*\{)\s*\\(?:mathbb|mathbf|boldsymbol|bm|mathit|mathsf)\s*"
                  r"\{\s*([A-Za-z])\s*\}\s*\}", r"\1\2}")          # \hat{\mathbb{y}}: the letter's style only

    def one(m):
        mark = ACCENTS[m.group(1)]
        letter = m.group(2) or m.group(3) or m.group(5)
        accented = unicodedata.normalize("NFC", letter + mark)
        if len(accented) != 1:
            return m.group()
        sub = m.group(4)
        return accented + (f"_{{{sub.strip('{} ')}}}" if sub else "")
    return src.sub(r"\\(hat|widehat|bar|overline)(?![A-Za-z])\s*(?:\{\s*(?:([A-Za-z])|([A-Za-z])\s*_\s*(\{\s*[A-Za-z0-9]+\s*\}|"
                   r"[A-Za-z0-9]))\s*\}|([A-Za-z]))", one)


# a \\sum with nothing after it to sum (\\frac{e^{a_i} \\sum - e^{a_i} e^{a_i}}{\\sum^2}, (\\sum_K)^2): the sum
# the text has named before, as learners abbreviate it
_BARE_SUM = re.compile(r"\\sum(?![A-Za-z])(?:\s*_\s*(?:\{\s*[A-Z]\s*\}|[A-Z]|[a-z](?=\s*[)}])))?"
                       r"(?=\s*(?:[})\-+^=,]|\\(?:times|cdot|right|end)(?![A-Za-z])|\\\\|\$|$))")
_SUM_LIMITS = re.compile(r"\\sum(?![A-Za-z])\s*(?:\\(?:limits|nolimits|displaystyle)\s*)?"
                         r"(?:[_^]\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*){1,2}")


def named_sum(text: str) -> str:
    """The last sum the text writes with what it sums (\\sum_{k}{e^{a_k}}, \\sum_{j=1}^{K}\\exp(\\theta_j)),
    as LaTeX: what a bare \\sum written after it stands for; "" if there is none."""
    found = ""
    for m in _SUM_LIMITS.finditer(text):
        rest = text[m.end():]
        if rest[:1] == "{":
            close = matching_brace(rest, 0)
            body = rest[:close + 1] if close > 0 else ""
        else:
            depth, end = 0, len(rest)
            for pos, ch in enumerate(rest):
                if ch in "({[":
                    depth += 1
                elif ch in ")}]":
                    if depth == 0:
                        end = pos
                        break
                    depth -= 1
                elif depth == 0 and (ch in "$=,+-\n" or rest.startswith("\\\\", pos) or rest.startswith("\\quad", pos)):
                    end = pos
                    break
            body = rest[:end]
        if body.strip() and not _BARE_SUM.match(text, m.start()):
            found = m.group().strip() + " " + body.strip()
    return found


def bare_sums(src: Source, named: str) -> Source:
    """Each bare \\sum as the sum `named` (in parentheses); with none named, a ParseFailure saying so."""
    if "\\sum" not in src.text or not _BARE_SUM.search(src.text):
        return src
    if not named:
        raise ParseFailure("a \\sum with nothing after it to sum, and no sum written before it that it could "
                           "stand for", _BARE_SUM.search(src.text).start())
    index = re.match(r"\\sum\s*(?:\\(?:limits|nolimits|displaystyle)\s*)?_\s*\{?\s*([A-Za-z])(?![A-Za-z])", named)
    if index:                  # its bound index renamed apart from the chain's letters (a condition i = j)
        fresh = next((l for l in "rsuvpq" if not re.search(rf"(?<![\\A-Za-z]){l}(?![A-Za-z])", src.text + named)), None)
        if fresh:
            named = re.sub(rf"(?<![\\A-Za-z]){index.group(1)}(?![A-Za-z])", fresh, named)
    return src.sub(_BARE_SUM, lambda m: rf"\left({named}\right)")


UNICODE = {"σ": r"\sigma ", "′": "'", "∂": r"\partial ", "−": "-", "·": r"\cdot ", "×": r"\times ",
           "∑": r"\sum ", "Σ": r"\sum ", "∏": r"\prod ", "δ": r"\delta ", "∞": r"\infty ", "ℓ": r"\ell ",
           "⋅": r"\cdot ", "–": "-", "…": r"\cdots ", "⋯": r"\cdots ", "η": r"\eta ", "λ": r"\lambda ",
           "σ′": r"\sigma'"}


def unicode_to_latex(src: Source) -> Source:
    """σ′(z) − ∂C/∂z as \\sigma'(z) - \\partial C/\\partial z: what learners type outside LaTeX."""
    if all(ord(ch) < 128 for ch in src.text):
        return src
    return src.sub("|".join(sorted(UNICODE, key=len, reverse=True)), lambda m: UNICODE[m.group()])


_NAMED = r"\\(?:operatorname\*?|mathrm|text|textrm|mbox|mathit|rm)\s*\{\s*([A-Za-z]+)\s*\}"
_FUNCTIONS = ("tanh", "sinh", "cosh", "sin", "cos", "tan", "log", "ln", "exp", "max", "min")


def function_names(src: Source) -> Source:
    """A standard function's name as one function, never a product of letters: \\operatorname{tanh},
    \\mathrm{tanh} or a bare tanh as \\tanh; softmax(z)_j and softmax(z_j) as e^{z_j}/Σ_ℓ e^{z_ℓ}
    (the softmax's definition); sigmoid(z) as σ(z); a bare σ under ∂ or d as σ(z) (the book's ∂σ/∂w_j)."""
    def named(m):
        word = m.group(1)
        return "\\" + word if word in _FUNCTIONS else word if word in ("softmax", "sigmoid") else m.group()
    src = src.sub(_NAMED, named)
    src = src.sub(r"(?<![\\A-Za-z])(" + "|".join(_FUNCTIONS[:6]) + r")(?![A-Za-z])", lambda m: "\\" + m.group(1))
    src = src.sub(r"(?<![\\A-Za-z])(max|min)(?=\s*\()", lambda m: "\\" + m.group(1))        # max(0, z)
    src = src.sub(r"(?<![\\A-Za-z])(?:\\operatorname\s*\{\s*)?(?:relu|ReLU)(?:\s*\})?\s*\(", r"\\max(0, ")   # relu(z): max(0, z)
    src = src.sub(r"(?<![\\A-Za-z])sigmoid(?![A-Za-z])", r"\\sigma")
    src = src.sub(r"(?<![\\A-Za-z])softmax\s*\(\s*([A-Za-z])\s*\)\s*_\s*(\{\s*[A-Za-z0-9]\s*\}|[A-Za-z0-9])",
                  lambda m: _softmax(m.group(1), m.group(2).strip("{} "), src.text))
    src = src.sub(r"(?<![\\A-Za-z])softmax\s*\(\s*([A-Za-z])\s*_\s*(\{\s*[A-Za-z0-9]\s*\}|[A-Za-z0-9])\s*\)",
                  lambda m: _softmax(m.group(1), m.group(2).strip("{} "), src.text))
    return src.sub(r"(\\frac\s*\{\s*(?:\\partial|d)\s*)\\sigma\s*(?=\})", lambda m: m.group(1) + r"\sigma(z)")


def _softmax(vector: str, index: str, text: str) -> str:
    bound = next(l for l in "rsuvpqi" if l not in (vector, index) and not re.search(rf"(?<![\\A-Za-z]){l}(?![A-Za-z])", text))
    return rf"\left(\frac{{e^{{{vector}_{index}}}}}{{\sum_{{{bound}}} e^{{{vector}_{bound}}}}}\right)"


_CASE_ROW = re.compile(r"^(.*?)&\s*(?:\\text\s*\{\s*(?:if|for|when)?\s*\}(?:\s|\\[;,:!])*)?(?:(?:if|for|when)\s+)?\$?\s*"
                       r"([A-Za-z])\s*(=|\\neq?(?![A-Za-z])|\\not=)\s*([A-Za-z])\s*\$?[\s,.]*$", re.S)


def cases_as_deltas(src: Source) -> Source:
    """\\begin{cases} X & j = k \\\\ Y & j \\ne k \\end{cases} as δ_jk (X) + (1 − δ_jk)(Y): the same
    quantity for every j and k (the Kronecker delta is 1 exactly when j = k)."""
    def rewrite(m):
        rows = [r for r in re.split(r"\\\\", m.group(1)) if r.strip()]
        if len(rows) != 2:
            raise ParseFailure("a \\begin{cases} with other than two cases (j = k, j ≠ k) is not one the "
                               "checker reads", 0)
        read = [_CASE_ROW.match(r.strip()) for r in rows]
        if not all(read):
            raise ParseFailure("a \\begin{cases} whose cases are not j = k and j ≠ k is not one the "
                               "checker reads", 0)
        values = {}
        for r in read:
            same = r.group(3) == "="
            values[same] = (r.group(1).strip(), r.group(2), r.group(4))
        if set(values) != {True, False}:
            raise ParseFailure("a \\begin{cases} whose cases are not j = k and j ≠ k is not one the checker reads", 0)
        (x, p, q), (y, _, _) = values[True], values[False]
        return rf"\left(\delta_{{{p}{q}}} \left({x}\right) + \left(1 - \delta_{{{p}{q}}}\right)\left({y}\right)\right)"
    pattern = r"(?:\\left\s*\\\{\s*)?\\begin\{cases\}(.*?)\\end\{cases\}(?:\s*\\right\s*\.)?"
    return src.sub(pattern, rewrite) if "cases" in src.text else src


def _over_as_frac(src: Source) -> Source:
    """{a \\over b} as \\frac{a}{b} (TeX's own fraction)."""
    for _ in range(20):
        m = re.search(r"\\over(?![A-Za-z])", src.text)
        if not m:
            return src
        depth, lo = 0, -1
        for pos in range(m.start() - 1, -1, -1):
            ch = src.text[pos]
            if ch == "}" and src.text[pos - 1:pos] != "\\":
                depth += 1
            elif ch == "{" and src.text[pos - 1:pos] != "\\":
                if depth == 0:
                    lo = pos
                    break
                depth -= 1
        hi = matching_brace(src.text, lo) if lo >= 0 else -1
        if lo < 0 or hi < 0:
            raise ParseFailure("\\over outside a {...} group", m.start())
        src = (src[:lo] + Source("\\frac{", [src.offset(lo)] * 6) + src[lo + 1:m.start()] + Source("}{", [src.offset(m.start())] * 2)
               + src[m.end():hi] + src[hi:])
    return src


# y[0], y_{prob}[c]: an entry of a vector, indexed in square brackets as a program indexes it
_BRACKET_INDEX = re.compile(r"(?<![\\A-Za-z])([A-Za-z])(\s*_\s*\{\s*[A-Za-z]+\s*\})?\s*\[\s*([A-Za-z]|\d+)\s*\]")


def bracket_indices(src: Source) -> Source:
    """y[0] as y_{0}, y_{prob}[c] as y_{prob,c}: a letter (or a word-named letter, see
    `word_subscript`) followed by one index in square brackets is that entry of the vector."""
    if "[" not in src.text:
        return src

    def one(m):
        word = re.sub(r"[\s_{}]", "", m.group(2) or "")
        return f"{m.group(1)}_{{{word + ',' if word else ''}{m.group(3)}}}"
    return src.sub(_BRACKET_INDEX, one)


def word_subscript(sub: str) -> str | None:
    """The word of a subscript that names a quantity rather than indexing it (y_{prob}, s_{key}:
    three letters or more, a vowel among them, not max or min), or None."""
    body = sub.split(",")[0].replace(" ", "")
    if len(body) >= 3 and body.isalpha() and re.search("[aeouAEOU]", body) and body not in ("max", "min"):
        return body
    return None


def _layered(m) -> str:
    base, sub, layer = m.group(1), m.group(2) or "", re.sub(r"[\s{}]", "", m.group(3))
    sub = sub[1:-1] if sub.startswith("{") else sub
    return f"{base}_{{{sub};{LAYERS[layer]}}}"


# ============================================================================ the grammar

GRAMMAR = r"""
// ---- the chapter's notation, on top of SymPy's grammar (sympy/parsing/latex/lark/grammar) ----
%ignore "\\Bigl" | "\\Bigr" | "\\bigl" | "\\bigr" | "\\Big" | "\\big" | "\\biggl" | "\\biggr"

%override LATIN_SYMBOL_WITH_LATIN_SUBSCRIPT: /([a-zA-Z]'*)_(([A-Za-z0-9])|\{[^{}\\]*\})/
%override GREEK_SYMBOL_WITH_LATIN_SUBSCRIPT: GREEK_SYMBOL_WITH_PRIMES /_(([A-Za-z0-9])|\{[^{}\\]*\})/
%extend GREEK_SYMBOL: "\\Sigma" | "\\Delta" | "\\Gamma" | "\\Lambda" | "\\Omega" | "\\Phi" | "\\Psi" | "\\Theta" | "\\Xi" | "\\Pi" | "\\ell"
TILDE_Y: "ỹ"
%extend _one_letter_symbol: TILDE_Y
%extend GREEK_SYMBOL: /[ACCENTED]/

FUNC_SIGMA: /\\sigma(?![a-zA-Z'])/

// a function's name is one word: \tanh is never \tan h
%override FUNC_SIN: /\\sin(?![a-zA-Z])/
%override FUNC_COS: /\\cos(?![a-zA-Z])/
%override FUNC_TAN: /\\tan(?![a-zA-Z])/
%override FUNC_SINH: /\\sinh(?![a-zA-Z])/
%override FUNC_COSH: /\\cosh(?![a-zA-Z])/
%override FUNC_TANH: /\\tanh(?![a-zA-Z])/
%override FUNC_LOG: /\\log(?![a-zA-Z])/
%override FUNC_LN: /\\ln(?![a-zA-Z])/
%override FUNC_EXP: /\\exp(?![a-zA-Z])/
%override sin: FUNC_SIN _expression_power
%override cos: FUNC_COS _expression_power
%override tan: FUNC_TAN _expression_power
%override sinh: FUNC_SINH _expression_power
%override cosh: FUNC_COSH _expression_power
%override tanh: FUNC_TANH _expression_power
FUNC_SIGMA_PRIME: /\\sigma'/
CMD_PARTIAL: "\\partial"

// products: any factors side by side; a sum, limit or derivative operator takes the rest of the product
%override _expression_mul: _mul_left | _big
_mul_left: _expression_power | mul | div | adjacent_expressions
_big: summation | product | limit | derivative_applied
%override mul: _mul_left MUL_SYMBOL (_expression_power | _big)
%override div: _mul_left DIV_SYMBOL (_expression_power | _big)
%override adjacent_expressions: _mul_left (_expression_power | _big)

%override _expression_func: _expression_core | group_round_parentheses | group_square_brackets
    | fraction | binomial | _function | derivative | partial_slash

// function arguments: one factor (ln a_j b_j is (ln a_j) b_j), or a sum or product (\\log \\prod_j e^{z_j})
%override log: FUNC_LOG (_expression_power | summation | product) | FUNC_LN (_expression_power | summation | product)
%override exponential: FUNC_EXP _expression_power
%override function_applied: FUNC_SIGMA L_PAREN _expression R_PAREN | FUNC_SIGMA_PRIME L_PAREN _expression R_PAREN
%override max: FUNC_MAX L_PAREN list_of_expressions R_PAREN | FUNC_MAX UNDERSCORE _index_group _expression_power
%override min: FUNC_MIN L_PAREN list_of_expressions R_PAREN | FUNC_MIN UNDERSCORE _index_group _expression_power

// a letter applied to a letter, f(z), y(x), a^L(x), or f, g, h to anything; the norm \|v\|
FUNC_LETTER: /(?:[fgh]|\\fn[a-z])'*(?=\s*\()/
letter_applied: (SYMBOL | LATIN_SYMBOL_WITH_LATIN_SUBSCRIPT) L_PAREN SYMBOL R_PAREN
    | FUNC_LETTER L_PAREN _expression R_PAREN
    | (SYMBOL | LATIN_SYMBOL_WITH_LATIN_SUBSCRIPT | FUNC_LETTER) L_PAREN _expression ("," _expression)+ R_PAREN
NORM_BAR: "\\|"
norm: NORM_BAR _expression NORM_BAR
%extend _function: letter_applied | norm

// derivatives
_d: CMD_PARTIAL | DIFFERENTIAL_SYMBOL
_diff_var: _one_letter_symbol | function_applied
derivative: CMD_FRAC L_BRACE _d _expression R_BRACE L_BRACE _d _diff_var R_BRACE
derivative_operator: CMD_FRAC L_BRACE _d R_BRACE L_BRACE _d _diff_var R_BRACE
derivative_applied: derivative_operator _expression_mul
partial_slash: CMD_PARTIAL _expression_power DIV_SYMBOL CMD_PARTIAL _diff_var

// sums and products as learners write them
%override summation: FUNC_SUM _sum_limits _expression_mul
%override product: FUNC_PROD _sum_limits _expression_mul
_sum_limits: sum_lower | sum_lower sum_upper | sum_upper sum_lower
sum_lower: UNDERSCORE _index_group
_index_group: L_BRACE sum_index R_BRACE | SYMBOL | TILDE_Y
sum_index: _index_name | _index_name EQUAL _expression | _index_name NOT_EQUAL _expression
_index_name: SYMBOL | GREEK_SYMBOL_WITH_PRIMES
sum_upper: CARET (_expression_core | DIGIT)

%override limit: FUNC_LIM UNDERSCORE group_curly_parentheses_lim _expression_mul
"""

PREFERRED = {"derivative", "derivative_operator", "derivative_applied", "partial_slash", "letter_applied"}


class ParseFailure(Exception):
    """The text cannot be read: `message` in words, at character `position` of the prepared text."""

    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.message, self.position = message, position


class NotChecked(ParseFailure):
    """The text is read, but written in a notation the checker does not judge step by step (vectors
    and matrices: ⊙, ⊗, a transpose, a matrix), or too long to judge: the step is undecided, not
    unread."""


_CONSTANT = re.compile(r"\{\s*\\rm\s+const(?:ant)?\s*\}|\\(?:text|mathrm|rm|textrm|mbox)\s*\{\s*const(?:ant)?\.?\s*\}")
LIMIT = 1200          # characters: a longer part is refused (its reading and judging would not end soon)
_VECTOR = re.compile(r"\\(?:odot|otimes|circ|nabla)(?![A-Za-z])|\\begin\{[bpvBV]?matrix\}|"
                     r"\\(?:bf|mathbf|boldsymbol|bm)\s*\{(?:[^{}]|\{[^{}]*\})*[-+,](?:[^{}]|\{[^{}]*\})*\}|"     # \bf{\hat y - y}: a vector expression
                     r"\^\s*(?:\{\s*(?:T|\\top|\\intercal)\s*\}|T(?![A-Za-z])|\\top|\\intercal)")


def _vector_list(text: str):
    """\\left[ a, b \\right]: a vector written as the list of its components (a match-like span), or None."""
    for m in re.finditer(r"\\left\s*\[", text):
        depth = 0
        for pos in range(m.end(), len(text)):
            ch = text[pos]
            if text.startswith("\\right", pos) and depth == 0 and re.match(r"\\right\s*\]", text[pos:]):
                break
            if ch in "({[":
                depth += 1
            elif ch in ")}]":
                depth -= 1
            elif ch == "," and depth == 0:
                return _Span(text[m.start():pos + 1] + " ...", m.start())
    return None


@dataclass
class _Span:
    """What a vector pattern found: its text and where (as a regex match gives them)."""

    text: str
    at: int

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return self.at


@lru_cache(maxsize=1)
def _lark_parser():
    """SymPy's Lark grammar with the extension above (built once; Earley, explicit ambiguity)."""
    import lark
    import sympy.parsing.latex.lark as sympy_lark
    folder = os.path.join(os.path.dirname(sympy_lark.__file__), "grammar") + os.sep
    with open(os.path.join(folder, "latex.lark"), encoding="utf-8") as handle:
        base = handle.read()
    return lark.Lark(base + GRAMMAR.replace("[ACCENTED]", f"[{ACCENTED}]"), source_path=folder, parser="earley", start="latex_string",
                     lexer="auto", ambiguity="explicit", propagate_positions=False,
                     maybe_placeholders=False, keep_all_tokens=True)


_TREES: dict = {}          # prepared text -> its resolved tree, or the error the parser raised


def _tree(text: str):
    """The grammar's reading of a prepared text, `_resolve`d; each text is parsed once (a section's
    definitions are read again for each of its chains, a notebook repeats its formulas), and an
    error is raised again. The tree is never changed after: the transformer builds a new expression."""
    import lark
    if text not in _TREES:
        if len(_TREES) > 4096:
            _TREES.clear()
        try:
            _TREES[text] = _resolve(_lark_parser().parse(text))
        except (RecursionError, lark.exceptions.LarkError) as exc:
            _TREES[text] = exc
    found = _TREES[text]
    if isinstance(found, BaseException):
        raise found
    return found


def _resolve(tree):
    """Pick one reading where the grammar allows several: a derivative over a fraction of d's."""
    import lark
    if not isinstance(tree, lark.Tree):
        return tree
    if tree.data == "_ambig":
        def score(t) -> int:            # (f'(x): the function letter's derivative, never a primed symbol)
            return sum(1 for sub in t.iter_subtrees() if sub.data in PREFERRED) + sum(
                1 for tok in t.scan_values(lambda v: isinstance(v, lark.Token) and v.type == "FUNC_LETTER"))
        return _resolve(max(tree.children, key=score))
    tree.children = [_resolve(c) for c in tree.children]
    return tree


# ============================================================================ letters -> symbols

LABEL = sp.Symbol("ỹ", integer=True, positive=True)       # the true class: y_ỹ = 1
CLASSES = sp.Symbol("n_classes", integer=True, positive=True)   # a norm's range: n, even where n counts examples


@dataclass
class Notation:
    """How a text's letters map to the chapter's symbols.

    renames: a text's own letters for the chapter's ({"t": "y", "y": "a", "xi": "C"}).
    index_letters: letters used as indices anywhere in the chain (they stay indices when alone,
    as in the condition j = k). scalar: whether unindexed a, z, y are the one-neuron scalars.
    """

    renames: dict = field(default_factory=dict)
    index_letters: frozenset = frozenset("ijkmq")
    counts: frozenset = frozenset()      # letters kept as a sum's last index (the claim's own q)
    named_sum: str = ""                  # what a bare \\sum stands for: the sum the text named before
    vectors: tuple = ()                  # (letter, "z, 0"): a vector the text writes out, {\\bf z} = [z, 0]
    primed: str = ""                     # what a prime differentiates in, as the text says ("x_i"); "" if unsaid
    superscripted: frozenset = frozenset()   # letters whose superscript is a class index (superscript_indices)
    sigma_named: bool = False            # σ the text's name for a sum (sigma_named), not the sigmoid
    applied: tuple = ()                  # (name, its argument): the text defines J(θ) = ..., so J(θ) is J (applied_names)
    functions: frozenset = frozenset()   # lowercase letters the text names as functions, p(x_i) (function_letters)
    elementwise: bool = False            # the output layer's vectors read component by component: ∇_a C, ⊙ too

    def index(self, letter: str):
        if letter in ("ỹ",):
            return LABEL
        if letter == "ell":
            return S.ell
        if letter.isdigit():
            return sp.Integer(int(letter))
        return sp.Symbol(letter, integer=True, positive=True)

    def indices(self, text: str) -> tuple[list, str]:
        """The indices in a subscript's text ("jk", "j,k", "k;L-1", "x", "0") and its layer."""
        body, _, layer = text.partition(";")
        body = body.replace(" ", "")
        if not body:
            return [], layer
        if "," in body:
            parts = [p for p in body.split(",") if p]
        elif re.fullmatch(r"\d+", body):
            parts = [body]
        elif re.fullmatch(r"[A-Za-zỹ]+", body):
            parts = list(body)
        else:
            raise ParseFailure(f"the subscript {{{text}}} is not one the checker reads", 0)
        out = []
        for p in parts:
            if re.fullmatch(r"\d+", p):
                out.append(sp.Integer(int(p)))
            elif re.fullmatch(r"[A-Za-zỹ]", p):
                out.append(self.index(p))
            else:
                raise ParseFailure(f"the index {p} is not one the checker reads", 0)
        return out, layer

    def letter(self, name: str, subscript: str | None = None) -> sp.Expr:
        """The symbol a letter (with its subscript's text) stands for."""
        name = self.renames.get(name, name)
        if subscript is None:
            return self._plain(name)
        word = word_subscript(subscript) if name not in ("C", "delta") else None
        if word is not None:               # y_{prob}: one name; y_{prob,0}: its entry 0 (C_{MSE} is the cost, as C_x)
            named = f"{name}_{{{word}}}"
            rest = subscript.replace(" ", "").split(",", 1)[1:]
            if not rest:
                return sp.Symbol(named, real=True)
            idx, _ = self.indices(rest[0])
            return sp.IndexedBase(named, real=True)[tuple(idx)]
        idx, layer = self.indices(subscript)
        if layer == "L+1":
            raise ParseFailure("layer L+1: only the output layer L and layer L-1 are in this exercise", 0)
        if name == "a" and layer == "L-1":
            return S.a_prev[tuple(idx)] if idx else sp.Symbol("a^{L-1}", real=True)
        if name == "C":
            return S.C                              # C_x: the cost of example x (one example)
        if name == "delta":
            if len(idx) == 2:
                return sp.KroneckerDelta(*idx)
            return S.delta[tuple(idx)] if idx else S.delta[S.j]
        if not idx:
            return self._plain(name)
        base = {"a": S.a, "z": S.z, "y": S.y, "b": S.b, "w": S.w}.get(name)
        if base is None:
            base = sp.IndexedBase(name, real=True)
        return base[tuple(idx)]

    def _plain(self, name: str) -> sp.Expr:
        if name == "e":
            return sp.E
        if name == "C":
            return S.C
        if name == "pi":
            return sp.pi
        if name == "n":
            return S.n
        if name == "c":
            return S.c
        if name == "N":
            return S.x_count
        if name in ("a", "z", "y"):
            return {"a": S.a1, "z": S.z1, "y": S.y1}[name]
        if name == "ỹ":
            return LABEL
        if name == "ell" or (len(name) == 1 and name in self.index_letters):
            return self.index(name)
        return sp.Symbol(name, real=True)


# ============================================================================ the transformer

def _transformer_class():
    import lark
    from sympy.parsing.latex.lark.transformer import TransformToSymPyExpr

    class ChapterTransformer(TransformToSymPyExpr):
        """SymPy's transformer, with the chapter's letters and the rules the extension adds."""

        def __init__(self, notation: Notation):
            super().__init__()
            self.notation = notation

        # --- letters ---------------------------------------------------------------------
        def SYMBOL(self, token):
            if str(token).endswith("'") and str(token).rstrip("'") not in ("a", "z", "y"):
                raise ParseFailure(f"{token}: a primed letter is read only as a function's derivative, f'(z)", 0)
            return self.notation.letter(str(token).rstrip("'"))

        def GREEK_SYMBOL_WITH_PRIMES(self, token):
            return self.notation.letter(re.sub("var", "", str(token).lstrip("\\")))

        def LATIN_SYMBOL_WITH_LATIN_SUBSCRIPT(self, token):
            base, sub = str(token).split("_", 1)
            return self.notation.letter(base, sub[1:-1] if sub.startswith("{") else sub)

        def GREEK_SYMBOL_WITH_LATIN_SUBSCRIPT(self, token):
            base, sub = str(token).split("_", 1)
            return self.notation.letter(re.sub("var", "", base.lstrip("\\")), sub[1:-1] if sub.startswith("{") else sub)

        def TILDE_Y(self, token):
            return LABEL

        # --- products ----------------------------------------------------------------------
        def adjacent_expressions(self, tokens):
            return sp.Mul(tokens[0], tokens[1])

        def fraction(self, tokens):
            top, bottom = tokens[1], tokens[2]
            d = sp.Symbol("d", real=True)
            if top == d and isinstance(bottom, sp.Mul) and d in bottom.args:
                raise ParseFailure("a derivative d/dx with nothing to differentiate", 0)
            return self._handle_division(top, bottom)

        def group_square_brackets(self, tokens):
            return tokens[1]

        def superscript(self, tokens):
            if len(tokens) == 3 and tokens[0] is sp.E:
                return sp.exp(tokens[2])
            return super().superscript(tokens)

        # --- sigma -------------------------------------------------------------------------
        def function_applied(self, tokens):
            arg = tokens[2]
            return sigma_prime(arg) if str(tokens[0]).endswith("'") else sigma(arg)

        def letter_applied(self, tokens):
            """y(x), a^L(x): the example's vector y, a (x is the input); f(z): a function f."""
            head, arg = str(tokens[0]).removeprefix("\\fn"), tokens[2]      # \fnp: p, a function_letters name
            name, _, sub = head.partition("_")
            sub = sub[1:-1] if sub.startswith("{") else sub
            args = [t for t in tokens[2:-1] if not isinstance(t, lark.Token)]
            if len(args) > 1:              # C(a, y), L(ŷ, y), f(x, y): a function of several arguments
                if name == "C" and not sub:
                    return self.notation.letter("C")      # the cost, of the output and the target
                if "'" in name:
                    raise ParseFailure(f"{name}(...) of several arguments: which derivative is meant is not "
                                       "written", 0)
                return sp.Function(name, real=True)(*args)
            if name in ("a", "y", "z") and arg == sp.Symbol("x", real=True) and not sub.split(";")[0].strip():
                return self.notation.letter(name)
            return sp.Function(name, real=True)(arg)

        def norm(self, tokens):
            """\\|v\\| of the output vector v (unindexed a, y, z): sqrt(sum_j v_j^2)."""
            body = tokens[1]
            fresh = sp.Dummy("j", integer=True, positive=True)
            element = body.xreplace({S.a1: S.a[fresh], S.y1: S.y[fresh], S.z1: S.z[fresh]})
            if element == body:
                raise ParseFailure("a norm \\|...\\| of something that is not the output vector", 0)
            return sp.sqrt(sp.Sum(element ** 2, (fresh, 1, CLASSES)))

        # --- derivatives -------------------------------------------------------------------
        def derivative(self, tokens):
            # \frac { d EXPR } { d VAR }
            return sp.Derivative(tokens[3], _variable(tokens[7]))

        def derivative_operator(self, tokens):
            return ("derivative", _variable(tokens[6]))

        def derivative_applied(self, tokens):
            return sp.Derivative(tokens[1], tokens[0][1])

        def partial_slash(self, tokens):
            return sp.Derivative(tokens[1], _variable(tokens[4]))

        # --- sums ----------------------------------------------------------------------------
        def sum_index(self, tokens):
            var = tokens[0]
            if len(tokens) == 1:
                return ("index", var, None, None)
            kind = "from" if str(tokens[1]) == "=" else "not"
            return ("index", var, kind, tokens[2])

        def sum_lower(self, tokens):
            spec = tokens[1] if len(tokens) == 2 else tokens[2]
            if isinstance(spec, tuple):
                return ("lower",) + spec[1:]
            return ("lower", spec, None, None)

        def sum_upper(self, tokens):
            return ("upper", tokens[1])

        def summation(self, tokens):
            return self._big(sp.Sum, tokens)

        def product(self, tokens):
            return self._big(sp.Product, tokens)

        def _big(self, kind, tokens):
            lower = next(t for t in tokens if isinstance(t, tuple) and t[0] == "lower")
            upper = next((t[1] for t in tokens if isinstance(t, tuple) and t[0] == "upper"), None)
            body = tokens[-1]
            _, var, how, value = lower
            if not isinstance(var, sp.Symbol):
                raise ParseFailure(f"the summation index {var} is not a letter", 0)
            var = self.notation.index(var.name) if not var.is_integer else var
            keep = isinstance(upper, sp.Symbol) and upper.name in self.notation.counts
            return big_operator(kind, body, var, how, value, upper, keep=keep)

        def max(self, tokens):
            if str(tokens[1]) == "_":
                return MaxOver(tokens[-1], tokens[2] if not isinstance(tokens[2], tuple) else tokens[2][1])
            return sp.Max(*tokens[2])

        def min(self, tokens):
            if str(tokens[1]) == "_":
                raise ParseFailure("\\min over an index is not one the checker reads", 0)
            return sp.Min(*tokens[2])

        def limit(self, tokens):
            variable, destination, direction = tokens[2]
            return sp.Limit(tokens[-1], variable, destination, direction if direction != "+-" else "+")

    return ChapterTransformer


def _variable(v):
    """The variable of a derivative: a_j, z, ..., or sigma(z) read as the output it is
    (dC/dsigma(z) is dC/da; dC/dsigma(z_j) is dC/da_j)."""
    if isinstance(v, sigma):
        arg = v.args[0]
        if arg == S.z1:
            return S.a1
        if isinstance(arg, sp.Indexed) and arg.base == S.z:
            return S.a[arg.indices]
    return v


class MaxOver(sp.Function):
    """max_j z_j, as the text writes it (max over an index)."""

    is_real = True


def big_operator(kind, body, var, how, value, upper, keep: bool = False):
    """A sum or product over var with a fresh bound index (a bound name never captures a free
    one); sum_{k != j} is the sum over all k of (1 - delta_kj)."""
    fresh = sp.Dummy(str(var), integer=True, positive=True)
    body = body.xreplace({var: fresh})
    if how == "not":
        body = body * (1 - sp.KroneckerDelta(fresh, value))
        lo = sp.Integer(1)
    elif how == "from":
        lo = value
    else:
        lo = sp.Integer(1)
    hi = upper
    if hi is None or (isinstance(hi, sp.Symbol) and not keep):
        hi = count_for(var, body, fresh)    # a letter as the last index (C, N, K): how many there are
    return kind(body, (fresh, lo, hi))


def count_for(var, body, fresh) -> sp.Expr:
    """How far an index runs when the text does not say: over layer L-1's m neurons (the k of
    w_jk a_k^{L-1}), over the N training examples (x), else over the n output neurons."""
    if str(var) == "x":
        return S.x_count
    for ind in body.atoms(sp.Indexed):
        if ind.base == S.a_prev and fresh in ind.indices:
            return S.m
        if ind.base == S.w and len(ind.indices) == 2 and ind.indices[1] == fresh:
            return S.m
    return S.n


# ============================================================================ parsing

@dataclass
class Parsed:
    """A part read into SymPy, with the claims its \\underbrace marks make."""

    expr: sp.Basic
    claims: list[Claim]


def parse(src: Source, notation: Notation | None = None, *, relation: bool = False) -> Parsed:
    """Read one part (an expression, or with relation=True a relation such as j = k).

    ParseFailure(message, index into src) when it cannot be read.
    """
    import lark
    if len(src.text) > LIMIT:
        raise NotChecked(f"a formula of {len(src.text)} characters is too long to check (the limit is {LIMIT}); "
                         "split it into shorter steps", 0)
    if notation is not None and notation.applied:
        src = applied_as_names(src, notation.applied)
    if notation is not None and notation.functions:
        src = letters_as_functions(src, notation.functions)
    if notation is not None and notation.elementwise:
        src = elementwise(src)
    constant = _CONSTANT.search(src.text)
    if constant:
        raise NotChecked("written up to an arbitrary constant (+ constant): the checker does not judge an equality "
                         "that holds only up to a constant", constant.start())
    src = vector_entries(src)
    vector = _VECTOR.search(src.text) or _BARE_BOLD.search(src.text) or _vector_list(src.text)
    if vector:
        raise NotChecked(f"written with vectors or matrices ({vector.group().strip()}): the checker judges steps "
                         "written component by component (a_j, z_j, w_jk), not vector notation", vector.start())
    prepared, claims = prepare(src, notation.named_sum if notation else "", notation.vectors if notation else (),
                               notation.primed if notation else "", notation.superscripted if notation else frozenset(),
                               notation.sigma_named if notation else False)
    text = prepared.text
    if not text.strip():
        raise ParseFailure("nothing to read here", 0)
    try:
        tree = _tree(text)
    except RecursionError:
        raise NotChecked("a formula too deeply nested to check; split it into shorter steps", 0) from None
    except lark.exceptions.UnexpectedInput as exc:
        where = getattr(exc, "pos_in_stream", None)
        if where is None or where < 0:
            where = len(text)
        near = text[where:where + 12].strip() or "the end"
        raise ParseFailure(f"cannot read the formula at {near!r}", _back(prepared, src, where)) from None
    except lark.exceptions.LarkError as exc:
        raise ParseFailure(f"cannot read the formula ({type(exc).__name__})", 0) from None
    transformer = _transformer_class()(notation or Notation())
    try:
        expr = transformer.transform(tree)
    except RecursionError:
        raise NotChecked("a formula too deeply nested to check; split it into shorter steps", 0) from None
    except ParseFailure as exc:
        raise type(exc)(exc.message, 0) from None
    except lark.exceptions.VisitError as exc:
        inner = exc.orig_exc
        if isinstance(inner, ParseFailure):
            message = inner.message
        elif getattr(exc, "rule", None) is not None and getattr(exc.rule, "origin", exc.rule) == "matrix_prime":
            message = ("cannot read the formula: a prime after a bracket, (...)' (the checker reads f'(x) and "
                       "\\sigma'(z); write the derivative of an expression as \\frac{d}{dx}(...))")
        else:                           # SymPy's own words would show its rewritten form, not the learner's
            message = "cannot read the formula: part of its notation is not read"
        raise ParseFailure(message, 0) from None
    except Exception as exc:           # SymPy refused what the grammar accepted: unreadable, said so
        raise ParseFailure(f"cannot read the formula ({type(exc).__name__}: {exc})", 0) from None
    if isinstance(expr, tuple):
        raise ParseFailure("a derivative operator with nothing to differentiate", len(text))
    if not isinstance(expr, sp.Basic):
        raise ParseFailure("cannot read the formula", 0)
    if isinstance(expr, sp.Rel) and not relation:
        raise ParseFailure("a relation where an expression was expected", 0)
    return Parsed(expr, claims)


def _back(prepared: Source, src: Source, where: int) -> int:
    """The index in src of the prepared text's character `where`."""
    offset = prepared.offset(where)
    for i, o in enumerate(src.origin):
        if o >= offset:
            return i
    return len(src)


def index_letters(text: str) -> frozenset:
    """Letters the text uses as indices: in subscripts (jk, k=1, k \\neq j), never a layer."""
    found = set("ijk")
    for m in re.finditer(r"_\s*(?:\{([^{}]*)\}|([A-Za-z]))", text):
        inner = (m.group(1) if m.group(1) is not None else m.group(2)).split(";")[0].strip()
        found |= set(re.findall(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])", inner))
        if re.fullmatch(r"[A-Za-z]+", inner):
            found |= set(inner)
    return frozenset(found - {"L", "l", "x"})
