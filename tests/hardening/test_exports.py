"""Hostile Facebook exports: links out of an unpacked export, zip bombs, damaged members."""

from __future__ import annotations

import io
import json
import os
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "batch"))
from export_builder import ExportBuilder, media, photo_bytes, post  # noqa: E402

from postguard.batch.facebook_export import MAX_ENTRIES_PER_FILE, FacebookExportReader  # noqa: E402
from postguard.batch.json_stream import StreamError, iter_json_items  # noqa: E402

T0 = 1714557600
POSTS = "your_activity_across_facebook/posts/your_posts_1.json"
PHOTO = "your_activity_across_facebook/posts/media/t/x.jpg"


def export_with_photo() -> ExportBuilder:
    b = ExportBuilder()
    b.add_json(POSTS, [post("Sports day", T0, [media(PHOTO, T0)]), post("Library week", T0)])
    return b


@pytest.mark.parametrize("target", ["/etc/passwd", "outside.jpg", "folder"])
def test_links_out_of_an_unpacked_export_are_never_followed(tmp_path, target):
    root = export_with_photo().write_folder(tmp_path / "export")
    (tmp_path / "outside.jpg").write_bytes(photo_bytes())
    photo = root / PHOTO
    photo.parent.mkdir(parents=True, exist_ok=True)
    if target == "folder":  # the whole media folder is a link
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "x.jpg").write_bytes(photo_bytes())
        os.rmdir(photo.parent) if not any(photo.parent.iterdir()) else None
        photo.parent.symlink_to(tmp_path / "elsewhere")
    else:
        photo.symlink_to(target if target.startswith("/") else tmp_path / target)
    reader = FacebookExportReader(root)
    posts = list(reader.posts())
    assert posts[0].images == [] and posts[0].skipped == [f"photo is a link, not followed: {PHOTO}"]
    assert reader.notes["photos that are links, not followed"] == 1
    assert reader.notes["links in the export not followed"] >= 1
    with pytest.raises(ValueError):
        reader.media.read(PHOTO)
    with pytest.raises(ValueError):
        reader.media.image_input(PHOTO)


def test_a_linked_post_file_is_not_read(tmp_path):
    root = ExportBuilder().add_json(POSTS, [post("Hello", T0)]).write_folder(tmp_path / "export")
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps([{"data": [{"post": "private text"}], "timestamp": T0}]))
    (root / POSTS).parent.joinpath("your_posts_2.json").symlink_to(secret)
    reader = FacebookExportReader(root)
    assert [p.text for p in reader.posts()] == ["Hello"]
    assert reader.notes["links in the export not followed"] == 1


def bomb(entries: int, unit: bytes = b"{},") -> bytes:
    return b"[" + unit * entries + b"{}]"


@pytest.mark.parametrize(
    "payload",
    [
        bomb(120_000, b"1,"),  # many tiny entries: read up to the entry cap
        b"[" + b",".join([b"[" + b"1," * 100_000 + b"1]"] * 10) + b"]",  # small values in large entries
        b'[{"data": [' + b'{"post": "x"},' * 600_000 + b'{"post": "x"}]}]',  # one huge entry
        b"[" + b"[" * 200_000 + b"]" * 200_000 + b"]",  # deep
    ],
)
def test_post_file_bombs_stay_in_flat_memory(tmp_path, payload):
    b = ExportBuilder().add_raw(POSTS, payload)
    b.add_json("your_activity_across_facebook/posts/your_posts_2.json", [post("Still read", T0)])
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for inner, data in b.files.items():
            zf.writestr(inner, data)
    assert path.stat().st_size < 200_000  # small on disk, large inflated
    tracemalloc.start()
    try:
        reader = FacebookExportReader(path)
        texts = [p.text for p in reader.posts()]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert texts == ["Still read"] or texts[-1] == "Still read"
    assert peak < 64 * 1024 * 1024, peak
    assert sum(reader.notes.values()) >= 1  # what could not be used is counted, not silent


def test_entry_cap_is_counted(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(POSTS, bomb(MAX_ENTRIES_PER_FILE + 10))
    reader = FacebookExportReader(path)
    list(reader.posts())
    assert any("more than 100,000 entries" in note for note in reader.notes)


def damage(path: Path, inner: str) -> None:
    """Flip one byte of a stored member's data: its CRC no longer matches."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(inner)
    data = bytearray(path.read_bytes())
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[offset + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def stored_zip(b: ExportBuilder, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for inner, data in b.files.items():
            zf.writestr(inner, data)
    return path


@pytest.mark.parametrize("damaged", ["post file", "photo", "both"])
def test_damaged_members_are_skipped_and_counted(tmp_path, damaged):
    b = export_with_photo()
    b.add_photo(PHOTO, 1)
    b.add_json("your_activity_across_facebook/posts/your_posts_2.json", [post("Second file " * 20, T0)])
    path = stored_zip(b, tmp_path / "damaged.zip")
    if damaged in ("post file", "both"):
        damage(path, "your_activity_across_facebook/posts/your_posts_2.json")
    if damaged in ("photo", "both"):
        damage(path, PHOTO)
    reader = FacebookExportReader(path)
    posts = list(reader.posts())
    assert posts[0].text == "Sports day"
    if damaged in ("post file", "both"):
        # Plain words in the report, never the exception's name (issue 13).
        assert any("your_posts_2.json (damaged" in n for n in reader.notes), reader.notes
        assert not any("BadZipFile" in n for n in reader.notes)
    if damaged in ("photo", "both"):
        with pytest.raises(ValueError, match="damaged"):
            reader.media.image_input(PHOTO)


def test_stream_reader_shapes():
    def items(raw: bytes) -> list:
        return list(iter_json_items(io.BytesIO(raw), max_item_chars=1000))

    assert items(b' [ {"a": 1} , 2, "x" ] ') == [{"a": 1}, 2, "x"]
    assert items(b'{"profile_posts_v2": [1, 2], "other": {"k": 1}}') == [1, 2]
    assert items(b"\xef\xbb\xbf[12345]") == [12345]
    for broken in (b"[1, 2", b"[1 2]", b"nope", b"[1] [2]", b'[{"a": "' + b"x" * 2000 + b'"}]'):
        with pytest.raises(StreamError):
            items(broken)


def test_batch_with_damaged_members_still_writes_its_report(make_home, tmp_path):
    import subprocess

    b = export_with_photo()
    b.add_photo(PHOTO, 1)
    b.add_json("your_activity_across_facebook/posts/your_posts_2.json", [post("Second file " * 20, T0)])
    path = stored_zip(b, tmp_path / "damaged.zip")
    damage(path, "your_activity_across_facebook/posts/your_posts_2.json")
    damage(path, PHOTO)
    settings = make_home()
    out = tmp_path / "report.html"
    run = subprocess.run(
        [sys.executable, "-m", "postguard", "--home", str(settings.home), "batch", str(path), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode in (0, 3, 4), run.stderr
    assert "Traceback" not in run.stderr
    page = out.read_text("utf-8")
    assert "your_posts_2.json (damaged" in page and "BadZipFile" not in page
    assert "damaged in the zip" in page or "could not be read" in page


@pytest.mark.parametrize(
    "album",
    [
        b'{"name": "Sports", "photos": [' + b'{"title": "x"},' * 300_000 + b'{}], "description": "Still read"}',
        b'{"photos": [' + b"[1, 2, 3]," * 300_000 + b'[]], "name": "Sports", "description": "Still read"}',
    ],
)
def test_album_bombs_stay_in_flat_memory(tmp_path, album):
    path = tmp_path / "album-bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("your_activity_across_facebook/posts/album/0.json", album)
    tracemalloc.start()
    try:
        reader = FacebookExportReader(path)
        posts = list(reader.posts())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Past the entry cap the rest (here the description) is not read, and that is counted.
    assert len(posts) <= 100_000 and not [p.text for p in posts if p.text]
    assert peak < 64 * 1024 * 1024, peak
    assert any("more than 100,000 entries" in note for note in reader.notes), reader.notes
