"""RecognizerSet: every recognizer, compiled for one consent version.

`RecognizerSet.build(patterns, roster)` is pure: it reads only its arguments, shares
nothing mutable, and the set it returns is never changed, so it may be built on any
thread while checks keep using the previous set. Work that does not depend on the
consent columns (name forms, the staff patterns, the class-name regex, pattern-only
compilations) is cached by its inputs, so a consent change rebuilds in milliseconds
even for a large trust's roster.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from postguard.consent.store import Pupil
from postguard.text.lexicon import Lexicon
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import PUPIL, Hit, Recognizer, TextContext
from postguard.text.recognizers.registry import RECOGNIZERS
from postguard.text.resolution import Resolution, apply_resolutions
from postguard.text.roster import RosterIndex


@dataclass(frozen=True)
class RosterSnapshot:
    """The consent list as one check sees it: pupils (with consent) and staff names."""

    pupils: tuple[Pupil, ...] = ()
    staff: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecognizerSet:
    patterns: PatternData
    lexicon: Lexicon
    roster: RosterIndex
    recognizers: tuple[Recognizer, ...]

    @classmethod
    def build(cls, patterns: PatternData, roster: RosterSnapshot) -> RecognizerSet:
        lexicon = patterns.compiled(Lexicon.load)
        index = RosterIndex.build(roster.pupils, roster.staff, lexicon)
        return cls(patterns, lexicon, index, tuple(r(patterns, index) for r in RECOGNIZERS))

    def find(
        self,
        doc: Doc,
        *,
        has_images: bool = False,
        resolved: Sequence[Resolution] = (),
        to_original: Callable[[int, int], tuple[int, int]] = lambda s, e: (s, e),
        sentences: list[tuple[int, int]] | None = None,
        tagger: Callable[[Doc], None] | None = None,
    ) -> list[Hit]:
        """Run every recognizer in registry order. Resolutions apply to the pupil hits
        before the detail recognizers run, so details tie to the chosen pupil."""
        ctx = TextContext(
            text=doc.text,
            doc=doc,
            roster=self.roster,
            patterns=self.patterns,
            sentences=sentences if sentences is not None else [(s.start_char, s.end_char) for s in doc.sents],
            has_images=has_images,
            tagger=tagger,
        )
        last_pupil = max((i for i, r in enumerate(self.recognizers) if PUPIL in r.codes), default=-1)
        for i, recognizer in enumerate(self.recognizers):
            ctx.hits.extend(recognizer.find(ctx))
            if i == last_pupil:  # once every pupil recognizer has run: a choice may be of any of their hits
                apply_resolutions(ctx.hits, resolved, to_original)
        return ctx.hits
