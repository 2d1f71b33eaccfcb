"""Batch re-check throughput on a generated Facebook export (issue 6).

Generates (in a temporary folder) a 1,500-pupil invented roster and a
"Download Your Information" export of 5,000 posts and 1,000 photos, then runs
the real batch runner (2 worker processes, each loading the model once) three
times, all in one run:

  text    the 5,000 posts without their photos        -> posts/s  (aim >= 100)
  photos  the 1,000 photos alone (album, no captions) -> photos/s (aim >= 25)
  full    the whole export to an HTML report          -> posts/s and photos/s end to end

Times include starting the workers and loading the model. Peak memory (RSS)
of the main process and of the largest worker shows memory stays bounded.

    .venv/bin/python bench/bench_batch.py [--scale 0.1] [--workers 2]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from PIL import Image, ImageDraw

from postguard import db
from postguard.batch.runner import BatchOptions, BatchRun
from postguard.consent.mis_import import parse_mis_csv
from postguard.consent.store import ConsentStore
from postguard.settings import Settings
from synthetic_names import FIRST, SURNAMES  # noqa: E402

TEMPLATES = [
    "Well done to {a} for a brilliant assembly performance this morning! 🎭",
    "Year 5 had a fantastic trip to the science museum today. Thank you to all the parent helpers.",
    "Congratulations {a} and {b} on your swimming certificates 🏊",
    "Reminder: school closes at 1:30pm on Friday for the end of term. Have a lovely break, everyone!",
    "{full} read her poem beautifully in the library, and Mrs Hartley was so proud.",
    "Our harvest festival raised 214 items for the town food bank. Thank you for your generosity!",
    "Happy 8th birthday to {a}! 🎂 The whole class sang for you.",
    "Class 3 have been learning about the Romans, building shields and marching round the playground.",
    "The netball team finished second in the district tournament on Saturday. #TeamSpirit",
    "Tickets for the summer fair are on sale now from the school office.",
]


def roster_csv(n: int) -> bytes:
    rng = random.Random(6)
    rows = [
        "UPN,Legal Forename,Legal Surname,Year,Reg Group,Consent: Social Media Photo,"
        "Consent: Social Media Name,No Publish"
    ]
    consent = ["Yes", "Yes", "Yes", "No", ""]
    for i in range(n):
        year = 1 + i % 6
        rows.append(
            f"B{i:012d},{FIRST[i % len(FIRST)]},{SURNAMES[(i // len(FIRST)) % len(SURNAMES)]},"
            f"{year},Class {year}{'ABC'[i % 3]},{rng.choice(consent)},{rng.choice(consent)},"
        )
    return ("\n".join(rows) + "\n").encode("utf-8")


def photo(rng: random.Random) -> bytes:
    """An 800x600 JPEG of coloured shapes, the size of a resized phone photo."""
    im = Image.new("RGB", (800, 600), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(im)
    for _ in range(12):
        x, y = rng.randrange(800), rng.randrange(600)
        draw.ellipse(
            (x, y, x + rng.randrange(40, 300), y + rng.randrange(40, 300)),
            fill=tuple(rng.randrange(256) for _ in range(3)),
        )
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def fb_json(obj) -> bytes:
    # Facebook's own encoding: every UTF-8 byte of non-ASCII text as a \u00XX escape (mojibake).
    def moji(v):
        if isinstance(v, str):
            return v.encode("utf-8").decode("latin-1")
        if isinstance(v, list):
            return [moji(x) for x in v]
        if isinstance(v, dict):
            return {k: moji(x) for k, x in v.items()}
        return v

    return json.dumps(moji(obj), ensure_ascii=True).encode("ascii")


def make_exports(folder: Path, n_posts: int, n_photos: int) -> dict[str, Path]:
    """Three zips: the full export, its posts without photos, and its photos alone."""
    rng = random.Random(2024)
    root = "your_activity_across_facebook/posts"
    posts, photos = [], {}
    stride = max(1, n_posts // max(1, n_photos))
    t0 = 1725148800  # 2024-09-01
    for i in range(n_posts):
        a, b = rng.choice(FIRST), rng.choice(FIRST)
        text = rng.choice(TEMPLATES).format(a=a, b=b, full=f"{a} {rng.choice(SURNAMES)}")
        item = {
            "timestamp": t0 - i * 3600,
            "data": [{"post": f"{text} ({i})"}],
            "title": "Riverside Primary updated their status.",
        }
        if i % stride == 0 and len(photos) < n_photos:
            uri = f"{root}/media/Timeline_{i // 500}/{i}.jpg"
            photos[uri] = photo(rng)
            item["attachments"] = [
                {"data": [{"media": {"uri": uri, "creation_timestamp": t0 - i * 3600, "title": "Timeline photos"}}]}
            ]
        posts.append(item)
    files = {}
    with (
        zipfile.ZipFile(folder / "full.zip", "w", zipfile.ZIP_STORED) as full,
        zipfile.ZipFile(folder / "text.zip", "w", zipfile.ZIP_STORED) as text,
        zipfile.ZipFile(folder / "photos.zip", "w", zipfile.ZIP_STORED) as only_photos,
    ):
        for start in range(0, len(posts), 1000):  # Facebook splits posts over numbered files
            chunk = posts[start : start + 1000]
            name = f"{root}/your_posts__check_ins__photos_and_videos_{start // 1000 + 1}.json"
            full.writestr(name, fb_json(chunk))
            text.writestr(name, fb_json([{k: v for k, v in p.items() if k != "attachments"} for p in chunk]))
        album = {"name": "Timeline photos", "photos": [{"uri": u, "creation_timestamp": t0} for u in photos]}
        only_photos.writestr(f"{root}/album/0.json", fb_json(album))
        for uri, data in photos.items():
            full.writestr(uri, data)
            only_photos.writestr(uri, data)
    files = {"full": folder / "full.zip", "text": folder / "text.zip", "photos": folder / "photos.zip"}
    return files


def run(settings: Settings, src: Path, out: Path, workers: int) -> tuple[float, object]:
    started = time.perf_counter()
    summary = BatchRun(src, out, settings, BatchOptions(workers=workers, progress=False)).run()
    return time.perf_counter() - started, summary.tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 5,000 posts / 1,000 photos")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    n_posts, n_photos = max(10, int(5000 * args.scale)), max(2, int(1000 * args.scale))
    with tempfile.TemporaryDirectory(prefix="pg-bench-batch-") as tmp:
        tmp = Path(tmp)
        settings = Settings(home=tmp / "home", allow_demo_roster=False)
        parsed = parse_mis_csv(roster_csv(1500), filename="roster.csv")
        assert parsed.ok, parsed.problems[:3]
        ConsentStore(db.connect(settings.db_path)).import_pupils(parsed.pupils, actor="bench")
        t = time.perf_counter()
        exports = make_exports(tmp, n_posts, n_photos)
        print(
            f"batch: generated an export of {n_posts} posts and {n_photos} photos "
            f"({exports['full'].stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s; "
            f"1,500-pupil roster; {args.workers} workers"
        )
        text_s, text = run(settings, exports["text"], tmp / "text.jsonl", args.workers)
        photo_s, photos = run(settings, exports["photos"], tmp / "photos.jsonl", args.workers)
        full_s, full = run(settings, exports["full"], tmp / "report.html", args.workers)
        print(
            f"batch text:   {text.checked} posts in {text_s:.1f} s = {text.checked / text_s:.0f} posts/s (aim >= 100)"
        )
        print(
            f"batch photos: {photos.images} photos in {photo_s:.1f} s = {photos.images / photo_s:.1f} photos/s "
            "(aim >= 25)"
        )
        print(
            f"batch full:   {full.checked} posts + {full.images} photos to HTML in {full_s:.1f} s = "
            f"{full.checked / full_s:.0f} posts/s; report {(tmp / 'report.html').stat().st_size / 1e6:.1f} MB, "
            f"{full.reported} posts listed"
        )
        main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"batch memory: peak RSS main {main_rss:.0f} MB, largest worker {worker_rss:.0f} MB")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
