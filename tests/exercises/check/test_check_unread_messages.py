"""Why a formula is unread, in the learner's words: never SymPy's rewritten form of it.
Seen on a fresh text (a Chinese blog's sigmoid derivative, `((1 + e^{-x})^{-1})'`): "cannot read
the formula ((1/(1 + exp(-x)))' is not understood.)", SymPy's exp and its own brackets."""
from __future__ import annotations

import pytest

from checked_steps import step_on
from exercises.check.latex import ParseFailure, Source, parse

PRIMED = "$$\nf'(x) = ((1 + e^{-x})^{-1})' = \\frac{e^{-x}}{(1 + e^{-x})^2}\n$$\n"


@pytest.mark.parametrize("formula", [r"((1 + e^{-x})^{-1})'", r"(1 + e^{-x})'", r"(-x)'"])
def test_a_prime_after_a_bracket_is_said_plainly(formula):
    with pytest.raises(ParseFailure) as failed:
        parse(Source.at(formula, 0))
    message = failed.value.message
    assert "prime after a bracket" in message and "\\frac{d}{dx}" in message
    assert "exp(" not in message and "is not understood" not in message


def test_the_report_says_it_without_sympys_form():
    step = step_on(PRIMED, 2)
    assert step.verdict == "unparsed"
    assert "prime after a bracket" in step.reason and "exp(" not in step.reason, step.reason


def test_a_primed_function_of_x_is_still_read():
    # the false variant: f'(x) itself is notation the checker reads (it is not a bracket's prime)
    assert parse(Source.at(r"f'(x)", 0)).expr is not None
