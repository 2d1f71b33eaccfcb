"""The in-memory index of active reference hashes: a numpy uint64 scan, then a check.

Stage 1 scans every stored 63-bit hash with XOR + np.bitwise_count (one pass over
8 bytes per row). Stage 2 confirms the few candidates with their 143-bit hashes,
which separate different photos far better than 63 bits can.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from postguard.images.hashing import WORDS, strip_positions, windows

# Tuned on bench/images (see README): stage-1 gate (of 63 bits) and the match threshold (of 143),
# a little looser when the coarse hash is very close (stickers and text over a photo). Among
# 2.5 million pairs of different photos none came within either rule.
MAX_COARSE_DISTANCE = 16
MAX_FINE_DISTANCE = 38
CLOSE_COARSE_DISTANCE = 10
CLOSE_FINE_DISTANCE = 44
# Strips hold less of the photo, so they must agree more closely (and get no looser rule).
STRIP_COARSE_DISTANCE = 14
STRIP_FINE_DISTANCE = 34
CHUNK = 1 << 16  # rows per scan step: the buffers stay in the CPU cache
# At a school's scale (1,000 references, 52,000 hashes) plain two-tone scenes come within the rules
# above by chance. A match that is not very close must also be confirmed by the draft's strips: at
# least VERIFY_STRIPS strip hashes of the draft within the rules of some hash of the same reference.
VERIFY_DISTANCE = 26
VERIFY_STRIPS = 2
VERIFY_FINE = 42  # of 143 bits, per strip


@dataclass(frozen=True)
class Hit:
    owner: int  # number of the reference in the index's owner table
    distance: int  # Hamming distance (of 143 bits) of the best window and orientation


class HashIndex:
    """`rows` (n, WORDS) with `owners` (n,); `strips` (n,) marks the rows of the references'
    strips, which a query's strips are matched against (a small part of the bank)."""

    def __init__(
        self,
        rows: np.ndarray,
        owners: np.ndarray,
        strips: np.ndarray | None = None,
        max_coarse: int = MAX_COARSE_DISTANCE,
        max_fine: int = MAX_FINE_DISTANCE,
        close: tuple[int, int] | None = (CLOSE_COARSE_DISTANCE, CLOSE_FINE_DISTANCE),
        verify: bool = True,
    ):
        rows = np.asarray(rows, dtype=np.uint64).reshape(-1, WORDS)
        self.coarse = np.ascontiguousarray(rows[:, 0])
        self.fine = np.ascontiguousarray(rows[:, 1:])
        self.owners = np.asarray(owners, dtype=np.int64)
        self.max_coarse = max_coarse
        self.max_fine = max_fine
        self.close = close
        self.verify = verify
        strips = np.zeros(len(rows), dtype=bool) if strips is None else np.asarray(strips, dtype=bool)
        self.strips = (
            HashIndex(rows[strips], self.owners[strips], None, STRIP_COARSE_DISTANCE, STRIP_FINE_DISTANCE, close=None)
            if strips.any()
            else None
        )

    def __len__(self) -> int:
        return len(self.coarse)

    def search(self, queries: np.ndarray, strip_queries: np.ndarray | None = None, *, verify: bool = True) -> list[Hit]:
        """Best distance per matching reference, closest first."""
        queries = np.asarray(queries, dtype=np.uint64).reshape(-1, WORDS)
        best: dict[int, int] = {}
        strip_queries = None if strip_queries is None else np.asarray(strip_queries, dtype=np.uint64).reshape(-1, WORDS)
        if strip_queries is not None and len(strip_queries) and self.strips is not None:
            best = {h.owner: h.distance for h in self.strips.search(strip_queries, verify=False)}
        for q, near in zip(queries, self._coarse_candidates(queries[:, 0]), strict=True):
            if near.size == 0:
                continue
            fine = np.bitwise_count(self.fine[near] ^ q[1:]).sum(axis=1, dtype=np.int64)
            ok = fine <= self.max_fine
            if self.close is not None:
                close = np.bitwise_count(self.coarse[near] ^ q[0]) <= self.close[0]
                ok |= close & (fine <= self.close[1])
            for i in np.flatnonzero(ok):
                owner = int(self.owners[near[i]])
                d = int(fine[i])
                if d < best.get(owner, 1 << 30):
                    best[owner] = d
        if verify and self.verify:
            best = {o: d for o, d in best.items() if d <= VERIFY_DISTANCE or self._confirmed(o, strip_queries)}
        return sorted((Hit(o, d) for o, d in best.items()), key=lambda h: (h.distance, h.owner))

    def _confirmed(self, owner: int, strip_queries: np.ndarray | None) -> bool:
        """Do at least VERIFY_STRIPS of the draft's strip hashes match some hash of this reference?"""
        if strip_queries is None or len(strip_queries) < VERIFY_STRIPS:
            return False
        rows = np.flatnonzero(self.owners == owner)
        coarse = np.bitwise_count(self.coarse[rows][None, :] ^ strip_queries[:, :1]) <= self.max_coarse
        fine = np.bitwise_count(self.fine[rows][None, :, :] ^ strip_queries[:, None, 1:]).sum(axis=2) <= VERIFY_FINE
        return int((coarse & fine).any(axis=1).sum()) >= VERIFY_STRIPS

    def _coarse_candidates(self, coarse_queries: np.ndarray) -> list[np.ndarray]:
        """Rows within the coarse gate of each query. Scanned in cache-sized chunks into
        small reused buffers: about 2.5x faster than whole-array temporaries."""
        found: list[list[np.ndarray]] = [[] for _ in coarse_queries]
        xor = np.empty(CHUNK, dtype=np.uint64)
        count = np.empty(CHUNK, dtype=np.uint8)
        near = np.empty(CHUNK, dtype=bool)
        for start in range(0, len(self.coarse), CHUNK):
            block = self.coarse[start : start + CHUNK]
            n = len(block)
            for j, q in enumerate(coarse_queries):
                np.bitwise_xor(block, q, out=xor[:n])
                np.bitwise_count(xor[:n], out=count[:n])
                np.less_equal(count[:n], self.max_coarse, out=near[:n])
                if near[:n].any():
                    found[j].append(np.flatnonzero(near[:n]) + start)
        return [np.concatenate(f) if f else np.zeros(0, dtype=np.int64) for f in found]


def strip_mask(owners: np.ndarray) -> np.ndarray:
    """Which rows are strips, from each reference's rows (whole windows sets, in stored order)."""
    per_set = len(windows())
    positions = np.array(strip_positions())
    mask = np.zeros(len(owners), dtype=bool)
    if len(owners) == 0:
        return mask
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    offset = np.arange(len(owners)) - np.repeat(starts, np.diff(np.r_[starts, len(owners)]))
    mask[np.isin(offset % per_set, positions)] = True
    return mask
