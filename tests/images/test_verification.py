"""The index's second check: a match that is not very close must be confirmed by the draft's strips."""

from __future__ import annotations

import numpy as np

from postguard.images.hashing import WORDS
from postguard.images.index import VERIFY_DISTANCE, VERIFY_FINE, VERIFY_STRIPS, HashIndex

RNG = np.random.default_rng(11)


def random_rows(n: int) -> np.ndarray:
    return RNG.integers(0, 2**63, (n, WORDS), dtype=np.uint64)


def flip(row: np.ndarray, fine_bits: int) -> np.ndarray:
    """A copy of a hash row with `fine_bits` bits of its 143-bit part flipped (the 63-bit part kept)."""
    out = row.copy()
    for bit in range(fine_bits):
        word, pos = 1 + bit // 64, bit % 64
        out[word] ^= np.uint64(1) << np.uint64(pos)
    return out


def bank() -> tuple[HashIndex, np.ndarray]:
    rows = random_rows(60)  # reference 0: rows 0-29, reference 1: rows 30-59
    return HashIndex(rows, np.repeat([0, 1], 30)), rows


def test_very_close_match_needs_no_strips():
    index, rows = bank()
    assert [h.owner for h in index.search(flip(rows[3], VERIFY_DISTANCE)[None])] == [0]


def test_looser_match_without_strip_agreement_is_dropped():
    index, rows = bank()
    query = flip(rows[3], VERIFY_DISTANCE + 6)[None]
    assert index.search(query) == []
    assert index.search(query, random_rows(4)) == []  # strips that agree with nothing


def test_looser_match_confirmed_by_strips_is_kept():
    index, rows = bank()
    query = flip(rows[3], VERIFY_DISTANCE + 6)[None]
    strips = np.stack([flip(rows[5], VERIFY_FINE - 2), flip(rows[9], 4)] + list(random_rows(2)))
    assert [h.owner for h in index.search(query, strips)] == [0]
    one = np.stack([flip(rows[5], 4)] + list(random_rows(3)))  # one strip is not enough
    assert VERIFY_STRIPS == 2 and index.search(query, one) == []
    other = np.stack([flip(rows[35], 4), flip(rows[40], 4)])  # strips of the other reference confirm nothing
    assert [h.owner for h in index.search(query, other)] == []
