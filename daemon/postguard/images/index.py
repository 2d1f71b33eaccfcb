"""The in-memory index of active reference hashes: a numpy uint64 scan, then a check.

Stage 1 scans every stored 63-bit hash with XOR + np.bitwise_count (one pass over
8 bytes per row). Stage 2 confirms the few candidates with their 143-bit hashes,
which separate different photos far better than 63 bits can.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from postguard.images.hashing import WORDS

# Tuned on bench/images (see README): stage-1 gate (of 63 bits) and the match threshold (of 143),
# a little looser when the coarse hash is very close (stickers and text over a photo). Among
# 2.5 million pairs of different photos none came within either rule.
MAX_COARSE_DISTANCE = 16
MAX_FINE_DISTANCE = 38
CLOSE_COARSE_DISTANCE = 10
CLOSE_FINE_DISTANCE = 44
CHUNK = 1 << 16  # rows per scan step: the buffers stay in the CPU cache


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
        queries = np.asarray(queries, dtype=np.uint64).reshape(-1, WORDS)
        best: dict[int, int] = {}
        for q, near in zip(queries, self._coarse_candidates(queries[:, 0])):
            if near.size == 0:
                continue
            fine = np.bitwise_count(self.fine[near] ^ q[1:]).sum(axis=1, dtype=np.int64)
            close = np.bitwise_count(self.coarse[near] ^ q[0]) <= CLOSE_COARSE_DISTANCE
            for i in np.flatnonzero((fine <= self.max_fine) | (close & (fine <= CLOSE_FINE_DISTANCE))):
                owner = int(self.owners[near[i]])
                d = int(fine[i])
                if d < best.get(owner, 1 << 30):
                    best[owner] = d
        return sorted((Hit(o, d) for o, d in best.items()), key=lambda h: (h.distance, h.owner))

    def _coarse_candidates(self, coarse_queries: np.ndarray) -> list[np.ndarray]:
        """Rows within the coarse gate of each query. Scanned in cache-sized chunks into
        small reused buffers: about 2.5x faster than whole-array temporaries."""
        found: list[list[np.ndarray]] = [[] for _ in coarse_queries]
        xor = np.empty(CHUNK, dtype=np.uint64)
        count = np.empty(CHUNK, dtype=np.uint8)
        near = np.empty(CHUNK, dtype=bool)
        for start in range(0, len(self.coarse), CHUNK):
            block = self.coarse[start:start + CHUNK]
            n = len(block)
            for j, q in enumerate(coarse_queries):
                np.bitwise_xor(block, q, out=xor[:n])
                np.bitwise_count(xor[:n], out=count[:n])
                np.less_equal(count[:n], self.max_coarse, out=near[:n])
                if near[:n].any():
                    found[j].append(np.flatnonzero(near[:n]) + start)
        return [np.concatenate(f) if f else np.zeros(0, dtype=np.int64) for f in found]
