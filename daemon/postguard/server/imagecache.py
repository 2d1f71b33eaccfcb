"""Image fingerprints by SHA-256, bounded LRU. Hashes and flags only, never image bytes."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postguard.images.fingerprint import Fingerprint


class FingerprintCache:
    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._items: OrderedDict[str, Fingerprint] = OrderedDict()

    def get(self, sha256: str) -> Fingerprint | None:
        fp = self._items.get(sha256)
        if fp is not None:
            self._items.move_to_end(sha256)
        return fp

    def put(self, sha256: str, fingerprint: Fingerprint) -> None:
        self._items[sha256] = fingerprint
        self._items.move_to_end(sha256)
        while len(self._items) > self.max_entries:
            self._items.popitem(last=False)

    def __contains__(self, sha256: str) -> bool:
        return sha256 in self._items

    def __len__(self) -> int:
        return len(self._items)
