"""The one photo file-size rule (images/decode.py): a file over the cap is refused by its size,
before it is read, wherever photos come in (checks and reference photos)."""

from __future__ import annotations

import pytest

from postguard.images.bank import hash_photo
from postguard.images.decode import MAX_FILE_BYTES, ImageProblem, decode, read_image_file


@pytest.fixture
def oversized(tmp_path):
    path = tmp_path / "huge.jpg"
    with path.open("wb") as fh:  # sparse: the size is there, the bytes are not written
        fh.truncate(MAX_FILE_BYTES + 1)
    return path


@pytest.mark.parametrize("read", [read_image_file, lambda p: decode(path=p), hash_photo])
def test_oversized_file_is_refused_by_its_size(oversized, read):
    with pytest.raises(ImageProblem, match="too large"):
        read(oversized)


def test_missing_file_is_a_plain_problem(tmp_path):
    with pytest.raises(ImageProblem, match="could not be opened"):
        read_image_file(tmp_path / "gone.jpg")
