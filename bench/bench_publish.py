"""Publish and follow one signed consent list (issue 10).

An admin data folder with 2,000 invented pupils and 5,000 reference photos (48 hash rows each,
as the image bank stores them) publishes into a folder; a staff data folder follows it. Reports
the file size, the time to publish, the time for a staff computer to take up a new list (read,
verify, apply), and the cost of the every-minute look when nothing changed. Medians of --rounds
runs, all from one run, on real SQLite.

    .venv/bin/python bench/bench_publish.py [--pupils 2000] [--photos 5000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from postguard import db  # noqa: E402
from postguard.checker import Checker  # noqa: E402
from postguard.consent import follow  # noqa: E402
from postguard.consent.published import FILE_NAME, fingerprint_of, load_or_create_key, publish, verify  # noqa: E402
from postguard.consent.store import GRANTED, NOT_ASKED, REFUSED, ConsentStore, Pupil  # noqa: E402
from postguard.images.hashing import HASH_VERSION, WORDS, windows  # noqa: E402
from postguard.settings import Settings  # noqa: E402
from synthetic_names import FIRST, SURNAMES  # noqa: E402

CONSENT = [GRANTED, GRANTED, GRANTED, REFUSED, NOT_ASKED]


def make_admin(home: Path, pupils: int, photos: int, rng: random.Random) -> list[str]:
    conn = db.connect(home / "postguard.sqlite3")
    store = ConsentStore(conn)
    roster = [
        Pupil(
            pupil_id=f"B{i:012d}",
            upn=f"B{i:012d}",
            adno=str(10000 + i),
            legal_forename=rng.choice(FIRST),
            legal_surname=rng.choice(SURNAMES),
            year_group=str(rng.randint(1, 6)),
            reg_group=f"Class {rng.randint(1, 6)}{rng.choice('ABC')}",
            photo_consent=rng.choice(CONSENT),
            name_consent=rng.choice(CONSENT),
        )
        for i in range(pupils)
    ]
    store.import_pupils(roster, actor="bench")
    store.replace_staff([(f"Mrs {s}", "teacher") for s in SURNAMES[:60]], actor="bench")
    rows_per_photo = len(windows())
    np_rng = np.random.default_rng(rng.randint(0, 2**32))
    with db.transaction(conn):
        for n in range(photos):
            blob = np_rng.integers(0, 2**63, size=(rows_per_photo, WORDS), dtype=np.uint64).astype("<u8").tobytes()
            cur = conn.execute(
                "INSERT INTO image_refs(source_name, source_key, sha256, file_bytes, width, height, format,"
                " hash_version, hashes, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    f"photo{n}.jpg",
                    None,
                    f"{n:064x}",
                    2_000_000,
                    4000,
                    3000,
                    "JPEG",
                    HASH_VERSION,
                    blob,
                    "2026-09-01T09:00:00+00:00",
                    "bench",
                ),
            )
            conn.execute(
                "INSERT INTO image_ref_pupils(ref_id, pupil_id) VALUES (?, ?)",
                (cur.lastrowid, roster[rng.randrange(pupils)].pupil_id),
            )
        store.mark_changed()
    conn.close()
    return [p.pupil_id for p in roster]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--photos", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(10)
    with tempfile.TemporaryDirectory(prefix="postguard-bench-publish-") as tmp:
        root = Path(tmp)
        admin, staff, share = root / "admin", root / "staff", root / "share"
        share.mkdir()
        started = time.perf_counter()
        ids = make_admin(admin, args.pupils, args.photos, rng)
        print(
            f"admin data folder: {args.pupils} pupils, {args.photos} reference photos "
            f"({len(windows())} hash rows each), built in {time.perf_counter() - started:.1f} s"
        )
        admin_conn = db.connect(admin / "postguard.sqlite3")
        staff_conn = db.connect(staff / "postguard.sqlite3")
        admin_store = ConsentStore(admin_conn)
        key, _ = load_or_create_key(admin)
        fingerprint = fingerprint_of(key.public_key())

        publish(admin_conn, admin, share)  # first publish makes the key; not timed
        t0 = time.perf_counter()
        first = follow.start_following(staff_conn, staff, str(share), fingerprint)
        first_follow = time.perf_counter() - t0
        assert first.status == follow.APPLIED, first.message
        # The staff computer's checker (real spaCy model, roster index, photo bank), as the daemon holds it.
        checker = Checker(Settings(home=staff, allow_demo_roster=False))

        publish_s, apply_s, unchanged_s, verify_s, rebuild_s, sizes = [], [], [], [], [], []
        for _ in range(args.rounds):
            pupil = admin_store.get(rng.choice(ids))
            flipped = REFUSED if pupil.name_consent == GRANTED else GRANTED  # a change: a new version
            admin_store.set_consent(pupil.pupil_id, name=flipped, actor="bench")
            t0 = time.perf_counter()
            result = publish(admin_conn, admin, share)
            publish_s.append(time.perf_counter() - t0)
            sizes.append(result.size_bytes)
            t0 = time.perf_counter()
            applied = follow.update(staff_conn, staff)
            apply_s.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            checker.refresh()  # what the daemon's next check does after a new list
            rebuild_s.append(time.perf_counter() - t0)
            assert applied.status == follow.APPLIED, applied.message
            t0 = time.perf_counter()
            same = follow.update(staff_conn, staff)
            unchanged_s.append(time.perf_counter() - t0)
            assert same.status == follow.CURRENT, same.message
            data = (share / FILE_NAME).read_bytes()
            t0 = time.perf_counter()
            verify(data, fingerprint)
            verify_s.append(time.perf_counter() - t0)
        staff_store = ConsentStore(staff_conn)
        assert staff_store.count() == args.pupils
        held = staff_conn.execute("SELECT COUNT(*) FROM image_refs").fetchone()[0]
        assert held == args.photos
        size = statistics.median(sizes)
        print(
            f"published file ({FILE_NAME}): {size / 1e6:.2f} MB "
            f"({size / (args.pupils + args.photos):.0f} bytes per pupil-or-photo)"
        )
        print(
            f"publish (snapshot, sign, atomic write):   median {statistics.median(publish_s) * 1000:7.0f} ms "
            f"over {args.rounds} runs"
        )
        print(f"take up a new list (read, verify, apply): median {statistics.median(apply_s) * 1000:7.0f} ms")
        print(
            f"look with nothing new (file unchanged):   median {statistics.median(unchanged_s) * 1000:7.1f} ms "
            "(the every-minute cost: a stat, or a 304 over https)"
        )
        print(f"verify only (key, signature, inflate):    median {statistics.median(verify_s) * 1000:7.0f} ms")
        print(
            f"checker rebuild after a new list:         median {statistics.median(rebuild_s) * 1000:7.0f} ms "
            "(roster index and photo bank, at the next check)"
        )
        print(f"first follow (read, verify, apply):              {first_follow * 1000:7.0f} ms")
        checker.close()
        admin_conn.close()
        staff_conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
