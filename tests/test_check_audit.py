"""`nndl check` on what learners write beyond the seeds: a log of a product, separated relations
on one line, implications, function application, the chapter's norm, definitions, and chains
with no exercise named. Each right chain follows; each false variant is wrong."""
from exercises.check.derivations import check_text


def verdicts(report):
    return [s.verdict for c in report.chains for s in c.steps if not s.claim]


def test_a_log_of_a_product_is_read_and_checked():
    right = check_text(r"$$\log \prod_{j=1}^{n} e^{z_j} = \sum_{j=1}^n z_j$$", exercise="softmax-distribution")
    assert verdicts(right) == ["follows"]
    wrong = check_text(r"$$\log \prod_{j=1}^{n} e^{z_j} = \prod_{j=1}^n z_j$$", exercise="softmax-distribution")
    assert verdicts(wrong) == ["wrong"]
