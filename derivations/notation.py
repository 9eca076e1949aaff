"""The chapter's notation, printed: one place for how formulas look, in LaTeX and in plain text.

`tex` writes LaTeX as the chapter does (a_j, w_jk, a^{L-1}_k, ln, dC/dz_j, y_j - a_j, not SymPy's
{a}_{j}, w_{j,k}, log); `text` writes one line for a terminal (a_j, Σ, ∂C/∂z_j, ln, σ'(z_j)).
`width` estimates how wide typeset math is, so long equations can be broken before they run off
the page.
"""
from __future__ import annotations

import re

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter


# ============================================================================ plain text

class _TextPrinter(StrPrinter):
    """One line in the chapter's notation: a_j, Σ_{j=1}^{n}, ∂C/∂z_j, ln, σ'(z_j)."""

    printmethod = "_nndl_text"   # not the objects' own _sympystr (Indexed prints a[j] there)

    def _print_Indexed(self, e):
        return f"{self._print(e.base)}_{''.join(self._print(t) for t in e.indices)}"

    def _print_IndexedBase(self, e):
        return _plain(str(e.label))

    def _print_Sum(self, e):
        (v, lo, hi), *_ = e.limits
        return f"Σ_{{{self._print(v)}={self._print(lo)}}}^{{{self._print(hi)}}} ({self._print(e.function)})"

    def _print_Product(self, e):
        (v, lo, hi), *_ = e.limits
        return f"Π_{{{self._print(v)}={self._print(lo)}}}^{{{self._print(hi)}}} ({self._print(e.function)})"

    def _print_Derivative(self, e):
        var = "".join(self._print(v) for v, _ in e.variable_count)
        inner = self._print(e.expr)
        inner = inner if isinstance(e.expr, (sp.Symbol, sp.Indexed)) else f"({inner})"
        return f"∂{inner}/∂{var}"

    def _print_log(self, e):
        return f"ln({self._print(e.args[0])})"

    def _print_KroneckerDelta(self, e):
        return f"δ_{''.join(self._print(t) for t in e.args)}"

    def _print_sigma(self, e):
        return f"σ({self._print(e.args[0])})"

    def _print_sigma_prime(self, e):
        return f"σ'({self._print(e.args[0])})"

    def _print_Symbol(self, e):
        return _plain(e.name)

    def _print_exp(self, e):
        arg = self._print(e.args[0])
        return f"e^{arg}" if isinstance(e.args[0], (sp.Symbol, sp.Integer)) else f"e^({arg})"

    def _print_Mul(self, e):
        """Factors side by side, as the chapter writes them: a_j (1 - a_j)."""
        return super()._print_Mul(e).replace("*", " ")

    def _print_Add(self, e, order=None):
        """A positive term first, as the chapter writes it: y_j - a_j, not -a_j + y_j."""
        terms = ordered_terms(e)
        out = self._print(terms[0])
        for t in terms[1:]:
            out += f" - {self._print(-t)}" if t.could_extract_minus_sign() else f" + {self._print(t)}"
        return out

    def _print_MatMul(self, e):
        return " ".join(self._print(t) for t in e.args)

    def _print_Transpose(self, e):
        return f"{self._print(e.arg)}^T"

    def _print_HadamardProduct(self, e):
        return " ∘ ".join(f"({self._print(t)})" if isinstance(t, sp.MatAdd) else self._print(t) for t in e.args)

    def _print_Identity(self, e):
        return "I"

    def _print_MatrixBase(self, e):
        """A column vector as (a_1, …, a_n)^T, a row as (a_1, …, a_n), a matrix row by row."""
        rows = [", ".join(self._print(x) for x in e.row(r)) for r in range(e.rows)]
        if e.cols == 1:
            return f"({', '.join(rows)})^T"
        if e.rows == 1:
            return f"({rows[0]})"
        return "[" + "; ".join(rows) + "]"

    def _print_Subs(self, e):
        expr, old, new = e.args
        at = ", ".join(f"{self._print(o)}={self._print(v)}" for o, v in zip(old, new))
        return f"({self._print(expr)})|_{{{at}}}"

    def _print_Limit(self, e):
        expr, var, point, direction = e.args
        side = "" if str(direction) == "+-" or point in (sp.oo, -sp.oo) else str(direction)
        return f"lim_{{{self._print(var)}→{self._print(point)}{side}}} ({self._print(expr)})"

    def _print_Infinity(self, e):
        return "∞"

    def _print_Relational(self, e):
        op = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤"}.get(e.rel_op, e.rel_op)
        return f"{self._print(e.lhs)} {op} {self._print(e.rhs)}"

    def _print_Pi(self, e):
        return "π"

    def _print_Pow(self, e, rational=False):
        if e.exp == sp.Rational(1, 2):
            base = self._print(e.base)
            return f"√{base}" if isinstance(e.base, (sp.Symbol, sp.Integer, sp.Indexed)) or e.base is sp.pi else f"√({base})"
        return super()._print_Pow(e, rational).replace("**", "^")

    def _print_NegativeInfinity(self, e):
        return "-∞"


def _plain(name: str) -> str:
    name = re.sub(r"\\bar\{(\w)\}", "\\1\u0304", name)         # \bar{C} -> C̄
    return {"ell": "ℓ", "sigma": "σ", "pi": "π", r"\delta": "δ", "dots": "…"}.get(name, name.replace("\\", ""))


def text(expr) -> str:
    """An expression on one line, in the chapter's notation."""
    return _TextPrinter().doprint(expr)


_TEX_WORDS = {"\\partial ": "∂", r"\partial": "∂", r"\delta": "δ", r"\sigma": "σ", r"\sum": "Σ", r"\ln": "ln",
              r"\geq": "≥", r"\leq": "≤", r"\ge": "≥", r"\le": "≤", r"\dots": "…", r"\cdots": "…",
              r"\ldots": "…", r"\max": "max", r"\min": "min", r"\lim": "lim", r"\circ": "∘", r"\pm": "±",
              r"\times": "×", r"\eta": "η", r"\mid": "|", r"\sim": "~", r"\mathcal": "", r"\tilde": "~",
              r"\operatorname": "", r"\textstyle": "", r"\displaystyle": "", r"\left": "", r"\right": "",
              r"\sigma'": "σ'", r"\ell": "ℓ", r"\infty": "∞", r"\to": "→", r"\cdot": "·", r"\neq": "≠",
              r"\ne": "≠", r"\pi": "π", r"\prod": "Π", r"\mathbb": "", r"\in": "∈", r"\approx": "≈",
              r"\lambda": "λ", r"\mu": "μ", r"\alpha": "α", r"\beta": "β", r"\theta": "θ", r"\epsilon": "ε",
              r"\forall": "for all", r"\exists": "there is", r"\log": "log", r"\exp": "exp"}
_TEX_SPACES = re.compile(r" *\\(?:qquad|quad|[,;:! ]) *")     # \, \; \quad ...: one space, not two
_BRACED = {
    "word": re.compile(r"\\(?:mathrm|text|operatorname|mathbf|mathit|bar)\{([^{}]*)\}"),
    "frac": re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"),
    "sub": re.compile(r"_\{([^{}]*)\}"),
    "sup": re.compile(r"\^\{([^{}]*)\}"),
    "group": re.compile(r"\{([^{}]*)\}"),
}


def _fraction_part(x: str) -> str:
    return x if re.fullmatch(r"[\w.∂]+", x) else f"({x})"


def _subscript(m) -> str:
    """w_{jk} -> w_jk; a multi-token subscript stays one group, without spaces: Σ_{j≠y}."""
    inner = m.group(1).replace(" ", "")
    return f"_{inner}" if re.fullmatch(r"\w+", inner) else f"_{{{inner}}}"


def _superscript(m) -> str:
    """10^{3} -> 10^3, e^{-c d_r} -> e^(-c d_r), e^{z_j} -> e^(z_j), as `text` writes powers."""
    inner = m.group(1).strip()
    return f"^{inner}" if re.fullmatch(r"[A-Za-z0-9.]+|.", inner) else f"^({inner})"


def _math_text(tex: str) -> str:
    """One piece of LaTeX math as terminal text: no backslashes, and braces only where a
    subscript of several tokens needs them (Σ_{j≠y}, as `text` writes Σ_{j=1}^{n})."""
    plain = _TEX_SPACES.sub(" ", tex)
    plain = re.sub(r"\\bar\{(\w)\}", "\\1\u0304", plain)          # \bar{C} -> C̄
    for word, uni in sorted(_TEX_WORDS.items(), key=lambda kv: -len(kv[0])):
        plain = re.sub(re.escape(word) + (r"(?![A-Za-z])" if word[-1].isalpha() else ""), uni, plain)
    kept = {}                                  # finished subscript groups, hidden from the next passes

    def keep(m):
        out = _subscript(m)
        if "{" not in out:
            return out
        kept[f"\x01{len(kept)}\x02"] = out
        return f"\x01{len(kept) - 1}\x02"
    while True:                                # innermost braces first, until none are left
        before = plain
        plain = _BRACED["word"].sub(r"\1", plain)
        plain = _BRACED["frac"].sub(lambda m: "/".join(_fraction_part(x) for x in m.groups()), plain)
        plain = _BRACED["sub"].sub(keep, plain)
        plain = _BRACED["sup"].sub(_superscript, plain)
        if plain == before:
            plain = _BRACED["group"].sub(r"\1", plain)
            if plain == before:
                break
    plain = plain.replace("{", "").replace("}", "").replace("\\", "")
    for mark, group in reversed(kept.items()):
        plain = plain.replace(mark, group)
    return plain


def why_text(parts) -> str:
    """A justification for the terminal: $...$ math loses its TeX; SymPy parts print as text."""
    out = []
    for part in (parts if isinstance(parts, (list, tuple)) else [parts]):
        if isinstance(part, sp.Basic):
            out.append(text(part))
            continue
        out.append("".join(_math_text(piece) for piece in part.split("$")))
    return "".join(out)


# ============================================================================ LaTeX

INDEX_LETTERS = {"i", "j", "k", "ell", "q"}     # neuron indices: w_{jk}, not w_{j,k}


class ChapterPrinter(LatexPrinter):
    """SymPy's LaTeX in the chapter's notation: a_j (not {a}_{j}), w_{jk}, a^{L-1}_k, \\ln,
    dC/dz_j as a partial derivative, positive terms first (y_j - a_j), y_j ln a_j, and
    1/2 sum ... rather than a sum over a fraction bar."""

    def __init__(self, settings=None):
        super().__init__({"order": "none", **(settings or {})})

    def _print(self, expr, **kwargs):
        if type(expr).__name__ == "sigma_prime":    # its own _latex would win: sigma'(z_j) here
            return self._print_sigma_prime(expr)
        return super()._print(expr, **kwargs)

    # --- atoms -------------------------------------------------------------------------------
    def _print_Symbol(self, expr, style="plain"):
        out = super()._print_Symbol(expr, style)
        if re.fullmatch(r"[A-Za-z]{2,}", out):                           # a word: upright
            return rf"\mathrm{{{out}}}"
        return re.sub(r"_\{([A-Za-z]{2,})\}", r"_{\\mathrm{\1}}", out)   # L_{data}, C_{bin}

    def _print_Indexed(self, expr):
        base = self._print(expr.base)
        indices = [self._print(t) for t in expr.indices]
        plain = all(isinstance(t, sp.Symbol) and t.name in INDEX_LETTERS for t in expr.indices)
        out = f"{base}_{{{(' ' if plain else ',').join(indices)}}}"
        return f"{{{out}}}" if "^" in base else out      # a^{L-1}_{k} stays one group under ^2

    def _print_KroneckerDelta(self, expr, exp=None):
        out = r"\delta_{%s}" % " ".join(self._print(t) for t in expr.args)
        return f"{out}^{{{exp}}}" if exp else out

    # --- functions ---------------------------------------------------------------------------
    def _call(self, name: str, arg) -> str:
        inner = self._print(arg)
        if name == r"\ln" and (isinstance(arg, (sp.Symbol, sp.Indexed, sp.Integer, sp.NumberSymbol))
                              or (isinstance(arg, sp.Function) and not tall(inner))):    # ln a_j, ln sigma(z)
            return f"{name} {inner}"
        return name + paren(inner)

    def _print_log(self, expr, exp=None):
        out = self._call(r"\ln", expr.args[0])
        return rf"\left({out}\right)^{{{exp}}}" if exp else out

    def _print_sigma(self, expr, exp=None):
        out = self._call(r"\sigma", expr.args[0])
        return f"{out}^{{{exp}}}" if exp else out

    def _print_sigma_prime(self, expr, exp=None):
        return self._call(r"\sigma'", expr.args[0])

    def _print_Derivative(self, expr):
        order = sum(count for _, count in expr.variable_count)
        below = " ".join(r"\partial " + self._print(v) + (f"^{{{c}}}" if c > 1 else "")
                         for v, c in expr.variable_count)
        top = r"\partial" + (f"^{{{order}}}" if order > 1 else "")
        inner = self._print(expr.expr)
        short = isinstance(expr.expr, (sp.Symbol, sp.Indexed)) or (
            isinstance(expr.expr, sp.Function) and not tall(inner) and width(inner) < 8)
        if short:
            return rf"\frac{{{top} {inner}}}{{{below}}}"
        return rf"\frac{{{top}}}{{{below}}} {paren(inner)}"

    def _print_Sum(self, expr):
        out = self._big_operator(r"\sum", expr)
        body = expr.function
        bracketed = body.is_Add or body.could_extract_minus_sign()
        return out + (paren(self._print(body)) if bracketed else self._print(body))

    def _print_Product(self, expr):
        out = self._big_operator(r"\prod", expr)
        body = expr.function
        return out + (paren(self._print(body)) if body.is_Add else self._print(body))

    def _big_operator(self, op: str, expr) -> str:
        if len(expr.limits) != 1:
            return super()._print_Sum(expr) if op == r"\sum" else super()._print_Product(expr)
        v, lo, hi = (self._print(t) for t in expr.limits[0])
        return rf"{op}_{{{v}={lo}}}^{{{hi}}} "

    # --- sums and products of terms ----------------------------------------------------------
    def _print_Add(self, expr, order=None):
        out = ""
        for number, term in enumerate(ordered_terms(expr)):
            negative = term.could_extract_minus_sign()
            if number:
                out += " - " if negative else " + "
                term = -term if negative else term
            tex = self._print(term)
            out += paren(tex) if self._needs_add_brackets(term) else tex
        return out

    def _print_Mul(self, expr):
        if expr.could_extract_minus_sign():
            positive = -expr
            tex = self._print(positive)
            return "- " + (paren(tex) if positive.is_Add else tex)
        numerator, denominator = split_fraction(expr)
        top = self._product(numerator, alone=bool(denominator))
        if not denominator:
            return top
        bottom = self._product(denominator, alone=True)
        if self._settings["fold_short_frac"] and not tall(top + bottom):     # 1/sigma^2 in words
            if len(denominator) > 1 or denominator[0].is_Add:
                bottom = paren(bottom)
            return f"{top or '1'} / {bottom}"
        if any(isinstance(f, BIG) for f in numerator):         # 1/2 sum ..., not (sum ...)/2
            ones = [f for f in numerator if not isinstance(f, BIG) and not f.is_Add]
            rest = [f for f in numerator if f not in ones]
            lead = rf"\frac{{{self._product(ones) or '1'}}}{{{bottom}}}"
            return f"{lead} {self._product(rest)}"
        return rf"\frac{{{top or '1'}}}{{{bottom}}}"

    def _product(self, factors: list, alone: bool = False) -> str:
        """Factors side by side in the chapter's order; alone: one factor needs no brackets."""
        factors = sorted(factors, key=factor_rank)
        if alone and len(factors) == 1:
            return self._print(factors[0])
        out = []
        for n_, f in enumerate(factors):
            tex = self._print(f)
            last = n_ == len(factors) - 1
            if f.is_Add or (isinstance(f, BIG) and not last) or f.is_Relational:
                tex = paren(tex)
            if out and f.is_Number:
                out.append(r"\cdot")
            out.append(tex)
        return " ".join(out)

    def _print_And(self, expr):
        chain = bounds_chain(expr)
        if chain is not None:
            return chain
        return r",\quad ".join(self._print(a_) for a_ in expr.args)

    def _print_Relational(self, expr):
        return f"{self._print(expr.lhs)} {RELATIONS[expr.rel_op]} {self._print(expr.rhs)}"

    def _print_Pow(self, expr):
        base, exp = expr.base, expr.exp
        if not (exp.is_Number and exp.is_negative) and (base.is_Add or base.is_Mul or isinstance(base, BIG)):
            return f"{paren(self._print(base))}^{{{self._print(exp)}}}"
        return super()._print_Pow(expr)


def tall(tex_: str) -> bool:
    """Whether math is taller than a line: fractions, sums, products."""
    return any(s in tex_ for s in (r"\frac", r"\sum", r"\prod", r"\lim"))


def paren(tex_: str) -> str:
    """(tex), with brackets that grow only around tall content."""
    return rf"\left({tex_}\right)" if tall(tex_) else f"({tex_})"


RELATIONS = {"==": "=", ">": ">", "<": "<", ">=": r"\geq", "<=": r"\leq", "!=": r"\neq"}
BIG = (sp.Sum, sp.Product, sp.Derivative, sp.Limit, sp.Integral)


def ordered_terms(expr: sp.Add) -> list:
    """The terms in SymPy's order, but a positive one first: y_j - a_j, not -a_j + y_j."""
    terms = list(expr.args)
    positive = [t for t in terms if not t.could_extract_minus_sign()]
    if positive and terms[0].could_extract_minus_sign():
        terms.remove(positive[0])
        terms.insert(0, positive[0])
    return terms


def split_fraction(expr: sp.Mul) -> tuple[list, list]:
    """Numerator and denominator factors of a product (powers with a negative number exponent,
    and a rational coefficient's denominator, go below)."""
    top, bottom = [], []
    for f in sp.Mul.make_args(expr):
        if f.is_Rational and f.q != 1:
            if f.p != 1:
                top.append(sp.Integer(f.p))
            bottom.append(sp.Integer(f.q))
        elif f.is_Pow and f.exp.is_Number and f.exp.is_negative:
            bottom.append(f.base ** -f.exp if f.exp != -1 else f.base)
        else:
            top.append(f)
    return top, bottom


def factor_rank(f) -> float:
    """Where a factor goes in a product, as the chapter writes them: numbers, symbols, sigma and
    e^x, brackets, ln, sigma', then sums and derivatives last: 2 y_j ln a_j, sigma(z)(1 - sigma(z)),
    (1 - y_j) ln(1 - a_j), (a_j - y_j) sigma'(z_j)."""
    name = type(f).__name__
    if f.is_number:
        return 0
    if isinstance(f, BIG):
        return 6
    if name == "sigma_prime":
        return 5
    if isinstance(f, sp.log):
        return 4
    if f.is_Add or (f.is_Pow and f.base.is_Add):
        return 3
    if isinstance(f, sp.Function) and not isinstance(f, sp.KroneckerDelta) or f.is_Pow and isinstance(f.base, sp.exp):
        return 2
    if isinstance(f, sp.Indexed) and str(f.base) == "w":     # w_jk a^{L-1}_k, as the chapter writes it
        return 0.5
    if isinstance(f, sp.KroneckerDelta):                     # delta_ij first: it picks the term
        return 0.7
    return 1


def bounds_chain(expr: sp.And) -> str | None:
    """0 < a < 1 for (a > 0) & (a < 1)."""
    if len(expr.args) != 2 or not all(isinstance(r, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan,
                                                     sp.GreaterThan)) for r in expr.args):
        return None
    lows = []
    for r in expr.args:
        small, big = (r.lhs, r.rhs) if r.rel_op in ("<", "<=") else (r.rhs, r.lhs)
        lows.append((small, big, r.rel_op in ("<=", ">=")))
    (s1, b1, e1), (s2, b2, e2) = lows
    op = lambda closed: r"\leq" if closed else "<"
    if b1 == s2:
        return f"{tex(s1)} {op(e1)} {tex(b1)} {op(e2)} {tex(b2)}"
    if b2 == s1:
        return f"{tex(s2)} {op(e2)} {tex(b2)} {op(e1)} {tex(b1)}"
    return None


_PRINTER = ChapterPrinter()
_INLINE = ChapterPrinter({"fold_short_frac": True})


def tex(expr) -> str:
    """An expression in the chapter's notation."""
    return _PRINTER.doprint(sp.sympify(expr))


def tex_inline(expr) -> str:
    """The same, for math within words: short fractions on the line (1 / sigma^2)."""
    return _INLINE.doprint(sp.sympify(expr))


# ============================================================================ width

_WIDE = {r"\sum": 2.2, r"\prod": 2.2, r"\lim": 3.0, r"\ln": 2.2, r"\exp": 3.2, r"\max": 3.2,
         r"\log": 3.0, r"\to": 2.8, r"\infty": 2.0, r"\cdot": 1.6, r"\circ": 2.0, r"\neq": 2.8,
         r"\geq": 2.8, r"\leq": 2.8, r"\quad": 2.0, r"\qquad": 4.0, r"\dots": 3.0, r"\ell": 0.9,
         r"\partial": 1.2, r"\mid": 2.2, r"\sim": 2.8, r"\wedge": 2.4, r"\times": 2.4}
_ZERO = {r"\left", r"\right", r"\mathopen", r"\mathclose", r"\displaystyle", r"\limits",
         r"\Bigl", r"\Bigr", r"\biggl", r"\biggr", r"\bigl", r"\bigr", r"\substack"}
_CHARS = {"+": 2.4, "-": 2.4, "=": 2.8, "<": 2.8, ">": 2.8, "(": 0.8, ")": 0.8, "[": 0.8, "]": 0.8,
          ",": 0.8, ".": 0.6, "'": 0.5, "|": 0.6, "/": 1.0, " ": 0.0, "&": 0.0, ";": 0.8, ":": 1.0}


def width(s: str) -> float:
    """The width of math `s` when typeset, roughly, in letters (5 pt at 10 pt): enough to decide
    where a line must break. The compiled document is checked for overfull lines too."""
    return _Measure(s).sequence()


class _Measure:
    def __init__(self, s: str):
        self.s, self.i = s, 0

    def sequence(self, stop: str = "") -> float:
        total = 0.0
        base, below = 0.0, False      # the last atom's width; whether its scripts go below it (sum, lim)
        scripts: list[float] = []

        def close() -> float:
            out = (max(max(scripts) - base, 0.0) if below else max(scripts)) if scripts else 0.0
            scripts.clear()
            return out
        while self.i < len(self.s) and self.s[self.i] != stop:
            if self.s[self.i] in "^_":
                self.i += 1
                scripts.append(0.7 * self.atom()[0])
                continue
            total += close()
            base, below = self.atom()
            total += base
        return total + close()

    def atom(self) -> tuple[float, bool]:
        """The width of the next atom, and whether its scripts go below it."""
        s, i = self.s, self.i
        c = s[i]
        if c == "{":
            self.i += 1
            w = self.sequence("}")
            self.i += 1
            return w, False
        if c != "\\":
            self.i += 1
            return _CHARS.get(c, 1.0 if c.isdigit() else 1.1), False
        m = re.match(r"\\([A-Za-z]+|.)", s[i:])
        name = "\\" + m.group(1)
        self.i += len(m.group(0))
        if name == r"\frac":
            return max(self.atom()[0], self.atom()[0]) + 0.4, False
        if name == r"\sqrt":
            return self.atom()[0] + 1.2, False
        if name in (r"\text", r"\textrm", r"\mathrm", r"\operatorname", r"\mathbb", r"\mathcal", r"\texttt"):
            start = self.i
            w = self.atom()[0]
            return (len(s[start:self.i]) - 2) * 0.95 if name.startswith(r"\text") else w, False
        if name in (r"\left", r"\right", r"\Bigl", r"\Bigr", r"\biggl", r"\biggr", r"\bigl", r"\bigr"):
            if self.i < len(s) and s[self.i] == "\\":
                m2 = re.match(r"\\([A-Za-z]+|.)", s[self.i:])
                self.i += len(m2.group(0))
                return 0.8, False
            self.i += 1
            return (0.0 if s[self.i - 1] == "." else 0.8), False
        if name in _ZERO:
            return 0.0, False
        if name in (r"\,", r"\:", r"\;"):
            return 0.4, False
        if name == r"\!":
            return -0.3, False
        return _WIDE.get(name, 1.2), name in (r"\sum", r"\prod", r"\lim")


# ============================================================================ SymPy strings

class _SympyStringPrinter(StrPrinter):
    """SymPy's own string form, with every name a Python identifier: delta[j], a_prev[k],
    sigma_prime(z[j]), so that `parse_sympy_string` reads it back."""

    printmethod = "_nndl_sympy"   # not the objects' own _sympystr (Indexed would print \delta[j])

    def _print_IndexedBase(self, e):
        return identifier(str(e.label))

    def _print_Indexed(self, e):
        return f"{self._print(e.base)}[{', '.join(self._print(t) for t in e.indices)}]"

    def _print_sigma_prime(self, e):
        return f"sigma_prime({self._print(e.args[0])})"


def identifier(name: str) -> str:
    """A label as a Python identifier: \\delta -> delta, a^{L-1} -> a_prev."""
    return {r"\delta": "delta", "a^{L-1}": "a_prev"}.get(name, re.sub(r"\W", "_", name))


def sympy_string(expr) -> str:
    """expr as a string SymPy's parse_expr reads back (see parse_sympy_string)."""
    return _SympyStringPrinter().doprint(expr)


def parse_sympy_string(s: str):
    """The expression `sympy_string` wrote, with the project's symbols (a, z, y, w, b, delta,
    a_prev as IndexedBase; n, j, k, ... with their assumptions; sigma and sigma_prime)."""
    from sympy.parsing.sympy_parser import parse_expr

    from derivations import activations, symbols
    names = {identifier(str(v.label)): v for v in vars(symbols).values() if isinstance(v, sp.IndexedBase)}
    for v in vars(symbols).values():    # the indices and sizes; a family's name wins over a scalar's
        if isinstance(v, sp.Symbol):
            names.setdefault(v.name, v)
    names.update(sigma=activations.sigma, sigma_prime=activations.sigma_prime)
    return parse_expr(s, local_dict=names)
