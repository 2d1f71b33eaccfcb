"""Small pieces the identifying-detail recognizers share.

Kept apart from `base.py` (the interface) so the detail recognizers can agree on
number words, pupil proximity and "whose contact detail is this?" without each
re-inventing it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from postguard.text.recognizers.base import Hit, TextContext

if TYPE_CHECKING:
    from postguard.text.patterns import PatternData

# Relatives a pupil is named beside ("Omar's little sister"); the adult roles come from nlp_models/adult_roles.
RELATIVES = frozenset({"brother", "sister", "cousin", "sibling", "son", "daughter", "baby", "niece", "nephew"})

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
}
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
}
# Alternations for regexes: longest first so "seventeen" wins over "seven".
NUMBER_WORD_RE = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
ORDINAL_WORD_RE = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th)?"
# "4th March 2016", "4 March", "the 4th of March", "March 4th, 2016".
DATE_DAY_MONTH = (
    rf"(?:the\s+)?{DAY_NUMBER}\s+(?:of\s+)?(?:{MONTHS})\b\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{MONTHS})\b\.?\s+{DAY_NUMBER}\b(?:,?\s+\d{{4}})?"
)
# "04/03/2016", "4.3.16", "4-3-2016".
DATE_NUMERIC = r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b"


def number_value(token: str) -> int | None:
    """7, "7", "seven", "7th", "seventh" -> 7; anything else -> None."""
    token = token.lower().rstrip(".")
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token]
    if token in ORDINAL_WORDS:
        return ORDINAL_WORDS[token]
    digits = re.match(r"(\d{1,3})(?:st|nd|rd|th)?$", token)
    return int(digits.group(1)) if digits else None


def words_of(patterns: PatternData, name: str, kind: str | None = None) -> list[str]:
    """The `text` values of a pattern file, optionally only rows of one `kind`."""
    return [str(row["text"]) for row in patterns[name] if kind is None or row.get("kind") == kind]


def phrase_regex(phrases: list[str]) -> str:
    """An alternation of phrases, longest first, spaces matching any run of spaces/hyphens, an
    apostrophe either one (phones type "Down’s syndrome")."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w).replace("'", "['’]") for w in phrase.split()]
        parts.append(r"[\s\-]+".join(words))
    return "|".join(parts) if parts else r"(?!x)x"


def pupil_hits(ctx: TextContext) -> list[Hit]:
    return ctx.hits_of("pupil")


def person_hits(ctx: TextContext) -> list[Hit]:
    """People who are not pupils, as the person-name recognizer (run earlier) found them.

    Raw NER is not used here: it calls sentence-initial words like "Email" a PERSON.
    """
    return ctx.hits_of("person.name")


# Posts end a thought with an emoji as often as with a full stop: "Heron class visited the farm 🐑 Wren fed
# the lambs" says nothing of Wren's class. A break after an emoji that a capital letter follows, unless a
# day or month follows ("at Alton Towers 🎢 Friday 9am"). U+FE0F: the emoji form of a symbol ("⚽️").
_EMOJI = "\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\U0001f000-\U0001faff"
EMOJI_BREAK = re.compile(rf"(?<=[{_EMOJI}\ufe0f])\s+(?=[A-Z])(?!(?:{WEEKDAYS}|{MONTHS})\b)")


def emoji_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence text[start:end] cut where an emoji ends a thought."""
    out = []
    for brk in EMOJI_BREAK.finditer(text, start, end):
        out.append((start, brk.start()))
        start = brk.end()
    out.append((start, end))
    return out


def clause_of(ctx: TextContext, pos: int) -> tuple[int, int]:
    """The part of pos's sentence between emoji breaks. Used where a class must be said of a pupil; health
    and other ties keep the whole sentence ("Get well soon Omar 💐 Broken arms are no fun!")."""
    sent_start, sent_end = ctx.sentence_of(pos)
    for start, end in emoji_clauses(ctx.text, sent_start, sent_end):
        if start <= pos < end or pos < start:
            return start, end
    return sent_start, sent_end


def pupils_in_sentence(ctx: TextContext, pos: int) -> list[Hit]:
    start, end = ctx.sentence_of(pos)
    return [h for h in pupil_hits(ctx) if start <= h.start < end]


class ContactContext:
    """Decides whether a phone/email/handle is the school's own (or an organisation's).

    Contact details of the school office or an organisation are public and not about a
    pupil; a parent's number or a child's account is. We look at the words just before
    the detail in its sentence: "call the office on", "follow us at" -> institutional,
    unless a personal cue ("her mum", a person's name) is also there.
    """

    WINDOW = 60  # characters before the detail that we read

    def __init__(self, patterns: PatternData):
        rows = patterns["contact_cues"]
        self.institutional = re.compile(
            rf"\b(?:{phrase_regex([r['text'] for r in rows if r.get('kind') == 'institutional'])})\b",
            re.IGNORECASE,
        )
        # Organisation names are capitalised: "Primary", not "primary".
        self.institution = re.compile(
            rf"\b(?:{phrase_regex([r['text'] for r in rows if r.get('kind') == 'institution_name'])})\b"
        )
        self.personal = re.compile(
            rf"\b(?:{phrase_regex([r['text'] for r in rows if r.get('kind') == 'personal'])})\b",
            re.IGNORECASE,
        )

    def organisation_address(self, ctx: TextContext, start: int) -> bool:
        """ "Glenbervie Primary School, Station Road, AB30 1XY" in a post about no one: the school's own."""
        if self.about_someone(ctx, start):
            return False
        sent_start, _ = ctx.sentence_of(start)
        return bool(self.institution.search(ctx.text, sent_start, start))

    def about_someone(self, ctx: TextContext, start: int) -> bool:
        """A pupil is named in the post, or the sentence names a person or a family member."""
        if pupil_hits(ctx):
            return True
        sent_start, sent_end = ctx.sentence_of(start)
        if self.personal.search(ctx.text, sent_start, sent_end):
            return True
        return any(sent_start <= h.start < sent_end for h in person_hits(ctx))

    def is_institutional(self, ctx: TextContext, start: int) -> bool:
        sent_start, _ = ctx.sentence_of(start)
        window_start = max(sent_start, start - self.WINDOW)
        before = ctx.text[window_start:start]
        if not self.institutional.search(before):
            return False
        if self.personal.search(before):
            return False
        people = pupil_hits(ctx) + person_hits(ctx)
        return not any(window_start <= h.start < start for h in people)
