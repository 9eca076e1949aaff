"""The --html pages of `nndl check` and `nndl prove`, opened offline (file://) in a real headless
browser (Debian's Chromium): every formula is MathML that the browser lays out (a fraction's
numerator above its denominator), no raw LaTeX is left, nothing is fetched, a screenshot is taken."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from nndl.cli import main

LEARNERS = Path(__file__).resolve().parents[1] / "exercises" / "check" / "learners"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Run in the page after it loaded; writes what it found into the DOM, which --dump-dom prints.
PROBE = """<script>
(() => {
  const maths = [...document.querySelectorAll('math')];
  const laidOut = maths.filter(m => m instanceof MathMLElement && m.getBoundingClientRect().width > 0
                                   && m.getBoundingClientRect().height > 0).length;
  const fractions = [...document.querySelectorAll('mfrac')];
  const stacked = fractions.filter(f => f.children.length === 2 &&
      f.children[0].getBoundingClientRect().bottom <= f.children[1].getBoundingClientRect().top + 1).length;
  const out = document.createElement('pre');
  out.id = 'nndl-probe';
  out.textContent = JSON.stringify({maths: maths.length, laidOut, fractions: fractions.length, stacked,
                                    unrendered: document.querySelectorAll('.unrendered').length});
  document.body.appendChild(out);
})();
</script>"""


INSTALL_CHROMIUM = ("install it so that `chromium` or `chromium-browser` is on the PATH (Debian: sudo apt-get "
                    "install chromium; Ubuntu: sudo snap install chromium; Fedora: sudo dnf install chromium)")


def in_ci() -> bool:
    """CI sets CI (GitHub, GitLab and .ci/run set it to true); "", "0" and "false" mean not CI."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _chromium() -> str:
    """The browser, or a skip in the daily loop where none is installed; under CI (which installs
    it) a missing browser is a failure, never a skip."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if in_ci():
        pytest.fail(f"Chromium is not installed: the browser test needs it under CI ({INSTALL_CHROMIUM}; "
                    ".ci/run installs it)")
    pytest.skip(f"Chromium is not installed here: {INSTALL_CHROMIUM}; CI installs it and runs this test")


def _browser(chromium: str, page: Path, *args: str) -> str:
    """Run the browser on the page; one that cannot start (or does not finish) is a failure, with
    what it said, under CI and in the daily loop alike."""
    with tempfile.TemporaryDirectory(prefix="nndl-chromium-") as profile:
        try:
            done = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                                  capture_output=True, text=True, timeout=180)
        except (OSError, subprocess.TimeoutExpired) as error:
            pytest.fail(f"Chromium ({chromium}) could not start or did not finish: {error}")
    assert done.returncode == 0, f"Chromium ({chromium}) exited {done.returncode}:\n{done.stderr[-2000:]}"
    return done.stdout


def _text_outside_math(html: str) -> str:
    """The page's visible text, without its MathML, its style, and the learner's quoted source."""
    html = re.sub(r"<math.*?</math>|<style>.*?</style>|<pre class=\"source\">.*?</pre>|<script>.*?</script>",
                  " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _open_offline(chromium: str, page: Path, shot: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html), "the page fetches something"
    assert "<script" not in html
    probed = page.with_name(page.stem + "-probed.html")
    probed.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = _browser(chromium, probed, "--dump-dom")
    found = json.loads(re.search(r'<pre id="nndl-probe">(.*?)</pre>', dom, flags=re.S).group(1)
                       .replace("&quot;", '"'))
    left = re.findall(r".{0,40}(?:\\[A-Za-z]+|\$).{0,40}", _text_outside_math(dom.split('<pre id="nndl-probe">')[0]))
    assert not left, f"raw LaTeX left in the page: {left[:5]}"
    _browser(chromium, page, f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    return found


@pytest.mark.browser
@pytest.mark.slow
def test_the_check_page_renders_every_formula_offline(tmp_path):
    chromium = _chromium()
    page = tmp_path / "report.html"
    files = [LEARNERS / "derivations" / "sigmoid_planted.md", LEARNERS / "code" / "mistakes" / "no_max.py"]
    assert main(["check", "--html", str(page), *map(str, files)]) == 1
    html = page.read_text(encoding="utf-8")
    assert html.count('class="verdict bad">wrong') >= 3 and "counterexample: <math" in html
    assert "hint: check the sign" in html and "line 7, column 2" in html      # beside the step, with its source
    assert "Summary, file by exercise" in html
    found = _open_offline(chromium, page, tmp_path / "check.png")
    assert found["maths"] >= 8 and found["laidOut"] == found["maths"], found
    assert found["fractions"] >= 5 and found["stacked"] == found["fractions"], found
    assert found["unrendered"] == 0, found


@pytest.mark.browser
@pytest.mark.slow
def test_the_prove_page_renders_every_formula_offline(tmp_path):
    chromium = _chromium()
    page = tmp_path / "proofs.html"
    assert main(["prove", "--only", "softmax-jacobian", "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "softmax-jacobian" in html and 'class="verdict good">proved' in html
    found = _open_offline(chromium, page, tmp_path / "prove.png")
    assert found["maths"] >= 10 and found["laidOut"] == found["maths"], found
    assert found["stacked"] == found["fractions"] > 0 and found["unrendered"] == 0, found


def test_a_missing_browser_fails_under_ci_and_skips_only_in_the_daily_loop(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    for ci in ("true", "1", "yes"):
        monkeypatch.setenv("CI", ci)
        with pytest.raises(pytest.fail.Exception, match="Chromium is not installed"):
            _chromium()
    for ci in ("", "false", "0"):
        monkeypatch.setenv("CI", ci)
        with pytest.raises(pytest.skip.Exception, match="CI installs it") as skipped:
            _chromium()
        assert "apt-get install chromium" in str(skipped.value), skipped.value    # how to install it
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _chromium()


def test_a_browser_that_cannot_start_fails_under_ci_and_in_the_daily_loop(tmp_path):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    broken.chmod(0o755)
    page = tmp_path / "page.html"
    page.write_text("<html><body></body></html>")
    with pytest.raises(AssertionError, match=r"(?s)exited 1.*cannot open display"):
        _browser(str(broken), page, "--dump-dom")
    with pytest.raises(pytest.fail.Exception, match="could not start"):
        _browser(str(tmp_path / "no-such-browser"), page, "--dump-dom")
