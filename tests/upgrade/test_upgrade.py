"""Upgrades keep data: today's PostGuard opens a data folder that release 0.1.0 made (its database
restored from data-0.1.0.sql, which that release's own code wrote; see make_release_fixture.py),
runs the migrations, and the roster, consent history, staff, photo hashes, pairing and audit are
all still there and used (real CLI processes, real SQLite, the real model for the checks)."""

from __future__ import annotations

import importlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "images"))

from image_fixtures import ALSO_NO_PHOTO_CONSENT, NO_PHOTO_CONSENT, encode, photo  # noqa: E402

from postguard import db  # noqa: E402
from postguard.images.hashing import HASH_VERSION  # noqa: E402

POSTGUARD = str(Path(sys.executable).with_name("postguard"))
DUMP = Path(__file__).with_name("data-0.1.0.sql")
RELEASE_HASH_VERSION = 4


def postguard(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([POSTGUARD, "--home", str(home), *args], capture_output=True, text=True, timeout=300)


def restored(parent: Path) -> Path:
    """A data folder whose database is the release's, as that release left it."""
    home = parent / "home"
    home.mkdir(mode=0o700)
    conn = sqlite3.connect(home / "postguard.sqlite3")
    conn.executescript(DUMP.read_text("utf-8"))
    conn.close()
    return home


@pytest.fixture(scope="module")
def old_home(tmp_path_factory) -> Path:
    return restored(tmp_path_factory.mktemp("upgrade"))


def released_versions(home: Path) -> dict[str, int]:
    conn = sqlite3.connect(home / "postguard.sqlite3")
    try:
        return dict(conn.execute("SELECT component, version FROM schema_migrations").fetchall())
    finally:
        conn.close()


def test_the_fixture_is_the_old_schema():
    conn = sqlite3.connect(":memory:")
    conn.executescript(DUMP.read_text("utf-8"))
    assert dict(conn.execute("SELECT component, version FROM schema_migrations")) == {
        "consent": 1,
        "server": 1,
        "images": 1,
    }


def test_migrations_run_and_the_roster_and_history_survive(old_home):
    listed = postguard(old_home, "consent", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    current = {c: len(importlib.import_module(m).MIGRATIONS) for c, m in db.COMPONENTS}
    assert released_versions(old_home) == current
    pupils = json.loads(listed.stdout)
    rows = pupils if isinstance(pupils, list) else pupils["pupils"]
    assert len(rows) == 24
    assert "DEMO" not in listed.stderr  # the school's roster, not the demo one
    conn = db.connect(old_home / "postguard.sqlite3")
    try:
        assert conn.execute("SELECT COUNT(*) FROM consent_audit").fetchone()[0] >= 25
        assert conn.execute("SELECT COUNT(*) FROM staff").fetchone()[0] == 4
        assert conn.execute("SELECT COUNT(*) FROM paired_clients").fetchone()[0] == 1
    finally:
        conn.close()
    audit = postguard(old_home, "audit", "--json")
    assert audit.returncode == 0 and '"pupil.no_consent"' in audit.stdout and "T100000000001" in audit.stdout


def test_old_photo_hashes_are_kept_and_still_match(old_home, tmp_path):
    listed = postguard(old_home, "images", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    refs = json.loads(listed.stdout)
    assert sorted(p for r in refs for p in r["pupils"]) == sorted([NO_PHOTO_CONSENT, ALSO_NO_PHOTO_CONSENT])
    draft = tmp_path / "draft.jpg"
    draft.write_bytes(encode(photo(101)))  # the reference photo release 0.1.0 hashed
    checked = postguard(old_home, "check", "Our school trip", "--image", str(draft), "--json")
    result = json.loads(checked.stdout)
    if HASH_VERSION == RELEASE_HASH_VERSION:
        assert checked.returncode == 4 and result["verdict"] == "block", checked.stdout
    else:  # a newer hash: the old references are listed as needing to be added again, never silently dropped
        assert "hashed by an older PostGuard" in listed.stderr


def test_old_consent_still_decides_a_text_check(old_home):
    checked = postguard(old_home, "check", "Amelia Stanton won the spelling bee", "--json")
    assert checked.returncode == 4, checked.stdout
    assert json.loads(checked.stdout)["verdict"] == "block"


def test_a_data_folder_from_a_newer_postguard_is_refused_and_left_alone(tmp_path):
    home = restored(tmp_path)
    conn = sqlite3.connect(home / "postguard.sqlite3")
    conn.execute("UPDATE schema_migrations SET version = 99 WHERE component = 'images'")
    conn.commit()
    conn.close()
    result = postguard(home, "consent", "list")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "made by a newer PostGuard" in result.stderr
    assert released_versions(home) == {"consent": 1, "server": 1, "images": 99}  # nothing migrated


def test_a_damaged_database_is_one_sentence(tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "postguard.sqlite3").write_bytes(b"this is not an SQLite database, it was overwritten" * 100)
    for args in (("consent", "list"), ("check", "Hello there")):
        result = postguard(home, *args)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.strip().count("\n") == 0 and "is damaged or is not a PostGuard database" in result.stderr
