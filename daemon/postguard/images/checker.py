"""ImageChecker: the image side of Checker. Findings image.no_consent / image.faces / image.gps / image.unreadable.

The active bank (reference photos of pupils without photo consent) is a
snapshot rebuilt by `refresh()` whenever the consent version changes, so a
consent change or a bank change takes effect without re-hashing anything.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from postguard import policy
from postguard.consent.store import Pupil
from postguard.findings import BLOCK, WARN, Finding
from postguard.images.bank import ReferenceBank, rows_of
from postguard.images.fingerprint import Fingerprint, fingerprint_of
from postguard.images.hashing import HASH_VERSION, WORDS
from postguard.images.index import HashIndex, strip_mask
from postguard.images.people import PhotoAnswer, faces_finding, not_checked_for_people, pictured_finding
from postguard.settings import Settings
from postguard.text.messages import describe

if TYPE_CHECKING:
    from postguard.checker import ImageInput

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActiveRef:
    ref_id: int
    pupils: tuple[Pupil, ...]  # the linked pupils who lack photo consent


@dataclass(frozen=True)
class ActiveBank:
    index: HashIndex
    refs: tuple[ActiveRef, ...]  # by index owner number
    allowed: frozenset[tuple[int, str]] = frozenset()  # (reference id, draft SHA-256): "not this photo"

    @classmethod
    def empty(cls) -> ActiveBank:
        return cls(HashIndex(np.zeros((0, WORDS), dtype=np.uint64), np.zeros(0, dtype=np.int64)), ())


@dataclass
class PhotoContext:
    """What the post says that bears on its photos: whom to look for, and the staff member's answers."""

    look_for: list[Pupil] = field(default_factory=list)  # pupils without photo consent (narrowed)
    groups: list[str] = field(default_factory=list)  # classes / year groups the post names
    answers: dict[str, PhotoAnswer] = field(default_factory=dict)  # by SHA-256
    pupils: dict[str, Pupil] = field(default_factory=dict)  # every key an answer may use
    thumbnails: dict[str, list[str]] = field(default_factory=dict)  # opt-in reference thumbnails by pupil id


class ImageChecker:
    def __init__(self, settings: Settings, conn: sqlite3.Connection, lock: threading.RLock):
        self.settings = settings
        self._conn = conn
        self._lock = lock
        self._bank = ActiveBank.empty()
        self.thumbnails: dict[str, list[str]] = {}

    @property
    def reference_count(self) -> int:
        return len(self._bank.refs)

    def refresh(self) -> None:
        """Reload the active bank from SQLite (called when the consent version changes)."""
        with self._lock:
            bank = ReferenceBank(self._conn)
            active = bank.active()
            stale = bank.stale_count()
            allowed = bank.allowed()
            self.thumbnails = bank.thumbnail_uris()
        rows, owners, refs = [], [], []
        for owner, (ref_id, blob, pupils) in enumerate(active):
            r = rows_of(blob)
            rows.append(r)
            owners.append(np.full(len(r), owner, dtype=np.int64))
            refs.append(ActiveRef(ref_id, tuple(pupils)))
        owner_array = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
        index = HashIndex(
            np.concatenate(rows) if rows else np.zeros((0, WORDS), dtype=np.uint64),
            owner_array,
            strip_mask(owner_array),
        )
        self._bank = ActiveBank(
            index, tuple(refs), frozenset(allowed)
        )  # one reference swap: checks in flight keep the old one
        log.info("image bank loaded: %d active reference photos, %d hashes", len(refs), len(index))
        if stale:
            log.warning(
                "%d reference photos were hashed by an older PostGuard and are not matched: add them again", stale
            )

    def fingerprint(self, image: ImageInput) -> Fingerprint:
        """Decode, normalise and hash an ImageInput (path or bytes). Never raises for a bad file."""
        if image.data is not None:
            return fingerprint_of(data=image.data, sha256=image.sha256)
        if image.path is not None:
            return fingerprint_of(path=image.path)
        return Fingerprint(problem="no image was given")

    def match(self, fp: Fingerprint, name: str, context: PhotoContext | None = None) -> list[Finding]:
        context = context or PhotoContext()
        answer = context.answers.get(fp.sha256 or "")
        findings: list[Finding] = []
        if answer is not None:
            findings.extend(self._answered(fp, name, answer, context))
        if fp.problem is not None:
            return [*findings, unreadable(name, f"PostGuard could not read this image: {fp.problem}.")]
        if fp.version != HASH_VERSION:
            findings.append(unreadable(name, "PostGuard was updated since this image was first checked."))
            return findings
        bank = self._bank
        hits = [
            h
            for h in bank.index.search(fp.rows(), fp.part_rows())
            if (bank.refs[h.owner].ref_id, fp.sha256) not in bank.allowed
        ]
        if hits:
            # A known photo blocks whatever the staff member answered about it.
            findings.append(no_consent(name, [bank.refs[h.owner] for h in hits], hits[0].distance, fp.sha256))
        elif not fp.faces_checked:
            findings.append(not_checked_for_people(name))
        elif fp.faces and not any(f.code == "image.no_consent" for f in findings):
            findings.append(
                faces_finding(name, fp.sha256, fp.faces, context.look_for, context.groups, answer, context.thumbnails)
            )
        if fp.note:
            findings.append(unreadable(name, f"This image was checked only in part: {fp.note}."))
        if fp.has_gps:
            findings.append(gps(name))
        return findings

    def check(self, image: ImageInput, context: PhotoContext | None = None) -> list[Finding]:
        return self.match(self.fingerprint(image), image.name, context)

    @staticmethod
    def _answered(fp: Fingerprint, name: str, answer: PhotoAnswer, context: PhotoContext) -> list[Finding]:
        """The staff member named pupils in the photo: those without photo consent block it."""
        named = [context.pupils[k] for k in answer.pupils if k in context.pupils]
        refused = list({p.pupil_id: p for p in named if not p.may_be_pictured}.values())
        return [pictured_finding(name, fp.sha256, refused)] if refused else []


def no_consent(name: str, refs: list[ActiveRef], distance: int, sha256: str | None = None) -> Finding:
    pupils: dict[str, Pupil] = {}
    for ref in refs:
        for p in ref.pupils:
            pupils.setdefault(p.upn or p.pupil_id, p)
    # Staff know pupils by name and class, not UPN (the UPNs are in `pupils`).
    who = ", ".join(describe(p) + (" — marked No Publish" if p.no_publish else "") for p in pupils.values())
    plural = "pupils" if len(pupils) > 1 else "a pupil"
    return Finding(
        code="image.no_consent",
        severity=BLOCK,
        message=(
            f"This photo matches a reference photo of {plural} without photo consent: {who}. "
            "Pupils without photo consent must not be pictured. Do not post it; choose another photo. "
            f"If you are sure the photo does not show {'them' if len(pupils) > 1 else 'this pupil'}, ask the IT "
            f"admin to compare it with reference photo #{refs[0].ref_id}: if it is not the same photo they can "
            "let it through ('postguard images allow'), and this is recorded."
        ),
        policy=policy.CONSENT_LIST,
        pupils=list(pupils),
        extra={"image": name, "sha256": sha256, "distance": distance, "reference_id": refs[0].ref_id},
    )


def gps(name: str) -> Finding:
    return Finding(
        code="image.gps",
        severity=WARN,
        message=(
            "This photo contains location data (GPS) that can show where it was taken, such as the "
            "school or a pupil's home. Remove the location before posting (most phones and editors "
            "can save a copy without it), or use a screenshot of the photo."
        ),
        policy=policy.SAFEGUARDING,
        extra={"image": name},
    )


def unreadable(name: str, why: str) -> Finding:
    return Finding(
        code="image.unreadable",
        severity=WARN,
        message=(
            f"{why} It could not be checked for pupils without photo consent. Check it yourself "
            "against the consent list before posting, or save it again as a JPEG or PNG."
        ),
        policy=policy.CONSENT_LIST,
        extra={"image": name},
    )
