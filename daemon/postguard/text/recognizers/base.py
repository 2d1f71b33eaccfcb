"""The small base every recognizer shares.

A recognizer reads a `TextContext` (the normalised post text, the spaCy doc,
sentences, the roster snapshot, pattern data) and returns `Hit`s: raw spans
with a code. The analyzer turns hits into findings: it maps offsets back to
the original text, applies consent and tie rules, and writes the messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from postguard.text.patterns import PatternData
    from postguard.text.roster import RosterIndex


@dataclass
class Hit:
    code: str  # 'pupil', 'person.name', 'detail.<kind>'
    start: int  # code points into TextContext.text (the normalised text)
    end: int
    pupils: tuple[str, ...] = ()  # pupil ids (UPNs) this hit is about; candidates when ambiguous
    # Recognizer-specific facts for the analyzer, e.g. {"tie": "pupil"} for details that
    # only identify someone when a pupil is named nearby, or {"form": "full_name"}.
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class TextContext:
    text: str  # normalised text (zero-width removed, look-alikes folded); same text as doc.text
    doc: Doc
    roster: RosterIndex
    patterns: PatternData
    sentences: list[tuple[int, int]]  # (start, end) code-point spans of sentences
    has_images: bool = False
    hits: list[Hit] = field(default_factory=list)  # hits of recognizers that ran earlier

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= pos < end:
                return start, end
        return 0, len(self.text)

    def hits_of(self, code_prefix: str) -> list[Hit]:
        return [h for h in self.hits if h.code.startswith(code_prefix)]


class Recognizer:
    """Subclass, set `name` and `codes`, implement `find`."""

    name: ClassVar[str]
    codes: ClassVar[tuple[str, ...]]

    def find(self, ctx: TextContext) -> list[Hit]:
        raise NotImplementedError
