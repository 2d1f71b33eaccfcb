"""The batch re-check and photos with people: listed for a person to check, with the post's classes;
photos that could not be checked listed by post, never counted as "nothing found"."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from export_builder import ExportBuilder, media, post

from conftest import STANTON

T0 = 1714557600
ROOT = "your_activity_across_facebook/posts"


@pytest.fixture
def astronaut() -> bytes:
    skimage = pytest.importorskip("skimage")
    return (Path(skimage.__file__).parent / "data" / "astronaut.png").read_bytes()


def run_batch(settings, tmp_path, astronaut, out_name):
    b = ExportBuilder()
    b.add_json(
        f"{ROOT}/your_posts_1.json",
        [
            post("Class 4B enjoyed sports day", T0, [media(f"{ROOT}/media/t/sports.png", T0)]),
            post("Lovely assembly today", T0 - 60, [media(f"{ROOT}/media/t/gone.jpg", T0)]),
        ],
    )
    b.add_raw(f"{ROOT}/media/t/sports.png", astronaut)  # gone.jpg is missing from the export
    src = b.write_zip(tmp_path / "export.zip")
    out = tmp_path / out_name
    run = subprocess.run(
        [sys.executable, "-m", "postguard", "--home", str(settings.home), "batch", str(src), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return out


def test_people_and_unchecked_photos_in_jsonl(batch_home, tmp_path, astronaut):
    out = run_batch(batch_home, tmp_path, astronaut, "out.jsonl")
    sports, assembly = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    (faces,) = [f for f in sports["findings"] if f["code"] == "image.faces"]
    assert sports["verdict"] == "warn" and faces["pupils"] == [STANTON] and faces["groups"] == ["Class 4B"]
    assert assembly["verdict"] == "warn"  # a photo missing from the export is not "nothing found"
    assert any(f["code"] == "image.unreadable" and "missing" in f["message"] for f in assembly["findings"])


def test_html_report_lists_photos_to_check(batch_home, tmp_path, astronaut):
    page = run_batch(batch_home, tmp_path, astronaut, "report.html").read_text("utf-8")
    assert "Photos with people: check who is pictured (1)" in page
    assert "Class 4B" in page and "<rect " in page  # the post's class, and the face box on the thumbnail
    assert "Photos that could not be checked (1)" in page and "gone.jpg" in page
    assert '<div class="card ok"><b>0</b>Nothing found</div>' in page
