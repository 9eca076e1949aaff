"""One chain, checked: its context, its parts read, each step judged, its lines held against the
start, its end against the exercise's claim, and a hint for each wrong step."""
from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations import symbols as S
from derivations.kernel import Status
from exercises.check.forms import bound_names as _bound_names, plain, plain_relation, sides_at as _sides_at
from exercises.check import contexts, hints, matrices, numbering, worded
from exercises.check.report import (DEFINITION, FOLLOWS, STATEMENT, UNDECIDED, UNPARSED, WRONG, ChainReport,
                                    StepReport)
from exercises.check.extract import RELATION_PATTERN, split_top
from exercises.check.scopes import enclosing_preambles
from exercises.check.latex import (ACCENTED, CLASSES, LABEL, NotChecked, Notation, ParseFailure, Source, applied_names, function_letters, index_letters, named_sum, prime_variable, sigma_named_sum, superscript_indices, written_vectors,
                                   parse)
from exercises.check.meaning import (B1, W1, X1, Conditions, Definition, Found, Meaning, base_level, implication, judge,
                                     plausible)

_STOPS = re.compile(RELATION_PATTERN.pattern + r"|\\text\s*\{|\\mbox|\\q?quad(?![A-Za-z])|(?<!\\),")
GENERIC = contexts.Context("", "", standing=(), assumptions=(sp.Ge(S.n, 2),))   # no exercise: every letter a free
                                            # quantity, n ≥ 2 classes as everywhere in the chapter
IMPLICATIONS = ("⟹", "⟺")
_DEFINING = r"(?:where|let|say|define|defining|defined|denote|denoting|write|writing|set|so\s+that|with|call|is|are|by|function)"
_CONDITION_GAP = re.compile(r"(?i)\b(?:if|when|whenever|unless|only\s+if)\b")
_CONDITION = r"(?:if|for|when|whenever|assume|assuming|suppose|case|given|with|note|since|because|here)"
_SOME_INDEX = re.compile(r"(?i)\b(?:some|an?|any)\s+(?:index\s+|class\s+)?\$\s*[A-Za-z]\s*\$\s+"
                         r"(?:has|with|such\s+that|satisfies|where)\s+\$([^$]+)\$")   # an index named with its condition


_CHAPTER_LETTERS = frozenset({"a", "x", "y", "z", "w", "b", "C", "delta"})   # the chapter's own (x_j: the inputs)
_LIST_MORE = re.compile(r"\s*(?:,\s*(?:and\b)?|\band\b)[^$.;:!?\n]{0,30}?\$([^$]+)\$")


def _condition_math(text: str, reach: int, unequal: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the math of each condition the prose states: $...$ after a condition's word
    ("if", "for", "with" ... within `reach` characters), and the ones listed after it in the same
    clause ("with input $x=1$ and target output $y=0$", "for $i = 1$, $j = 2$"); with `unequal`,
    any $... \\ne ...$ too."""
    out = []
    pattern = rf"(?i)\b{_CONDITION}\b[^$]{{0,{reach}}}\$([^$]+)\$" + (r"|\$([^$]*(?:\\neq?|\\not\s*=)[^$]*)\$"
                                                                    if unequal else "")
    for m in re.finditer(pattern, text):
        group = 1 if m.group(1) is not None else 2
        out.append((m.start(group), m.end(group)))
        if group == 2:
            continue
        more = _LIST_MORE.match(text, m.end())
        while more:
            out.append((more.start(1), more.end(1)))
            more = _LIST_MORE.match(text, more.end())
    return out


@dataclass
class ReadPart:
    source: Source
    expr: sp.Basic | None
    failure: str | None = None
    at: int = 0                     # file offset of the failure
    claims: tuple = ()
    not_checked: bool = False       # read, but in a notation not judged step by step (vectors), or too long


def parse_marker(marker: str) -> tuple[str, dict]:
    """'softmax-jacobian; y=a, t=y' -> ('softmax-jacobian', {'y': 'a', 't': 'y'})."""
    ident, _, rest = marker.partition(";")
    renames = {}
    for item in re.split(r"[,;]", rest):
        if "=" in item:
            old, new = (x.strip().lstrip("\\") for x in item.split("=", 1))
            if old and new:
                renames[old] = new
    return ident.strip(), renames


class ChainChecker:
    def __init__(self, doc, chain, exercise: str | None, *, context: contexts.Context | None = None):
        self.doc, self.chain = doc, chain
        self.notes: list[str] = []
        marker_id, renames = parse_marker(chain.marker) if chain.marker else ("", {})
        self.named = bool(exercise or marker_id)     # the exercise named by --exercise or a marker, not guessed
        if context is not None:                      # the exercise the text names near the chain (nearby.py)
            self.ctx = context
        elif exercise:
            self.ctx = contexts.by_id(exercise)
        elif marker_id:
            self.ctx = contexts.by_id(marker_id)
            self.notes.append(f"exercise from the marker nndl: {marker_id}")
        else:
            title = item_title(chain.section.text) if chain.section is not None else None
            by_title = contexts.from_heading(title) if title else None
            self.ctx = by_title or contexts.from_heading(chain.heading) or GENERIC
            if by_title is not None:
                self.notes.append(f"exercise from the title of the problem “{title}”")
            elif self.ctx is not GENERIC:
                self.notes.append(f"exercise from the heading “{chain.heading}”")
        if renames:
            self.notes.append("the text's letters read as the chapter's: " +
                              ", ".join(f"{old} as {new}" for old, new in renames.items()))
        raw = " ".join(p.source.text for p in chain.parts)
        self.notation = Notation(renames=renames, index_letters=index_letters(raw) | frozenset(
            l for l in renames.values() if len(l) == 1 and l in "ijkm"),
            counts=frozenset(s.name for s in self.ctx.own_symbols() if s.is_integer),
            named_sum=named_sum(chain.section.text if chain.section is not None else "")
            or named_sum(doc.text[:chain.start]),         # (a sum named under an earlier heading)
            primed=prime_variable(doc.text), superscripted=superscript_indices(doc.text),
            sigma_named=sigma_named_sum(doc.text), applied=applied_names(doc.text),
            functions=function_letters(doc.text),
            vectors=written_vectors(doc.text[chain.section.offset(0) if chain.section is not None and chain.section.text
                                             else 0:chain.start]))
        self.convention_read: set = set()       # parts read under Einstein's convention the text states
        self.convention_raw: dict = {}          # those parts as written, before that reading
        self.convention_free: set = set()       # and the chain's free indices (k in ∂CE/∂θ_k)
        self.examples = bool(re.search(r"\\sum\s*(?:\\(?:limits|nolimits|displaystyle)\s*)?_\s*\{?\s*x\b", raw))
        # a^L, z^L, δ^L, y with no index anywhere in the chain: the output layer's vectors, whose
        # elementwise equations hold for each component j (δ^L = a^L - y is δ_j = a_j - y_j)
        layer = re.search(r"(?<![\\A-Za-z])(?:[az]|\\delta)\s*\^\s*\{?\s*L\s*\}?(?!\s*_)", raw)
        indexed = re.search(r"(?<![\\A-Za-z])(?:[azy]|\\delta)\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_", raw)
        self.vectors = bool(layer) and not indexed and "\\|" not in raw and "j" not in self.notation.index_letters - set("ijk") \
            and not re.search(r"(?<![\\A-Za-z])j(?![A-Za-z])", raw)
        if self.vectors:
            self.notation = dataclasses.replace(self.notation, elementwise=True)
        self.rows = matrices.says_rows(doc.text)      # the text writes its vectors as rows

    # --- reading -----------------------------------------------------------------------
    def read_parts(self) -> list[ReadPart]:
        """The chain's parts; in a text that writes its vectors as rows, each part in vector notation
        as its entry (i, j) (exercises.check.matrices), or why it is not read so."""
        sources = [self._at_shifted_point(p.source) for p in self.chain.parts]
        if not self.rows:
            return [self._read_as_written(src, p.source) for src, p in zip(sources, self.chain.parts)]
        out = []
        for src, written, entry in zip(sources, [p.source for p in self.chain.parts],
                                       matrices.chain_entries(sources, lambda src: self.read(src).expr is not None)):
            if isinstance(entry, str):
                out.append(ReadPart(written, None, f"written with vectors or matrices, not read entry by entry: {entry}",
                                    written.offset(0), not_checked=True))
            else:
                part = self.read(src if entry is None else entry)
                part.source = written
                out.append(part)
        return out

    def _read_as_written(self, src: Source, written: Source) -> ReadPart:
        part = self.read(src)
        part.source = written
        return part

    def _at_shifted_point(self, src: Source) -> Source:
        """s(\\mathbf x + c)_i, where one display of the text defines s(\\mathbf x)_i: that definition at x + c."""
        if not matrices.SHIFTED.search(src.text):
            return src
        found = []
        for c in self.doc.chains:
            if c.steps and c.steps[0].relation in ("=", ":=", "≡") and len(c.parts) >= 2:
                defined = matrices.vector_function(c.parts[0].source.text, c.parts[1].source.text)
                if defined is not None:
                    found.append(defined)
        if len(found) != 1:            # none, or defined twice: which one is meant is not read
            return src
        return matrices.at_shifted_point(src, found[0])

    def read(self, src: Source, *, relation: bool = False) -> ReadPart:
        scalar = matrices.scalar_entry(src) if not relation and self.rows else None
        if scalar is not None:
            part = self.read(scalar)
            part.source = src
            return part
        try:
            parsed = parse(src, self.notation, relation=relation)
        except ParseFailure as exc:
            return ReadPart(src, None, exc.message, src.offset(exc.position), not_checked=isinstance(exc, NotChecked))
        expr = parsed.expr
        if self.examples:          # 1/n Σ_x: n counts the examples, but a sum over the classes still runs to n
            expr = _examples_counted(expr)
        expr = _true_class(expr.xreplace({CLASSES: S.n}))
        if self.vectors:
            expr = _components(expr, {S.a1: S.a[S.j], S.z1: S.z[S.j], S.y1: S.y[S.j]})
        return ReadPart(src, expr, claims=tuple(parsed.claims))

    def conditions(self) -> tuple[Conditions, list[str]]:
        conds, said = Conditions(), []
        sources = list(self.chain.conditions)
        before = self.chain.prose_before
        if before is not None:
            text = before.text.rstrip()
            ends = [m.end() for m in re.finditer(r"[.!?](?=\s)|\n\s*\n", text)]
            tail_start = ends[-1] if ends else 0
            for start, end in _condition_math(before.text[tail_start:], 30):
                sources.append(before[tail_start + start:tail_start + end])
            for m in _SOME_INDEX.finditer(before.text[tail_start:]):        # (some $m$ has $z_m > z_j$)
                sources.append(before[tail_start + m.start(1):tail_start + m.end(1)])
            for m in re.finditer(r"(?m)^\s*\$\s*([A-Za-z]\s*(?:=|\\neq?(?![A-Za-z]))\s*[A-Za-z])\s*\$\s*:?\s*$", before.text):
                sources.append(before[m.start(1):m.end(1)])     # a case on a line of its own: $i \neq j$
            for m in re.finditer(r"\\text\s*\{\s*(?:if|for|when)\s*\}\s*([^\n$:]+)", before.text[tail_start:]):
                sources.append(before[tail_start + m.start(1):tail_start + m.end(1)])   # \text{for } j = k:
            bare = re.sub(r"\$[^$]*\$|\\\(.*?\\\)", lambda m: " " * len(m.group()), before.text[tail_start:])
            for m in _PLAIN_CASE.finditer(bare):       # "When i≠j:", "②i≠jの場合": a case in plain text
                case = m.group(1).replace("≠", r" \neq ")
                sources.append(Source(case, [before.offset(tail_start + m.start(1))] * len(case)))
        sources += [h for h in self._heading_cases()
                    if not any(s.text == h.text and s.offset(0) == h.offset(0) for s in sources)]
        after = self.chain.prose_after
        if after is not None:           # "where I have substituted x = 1 and y = 0" just after the display
            begin = len(after.text) - len(after.text.lstrip())
            stop = re.compile(r"[.!?](?=\s)|\n\s*\n").search(after.text, begin)
            sentence = after[begin:stop.start() if stop else len(after.text)]
            if re.search(r"(?i)\b(?:substitut\w*|setting|taking|putting)\b", sentence.text):
                sources += [sentence[m.start(1):m.end(1)] for m in re.finditer(r"\$([^$]+)\$", sentence.text)]
        for src in [piece for whole in sources for piece in _relation_pairs(whole)]:
            rel = self.condition(src)
            if rel is None:
                continue
            line, _ = self.doc.line_col(src.offset(0))
            said.append(f"{plain_relation(rel)} (line {line})")
            _assume(conds, rel)
        for rel, where in self.renamed_arguments():
            said.append(f"{plain_relation(sp.Eq(rel.rhs, rel.lhs))} ({where} writes the sigmoid of {rel.lhs} in {rel.rhs})")
            _assume(conds, rel)
        return conds, said

    def _heading_cases(self) -> list[Source]:
        """The case the section's heading names ("### The case $j \\neq i$", "When $i = j$"): a
        relation between two indices after a case word (case, when, if, for, with), which holds for
        every display under that heading (up to the next heading). A heading that states a claim
        ("### Showing $a = y$") names no case."""
        section = self.chain.section
        if section is None:
            return []
        m = re.match(r"\s*(?:#+[^\n]*|\\(?:sub)*section\*?\s*\{[^\n]*)", section.text)
        if not m:
            return []
        out = []
        for case in _HEADING_CASE.finditer(m.group()):
            src = section[case.start(1):case.end(1)]
            rel = self.condition(src)
            if isinstance(rel, (sp.Eq, sp.Ne)) and all(isinstance(t, sp.Symbol) and t.is_integer for t in rel.args):
                out.append(src)
        return out

    def sums_repeated_indices(self) -> bool:
        """Whether the text around the chain (its section, before or after the display) says that an
        index repeated in a term is summed (Einstein's convention, "the sum is implied")."""
        texts = [t for t in (self.chain.section, self.chain.section_after, self.chain.prose_after) if t is not None]
        return any(_EINSTEIN.search(t.text) for t in texts)

    def _primes_as_derivatives(self, parts, defs, conds) -> None:
        """f'(x) for a function the text defines, f(x) = 3 ln(x), and not f' itself: the derivative of
        f in its variable (Lagrange's notation), written as a derivative for the kernel to take, where
        f is defined (x > 0 when it takes ln(x))."""
        by_name = {}
        for k, d in defs.items():       # f(x) = 3 ln(x): its variable, x (written f = ... of one letter, that letter)
            own = [v for v in d.value.free_symbols if isinstance(v, sp.Symbol) and not v.is_integer]
            variable = d.params[0] if len(d.params) == 1 else own[0] if not d.params and len(own) == 1 else None
            if isinstance(variable, sp.Symbol) and not d.value.atoms(sp.Indexed, AppliedUndef):
                by_name[str(k)] = (k, d, variable)
        for part in parts:
            if part.expr is None or not isinstance(part.expr, sp.Basic):
                continue
            swap = {}
            for f in part.expr.atoms(AppliedUndef):
                name = str(f.func)
                if not name.endswith("'") or name.endswith("''") or name in by_name or name[:-1] not in by_name \
                        or len(f.args) != 1 or not isinstance(f.args[0], sp.Symbol):
                    continue
                key, d, variable = by_name[name[:-1]]
                (x,) = f.args
                swap[f] = sp.Derivative(d.value.xreplace({variable: x}), x)
                if sp.log(variable) in d.value.atoms(sp.log) and sp.Gt(x, 0) not in conds.other:
                    conds.other.append(sp.Gt(x, 0))
                self.notes.append(f"{name} read as the derivative of {key} as the text defines it: {d.where}")
            if swap:
                part.expr = part.expr.xreplace(swap)

    def refuted_every_reading(self, number: int, conds, defs):
        """The step from part `number` refuted under every reading the text's stated convention
        allows (exercises.check.einstein), at a point satisfying all it states (none of its own
        conditions, y and ŷ not defined otherwise in it), or None."""
        from exercises.check.einstein import refuted_every_reading
        if number not in self.convention_raw or number + 1 not in self.convention_raw \
                or conds.equal or conds.unequal or conds.other \
                or any(getattr(getattr(b, "label", b), "name", "") in ("y", "ŷ") for b in defs):
            return None
        left, right = self.convention_raw[number], self.convention_raw[number + 1]
        return refuted_every_reading(left, right, self.convention_free)

    def layer_derivative(self, rep, relation, left, right, meaning, conds) -> bool:
        """A step about ∂o_b/∂z_b written in nothing but a softmax layer's o and z whose definitions name
        two layers (as_output_layer): judged with o read as the softmax of the z."""
        from exercises.check.layers import softmax_layer
        layer = softmax_layer(getattr(self, "displayed", {}))
        if layer is None:
            return False
        names = {str(layer.outputs), str(layer.inputs)}
        sides = (left, right)
        if any(str(t.base) not in names for e in sides for t in e.atoms(sp.Indexed)) \
                or any(s.name != "n" and not s.is_integer and s not in (layer.outputs.label, layer.inputs.label)
                       for e in sides for s in e.free_symbols if isinstance(s, sp.Symbol)) \
                or not any(isinstance(d.expr, sp.Indexed) and str(d.expr.base) == str(layer.outputs)
                           for e in sides for d in e.atoms(sp.Derivative)):
            return False
        return self.as_output_layer(rep, relation, left, right, meaning, conds, [])

    def as_output_layer(self, rep, relation, left, right, meaning, conds, unnamed) -> bool:
        """Whether the step, written in the text's letters for a softmax layer whose definitions name
        two layers (o_j = softmax(z_j), z_j = Σ_i w_ij o_i + b: exercises.check.layers), is judged
        with o read as the softmax of z, tied to the output layer by its index, z free (the weights
        are), and n the classes the text counts: rep set when that reading decides it."""
        from exercises.check.layers import classes_counted, named_classes, softmax_layer
        layer = softmax_layer(getattr(self, "displayed", {}))
        if layer is None or set(unnamed) - {str(layer.outputs), str(layer.inputs)} or conds.equal:
            return False
        sides = [layer.read(e) for e in (left, right)]
        count = classes_counted(self.doc.text)
        if None in sides or count is False:
            return False
        named = sorted({t for e in sides for t in e.free_symbols if isinstance(t, sp.Symbol) and t.is_integer
                        and t.name in named_classes(self.doc.text)}, key=str)
        conds = dataclasses.replace(conds, unequal=list(conds.unequal) + [   # classes a, b, c: distinct
            (p, q) for n, p in enumerate(named) for q in named[n + 1:]])
        lhs, rhs = (conds.apply(meaning.of(conds.apply(e))) for e in sides)
        stated, verdict = conds, judge(relation, lhs, rhs, meaning.ctx, conds)    # proved: for every n
        if count and verdict.status != "proved":            # refuted: with as many classes as the text counts
            stated = dataclasses.replace(conds, other=list(conds.other) + [sp.Eq(S.n, count)])
            verdict = judge(relation, lhs, rhs, meaning.ctx, stated)
        if verdict.status not in ("proved", "refuted"):
            return False
        self._verdict(rep, verdict, lhs, rhs, meaning, stated)
        rep.reason += (f" ({layer.outputs} read as the softmax of the {layer.inputs}, as the text defines the output "
                       f"layer; the {layer.inputs} any values, as free weights give"
                       + (f"; {count} classes, as the text counts them)" if count else ")"))
        return True

    def renamed_arguments(self) -> list[tuple[sp.Rel, str]]:
        """The sigmoid written in a letter other than its argument's, in a display of the section
        at or before this chain (σ(z) = 1/(1 + e^{−x})): under the chapter's σ the text's own
        statement holds only with x = z, so that is what it says; a counterexample giving x and z
        two values breaks it. Each (z = x, where it is written)."""
        from derivations.activations import sigma, sigmoid
        if self.chain.section is None:
            return []
        mine, out = self.chain.section.origin[:1], []
        for c in self.doc.chains:
            if c.start > self.chain.start or not c.steps or c.steps[0].relation != "=" \
                    or c.section is None or c.section.origin[:1] != mine \
                    or not re.search(r"\\sigma|σ", c.parts[0].source.text):      # (read only what may be σ(z))
                continue
            left = self.read(c.parts[0].source).expr
            if not isinstance(left, sigma) or not isinstance(left.args[0], sp.Symbol):
                continue
            right = self.read(c.parts[1].source).expr
            v = left.args[0]
            if right is None or right.has(v) or right.has(sigma):
                continue
            letters = [u for u in right.free_symbols if isinstance(u, sp.Symbol) and not u.is_integer]
            if len(letters) != 1 or self.is_known(letters[0]):
                continue
            (u,) = letters
            if sp.simplify(right.xreplace({u: v}) - sigmoid(v)) != 0 or self._letter_elsewhere(u, mine):
                continue
            line, _ = self.doc.line_col(c.start)
            out.append((sp.Eq(v, u), f"the display on line {line}"))
        return out

    def _letter_elsewhere(self, u, section) -> bool:
        """Whether the letter u stands in a formula of the section with no sigmoid in it (z = wx + b:
        x is then the input, not a slip for the sigmoid's variable)."""
        from derivations.activations import sigma, sigma_prime
        for c in self.doc.chains:
            if c.section is None or c.section.origin[:1] != section:
                continue
            for part in c.parts:
                e = self.read(part.source).expr
                if e is not None and u in e.free_symbols and not e.has(sigma, sigma_prime) \
                        and not e.has(sp.exp(-u)):
                    return True
        return False

    def condition(self, src: Source) -> sp.Rel | None:
        """The relation a condition's text states (j = k, y_j = 0, z > 0), or None."""
        rel = self.read(src, relation=True).expr
        if not isinstance(rel, sp.Rel):
            return None
        rel = _difference_zero(self._class_index(rel))
        if isinstance(rel, sp.Eq) and not (all(isinstance(t, (sp.Symbol, sp.Indexed)) for t in (rel.lhs, rel.rhs))
                                           or (isinstance(rel.lhs, (sp.Symbol, sp.Indexed)) and rel.rhs.is_number)):
            return None                       # M = max_k z_k: a definition, not a condition (y_j = 0 is one)
        return rel

    def _class_index(self, rel):
        """k ≠ y_i where the chain writes f_{y_i} (read as f_ỹ, the true class's index): the y_i the
        condition compares with an index is that same index ỹ, not a label's value."""
        if not isinstance(rel, (sp.Eq, sp.Ne)):
            return rel
        raw = " ".join(p.source.text for p in self.chain.parts)
        for index, label in ((rel.lhs, rel.rhs), (rel.rhs, rel.lhs)):
            if isinstance(index, sp.Symbol) and index.is_integer and isinstance(label, sp.Indexed) \
                    and label.base == S.y and len(label.indices) == 1 and isinstance(label.indices[0], sp.Symbol) \
                    and re.search(rf"_\s*\{{\s*y\s*_\s*\{{?\s*{label.indices[0].name}\s*\}}?\s*\}}", raw):
                return type(rel)(index, LABEL)
        return rel

    def stated_elsewhere(self, relation, left, right, meaning, conds) -> str | None:
        """A condition the text states in the section but not beside this display ("when $k \\ne i$"
        some displays before, "x=1, y=0" in prose without dollars, a sentence after the display)
        under which a refuted step is not refuted: its counterexample breaks what the text says, so
        the step is not shown wrong. That condition and where it stands, in words; or None."""
        found = self._under_stated(relation, left, right, meaning, conds)
        return found[0] if found else None

    def given_values(self, relation, left, right, meaning, conds) -> str | None:
        """The values the text gives its letters before the display, in its section ("with input
        $x=1$ and target output $y=0$", the book's example neuron), under which the kernel proves a
        step that is false for other values: the step follows with them, and this says which (x = 1
        (line 9)); None when the step needs anything else (a case's condition k ≠ i, a condition
        after the display, a letter the section gives two values)."""
        letters = left.free_symbols | right.free_symbols | {t.base for e in (left, right) for t in e.atoms(sp.Indexed)}
        values = [(rel, src) for rel, src in self._values_before()
                  if (rel.lhs.base if isinstance(rel.lhs, sp.Indexed) else rel.lhs) in letters
                  and rel not in conds.other and not _assumed_or_contrary(conds, rel)]
        if not values:
            return None
        trial = Conditions(dict(conds.equal), list(conds.unequal), list(conds.other))
        for rel, _ in values:
            trial = _assume(trial, rel)
        try:
            lhs, rhs = (trial.apply(meaning.of(trial.apply(e))) for e in (left, right))
        except Exception:          # not readable with them: they decide nothing
            return None
        if judge(relation, lhs, rhs, meaning.ctx, trial).status != Status.PROVED:
            return None
        return " and ".join(f"{plain_relation(rel)} (line {self.doc.line_col(src.offset(0))[0]})" for rel, src in values)

    def _values_before(self) -> list:
        """(letter = number, where) the section states before this chain, each letter given one
        value only in the whole section (before and after the display)."""
        pairs = []
        for src in [piece for whole in self._stated() for piece in _relation_pairs(whole)]:
            rel = self.condition(src)
            if isinstance(rel, sp.Eq) and isinstance(rel.lhs, (sp.Symbol, sp.Indexed)) and rel.rhs.is_number \
                    and not rel.lhs.is_integer:
                pairs.append((rel, src))
        values: dict = {}
        for rel, _ in pairs:
            values.setdefault(rel.lhs, set()).add(rel.rhs)
        return [(rel, src) for rel, src in pairs if len(values[rel.lhs]) == 1 and src.offset(0) < self.chain.start]

    def _under_stated(self, relation, left, right, meaning, conds):
        """(what the text says, the step's status under it, the relations taken) or None."""
        letters = left.free_symbols | right.free_symbols
        bases = {t.base for e in (left, right) for t in e.atoms(sp.Indexed)}
        tried, used, more, taken = set(), [], conds, []
        for src in [piece for whole in self._stated() for piece in _relation_pairs(whole)]:
            rel = self.condition(src)  # the nearest first, each added to those before it (x = 1 and y = 0)
            if rel is None or rel in tried or rel in conds.other or not (
                    rel.free_symbols & letters or {t.base for t in rel.atoms(sp.Indexed)} & bases):
                continue
            tried.add(rel)
            if self._met_by_choice(rel, letters, bases):
                continue               # j ≠ y_i, y_i nowhere in the step: some value of y_i meets it
            if isinstance(rel, sp.Eq) and (rel.lhs in more.equal or rel.rhs in more.equal):
                continue               # a second value for the same letter: another case's
            if _assumed_or_contrary(more, rel):
                continue               # i ≠ k assumed already, or i = k against it: another case's
            trial = _assume(Conditions(dict(more.equal), list(more.unequal), list(more.other)), rel)
            try:
                lhs, rhs = (trial.apply(meaning.of(trial.apply(e))) for e in (left, right))
            except Exception:          # not readable with it: that reading shows nothing
                continue
            status = judge(relation, lhs, rhs, meaning.ctx, trial).status
            if status == Status.VACUOUS:
                continue               # it contradicts the conditions already taken: another case's
            line, _ = self.doc.line_col(src.offset(0))
            more, used, taken = trial, used + [f"{plain_relation(rel)} (line {line})"], taken + [rel]
            if status != Status.REFUTED:
                return (" and ".join(used) + (", and with it the step follows" if status == Status.PROVED else
                                              ", and with it the step is not shown false"), status, taken)
        return None

    def _met_by_choice(self, rel, letters, bases) -> bool:
        """Whether a condition u ≠ v stated elsewhere holds at any counterexample of the step, for some
        value of a letter the step does not write: one side (y_i in j ≠ y_i) is a quantity absent
        from the step, that the text does not define, so a value of it other than the other side's
        exists (a real, or one of n ≥ 2 classes) and the step's sides do not depend on it."""
        if not isinstance(rel, sp.Ne):
            return False
        defined = set(self._reading[0]) if getattr(self, "_reading", None) else set()
        defined |= set(getattr(self, "displayed", {}))
        for side in (rel.lhs, rel.rhs):
            base = side.base if isinstance(side, sp.Indexed) else side
            if isinstance(side, (sp.Symbol, sp.Indexed)) and side not in letters and base not in bases \
                    and base not in letters and base not in defined and base not in (S.n, LABEL) \
                    and not (isinstance(side, sp.Indexed) and any(i not in letters for i in side.indices)):
                return True
        return False

    def _class_count_named(self, conds) -> None:
        """A letter the chain's sums run up to (Σ_{j=1}^K, read as the number of classes, the
        chapter's n) that the section gives a whole value ("here K = 3"): n = 3 among the chain's
        conditions, so the kernel sums over the text's own classes. A value against the count the
        text's softmax fixes (its classes 1..3 and "K = 2") leaves conditions that never hold
        together: the chain is then undecided, never read over classes the text does not count."""
        tops = {m.group(1) for part in self.chain.parts for m in _SUM_TO_LETTER.finditer(part.source.text)}
        if not tops:
            return
        found: dict = {}
        for src in self._stated():
            rel = self.condition(src)
            if isinstance(rel, sp.Eq) and isinstance(rel.lhs, sp.Symbol) and rel.lhs.name in tops \
                    and rel.rhs.is_Integer:
                found.setdefault(rel.lhs.name, {}).setdefault(rel.rhs, src)
        for name, values in found.items():
            if len(values) != 1:
                continue          # two values in the section: not one count
            (value, src), = values.items()
            if sp.Eq(S.n, value) not in conds.other:
                conds.other.append(sp.Eq(S.n, value))
            line, _ = self.doc.line_col(src.offset(0))
            self.notes.append(f"{name} = {value} (line {line}): the sums up to {name} run over "
                              f"{value} classes, the chapter's n")

    def _stated(self) -> list[Source]:
        """Where the section states a condition in its prose, the nearest first: $...$ after "if",
        "when", "for" ..., any $... \\ne ...$, and a bare letter = number written without dollars."""
        out, texts = [], []
        after = self.chain.prose_after
        if after is not None:            # its first sentence ("where I have substituted x = 1 and y = 0")
            stop = re.compile(r"[.!?](?=\s)|\n\s*\n").search(after.text, len(after.text) - len(after.text.lstrip()))
            texts.append((_prose(after[:stop.start() if stop else len(after.text)]), True))
        if self.chain.section is not None:
            texts.insert(0, (_prose(self.chain.section), False))
        for src, forward in texts:
            found = []
            for start, end in _condition_math(src.text, 40, unequal=True):
                found.append(src[start:end])
            bare = re.sub(r"\$[^$]*\$", lambda m: " " * len(m.group()), src.text)
            for m in re.finditer(r"(?<![A-Za-z0-9_\\$^{])([A-Za-z])\s*=\s*(-?\d+(?:\.\d+)?)(?![A-Za-z0-9_.^{(\\])", bare):
                found.append(src[m.start():m.end()])
            found.sort(key=lambda f: f.offset(0), reverse=not forward)
            out += found
        return out[:12]

    def definitions(self) -> tuple[dict, tuple | None]:
        """Symbols the text defines in prose ("where $C = ...$"), and the class range a text's own
        softmax fixes (a_j = e^{z_j} / sum_{k=0}^{9} e^{z_k}: classes 0..9)."""
        defs, index_range = {}, None
        self.own_classes = None        # (1, K) when the text's own softmax sums over classes 1..K
        texts = []
        if self.chain.section is not None:
            texts.append(self.chain.section)
        outer = enclosing_preambles(self.doc, self.chain.start)   # "# Gradients" above "## Working it out"
        texts += outer
        after = self.chain.section_after or self.chain.prose_after
        if after is not None:          # a definition after the chain, anywhere in its section
            texts.append(_prose(after))
        for src in texts:
            for math_start, math_end in _definition_spans(src.text):
                math = src[math_start:math_end]
                if self._vector_softmax(math, defs):
                    continue
                found = split_top(math, _STOPS)
                if not found or found[0].group() != "=":
                    continue
                cut = found[0]
                start, end = self._readable_value(math, found)
                left, right = self.read(_named(math[:cut.start()])), self.read(math[start:end])
                if left.expr is None or right.expr is None:
                    continue
                name, value = left.expr, right.expr
                if not isinstance(name, (sp.Symbol, sp.Indexed)) and isinstance(value, (sp.Symbol, sp.Indexed)):
                    name, value = value, name      # "let softmax(z_i) = S_i": the name on the right
                    right = ReadPart(right.source, value)
                base, params = (name.base, name.indices) if isinstance(name, sp.Indexed) else (name, ())
                if not isinstance(base, (sp.Symbol, sp.IndexedBase)) or base == sp.E or base.is_integer:
                    continue           # (i = j names a case, not a quantity: a condition, read as one)
                line, _ = self.doc.line_col(math.offset(0))
                if self.is_known(base) and base not in (S.C,):    # the text's own C (a constant) is its own
                    if base == S.a:
                        index_range = numeric_class_range(right.expr) or index_range
                    continue
                if base in defs or right.expr.has(base):
                    continue           # the first definition in the section stands; C = C + 1 defines nothing
                if base in (S.C, S.C_x) and any(src is o for o in outer):
                    continue           # a cost is its own section's: a sub-section's problem names its own
                if base == S.C and src is self.chain.section and _another_cost(right.expr, src.text[math_end:]):
                    continue           # "Turning to the cross-entropy": the text's C is no longer that one
                shown = f"{math[:cut.start()].text.strip()} = {math[start:end].text.strip()}"
                value = right.expr
                if index_range is None and softmax_class_range(value):   # ŷ_i = e^{θ_i} / Σ_{j=1}^3 e^{θ_j}
                    index_range = self.own_classes = softmax_class_range(value)
                    value = _over_classes(value, index_range)
                defs[base] = Definition(tuple(params), value, f"{shown} (line {line})")
        if self.own_classes is not None:       # J(θ) = −Σ_{i=1}^3 y_i log ŷ_i: the same classes 1..n
            for base, d in list(defs.items()):
                defs[base] = dataclasses.replace(d, value=_over_classes(d.value, self.own_classes))
        self._displayed_cost(defs)             # the text's C, σ, z_j and letters of its own, each in a display
        self._displayed_definitions(defs)      # a first step s = ... of a longer display, a's own softmax
        self._named_by_steps(defs)             # ∂(e^{x_j}/Σ)/∂x_i = ∂(e_j/Σ)/∂x_i: e_j is e^{x_j}
        self.displayed, self.defined_elsewhere = {}, {}
        self._displayed_names(self.displayed, defs)
        return defs, index_range

    def _vector_softmax(self, math: Source, defs) -> bool:
        """$\\mathbf{p} = \\text{softmax}(\\mathbf{x})$: the vector p is the softmax of the vector x,
        so each p_i is e^{x_i} / Σ_k e^{x_k}; into `defs` (the first definition of p stands)."""
        m = _VECTOR_SOFTMAX.match(math.text)
        if m is None:
            return False
        name, vector = m.group(1), m.group(2)
        index = next(l for l in "ijkl" if l not in (name, vector))
        left = self.read(Source.at(f"{name}_{{{index}}}", math.offset(0))).expr
        right = self.read(Source.at(f"softmax({vector})_{{{index}}}", math.offset(0))).expr
        if not isinstance(left, sp.Indexed) or right is None or left.base in defs or self.is_known(left.base) \
                or right.has(left.base):
            return True
        line, _ = self.doc.line_col(math.offset(0))
        defs[left.base] = Definition(tuple(left.indices), right,
                                     f"{name} = softmax({vector}), each {plain(left)} = {plain(right)} (line {line})")
        return True

    def _readable_value(self, math: Source, stops: list) -> tuple[int, int]:
        """Where the value of `name = value` stands in a definition's text: the part after the
        first =, or, when that part cannot be read (`\\operatorname{softmax}(\\theta)_i`), the
        first later part of `name = ... = value` that can; the first part when none can."""
        ends = [m.start() for m in stops[1:]] + [len(math.text)]
        for number, stop in enumerate(stops):
            if stop.group() != "=":
                break
            if self.read(math[stop.end():ends[number]]).expr is not None:
                return stop.end(), ends[number]
        return stops[0].end(), ends[0]

    def _displayed_definitions(self, defs) -> None:
        """The letters the section defines in a display of their own before this chain, the
        display's first step `s = ...` (s = sigmoid(z) = 1/(1 + e^{-z}), then ds/dz = s(1 - s); with
        no exercise named, a_j = e^{z_j} / Σ_k e^{z_k}, then ∂a_j/∂z_i): the text's own definitions.
        The first such display stands; a letter the exercise defines is the exercise's."""
        if self.chain.section is None:
            return
        mine = self.chain.section.origin[:1]
        for c in sorted(self.doc.chains, key=lambda c: c.section is None or c.section.origin[:1] != mine):  # its own first
            if c is self.chain or c.start > self.chain.start or not c.steps or len(c.parts) < 2 \
                    or c.steps[0].relation not in ("=", ":=", "≡") or c.section is None \
                    or (c.section.origin[:1] != mine and not self.in_enclosing_preamble(c)):
                continue
            left = self.read(c.parts[0].source)
            name = left.expr
            if not isinstance(name, (sp.Symbol, sp.Indexed)) or name == sp.E:
                continue
            base, params = (name.base, tuple(name.indices)) if isinstance(name, sp.Indexed) else (name, ())
            own = base in (S.a, S.a1) and self.ctx.activation is None and not self.ctx.scalar
            if base in defs or (self.is_known(base) and not own) or base == S.C \
                    or not all(isinstance(p, sp.Symbol) for p in params):
                continue
            right = self.read(c.parts[1].source)
            if right.expr is None or right.expr.has(base) or right.expr.has(sp.Derivative):
                continue
            line, _ = self.doc.line_col(c.start)
            defs[base] = Definition(params, right.expr, f"{plain(name)} = {plain(right.expr)} (line {line})")

    def _named_by_steps(self, defs) -> None:
        """Names a step of a display before this chain, in its section or a preamble enclosing it,
        gives ("shortening the names": ∂(e^{x_j}/Σ_k e^{x_k})/∂x_i = ∂(e_j/Σ)/∂x_i): a subscripted
        letter written there for the first time in the text, on the right of =, where the right side
        is the left side with one of its parts written as that letter; the letter stands for that
        part from then on (e_j = e^{x_j}), as the text says. One new letter a step, and only where
        the two sides are then the same formula (their summation indices aside)."""
        if self.chain.section is None:
            return
        mine = self.chain.section.origin[:1]
        written: set = set()           # the bases the text writes before each display
        for c in self.doc.chains:
            if c.start >= self.chain.start:
                break
            reads = [self.read(p.source).expr for p in c.parts]
            here = c.section is not None and (c.section.origin[:1] == mine or self.in_enclosing_preamble(c))
            for number, step in enumerate(c.steps if here else ()):
                left, right = reads[number], reads[number + 1]
                if step.relation != "=" or left is None or right is None:
                    continue
                fresh = {t.base for t in right.atoms(sp.Indexed)} - {t.base for t in left.atoms(sp.Indexed)} - written
                if len(fresh) != 1:
                    continue
                (base,) = fresh
                atoms = {t for t in right.atoms(sp.Indexed) if t.base == base}
                if base in defs or self.is_known(base) or str(base.label) in _CHAPTER_LETTERS or len(atoms) != 1:
                    continue
                (name,) = atoms
                if not all(isinstance(i, sp.Symbol) for i in name.indices):
                    continue
                target = _bound_canonical(left)
                for part in sp.preorder_traversal(left):
                    if part is left or part.has(sp.Derivative) or not set(name.indices) <= part.free_symbols \
                            or isinstance(part, (sp.Symbol, sp.Indexed)) and part in name.indices:
                        continue
                    if _bound_canonical(right.xreplace({name: part})) == target:
                        line, _ = self.doc.line_col(c.start)
                        defs[base] = Definition(tuple(name.indices), part,
                                                f"{plain(name)} = {plain(part)}, as the step on line {line} names it")
                        break
            for e in reads:
                if e is not None:
                    written |= {t.base for t in e.atoms(sp.Indexed)}

    def in_enclosing_preamble(self, chain) -> bool:
        """Whether `chain` stands in the preamble of a heading enclosing this chain's section (a
        display under "## The softmax layer" before its "#### Problem"): its definitions hold here."""
        if not hasattr(self, "_preambles"):
            self._preambles = [(p.offset(0), p.offset(len(p) - 1)) for p in enclosing_preambles(self.doc, self.chain.start)
                               if len(p)]
        return any(lo <= chain.start <= hi for lo, hi in self._preambles)

    def _displayed_names(self, out, defs) -> None:
        """Letters of the text's own that a display before this chain (in any section) defines
        ($$S_i = \\frac{e^{a_i}}{\\sum_k e^{a_k}}$$ before the chain that differentiates S_i) and that
        `_displayed_definitions` did not take (a letter the exercise also defines, a display after the
        chain's start), into `out`: not used to judge (the conditions and standing assumptions around them are not all read),
        so a step refuted with such a letter free is undecided, never wrong."""
        for c in self.doc.chains:      # in any section before it: a letter the text named is never free
            if c is self.chain or c.start >= self.chain.start or c.steps[0].relation not in ("=", ":="):
                continue
            left = self.read(c.parts[0].source)
            name = left.expr
            if not isinstance(name, (sp.Symbol, sp.Indexed)):
                continue
            base, params = (name.base, name.indices) if isinstance(name, sp.Indexed) else (name, ())
            if not params and self._said_vector_here(str(base), c.start):
                continue           # f = w_j x_i in an earlier section, "f is the vector of scores" in this one
            if base in defs or base in out or self.is_known(base) or base in (S.C, S.C_x, sp.E) or base.is_integer or not all(
                    isinstance(p, sp.Symbol) for p in params):
                continue
            right = self.read(c.parts[1].source)
            if right.expr is None or right.expr.has(base) or right.expr.has(sp.Derivative):
                continue
            line, _ = self.doc.line_col(c.start)
            shown = Definition(tuple(params), right.expr,
                               f"{c.parts[0].source.text.strip()} = {c.parts[1].source.text.strip()} (line {line})")
            if (len(c.steps) == 1 or (self.rows and matrices.applied_to_vectors(c.parts[0].source.text))) \
                    and self._defined_once(base):
                defs[base] = shown     # a display of its own, the one that defines the letter in the text
                self.defined_elsewhere[base] = shown    # (it proves; a refutation with it shows nothing)
            else:
                out[base] = shown

    def differentiated_letters(self, parts, defs) -> set:
        """Letters of the text's own that a step of the chain differentiates (∂S(x)_j/∂x_i =
        ∂/∂x_i (e^{x_j}/Σ_k e^{x_k})) and that nothing defines: the chain says how they depend on
        the variable, so a counterexample giving one a value of its own, free of that variable,
        contradicts the chain itself and shows nothing (names, never the variables differentiated in).
        Only a letter that is itself what is differentiated (∂S_j/∂x_i): one inside a larger
        expression (the labels y_k of ∂(-Σ_k y_k log p_k)/∂p_j) is a quantity the chain holds fixed."""
        variables, named = set(), set()
        for p in parts:
            for d in ([] if p.expr is None else p.expr.atoms(sp.Derivative)):
                variables |= {b for v in d.variables for b in (v.atoms(sp.IndexedBase) | v.atoms(sp.Symbol))}
                if isinstance(d.expr, sp.Indexed):
                    named.add(d.expr.base)
                elif isinstance(d.expr, sp.Symbol) and not isinstance(d.expr, sp.Dummy):
                    named.add(d.expr)
        named = {b for b in named - variables if not getattr(b, "is_integer", False) and b != sp.E
                 and b not in defs and not self.is_known(b)}
        return {str(b) for b in named}

    def _defined_once(self, base) -> bool:
        """Whether exactly one display of the whole text starts with the letter `base` followed by
        = (its definition, $$s(\\mathbf x)_i = \\frac{e^{x_i}}{\\sum e^{x_j}}$$ under an earlier heading): a
        letter of the text's own that it never defines again, so it means that everywhere after."""
        count = 0
        for c in self.doc.chains:
            if not c.steps or c.steps[0].relation not in ("=", ":=", "≡"):
                continue
            name = self.read(c.parts[0].source).expr
            if isinstance(name, (sp.Symbol, sp.Indexed)) and (name.base if isinstance(name, sp.Indexed) else name) == base:
                count += 1
        return count == 1

    def _said_vector_here(self, letter: str, defined_at: int) -> bool:
        """Whether this chain's section, which the display at `defined_at` (a letter defined without
        an index, f = w_j x_i) lies before, says in words that the letter is a vector ("where $f$ is
        the vector of class scores"): there its entries f_k are the section's own quantities, which
        that scalar's definition does not give."""
        section = self.chain.section
        if section is None or not len(section.text) or defined_at >= section.offset(0):
            return False
        return re.search(r"\$\s*" + re.escape(letter) + r"\s*\$\s+(?:is|denotes)\s+(?:the|a)\s+vector(?![A-Za-z])",
                         section.text) is not None

    def _displayed_cost(self, defs) -> None:
        """The cost the section displays on its own ($$C = \\frac{(y-a)^2}{2}$$, the book's equation
        54 under a heading that names the cross-entropy), before this chain or else after it: the
        text's own C; and so its own weighted input ($$z_j = \\sum_i w_{ij} o_i + b$$)."""
        mine = self.chain.section.origin[:1] if self.chain.section is not None else None
        same = [c for c in self.doc.chains if c is not self.chain and len(c.steps) == 1
                and c.steps[0].relation in ("=", ":=", "≡")          # C ≡ −ln a^L_y, the book's (80)
                and c.section is not None and (c.section.origin[:1] == mine or self.in_enclosing_preamble(c))]
        before = [c for c in same if c.start < self.chain.start][::-1]
        after = [c for c in same if c.start > self.chain.start]
        from derivations.activations import sigma
        for c in before + after:
            left = self.read(c.parts[0].source)
            if left.expr in (S.C, S.C_x) and c.section.origin[:1] != mine:
                continue               # a cost is its own section's: a sub-section's problem names its own
            if isinstance(left.expr, sigma) and isinstance(left.expr.args[0], sp.Symbol) and sigma not in defs \
                    and not self.named and c.start < self.chain.start:       # for what follows it
                right = self.read(c.parts[1].source)     # σ(z) = 1/(1 − e^{−z}): the text's own σ, typo or not
                if right.expr is not None and _a_name(left.expr, right.expr):
                    line, _ = self.doc.line_col(c.start)
                    defs[sigma] = Definition(tuple(left.expr.args), right.expr,
                                             f"{c.parts[0].source.text.strip()} = {c.parts[1].source.text.strip()} (line {line})")
                continue
            if isinstance(left.expr, sp.Indexed) and left.expr.base == S.z and S.z not in defs and all(
                    isinstance(t, sp.Symbol) for t in left.expr.indices):
                right = self.read(c.parts[1].source)     # z_j = Σ_i w_ij o_i + b: the text's own weighted input
                if right.expr is not None and _a_name(left.expr, right.expr):
                    line, _ = self.doc.line_col(c.start)
                    defs[S.z] = Definition(tuple(left.expr.indices), right.expr,
                                           f"{c.parts[0].source.text.strip()} = {c.parts[1].source.text.strip()} (line {line})")
                continue
            name = left.expr
            base = name.base if isinstance(name, sp.Indexed) else name
            if isinstance(base, (sp.Symbol, sp.IndexedBase)) and base != sp.E and not self.is_known(base) \
                    and base not in defs and (not isinstance(name, sp.Indexed)
                                              or all(isinstance(t, sp.Symbol) for t in name.indices)):
                right = self.read(c.parts[1].source)     # p_i = exp(o_i) / Σ_j exp(o_j): the text's own letter
                if right.expr is not None and not right.expr.has(base) and not right.expr.has(sp.Derivative):
                    line, _ = self.doc.line_col(c.start)
                    params = tuple(name.indices) if isinstance(name, sp.Indexed) else ()
                    defs[base] = Definition(params, right.expr, f"{c.parts[0].source.text.strip()} = "
                                            f"{c.parts[1].source.text.strip()} (line {line})")
                continue
            if left.expr != S.C or S.C in defs:
                continue
            right = self.read(c.parts[1].source)
            if right.expr is None or right.expr.has(sp.Derivative) or right.expr.has(S.C):
                continue
            line, _ = self.doc.line_col(c.start)
            defs[S.C] = Definition((), right.expr, f"C = {c.parts[1].source.text.strip()} (line {line})")

    def brought_in(self, before: list, right, defs) -> list[str]:
        """The subscripted letters a step's right side writes that no part of the chain before it writes, and that
        neither the exercise nor the text defines: names the step introduces (e_j for e^{x_j}), whose
        values a counterexample would only pick."""
        def names(expr) -> set:
            if expr is None:
                return set()
            return {ind.base for ind in expr.atoms(sp.Indexed)}     # (a subscripted name: a plain letter x may be an input)
        seen = set().union(*(names(e) for e in before))
        new = names(right) - seen
        shown = getattr(self, "displayed", {})
        return sorted(str(b) for b in new if b not in defs and b not in shown and not self.is_known(b)
                      and b not in (S.C, S.x_count, S.m) and not isinstance(b, sp.Dummy))

    def first_named(self, left, right, at: int, defs: dict) -> list[str]:
        """The indexed quantities written on the right of a step for the first time in the text (L =
        -Σ_j y_j log p_j = -Σ_j ℓ_j): none of the chapter's nor the text's definitions, in no formula
        before, not on the left. A relation that brings such a family in states what its terms stand
        for (here ℓ_j = y_j log p_j, term by term); a counterexample choosing their values breaks
        that, so it shows nothing. (A single new letter, σ(z) = 1/(1 + e^{-2x}), is no such name.)"""
        def names(e) -> set:
            return {t.base for t in e.atoms(sp.Indexed)}
        fresh = {v for v in names(right) - names(left)
                 if not self.is_known(v) and v not in defs and str(v.label) not in _CHAPTER_LETTERS}
        if not fresh:
            return []
        for c in self.doc.chains:
            for part in c.parts:
                if part.source.offset(0) >= at:
                    continue
                e = self.read(part.source).expr
                if e is not None:
                    fresh -= names(e)
                if not fresh:
                    return []
        return sorted(str(v.label) for v in fresh)

    def is_known(self, base) -> bool:
        """Whether the exercise itself defines this quantity (the cost, the outputs, ...)."""
        if base in (S.z1, S.a1, S.y1):      # one neuron's a, z, y: the exercise's only if it has one
            return self.ctx.scalar or self.ctx.model is not None
        if base in (S.a, S.z, S.y, S.w, S.b, S.a_prev, S.n, S.c, S.delta, S.C_x):
            return True
        return base == S.C and self.ctx.model is not None

    def meaning_under(self, ctx) -> Meaning:
        """How the chain's formulas are read under an exercise's definitions (and the text's own)."""
        defs, conds, exprs, index_range, one_neuron = self._reading
        level = base_level(ctx, [conds.apply(e) for e in exprs])
        if one_neuron and not ctx.scalar and any(
                (isinstance(v, sp.Indexed) and v.base == S.w and len(v.indices) == 1) or v in (B1, W1)
                for e in exprs for d in e.atoms(sp.Derivative) for v in d.variables):
            level = "w"                # one neuron's dC/dw_j, dC/db: through z = Σ_k w_k x_k + b
        if level == "a" and S.a in defs and defs[S.a].value.has(S.z):
            level = "z"                # the text's own a_j = e^{z_j} / Σ_k e^{z_k}: z the base, w and b through it
        if S.z in defs and any(isinstance(v, sp.Indexed) and v.base in (S.w, S.b)
                               for e in exprs for d in e.atoms(sp.Derivative) for v in d.variables):
            level = "w"                # by the weights, through the text's own z_j = Σ_i w_ij o_i + b
        label = any(e.has(LABEL) for e in exprs) or LABEL in conds.equal or LABEL in conds.equal.values() \
            or any(d.value.has(LABEL) for d in defs.values()) \
            or any(LABEL in pair for pair in conds.unequal)        # "If j = ỹ": y_j is the true class's label
        return Meaning(ctx, defs, level, label=label,
                       index_range=index_range or ctx.classes, one_neuron=one_neuron and not ctx.scalar,
                       single_weight=(any(e.has(W1) for e in exprs) or X1 in defs) and not any(
                           t.base == S.w for e in exprs for t in e.atoms(sp.Indexed)))   # z = wx + b, no w_j

    def one_hot(self, relation, lhs, rhs, ctx, conds, verdict):
        """A refutation at a point where the labels y_k are not one-hot, judged again with y one-hot
        (the chapter's labels: each 0 or 1, Σ_k y_k = 1) where the exercise does not already say so:
        (the verdict to report, None) when the step is false at a one-hot point too, else (the
        verdict, what the report says instead: the step is not shown false for the chapter's y)."""
        from derivations.models import ONE_HOT
        labels = any(t.base == S.y for e in (lhs, rhs) for t in e.atoms(sp.Indexed))
        if verdict.status != "refuted" or not labels or one_hot_at(verdict.witness):
            return verdict, None
        again = None
        if ONE_HOT not in ctx.premises:
            again = judge(relation, lhs, rhs, dataclasses.replace(ctx, given=(*ctx.given, ONE_HOT)), conds)
            if again.status == "refuted" and one_hot_at(again.witness):
                return again, None
        return verdict, ("undecided: false only where the labels y are not one-hot; with y one-hot (each y_k "
                         "0 or 1, Σ_k y_k = 1), as the chapter's labels are, " +
                         ("it follows" if again is not None and again.proved else "no point was found where it fails"))

    def holds_elsewhere(self, relation, left, right, conds) -> str | None:
        """With no exercise: the exercise under whose definitions (the softmax or σ outputs, the
        chapter's costs) a refuted step is not refuted, when the chain mentions quantities the text
        leaves undefined (a_j, C, δ_j). A step is wrong only if it is false under every such reading."""
        cost = any(d.expr in (S.C, S.C_x) for e in (left, right) for d in e.atoms(sp.Derivative))
        if not cost and not any(e.has(S.a, S.a1, S.delta) for e in (left, right)):
            return None                # C written as a constant (not differentiated) stays a constant
        for claim_id in ("softmax-jacobian", "softmax-log-likelihood-gradient", "quadratic-gradient",
                         "cross-entropy-gradient", "linear-output-quadratic", "softmax-temperature"):
            ctx = contexts.by_id(claim_id)
            try:
                meaning = self.meaning_under(ctx)
                lhs, rhs = meaning.of(conds.apply(left)), meaning.of(conds.apply(right))
            except Exception:          # not readable under that exercise: no second reading
                continue
            verdict = judge(relation, lhs, rhs, ctx, conds)
            if verdict.status != "refuted":
                return claim_id
        return None

    def holds_as_sigmoid(self, relation, left, right, meaning, conds) -> bool:
        """With no exercise: whether a step that writes both a and σ holds once a_j = σ(z_j)."""
        from derivations.activations import sigma
        if not any(e.has(sigma) for e in (left, right)) or not any(e.has(S.a) or e.has(S.a1) for e in (left, right)):
            return False
        out = lambda e: e.replace(lambda t: isinstance(t, sp.Indexed) and t.base == S.a and len(t.indices) == 1,
                                  lambda t: sigma(S.z[t.indices])).xreplace({S.a1: sigma(S.z1)})
        try:
            lhs, rhs = meaning.of(conds.apply(out(left))), meaning.of(conds.apply(out(right)))
        except Exception:          # cannot be written so: no second reading
            return False
        return judge(relation, lhs, rhs, meaning.ctx, conds).proved

    def independent_derivative(self, left, right, meaning, conds) -> str | None:
        """A derivative dX/dv where X, as read here, does not involve v at all (a_j a free letter,
        C a function of a alone, with no exercise saying how a depends on w): reading it as 0 would
        be the checker's assumption, not the text's, so the step is undecided. δ_j is ∂C/∂z_j: the
        same holds for it (the text's C of a^L_j, with no activation saying how a^L_j depends on z)."""
        for side in (left, right):
            deltas = {sp.Derivative(S.C, S.z[t.indices[0]]) for t in side.atoms(sp.Indexed)
                      if t.base == S.delta and len(t.indices) == 1}
            for d in sorted(side.atoms(sp.Derivative) | deltas, key=str):
                for v in d.variables:
                    target = v.base if isinstance(v, sp.Indexed) else v
                    if not isinstance(target, (sp.Symbol, sp.IndexedBase)) or target in meaning.definitions:
                        continue           # (by a quantity the text defines: taken in it)
                    through_z = meaning.base == "z" and isinstance(v, sp.Indexed) and (
                        (v.base == S.w and len(v.indices) == 2) or (v.base == S.b and len(v.indices) == 1))
                    try:
                        body = meaning._walk(conds.apply(d.expr), "z" if through_z else meaning.level_of(v))
                    except Exception:      # cannot be unfolded: the step's own reading decides
                        continue
                    if body.is_number or body.has(S.y) and not body.has(S.a, S.z, S.w, S.b, S.a1, S.z1) \
                            and body.free_symbols <= {S.y1} | {t for t in body.free_symbols if t.is_integer}:
                        continue           # a constant, or a label: its derivative is 0 as the text says
                    if body.has(S.z if through_z else target):
                        continue
                    return plain(d)
        return None

    def undefined_derivative(self, left, right, defs) -> str | None:
        """A derivative dX/dv of a quantity X that neither the exercise nor the text defines (C
        with no cost, a_j with no activation, any letter with no exercise): X's dependence on v
        is unknown, so no verdict can be read off (taking X constant would call dC/dw = 0)."""
        if S.C not in defs and self.ctx.model is None:    # δ_j is ∂C/∂z_j, of a C defined nowhere here
            for side in (left, right):
                for t in sorted(side.atoms(sp.Indexed), key=str):
                    if t.base == S.delta and len(t.indices) == 1:
                        return plain(t)
        for side in (left, right):
            for d in side.atoms(sp.Derivative):
                x = d.expr
                if not isinstance(x, (sp.Symbol, sp.Indexed)) or x in d.variables:
                    continue
                base = x.base if isinstance(x, sp.Indexed) else x
                if base in defs:
                    continue
                if base in (S.C, S.C_x, S.delta):
                    known = self.ctx.model is not None
                elif base in (S.a, S.a1):
                    known = self.ctx.activation is not None
                elif base in (S.z, S.z1):
                    known = self.ctx.activation is not None or self.ctx.scalar
                else:
                    known = False
                if not known:
                    return plain(d)
        return None

    def with_one_hot(self, relation, lhs, rhs, conds, verdict):
        """(verdict, whether y one-hot decided it). A step that sums the labels (Σ_k y_k over
        1..n), under no exercise or one with the softmax and no cost of its own (the text's own
        loss), not proved with y free, is judged again with y one-hot (every y_k 0 or 1,
        Σ_k y_k = 1), the chapter's standing assumption on its labels there: the kernel rewrites
        Σ_k y_k to 1 only under that stated fact, and a counterexample must give y one-hot (a
        refutation with y free is no refutation here: undecided, unless the one-hot one decides)."""
        ctx = self.ctx
        free = ctx is GENERIC or (ctx.model is None and ctx.activation is not None
                                  and ctx.activation.name == "softmax" and not ctx.temperature)
        if verdict.proved or not free or ctx.premises or not any(_sums_labels(e) for e in (lhs, rhs)):
            return verdict, False
        hot = judge(relation, lhs, rhs, _one_hot_context(ctx), conds)
        if hot.status in ("proved", "refuted") or verdict.status == "refuted":
            return hot, hot.status in ("proved", "refuted")
        return verdict, False

    # --- checking ------------------------------------------------------------------------
    def run(self) -> ChainReport:
        start_time = time.perf_counter()
        chain, doc = self.chain, self.doc
        parts = self.read_parts()
        start = next((p.expr for p in parts if p.expr is not None), None)
        if start is not None and self.sums_repeated_indices():
            kept = _chain_indices(start)     # ∂CE/∂θ_k: k is the chain's free index, never summed
            self.convention_free = kept | _differentiated_indices(start)
            for number, part in enumerate(parts):
                if part.expr is not None and not isinstance(part.expr, sp.Rel):
                    self.convention_raw[number] = part.expr
                    summed = _einstein(part.expr, kept)
                    if summed != part.expr or _free_indices(part.expr) - kept:
                        self.convention_read.add(number)      # (or an index left free: maybe summed)
                    part.expr = summed
        if chain.orphan and not chain.parts[0].source.text.strip():     # $$ = ... $$ with nothing above to go on
            parts[0].failure = ("the display opens with its relation, and no chain above it (under the same "
                                "heading) goes on into it: its left side is not written")
            parts[0].at = chain.steps[0].where
        conds, said = self.conditions()
        defs, index_range = self.definitions()
        self._primes_as_derivatives(parts, defs, conds)
        _classes_counted(conds, self.own_classes)
        self._class_count_named(conds)
        for note in said:
            self.notes.append(f"assumed, as the text says: {note}")
        for d in defs.values():
            self.notes.append(f"defined in the text: {d.where}")
        if index_range is not None:
            self.notes.append(f"the text numbers the classes {index_range[0]}, ..., {index_range[1]}: "
                              f"the softmax is checked over those")
        steps = chain.steps
        first = parts[0]
        defines = (first.expr is not None and steps and steps[0].relation in ("=", ":=", "≡")
                   and isinstance(first.expr, (sp.Symbol, sp.Indexed)) and not self.is_known(
                       first.expr.base if isinstance(first.expr, sp.Indexed) else first.expr)
                   and parts[1].expr is not None and first.expr != sp.E)
        if defines:
            name = first.expr
            base, params = (name.base, tuple(name.indices)) if isinstance(name, sp.Indexed) else (name, ())
            defs[base] = Definition(params, parts[1].expr, first.source.text.strip())
        for base in _circular(defs):       # o_j = softmax(z_j) with z_j = Σ_i w_ij o_i + b: o names two layers
            self.notes = [n for n in self.notes if n != f"defined in the text: {defs[base].where}"]
            self.displayed[base] = defs.pop(base)   # the text's own, though unused: never the exercise's instead
        exprs = [p.expr for p in parts if p.expr is not None]
        one_neuron = (any(e.has(S.a1) or e.has(S.y1) or e.has(S.z1) for e in exprs)
                      and not any(ind.base in (S.a, S.y, S.z) for e in exprs for ind in e.atoms(sp.Indexed)))
        self._reading = (defs, conds, exprs, index_range, one_neuron)
        meaning = self.meaning_under(self.ctx)
        if meaning.one_neuron and self.ctx.model is not None:
            self.notes.append("one output neuron, as the chapter's first sections: a = σ(z), C of a and y")
        if self.ctx.standing:
            self.notes.insert(0, "definitions: " + "; ".join(self.ctx.standing))
        meanings = [self._mean(meaning, conds, p) for p in parts]
        implicational = any(s.relation in IMPLICATIONS for s in steps)
        reports: list[StepReport] = []
        statements = _statements(meanings, steps) if implicational else None
        displays = _statements([None if p.expr is None else conds.apply(p.expr) for p in parts],
                               steps) if implicational else None
        for number, step in enumerate(steps):
            left, right = parts[number], parts[number + 1]
            line, column = doc.line_col(step.where)
            source = _as_written(doc.text, left.source, right.source)
            quoted = doc.line_text(line)
            rep = StepReport(line, column, source, step.relation, UNDECIDED, "", quoted=quoted)
            reports.append(rep)
            failed = left if left.expr is None else right if right.expr is None else None
            if failed is not None and failed.not_checked:
                rep.reason = f"undecided: {failed.failure}"
                continue
            if failed is not None:
                fline, fcol = doc.line_col(failed.at)
                rep.verdict, rep.line, rep.column, rep.quoted = UNPARSED, fline, fcol, doc.line_text(fline)
                rep.reason = f"cannot be read: {failed.failure} (line {fline}, column {fcol})"
                continue
            if number == 0 and defines:
                rep.verdict, rep.reason = DEFINITION, f"defines {first.source.text.strip()} for what follows"
                continue
            if implicational:
                if step.relation not in IMPLICATIONS:
                    rep.verdict, rep.reason = STATEMENT, "part of a statement of the implication chain"
                    continue
                before, after = statements[number]
                if before is None or after is None:
                    rep.reason = "an implication between statements that are not both relations"
                    continue
                defined = self._defined(displays[number], meaning, conds)
                verdict = implication(step.relation, before, after, meaning.ctx, conds, defined)
                self._implication_verdict(rep, verdict, meaning, conds)
                continue
            unknown = (self.undefined_derivative(left.expr, right.expr, defs)
                       or self.independent_derivative(left.expr, right.expr, meaning, conds))
            if unknown and self.layer_derivative(rep, step.relation, left.expr, right.expr, meaning, conds):
                continue
            if unknown:
                rep.reason = (f"undecided: {unknown}: how it depends on the variable is not defined here"
                              + ("" if self.ctx.id else " (no exercise named: name one with --exercise ID, "
                                 "a heading or <!-- nndl: ID -->)"))
                continue
            evaluated = self.at_stated_values(step, left, right) if step.relation == "=" else None
            if evaluated is not None:      # every value fixed by the text: the two sides differ there
                rep.verdict, rep.reason, rep.counterexample = WRONG, evaluated[0], evaluated[1]
                rep.detail = "refuted: evaluated at the values the text states, with certified enclosures"
                continue
            lhs, rhs = meanings[number], meanings[number + 1]
            verdict = judge(step.relation, lhs, rhs, meaning.ctx, conds)
            verdict, hot = self.with_one_hot(step.relation, lhs, rhs, conds, verdict)
            verdict, labels = self.one_hot(step.relation, lhs, rhs, meaning.ctx, conds, verdict)
            if labels:
                rep.reason, rep.detail = labels, f"{verdict.status}: {verdict.reason}"
                continue
            if verdict.status == "refuted" and _DELTA_FRACTION.search(left.source.text + " " + right.source.text):
                rep.reason = ("undecided: \\frac{\\delta ...}{\\delta ...} is read as a quotient of δ's, which makes the "
                              "step false; if δ stands for ∂ (a derivative), write \\partial to have it checked")
                rep.detail = f"{verdict.status}: {verdict.reason}"
                continue
            outside = numbering.outside_sums(lhs, rhs, left.expr, right.expr) if verdict.status == "refuted" else []
            if outside:                # softmax(x_0) read with Σ_{j=1}^n: the text numbers its classes otherwise
                rep.reason, rep.detail = numbering.reason(outside), f"{verdict.status}: {verdict.reason}"
                continue
            if verdict.status == "refuted" and {number, number + 1} & self.convention_read:
                every = self.refuted_every_reading(number, conds, defs)
                if every is not None:
                    rep.verdict, rep.reason, rep.counterexample = WRONG, f"wrong: {every.reason()}", every.counterexample()
                    rep.detail = f"refuted under every reading of the implied sums, in exact arithmetic; {verdict.reason}"
                    continue
                rep.reason = ("undecided: the text sums over indices it writes no \\sum for (Einstein's "
                              "convention); read with every index two quantities of a term share summed, the "
                              "step is false, but the text may imply other sums (a denominator's); write the "
                              "sums (\\sum_i) to have the step checked")
                rep.detail = f"{verdict.status}: {verdict.reason}"
                continue
            given = (self.given_values(step.relation, left.expr, right.expr, meaning, conds)
                     if verdict.status in ("refuted", "undecided") else None)
            if given:
                rep.verdict = FOLLOWS
                rep.reason = f"follows with the values the text gives before the display: {given}"
                rep.detail = f"{verdict.status} without those values: {verdict.reason}"
                continue
            stated = (self.stated_elsewhere(step.relation, left.expr, right.expr, meaning, conds)
                      if verdict.status == "refuted" else None)
            if stated:
                rep.reason = (f"undecided: false where the text's conditions do not hold, but the text says {stated} "
                              f"(write the condition beside the display to have the step checked under it)")
                rep.detail = f"{verdict.status}: {verdict.reason}"
                continue
            if verdict.status == "refuted":
                free = sorted({str(f.func) for e in (lhs, rhs) for f in e.atoms(AppliedUndef)})
                if free:           # a function the text does not define: any counterexample picks one
                    rep.reason = (f"undecided: {', '.join(free)} is a function the text does not define here; the "
                                  "step is false for some choice of it, which does not show it false for yours")
                    rep.detail = f"{verdict.status}: {verdict.reason}"
                    continue
            elsewhere = sorted({d.where for e in (left.expr, right.expr) for b in e.atoms(sp.Symbol, sp.IndexedBase)
                                for k, d in getattr(self, "defined_elsewhere", {}).items() if b == k}) \
                if verdict.status == "refuted" else []
            if elsewhere:              # s(x)_i displayed under an earlier heading: it may prove, never refute
                rep.reason = (f"undecided: false with the definition the text displays under another heading "
                              f"({'; '.join(elsewhere)}), but the conditions around that display and this one "
                              "are not all read, so this does not show the step false")
                rep.detail = f"{verdict.status}: {verdict.reason}"
                continue
            if verdict.status == "refuted":
                shown = {str(k) for k in getattr(self, "displayed", {})}
                shown |= self.differentiated_letters(parts, defs)
                unnamed = sorted({str(b) for e in (lhs, rhs) for b in e.atoms(sp.Symbol, sp.IndexedBase)
                                  if (any(ch in ACCENTED for ch in str(b)) or str(b) in shown)
                                  and str(b) not in {str(k) for k in defs}})
                if unnamed and self.as_output_layer(rep, step.relation, left.expr, right.expr, meaning, conds, unnamed):
                    continue
                if unnamed:        # ŷ, ō, or a letter a display above defines: the text's own quantity
                    rep.reason = (f"undecided: {', '.join(unnamed)} {'is' if len(unnamed) == 1 else 'are'} not "
                                  "defined here in a way the checker "
                                  "uses; the step is false for some value of it, which does not show it false for yours")
                    rep.detail = f"{verdict.status}: {verdict.reason}"
                    continue
            if verdict.status == "refuted" and self.ctx is GENERIC and self.holds_as_sigmoid(
                    step.relation, left.expr, right.expr, meaning, conds):
                rep.reason = ("undecided: false with a_j a free quantity, but it holds when a_j = σ(z_j), as "
                              "the chapter's outputs are; name the exercise to check it under that definition")
                continue
            other = (self.holds_elsewhere(step.relation, left.expr, right.expr, conds)
                     if verdict.status == "refuted" and self.ctx is GENERIC else None)
            if other is not None:
                rep.reason = (f"undecided: with every letter a free quantity it is false, but the text does not "
                              f"define all of them here; under the definitions of exercise {other} "
                              f"({'; '.join(contexts.by_id(other).standing)}) it is not shown false: name the "
                              f"exercise (--exercise {other}, a heading or <!-- nndl: {other} -->) to check it")
                rep.detail = f"{verdict.status}: {verdict.reason}"
                continue
            if verdict.status == "refuted" and len(steps) == 1 and step.relation == "=" and not self.named \
                    and _a_name(left.expr, right.expr) \
                    and verdict.found != Found.LOG_OF_LABEL:          # ln of the labels: the cost itself is written wrong
                rep.verdict = DEFINITION
                rep.reason = (f"defines {plain(left.expr)} = {plain(right.expr)}: the text's own, written on its "
                              f"own (not the exercise's: {'; '.join(self.ctx.standing) or 'no exercise named'})")
                rep.detail = f"{verdict.status}: {verdict.reason}"
                continue
            named = self.first_named(left.expr, right.expr, right.source.offset(0), defs) \
                if verdict.status == "refuted" and step.relation == "=" else []
            if named:
                rep.verdict = DEFINITION
                rep.reason = (f"names {', '.join(named)}: written here for the first time, on the right of =, "
                              f"so the text names it by what it equals, not a claim about it")
                rep.detail = f"{verdict.status}: {verdict.reason}"
                continue
            brought = self.brought_in([p.expr for p in parts[:number + 1]] + meanings[:number + 1], right.expr, defs) \
                if verdict.status == "refuted" else []
            if brought:            # e_j in ∂(e^{x_j}/Σ)/∂x_i = ∂(e_j/Σ)/∂x_i: the step names e^{x_j}
                rep.reason = (f"undecided: {', '.join(brought)} first written in this step and defined nowhere in the "
                              "text: the step gives a name to a quantity rather than a claim about it; the step is false "
                              "for some value of it, which does not show it false for yours")
                rep.detail = f"{verdict.status}: {verdict.reason}"
                continue
            self._verdict(rep, verdict, lhs, rhs, meaning, conds, display=(left.expr, right.expr))
            if hot and rep.verdict in (FOLLOWS, WRONG):
                rep.reason = f"with {ONE_HOT_WORDS}: {rep.reason}"
                if ONE_HOT_NOTE not in self.notes:
                    self.notes.append(ONE_HOT_NOTE)
        self.end_equals_start = None
        if not implicational:
            self._equals_start(reports, parts, meanings, steps, meaning, conds)
        reports += self._claims(parts, meaning, conds)
        worded.guard(reports, chain.worded)      # "..., $claim$ since $H$" under words not read: never wrong
        conclusion = self._conclusion(parts, meanings, steps, reports, meaning, conds)
        line, _ = doc.line_col(chain.start)
        return ChainReport(doc.path, doc.cell, line, self.ctx.id or None, reports, conclusion, self.notes,
                           time.perf_counter() - start_time)

    def stated_vectors(self, upto: int) -> dict:
        """The vectors the section gives values to before offset `upto`, as entry -> value
        ($$ y = \\begin{bmatrix} 1 \\\\ 0 \\\\ 0 \\end{bmatrix} $$: y[0] = 1, y[1] = 0, y[2] = 0, indexed
        from 0 when the text indexes an entry 0, else from 1). The latest display that gives a
        name a value stands; a display that gives one name several values (a list of the cases)
        gives it none."""
        start = self.chain.section.offset(0) if self.chain.section is not None and len(self.chain.section.text) else 0
        region = self.doc.text[start:upto]
        values: dict = {}
        for block in re.split(r"\$\$|\\\[|\\\]|\n\s*\n", region):
            found: dict = {}
            for m in _STATED_VECTOR.finditer(block):
                entries = [e.strip() for e in re.split(r"\\\\|&", m.group(3)) if e.strip()]
                if not entries or not all(re.fullmatch(r"-?\d+(?:\.\d+)?", e) for e in entries):
                    continue
                found.setdefault(m.group(1), []).append(entries)
            for name, rows in found.items():
                if len(rows) > 1:
                    values.pop(name, None)         # the cases listed, none of them the value here
                    continue
                first = _first_index(self.doc.text, name, len(rows[0]))
                if first is None:
                    continue           # which entry is which is not written
                read = {}
                for k, entry in enumerate(rows[0]):
                    e = self.read(Source.at(f"{name}[{k + first}]", 0)).expr
                    if not isinstance(e, sp.Indexed):
                        break
                    read[e] = sp.Rational(entry)
                else:
                    values[name] = read
        return {k: v for entries in values.values() for k, v in entries.items()}

    def at_stated_values(self, step, left: ReadPart, right: ReadPart) -> tuple[str, dict] | None:
        """A step `F(u, v) = number` (or `number = F(u, v)`) where F is a function the section
        defines in a display of its own (F(u, v) = ..., the same arguments as written) and the
        section gives every entry of u and v a value before the step: F evaluated there with
        certified enclosures, under every definition of F in the section that these values fix.
        (the reason, the counterexample) when all of them differ from the number by more than its
        written digits allow (a rounded 0.3567 stands for 0.35665 to 0.35675); None otherwise."""
        from derivations.kernel.arb import NoEnclosure, enclose
        if left.expr is None or right.expr is None:
            return None
        sides = [(left, right), (right, left)]
        for applied, number in sides:
            calls = applied.expr.atoms(AppliedUndef)
            if number.expr.free_symbols or number.expr.atoms(AppliedUndef) or not calls or not applied.expr.is_Add \
                    and not isinstance(applied.expr, (AppliedUndef, sp.Mul)):
                continue
            values = self.stated_vectors(step.where)
            if not values:
                return None
            mine = self.chain.section.origin[:1] if self.chain.section is not None else None
            bodies: dict = {}
            for c in self.doc.chains:
                if c is self.chain or not c.steps or c.steps[0].relation not in ("=", ":=") \
                        or (c.section.origin[:1] if c.section is not None else None) != mine:
                    continue
                head = self.read(c.parts[0].source).expr
                if head in calls:
                    body = self.read(c.parts[1].source).expr
                    if body is not None and body.free_symbols and not body.has(head.func):   # (F(u, v) = 0.36: a value, no definition)
                        bodies.setdefault(head, []).append((body, self.doc.line_col(c.start)[0]))
            if set(bodies) != calls:
                return None
            lows, highs, fixed, used = [], [], [], set()
            for choice in _choices(bodies):
                value = applied.expr.xreplace({k: b for k, (b, _) in choice.items()}).xreplace(values).doit()
                if value.free_symbols or value.atoms(AppliedUndef, sp.Indexed):
                    continue           # a definition these values do not fix (the two-class loss of a vector)
                try:
                    ball = enclose(value - _exact(number.expr), None, 256)
                except (NoEnclosure, ArithmeticError, ValueError, TypeError):   # not shown: undecided
                    return None
                if not ball.imag.is_zero():
                    return None
                fixed.append(value)
                used |= {line for _, line in choice.values()}
                lows.append(float(ball.real.lower()))
                highs.append(float(ball.real.upper()))
            if not lows:
                return None
            written = re.fullmatch(r"\s*[-+]?\s*\d+\.(\d+)\s*", number.source.text)
            slack = 0.5 * 10.0 ** -len(written.group(1)) * 1.001 if written else 1e-9 * (1 + abs(float(number.expr)))
            if not all(lo > slack or hi < -slack for lo, hi in zip(lows, highs)):
                return None
            shown = {str(k): float(v) for k, v in values.items()}
            exact = fixed[0]
            point = {"point": shown}
            if applied is left:
                point["left"], point["right"] = float(sp.N(exact, 15)), float(number.expr)
            else:
                point["left"], point["right"] = float(number.expr), float(sp.N(exact, 15))
            names = ", ".join(plain(f) for f in sorted(calls, key=str))
            lines = ", ".join(str(n) for n in sorted(used))
            return (f"false: at the values the text states, {names} as the text defines it (line {lines}) is not the "
                    f"other side", point)
        return None

    def _mean(self, meaning: Meaning, conds: Conditions, part: ReadPart):
        if part.expr is None:
            return None
        try:
            return conds.apply(meaning.of(conds.apply(part.expr)))   # a condition on what a definition brings in too
        except Exception as exc:       # a formula the definitions cannot be applied to: unparsed
            part.failure = f"cannot be written in the exercise's variables ({type(exc).__name__}: {exc})"
            part.at = part.source.offset(0)
            part.expr = None
            return None

    def _verdict(self, rep: StepReport, verdict, lhs, rhs, meaning, conds, display=None) -> None:
        stand_ins = set(meaning.maxima.values())
        if verdict.status == "refuted" and any(e is not None and e.free_symbols & stand_ins for e in (lhs, rhs)):
            rep.verdict = UNDECIDED         # false for some value of the stand-in, maybe not for the max
            rep.reason = ("undecided: false when max_k z_k is replaced by an arbitrary number, "
                          "which does not show it false for the maximum itself")
            return
        rep.detail = f"{verdict.status}: {verdict.reason}" + (f" ({verdict.by})" if verdict.by else "")
        if verdict.status == "refuted" and complex_point(verdict.counterexample):
            rep.verdict = UNDECIDED         # every quantity of the chapter is real: not a counterexample
            rep.reason = ("undecided: the only point found where the sides differ gives a quantity a complex "
                          "value, which no quantity of the chapter has")
            return
        if verdict.status == "proved":
            rep.verdict, rep.reason = FOLLOWS, verdict.reason      # shown only with --verbose and --json
            return
        if verdict.status == "refuted" and verdict.found == Found.LOG_OF_LABEL:
            rep.verdict, rep.reason, rep.hint = WRONG, f"wrong: {verdict.reason}", hints.SWAPPED
            rep.counterexample = counterexample(verdict.counterexample or {}, lhs, rhs, rep.relation)
            return
        if verdict.status == "refuted":
            rep.verdict = WRONG
            rep.reason = f"false: {_why_false(verdict.reason)}"
            if isinstance(lhs, sp.Limit):      # a limit: what SymPy found, and the numeric approach
                found = [f"SymPy finds the limit {st.split(':', 1)[1].strip()}" for st in verdict.steps
                         if st.startswith("limit:")]
                rep.reason = "false: " + "; ".join(found + [
                    "evaluated far along the approach, the left side does not tend to the right side"])
                rep.counterexample = None
                return self._hint(rep, lhs, rhs, meaning, conds, display)
            if verdict.counterexample and lhs is not None:
                rep.counterexample = counterexample(verdict.counterexample, lhs, rhs, rep.relation,
                                                    verdict.witness)
                rep.reason = ("false: the two sides differ at the point below" if rep.relation == "=" else
                              "false: the relation fails at the point below")
            return self._hint(rep, lhs, rhs, meaning, conds, display)
        rep.verdict = UNDECIDED
        rep.reason = undecided_words(verdict) if lhs is not None else f"{verdict.status}: {verdict.reason}"
        if verdict.status != "disagreement":
            self._hint(rep, lhs, rhs, meaning, conds, display, undecided=True)

    def _defined(self, displays, meaning: Meaning, conds: Conditions):
        """When an implication's first statement defines a quantity (C = -ln a_ỹ, or a letter the
        exercise does not know), not a base variable of the chain: (the second statement read with
        that definition, what the reading says, a verdict on the first statement under the
        exercise's own definition or None). None otherwise."""
        import dataclasses
        first, second = displays
        if not isinstance(first, sp.Eq) or second is None or not isinstance(first.lhs, (sp.Symbol, sp.Indexed)):
            return None
        name = first.lhs
        base, params = (name.base, tuple(name.indices)) if isinstance(name, sp.Indexed) else (name, ())
        defining = base in (S.C, S.C_x) or not self.is_known(base)
        if not defining or base in (S.a, S.z, S.y, S.w, S.b, S.a_prev, S.a1, S.z1, S.y1, S.n, S.c, sp.E) \
                or any(not isinstance(p, sp.Symbol) for p in params) or first.rhs.has(name):
            return None
        try:
            read_as = dataclasses.replace(meaning, definitions={**meaning.definitions,
                                                               base: Definition(params, first.rhs)})
            read = type(second)(read_as.of(second.lhs), read_as.of(second.rhs), evaluate=False)
            own = None
            if self.is_known(base):
                own = judge("=", meaning.of(first.lhs), meaning.of(first.rhs), meaning.ctx, conds)
        except Exception:       # the definition cannot be read into the second statement
            return None
        return read, f"with {plain(first.lhs)} = {plain(first.rhs)} as the first statement defines it", own

    def _implication_verdict(self, rep: StepReport, verdict, meaning: Meaning, conds: Conditions) -> None:
        """An implication's verdict; a refutation shows the point, with the failing statement's
        sides there (a point where the first statement holds)."""
        if verdict.status != "refuted":
            return self._verdict(rep, verdict, None, None, meaning, conds)
        failing = verdict.failing
        if failing is None or failing.free_symbols & set(meaning.maxima.values()):
            rep.verdict = UNDECIDED
            rep.reason = ("undecided: false at a point, but the point involves max_k z_k replaced by an "
                          "arbitrary number" if failing is not None else f"undecided: {verdict.reason}")
            return
        rep.verdict, rep.reason = WRONG, f"false: {verdict.reason}"
        if verdict.counterexample:
            op = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤"}.get(failing.rel_op, failing.rel_op)
            rep.counterexample = counterexample(verdict.counterexample, failing.lhs, failing.rhs, op, verdict.witness)

    def _hint(self, rep, lhs, rhs, meaning, conds, display, undecided: bool = False) -> None:
        """A hint, only where its test (the changed step, proved right) could be run."""
        if lhs is None:
            return
        try:
            rep.hint = hints.hint(rep.relation, lhs, rhs, display, meaning, conds, undecided=undecided)
        except Exception:         # the hint's test could not be run: no hint; the verdict stands
            rep.hint = None

    def _equals_start(self, reports, parts, meanings, steps, meaning, conds) -> None:
        """Whether each line's last part still equals the chain's start (chains of = only). While
        every step so far follows, the steps say it; a step after a wrong one needs its own proof.
        A line is said not to equal the start only once a step has been shown wrong: before that,
        the steps that did not follow are undecided because nothing sound refutes them (a letter
        not defined, a case not met), and the start held against a later line would refute them
        through the back door."""
        if meanings[0] is None:
            return
        last_of_row = {step.row: number for number, step in enumerate(steps)}
        known = True                   # whether the part before this step equals the start
        broken = False                 # whether a step so far was shown wrong
        for number, step in enumerate(steps):
            if step.relation != "=":
                return
            rep = reports[number]
            ok = rep.verdict in (FOLLOWS, DEFINITION)
            broken = broken or rep.verdict == WRONG
            if rep.verdict == UNPARSED:
                known = None               # an unread part: never held against the start
                continue
            if known is True and ok:
                now = True
            elif known is True and rep.verdict == WRONG:
                now = False            # start = previous part, and the previous part != this one
            elif meanings[number + 1] is None:
                now = None
            else:
                verdict = judge("=", meanings[0], meanings[number + 1], meaning.ctx, conds)
                now = True if verdict.proved else False if verdict.status == "refuted" and broken else None
            known = now
            if (last_of_row.get(step.row) == number and number > 0) or (number == 0 and now is True):
                rep.equals_start = now     # the first step: true when it follows (its right side is the start)
        self.end_equals_start = known

    def _claims(self, parts, meaning, conds) -> list[StepReport]:
        """Each \\underbrace{X}_{Y}: the claim X = Y, judged like a step."""
        out = []
        for part in parts:
            for claim in part.claims:
                left, right = self.read(claim.left), self.read(claim.right)
                line, column = self.doc.line_col(claim.left.offset(0))
                rep = StepReport(line, column, f"{claim.left.text.strip()} = {claim.right.text.strip()}", "=",
                                 UNDECIDED, "", quoted=self.doc.line_text(line), claim=True)
                if left.expr is None or right.expr is None:
                    bad = left if left.expr is None else right
                    rep.verdict, rep.reason = UNPARSED, f"cannot be read: {bad.failure}"
                else:
                    lhs, rhs = self._mean(meaning, conds, left), self._mean(meaning, conds, right)
                    if lhs is None or rhs is None:
                        rep.verdict, rep.reason = UNPARSED, "cannot be read in the exercise's variables"
                    else:
                        self._verdict(rep, judge("=", lhs, rhs, meaning.ctx, conds), lhs, rhs, meaning, conds,
                                      display=(left.expr, right.expr))
                rep.reason = ("the \\underbrace claims " + rep.source + (": " + rep.reason if rep.reason else ""))
                out.append(rep)
        return out

    def _conclusion(self, parts, meanings, steps, reports, meaning, conds) -> dict:
        if not self.ctx.targets:
            return {"reached": None, "target": None, "text": "no exercise claim to compare the end with"}
        if any(m is None for m in (meanings[0], meanings[-1])) or any(s.relation in IMPLICATIONS for s in steps):
            return {"reached": None, "target": None, "text": "the chain's start or end could not be compared"}
        composite = _composite([s.relation for s in steps])
        start_display, end_display = conds.apply(parts[0].expr), conds.apply(parts[-1].expr)
        # targets whose left side is written like the chain's start first (dC/db_j before delta_j)
        ordered = sorted(self.ctx.targets, key=lambda t: unify(t.statement.lhs, start_display) is None)
        for target in ordered:
            statement = target.statement
            mapping = unify(statement.lhs, start_display)
            if mapping is None:            # written otherwise (sigma'(z) for d sigma/dz): same indices
                mapping = {}
            t_lhs, t_rhs = statement.lhs.xreplace(mapping), statement.rhs.xreplace(mapping)
            t_conds = [c.xreplace(mapping) for c in target.conditions]
            if not _conditions_hold(t_conds, conds):
                continue
            for premise in conds.premises():       # j != k: the claim's delta_jk is 0 here
                t_rhs = premise.rewrite(t_rhs)
            wanted = {sp.Eq: "=", sp.Gt: ">", sp.Lt: "<", sp.Ge: "≥", sp.Le: "≤", sp.Ne: "≠"}[type(statement)]
            target_text = f"{plain(t_lhs)} {wanted} {plain(t_rhs)}"
            if composite not in _SHOWS[wanted]:
                continue
            limits = isinstance(t_lhs, sp.Limit) and isinstance(meanings[0], sp.Limit)
            if limits:                 # the same limit of functions equal for every c: the same limit
                mine, theirs = meanings[0], meaning.of(conds.apply(t_lhs))
                if mine.args[1:] != theirs.args[1:] or not plausible(mine.args[0], theirs.args[0], meaning.ctx, conds):
                    continue
                if not judge("=", mine.args[0], theirs.args[0], meaning.ctx, conds).proved:
                    continue
            elif conds.apply(t_lhs) != start_display:
                if not plausible(meanings[0], meaning.of(conds.apply(t_lhs)), meaning.ctx, conds):
                    continue
                start_ok = judge("=", meanings[0], meaning.of(conds.apply(t_lhs)), meaning.ctx, conds)
                if not start_ok.proved:
                    continue
            # the claim itself is proved (nndl prove): the end reaches its right side exactly when
            # the end still equals the start
            if composite == "=" and wanted == "=" and self.end_equals_start is not None:
                reached, how = self.end_equals_start, ("shown false" if not self.end_equals_start else "")
            else:
                end_ok = judge("=", meanings[-1], meaning.of(conds.apply(t_rhs)), meaning.ctx, conds)
                reached, how = end_ok.proved, ("shown false" if end_ok.status == "refuted" else end_ok.status)
            wrong = [n + 1 for n, r in enumerate(reports) if r.verdict == WRONG and not r.claim]
            unread = [n + 1 for n, r in enumerate(reports) if r.verdict == UNPARSED and not r.claim]
            open_ = [n + 1 for n, r in enumerate(reports) if r.verdict == UNDECIDED and not r.claim]
            if reached:
                form = _same_form(end_display, conds.apply(t_rhs), self.ctx)
                text = f"reached: {target.name}, {target_text}" + ("" if form else
                       f" (the end equals it, but is not yet written as {plain(t_rhs)})")
                for numbers, what in ((wrong, "wrong"), (unread, "unparsed"), (open_, "undecided")):
                    if numbers:
                        text += (f"; but step {', '.join(map(str, numbers))} "
                                 f"{'is' if len(numbers) == 1 else 'are'} {what}")
                return {"reached": form and not wrong and not unread and not open_, "target": target_text,
                        "text": text}
            if _same_form(end_display, conds.apply(t_rhs), self.ctx):
                bad = wrong or open_ or unread
                kind = "wrong" if wrong else "undecided" if open_ else "unread"
                return {"reached": False, "target": target_text, "refuted": False,
                        "text": f"the chain ends at {target.name}'s right side {plain(t_rhs)}, but step "
                                f"{', '.join(map(str, bad))} {'is' if len(bad) == 1 else 'are'} {kind}, so it "
                                f"does not show {target_text}"}
            return {"reached": False, "target": target_text, "refuted": how == "shown false" and not wrong,
                    "text": f"not reached: the chain starts at {target.name} but ends at {plain(parts[-1].expr)}, "
                            + (f"which is not {plain(t_rhs)} (they differ)" if how == "shown false" else
                               f"which is not shown equal to {plain(t_rhs)}")}
        stated = [t for t in self.ctx.targets if isinstance(t.statement.lhs, sp.Limit)]
        if stated and isinstance(meanings[0], sp.Limit):
            return {"reached": None, "target": None,
                    "text": "not compared: the exercise's limits are stated for the outputs written with the "
                            "maximum M, its m ties and the gaps d_s (" + "; ".join(t.name for t in stated) +
                            "); a limit written otherwise (in z_1, ..., z_n) is not matched to them, since which "
                            "inputs are the maxima, and how many tie, cannot be read off a chain soundly"}
        return {"reached": None, "target": None,
                "text": "not compared: the chain does not start at one of the exercise's claims ("
                        + "; ".join(t.name for t in self.ctx.targets) + "); its steps are checked on their own"}


# ============================================================================ helpers

ONE_HOT_WORDS = "y one-hot (Σ_k y_k = 1), as the chapter's labels are"
ONE_HOT_NOTE = f"assumed where a step sums the labels: {ONE_HOT_WORDS}"


_HEADING_CASE = re.compile(r"(?i)\b(?:case|when|if|for|with)\b[^$\n]{0,20}"   # The case $j \neq i$, When $i = j$
                           r"\$\s*([A-Za-z]\s*(?:=|\\neq?(?![A-Za-z])|\\not\s*=)\s*[A-Za-z])\s*\$")
_BOLD = r"(?:\\(?:mathbf|boldsymbol|vec|bf)\s*\{?\s*)?"
_VECTOR_SOFTMAX = re.compile(rf"^\s*{_BOLD}([A-Za-z])\s*\}}?\s*=\s*(?:\\(?:text|operatorname|mathrm)\s*\{{\s*)?"
                             rf"softmax\s*\}}?\s*\(\s*{_BOLD}([A-Za-z])\s*\}}?\s*\)\s*[.,]?\s*$")


def _bound_canonical(expr):
    """expr with the indices its sums and products bind renamed in the order they stand: two ways of
    writing one formula with other summation letters become the same expression."""
    mapping: dict = {}
    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.Sum, sp.Product)):
            for limit in node.limits:
                if limit[0] not in mapping:
                    mapping[limit[0]] = sp.Symbol(f"_bound{len(mapping)}", integer=True)
    return expr.xreplace(mapping) if mapping else expr


def _sums_labels(expr) -> bool:
    """Whether expr has a sum of terms in y_k over its own index k running over 1..n."""
    if expr is None:
        return False
    for s in expr.atoms(sp.Sum):
        k, lo, hi = s.limits[-1]
        if (lo, hi) == (1, S.n) and any(t.base == S.y and k in t.indices for t in s.function.atoms(sp.Indexed)):
            return True
    return False


def _one_hot_context(ctx):
    """The exercise's reading (or the generic one: every letter a free quantity, n >= 2) with y one-hot."""
    import dataclasses
    from derivations.models import ONE_HOT
    if ctx.id not in _ONE_HOT_CONTEXTS:
        _ONE_HOT_CONTEXTS[ctx.id] = dataclasses.replace(ctx, id=f"{ctx.id} (y one-hot)", given=ctx.given + (ONE_HOT,),
                                                        standing=ctx.standing + ("y one-hot: Σ_j y_j = 1",))
    return _ONE_HOT_CONTEXTS[ctx.id]


_ONE_HOT_CONTEXTS: dict = {}


def _as_written(text: str, left: Source, right: Source) -> str:
    lo, hi = left.strip().offset(0), right.strip().offset(len(right.strip()) - 1) + 1
    return re.sub(r"\s+", " ", text[lo:hi]).strip() if hi > lo else ""


def complex_point(point: dict | None) -> bool:
    """Whether a counterexample gives some quantity a value with an imaginary part."""
    return any(isinstance(v, complex) and v.imag != 0 for v in (point or {}).values())


_COSTS = {"log": r"cross[\s-]?entropy|log[\s-]?likelihood|交叉熵|对数似然",
          "quadratic": r"quadratic|squared[\s-]error|mean[\s-]squared|\bmse\b|二次"}


def _another_cost(value, since: str) -> bool:
    """Whether the text, after defining its cost C = value, names a cost of another kind (the
    cross-entropy after a quadratic C, or the other way round): a later chain's C is then that one."""
    kind = "log" if value.has(sp.log) else "quadratic"
    return any(re.search(words, since, re.I) for other, words in _COSTS.items() if other != kind)


_STATED_VECTOR = re.compile(r"(?<![\\A-Za-z])([A-Za-z](?:_\s*\{\s*[A-Za-z]+\s*\})?)\s*=\s*"
                            r"\\begin\{([bp])matrix\}(.*?)\\end\{\2matrix\}", re.S)


def _first_index(text: str, name: str, size: int) -> int | None:
    """How the text numbers the entries of the vector `name` of `size` entries: from 0 when it
    writes its entry 0 (y[0], y_0, y_{prob}[0]) and not its entry `size`, from 1 when it writes its
    entry `size` and not 0; None when it writes neither or both."""
    letter, _, word = name.partition("_")
    word = re.sub(r"[\s{}]", "", word)
    head = re.escape(letter) + (r"\s*_\s*\{\s*" + re.escape(word) + r"\s*\}" if word else "")

    def writes(k: int) -> bool:
        entry = rf"(?<![\\A-Za-z]){head}\s*\[\s*{k}\s*\]"
        if not word:
            entry += rf"|(?<![\\A-Za-z]){head}\s*_\s*(?:\{{\s*{k}\s*\}}|{k}(?![0-9]))"
        return re.search(entry, text) is not None
    zero, last = writes(0), writes(size)
    return 0 if zero and not last else 1 if last and not zero else None


def _choices(bodies: dict) -> list[dict]:
    """Every way of taking one definition for each function: [{F(u, v): body, ...}, ...]."""
    import itertools
    keys = list(bodies)
    return [dict(zip(keys, pick)) for pick in itertools.product(*(bodies[k] for k in keys))]


def _exact(e):
    """A number as read, its decimals exact (0.7 as 7/10), so that an enclosure bounds it."""
    return e.xreplace({f: sp.Rational(str(f)) for f in e.atoms(sp.Float)})


_DELTA_FRACTION = re.compile(r"\\frac\s*\{\s*\\delta(?![A-Za-z])[^{}]*\}\s*\{\s*\\delta(?![A-Za-z])")


def _difference_zero(rel):
    """z_k - z_j = 0 as z_k = z_j (two quantities equal, one name for both); any other relation as it is."""
    if isinstance(rel, sp.Eq) and rel.rhs == 0 and isinstance(rel.lhs, sp.Add) and len(rel.lhs.args) == 2:
        minus, plus = sorted(rel.lhs.args, key=lambda t: t.could_extract_minus_sign(), reverse=True)
        if minus.could_extract_minus_sign() and not plus.could_extract_minus_sign() \
                and all(isinstance(t, (sp.Symbol, sp.Indexed)) for t in (plus, -minus)):
            return sp.Eq(plus, -minus, evaluate=False)
    return rel


def _assume(conds: Conditions, rel: sp.Rel) -> Conditions:
    """`conds` with the condition `rel` added (j = k: one name for both; j ≠ k; other relations)."""
    if isinstance(rel, sp.Eq):
        keep, drop = (rel.rhs, rel.lhs) if rel.lhs == LABEL or rel.rhs.is_number else (rel.lhs, rel.rhs)
        conds.equal[drop] = keep          # j = k, z_1 = z_2: one name for both
    elif isinstance(rel, sp.Ne):
        conds.unequal.append((rel.lhs, rel.rhs))
    else:
        conds.other.append(rel)
    return conds


_PLAIN_CASE = re.compile(r"(?<![A-Za-z0-9_\\$^{])([ijklmnpq]\s*(?:≠|=)\s*[ijklmnpq])(?![A-Za-z0-9_(])")   # i≠j outside $...$


_ALONE = re.compile(r"(?m)^[ \t>]*(?:[*+-]|\d+[.)])?[ \t]*\$(?!\$)([^$\n]+)\$[ \t]*[.,;:]?[ \t]*$")


_ITEM = re.compile(r"(?m)^([ \t]*)[*+-][ \t]+\*\*(.+?)\*\*")


def item_title(section: str) -> str | None:
    """The bold title of the list item a chain stands in (`* **Linear neurons in the output layer**
    Prove that ...`, the book's problems), read from its section's text up to the chain: None when
    the chain is not inside such an item (a later line less indented than the item's text, or another
    item, ends it)."""
    found = None
    for found in _ITEM.finditer(section):
        pass
    if found is None:
        return None
    indent = len(found.group(1).expandtabs())
    for line in section[found.end():].split("\n")[1:]:
        if line.strip() and len(line.expandtabs()) - len(line.expandtabs().lstrip()) <= indent:
            return None                # the item ended before the chain
    return found.group(2).strip()


def _definition_spans(text: str) -> list[tuple[int, int]]:
    """Where a text's prose defines a quantity: the $...$ after a defining word ("where $C = ...$",
    "let $s = ...$"), and a $...$ standing alone on its line or as a list item (`* $\\hat{y}_i =
    \\frac{e^{\\theta_i}}{\\sum_j e^{\\theta_j}}$`, a definition laid out as a list); in order."""
    spans = {m.span(1) for m in re.finditer(rf"(?i)\b{_DEFINING}\b[^$]{{0,60}}\$([^$]+)\$", text)
             if not _CONDITION_GAP.search(text[m.start():m.start(1)])}   # "is smallest when $a = y$": a condition
    spans |= {m.span(1) for m in _ALONE.finditer(text)}
    return sorted(spans)


def _assumed_or_contrary(conds: Conditions, rel: sp.Rel) -> bool:
    """Whether the chain's conditions already state `rel` (i ≠ k under "If $i \\neq k$"), or state
    its contrary (i = k where i ≠ k is assumed, i ≠ k where i = k is): either way `rel` is no
    further condition of this case (a contrary one belongs to another case of the text)."""
    def same(p, q) -> bool:
        return conds.equal.get(p, p) == conds.equal.get(q, q)
    if isinstance(rel, sp.Eq):
        return any({p, q} == {rel.lhs, rel.rhs} for p, q in conds.unequal) or (
            rel.lhs in conds.equal or rel.rhs in conds.equal) and same(rel.lhs, rel.rhs)
    if isinstance(rel, sp.Ne):
        return any({p, q} == {rel.lhs, rel.rhs} for p, q in conds.unequal) or same(rel.lhs, rel.rhs)
    return False


def _circular(defs: dict) -> list:
    """The text's definitions that lead back to themselves (a letter naming two things), which
    cannot be unfolded: none of them is used."""
    def uses(base) -> set:
        value = defs[base].value
        return ({t.base for t in value.atoms(sp.Indexed)} | value.free_symbols) & set(defs)
    out = []
    for base in defs:
        seen, todo = set(), list(uses(base))
        while todo:
            b = todo.pop()
            if b not in seen:
                seen.add(b)
                todo.extend(uses(b))
        if base in seen:
            out.append(base)
    return out


def _components(expr, scalars: dict):
    """The vectors a^L, z^L, y (read as one neuron's a, z, y) as their components a_j, z_j, y_j; an
    indexed quantity's name (the a of a_i in a definition) stays as it is."""
    if isinstance(expr, sp.IndexedBase):
        return expr
    if expr in scalars:
        return scalars[expr]
    if not expr.args:
        return expr
    return expr.func(*(_components(arg, scalars) for arg in expr.args))


def _examples_counted(expr):
    """n as the number of training examples N (the text averages over x: 1/n Σ_x C_x), except as
    the upper limit of a sum over the classes (Σ_i (a_i − y_i)², i = 1..n)."""
    classes = sp.Dummy("classes")
    kept = expr.replace(lambda e: isinstance(e, sp.Sum) and any(hi == S.n for _, _, hi in e.limits),
                        lambda e: sp.Sum(e.function, *[(v, lo, classes if hi == S.n else hi) for v, lo, hi in e.limits]))
    return kept.xreplace({S.n: S.x_count}).xreplace({classes: S.n})


def one_hot_at(point: dict | None) -> bool:
    """Whether a point gives the labels y_k one-hot values: each 0 or 1, and one 1 at most (exactly
    one when the point gives every y_1, ..., y_n). True when it gives no label."""
    labels = {k: v for k, v in (point or {}).items() if isinstance(k, sp.Indexed) and k.base == S.y}
    if not labels:
        return True
    if any(v not in (0, 1) for v in labels.values()) or sum(labels.values()) > 1:
        return False
    n = (point or {}).get(S.n)
    every = n is not None and {S.y[k] for k in range(1, int(n) + 1)} <= set(labels)
    return sum(labels.values()) == 1 or not every


def _index_atoms(term) -> list:
    """The subscripted quantities and Kronecker deltas of a term, each once (its free ones)."""
    return [a for a in term.atoms(sp.Indexed, sp.KroneckerDelta) if a.free_symbols & term.free_symbols]


def _free_indices(expr) -> set:
    """The index letters of expr's subscripted quantities outside any sum (k in ∂CE/∂θ_k)."""
    return {t for a in _index_atoms(expr) for t in a.free_symbols
            if isinstance(t, sp.Symbol) and t.is_integer and t in expr.free_symbols}


def _chain_indices(start) -> set:
    """The free indices of a chain's start under Einstein's convention: those every term of it
    writes (k in ∂CE/∂θ_k, in -y_k + y_i a_k), never summed; i there is a term's own."""
    terms = [_free_indices(t) for t in sp.Add.make_args(sp.expand_mul(start))]
    return set.intersection(*terms) if terms else set()


def _differentiated_indices(start) -> set:
    """The index letters of the variables a chain's start differentiates in (k in ∂CE/∂θ_k):
    free in every line of the chain."""
    return {t for d in start.atoms(sp.Derivative) for v in d.variables for t in v.free_symbols
            if isinstance(t, sp.Symbol) and t.is_integer and not isinstance(t, sp.Dummy)}


def _einstein(expr, kept: set):
    """expr read under Einstein's convention, as a text that states it writes it: multiplied out,
    each term summed over 1..n in every index that two of its subscripted quantities share
    (-y_i log ŷ_i is -Σ_i y_i log ŷ_i; y_i δ_ik is Σ_i y_i δ_ik = y_k), except the chain's own
    free indices `kept`. A term with an index written once keeps it free."""
    if not expr.atoms(sp.Indexed):
        return expr
    out = []
    for term in sp.Add.make_args(sp.expand_mul(expr)):
        counts: dict = {}
        for atom in _index_atoms(term):
            for t in atom.free_symbols:
                if isinstance(t, sp.Symbol) and t.is_integer and t not in kept and not isinstance(t, sp.Dummy):
                    counts[t] = counts.get(t, 0) + 1
        for t in sorted((t for t, c in counts.items() if c >= 2), key=str):
            bound = sp.Dummy(t.name, integer=True, positive=True)
            term = sp.Sum(term.xreplace({t: bound}), (bound, 1, S.n))
        out.append(term)
    return sp.Add(*out)


_EINSTEIN = re.compile(r"(?i)\beinstein|summation convention|\bimplied\s+(?:sum|summation)|"
                       r"(?:sum|summation)s?\s+(?:is|are)\s+\W*implied")


def _a_name(expr, value) -> bool:
    """Whether `expr = value`, written on its own, defines one of the chapter's quantities a text may
    define for itself: the cost C, the outputs a from the z, or the weighted input z from weights
    (z_j = Σ_i w_ij o_i + b, in the text's own letters; not z_j = ln a_j + C, which inverts the
    outputs, nor δ_j, which is ∂C/∂z_j: claims about them are steps)."""
    base = expr.base if isinstance(expr, sp.Indexed) else expr
    if base in (S.C, S.C_x):
        return True
    if base in (S.z, S.z1) and value.has(S.w) and not value.has(S.z, S.z1):
        return True
    from derivations.activations import sigma
    if isinstance(expr, sigma) and isinstance(expr.args[0], sp.Symbol):     # σ(z) = 1/(1 + e^{−z}), the text's
        return value.has(expr.args[0]) and not value.has(sigma)
    return base in (S.a, S.a1) and not value.has(S.a, S.a1) and value.has(S.z, S.z1)


def _relation_pairs(src: Source) -> list[Source]:
    """A condition's relations one by one: "0 < y < 1" is 0 < y and y < 1; one relation as it is."""
    found = [m for m in split_top(src, RELATION_PATTERN) if m.group() in ("<", ">", r"\le", r"\leq", r"\ge", r"\geq")]
    if len(found) < 2 or len(found) != len(split_top(src, RELATION_PATTERN)):
        return [src]
    bounds = [0] + [m.end() for m in found[:-1]]
    ends = [m.start() for m in found[1:]] + [len(src.text)]
    return [src[lo:hi] for lo, hi in zip(bounds, ends)]


_APPLIED_NAME = re.compile(r"\s*([A-Za-z](?:\s*_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?)\s*\(\s*[A-Za-z](?:\s*,\s*[A-Za-z])*\s*\)\s*$")


def _named(left: Source) -> Source:
    """A definition's left side without the letters it is written of: "C(a, y) = ..." defines C
    (the cost, of a and y), as "C = ..." does."""
    m = _APPLIED_NAME.match(left.text)
    return left[m.start(1):m.end(1)] if m else left


def _prose(src: Source) -> Source:
    """The prose of a text after a display, its further displays blanked (a definition is written
    in a sentence, "where $C = ...$", not as another chain)."""
    return src.sub(r"(?s)\$\$.*?\$\$|\\\[.*?\\\]|\\begin\{(\w+\*?)\}.*?\\end\{\1\}", lambda m: " " * len(m.group()))


def undecided_words(verdict) -> str:
    """An undecided verdict in plain words (how the primitives tried: --verbose and --json)."""
    if verdict.status == "disagreement":
        return ("undecided: the symbolic and the numeric checks disagree on this step; it is neither "
                "proved nor shown false")
    if verdict.status == "vacuous":
        return "undecided: the conditions assumed here never hold together, so the step shows nothing"
    if verdict.found == Found.TIMED_OUT:
        return f"undecided: {verdict.reason}"
    return ("undecided: neither proved nor shown false (no value was found where the two sides differ, "
            "and no algebraic proof was found)")


def _why_false(reason: str) -> str:
    return re.sub(r"^false: ", "", reason)


def _statements(meanings, steps):
    """For an implication chain: for each implication step, the relations on its two sides (in
    the exercise's variables)."""
    groups, current = [], [0]
    for number, step in enumerate(steps):
        if step.relation in IMPLICATIONS:
            groups.append(current)
            current = [number + 1]
        else:
            current.append(number + 1)
    groups.append(current)
    relations = []
    for g in groups:
        if len(g) == 2 and all(meanings[i] is not None for i in g):
            op = steps[g[0]].relation
            make = {"=": sp.Eq, "<": sp.Lt, ">": sp.Gt, "≤": sp.Le, "≥": sp.Ge, "≠": sp.Ne}.get(op)
            relations.append(make(meanings[g[0]], meanings[g[1]], evaluate=False) if make else None)
        else:
            relations.append(None)
    out, k = {}, 0
    for number, step in enumerate(steps):
        if step.relation in IMPLICATIONS:
            out[number] = (relations[k], relations[k + 1])
            k += 1
    return out


def _composite(relations: list[str]) -> str | None:
    strict = {r for r in relations if r != "="}
    if not strict:
        return "="
    if strict <= {">", "≥"}:
        return ">" if ">" in strict else "≥"
    if strict <= {"<", "≤"}:
        return "<" if "<" in strict else "≤"
    return None


# which chains (start R end, R composed of the steps) show a target's relation
_SHOWS = {"=": ("=",), ">": (">",), "<": ("<",), "≥": (">", "≥", "="), "≤": ("<", "≤", "="), "≠": ("<", ">")}


def _conditions_hold(needed, conds: Conditions) -> bool:
    """Whether the chain assumes each of a target's conditions (j != k; z > 0 as written)."""
    for c in needed:
        if c in (sp.true, sp.false):     # decided by the indices the chain uses (j != k at 0, 1)
            if c is sp.false:
                return False
            continue
        if isinstance(c, sp.Ne):
            if (c.lhs, c.rhs) not in conds.unequal and (c.rhs, c.lhs) not in conds.unequal:
                return False
        elif c not in conds.other and c.reversed not in conds.other:
            return False
    return True


def unify(pattern, expr, mapping=None):
    """Index renaming that makes `pattern` (a target's left side) look like `expr`, or None:
    dC/dz_j matches dC/dz_i with j -> i; da_j/dz_k matches da_0/dz_0 with j, k -> 0."""
    mapping = dict(mapping or {})
    if isinstance(pattern, sp.Symbol) and pattern.is_integer and pattern not in (S.n, S.m):
        if pattern in mapping:
            return mapping if mapping[pattern] == expr else None
        if isinstance(expr, sp.Basic) and (expr.is_integer or isinstance(expr, sp.Symbol)):
            mapping[pattern] = expr
            return mapping
        return None
    if isinstance(pattern, sp.Basic) and isinstance(expr, sp.Basic):
        if type(pattern) is not type(expr) or len(pattern.args) != len(expr.args):
            return mapping if pattern == expr else None
        if not pattern.args:
            return mapping if pattern == expr else None
        for p, e in zip(pattern.args, expr.args):
            mapping = unify(p, e, mapping)
            if mapping is None:
                return None
        return mapping
    return mapping if pattern == expr else None


def _same_form(end, target, ctx=None) -> bool:
    """Written as the claim: equal with sigma, a_j, ... as opaque quantities (no definition used
    but a_j = sigma(z_j) itself, for sigmoid outputs)."""
    try:
        return _written_alike(end, target, ctx)
    except Exception:            # SymPy cannot rewrite one of them (a derivative by a_j): not shown alike
        return False


def _written_alike(end, target, ctx=None) -> bool:
    from derivations.activations import sigma
    if ctx is not None and ctx.activation is not None and ctx.activation.name == "sigmoid":
        as_sigma = lambda e: e.replace(lambda t: isinstance(t, sp.Indexed) and t.base == S.a and len(t.indices) == 1,
                                       lambda t: sigma(S.z[t.indices]))
        end, target = as_sigma(end), as_sigma(target)
    end, target = _bound_names(end), _bound_names(target)
    own = {t.name: t for t in target.free_symbols if isinstance(t, sp.Symbol)}   # the learner's m is the claim's m
    end = end.xreplace({t: own[t.name] for t in end.free_symbols
                        if isinstance(t, sp.Symbol) and t.name in own and t != own[t.name]})
    try:
        return sp.expand(end - target) == 0 or sp.simplify(end - target) == 0
    except Exception:            # SymPy failed: not shown to be the same form
        return False


def _true_class(expr):
    """a^L_y, z^L_y written with the label y as their index (the book's log-likelihood C = −ln a^L_y):
    y there is the true class ỹ, tied to the one-hot labels (y_j = 1 exactly for j = ỹ)."""
    return expr.replace(lambda e: isinstance(e, sp.Indexed) and e.base in (S.a, S.z) and len(e.indices) == 1
                        and isinstance(e.indices[0], sp.Symbol) and e.indices[0].name == "y",
                        lambda e: e.base[LABEL]) if expr.has(sp.Indexed) else expr


def _classes_counted(conds: Conditions, classes: tuple | None) -> None:
    """n = K among the chain's conditions when the text's own softmax sums over the classes 1..K
    (e^{θ_i} / Σ_{j=1}^{3} e^{θ_j}): a bare Σ_j of the chain runs over those same K classes."""
    if classes is not None and classes[0] == 1 and sp.Eq(S.n, classes[1]) not in conds.other:
        conds.other.append(sp.Eq(S.n, classes[1]))


def _over_classes(value, classes: tuple):
    """The text's softmax over its classes 1..K written over the chapter's 1..n (n = K is then a
    condition of the chain): one sum for the kernel, whether the text writes Σ_{j=1}^{3} or Σ_j."""
    lo, hi = classes
    if lo != 1:
        return value
    return value.replace(lambda e: isinstance(e, sp.Sum) and len(e.limits) == 1 and tuple(e.limits[0][1:]) == (lo, hi),
                         lambda e: sp.Sum(e.function, (e.limits[0][0], 1, S.n)))


def softmax_class_range(expr) -> tuple | None:
    """(lo, hi) when `expr`, a text's own letter's value, is a softmax whose normaliser sums over
    numeric classes lo..hi (e^{θ_i} / Σ_{j=1}^{3} e^{θ_j}: classes 1..3, and a bare Σ_j then runs
    over those)."""
    sums = [s for s in expr.atoms(sp.Sum) if s.function.has(sp.exp)]
    return numeric_class_range(sums[0]) if len(sums) == 1 else None


def numeric_class_range(expr) -> tuple | None:
    """(lo, hi) when the text's softmax sums its normaliser over numeric classes lo..hi."""
    for s in expr.atoms(sp.Sum):
        (_, lo, hi), = s.limits[:1]
        if lo.is_number and hi.is_number:
            return (lo, hi)
    return None


_SUM_TO_LETTER = re.compile(r"\\sum\s*_\s*\{[^{}]*\}\s*\^\s*\{?\s*([A-Za-z])\s*(?:\}|(?![A-Za-z]))")
_NAME = re.compile(r"^(.*)\[(.*)\]$")


def counterexample(cex: dict, lhs, rhs, relation: str, witness: dict | None = None) -> dict:
    """The oracle's point in the chapter's notation, with both sides' values there."""
    point = {}
    for key, value in cex.items():
        m = _NAME.match(key)
        shown = f"{m.group(1)}_{m.group(2).replace(', ', '')}" if m else key
        shown = shown.replace("\\delta", "δ").replace("ell", "ℓ")
        if isinstance(value, float) and float(value).is_integer() and (not m and len(key) == 1 and key in "nijkm"):
            value = int(value)
        point[shown] = value
    out = {"point": point}
    values = _sides_at(witness, lhs, rhs)
    if values is not None:
        out["left"], out["right"] = values
    return out
