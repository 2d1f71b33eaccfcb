"""The Facebook export reader on small exports built here (folder and zip)."""

import pytest
from export_builder import ExportBuilder, media, post

from postguard.batch.facebook_export import FacebookExportReader
from postguard.batch.model import InputError
from postguard.batch.mojibake import repair, repair_text

POSTS = "your_activity_across_facebook/posts"
T0 = 1714557600  # 2024-05-01 10:00 UTC


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("Jos\u00c3\u00a9", "José"),  # é written as two escaped bytes
        ("Zo\u00c3\u00ab", "Zoë"),
        ("Well done \u00f0\u009f\u008e\u0089", "Well done 🎉"),  # a 4-byte emoji
        ("José", "José"),  # already right: not valid UTF-8 bytes
        ("Łódź", "Łódź"),  # beyond Latin-1: left alone
        ("plain ascii", "plain ascii"),
        ("Ã", "Ã"),  # a lone lead byte is not mojibake
        ("half an emoji \ud83d!", "half an emoji \ufffd!"),  # cannot be written as UTF-8: replaced
    ],
)
def test_repair_text(raw, fixed):
    assert repair_text(raw) == fixed


def test_repair_walks_nested_json():
    assert repair({"a": ["Jos\u00c3\u00a9", {"b": "Zo\u00c3\u00ab"}], "n": 3}) == {"a": ["José", {"b": "Zoë"}], "n": 3}


def sample_export() -> ExportBuilder:
    b = ExportBuilder()
    b.add_json(
        f"{POSTS}/your_posts__check_ins__photos_and_videos_1.json",
        [
            post(
                "Well done José and Zoë on sports day! 🎉",
                T0,
                [media(f"{POSTS}/media/Timeline_1/sports.jpg", T0, description="Relay race")],
            ),
            post(
                "Our new library opens on Monday.",
                T0 - 86400 * 30,
                place=None,
                attachments=[
                    {
                        "data": [
                            {"place": {"name": "Riverside Primary", "address": "1 Mill Lane"}},
                            {"external_context": {"url": "https://example.org/library"}},
                        ]
                    }
                ],
            ),
            post("Look at our art display", T0 - 86400 * 60, [media(f"{POSTS}/media/Timeline_1/missing.jpg", T0)]),
            {"timestamp": T0 - 86400 * 90, "title": "Riverside updated their cover photo."},
            post(
                "Class assembly video",
                T0 - 86400 * 100,
                [
                    {
                        "uri": f"{POSTS}/media/videos/assembly.mp4",
                        "creation_timestamp": T0,
                        "thumbnail": {"uri": f"{POSTS}/media/videos/assembly_thumb.jpg"},
                    }
                ],
            ),
            post("Trip photos", T0 - 86400 * 120, tags=["Harriet Jones", {"name": "Sam Patel"}]),
            post("Sneaky", T0 - 86400 * 130, [media("../../../etc/passwd.jpg", T0)]),
        ],
    )
    b.add_json(
        f"{POSTS}/album/0.json",
        {
            "name": "Sports Day 2024",
            "description": "Photos from our sports day",
            "last_modified_timestamp": T0,
            "photos": [
                media(f"{POSTS}/media/Timeline_1/sports.jpg", T0, description="Relay race"),
                media(f"{POSTS}/media/SportsDay/egg.jpg", T0 + 60, description="Egg and spoon: Amélie won"),
            ],
        },
    )
    b.add_raw(f"{POSTS}/broken_posts_2.json", b"{ not json")
    b.add_raw(f"{POSTS}/deep_posts_3.json", b"[" * 100000 + b"]" * 100000)
    b.add_photo(f"{POSTS}/media/Timeline_1/sports.jpg", 1)
    b.add_photo(f"{POSTS}/media/SportsDay/egg.jpg", 2)
    b.add_photo(f"{POSTS}/media/videos/assembly_thumb.jpg", 3)
    b.add_raw(f"{POSTS}/media/videos/assembly.mp4", b"\x00\x00\x00\x18ftypmp42")
    return b


def read_all(path, since=None):
    reader = FacebookExportReader(path)
    return reader, list(reader.posts(since))


@pytest.fixture(params=["folder", "zip", "zip-wrapped"])
def export_path(request, tmp_path):
    b = sample_export()
    if request.param == "folder":
        return b.write_folder(tmp_path / "export")
    if request.param == "zip":
        return b.write_zip(tmp_path / "facebook-riverside.zip")
    b.prefix = "facebook-riverside-2024/"
    return b.write_zip(tmp_path / "facebook-riverside.zip")


def test_reads_posts_albums_and_media(export_path):
    reader, posts = read_all(export_path)
    texts = [p.text for p in posts]
    # Mojibake repaired; the caption is checked with the post; the empty post is skipped.
    assert texts[0] == "Well done José and Zoë on sports day! 🎉\n\nRelay race"
    assert posts[0].images[0].endswith("media/Timeline_1/sports.jpg")
    assert posts[0].timestamp == T0
    assert posts[0].source.endswith("your_posts__check_ins__photos_and_videos_1.json#0")
    library = posts[1]
    assert library.place == "Riverside Primary, 1 Mill Lane"
    assert library.shared_link == "https://example.org/library"
    assert library.images == []
    # Missing media is listed, not fatal.
    art = posts[2]
    assert art.images == [] and art.skipped == [f"photo missing from export: {POSTS}/media/Timeline_1/missing.jpg"]
    # A video is checked by its thumbnail.
    video = next(p for p in posts if p.text.startswith("Class assembly"))
    assert video.images[0].endswith("assembly_thumb.jpg")
    # Tags are people named in the post: they are checked too.
    assert any(p.text == "Trip photos\n\nTagged: Harriet Jones, Sam Patel" for p in posts)
    # A path that tries to leave the export is never opened.
    sneaky = next(p for p in posts if p.text == "Sneaky")
    assert sneaky.images == [] and "passwd" in sneaky.skipped[0]
    # The album: its description, and only the photo not already checked with a post.
    album = [p for p in posts if p.title == "Sports Day 2024"]
    assert [p.text for p in album] == ["Photos from our sports day", "Egg and spoon: Amélie won"]
    assert album[1].images[0].endswith("SportsDay/egg.jpg")
    assert not any(p.text.startswith("Riverside updated") for p in posts)
    notes = reader.notes
    assert notes["photos missing from the export"] == 2
    assert notes["posts with no text or photos to check"] == 1
    assert notes["album photos already checked with their post"] == 1
    assert notes["videos checked by their thumbnail only"] == 1
    assert any(k.startswith("unreadable file") and "broken_posts_2.json" in k for k in notes)
    assert any(k.startswith("unreadable file") and "deep_posts_3.json" in k for k in notes)


def test_ids_are_stable_and_the_same_for_zip_and_folder(tmp_path):
    b = sample_export()
    _, from_folder = read_all(b.write_folder(tmp_path / "export"))
    _, from_zip = read_all(b.write_zip(tmp_path / "export.zip"))
    _, again = read_all(tmp_path / "export.zip")
    ids = [p.id for p in from_folder]
    assert ids == [p.id for p in from_zip] == [p.id for p in again]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("fb-") for i in ids)


def test_since_keeps_newer_posts_only(tmp_path):
    reader, posts = read_all(sample_export().write_folder(tmp_path / "e"), since=T0 - 86400 * 45)
    assert {p.text.split("\n")[0] for p in posts} == {
        "Well done José and Zoë on sports day! 🎉",
        "Our new library opens on Monday.",
        "Photos from our sports day",
        "Egg and spoon: Amélie won",
    }
    assert reader.notes["older than --since"] == 5  # the empty post is older too


def test_page_export_wrapped_list_and_permalink(tmp_path):
    b = ExportBuilder()
    b.add_json(
        "this_profile's_activity_across_facebook/posts/profile_posts_1.json",
        {
            "profile_posts_v2": [
                post("Year 6 leavers' assembly today", T0, url="https://www.facebook.com/riverside/posts/pfbid0abc"),
                post("Harvest festival", T0 - 1000, url="javascript:alert(1)"),
            ]
        },
    )
    _, posts = read_all(b.write_zip(tmp_path / "page.zip"))
    assert [p.text for p in posts] == ["Year 6 leavers' assembly today", "Harvest festival"]
    assert posts[0].permalink == "https://www.facebook.com/riverside/posts/pfbid0abc"
    assert posts[1].permalink is None  # only web links are kept


def test_duplicate_posts_keep_distinct_ids(tmp_path):
    b = ExportBuilder()
    b.add_json("posts/your_posts_1.json", [post("Same words", T0), post("Same words", T0)])
    _, posts = read_all(b.write_folder(tmp_path / "e"))
    assert len(posts) == 2 and posts[0].id != posts[1].id and posts[1].id.endswith("-2")


def test_bad_exports_give_clear_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="No Facebook posts found"):
        FacebookExportReader(tmp_path / "empty")
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a readable zip"):
        FacebookExportReader(tmp_path / "bad.zip")


def test_a_download_split_into_parts_reads_as_one_export(tmp_path):
    """Facebook splits big downloads into several zips: posts in one part, their photos in another."""
    whole = sample_export()
    json_part, media_part = ExportBuilder(), ExportBuilder()
    for inner, data in whole.files.items():
        (json_part if inner.endswith(".json") else media_part).files[inner] = data
    part1 = json_part.write_zip(tmp_path / "facebook-riverside-part1.zip")
    part2 = media_part.write_folder(tmp_path / "part2")  # one part already unpacked
    reader, posts = read_all([part1, part2])
    _, expected = read_all(whole.write_folder(tmp_path / "whole"))
    assert [(p.id, p.text, p.images, p.skipped) for p in posts] == [
        (p.id, p.text, p.images, p.skipped) for p in expected
    ]
    assert posts[0].images and reader.media.image_input(posts[0].images[0]).path.is_file()
    assert reader.notes["photos missing from the export"] == 2  # the same two as in the whole export


def test_several_inputs_only_for_export_parts(tmp_path):
    from postguard.batch.readers import open_reader

    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "x"}\n')
    zip_part = sample_export().write_zip(tmp_path / "part1.zip")
    with pytest.raises(InputError, match="only for the parts of one Facebook export"):
        open_reader([zip_part, tmp_path / "a.jsonl"])
