"""A chain written with row vectors and matrices, read entry by entry.

A text that says it writes its vectors as rows (``\\mathbf s`` a 1 x n row) may write a step such as
``\\mathbf J = \\text{diag}(\\mathbf s) - \\mathbf s^\\top \\mathbf s``. Each side has a shape (a scalar,
a row, a column, an n x n matrix); where every side of the chain has the same shape, the step holds
exactly when its entries do, so each side is rewritten as its entry (i, j) written component by
component (``\\delta_{ij} s_i - s_i s_j``), which the checker then judges as any other step. What is
not read so (a shape that does not match, a matrix named only in words) says why.

The rules, one per form (r, c: the entry's row and column index; k: a fresh summed index):

- ``\\mathbf v`` (a row): entry c is v_c; ``\\mathbf 1``: the row of ones; ``X^\\top``: rows and columns swapped;
- ``\\text{diag}(v)``: the matrix whose entry (r, c) is δ_rc v_r;
- ``\\frac{A}{B}``, ``\\log A``: entry by entry (the shapes equal, or one a scalar); ``A + B``: the shapes equal;
- ``A B``: a scalar scales; otherwise the matrix product, entry (r, c) = Σ_k A_rk B_kc (or A_r B_c, an
  outer product), refused where the inner sizes differ;
- ``\\nabla_{\\mathbf v} F``: the row of the ∂F/∂v_c (a scalar F), the Jacobian ∂F_r/∂v_c (a row F whose
  entry r is of v_r alone, so that which way it is laid out cannot matter);
- ``\\mathbf J_{\\mathbf x}(\\mathbf s)``: the Jacobian, entry (r, c) = ∂s_r/∂x_c (one row per output);
- a plain letter (H), or one applied to vectors (H(\\mathbf y, \\mathbf s)): a scalar.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Callable

from exercises.check.latex import Source


class Shape(Enum):
    SCALAR = "a scalar"
    ROW = "a row"
    COLUMN = "a column"
    MATRIX = "an n x n matrix"


ROWS, COLUMNS = 0, 1           # which size of a shape
_SIZE = {Shape.SCALAR: ("1", "1"), Shape.ROW: ("1", "n"), Shape.COLUMN: ("n", "1"), Shape.MATRIX: ("n", "n")}
_FROM_SIZE = {sizes: shape for shape, sizes in _SIZE.items()}

ROW, COLUMN = "i", "j"         # the entry's indices, the chapter's letters
_SUMMED = "kruvpqgh"           # fresh summed indices, in order (never a vector's letter)


class Unread(Exception):
    """A part not read entry by entry: why, in plain words."""


@dataclass
class Node:
    """A side's shape, and its entry (r, c) as LaTeX written component by component."""

    shape: Shape
    entry: Callable[[str, str], str]


_BOLD = r"\\(?:mathbf|bf|boldsymbol|bm)\s*(?:\{\s*([A-Za-z1])\s*\}|([A-Za-z1]))"
_B = r"\\(?:mathbf|bf|boldsymbol|bm)\s*(?:\{\s*[A-Za-z1]\s*\}|[A-Za-z1])"       # the same, capturing nothing
_ARGS = r"(?:\s*\((?:\s*" + _B + r"\s*,?)+\))?"                                  # (\mathbf y, \mathbf s): applied to vectors
_TRANSPOSE = r"\^\s*(?:\\top|T|\{\s*(?:\\top|T)\s*\})"
_FORMS = [(kind, re.compile(pattern)) for kind, pattern in (
    ("space", r"\s+"),
    ("grad", r"\\nabla\s*_\s*\{\s*" + _BOLD + r"\s*\}"),
    ("jac", r"\\(?:mathbf|bf|boldsymbol|bm)\s*\{?\s*J\s*\}?\s*_\s*\{\s*" + _BOLD + r"\s*\}\s*\(\s*" + _BOLD + r"\s*\)"),
    ("bold", _BOLD + _ARGS),
    ("t", _TRANSPOSE),
    ("diag", r"\\(?:text|operatorname|mathrm)\s*\{\s*diag\s*\}"),
    ("frac", r"\\frac(?![A-Za-z])"),
    ("log", r"\\log(?![A-Za-z])"),
    ("scalar", r"(?<![\\A-Za-z])([A-Z])(?![A-Za-z_^])" + _ARGS),
    ("punct", r"[-+(){}\[\]]"))]
_SPACING = re.compile(r"\\\\(?:\[[^\]]*\])?|&|\\(?:left|right|bigg|Bigg|big|Big)(?![A-Za-z])|\\[ ,;:!]|\\quad(?![A-Za-z])")


def tokens(text: str) -> list[tuple[str, object]]:
    """The part's tokens, or Unread where something is not in the forms above."""
    text = _SPACING.sub(" ", text)
    out, at = [], 0
    while at < len(text):
        for kind, pattern in _FORMS:
            m = pattern.match(text, at)
            if m is not None:
                break
        else:
            raise Unread(f"{text[at:at + 12].strip()!r} is not read entry by entry")
        at = m.end()
        if kind == "space":
            continue
        if kind in ("grad", "bold"):
            out.append((kind, m.group(1) or m.group(2)))
        elif kind == "jac":
            out.append((kind, (m.group(1) or m.group(2), m.group(3) or m.group(4))))
        elif kind == "scalar":
            out.append((kind, m.group(1)))
        else:
            out.append((kind, m.group()))
    return out


class _Reader:
    """Recursive descent over the tokens: sums of products of factors."""

    def __init__(self, toks):
        named = {v for k, v in toks if k in ("bold", "scalar", "grad")} | {x for k, v in toks if k == "jac" for x in v}
        self.toks, self.at = toks, 0
        self.summed = iter([l for l in _SUMMED if l not in named])

    def peek(self):
        return self.toks[self.at] if self.at < len(self.toks) else (None, None)

    def take(self, kind, value=None):
        k, v = self.peek()
        if k != kind or (value is not None and v != value):
            raise Unread("the formula's shape is not read entry by entry")
        self.at += 1
        return v

    def fresh(self) -> str:
        try:
            return next(self.summed)
        except StopIteration:
            raise Unread("too many products to read entry by entry") from None

    def whole(self) -> Node:
        node = self.expr()
        if self.at != len(self.toks):
            raise Unread("the formula's shape is not read entry by entry")
        return node

    def expr(self) -> Node:
        sign = ""
        if self.peek() in (("punct", "-"), ("punct", "+")):
            sign = self.take("punct")
        node = self.term()
        if sign == "-":
            node = _scaled("-", node)
        while self.peek() in (("punct", "-"), ("punct", "+")):
            op = self.take("punct")
            node = _sum(node, op, self.term())
        return node

    def term(self) -> Node:
        """A product; \\nabla_{\\mathbf v} takes the longest run of the factors after it whose gradient
        is defined (∇_s y log s^T is the gradient of the scalar y log s^T; ∇_s H J is (∇_s H) J)."""
        items: list = []
        while True:
            k, v = self.peek()
            if k is None or (k == "punct" and v in "-+)}]"):
                break
            if k == "grad":
                self.at += 1
                items.append(("grad", v))
            else:
                items.append(self.factor())
        tail: list[Node] = []
        for item in reversed(items):
            if isinstance(item, Node):
                tail.insert(0, item)
                continue
            for cut in range(len(tail), 0, -1):
                try:
                    inner = self.product(tail[:cut])
                except Unread:
                    continue
                if inner.shape in (Shape.SCALAR, Shape.ROW):
                    tail = [_gradient(item[1], inner)] + tail[cut:]
                    break
            else:
                raise Unread("a gradient of nothing it is defined for")
        if not tail:
            raise Unread("a product with nothing in it")
        return self.product(tail)

    def product(self, factors: list[Node]) -> Node:
        node = factors[0]
        for f in factors[1:]:
            node = _product(node, f, self)
        return node

    def factor(self) -> Node:
        node = self.atom()
        while self.peek()[0] == "t":
            self.at += 1
            node = _transposed(node)
        return node

    def group(self, opening: str, closing: str) -> Node:
        self.take("punct", opening)
        node = self.expr()
        self.take("punct", closing)
        return node

    def atom(self) -> Node:
        k, v = self.peek()
        if k == "bold":
            self.at += 1
            if v == "1":
                return Node(Shape.ROW, lambda r, c: "1")
            if v.isupper():
                raise Unread(f"the matrix {v} is not defined entry by entry")
            return Node(Shape.ROW, lambda r, c, v=v: f"{v}_{{{c}}}")
        if k == "scalar":
            self.at += 1
            return Node(Shape.SCALAR, lambda r, c, v=v: v)
        if k == "jac":
            self.at += 1
            x, s = v
            return Node(Shape.MATRIX, lambda r, c: rf"\frac{{\partial {s}_{{{r}}}}}{{\partial {x}_{{{c}}}}}")
        if k == "diag":
            self.at += 1
            inner = self.group("(", ")")
            if inner.shape == Shape.ROW:
                return Node(Shape.MATRIX, lambda r, c: rf"\delta_{{{r}{c}}} \left({inner.entry(ROW, r)}\right)")
            if inner.shape == Shape.COLUMN:
                return Node(Shape.MATRIX, lambda r, c: rf"\delta_{{{r}{c}}} \left({inner.entry(r, COLUMN)}\right)")
            raise Unread(f"diag of {inner.shape.value}")
        if k == "frac":
            self.at += 1
            top = self.group("{", "}")
            bottom = self.group("{", "}")
            return _entrywise(top, bottom, lambda a, b: rf"\frac{{{a}}}{{{b}}}")
        if k == "log":
            self.at += 1
            inner = self.factor()
            return Node(inner.shape, lambda r, c: rf"\log\left({inner.entry(r, c)}\right)")
        if (k, v) == ("punct", "("):
            return self.group("(", ")")
        if (k, v) == ("punct", "["):
            return self.group("[", "]")
        if (k, v) == ("punct", "{"):
            return self.group("{", "}")
        raise Unread("the formula's shape is not read entry by entry")


def _scaled(sign: str, node: Node) -> Node:
    return Node(node.shape, lambda r, c: rf"{sign}\left({node.entry(r, c)}\right)")


def _transposed(node: Node) -> Node:
    rows, cols = _SIZE[node.shape]
    return Node(_FROM_SIZE[(cols, rows)], lambda r, c: node.entry(c, r))


def _entrywise(a: Node, b: Node, combine) -> Node:
    if a.shape != b.shape and Shape.SCALAR not in (a.shape, b.shape):
        raise Unread(f"{a.shape.value} and {b.shape.value} combined entry by entry: their shapes do not match")
    shape = b.shape if a.shape == Shape.SCALAR else a.shape
    return Node(shape, lambda r, c: combine(a.entry(r, c), b.entry(r, c)))


def _sum(a: Node, op: str, b: Node) -> Node:
    if a.shape != b.shape:                         # (a matrix plus a number is not written)
        raise Unread(f"{a.shape.value} {'plus' if op == '+' else 'minus'} {b.shape.value}: their shapes do not match")
    return _entrywise(a, b, lambda x, y: rf"\left({x}\right) {op} \left({y}\right)")


def _product(a: Node, b: Node, reader: _Reader) -> Node:
    if Shape.SCALAR in (a.shape, b.shape):
        return _entrywise(a, b, lambda x, y: rf"\left({x}\right) \left({y}\right)")
    inner_a, inner_b = _SIZE[a.shape][COLUMNS], _SIZE[b.shape][ROWS]
    if inner_a != inner_b:
        raise Unread(f"{a.shape.value} times {b.shape.value}: their sizes do not match")
    shape = _FROM_SIZE[(_SIZE[a.shape][ROWS], _SIZE[b.shape][COLUMNS])]
    if inner_a == "1":                              # a column times a row: the outer product
        return Node(shape, lambda r, c: rf"\left({a.entry(r, COLUMN)}\right) \left({b.entry(ROW, c)}\right)")
    k = reader.fresh()
    return Node(shape, lambda r, c: rf"\sum_{{{k}}} \left({a.entry(r, k)}\right) \left({b.entry(k, c)}\right)")


def _gradient(v: str, inner: Node) -> Node:
    if inner.shape == Shape.SCALAR:
        return Node(Shape.ROW, lambda r, c: rf"\frac{{\partial}}{{\partial {v}_{{{c}}}}}\left({inner.entry(r, c)}\right)")
    if inner.shape == Shape.ROW:
        # which way a row's gradient is laid out (∂F_r/∂v_c or its transpose) texts do not agree on: read
        # only where that cannot matter, F's entry r of v_r alone (\log \mathbf s), whose Jacobian is diagonal
        probe = inner.entry(ROW, "Q")
        if "\\sum" in probe or set(re.findall(r"(?<![\\A-Za-z])([A-Za-z])_\{([^{}]*)\}", probe)) != {(v, "Q")}:
            raise Unread(f"the gradient in {v} of a row whose entry r is not of {v}_r alone: which way it is laid out is not said")
        return Node(Shape.MATRIX, lambda r, c: rf"\frac{{\partial}}{{\partial {v}_{{{c}}}}}\left({inner.entry(ROW, r)}\right)")
    raise Unread(f"the gradient of {inner.shape.value}")


def read(text: str) -> Node:
    """A part written with row vectors, its shape and entries (Unread: why not)."""
    return _Reader(tokens(text)).whole()


def says_rows(text: str) -> bool:
    """The text says its vectors are rows (and never writes a column vector)."""
    return bool(re.search(r"\brow vectors?\b", text, re.I)) and not re.search(r"\bcolumn vectors?\b", text, re.I)


_VECTORIAL = re.compile(_BOLD + r"|\\nabla(?![A-Za-z])|" + _TRANSPOSE)


def chain_entries(sources: list[Source], readable: Callable[[Source], bool]) -> list[Source | str | None]:
    """For each part of a chain written with row vectors: its entry as a Source written component by
    component, a reason (str) it is not read so, or None (left to the ordinary reading: a part not in
    vector notation, or one read so, such as s(\\mathbf x)_i). `readable`: whether the ordinary
    reading reads a part. A scalar is always read; a row or a matrix only where every other part of
    the chain that is read at all has its shape (the step then holds entry by entry)."""
    out: list = []
    nodes: dict[int, Node] = {}
    plain = False                  # a part read the ordinary way: a number, or a component
    for number, src in enumerate(sources):
        reason = None
        if _VECTORIAL.search(src.text):
            try:
                nodes[number] = read(src.text)
            except Unread as exc:
                reason = str(exc)
        if number not in nodes and readable(src):
            plain, reason = True, None
        out.append(reason)
    shaped = {n: node for n, node in nodes.items() if node.shape != Shape.SCALAR}
    shapes = {node.shape for node in shaped.values()}
    refused = None
    if len(shapes) > 1 or (shapes and any(node.shape == Shape.SCALAR for node in nodes.values())):
        said = " and ".join(sorted({node.shape.value for node in nodes.values()}))
        refused = f"the chain's sides have different shapes ({said})"
    elif shapes and plain:
        refused = f"{next(iter(shapes)).value} equated with a side not written in vectors"
    for number, node in nodes.items():
        if refused and number in shaped:
            out[number] = refused
            continue
        text = node.entry(ROW, COLUMN)
        start = sources[number].offset(0)
        out[number] = Source(text, [start] * len(text))
    return out


def scalar_entry(src: Source) -> Source | None:
    """A part in vector notation that is a scalar (H(\\mathbf y, \\mathbf s), \\mathbf y \\log \\mathbf s^\\top),
    written component by component; None where it is not one."""
    if not _VECTORIAL.search(src.text):
        return None
    try:
        node = read(src.text)
    except Unread:
        return None
    if node.shape != Shape.SCALAR:
        return None
    text = node.entry(ROW, COLUMN)
    return Source(text, [src.offset(0)] * len(text))


_APPLIED = re.compile(r"\s*[A-Za-z]\s*\(\s*" + _B + r"(?:\s*,\s*" + _B + r")*\s*\)\s*$")


def applied_to_vectors(text: str) -> bool:
    """H(\\mathbf y, \\mathbf s): a quantity named with the vectors it is of, as a definition names it."""
    return bool(_APPLIED.match(text))


_DEFINED = re.compile(r"\s*([A-Za-z])\s*\(\s*" + _BOLD + r"\s*\)\s*_\s*(?:\{\s*([a-z])\s*\}|([a-z]))\s*$")
SHIFTED = re.compile(r"(?<![\\A-Za-z])([A-Za-z])\s*\(\s*" + _BOLD + r"\s*([-+])\s*([A-Za-z0-9])\s*\)\s*_\s*(?:\{\s*([a-z])\s*\}|([a-z]))")


def vector_function(left: str, right: str) -> tuple[str, str, str, str] | None:
    """s(\\mathbf x)_i = RIGHT, a display defining the i-th entry of a function of the vector x:
    (s, x, i, RIGHT), or None."""
    m = _DEFINED.match(left)
    if m is None:
        return None
    return m.group(1), m.group(2) or m.group(3), m.group(4) or m.group(5), right.strip()


def at_shifted_point(src: Source, defined: tuple[str, str, str, str]) -> Source:
    """s(\\mathbf x + c)_i, the function the text defines entry by entry (s(\\mathbf x)_i = ...) at
    the point x + c (c a number added to every entry): its definition with each x_k as x_k + c. Only
    at the definition's own index letter (another would have to be renamed in its text)."""
    name, vector, index, value = defined

    def one(m):
        if (m.group(1), m.group(2) or m.group(3)) != (name, vector) or (m.group(6) or m.group(7)) != index:
            return m.group()
        shifted = re.sub(rf"(?<![\\A-Za-z]){vector}\s*_\s*(\{{[^{{}}]*\}}|[A-Za-z0-9])",
                         lambda e: f"({vector}_{e.group(1)} {m.group(4)} {m.group(5)})", value)
        return rf"\left({shifted}\right)"
    return src.sub(SHIFTED, one)
