"""A counterexample shows the letters the learner wrote: a count the step does not depend on (n = 2
beside one sigmoid neuron's z) is left out of the report's text, kept in --json and --verbose.
Seen on fresh texts: "counterexample: n = 2, z = 1.88" under a one-variable sigmoid derivative."""
from __future__ import annotations

from exercises.check.derivations import check_text
from exercises.check.report import show_counterexample

SIGMOID_SLIP = r"""
$$
\sigma'(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)\,(1 + \sigma(z))
$$
"""


def test_one_neurons_counterexample_shows_no_count():
    (chain,) = check_text(SIGMOID_SLIP).chains
    slip = chain.steps[1]
    assert slip.verdict == "wrong"
    assert "n" in slip.counterexample["point"]                 # the whole point, for --json
    (shown,) = [line for line in chain.text().splitlines() if "counterexample:" in line]
    assert "n = " not in shown and "z = " in shown, shown
    (verbose,) = [line for line in chain.text(verbose=True).splitlines() if "counterexample:" in line]
    assert "n = 2" in verbose, verbose


def test_a_count_is_shown_where_the_step_writes_it_or_entries_depend_on_it():
    cex = {"point": {"n": 2, "z": 0.5}, "left": 0.1, "right": 0.2}
    assert "n = 2" in show_counterexample(cex, r"\sum_{k=1}^{n} e^{z}")      # written
    assert "n = 2" not in show_counterexample(cex, r"\sigma(z)(1-\sigma(z))")  # not written
    assert "n = 2" not in show_counterexample(cex, r"\frac{1}{1+e^{-z}}")     # \frac's n is no letter
    numbered = {"point": {"n": 2, "z_1": 0.5, "z_2": 1.0}, "left": 0.1, "right": 0.2}
    assert "n = 2" in show_counterexample(numbered, r"a_1 = \sigma(z_1)")      # entries 1..n shown
    assert "n = 2" in show_counterexample(cex)                                 # --verbose: everything


def test_the_notebook_view_shows_the_same_point():
    from exercises.views import step_report_row
    (chain,) = check_text(SIGMOID_SLIP).chains
    html = step_report_row(2, chain.steps[1])
    assert "counterexample:" in html and "left side" in html
    assert "<mi>n</mi>" not in html.split("counterexample:")[1].split("left side")[0], html
