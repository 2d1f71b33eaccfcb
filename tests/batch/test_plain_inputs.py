"""JSONL (the batch contract) and CSV inputs: reading, validation, missing images."""

import json

import pytest
from export_builder import photo_bytes

from postguard.batch.model import InputError
from postguard.batch.plain_inputs import CsvReader, JsonlReader
from postguard.batch.readers import open_reader


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), "utf-8")
    return path


def test_jsonl_contract_with_images_relative_to_the_input(tmp_path):
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.jpg").write_bytes(photo_bytes())
    src = write_jsonl(
        tmp_path / "posts.jsonl",
        [
            {"id": "p1", "text": "Hello", "images": ["pics/a.jpg"]},
            {"id": 2, "text": "No images key"},
            {
                "id": "p3",
                "text": "Lost photo",
                "images": ["pics/gone.jpg"],
                "date": "2024-03-01",
                "permalink": "https://www.facebook.com/x/posts/1",
            },
        ],
    )
    reader = open_reader(src)
    assert isinstance(reader, JsonlReader)
    posts = list(reader.posts())
    assert [p.id for p in posts] == ["p1", "2", "p3"]
    assert posts[0].images == ["pics/a.jpg"]
    assert reader.media.image_input("pics/a.jpg").path == tmp_path / "pics" / "a.jpg"
    assert posts[2].images == [] and posts[2].skipped == ["image file not found: pics/gone.jpg"]
    assert posts[2].timestamp == 1709251200 and posts[2].permalink.endswith("/posts/1")
    assert reader.notes["image files not found"] == 1


def test_jsonl_problems_are_all_listed_with_line_numbers(tmp_path):
    src = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            {"id": "a", "text": "ok"},
            "{not json",
            {"text": "no id"},
            {"id": "a", "text": "duplicate"},
            {"id": "b", "text": 5},
            {"id": "c", "text": "x", "images": "not-a-list-but-a-path.jpg"},  # a single path is accepted
            {"id": "d", "text": "x", "images": [1]},
            {"id": "e", "text": "x", "date": "last Tuesday"},
            "[1, 2]",
            "[" * 100000 + "]" * 100000,
        ],
    )
    with pytest.raises(InputError) as err:
        JsonlReader(src).validate()
    assert err.value.problems == [
        "line 2: not valid JSON (Expecting property name enclosed in double quotes)",
        "line 3: missing 'id'",
        "line 4: duplicate id 'a' (first on line 1)",
        "line 5: 'text' must be a string",
        "line 7: 'images' must be a list of file paths",
        "line 8: 'timestamp'/'date' is not a date (use Unix seconds or YYYY-MM-DD)",
        "line 9: not a JSON object",
        "line 10: not valid JSON (nested too deeply)",
    ]
    assert "nothing was checked" in str(err.value)


def test_csv_input_with_semicolon_separated_images_and_bom(tmp_path):
    (tmp_path / "a.jpg").write_bytes(photo_bytes())
    (tmp_path / "b.jpg").write_bytes(photo_bytes(1))
    src = tmp_path / "posts.csv"
    src.write_text(
        '\ufeffID,Text,Images\n1,"Sports day, with a comma",a.jpg; b.jpg\n2,"Line one\nline two",\n\n', "utf-8"
    )
    reader = open_reader(src)
    assert isinstance(reader, CsvReader)
    posts = list(reader.posts())
    assert [(p.id, p.text, p.images) for p in posts] == [
        ("1", "Sports day, with a comma", ["a.jpg", "b.jpg"]),
        ("2", "Line one\nline two", []),
    ]
    assert posts[1].source == "line 3"


def test_csv_without_header_or_not_utf8_is_refused(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("1,hello\n", "utf-8")
    with pytest.raises(InputError, match="header"):
        CsvReader(src).validate()
    src.write_bytes("id,text\n1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        CsvReader(src).validate()


def test_unknown_input_kind(tmp_path):
    (tmp_path / "x.txt").write_text("hi")
    with pytest.raises(InputError, match="Don't know how to read"):
        open_reader(tmp_path / "x.txt")
    with pytest.raises(InputError, match="does not exist"):
        open_reader(tmp_path / "nope.jsonl")


def test_half_an_emoji_is_replaced_so_reports_can_be_written(tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text('{"id": "1", "text": "Go team \\ud83d!", "images": ["x\\udc00.jpg"]}\n', "utf-8")
    [post] = JsonlReader(src).posts()
    assert post.text == "Go team \ufffd!"
    post.text.encode("utf-8")
    assert post.skipped == ["image file not found: x\ufffd.jpg"]
