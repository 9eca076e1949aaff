"""Words in the document: a text with $...$ math as LaTeX, names in typewriter type, numbers."""
from __future__ import annotations

import re

import sympy as sp

from derivations.notation import tex, tex_inline


def text(s: str) -> str:
    """Words with $...$ math (a step's justification, a claim's statement) as LaTeX text.

    Outside math the characters LaTeX treats specially are escaped, and ASCII notation (>=, ->)
    becomes the symbol; inside math SymPy's {a}_{j} and \\log become the chapter's a_j and \\ln.
    """
    out = []
    for number, part in enumerate(s.split("$")):
        out.append(f"${math(part)}$" if number % 2 else plain(part))
    return "".join(out)


_PLAIN = [("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("#", r"\#"), ("_", r"\_"),
          ("{", r"\{"), ("}", r"\}"), ("~", r"\textasciitilde{}"), ("^", r"\textasciicircum{}"),
          (">=", r"$\geq$"), ("<=", r"$\leq$"), ("!=", r"$\neq$"), ("->", r"$\to$"),
          (">", "$>$"), ("<", "$<$"), ("|", r"$|$")]


def plain(s: str, quotes: bool = True) -> str:
    """Text outside math, escaped for LaTeX ("..." as typeset quotes unless quotes=False)."""
    pattern = "|".join(re.escape(k) for k, _ in _PLAIN)
    table = dict(_PLAIN)
    s = re.sub(pattern, lambda m: table[m.group(0)], s)
    return re.sub(r'"([^"]*)"', r"``\1''", s) if quotes else s


def words(parts) -> str:
    """A justification given as words and SymPy expressions (a step's why_parts)."""
    return "".join(f"${tex_inline(p)}$" if isinstance(p, sp.Basic) else text(p) for p in parts)


def math(s: str) -> str:
    """Math written with SymPy's latex() inside words, in the chapter's notation."""
    s = re.sub(r"\{([A-Za-z]|\\[A-Za-z]+)\}_", r"\1_", s)          # {a}_{j} -> a_{j}
    s = re.sub(r"\\log\{\\left\(([^{}]*?) \\right\)\}", r"\\ln(\1)", s)
    return s.replace(r"\log", r"\ln")


TITLE_MATH = [(r"\bsigma'", r"$\sigma'$"), (r"\bdelta = a - y\b", r"$\delta = a - y$"),
              (r"\bx_j\b", r"$x_j$"), (r"\bc -> oo\b", r"$c \to \infty$"), (r"!=", r"$\neq$"),
              (r"\bat a = y\b", r"at $a = y$")]


def title(s: str) -> str:
    """A claim's title (ASCII, for the terminal) with its few bits of notation typeset."""
    pattern = "|".join(f"({p})" for p, _ in TITLE_MATH)
    out, last = [], 0
    for m in re.finditer(pattern, s):
        out += [plain(s[last:m.start()]), TITLE_MATH[m.lastindex - 1][1]]
        last = m.end()
    return "".join(out) + plain(s[last:])


def tt(name: str) -> str:
    """A Python name in typewriter type, breakable after dots and underscores."""
    out = plain(name, quotes=False)
    for mark in (".", r"\_", ", ", "(", "-"):
        out = out.replace(mark, mark + r"\allowbreak{}")
    return r"\texttt{" + out + "}"


def scientific(x: float) -> str:
    """2.2 \\cdot 10^{-16}, 10^{-12}, 0."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.1e}".split("e")
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1.0" else rf"{mantissa} \cdot {power}"


def number(value) -> str:
    """A measured number in math: 0.9355, 1.29 \\cdot 10^{-9}, 3."""
    if isinstance(value, bool) or not isinstance(value, float):
        return str(value)
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        return f"{value:.4g}"
    mantissa, exponent = f"{value:.2e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    power = f"10^{{{int(exponent)}}}"
    return {"1": power, "-1": f"-{power}"}.get(mantissa, rf"{mantissa} \cdot {power}")


def value(v) -> str:
    """A value of a counterexample or a measurement, as math."""
    if isinstance(v, (tuple, list)):
        return r"\left(" + ", ".join(value(x) for x in v) + r"\right)"
    if isinstance(v, float):
        return number(v)
    if isinstance(v, str):
        return tex(sp.sympify(v))
    return tex(v)
