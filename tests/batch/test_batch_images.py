"""Photos in a batch: checked by the image checker when this build has it; otherwise the
report says plainly that photos were not checked."""

import importlib.util
import io
import json
import subprocess
import sys

import pytest
from PIL import Image

from export_builder import ExportBuilder, media, post

HAS_IMAGE_CHECKER = importlib.util.find_spec("postguard.images.checker") is not None
T0 = 1714557600
ROOT = "your_activity_across_facebook/posts"


def gps_photo() -> bytes:
    im = Image.new("RGB", (320, 240), (40, 120, 200))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def run_batch(settings, tmp_path, out_name):
    b = ExportBuilder()
    b.add_json(f"{ROOT}/your_posts_1.json", [
        post("Our new climbing frame", T0, [media(f"{ROOT}/media/t/frame.jpg", T0)]),
        post("Art week", T0 - 60, [media(f"{ROOT}/media/t/broken.jpg", T0)]),
    ])
    b.add_raw(f"{ROOT}/media/t/frame.jpg", gps_photo())
    b.add_raw(f"{ROOT}/media/t/broken.jpg", b"\xff\xd8 this is not really a JPEG")
    src = b.write_zip(tmp_path / "export.zip")
    out = tmp_path / out_name
    run = subprocess.run([sys.executable, "-m", "postguard", "--home", str(settings.home), "batch",
                          str(src), "--out", str(out), "-q"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return out, run


@pytest.mark.skipif(not HAS_IMAGE_CHECKER, reason="image checking is not in this build yet")
def test_photo_findings_in_jsonl(batch_home, tmp_path):
    out, _ = run_batch(batch_home, tmp_path, "out.jsonl")
    frame, art = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    gps = [f for f in frame["findings"] if f["code"] == "image.gps"]
    assert gps and gps[0]["image"] == f"{ROOT}/media/t/frame.jpg" and gps[0]["start"] is None
    assert any(f["code"] == "image.unreadable" and f["image"] == f"{ROOT}/media/t/broken.jpg"
               for f in art["findings"])


@pytest.mark.skipif(HAS_IMAGE_CHECKER, reason="this build checks images")
def test_report_says_photos_were_not_checked(batch_home, tmp_path):
    out, run = run_batch(batch_home, tmp_path, "report.html")
    assert "Photos were not checked" in out.read_text("utf-8")
    assert "Photos were NOT checked" in run.stderr
