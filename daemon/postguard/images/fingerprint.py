"""What the image checker keeps of a draft image: hashes and flags, never pixels.

The daemon caches fingerprints by SHA-256, so a photo checked once can be
re-matched after a consent change without its bytes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from postguard.images.decode import ImageProblem, decode
from postguard.images.hashing import DEFAULT_PARAMS, HASH_VERSION, WORDS, HashParams, query_hashes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fingerprint:
    hashes: tuple[int, ...] = ()  # rows of WORDS uint64 words, flattened: the whole picture
    parts: tuple[int, ...] = ()  # the same for its four strips
    has_gps: bool = False
    problem: str | None = None  # could not be read at all: why, in plain English
    note: str | None = None  # read only in part (an animation: its first frame)
    version: int = HASH_VERSION

    def rows(self) -> np.ndarray:
        return np.array(self.hashes, dtype=np.uint64).reshape(-1, WORDS)

    def part_rows(self) -> np.ndarray:
        return np.array(self.parts, dtype=np.uint64).reshape(-1, WORDS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": self.version,
            "hashes": [f"{h:016x}" for h in self.hashes],
            "parts": [f"{h:016x}" for h in self.parts],
            "has_gps": self.has_gps,
            "problem": self.problem,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fingerprint:
        return cls(
            hashes=tuple(int(h, 16) for h in data.get("hashes", [])),
            parts=tuple(int(h, 16) for h in data.get("parts", [])),
            has_gps=bool(data.get("has_gps")),
            problem=data.get("problem"),
            note=data.get("note"),
            version=int(data.get("v", HASH_VERSION)),
        )


def fingerprint_of(
    path: Path | None = None, data: bytes | None = None, params: HashParams = DEFAULT_PARAMS
) -> Fingerprint:
    """Decode, normalise and hash a draft image. Never raises for a bad file."""
    try:
        decoded = decode(path=path, data=data)
    except ImageProblem as problem:
        return Fingerprint(problem=problem.reason)
    try:
        rows, parts = query_hashes(decoded.grey, params)
    except Exception as exc:  # a bug must not take a check down: say the photo was not checked
        log.error("image hashing failed: %s", type(exc).__name__)
        return Fingerprint(problem="PostGuard hit an internal problem with this picture")
    note = "it is an animation and only its first frame was checked" if decoded.animated else None
    return Fingerprint(
        hashes=tuple(int(x) for x in rows.ravel()),
        parts=tuple(int(x) for x in parts.ravel()),
        has_gps=decoded.has_gps,
        note=note,
    )
