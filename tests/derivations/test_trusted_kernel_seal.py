"""Only the kernel makes a proved (or refuted) verdict: at run time, and in the source tree."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import sympy as sp

from derivations import kernel
from derivations.kernel import KernelError, Kind, Status, Verdict
from derivations.proof import prove

ROOT = Path(__file__).resolve().parents[2]
x = sp.Symbol("x", real=True)


def _proved() -> Verdict:
    v = kernel.by_hypothesis(sp.Gt(x, 0), [sp.Gt(x, 0)])
    assert v.status == Status.PROVED and v.certificate == Kind.HYPOTHESIS
    return v


@pytest.mark.parametrize("status", [Status.PROVED, Status.REFUTED, "proved", "refuted"])
def test_no_proved_or_refuted_verdict_is_made_outside_the_kernel(status):
    with pytest.raises(KernelError):
        Verdict("x > 0", status, "because I say so")
    with pytest.raises(KernelError):
        Verdict("x > 0", status, "a seal of its own", seal=object())


def test_a_sealed_verdict_cannot_be_moved_to_another_claim_or_status():
    v = _proved()
    with pytest.raises(KernelError):
        dataclasses.replace(v, claim="x > 1")
    with pytest.raises(KernelError):
        dataclasses.replace(v, proposition=kernel.Proposition.of(sp.Gt(x, 1), [sp.Gt(x, 0)]))
    with pytest.raises(KernelError):
        v.status = Status.PROVED
    undecided = kernel.undecided("x > 1", "not shown")
    with pytest.raises(KernelError):
        dataclasses.replace(undecided, status=Status.PROVED)
    with pytest.raises(KernelError):
        undecided.status = Status.PROVED
    with pytest.raises(ValueError):
        kernel.undecided("x > 1", "not shown", status=Status.PROVED)
    assert dataclasses.replace(v, reason="reworded").proved      # presentation may be reworded


def test_a_seal_is_bound_to_its_claim():
    v = _proved()
    with pytest.raises(KernelError):
        Verdict("x > 1", Status.PROVED, "borrowed", proposition=v.proposition, seal=v.seal)


def test_proved_is_a_property_of_the_status():
    assert _proved().proved and not kernel.undecided("x", "no").proved
    assert "proved" not in [f.name for f in dataclasses.fields(Verdict)]


def _sources():
    for folder in ("derivations", "exercises", "nndl", "numeric"):
        for path in (ROOT / folder).rglob("*.py"):
            if "kernel" not in path.relative_to(ROOT).parts[:2]:
                yield path


def test_no_module_outside_the_kernel_constructs_a_verdict_or_touches_the_seal():
    offenders = []
    for path in _sources():
        text = path.read_text()
        for pattern in (r"\bVerdict\(", r"\b_sealed\b", r"\b_issue\b", r"\b_Seal\b", r"\b_ISSUED\b", r"\bseal\s*="):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert not offenders, offenders


def test_no_decision_reads_the_text_of_a_verdict():
    offenders = []
    for path in _sources():
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"""["'][^"']*["']\s+in\s+[\w.]*\b(by|reason)\b""", line) or \
                    re.search(r"\b(by|reason)\.startswith\(", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, offenders


def test_the_primitives_give_the_certificate_kind():
    v = prove(sp.Eq(sp.exp(x) * sp.exp(-x), 1, evaluate=False))
    assert v.proved and v.certificate == Kind.IDENTITY
    s = prove(sp.Gt(sp.exp(x) + x ** 2, 0, evaluate=False))
    assert s.proved and s.certificate in (Kind.SIGN, Kind.DECISION)
    r = prove(sp.Gt(x ** 2, 0, evaluate=False))
    assert r.status == Status.REFUTED and r.certificate == Kind.COUNTEREXAMPLE
