"""Photos in a batch: checked by the image checker (GPS, unreadable files, pupil search)."""

import io
import json
import subprocess
import sys

from export_builder import ExportBuilder, media, post
from PIL import Image, ImageDraw

from conftest import STANTON

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
    b.add_json(
        f"{ROOT}/your_posts_1.json",
        [
            post("Our new climbing frame", T0, [media(f"{ROOT}/media/t/frame.jpg", T0)]),
            post("Art week", T0 - 60, [media(f"{ROOT}/media/t/broken.jpg", T0)]),
        ],
    )
    b.add_raw(f"{ROOT}/media/t/frame.jpg", gps_photo())
    b.add_raw(f"{ROOT}/media/t/broken.jpg", b"\xff\xd8 this is not really a JPEG")
    src = b.write_zip(tmp_path / "export.zip")
    out = tmp_path / out_name
    run = subprocess.run(
        [sys.executable, "-m", "postguard", "--home", str(settings.home), "batch", str(src), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return out, run


def test_photo_findings_in_jsonl(batch_home, tmp_path):
    out, _ = run_batch(batch_home, tmp_path, "out.jsonl")
    frame, art = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    gps = [f for f in frame["findings"] if f["code"] == "image.gps"]
    assert gps and gps[0]["image"] == f"{ROOT}/media/t/frame.jpg" and gps[0]["start"] is None
    assert any(f["code"] == "image.unreadable" and f["image"] == f"{ROOT}/media/t/broken.jpg" for f in art["findings"])


def scene(seed: int, size=(640, 480)) -> Image.Image:
    """A busy synthetic 'photo' (shapes on a gradient) that perceptual hashes can tell apart."""
    import random

    rng = random.Random(seed)
    im = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(im)
    for _ in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.rectangle(
            (x, y, x + rng.randrange(20, 160), y + rng.randrange(20, 160)),
            fill=tuple(rng.randrange(256) for _ in range(3)),
        )
    return im


def jpeg(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85, **kw)
    return buf.getvalue()


def test_pupil_search_finds_posts_that_picture_them(batch_home, tmp_path):
    """Consent withdrawn: the search must find posts that only picture the pupil, not just name them."""
    ref = tmp_path / "stanton.jpg"
    ref.write_bytes(jpeg(scene(7)))
    add = subprocess.run(
        [
            sys.executable,
            "-m",
            "postguard",
            "--home",
            str(batch_home.home),
            "images",
            "add",
            "--pupil",
            STANTON,
            str(ref),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert add.returncode == 0, add.stderr
    b = ExportBuilder()
    b.add_json(
        f"{ROOT}/your_posts_1.json",
        [
            post("What a great sports day!", T0, [media(f"{ROOT}/media/t/race.jpg", T0)]),
            post("Our school garden in bloom", T0 - 60, [media(f"{ROOT}/media/t/garden.jpg", T0)]),
        ],
    )
    b.add_raw(f"{ROOT}/media/t/race.jpg", jpeg(scene(7).resize((480, 360))))  # as Facebook resizes it
    b.add_raw(f"{ROOT}/media/t/garden.jpg", jpeg(scene(99)))
    src = b.write_zip(tmp_path / "export.zip")
    out = tmp_path / "stanton.html"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "postguard",
            "--home",
            str(batch_home.home),
            "batch",
            str(src),
            "--pupil",
            STANTON,
            "--out",
            str(out),
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    page = out.read_text("utf-8")
    assert page.count('<article class="post') == 1
    assert "What a great sports day!" in page and "school garden" not in page
    assert f'data-codes="image.no_consent" data-pupils="{STANTON}"' in page
    assert 'src="data:image/jpeg;base64,' in page  # its thumbnail, embedded
