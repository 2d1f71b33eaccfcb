"""Make tests/upgrade/data-<release>.sql: a data folder as a released PostGuard left it.

Not a test. Run once per release, from the repository root, with the project's venv:
    .venv/bin/python tests/upgrade/make_release_fixture.py 0.1.0 fdb21cb
It unpacks that commit (git archive), runs *its* CLI and modules (not today's) to import the test
roster and staff list, add and sync reference photos, pair a browser and record a check, then
dumps the SQLite database as SQL (the token file is not kept). The dump is committed, so the
upgrade test needs no history.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "images"))

from image_fixtures import ALSO_NO_PHOTO_CONSENT, NO_PHOTO_CONSENT, encode, photo  # noqa: E402

RELEASE_SCRIPT = """
import sys
from pathlib import Path
from postguard import db
from postguard.server import audit, pairing
home = Path(sys.argv[1])
conn = db.connect(home / "postguard.sqlite3")
assert pairing.redeem(conn, pairing.new_code(conn), "chrome-extension://abcdefghijklmnopabcdefghijklmnop")
audit.record(conn, audit.AuditEntry(status="ok", duration_ms=41.5, verdict="block", codes=["pupil.no_consent"],
             pupils=["T100000000001"], consent_version=3, check_ms=38.2, origin="chrome-extension://abcdefghijklmnop"
             "abcdefghijklmnop", at="2026-11-30T09:15:00.000+00:00"))
"""


def main(release: str, commit: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        archive = subprocess.run(["git", "archive", commit], cwd=REPO, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(root / "release", filter="data")
        env = {**os.environ, "PYTHONPATH": str(root / "release" / "daemon"), "USER": "itadmin"}
        home = root / "home"
        photos = root / "photos"
        drop = photos / "drop" / ALSO_NO_PHOTO_CONSENT
        drop.mkdir(parents=True)
        (photos / "school-photo.jpg").write_bytes(encode(photo(101)))
        (drop / "sports-day.jpg").write_bytes(encode(photo(102)))

        def postguard(*args: str) -> None:
            subprocess.run([sys.executable, "-m", "postguard", "--home", str(home), *args], env=env, check=True)

        postguard("consent", "import", str(REPO / "tests" / "fixtures" / "roster.csv"))
        postguard("staff", "import", str(REPO / "tests" / "fixtures" / "staff.csv"))
        postguard("images", "add", "--pupil", NO_PHOTO_CONSENT, str(photos / "school-photo.jpg"))
        postguard("images", "sync", str(photos / "drop"))
        subprocess.run([sys.executable, "-c", RELEASE_SCRIPT, str(home)], env=env, check=True)
        conn = sqlite3.connect(home / "postguard.sqlite3")
        dump = "\n".join(conn.iterdump())
        conn.close()
    out = REPO / "tests" / "upgrade" / f"data-{release}.sql"
    header = (
        f"-- A PostGuard {release} data folder's database (commit {commit}), made by\n"
        f"-- tests/upgrade/make_release_fixture.py with that release's own code. Invented test pupils only.\n"
    )
    out.write_text(header + dump + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
