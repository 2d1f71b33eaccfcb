"""The admin commands end to end through the real CLI (click's CliRunner) on a real SQLite home."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from image_fixtures import ALSO_NO_PHOTO_CONSENT, HAS_PHOTO_CONSENT, NO_PHOTO_CONSENT, encode, photo

from postguard import db
from postguard.cli import build_cli
from postguard.consent.store import ConsentStore


@pytest.fixture
def run(image_home):
    cli = build_cli()
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--home", str(image_home.home), *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def version(image_home):
    def current() -> int:
        conn = db.connect(image_home.db_path)
        try:
            return ConsentStore(conn).version
        finally:
            conn.close()

    return current


def listed(run, *args: str) -> list[dict]:
    result = run("images", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture
def photos(tmp_path):
    folder = tmp_path / "photos"
    (folder / "trip").mkdir(parents=True)
    (folder / "a.jpg").write_bytes(encode(photo(1)))
    (folder / "trip" / "b.png").write_bytes(encode(photo(2), "PNG"))
    (folder / "trip" / "notes.txt").write_text("not a photo")  # skipped: not an image file name
    (folder / "trip" / "broken.jpg").write_bytes(encode(photo(3))[:2000])
    return folder


def test_add_unknown_pupil_changes_nothing(run, photos, version):
    before = version()
    result = run("images", "add", "--pupil", "T999", str(photos / "a.jpg"))
    assert result.exit_code == 1 and "Nothing was added" in result.output and "T999" in result.output
    assert listed(run) == [] and version() == before


def test_add_folder_recursively_reports_bad_file_and_keeps_the_rest(run, photos, version):
    before = version()
    result = run("images", "add", "--pupil", NO_PHOTO_CONSENT, str(photos))
    assert result.exit_code == 1  # one file could not be used
    assert "NOT added" in result.output and "broken.jpg" in result.output and "damaged" in result.output
    assert "2 photo(s) added" in result.output
    rows = listed(run)
    assert sorted(r["file"] for r in rows) == ["a.jpg", "b.png"]
    assert all(r["pupils"] == [NO_PHOTO_CONSENT] and r["matched"] for r in rows)
    assert version() == before + 1


def test_same_photo_again_links_another_pupil(run, photos):
    run("images", "add", "--pupil", NO_PHOTO_CONSENT, str(photos / "a.jpg"))
    result = run("images", "add", "--pupil", ALSO_NO_PHOTO_CONSENT, str(photos / "a.jpg"))
    assert result.exit_code == 0 and "already in the bank" in result.output
    (row,) = listed(run)
    assert sorted(row["pupils"]) == sorted([NO_PHOTO_CONSENT, ALSO_NO_PHOTO_CONSENT])
    assert [r["file"] for r in listed(run, "--pupil", ALSO_NO_PHOTO_CONSENT)] == ["a.jpg"]
    assert listed(run, "--pupil", HAS_PHOTO_CONSENT) == []


def test_list_table_and_unmatched_photo_of_consented_pupil(run, photos):
    result = run("images", "add", "--pupil", HAS_PHOTO_CONSENT, str(photos / "a.jpg"))
    assert result.exit_code == 0 and "not matched until that changes" in result.output
    result = run("images", "list")
    assert result.exit_code == 0
    assert "a.jpg" in result.output and "0 matched" in result.output
    assert listed(run)[0]["matched"] is False


def test_remove(run, photos, version):
    run("images", "add", "--pupil", NO_PHOTO_CONSENT, str(photos / "a.jpg"), str(photos / "trip" / "b.png"))
    ids = [r["id"] for r in listed(run)]
    before = version()
    result = run("images", "remove", str(ids[0]), "9999")
    assert result.exit_code == 1 and "Nothing was removed" in result.output
    assert len(listed(run)) == 2 and version() == before
    result = run("images", "remove", str(ids[0]))
    assert result.exit_code == 0 and f"removed #{ids[0]}" in result.output
    assert [r["id"] for r in listed(run)] == ids[1:] and version() == before + 1


def test_sync_mirrors_the_drop_folder(run, tmp_path, version):
    drop = tmp_path / "consent_images"
    (drop / NO_PHOTO_CONSENT).mkdir(parents=True)
    (drop / ALSO_NO_PHOTO_CONSENT).mkdir()
    (drop / "T000NOBODY").mkdir()
    (drop / "README.md").write_text("layout")  # top-level files are not photos of anyone
    (drop / NO_PHOTO_CONSENT / "one.jpg").write_bytes(encode(photo(1)))
    (drop / ALSO_NO_PHOTO_CONSENT / "two.jpg").write_bytes(encode(photo(2)))
    (drop / "T000NOBODY" / "three.jpg").write_bytes(encode(photo(3)))

    result = run("images", "sync", str(drop))
    assert result.exit_code == 1 and "T000NOBODY" in result.output  # unknown folder reported
    assert "2 added" in result.output
    files = {r["file"]: r["pupils"] for r in listed(run)}
    assert files == {
        f"{NO_PHOTO_CONSENT}/one.jpg": [NO_PHOTO_CONSENT],
        f"{ALSO_NO_PHOTO_CONSENT}/two.jpg": [ALSO_NO_PHOTO_CONSENT],
    }

    (drop / "T000NOBODY" / "three.jpg").unlink()
    (drop / "T000NOBODY").rmdir()
    before = version()
    result = run("images", "sync", str(drop))
    assert result.exit_code == 0 and "0 added" in result.output and "2 unchanged" in result.output
    assert version() == before  # nothing changed, no new version

    (drop / NO_PHOTO_CONSENT / "one.jpg").write_bytes(encode(photo(4)))  # replaced by another photo
    (drop / ALSO_NO_PHOTO_CONSENT / "two.jpg").unlink()
    result = run("images", "sync", str(drop))
    assert result.exit_code == 0 and "1 re-hashed" in result.output and "1 removed" in result.output
    assert [r["file"] for r in listed(run)] == [f"{NO_PHOTO_CONSENT}/one.jpg"]
    assert version() > before


def test_sync_leaves_photos_added_by_hand(run, photos, tmp_path):
    run("images", "add", "--pupil", NO_PHOTO_CONSENT, str(photos / "a.jpg"))
    empty = tmp_path / "empty_drop"
    empty.mkdir()
    assert run("images", "sync", str(empty)).exit_code == 0
    assert [r["file"] for r in listed(run)] == ["a.jpg"]


def test_check_image_end_to_end(run, photos, tmp_path):
    run("images", "add", "--pupil", NO_PHOTO_CONSENT, str(photos / "a.jpg"))
    draft = tmp_path / "draft.jpg"
    draft.write_bytes(encode(photo(1).resize((640, 480)), quality=60))
    result = run("check", "--json", "--image", str(draft), "A lovely day at the farm")
    assert result.exit_code == 4, result.output  # block
    body = json.loads(result.output)
    (finding,) = [f for f in body["findings"] if f["code"] == "image.no_consent"]
    assert finding["image"] == str(draft) and finding["pupils"] == [NO_PHOTO_CONSENT]
    # consent given: the same photo is fine at the next check, without re-adding anything
    assert run("consent", "set", NO_PHOTO_CONSENT, "--photo", "yes").exit_code == 0
    result = run("check", "--json", "--image", str(draft), "A lovely day at the farm")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["findings"] == []


def test_references_hashed_by_an_older_version_are_reported_not_matched(run, photos, image_home, tmp_path):
    run("images", "add", "--pupil", NO_PHOTO_CONSENT, str(photos / "a.jpg"))
    conn = db.connect(image_home.db_path)
    conn.execute("UPDATE image_refs SET hash_version = 1")
    conn.close()
    result = run("images", "list")
    assert "older PostGuard" in result.output and "0 matched" in result.output
    draft = tmp_path / "draft.jpg"
    draft.write_bytes(encode(photo(1)))
    assert run("check", "--json", "--image", str(draft), "Hello").exit_code == 0
