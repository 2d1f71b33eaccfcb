"""ConsentStore on real SQLite: upserts, pupils who left, audit trail, version, permissions."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from postguard import db
from postguard.consent.mis_import import parse_mis_csv
from postguard.consent.store import GRANTED, REFUSED, ConsentStore

ROSTER_CSV = Path(__file__).parents[1] / "fixtures" / "roster.csv"


def fixture_pupils():
    return parse_mis_csv(ROSTER_CSV.read_bytes()).pupils


def test_reimport_upserts_marks_left_and_audits(make_home):
    settings = make_home(roster=False)
    store = ConsentStore(db.connect(settings.db_path))
    pupils = fixture_pupils()
    first = store.import_pupils(pupils, actor="admin")
    assert (first.added, first.updated, first.marked_left) == (len(pupils), 0, 0)
    v1 = store.version

    changed = [replace(pupils[0], name_consent=GRANTED)] + pupils[2:]  # pupils[1] left the school
    held = store.import_pupils(changed, actor="admin")  # a refusal is not lifted by an import
    assert (held.added, held.updated, held.marked_left) == (0, 0, 1)
    assert [(h.pupil.upn, h.field, h.mis_value) for h in held.held] == [(pupils[0].upn, "name_consent", GRANTED)]
    assert store.get(pupils[0].upn).name_consent == REFUSED
    second = store.import_pupils(changed, actor="admin", accept_grants=True)
    assert (second.added, second.updated, second.marked_left, second.held) == (0, 1, 0, [])
    assert store.version > v1
    assert store.get(pupils[0].upn).name_consent == GRANTED
    left = store.get(pupils[1].upn)
    assert left is not None and not left.on_roll  # kept, flagged
    assert pupils[1].pupil_id not in {p.pupil_id for p in store.pupils()}
    history = store.history(pupils[0].upn)
    assert history[0]["what"] == "name_consent" and history[0]["old"] == REFUSED and history[0]["new"] == GRANTED
    assert history[0]["actor"] == "admin"


def test_set_consent_is_audited_and_bumps_version(make_home):
    store = ConsentStore(db.connect(make_home().db_path))
    before = store.version
    pupil = store.set_consent("T100000000003", photo=REFUSED, no_publish=True, actor="itadmin")
    assert pupil.photo_consent == REFUSED and pupil.no_publish and store.version == before + 1
    whats = {r["what"] for r in store.history("T100000000003")}
    assert {"photo_consent", "no_publish"} <= whats


def test_failed_import_changes_nothing(make_home):
    store = ConsentStore(db.connect(make_home().db_path))
    before = (store.version, store.count())
    bad = fixture_pupils()
    bad = bad + [replace(bad[0], pupil_id="X", upn="X", adno=None, legal_forename=None)]  # NOT NULL fails mid-import
    with pytest.raises(sqlite3.IntegrityError):
        store.import_pupils(bad)
    assert (store.version, store.count()) == before


def test_data_folder_is_owner_only(make_home):
    settings = make_home()
    assert stat.S_IMODE(os.stat(settings.home).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(settings.db_path).st_mode) == 0o600


def test_demo_roster_is_loaded_only_when_nothing_was_imported(tmp_path):
    from postguard.settings import Settings

    store = ConsentStore(db.connect(Settings(home=tmp_path / "h").db_path))
    assert store.ensure_roster() is True and store.count() > 0
    summary = store.import_pupils(fixture_pupils())
    assert summary.demo_removed > 0 and not store.is_demo
    assert store.count() == len(fixture_pupils())


def test_left_pupils_without_consent_stay_protected(make_home, nlp):
    from postguard.checker import Checker

    settings = make_home()
    checker = Checker(settings, nlp=nlp)
    store = checker.store
    pupils = fixture_pupils()
    freya = next(p for p in pupils if p.legal_forename == "Freya")  # No Publish
    kacper = next(p for p in pupils if p.legal_forename == "Kacper")  # consent granted
    store.import_pupils([p for p in pupils if p not in (freya, kacper)])  # both left the school
    text = "Freya and Kacper came back to visit."
    result = checker.check(text)
    codes = {text[f.start : f.end]: f.code for f in result.findings}
    assert codes.get("Freya") == "pupil.no_consent"
    assert "has left the school" in result.findings[0].message
    assert "Kacper" not in codes  # a left pupil with consent is no longer matched
    checker.close()


def test_migration_statements_may_contain_semicolons():
    from postguard.db import _split_sql

    assert _split_sql("CREATE TABLE a(x TEXT DEFAULT 'a;b');\nINSERT INTO a VALUES ('c;d')") == [
        "CREATE TABLE a(x TEXT DEFAULT 'a;b');",
        "INSERT INTO a VALUES ('c;d');",
    ]


def test_forget_removes_names_history_photo_links_and_check_records(make_home):
    import json

    store = ConsentStore(db.connect(make_home().db_path))
    zoe, grace = "T100000000004", "T100000000005"
    store.set_consent(zoe, name=REFUSED, actor="office")
    conn = store.conn
    refs = []
    for name in ("zoe.jpg", "zoe-and-grace.jpg"):
        cur = conn.execute(
            "INSERT INTO image_refs(source_name, sha256, file_bytes, width, height, format, hash_version, hashes,"
            " added_at, added_by) VALUES (?, ?, 1, 1, 1, 'JPEG', 4, x'00', 'now', 'tests')",
            (name, name),
        )
        refs.append(cur.lastrowid)
    conn.execute("INSERT INTO image_ref_pupils VALUES (?, ?)", (refs[0], zoe))
    conn.executemany("INSERT INTO image_ref_pupils VALUES (?, ?)", [(refs[1], zoe), (refs[1], grace)])
    conn.execute(
        "INSERT INTO check_audit(at, status, pupils, duration_ms) VALUES ('now', 'ok', ?, 1.0)",
        (json.dumps([zoe, grace]),),
    )
    before = store.version
    store.forget(zoe, actor="dpo")
    assert store.get(zoe) is None and store.version == before + 1
    assert [(r["what"], r["actor"]) for r in store.history(zoe)] == [("forgotten", "dpo")]
    assert [r[0] for r in conn.execute("SELECT id FROM image_refs ORDER BY id")] == [refs[1]]  # shared photo kept
    assert [tuple(r) for r in conn.execute("SELECT ref_id, pupil_id FROM image_ref_pupils")] == [(refs[1], grace)]
    assert json.loads(conn.execute("SELECT pupils FROM check_audit").fetchone()[0]) == [grace]
    dump = "\n".join(conn.iterdump())
    assert "Marchetti" not in dump
    on_disk = b"".join(
        p.read_bytes() for p in Path(conn.execute("PRAGMA database_list").fetchone()[2]).parent.glob("*")
    )
    assert b"Marchetti" not in on_disk  # not in freed pages or the write-ahead log either


def test_the_demo_staff_list_goes_with_the_demo_roster(make_home):
    settings = make_home(roster=False)
    store = ConsentStore(db.connect(settings.db_path))
    assert store.ensure_roster(allow_demo=True) and store.staff()
    summary = store.import_pupils(fixture_pupils(), actor="admin")
    assert summary.demo_removed > 0 and not store.is_demo
    assert store.staff() == []  # the invented staff went with the invented pupils


def test_an_imported_staff_list_stays_when_the_demo_roster_goes(make_home):
    settings = make_home(roster=False)
    store = ConsentStore(db.connect(settings.db_path))
    store.ensure_roster(allow_demo=True)
    store.replace_staff([("Mrs Green", "teacher")], actor="admin")
    store.import_pupils(fixture_pupils(), actor="admin")
    assert [r["name"] for r in store.staff()] == ["Mrs Green"]
