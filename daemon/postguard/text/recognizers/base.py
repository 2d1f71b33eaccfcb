"""The small base every recognizer shares.

A recognizer is built once per `RecognizerSet` (one consent version): its
constructor gets the pattern data and the roster index and compiles what it
needs. `find` reads a `TextContext` (the normalised post text, the spaCy doc,
sentences, the hits of recognizers that ran earlier) and returns `Hit`s: raw
spans with a code. The analyzer turns hits into findings (offsets mapped back,
consent and the tie rule in `postguard.text.ties` applied, messages written).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from postguard.text.patterns import PatternData
    from postguard.text.roster import RosterIndex

PUPIL, PERSON = "pupil", "person.name"


@dataclass
class Hit:
    code: str  # 'pupil', 'person.name', 'detail.<kind>'
    start: int  # code points into TextContext.text (the normalised text)
    end: int
    pupils: tuple[str, ...] = ()  # pupil ids (UPNs) this hit is about; candidates when ambiguous
    surface: str = ""  # the words as written (pupil and person hits)
    form: str | None = None  # pupil hits: names.FIRST, SURNAME or FULL
    typo: bool = False  # pupil hits: matched within one edit of a roster name
    initial: str | None = None  # pupil hits: surname initial written after the first name
    resolved: bool = False  # pupil hits: staff chose the pupil ("Which Esme?")
    # Pupil hits: others who share the name and the class or year in the post ruled out; `guessed` when
    # that came from the sentence, the post or the names listed with it rather than a class beside it.
    ruled_out: tuple[str, ...] = ()
    guessed: bool = False
    # Pupil hits: the name was carried from someone earlier in the post who is not a pupil, but a pupil
    # without consent shares it, so PostGuard cannot tell which is meant.
    maybe_other: bool = False
    # Pupil hits with maybe_other: why it may be someone else ("earlier": named before in the post, "visitor":
    # "NAME from the <organisation>").
    other_reason: str = ""
    # Pupil hits of the variant recognizer: how the name differs from the roster's spelling ("spelling",
    # "short form", "initial", "surname spelling", "possessive"), and `unsure` when that is too weak to be
    # sure it is the pupil (a warning that asks, never a pass).
    variant: str | None = None
    unsure: bool = False
    # Detail hits: identifies someone only when said of a named pupil ("Year 6" alone is no one).
    needs_pupil: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def kind(self) -> str:
        """'class' for 'detail.class'; the code itself otherwise."""
        return self.code.split(".", 1)[1] if self.code.startswith("detail.") else self.code


@dataclass
class TextContext:
    text: str  # normalised text (zero-width removed, look-alikes folded); same text as doc.text
    doc: Doc
    roster: RosterIndex
    patterns: PatternData
    sentences: list[tuple[int, int]]  # (start, end) code-point spans of sentences
    has_images: bool = False
    hits: list[Hit] = field(default_factory=list)  # hits of recognizers that ran earlier
    # Sets token tags on a doc (the pipeline's disabled tagger), run only on the sentences a recognizer asks about.
    tagger: Callable[[Doc], None] | None = None
    _tagged: dict[tuple[int, int], list[tuple[int, str]]] = field(default_factory=dict)

    def tag_at(self, pos: int) -> str:
        """The part-of-speech tag ("VBZ", "NNP") of the word starting at `pos`; "" when unknown. Tags its
        sentence once, as a doc of its own, so a long post costs one sentence."""
        if self.tagger is None:
            return ""
        start, end = self.sentence_of(pos)
        tags = self._tagged.get((start, end))
        if tags is None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            tags = []
            if span is not None:
                sentence = span.as_doc()
                self.tagger(sentence)
                tags = [(span.start_char + t.idx, t.tag_) for t in sentence]
            self._tagged[(start, end)] = tags
        return next((tag for idx, tag in tags if idx == pos), "")

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return sentence_of(self.sentences, pos, len(self.text))

    def hits_of(self, code_prefix: str) -> list[Hit]:
        return [h for h in self.hits if h.code.startswith(code_prefix)]


def sentence_of(sentences: list[tuple[int, int]], pos: int, text_len: int) -> tuple[int, int]:
    for start, end in sentences:
        if start <= pos < end:
            return start, end
    return 0, text_len


class Recognizer:
    """Subclass, set `name` and `codes`, compile in `__init__`, implement `find`."""

    name: ClassVar[str]
    codes: ClassVar[tuple[str, ...]]

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        self.patterns = patterns
        self.roster = roster

    def find(self, ctx: TextContext) -> list[Hit]:
        raise NotImplementedError
