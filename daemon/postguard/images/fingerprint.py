"""What the image checker keeps of a draft image: hashes and flags, never pixels.

The daemon caches fingerprints by SHA-256, so a photo checked once can be
re-matched after a consent change without its bytes.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from postguard.images.decode import ImageProblem, decode, read_image_file
from postguard.images.faces import DetectorUnavailable, shared_detector
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
    sha256: str | None = None  # of the file's bytes: how staff answers ("pictured") name the photo
    # Face boxes (x, y, w, h as fractions of the picture): only where faces are, never what they look like.
    faces: tuple[tuple[float, float, float, float], ...] = ()
    faces_checked: bool = False  # False: the detector did not run, so nobody knows whether people are in it

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
            "sha256": self.sha256,
            "faces": [list(box) for box in self.faces],
            "faces_checked": self.faces_checked,
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
            sha256=data.get("sha256"),
            faces=tuple((float(b[0]), float(b[1]), float(b[2]), float(b[3])) for b in data.get("faces", [])),
            faces_checked=bool(data.get("faces_checked")),
        )


def fingerprint_of(
    path: Path | None = None,
    data: bytes | None = None,
    params: HashParams = DEFAULT_PARAMS,
    *,
    sha256: str | None = None,
    faces: bool = True,
) -> Fingerprint:
    """Decode, normalise, hash a draft image and look for faces in it. Never raises for a bad file."""
    if data is None and path is not None:
        try:
            data = read_image_file(path)
        except ImageProblem as problem:
            return Fingerprint(problem=problem.reason)
    if data is not None and sha256 is None:
        sha256 = hashlib.sha256(data).hexdigest()
    try:
        decoded = decode(data=data, colour=faces)
    except ImageProblem as problem:
        return Fingerprint(problem=problem.reason, sha256=sha256)
    try:
        rows, parts = query_hashes(decoded.grey, params)
    except Exception as exc:  # a bug must not take a check down: say the photo was not checked
        log.error("image hashing failed: %s", type(exc).__name__)
        return Fingerprint(problem="PostGuard hit an internal problem with this picture", sha256=sha256)
    boxes: tuple[tuple[float, float, float, float], ...] = ()
    checked = False
    if faces and decoded.rgb is not None:
        try:
            found = shared_detector().detect(decoded.rgb)
            boxes = tuple((f.x, f.y, f.w, f.h) for f in found)
            checked = True
        except DetectorUnavailable as exc:
            log.error("photos are not checked for people: %s", exc)
        except Exception as exc:  # the check goes on; the photo is reported as not checked for people
            log.error("face detection failed: %s", type(exc).__name__)
    note = "it is an animation and only its first frame was checked" if decoded.animated else None
    return Fingerprint(
        hashes=tuple(int(x) for x in rows.ravel()),
        parts=tuple(int(x) for x in parts.ravel()),
        has_gps=decoded.has_gps,
        note=note,
        sha256=sha256,
        faces=boxes,
        faces_checked=checked,
    )
