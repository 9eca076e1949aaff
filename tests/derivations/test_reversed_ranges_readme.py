"""The reversed-range convention is said where a reader looks: in the README, as the oracle
applies it (one place: oracle._index_values), with the sum the issue met (sum_{i=2}^{n-1} 1 = n - 2,
"proved" for every n >= 1 only by that convention)."""
import re
from pathlib import Path

from derivations import oracle

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_readme_states_the_convention_the_oracle_uses():
    said = " ".join(README.split())
    assert "Σ_{i=a}^{b} = -Σ_{i=b+1}^{a-1} when b < a - 1" in said
    assert re.search(r"not the empty sum", said) and "A verdict whose check met such a range says so in its reason" in said
    assert "Σ_{i=2}^{n-1} 1 = n - 2 holds for every n ≥ 1 by that convention" in said
    # the convention the README states is the one the oracle applies: sum_{a}^{b} = -sum_{b+1}^{a-1}
    assert oracle._index_values(5, 2) == (range(3, 5), True)      # -(terms 3, 4)
    assert oracle._index_values(5, 4) == (range(5, 5), False)     # b = a - 1: empty
    assert "-sum_{i=b+1}^{a-1}" in oracle.REVERSED_RANGES
