"""Which pupils a detail is about, and when it blocks: the one rule the analyzer, the
recognizer tests and the benchmarks share.

A detail is about the pupils its recognizer tied it to (`Hit.pupils`); failing that, the
pupils named in its sentence (`split_sentences`: an emoji ends one too); failing that, after
a pronoun ("Theo swam 1km. He has asthma."), the pupils of the sentence before. A detail that
identifies someone only when said of a named pupil (`Hit.needs_pupil`: a class, an age, a
health word) is dropped when no pupil is tied. A detail blocks when a tied pupil is No
Publish, or when it is health or SEN information about a named pupil; otherwise it warns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from postguard.consent.store import Pupil
from postguard.findings import BLOCK, WARN
from postguard.text.recognizers.base import PUPIL, Hit
from postguard.text.recognizers.detail_helpers import MONTHS, WEEKDAYS

PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)
# Posts end sentences with an emoji as often as with a full stop: "busy in the garden this week 🌼 Alfie
# planted seeds" is two sentences. A break after an emoji that a capital letter follows, unless a day or
# month follows ("at Alton Towers 🎢 Friday 9am": one time and place).
_EMOJI = "\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\U0001f000-\U0001faff"
# U+FE0F: the emoji form of a symbol ("⚽️").
EMOJI_BREAK = re.compile(rf"(?<=[{_EMOJI}\ufe0f])\s+(?=[A-Z])(?!(?:{WEEKDAYS}|{MONTHS})\b)")
NO_PUBLISH, HEALTH = "no_publish", "health"


def split_sentences(text: str, sentences: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentencizer's (start, end) spans, each cut again where an emoji ends a sentence."""
    out = []
    for start, end in sentences:
        for brk in EMOJI_BREAK.finditer(text, start, end):
            out.append((start, brk.start()))
            start = brk.end()
        out.append((start, end))
    return out


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
