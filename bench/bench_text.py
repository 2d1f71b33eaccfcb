"""Text-check latency on a 1,500-pupil roster, against one plain en_core_web_sm pass.

Both run in this one process over the same posts, interleaved post by post and
repeated, so machine noise hits both alike. Reported: median and p99 per post
for the full PostGuard text check (normalise, NER, all recognizers, findings)
and for the model's full default pipeline (`nlp(text)`), and their ratio.

    .venv/bin/python bench/bench_text.py [--rounds 5]

Posts: ../shared/samples/plain_dev.jsonl (a benchmark may read the dev set).
Roster: 1,500 invented pupils recombined from the dev roster's first names and
surnames (the fixture roster's when the dev set is absent), random consent.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import spacy

from postguard import db
from postguard.checker import Checker
from postguard.consent.store import GRANTED, NOT_ASKED, REFUSED, ConsentStore, Pupil
from postguard.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from devsets import SETS  # noqa: E402

SAMPLES = SETS["dev"]  # ../shared/samples, found from a worktree too
FALLBACK_POSTS = [
    "Well done to Amelia S. and Theo for their brilliant poems this week! 🎉 #StarOfTheWeek",
    "Our Year 5 trip to the Science Museum leaves on Friday 6th March at 8:15am from the Pixham Lane gate.",
    "Harvest Festival 🍎 Thank you for your generous donations for the Dorking Foodbank.",
]


def roster_names() -> tuple[list[str], list[str]]:
    path = SAMPLES / "roster_dev.csv"
    if not path.exists():
        path = ROOT / "tests" / "fixtures" / "roster.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header_index = next(i for i, r in enumerate(rows) if "UPN" in r)
    header = rows[header_index]
    body = [dict(zip(header, r, strict=False)) for r in rows[header_index + 1 :] if r]
    return sorted({r["Legal Forename"] for r in body}), sorted({r["Legal Surname"] for r in body})


def make_roster(size: int, rng: random.Random) -> list[Pupil]:
    firsts, surnames = roster_names()
    pairs = [(f, s) for f in firsts for s in surnames]
    rng.shuffle(pairs)
    pupils = []
    for i, (first, last) in enumerate(pairs[:size]):
        name_consent = rng.choices([GRANTED, REFUSED, NOT_ASKED], [0.85, 0.1, 0.05])[0]
        pupils.append(
            Pupil(
                pupil_id=f"B{i:012d}",
                upn=f"B{i:012d}",
                adno=None,
                legal_forename=first,
                legal_surname=last,
                year_group=str(rng.randint(1, 6)),
                reg_group=f"Class {rng.randint(1, 6)}{rng.choice('ABCKLP')}",
                photo_consent=rng.choice([GRANTED, GRANTED, REFUSED]),
                name_consent=name_consent,
                no_publish=rng.random() < 0.02,
            )
        )
    return pupils


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pupils", type=int, default=1500)
    args = parser.parse_args()
    rng = random.Random(7)
    posts_file = SAMPLES / "plain_dev.jsonl"
    posts = (
        [json.loads(line)["text"] for line in posts_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        if posts_file.exists()
        else FALLBACK_POSTS
    )

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp), allow_demo_roster=False)
        store = ConsentStore(db.connect(settings.db_path))
        store.import_pupils(make_roster(args.pupils, rng), actor="bench")
        started = time.perf_counter()
        checker = Checker(settings)
        ready = time.perf_counter() - started
        plain = spacy.load(settings.spacy_model)  # the model's full default pipeline

        for text in posts[:10]:  # warm up both
            checker.check(text)
            plain(text)
        ours, base = [], []
        for _ in range(args.rounds):
            for text in posts:
                t0 = time.perf_counter()
                checker.check(text)
                t1 = time.perf_counter()
                plain(text)
                t2 = time.perf_counter()
                ours.append((t1 - t0) * 1000)
                base.append((t2 - t1) * 1000)
        # Batch form (nlp.pipe), as the batch re-check uses it.
        t0 = time.perf_counter()
        list(checker.check_many((t, ()) for t in posts * args.rounds))
        batch_ms = (time.perf_counter() - t0) * 1000 / (len(posts) * args.rounds)
        checker.close()

    print(
        f"Text check, {args.pupils}-pupil roster, {len(posts)} posts x {args.rounds} rounds "
        f"(mean {statistics.mean(len(p) for p in posts):.0f} chars); checker ready in {ready:.2f} s"
    )
    print(f"  PostGuard check      median {statistics.median(ours):6.2f} ms   p99 {percentile(ours, 0.99):6.2f} ms")
    print(f"  plain en_core_web_sm median {statistics.median(base):6.2f} ms   p99 {percentile(base, 0.99):6.2f} ms")
    print(
        f"  ratio (median)       {statistics.median(ours) / statistics.median(base):.2f}x   "
        f"(total {sum(ours) / sum(base):.2f}x)"
    )
    print(f"  batch (nlp.pipe)     {batch_ms:6.2f} ms/post  ({1000 / batch_ms:.0f} posts/s on one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
