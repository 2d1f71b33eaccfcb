"""The in-memory index of active reference hashes: a numpy uint64 scan, then a check.

Stage 1 scans every stored 64-bit hash with XOR + np.bitwise_count (one pass over
8 bytes per row). Stage 2 confirms the few candidates with their 256-bit hashes,
which separate different photos far better than 64 bits can.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from postguard.images.hashing import WORDS

# Tuned on bench/images (see README): stage-1 gate and the match threshold.
MAX_DISTANCE_64 = 16
MAX_DISTANCE_256 = 72


@dataclass(frozen=True)
class Hit:
    owner: int  # row of the reference in the index's owner table
    distance: int  # 256-bit Hamming distance of the best window/orientation


class HashIndex:
    def __init__(self, rows: np.ndarray, owners: np.ndarray,
                 max_64: int = MAX_DISTANCE_64, max_256: int = MAX_DISTANCE_256):
        rows = np.asarray(rows, dtype=np.uint64).reshape(-1, WORDS)
        self.h64 = np.ascontiguousarray(rows[:, 0])
        self.h256 = np.ascontiguousarray(rows[:, 1:])
        self.owners = np.asarray(owners, dtype=np.int64)
        self.max_64 = max_64
        self.max_256 = max_256

    def __len__(self) -> int:
        return len(self.h64)

    def search(self, queries: np.ndarray) -> list[Hit]:
        """Best distance per matching reference, closest first."""
        best: dict[int, int] = {}
        if len(self.h64) == 0:
            return []
        for q in np.asarray(queries, dtype=np.uint64).reshape(-1, WORDS):
            near = np.flatnonzero(np.bitwise_count(self.h64 ^ q[0]) <= self.max_64)
            if near.size == 0:
                continue
            d256 = np.bitwise_count(self.h256[near] ^ q[1:]).sum(axis=1, dtype=np.int64)
            for i in np.flatnonzero(d256 <= self.max_256):
                owner = int(self.owners[near[i]])
                d = int(d256[i])
                if d < best.get(owner, 1 << 30):
                    best[owner] = d
        return sorted((Hit(o, d) for o, d in best.items()), key=lambda h: (h.distance, h.owner))

    def nearest(self, queries: np.ndarray) -> tuple[int, int]:
        """(owner, 256-bit distance) of the closest stage-1 candidate, for tuning; (-1, 256) if none."""
        best = (-1, 256)
        for q in np.asarray(queries, dtype=np.uint64).reshape(-1, WORDS):
            near = np.flatnonzero(np.bitwise_count(self.h64 ^ q[0]) <= self.max_64)
            if near.size == 0:
                continue
            d256 = np.bitwise_count(self.h256[near] ^ q[1:]).sum(axis=1, dtype=np.int64)
            i = int(np.argmin(d256))
            if d256[i] < best[1]:
                best = (int(self.owners[near[i]]), int(d256[i]))
        return best
