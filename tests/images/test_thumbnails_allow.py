"""Opt-in reference thumbnails and "not this photo", through the real CLI on a real data folder."""

from __future__ import annotations

import hashlib
import io
import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from image_fixtures import NO_PHOTO_CONSENT, encode, photo
from PIL import Image

from postguard import db
from postguard.cli import build_cli
from postguard.images.bank import ReferenceBank, delete_thumbnails_for, thumbnail_path


@pytest.fixture
def run(image_home):
    cli = build_cli()
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--home", str(image_home.home), *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def conn(image_home):
    c = db.connect(image_home.db_path)
    yield c
    c.close()


def added(run, *args: str) -> list[dict]:
    result = run("images", "add", "--pupil", NO_PHOTO_CONSENT, *args)
    assert result.exit_code == 0, result.output
    return json.loads(run("images", "list", "--json").output)


def test_thumbnails_only_when_asked(run, conn, tmp_path):
    (tmp_path / "a.jpg").write_bytes(encode(photo(1)))
    (rows,) = [added(run, str(tmp_path / "a.jpg"))]
    assert rows[0]["thumbnail"] is False and not thumbnail_path(conn, rows[0]["id"]).exists()


def test_thumbnail_is_small_owner_only_and_removed_with_the_photo(run, conn, tmp_path):
    (tmp_path / "a.jpg").write_bytes(encode(photo(2, (1600, 1200))))
    (row,) = added(run, "--thumbnail", str(tmp_path / "a.jpg"))
    path = thumbnail_path(conn, row["id"])
    assert row["thumbnail"] is True and path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with Image.open(io.BytesIO(path.read_bytes())) as im:
        assert max(im.size) <= 96
    assert ReferenceBank(conn).thumbnails_of(NO_PHOTO_CONSENT) == [path.read_bytes()]
    assert run("images", "remove", str(row["id"])).exit_code == 0
    assert not path.exists()


def test_thumbnails_go_with_the_pupils_to_look_for(image_home, run, tmp_path, nlp):
    from postguard.checker import Checker, ImageInput

    skimage = pytest.importorskip("skimage")
    (tmp_path / "a.jpg").write_bytes(encode(photo(7)))
    added(run, "--thumbnail", str(tmp_path / "a.jpg"))
    checker = Checker(image_home, nlp=nlp)
    try:
        astronaut = ImageInput(name="a.png", path=Path(skimage.__file__).parent / "data" / "astronaut.png")
        (faces,) = [f for f in checker.check("Year 4 trip", [astronaut]).findings if f.code == "image.faces"]
    finally:
        checker.close()
    (who,) = faces.extra["candidates"]
    assert who["pupil"] == NO_PHOTO_CONSENT and who["thumbnails"][0].startswith("data:image/jpeg;base64,")


def test_forgetting_a_pupil_deletes_their_thumbnails(run, conn, tmp_path):
    (tmp_path / "a.jpg").write_bytes(encode(photo(3)))
    (tmp_path / "b.jpg").write_bytes(encode(photo(4)))
    rows = added(run, "--thumbnail", str(tmp_path / "a.jpg"), str(tmp_path / "b.jpg"))
    paths = [thumbnail_path(conn, r["id"]) for r in rows]
    assert all(p.exists() for p in paths)
    assert delete_thumbnails_for(conn, NO_PHOTO_CONSENT) == 2
    assert not any(p.exists() for p in paths)
    assert ReferenceBank(conn).thumbnails_of(NO_PHOTO_CONSENT) == []


def test_allow_marks_not_this_photo_and_is_recorded(run, conn, tmp_path):
    (tmp_path / "a.jpg").write_bytes(encode(photo(5)))
    (row,) = added(run, str(tmp_path / "a.jpg"))
    draft = hashlib.sha256(b"a draft photo").hexdigest()
    result = run("images", "allow", draft, "--reference", str(row["id"]))
    assert result.exit_code == 0 and "marked as not this photo" in result.output
    again = run("images", "allow", draft.upper(), "--reference", str(row["id"]))
    assert "already marked" in again.output
    assert ReferenceBank(conn).allowed() == [(row["id"], draft)]
    audit = conn.execute("SELECT action, ref_id, sha256, pupils FROM image_allowed_audit").fetchall()
    assert [(a["action"], a["ref_id"], a["sha256"], json.loads(a["pupils"])) for a in audit] == [
        ("allow", row["id"], draft, [NO_PHOTO_CONSENT])
    ]


@pytest.mark.parametrize("args", [["not-a-hash", "--reference", "1"], ["a" * 64, "--reference", "999"]])
def test_allow_with_bad_input_changes_nothing(run, conn, tmp_path, args):
    (tmp_path / "a.jpg").write_bytes(encode(photo(6)))
    added(run, str(tmp_path / "a.jpg"))
    result = run("images", "allow", *args)
    assert result.exit_code == 1 and ReferenceBank(conn).allowed() == []


def test_consent_forget_deletes_the_pupils_thumbnails(run, conn, tmp_path):
    (tmp_path / "a.jpg").write_bytes(encode(photo(8)))
    (row,) = added(run, "--thumbnail", str(tmp_path / "a.jpg"))
    path = thumbnail_path(conn, row["id"])
    assert path.exists()
    result = run("consent", "forget", NO_PHOTO_CONSENT, "--yes")
    assert result.exit_code == 0 and "1 file(s)" in result.output
    assert not path.exists()
