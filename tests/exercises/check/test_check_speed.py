"""`nndl check` fast and visible (issue 20): chains judged in worker processes give exactly the
reports one process gives, in the file's order and each as soon as it is judged; a section's chains
stay together; a formula is parsed once, a failure read again as the first time; --jobs checked."""
import json
from pathlib import Path

import pytest

from exercises.check import latex
from exercises.check.derivations import _groups, check_files
from exercises.check.extract import read_documents
from nndl.cli import main

# Three sections (three exercises), two chains in one: small chains, right and wrong.
TEXT = r"""# Derivative of the sigmoid

$$\frac{d}{dz} e^{-z} = -e^{-z}$$

$$\frac{d}{dz} e^{-z} = e^{-z}$$

## The softmax Jacobian

$$\frac{\partial a_j}{\partial z_k} = a_j (\delta_{jk} - a_k) = a_j \delta_{jk} - a_j a_k$$

## Quadratic cost gradient

$$\frac{\partial C}{\partial z_j} = a_j + y_j$$
"""


def _json(report):
    return [c.json() for c in report.chains]


@pytest.mark.slow
def test_chains_judged_in_workers_are_the_reports_one_process_gives_in_order(tmp_path):
    path = tmp_path / "mine.md"
    path.write_text(TEXT, encoding="utf-8")
    seen = []
    shared = check_files([path], jobs=2, on_chain=seen.append)     # first: the workers inherit no verdict
    alone = check_files([path], jobs=1)
    assert len(alone.chains) == 4
    assert _json(shared) == _json(alone)
    assert [c.json() for c in seen] == _json(alone)           # each handed on once, in the file's order
    verdicts = [[s.verdict for s in c.steps] for c in shared.chains]
    assert verdicts[1] == ["wrong"] and verdicts[3] == ["wrong"]
    assert shared.failed and alone.failed


def test_a_sections_chains_are_judged_together_in_runs_of_a_few(tmp_path):
    path = tmp_path / "mine.md"
    path.write_text(TEXT + "\n".join(f"$$a_j = a_j + {i} - {i}$$\n" for i in range(6)), encoding="utf-8")
    docs = read_documents(path)
    groups = _groups(docs)
    flat = [place for group in groups for place in group]
    assert flat == [(d, c) for d, doc in enumerate(docs) for c in range(len(doc.chains))]   # every chain, in order
    for group in groups:
        assert len({docs[d].chains[c].heading for d, c in group}) == 1     # one section each
        assert len(group) <= 4
    assert [len(g) for g in groups] == [2, 1, 4, 3]      # the last section's 7 chains: 4, then 3


def test_a_formula_is_parsed_once_and_a_failure_is_the_same_the_second_time():
    notation = latex.Notation()
    good = latex.Source.at(r"\frac{\partial C}{\partial a_j} (a_j - y_j)", 0)
    first = latex.parse(good, notation).expr
    prepared = latex.prepare(good)[0].text
    assert prepared in latex._TREES
    assert latex.parse(good, notation).expr == first
    bad = latex.Source.at(r"a_j + \frac{", 10)
    failures = []
    for _ in range(2):
        with pytest.raises(latex.ParseFailure) as caught:
            latex.parse(bad, notation)
        failures.append((caught.value.message, caught.value.position))
    assert failures[0] == failures[1]


def test_jobs_must_be_a_whole_number_of_at_least_one(tmp_path, capsys):
    path = tmp_path / "mine.md"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["check", str(path), "--jobs", "0"]) == 2
    assert "--jobs" in capsys.readouterr().err


@pytest.mark.slow
def test_the_command_with_two_jobs_prints_what_one_job_prints(tmp_path, capsys):
    path = tmp_path / "mine.md"
    path.write_text(TEXT, encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        assert main(["check", str(path), "--json", "--jobs", jobs]) == 1
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]
