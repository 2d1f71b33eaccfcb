"""Which pupils a detail is about, and when it blocks: the one rule the analyzer, the
recognizer tests and the benchmarks share.

A detail is about the pupils its recognizer tied it to (`Hit.pupils`); failing that, the
pupils named in its sentence; failing that, after a pronoun ("Theo swam 1km. He has
asthma."), the pupils of the sentence before. A detail that identifies someone only when
said of a named pupil (`Hit.needs_pupil`: a class, an age, a health word) is dropped when
no pupil is tied. A detail blocks when a tied pupil is No Publish, or when it is health or
SEN information about a named pupil; otherwise it warns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from postguard.consent.store import Pupil
from postguard.findings import BLOCK, WARN
from postguard.text.recognizers.base import PUPIL, Hit

PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)
NO_PUBLISH, HEALTH = "no_publish", "health"


def tied_pupils(
    detail: Hit, hits: Sequence[Hit], sentences: Sequence[tuple[int, int]], text: str
) -> tuple[str, ...] | None:
    """The pupil ids `detail` is about (maybe none), or None when it must be dropped."""
    if detail.pupils:
        return tuple(dict.fromkeys(detail.pupils))
    pupil_hits = [h for h in hits if h.code == PUPIL]
    index = next((i for i, (s, e) in enumerate(sentences) if s <= detail.start < e), None)
    start, end = sentences[index] if index is not None else (0, len(text))
    nearby = [h for h in pupil_hits if start <= h.start < end]
    if not nearby and index and PRONOUN.search(text, start, end):
        prev_start, prev_end = sentences[index - 1]
        nearby = [h for h in pupil_hits if prev_start <= h.start < prev_end]
    ids = tuple(dict.fromkeys(p for h in nearby for p in h.pupils))
    if detail.needs_pupil and not ids:
        return None
    return ids


def detail_severity(kind: str, tied: Sequence[Pupil]) -> tuple[str, str | None]:
    """(severity, why it escalated: NO_PUBLISH, HEALTH or None)."""
    if any(p.no_publish for p in tied):
        return BLOCK, NO_PUBLISH
    if kind == "health" and tied:
        return BLOCK, HEALTH
    return WARN, None
