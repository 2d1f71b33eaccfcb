"""Report writers: .jsonl, .csv and .html, streamed and resumable, owner-only."""

import csv
import html
import io
import json
import re
import stat

import pytest
from reports import HOSTILE, sample_results

from postguard.batch.html_report import HtmlWriter, highlight
from postguard.batch.tally import Tally
from postguard.batch.writers import CsvWriter, JsonlWriter, part_path, safe_cell, writer_for


def write_all(writer, results, **context):
    tally = Tally()
    writer.open()
    for r in results:
        tally.add_checked(r)
        if writer.includes_ok or r.verdict != "ok":
            writer.write(r)
            tally.add_reported(r)
    writer.finish(
        {
            "tally": tally,
            "notes": {"photos missing from the export": 1},
            "input_name": "export.zip",
            "consent_version": 3,
            **context,
        }
    )
    return tally


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_writer_for_picks_format_by_extension(tmp_path):
    assert isinstance(writer_for(tmp_path / "r.jsonl"), JsonlWriter)
    assert isinstance(writer_for(tmp_path / "r.CSV"), CsvWriter)
    assert isinstance(writer_for(tmp_path / "r.html"), HtmlWriter)
    with pytest.raises(ValueError, match=".jsonl, .csv or .html"):
        writer_for(tmp_path / "r.pdf")


def test_jsonl_lines_follow_the_contract(tmp_path):
    out = tmp_path / "r.jsonl"
    write_all(JsonlWriter(out), sample_results())
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["fb-1", "line-2", "fb-3", "fb-4"]  # every post, input order
    first = lines[0]
    assert first["verdict"] == "block"
    assert set(first["findings"][0]) >= {
        "code",
        "severity",
        "message",
        "policy",
        "start",
        "end",
        "start_utf16",
        "end_utf16",
        "pupils",
    }
    # The emoji before the name is one code point but two UTF-16 units.
    f = first["findings"][0]
    assert (f["start"], f["start_utf16"]) == (12, 13)
    assert first["text"].startswith("🎉") and first["timestamp"] == 1714557600
    assert first["source"] == "posts/your_posts_1.json#0" and first["images"] == ["media/a.jpg"]
    assert lines[1].keys() == {"id", "verdict", "findings"}  # plain inputs: just the contract
    assert lines[2]["verdict"] == "ok" and lines[2]["skipped"] == ["photo missing from export: media/b.jpg"]
    assert mode(out) == 0o600 and not part_path(out).exists()


def test_csv_has_one_row_per_finding_and_defuses_formulas(tmp_path):
    out = tmp_path / "r.csv"
    write_all(CsvWriter(out), sample_results())
    raw = out.read_text("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    assert [(r["id"], r["code"]) for r in rows] == [
        ("fb-1", "pupil.no_consent"),
        ("fb-1", "pupil.full_name"),
        ("fb-1", "image.no_consent"),
        ("line-2", "person.name"),
        ("fb-4", "pupil.named"),
        ("fb-4", "detail.age"),
    ]
    assert rows[0]["flagged_text"] == "Amelia Smith" and rows[0]["pupils"] == "A100"
    assert rows[0]["date"] == "2024-05-01 10:00 UTC" and rows[2]["image"] == "media/a.jpg"
    assert mode(out) == 0o600


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+44 7700", "'+44 7700"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("Amelia", "Amelia"),
        (None, ""),
    ],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def test_highlight_uses_code_point_offsets_and_escapes():
    text = "🎉 <b>Amelia</b>"
    start = text.index("Amelia")
    out = highlight(text, [{"code": "pupil.named", "severity": "info", "start": start, "end": start + 6}])
    assert out == '🎉 &lt;b&gt;<mark class="info" title="Pupil named (has consent)">Amelia</mark>&lt;/b&gt;'
    # Overlapping spans: the stronger severity wins where they overlap; bad offsets are ignored.
    out = highlight(
        "abcdef",
        [
            {"code": "x", "severity": "info", "start": 0, "end": 4},
            {"code": "y", "severity": "block", "start": 2, "end": 6},
            {"code": "z", "severity": "warn", "start": 5, "end": 99},
        ],
    )
    assert out == (
        '<mark class="info" title="x">ab</mark><mark class="block" title="x; y">cd</mark>'
        '<mark class="block" title="y">ef</mark>'
    )


def test_html_report_is_self_contained_escaped_and_private(tmp_path):
    out = tmp_path / "r.html"
    writer = HtmlWriter(out)
    writer.pupil_names = {"A100": "Amelia Smith", "B200": "Oliver Brown"}
    write_all(writer, sample_results(), demo_roster=False)
    page = out.read_text("utf-8")
    assert mode(out) == 0o600 and not part_path(out).exists()
    # No script from the post survives; the hostile text is shown as text.
    assert "<script>alert" not in page and "<img src=x" not in page
    assert html.escape(HOSTILE, quote=True) in page
    assert page.count("<script>") == 1
    # Nothing loads from the network: a CSP forbids it and no element points outside the file.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "img-src data:" in csp and "unsafe-inline" not in csp
    assert not re.search(r'<(img|script|link|iframe)[^>]+(src|href)="(?!data:)', page)
    # Only the web permalink is a link; the javascript: one is dropped.
    assert 'href="https://www.facebook.com/x/posts/1"' in page and "javascript:" not in page
    assert "contains personal data" in page
    # Summary and filters; ok posts are not listed; skipped media is reported.
    assert page.count('<article class="post') == 3
    assert (
        'data-verdict="block" data-codes="image.no_consent pupil.full_name pupil.no_consent" data-pupils="A100"' in page
    )
    assert '<option value="A100">Amelia Smith (A100) (1)</option>' in page
    assert "photos missing from the export: 1" in page
    assert 'src="data:image/jpeg;base64,/9j/AAAA"' in page
    assert "Photo of a pupil without consent" in page and "What to do:" in page


def test_resume_truncates_to_the_last_checkpoint(tmp_path):
    out = tmp_path / "r.jsonl"
    results = sample_results()
    w = JsonlWriter(out)
    w.open()
    w.write(results[0])
    good = w.checkpoint()
    w.write(results[1])  # written after the checkpoint, then the run was stopped
    w.close()
    w = JsonlWriter(out)
    w.open(resume_at=good)
    w.write(results[2])
    w.finish({})
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["fb-1", "fb-3"]
