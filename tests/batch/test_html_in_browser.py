"""The HTML report in real headless Chromium: the inline script runs under the report's CSP
(so the filters work) and the CSP refuses network loads and scripts it does not know."""

import shutil
import subprocess

import pytest
from reports import sample_results

from postguard.batch.html_report import HtmlWriter
from postguard.batch.tally import Tally

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by 'make install-ext'")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def make_report(path):
    writer = HtmlWriter(path)
    writer.pupil_names = {"A100": "Amelia Smith", "B200": "Oliver Brown"}
    tally = Tally()
    writer.open()
    for r in sample_results():
        tally.add_checked(r)
        if r.verdict != "ok":
            writer.write(r)
            tally.add_reported(r)
    writer.finish({"tally": tally, "notes": {}, "input_name": "export.zip", "consent_version": 1})
    return path


def chromium(tmp_path, *args):
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_filters_run_under_the_csp(tmp_path):
    report = make_report(tmp_path / "report.html")
    dom = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    # The script ran (the CSP hash admits it) and applied the default filter: block and warn.
    assert "Showing 2 of 3 posts" in dom
    assert '<article class="post v-info" data-verdict="info" data-codes="person.name" data-pupils="" hidden="">' in dom


def test_csp_blocks_network_loads_and_foreign_scripts(tmp_path):
    """Defence in depth: even if markup slipped past escaping, the report's CSP stops it."""
    report = make_report(tmp_path / "report.html")
    page = report.read_text("utf-8").replace(
        "<main>", '<main><img src="https://example.invalid/beacon.png"><script>document.title="ran"</script>', 1
    )
    injected = tmp_path / "injected.html"
    injected.write_text(page, "utf-8")
    run = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", injected.as_uri())
    assert "<title>PostGuard re-check of past posts</title>" in run.stdout  # the foreign script did not run
    assert "Showing 2 of 3 posts" in run.stdout  # the report's own script did
    assert "'https://example.invalid/beacon.png' violates the following Content Security Policy" in run.stderr
