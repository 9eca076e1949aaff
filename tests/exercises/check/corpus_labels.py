"""The labels of the real-learner corpus, each step's right or wrong computed apart from the checker.

    python tests/exercises/check/corpus_labels.py        # checks every numeric label, writes corpus/labels.json

Every relation the corpus writes (corpus_text.file_places, in the order of the file) gets a code:

    R  a step that is right under what the text and the exercise state
    W  a step that is wrong under them (a real learner's mistake, or a planted slip)
    D  a definition (a new name on the left), C  a condition or case (i = j, k \\ne i),
    S  not a claim the checker could judge (prose numbers, a limit arrow's subscript, a typo that
       makes the formula mean nothing, ...)

`|` ends a chain (as the text cuts it: a row or display with its own left side starts a new one;
a display that begins with its relation goes on with the one above); `@id` says which exercise of
`nndl prove` the following chains are about (`@-` for none).

A step may carry a numeric check, written `ctx [constraint]: lhs == rhs` in Python over this
module's names, evaluated with mpmath (30 digits) at random points that satisfy what the text and
the exercise state (one-hot y, n >= 2 classes, the constraint on the indices): a step labelled R must
hold at every point (relative tolerance 1e-12), a step labelled W must fail at one at least. Where
no check is written the label is by hand, and its `why` says the reason.
"""
from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import mpmath as mp

sys.path.insert(0, str(Path(__file__).parent))
import corpus_text  # noqa: E402

mp.mp.dps = 30
CORPUS = Path(__file__).parent / "corpus"
TOLERANCE = mp.mpf("1e-12")     # relative, for "equal"
POINTS = 12                     # random points per check


# ============================================================================ the numeric contexts

def sig(v):
    return 1 / (1 + mp.exp(-v))


E, ln = mp.exp, mp.log


@dataclass
class Point:
    """One random point: a softmax (or sigmoid) output layer with n classes, one-hot y at t,
    indices i, j, k; a single sigmoid neuron with inputs x, weights w, bias b, label yy."""

    n: int
    z: list
    t: int
    i: int
    j: int
    k: int
    c: object
    ys: object            # the single neuron's label (0 < yy < 1 unless the context says 0/1)
    x: list
    w: list
    bb: object
    yvec: list = field(default_factory=list)   # a non-one-hot label vector in (0,1)^n (sigmoid layer)

    # --- softmax layer
    @property
    def y(self):
        return [mp.mpf(1) if m == self.t else mp.mpf(0) for m in range(self.n)]

    @property
    def S(self):
        return mp.fsum(E(v) for v in self.z)

    @property
    def a(self):
        return [E(v) / self.S for v in self.z]

    def soft(self, zz):
        s = mp.fsum(E(v) for v in zz)
        return [E(v) / s for v in zz]

    def da(self, p, q):
        """d a_p / d z_q, by numeric differentiation of the softmax."""
        def f(v):
            zz = list(self.z)
            zz[q] = v
            return self.soft(zz)[p]
        return mp.diff(f, self.z[q])

    def dC(self, q):
        """d C / d z_q for the log-likelihood C = -ln a_t (one-hot y)."""
        def f(v):
            zz = list(self.z)
            zz[q] = v
            return -ln(self.soft(zz)[self.t])
        return mp.diff(f, self.z[q])

    def Sm(self, f, skip=None):
        return mp.fsum(f(m) for m in range(self.n) if m != skip)

    @staticmethod
    def kd(p, q):
        return 1 if p == q else 0

    # --- sigmoid output layer (a_j = sigma(z_j)), labels yvec in (0, 1)
    @property
    def sa(self):
        return [sig(v) for v in self.z]

    def dCE(self, q, y01=False):
        """d/dz_q of -sum_j [y_j ln a_j + (1-y_j) ln(1-a_j)], a_j = sigma(z_j)."""
        yv = self.y if y01 else self.yvec

        def f(v):
            zz = list(self.z)
            zz[q] = v
            return -mp.fsum(yv[m] * ln(sig(zz[m])) + (1 - yv[m]) * ln(1 - sig(zz[m])) for m in range(self.n))
        return mp.diff(f, self.z[q])

    # --- one sigmoid neuron
    @property
    def zz(self):
        return mp.fsum(wi * xi for wi, xi in zip(self.w, self.x)) + self.bb

    @property
    def sgm(self):
        return sig(self.zz)

    def dsig(self, v):
        return mp.diff(sig, v)

    def neuron_cost(self, kind, w=None, bb=None):
        w = self.w if w is None else w
        bb = self.bb if bb is None else bb
        a = sig(mp.fsum(wi * xi for wi, xi in zip(w, self.x)) + bb)
        if kind == "ce":
            return -(self.ys * ln(a) + (1 - self.ys) * ln(1 - a))
        return (self.ys - a) ** 2 / 2

    def dw(self, q, kind="ce"):
        def f(v):
            w = list(self.w)
            w[q] = v
            return self.neuron_cost(kind, w=w)
        return mp.diff(f, self.w[q])

    def db(self, kind="ce"):
        return mp.diff(lambda v: self.neuron_cost(kind, bb=v), self.bb)


def points(constraint: str, rng: random.Random, n_min: int = 2) -> list[Point]:
    out, tries = [], 0
    while len(out) < POINTS:
        tries += 1
        if tries > 5000:
            raise ValueError(f"no point satisfies {constraint!r}")
        n = rng.randint(max(2, n_min), 5)
        pt = Point(n=n, z=[mp.mpf(rng.uniform(-2, 2)) for _ in range(n)], t=rng.randrange(n),
                   i=rng.randrange(n), j=rng.randrange(n), k=rng.randrange(n), c=mp.mpf(rng.uniform(0.2, 3)),
                   ys=mp.mpf(rng.uniform(0.05, 0.95)), x=[mp.mpf(rng.uniform(-2, 2)) for _ in range(3)],
                   w=[mp.mpf(rng.uniform(-2, 2)) for _ in range(3)], bb=mp.mpf(rng.uniform(-1, 1)),
                   yvec=[mp.mpf(rng.uniform(0.05, 0.95)) for _ in range(n)])
        names = {"i": pt.i, "j": pt.j, "k": pt.k, "t": pt.t, "n": pt.n}
        if "y01" in constraint:
            pt.ys = mp.mpf(rng.randrange(2))
        cond = constraint.replace("y01", "").strip()
        if cond and not eval(cond, {}, names):
            continue
        out.append(pt)
    return out


def evaluate(check: str, seed: int) -> tuple[bool, str]:
    """(holds at every point, a counterexample or the evidence) for `constraint: lhs == rhs`."""
    head, _, body = check.partition(":")
    lhs, _, rhs = body.partition("==")
    rng = random.Random(seed)
    for pt in points(head, rng):
        env = {name: getattr(pt, name) for name in ("n", "z", "t", "i", "j", "k", "c", "y", "S", "a", "sa",
                                                     "x", "w", "bb", "zz", "sgm", "ys", "yvec")}
        env.update(E=E, ln=ln, sig=sig, da=pt.da, dC=pt.dC, Sm=pt.Sm, kd=pt.kd, dCE=pt.dCE, dsig=pt.dsig,
                   dw=pt.dw, db=pt.db, cost=pt.neuron_cost, mp=mp)
        left, right = eval(lhs, env), eval(rhs, env)
        scale = max(abs(left), abs(right), mp.mpf(1))
        if abs(left - right) > TOLERANCE * scale:
            where = f"n={pt.n}, t={pt.t}, i={pt.i}, j={pt.j}, k={pt.k}"
            return False, f"differs at {where}: {mp.nstr(left, 8)} against {mp.nstr(right, 8)}"
    return True, f"equal at {POINTS} random points ({head.strip() or 'no constraint'})"


# ============================================================================ the specs

@dataclass
class Spec:
    """One corpus file's labels: the codes, in the order of its relations, and the notes."""

    file: str
    codes: str
    notes: dict = field(default_factory=dict)    # place index -> why, or (why, check)
    planted: dict = field(default_factory=dict)  # place index -> the slip's kind (planted copies)


SPECS: list[Spec] = []


def spec(file: str, codes: str, notes: dict | None = None, planted: dict | None = None) -> None:
    SPECS.append(Spec(file, codes, notes or {}, planted or {}))


from corpus_specs import register  # noqa: E402  (the specs themselves, one block per file)

register(spec)

# The independent tester's sources (corpus_specs_fresh), kept after the others and their planted
# copies so that the others' random points (seeded by their place in this order) stay the same.
FRESH_SPECS: list[Spec] = []


def _fresh_spec(file: str, codes: str, notes: dict | None = None, planted: dict | None = None) -> None:
    FRESH_SPECS.append(Spec(file, codes, notes or {}, planted or {}))


from corpus_specs_fresh import register_fresh  # noqa: E402

register_fresh(_fresh_spec)

# The third set of sources (corpus_specs_third: seven new authors), kept after the fresh ones and
# their planted copies for the same reason.
THIRD_SPECS: list[Spec] = []


def _third_spec(file: str, codes: str, notes: dict | None = None, planted: dict | None = None) -> None:
    THIRD_SPECS.append(Spec(file, codes, notes or {}, planted or {}))


from corpus_specs_third import register_third  # noqa: E402

register_third(_third_spec)


# ============================================================================ planted-error copies

PLANTED_HEADER = ("<!-- Planted-error copy of {source} (see SOURCES.md for its author): one slip planted in "
                  "each of {count} chains, named in labels.json. -->\n")


def plant(source: Spec, edits: list) -> tuple[Spec, str]:
    """The planted copy's spec and text: the source's codes, W at each slip (and at the steps it
    drags along), the slip's check instead of the source's."""
    text = (CORPUS / source.file).read_text(encoding="utf-8")
    notes, planted, wrong = dict(source.notes), {}, set()
    for old, new, index, kind, check, also in edits:
        if text.count(old) != 1:
            raise ValueError(f"{source.file}: {old!r} is written {text.count(old)} times, not once")
        text = text.replace(old, new)
        notes[index] = (f"planted slip: {kind}", check)
        planted[index] = kind
        wrong.add(index)
        for later, why, later_check in also:
            notes[later] = (why, later_check) if later_check else why
            wrong.add(later)
    codes, number = [], 0
    for token in source.codes.split():
        if token in CODE:
            if number in wrong:
                if token != "R":
                    raise ValueError(f"{source.file}: the slip at #{number} is planted in a {CODE[token]}")
                token = "W"
            number += 1
        codes.append(token)
    name = "planted/" + source.file.rsplit(".", 1)[0] + "_planted." + source.file.rsplit(".", 1)[1]
    header = PLANTED_HEADER.format(source=source.file, count=len(edits)) if name.endswith(".md") else ""
    return Spec(name, " ".join(codes), notes, planted), header + text


def planted_specs(write: bool, problems: list[str], plants: list | None = None) -> list[Spec]:
    """The planted copies' specs (of corpus_planted's PLANTS unless `plants` is given); their files
    are (re)written only when `write`, else a stale or missing copy is a problem."""
    if plants is None:
        from corpus_planted import PLANTS as plants
    by_name = {s.file: s for s in SPECS + FRESH_SPECS + THIRD_SPECS}
    out = []
    for source, edits in plants:
        planted_spec, text = plant(by_name[source], edits)
        path = CORPUS / planted_spec.file
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            if not write:
                problems.append(f"{planted_spec.file} is not the copy corpus_planted.py describes")
                continue
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        out.append(planted_spec)
    return out


# ============================================================================ building the labels

CODE = {"R": "right", "W": "wrong", "D": "definition", "C": "condition", "S": "not-a-step"}


def build(write: bool = False) -> tuple[list[dict], list[str]]:
    """Every label, with the problems found (a numeric check that disagrees with its label, a code
    count that does not match the relations, a stale planted copy)."""
    labels, problems = [], []
    from corpus_specs_fresh import PLANTS as FRESH_PLANTS
    from corpus_specs_third import PLANTS as THIRD_PLANTS
    every = (SPECS + planted_specs(write, problems) + FRESH_SPECS
             + planted_specs(write, problems, FRESH_PLANTS)
             + THIRD_SPECS + planted_specs(write, problems, THIRD_PLANTS))
    for number, s in enumerate(every):
        path = CORPUS / s.file
        places = corpus_text.file_places(path)
        tokens = s.codes.split()
        exercise, chain, index = None, 0, 0
        for token in tokens:
            if token == "|":
                chain += 1
                continue
            if token.startswith("@"):
                exercise = None if token == "@-" else token[1:]
                continue
            if token not in CODE:
                problems.append(f"{s.file}: unknown code {token!r}")
                continue
            if index >= len(places):
                problems.append(f"{s.file}: more codes than relations ({len(places)})")
                break
            p = places[index]
            note = s.notes.get(index, "")
            why, check = (note if isinstance(note, tuple) else (note, None))
            entry = {"file": s.file, "cell": p.cell, "line": p.line, "col": p.col, "relation": p.relation,
                     "text": corpus_text.line_of(path, p.cell, p.line).strip(), "label": CODE[token],
                     "exercise": exercise, "chain": chain, "why": why, "check": None}
            if index in s.planted:
                entry["planted"] = s.planted[index]
            if check:
                holds, evidence = evaluate(check, seed=1000 * number + index)
                entry["check"] = {"computation": check, "result": evidence}
                if holds != (token == "R"):
                    if token in ("R", "W"):
                        problems.append(f"{s.file} #{index} (line {p.line}): labelled {CODE[token]} but {evidence}")
            if token in ("R", "W") and not why and not check:
                entry["why"] = "by hand: " + ("both sides equal" if token == "R" else "the sides differ")
            labels.append(entry)
            index += 1
        if index != len(places):
            problems.append(f"{s.file}: {index} codes for {len(places)} relations")
        for slip in s.planted:
            if slip >= len(places):
                problems.append(f"{s.file}: no relation #{slip} to plant at")
    return labels, problems


def main() -> int:
    labels, problems = build(write=True)
    for p in problems:
        print("problem:", p)
    steps = [e for e in labels if e["label"] in ("right", "wrong")]
    checked = [e for e in steps if e["check"]]
    print(f"{len(labels)} relations, {len(steps)} steps ({sum(e['label'] == 'wrong' for e in steps)} wrong, "
          f"{sum(bool(e.get('planted')) for e in steps)} planted), {len(checked)} checked numerically")
    if problems:
        return 1
    (CORPUS / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
