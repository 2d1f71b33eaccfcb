"""Offsets into the text staff typed: code points for Python, UTF-16 units for JavaScript."""

from __future__ import annotations

import pytest

from postguard.findings import utf16_offsets
from postguard.text.normalize import fold, normalize


@pytest.mark.parametrize(
    "text",
    [
        "😀😀 Kacper scored!",
        "👩‍👩‍👧 Well done Kacper 🎉",
        "Well done Kac\u200bper and \u041ellie 🏳️‍🌈",
        "𝐊𝐚𝐜𝐩𝐞𝐫 was brilliant",
    ],
)
def test_findings_point_at_the_name_in_both_unit_systems(roster_checker, text):
    result = roster_checker.check(text)
    assert result.findings
    for f in result.findings:
        surface = text[f.start : f.end]
        assert fold(normalize(surface).text).replace(" ", "") in ("kacper", "ollie"), surface
        utf16 = text.encode("utf-16-le")
        assert utf16[f.start_utf16 * 2 : f.end_utf16 * 2].decode("utf-16-le") == surface


def test_utf16_table_counts_astral_characters_twice():
    assert utf16_offsets("a😀b") == [0, 1, 3, 4]


def test_normalize_keeps_an_exact_map():
    n = normalize("A\u200bm\u0435lia")  # zero-width space and Cyrillic e
    assert n.text == "Amelia"
    assert n.to_original(0, 6) == (0, 7)
    assert normalize("plain text").orig_start is None  # fast path: unchanged


def test_fold():
    assert fold("Zoë") == "zoe" and fold("Rareș") == "rares" and fold("O’Brien") == "o'brien"
