"""A future time and place where pupils will be: "on Saturday 7th March at 2pm at Guildford Cathedral",
"tomorrow at the park", "on Friday at 8:15am from the Pixham Lane gate".

Announcing in advance where children will be is a safeguarding risk. We look, per sentence, for
a chain of a day, a clock time and an outside place standing next to each other, then decide:
- day + time + place: reported unless the sentence is clearly about the past;
- place + day, or place + time: reported only when the sentence speaks of the future ("will");
- events for adults only (AGM, parents' evening) and places inside the school are not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import (
    DAY_NUMBER,
    MONTHS,
    WEEKDAYS,
    phrase_regex,
    pupils_in_sentence,
    words_of,
)
from postguard.text.roster import RosterIndex

DAY = re.compile(
    rf"\b(?:on\s+)?(?:(?:this(?:\s+coming)?|next)\s+)?(?:{WEEKDAYS})\b"
    rf"(?:\s+(?:the\s+)?{DAY_NUMBER}\b(?:\s+(?:of\s+)?(?:{MONTHS})\b)?)?(?:,?\s+\d{{4}})?"
    rf"|\b(?:on\s+)?(?:the\s+)?{DAY_NUMBER}\s+(?:of\s+)?(?:{MONTHS})\b(?:,?\s+\d{{4}})?"
    rf"|\b(?:on\s+)?(?:{MONTHS})\s+{DAY_NUMBER}\b"
    r"|\btomorrow(?:\s+(?:morning|afternoon|evening|night|lunchtime))?\b|\btonight\b"
    r"|\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b",
    re.IGNORECASE,
)
TIME = re.compile(
    r"\b(?:(?:at|from|by)\s+)?(?:\d{1,2}(?:[:.]\d{2})?\s*[-–]\s*)?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)"
    r"|\b(?:(?:at|from|by)\s+)?\d{1,2}:\d{2}\b|\b(?:at\s+)?(?:noon|midday)\b"
    r"|\b(?:at|from|by)\s+\d{1,2}\.[0-5]\d\b(?!\.\d)",  # "at 7.30" (a price has no "at": "£2.50")
    re.IGNORECASE,
)
# A capitalised place name ("Pump Corner", "St Martin's Church", "the Dorking Halls").
CAP_WORD = rf"(?!(?:{WEEKDAYS}|{MONTHS})\b)(?:St\b\.?|[A-Z][\w'’\-]*)"
CAP_PLACE = rf"{CAP_WORD}(?:\s+(?:(?:of|the|upon|and|&)\s+)?{CAP_WORD}){{0,5}}"
PREPOSITION = r"\b(?:[Aa]t|[Ff]rom|[Oo]utside|[Nn]ear|[Oo]pposite)\s+"
# Going somewhere: "visit the Horniman Museum", "trip to Wisley" (the span starts at the place).
MOTION = (
    r"\b(?P<motion>[Vv]isit(?:ing)?|(?:trip|visit|going|travel(?:ling)?|off|heading|walk|return(?:s|ing)?|back)\s+to"
    r"|(?:meet(?:ing)?|arriv(?:e|es|ing)(?:\s+back)?|collect(?:ion)?|pick(?:ed)?\s+up)\s+(?:at|from))\s+"
)
NOT_A_PLACE_START = re.compile(
    rf"(?:{WEEKDAYS}|{MONTHS}|Christmas|Easter|Halloween|Diwali|Eid|Half|Home|Lunch|Break|Noon|Midday)\b",
    re.IGNORECASE,
)
LAST = re.compile(r"\blast\s+$", re.IGNORECASE)
MAX_GAP_WORDS = 3  # between parts of one chain ("at the Lights switch-on on Friday")


@dataclass
class _Part:
    kind: str  # day | time | place
    start: int
    end: int


class _Compiled:
    def __init__(self, patterns: PatternData) -> None:
        nouns = phrase_regex(words_of(patterns, "future_cues", "place_noun"))
        suffixes = phrase_regex(words_of(patterns, "future_cues", "place_suffix"))
        self.place = re.compile(
            rf"(?:{PREPOSITION}|{MOTION})(?P<where>(?:the\s+)?(?P<name>{CAP_PLACE})(?:\s+(?:{suffixes})\b)?"
            rf"|the\s+(?:[a-z]+\s+)?(?:{nouns})\b)"
        )
        self.school_places = frozenset(p.lower() for p in words_of(patterns, "future_cues", "school_place"))
        self.future = self._cue(words_of(patterns, "future_cues", "future"))
        self.past = self._cue(words_of(patterns, "future_cues", "past"))
        self.adult_event = self._cue(words_of(patterns, "future_cues", "adult_event"))

    @staticmethod
    def _cue(words: list[str]) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w)(?:{phrase_regex(words)})(?!\w)", re.IGNORECASE)


class FutureRecognizer(Recognizer):
    name = "future"
    codes = ("detail.future",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._compiled = patterns.compiled(_Compiled)

    def find(self, ctx: TextContext) -> list[Hit]:
        compiled = self._compiled
        hits = []
        for sent_start, sent_end in ctx.sentences or [(0, len(ctx.text))]:
            sentence = ctx.text[sent_start:sent_end]
            if not TIME.search(sentence) and not DAY.search(sentence):
                continue  # fast path: most sentences name no day or time
            if compiled.adult_event.search(sentence):
                continue
            parts = self._parts(compiled, sentence)
            tense: tuple[bool, bool] | None = None  # (future, past), read once per sentence
            for chain in self._chains(sentence, parts):
                kinds = {p.kind for p in chain}
                if "place" not in kinds or len(kinds) < 2:
                    continue
                if tense is None:
                    tense = bool(compiled.future.search(sentence)), bool(compiled.past.search(sentence))
                future, past = tense
                if kinds == {"day", "time", "place"}:
                    if past and not future:
                        continue
                elif not future:
                    continue
                start, end = sent_start + chain[0].start, sent_start + chain[-1].end
                ids = tuple(dict.fromkeys(i for p in pupils_in_sentence(ctx, start) for i in p.pupils))
                hits.append(Hit("detail.future", start, end, pupils=ids))
        return hits

    def _parts(self, compiled: _Compiled, sentence: str) -> list[_Part]:
        # "last Sunday" is a day gone by, never when pupils will be somewhere.
        parts = [_Part("day", *m.span()) for m in DAY.finditer(sentence) if not LAST.search(sentence, 0, m.start())]
        parts += [_Part("time", *m.span()) for m in TIME.finditer(sentence)]
        for match in compiled.place.finditer(sentence):
            name = match.group("name")
            if name is not None and NOT_A_PLACE_START.match(name):
                continue
            place = match.group("where").lower()
            if place in compiled.school_places or place.removeprefix("the ") in compiled.school_places:
                continue
            start = match.start("where") if match.group("motion") else match.start()
            parts.append(_Part("place", start, match.end()))
        parts.sort(key=lambda p: (p.start, -p.end))
        # Drop parts inside others (a time inside a place match, say).
        kept: list[_Part] = []
        for part in parts:
            if kept and part.start < kept[-1].end:
                if part.end > kept[-1].end and part.kind == kept[-1].kind:
                    kept[-1].end = part.end
                continue
            kept.append(part)
        return kept

    @staticmethod
    def _chains(sentence: str, parts: list[_Part]) -> list[list[_Part]]:
        chains: list[list[_Part]] = []
        for part in parts:
            if chains:
                gap = sentence[chains[-1][-1].end : part.start]
                if len(re.findall(r"\w+", gap)) <= MAX_GAP_WORDS and not re.search(r"[.!?;:()]", gap):
                    chains[-1].append(part)
                    continue
            chains.append([part])
        return chains
