"""Checker: the one service every front end calls (CLI, daemon, batch).

It owns the spaCy pipeline (loaded once), a snapshot of the consent list that
is rebuilt whenever the consent version changes, and the image checker.
`check()` is thread-safe and CPU-bound: async callers run it in an executor.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postguard import db
from postguard.consent.store import ConsentStore
from postguard.deadline import NO_DEADLINE, Deadline
from postguard.findings import Finding, fill_utf16, sort_findings, verdict_of
from postguard.images.people import PhotoAnswer
from postguard.settings import Settings
from postguard.text.recognizer_set import RosterSnapshot
from postguard.text.resolution import Resolution

# A post for the batch form: (text, images) or (text, images, resolutions).
BatchItem = tuple[str, Sequence["ImageInput"]] | tuple[str, Sequence["ImageInput"], Sequence[Resolution]]

if TYPE_CHECKING:
    from spacy.language import Language

    from postguard.consent.store import Pupil
    from postguard.images.checker import PhotoContext
    from postguard.images.fingerprint import Fingerprint


log = logging.getLogger("postguard.checker")


@dataclass(frozen=True)
class ImageInput:
    """An image attached to a post: a file path, or bytes uploaded to the daemon."""

    name: str  # the path or upload name as given; echoed in findings
    path: Path | None = None
    data: bytes | None = None
    sha256: str | None = None


@dataclass
class CheckResult:
    verdict: str
    findings: list[Finding]
    consent_version: int
    demo_roster: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "consent_version": self.consent_version,
        }


class Checker:
    """`background_refresh` (the daemon): after the first build, a consent change is rebuilt on
    a thread of its own while checks go on with the previous index (a large trust's roster
    takes about a second to index); the swap is one assignment once the new index is ready.
    Each result carries the consent version it was checked against."""

    def __init__(self, settings: Settings, *, nlp: Language | None = None, background_refresh: bool = False):
        from postguard.images.checker import ImageChecker
        from postguard.text.analyzer import TextAnalyzer

        self.settings = settings
        self._conn = db.connect(settings.db_path)
        self.store = ConsentStore(self._conn)
        self.store.ensure_roster(allow_demo=settings.allow_demo_roster)
        self._lock = threading.RLock()
        self.text = TextAnalyzer(settings, nlp=nlp)
        self.images = ImageChecker(settings, self._conn, self._lock)
        self._pupils: list[Pupil] = []  # the indexed roster: whom to look for in photos, the pupil picker
        self._version = -1
        self._background = background_refresh
        self._rebuilding: threading.Thread | None = None
        self.refresh()

    # -- consent snapshot ----------------------------------------------------
    @property
    def consent_version(self) -> int:
        return self._version

    def refresh(self) -> int:
        """Apply the admin's latest consent changes: now, or (background) on the rebuild thread."""
        with self._lock:
            version = self.store.version
            if version == self._version:
                return self._version
            if self._background and self._version != -1:
                self._start_rebuild()
                return self._version  # checks go on with the previous index meanwhile
            _, pupils, staff = self._snapshot()
            self.text.set_roster(pupils, staff)
            self._pupils = pupils
            self.images.refresh()
            self._version = version
            return self._version

    def _snapshot(self) -> tuple[int, list[Pupil], list[str]]:
        """The consent version and what to index for it (caller holds the lock)."""
        version = self.store.version
        # Pupils who left stay protected while they lack consent (a pupil may have left
        # for safeguarding reasons); left pupils with consent would only add ambiguity.
        pupils = [
            p for p in self.store.pupils(include_left=True) if p.on_roll or not (p.may_be_named and p.may_be_pictured)
        ]
        staff = [r["name"] for r in self.store.staff()]
        return version, pupils, staff

    def _start_rebuild(self) -> None:
        if self._rebuilding is not None and self._rebuilding.is_alive():
            return  # it re-reads the version when it finishes
        self._rebuilding = threading.Thread(target=self._rebuild, name="postguard-roster", daemon=True)
        self._rebuilding.start()

    def _rebuild(self) -> None:
        try:
            while True:
                with self._lock:
                    version, pupils, staff = self._snapshot()
                    if version == self._version:
                        return
                snapshot = RosterSnapshot(tuple(pupils), tuple(staff))
                recognizers = self.text.build_recognizers(snapshot)  # the slow part: no lock held
                self.images.refresh()
                with self._lock:
                    self.text.use(recognizers)
                    self._pupils = pupils
                    self._version = version
                log.info("consent list version %d in use (%d pupils indexed)", version, len(pupils))
        except Exception as e:  # keep serving with the previous index; the next check retries
            log.error("rebuilding the consent index failed: %s", type(e).__name__)

    def wait_for_refresh(self, timeout: float | None = None) -> int:
        """Wait for a background rebuild to finish (tests, shutdown); the version in use."""
        thread = self._rebuilding
        if thread is not None:
            thread.join(timeout)
        return self._version

    # -- checks --------------------------------------------------------------
    def check(
        self,
        text: str,
        images: Sequence[ImageInput] = (),
        answers: dict[str, PhotoAnswer] | None = None,
        *,
        deadline: Deadline = NO_DEADLINE,
        resolved: Sequence[Resolution] = (),
    ) -> CheckResult:
        """Raises ResolutionError when a resolution is not one of the post's mentions."""
        return self.check_fingerprinted(
            text,
            self._fingerprints(images, deadline),
            has_images=bool(images),
            answers=answers,
            deadline=deadline,
            resolved=resolved,
        )

    def check_fingerprinted(
        self,
        text: str,
        fingerprints: Sequence[tuple[str, Fingerprint]],
        *,
        has_images: bool,
        answers: dict[str, PhotoAnswer] | None = None,
        deadline: Deadline = NO_DEADLINE,
        resolved: Sequence[Resolution] = (),
    ) -> CheckResult:
        """Daemon form: images were fingerprinted earlier (cached by SHA-256, no bytes kept).

        Matching is redone against the current reference bank, so consent changes apply.
        `has_images` also counts images the daemon has not seen yet (names-no-images rule).
        """
        version = self.refresh()
        findings = self.text.analyze(text, has_images=has_images, deadline=deadline, resolved=resolved)
        findings.extend(self._image_findings(text, fingerprints, answers))
        return self._result(text, findings, version)

    def check_many(self, posts: Iterable[BatchItem], batch_size: int = 32) -> Iterator[CheckResult]:
        """Batch form for many posts: text goes through nlp.pipe. A resolution that fits no
        mention becomes a warning on its post (the batch goes on)."""
        version = self.refresh()
        items = [(p[0], p[1], p[2] if len(p) > 2 else ()) for p in posts]
        texts = ((text, bool(images), resolved) for text, images, resolved in items)
        for (text, images, _), findings in zip(
            items, self.text.analyze_many(texts, batch_size=batch_size), strict=True
        ):
            findings.extend(self._image_findings(text, self._fingerprints(images)))
            yield self._result(text, findings, version)

    def _fingerprints(
        self, images: Sequence[ImageInput], deadline: Deadline = NO_DEADLINE
    ) -> list[tuple[str, Fingerprint]]:
        prints = []
        for image in images:
            deadline.check()
            prints.append((image.name, self.images.fingerprint(image)))
        return prints

    def _image_findings(
        self,
        text: str,
        fingerprints: Sequence[tuple[str, Fingerprint]],
        answers: dict[str, PhotoAnswer] | None = None,
    ) -> list[Finding]:
        """Match against the current reference bank (so consent changes apply to cached fingerprints)."""
        if not fingerprints:
            return []
        context = self.photo_context(text, answers)
        return [f for name, fingerprint in fingerprints for f in self.images.match(fingerprint, name, context)]

    def find_pupils(self, query: str, limit: int = 20) -> list[dict[str, str]]:
        """Pupils on roll whose name (or a word of it) starts with what was typed: the pupil picker."""
        from postguard.images.people import candidate
        from postguard.text.normalize import fold

        words = fold(query).split()
        if not words:
            return []
        out = []
        for p in sorted(self._pupils, key=lambda p: (p.surname.lower(), p.forename.lower())):
            if not p.on_roll:
                continue
            names = {p.forename, p.surname, p.legal_forename, p.legal_surname}
            keys = fold(" ".join(names)).split()
            if all(any(k.startswith(w) for k in keys) for w in words) or fold(query).strip() == (p.upn or "").lower():
                out.append(candidate(p))
                if len(out) >= limit:
                    break
        return out

    def photo_context(self, text: str, answers: dict[str, PhotoAnswer] | None = None) -> PhotoContext:
        """Whom to look for in this post's photos (narrowed to the classes it names), and the answers."""
        from postguard.images.checker import PhotoContext
        from postguard.images.people import pupils_by_key, to_look_for

        pupils = self._pupils
        look_for, groups = to_look_for(text, pupils, self.text.recognizers.roster.classes)
        return PhotoContext(look_for, groups, dict(answers or {}), pupils_by_key(pupils), self.images.thumbnails)

    def _result(self, text: str, findings: list[Finding], version: int) -> CheckResult:
        fill_utf16(text, findings)
        findings = sort_findings(findings)
        return CheckResult(verdict_of(findings), findings, version, demo_roster=self.store.is_demo)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
