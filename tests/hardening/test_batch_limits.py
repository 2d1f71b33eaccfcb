"""`batch` applies the daemon's text limit: a long post is checked up to the limit and says so."""

from __future__ import annotations

import pytest

from postguard.batch import worker
from postguard.batch.media import FolderMedia


@pytest.fixture
def in_process_worker(roster_checker, tmp_path):
    worker._state = worker._WorkerState(roster_checker, FolderMedia(tmp_path, confined=True), thumbnails=False)
    yield worker
    worker._state = None


@pytest.mark.parametrize(
    "text",
    [
        "(" * 30_000,
        "Amelia Stanton won. " + "x" * 40_000,
        "Well done Kacper! " * 2_000,
        "😀" * 25_000 + " Amelia Stanton",
    ],
)
def test_posts_over_the_limit_are_checked_in_part_and_say_so(in_process_worker, text):
    out = in_process_worker.check_chunk([{"text": text, "images": []}], batch_size=4)
    (result,) = out["results"]
    notes = [f for f in result["findings"] if f["code"] == "text.too_long"]
    assert len(notes) == 1 and notes[0]["severity"] == "warn"
    assert notes[0]["end"] == len(text) and 10_000 <= notes[0]["start"] <= worker.MAX_TEXT_CHARS
    assert result["verdict"] in ("warn", "block")
    if text.startswith("Amelia"):
        assert any(f["code"] == "pupil.no_consent" for f in result["findings"])


def test_posts_within_the_limit_are_checked_whole(in_process_worker):
    out = in_process_worker.check_chunk([{"text": "Lovely day. " * 1_000, "images": []}], batch_size=4)
    assert not [f for f in out["results"][0]["findings"] if f["code"] == "text.too_long"]
