"""The in-memory index of active reference hashes: a numpy uint64 scan, then a check.

Stage 1 scans every stored 63-bit hash with XOR + np.bitwise_count (one pass over
8 bytes per row). Stage 2 confirms the few candidates with their 143-bit hashes,
which separate different photos far better than 63 bits can.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from postguard.images.hashing import WORDS

# Tuned on bench/images (see README): stage-1 gate (of 63 bits) and the match threshold (of 143).
MAX_COARSE_DISTANCE = 16
MAX_FINE_DISTANCE = 40


@dataclass(frozen=True)
class Hit:
    owner: int  # number of the reference in the index's owner table
    distance: int  # Hamming distance (of 143 bits) of the best window and orientation


class HashIndex:
    def __init__(self, rows: np.ndarray, owners: np.ndarray,
                 max_coarse: int = MAX_COARSE_DISTANCE, max_fine: int = MAX_FINE_DISTANCE):
        rows = np.asarray(rows, dtype=np.uint64).reshape(-1, WORDS)
        self.coarse = np.ascontiguousarray(rows[:, 0])
        self.fine = np.ascontiguousarray(rows[:, 1:])
        self.owners = np.asarray(owners, dtype=np.int64)
        self.max_coarse = max_coarse
        self.max_fine = max_fine

    def __len__(self) -> int:
        return len(self.coarse)

    def search(self, queries: np.ndarray) -> list[Hit]:
        """Best distance per matching reference, closest first."""
        best: dict[int, int] = {}
        if len(self.coarse) == 0:
            return []
        for q in np.asarray(queries, dtype=np.uint64).reshape(-1, WORDS):
            near = np.flatnonzero(np.bitwise_count(self.coarse ^ q[0]) <= self.max_coarse)
            if near.size == 0:
                continue
            fine = np.bitwise_count(self.fine[near] ^ q[1:]).sum(axis=1, dtype=np.int64)
            for i in np.flatnonzero(fine <= self.max_fine):
                owner = int(self.owners[near[i]])
                d = int(fine[i])
                if d < best.get(owner, 1 << 30):
                    best[owner] = d
        return sorted((Hit(o, d) for o, d in best.items()), key=lambda h: (h.distance, h.owner))
