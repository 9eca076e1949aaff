"""For teachers: every chain of a folder of solutions as a pytest test.

    pytest --nndl-check solutions/                 # each chain of each .md, .tex, .ipynb is a test,
                                                   # and each .py file's NumPy functions one test
    pytest --nndl-check --nndl-exercise softmax-jacobian solutions/

A test fails when a step of its chain is wrong or cannot be read, with the learner's report
(the line quoted, a caret under the relation, the counterexample, the hint); undecided steps pass
and are listed in the report. A .py file's test fails when a function it knows is wrong or
unstable, or it defines none nndl check knows. At the end, a table file by exercise (follows /
wrong / undecided, a function's verdict under its kind) sums up the class. Registered through the `pytest11` entry point of nndl-proofs, so it
is there once the project is installed; without --nndl-check it collects nothing. Without the
package installed, `pytest -p exercises.check.pytest_plugin --nndl-check ...` loads it by name.
"""
from __future__ import annotations

from pathlib import Path

import pytest

SUFFIXES = (".md", ".tex", ".ipynb")
CODE = (".py",)
REPORTS = pytest.StashKey[list]()        # what the tests found: ChainReports and FunctionResults


def pytest_addoption(parser):
    group = parser.getgroup("nndl", "checking learners' derivations (nndl-proofs)")
    group.addoption("--nndl-check", action="store_true", default=False,
                    help="collect every displayed derivation of the .md, .tex and .ipynb files given "
                         "(or found under the folders given) as a test, and each .py file's functions")
    group.addoption("--nndl-exercise", default=None, metavar="ID",
                    help="check every chain as a solution of this exercise (an id of `nndl prove`)")


def pytest_configure(config):
    config.stash[REPORTS] = []


def pytest_collect_file(file_path: Path, parent):
    if parent.config.getoption("nndl_check") and file_path.suffix.lower() in SUFFIXES:
        return SolutionFile.from_parent(parent, path=file_path)
    if parent.config.getoption("nndl_check") and file_path.suffix.lower() in CODE:
        return CodeFile.from_parent(parent, path=file_path)
    return None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The class at a glance: file by exercise, each cell the worst verdict of its chains."""
    from exercises.check.code import FunctionResult
    from exercises.check.summary import summarize
    found = config.stash.get(REPORTS, [])
    if not found:
        return
    summary = summarize([r for r in found if not isinstance(r, FunctionResult)],
                        [r for r in found if isinstance(r, FunctionResult)])
    terminalreporter.write_sep("=", "nndl check: summary, file by exercise")
    terminalreporter.write_line(summary.text().split("\n", 1)[1])


class SolutionFile(pytest.File):
    """A learner's file: one test per chain."""

    def collect(self):
        from exercises.check.extract import read_documents
        number = 0
        for doc in read_documents(Path(self.path)):
            for chain in doc.chains:
                number += 1
                line, _ = doc.line_col(chain.start)
                where = f"cell {doc.cell} line {line}" if doc.cell is not None else f"line {line}"
                yield ChainItem.from_parent(self, name=f"chain {number} ({where})", doc=doc, chain=chain)


class ChainItem(pytest.Item):
    def __init__(self, *, doc, chain, **kwargs):
        super().__init__(**kwargs)
        self.doc, self.chain = doc, chain
        self.report_text = ""

    def runtest(self):
        from exercises.check.nearby import check_chain
        report = check_chain(self.doc, self.chain, self.config.getoption("nndl_exercise"))
        self.config.stash[REPORTS].append(report)
        self.report_text = report.text()
        if report.failed:
            raise WrongStep(self.report_text)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, WrongStep):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        line, _ = self.doc.line_col(self.chain.start)
        return self.path, line - 1, self.name


class CodeFile(pytest.File):
    """A learner's NumPy file: one test, its functions held to the derived formulas."""

    def collect(self):
        yield CodeItem.from_parent(self, name="functions")


class CodeItem(pytest.Item):
    def runtest(self):
        from exercises.check.code import check_files
        report = check_files([Path(self.path)])
        self.config.stash[REPORTS].extend(report.results)
        if report.failed:
            raise WrongStep(report.text())

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, WrongStep):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, self.name


class WrongStep(Exception):
    """A chain with a wrong or unreadable step: the message is the learner's report."""
