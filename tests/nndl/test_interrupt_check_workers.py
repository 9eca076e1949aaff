"""Ctrl-C in `nndl check --jobs 2`, whose chains are judged in worker processes: the command ends
at once (status 130, one line, no traceback) with its workers, whenever the press lands (as
tests/nndl/test_interrupt.py holds every other command to)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_interrupt import sweep  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parents[1] / "exercises" / "check" / "corpus" / "nndl_solutions_chap3.ipynb"


@pytest.mark.slow
def test_ctrl_c_ends_check_and_its_workers_at_once(tmp_path):
    # pressed from the start (workers being forked) and after the first chains are printed
    sweep(["check", str(NOTEBOOK), "--jobs", "2"], tmp_path, (0.0, 0.5, 2.0), "checked as exercise", at_least=2)
