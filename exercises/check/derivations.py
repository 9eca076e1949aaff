"""A learner's own derivation, checked step by step: which step is wrong, and why.

    check_text(text, exercise=None, kind="md", name="<text>") -> Report
    check_files(paths, exercise=None) -> Report           (what `nndl check FILE.md|.tex|.ipynb` runs)

Every displayed chain of the text (exercises.check.extract) is read into SymPy in the chapter's
notation (exercises.check.latex) and checked under one exercise's definitions and standing
assumptions (exercises.check.contexts): from `exercise`, else from an <!-- nndl: ID --> marker,
else from the heading above the chain. A marker may also rename a text's letters for the
chapter's: <!-- nndl: softmax-log-likelihood-gradient; y=a, t=y, xi=C --> reads its y as a_j.
A condition written just before the chain ("If $j = k$:") or in it (\\text{if } j \\neq k) is
assumed, and the report says so; a symbol the text defines ("where $C = \\sum_{k=1}^{9} e^{z_k}$",
or a display $$Z = ...$$) is used with its definition.

Each step (each relation between consecutive parts) gets a verdict, always from the proof
primitives (exercises.check.meaning.judge): follows (proved), wrong (refuted: a counterexample in
the chapter's notation with both sides' values, and a hint for the chapter's usual mistakes),
undecided (why), unparsed (the line and column). Each line also says whether it still equals the
chain's start, and the chain's end is compared with the exercise's claim.
"""
from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from derivations.errors import NndlError
from exercises.check.checker import ChainChecker

from exercises.check.report import (DEFINITION, FOLLOWS, STATEMENT, UNDECIDED, UNPARSED, WRONG,  # noqa: F401
                                    ChainReport, StepReport, show_counterexample, window)


# ============================================================================ the report

@dataclass
class Report:
    """What `nndl check` shows for derivations: one ChainReport per chain."""

    chains: list[ChainReport]
    files: list[str]
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    strict: bool = False            # unread and undecided steps fail too (for teachers)

    @property
    def failed(self) -> bool:
        """Exit status 1: a step is wrong or a chain is shown not to reach its claim; with strict,
        also an unread or undecided step (otherwise those are warnings)."""
        return any(c.failed or (self.strict and c.open) for c in self.chains)

    def json(self) -> list[dict]:
        return [c.json() for c in self.chains]

    def _repr_html_(self) -> str:
        from exercises.views import check_report_html, show
        return show(check_report_html(self))

    def text(self) -> str:
        if not self.chains:
            return "\n".join(self.notes + [f"no displayed derivation found in {', '.join(self.files)}"])
        parts = [c.text() for c in self.chains]
        return "\n\n".join(self.notes + parts + [self.summary()])

    def summary(self) -> str:
        counts = {v: sum(1 for c in self.chains for s in c.steps if s.verdict == v)
                  for v in (FOLLOWS, WRONG, UNDECIDED, UNPARSED)}
        out = (f"{len(self.chains)} chain(s): {counts[FOLLOWS]} step(s) follow, {counts[WRONG]} wrong, "
               f"{counts[UNDECIDED]} undecided, {counts[UNPARSED]} unparsed ({self.seconds:.1f} s)")
        if (counts[UNDECIDED] or counts[UNPARSED]) and not counts[WRONG]:
            out += ("; warning: the unread and undecided steps are not checked" +
                    (" (--strict: they fail)" if self.strict else ""))
        return out


# ============================================================================ entry points

def check_files(paths: list[Path], exercise: str | None = None, *, strict: bool = False, on_chain=None,
                jobs: int = 1) -> Report:
    """Check every displayed chain of these .md, .tex and .ipynb files; `on_chain(report)` is
    called with each chain's report as soon as it is judged (what `nndl check` prints at once).
    `jobs`: how many chains are judged at once, in worker processes (see `iter_chains`)."""
    start = time.perf_counter()
    chains: list[ChainReport] = []
    with contextlib.closing(iter_chains(paths, exercise, jobs=jobs)) as judged:   # closed at once on
        for report in judged:                                                        # Ctrl-C: its workers end
            chains.append(report)
            if on_chain is not None:
                on_chain(report)
    return Report(chains, [str(p) for p in paths], seconds=time.perf_counter() - start, strict=strict)


def iter_chains(paths: list[Path], exercise: str | None = None, *, jobs: int = 1):
    """Each chain's report, in the files' order, as soon as it and every chain before it are
    judged. With jobs > 1 the chains are judged in that many forked worker processes (they
    inherit what this process has built: the grammar, the exercises' definitions), a section's
    chains together (GROUP at most), so that what they share (the section's definitions, a
    repeated formula, an identical step) is read and judged once, in one worker."""
    from exercises.check.extract import read_documents
    if exercise is not None:
        _context(exercise)                      # a bad --exercise fails before any work
    docs = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise NndlError(f"{path}: no such file")
        docs += read_documents(path)
    groups = _groups(docs)
    if jobs <= 1 or len(groups) < 2:
        for doc in docs:
            yield from iter_document(doc, exercise)
        return
    from exercises.check.latex import _lark_parser
    from exercises.runner import worker_pool
    _lark_parser()                              # built once, here, before the workers are forked
    for doc in docs:                            # so are the exercises' contexts the chains are read under
        for chain in doc.chains:
            ChainChecker(doc, chain, exercise)
    _WORK.update(docs=docs, exercise=exercise)
    try:
        with worker_pool(min(jobs, len(groups))) as pool:
            if pool is None:                    # no fork here: one chain after another
                for group in groups:
                    yield from _check_group(group)
                return
            for reports in pool.imap(_check_group, groups):
                yield from reports
    finally:
        _WORK.clear()


GROUP = 4                # chains of one section judged together in one worker, at most
_WORK: dict = {}         # what the forked workers judge: the documents and the --exercise


def _groups(docs) -> list[list[tuple[int, int]]]:
    """(document, chain) numbers in order, in runs of at most GROUP chains of one section (one
    document, one heading, one marker)."""
    groups: list[list[tuple[int, int]]] = []
    last = None
    for d, doc in enumerate(docs):
        for c, chain in enumerate(doc.chains):
            section = (d, chain.heading, chain.marker)
            if section != last or len(groups[-1]) >= GROUP:
                groups.append([])
            groups[-1].append((d, c))
            last = section
    return groups


def _check_group(group: list[tuple[int, int]]) -> list[ChainReport]:
    """In a worker: the reports of one group of chains."""
    docs, exercise = _WORK["docs"], _WORK["exercise"]
    from exercises.check.nearby import check_chain
    return [check_chain(docs[d], docs[d].chains[c], exercise) for d, c in group]


def check_text(text: str, exercise: str | None = None, *, kind: str = "md", name: str = "<text>",
               strict: bool = False) -> Report:
    """Check every displayed chain of a text (kind: md, tex or ipynb, as its file would be).

    >>> report = check_text(r"$$\\frac{d}{dz} e^{-z} = e^{-z}$$", exercise="sigmoid-derivative")
    >>> report.failed, report.chains[0].steps[0].verdict
    (True, 'wrong')
    """
    from exercises.check.extract import document, notebook_documents
    start = time.perf_counter()
    if exercise is not None:
        _context(exercise)
    kind = kind.lower().lstrip(".")
    if kind not in ("md", "tex", "ipynb"):
        raise NndlError(f"kind {kind!r}: expected md, tex or ipynb")
    docs = notebook_documents(name, text) if kind == "ipynb" else [document(name, text, None, latex=kind == "tex")]
    chains = [c for doc in docs for c in check_document(doc, exercise)]
    return Report(chains, [name], seconds=time.perf_counter() - start, strict=strict)


def _context(exercise: str):
    from exercises.check.contexts import by_id
    return by_id(exercise)


def check_document(doc, exercise: str | None) -> list[ChainReport]:
    return list(iter_document(doc, exercise))


def iter_document(doc, exercise: str | None):
    from exercises.check.nearby import check_chain
    for chain in doc.chains:
        yield check_chain(doc, chain, exercise)
