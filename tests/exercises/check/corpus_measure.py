"""How `nndl check` does on the real-learner corpus, against labels computed apart from it.

    python tests/exercises/check/corpus_measure.py [--json] [FILE ...]

Runs the checker's public API (exercises.check.derivations.check_files, what `nndl check FILE`
runs, no --exercise: as a learner would) on every corpus file and on the planted-error copies, and
compares each step's verdict with its label (corpus/labels.json, written by corpus_labels.py). A
step is matched by where its relation is written (cell, line, column); a labelled step the checker
reports nowhere, or reports unparsed, is unread. Prints, for the whole corpus and for the
NNDL-solutions notebook apart:

    wrong steps that follow              (must be 0)
    right steps called wrong             (must be 0)
    planted slips found at their step    (target >= 90%)
    right steps that follow              (target >= 80%)
    steps unread                         (target < 5%)
    undecided, and the seconds per file and in all

and lists every disagreement (the harm first), so FINDINGS.md can be kept up to date.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
NOTEBOOK = "nndl_solutions_chap3.ipynb"
SUFFIXES = (".md", ".tex", ".ipynb")

FOLLOWS, WRONG, UNDECIDED, UNPARSED = "follows", "wrong", "undecided", "unparsed"
NOTES = ("SOURCES.md", "FINDINGS.md")
PLANTED_DIR = "planted"
UNREAD = "unread"           # the checker reports no step at this relation (or reports it unparsed)


@dataclass
class Tally:
    """The comparison of verdicts with labels over some files."""

    right: Counter = field(default_factory=Counter)        # verdict -> right steps
    wrong: Counter = field(default_factory=Counter)        # verdict -> wrong steps
    planted: Counter = field(default_factory=Counter)      # verdict -> planted slips
    non_steps_wrong: int = 0                               # definitions, conditions... called wrong
    unlabelled: int = 0                                    # checker steps at no labelled relation
    seconds: float = 0.0
    files: int = 0
    chains: int = 0
    findings: list = field(default_factory=list)           # (harm, file, line, text, what it said, truth)

    def add(self, other: "Tally") -> None:
        self.right.update(other.right)
        self.wrong.update(other.wrong)
        self.planted.update(other.planted)
        self.non_steps_wrong += other.non_steps_wrong
        self.unlabelled += other.unlabelled
        self.seconds += other.seconds
        self.files += other.files
        self.chains += other.chains
        self.findings.extend(other.findings)

    # ---- the measures
    @property
    def steps(self) -> int:
        return sum(self.right.values()) + sum(self.wrong.values())

    @property
    def wrong_follows(self) -> int:
        return self.wrong[FOLLOWS]

    @property
    def right_wrong(self) -> int:
        return self.right[WRONG]

    @staticmethod
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def planted_found(self) -> float:
        return self.share(self.planted[WRONG], sum(self.planted.values()))

    @property
    def right_follow(self) -> float:
        return self.share(self.right[FOLLOWS], sum(self.right.values()))

    @property
    def unread(self) -> float:
        return self.share(self.right[UNREAD] + self.wrong[UNREAD], self.steps)

    @property
    def undecided(self) -> int:
        return self.right[UNDECIDED] + self.wrong[UNDECIDED]

    def summary(self) -> dict:
        return {"files": self.files, "chains": self.chains, "steps": self.steps,
                "right_steps": sum(self.right.values()), "wrong_steps": sum(self.wrong.values()),
                "wrong_steps_that_follow": self.wrong_follows, "right_steps_called_wrong": self.right_wrong,
                "planted": sum(self.planted.values()), "planted_found_at_their_step": self.planted[WRONG],
                "planted_found_share": round(self.planted_found, 3),
                "right_steps_that_follow_share": round(self.right_follow, 3),
                "unread_share": round(self.unread, 3), "undecided": self.undecided,
                "right_by_verdict": dict(self.right), "wrong_by_verdict": dict(self.wrong),
                "non_steps_called_wrong": self.non_steps_wrong, "checker_steps_unlabelled": self.unlabelled,
                "seconds": round(self.seconds, 1)}

    def text(self, title: str) -> str:
        s = self.summary()
        per = self.seconds / self.files if self.files else 0.0
        return "\n".join([
            f"{title}: {s['files']} file(s), {s['chains']} labelled chain(s), {s['steps']} step(s) "
            f"({s['right_steps']} right, {s['wrong_steps']} wrong, {s['planted']} of them planted)",
            f"  wrong steps that follow:          {s['wrong_steps_that_follow']}   (must be 0)",
            f"  right steps called wrong:         {s['right_steps_called_wrong']}   (must be 0)",
            f"  planted slips found at their step: {s['planted_found_at_their_step']}/{s['planted']} "
            f"= {100 * self.planted_found:.0f}%   (target >= 90%)",
            f"  right steps that follow:          {self.right[FOLLOWS]}/{s['right_steps']} "
            f"= {100 * self.right_follow:.0f}%   (target >= 80%)",
            f"  steps unread:                     {self.right[UNREAD] + self.wrong[UNREAD]}/{s['steps']} "
            f"= {100 * self.unread:.1f}%   (target < 5%)",
            f"  undecided:                        {s['undecided']}",
            f"  definitions/conditions called wrong: {s['non_steps_called_wrong']}; checker steps at no "
            f"labelled relation: {s['checker_steps_unlabelled']}",
            f"  time: {self.seconds:.1f} s in all, {per:.1f} s per file"])


# ============================================================================ running the checker

def labels_by_file() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for entry in json.loads((CORPUS / "labels.json").read_text(encoding="utf-8")):
        out[entry["file"]].append(entry)
    return out


def corpus_files() -> list[Path]:
    """Every text of the corpus (its notes, SOURCES.md and FINDINGS.md, aside)."""
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES and p.name not in NOTES)


def run_checker(path: Path) -> tuple[list[dict], float, str | None]:
    """The checker's chains (as --json gives them) and the seconds it took; an error's message."""
    from exercises.check.derivations import check_files
    start = time.perf_counter()
    try:
        report = check_files([path])
    except Exception as exc:       # noqa: BLE001  (a crash is a finding, reported, never a pass)
        return [], time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
    return report.json(), time.perf_counter() - start, None


def verdicts(chains: list[dict]) -> dict[tuple, list[tuple[int, str, dict]]]:
    """(cell, line) -> [(column, verdict, step)] of every step the checker reports."""
    out: dict[tuple, list] = defaultdict(list)
    for chain in chains:
        for step in chain.get("steps", []):
            out[(chain.get("cell"), step["line"])].append((step["column"], step["verdict"], step))
    return out


def matched(found: dict, label: dict) -> tuple[str, dict | None, list]:
    """The checker's verdict at a labelled relation: wrong if any step there is wrong, else follows
    if one follows, else what it said; unread when nothing is reported there or only unparsed."""
    here = [(col, v, s) for col, v, s in found.get((label["cell"], label["line"]), [])
            if abs(col - label["col"]) <= 1]
    said = [v for _, v, _ in here]
    for verdict in (WRONG, FOLLOWS, UNDECIDED):
        if verdict in said:
            return verdict, next(s for _, v, s in here if v == verdict), here
    if not said or all(v == UNPARSED for v in said):
        return UNREAD, (here[0][2] if here else None), here
    return said[0], here[0][2], here


def measure_file(path: Path, labels: list[dict]) -> Tally:
    tally = Tally(files=1)
    chains, seconds, error = run_checker(path)
    tally.seconds = seconds
    name = str(path.relative_to(CORPUS))
    if error:
        tally.findings.append((0, name, 0, "", f"crashed: {error}", "the file should be checked"))
    found = verdicts(chains)
    used: set = set()
    tally.chains = len({(e["chain"]) for e in labels if e["label"] in ("right", "wrong")})
    for label in labels:
        verdict, step, here = matched(found, label)
        used.update((label["cell"], label["line"], col) for col, _, _ in here)
        said = (step or {}).get("reason") or ""
        if label["label"] == "right":
            tally.right[verdict] += 1
            if verdict == WRONG:
                tally.findings.append((1, where(name, label), label["line"], label["text"], _said(step),
                                       f"right: {label['why']}"))
            elif verdict == UNREAD:
                tally.findings.append((4, where(name, label), label["line"], label["text"], "not read (unparsed or no step)",
                                       f"right: {label['why']}"))
            elif verdict == UNDECIDED:
                tally.findings.append((5, where(name, label), label["line"], label["text"], f"undecided: {said[:160]}",
                                       f"right: {label['why']}"))
        elif label["label"] == "wrong":
            tally.wrong[verdict] += 1
            if label.get("planted"):
                tally.planted[verdict] += 1
            if verdict == FOLLOWS:
                tally.findings.append((0, where(name, label), label["line"], label["text"], "follows",
                                       f"wrong: {label['why']}"))
            elif verdict != WRONG:
                tally.findings.append((3 if label.get("planted") else 2, where(name, label), label["line"], label["text"],
                                       f"{verdict}: {said[:160]}", f"wrong: {label['why']}"))
        elif verdict == WRONG:
            tally.non_steps_wrong += 1
            tally.findings.append((2, where(name, label), label["line"], label["text"], _said(step),
                                   f"{label['label']}, not a step: {label['why']}"))
    for (cell, line), steps in found.items():      # (an unparsed step is reported where its part is)
        tally.unlabelled += sum(1 for col, v, _ in steps if (cell, line, col) not in used and v != UNPARSED)
    return tally


def where(name: str, label: dict) -> str:
    return f"{name} (cell {label['cell']})" if label.get("cell") is not None else name


def _said(step: dict | None) -> str:
    if not step:
        return ""
    bits = [step.get("verdict", ""), step.get("reason") or ""]
    if step.get("counterexample"):
        bits.append(f"counterexample {step['counterexample']}")
    return ": ".join(b for b in bits if b)[:240]


# ============================================================================ the command

@dataclass
class Measure:
    """The texts as written, the NNDL-solutions notebook alone, the planted-error copies (their
    slips; their other steps repeat the texts' and are not counted twice in the shares), each file."""

    texts: Tally
    notebook: Tally
    planted: Tally
    each: dict

    @property
    def wrong_follows(self) -> int:
        return self.texts.wrong_follows + self.planted.wrong_follows

    @property
    def right_wrong(self) -> int:
        return self.texts.right_wrong + self.planted.right_wrong


def measure(paths: list[Path] | None = None, progress=None) -> Measure:
    by_file = labels_by_file()
    result = Measure(Tally(), Tally(), Tally(), {})
    for path in paths or corpus_files():
        name = str(path.relative_to(CORPUS)).replace("\\", "/")
        tally = measure_file(path, by_file.get(name, []))
        result.each[name] = tally
        (result.planted if name.startswith(PLANTED_DIR + "/") else result.texts).add(tally)
        if name == NOTEBOOK:
            result.notebook.add(tally)
        if progress:
            progress(name, tally)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", help="corpus files (default: all)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--findings", action="store_true", help="list every disagreement, the harm first")
    args = parser.parse_args(argv)
    paths = [Path(f).resolve() for f in args.files] or None

    def progress(name: str, tally: Tally) -> None:
        if not args.json:
            print(f"{name}: {tally.steps} steps, {tally.right[FOLLOWS]} right follow, {tally.right_wrong} right "
                  f"called wrong, {tally.wrong[WRONG]}/{sum(tally.wrong.values())} wrong found, "
                  f"{tally.right[UNREAD] + tally.wrong[UNREAD]} unread ({tally.seconds:.1f} s)", flush=True)

    m = measure(paths, progress)
    if args.json:
        print(json.dumps({"texts": m.texts.summary(), "notebook": m.notebook.summary(),
                          "planted_copies": m.planted.summary(),
                          "files": {k: v.summary() for k, v in m.each.items()}}, indent=1))
    else:
        print()
        print(m.texts.text("the texts as written"))
        print(m.planted.text("the planted-error copies"))
        print(m.notebook.text("the NNDL-solutions chapter 3 notebook"))
        print(f"in all: {m.wrong_follows} wrong step(s) follow, {m.right_wrong} right step(s) called wrong; "
              f"{m.texts.seconds + m.planted.seconds:.1f} s")
    total = Tally()
    total.add(m.texts)
    total.add(m.planted)
    if args.findings:
        harm = {0: "WRONG STEP FOLLOWS", 1: "RIGHT STEP CALLED WRONG", 2: "wrong step or non-step misjudged",
                3: "planted slip missed", 4: "right step unread", 5: "right step undecided"}
        for level, name, line, text, said, truth in sorted(total.findings, key=lambda f: (f[0], f[1], f[2])):
            print(f"[{harm[level]}] {name}:{line}: {text[:120]}\n    said: {said}\n    truth: {truth}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
