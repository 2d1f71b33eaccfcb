"""A pupil's age: "aged 7", "7 years old", "the 5-year-old", "turns 8", "8th birthday", "Olivia is 7".

Only ages a pupil could have (2-18): "Grandad, who is turning 70" is not a pupil's age.
Group ages ("children aged 5-11", "our 5-year-olds", "under-9s") identify no one and are skipped.
"""

from __future__ import annotations

import re

from postguard.text.lexicon import Lexicon
from postguard.text.normalize import fold
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import (
    NUMBER_WORD_RE,
    ORDINAL_WORD_RE,
    RELATIVES,
    number_value,
    pupil_hits,
)
from postguard.text.roster import RosterIndex

N = rf"(?:\d{{1,2}}|{NUMBER_WORD_RE})"
NTH = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORD_RE})"
MIN_AGE, MAX_AGE = 2, 18
# Characters before a strong age read for an owner that is not a person ("our school's 10th birthday").
OWNER_BEFORE_CHARS = 20
# An age said of a pupil named at most this far before it ("Olivia, who is 7"; "Happy birthday Nana! 11 today").
SAID_OF_PUPIL_CHARS = 40
PRONOUN_BEFORE_CHARS = 12  # "... she is 7": the pronoun right before the age

# Forms that state an age outright. Group 1 is the number; the span is the number or the phrase.
STRONG = [
    # "5-year-old", "7 years old", "seven year old" (not "5-year-olds": a group)
    (
        re.compile(rf"\b({N})(?:\s+|-)years?(?:\s+|-)old\b(?!s|\s+(?:and|to|or)\s+(?:over|under|above)\b)", re.I),
        "phrase",
    ),
    # "aged 7", "age 7" (not "aged 7-11", "aged 5 to 11", "aged 7 and over")
    (
        re.compile(
            rf"\bage[ds]?\s+({N})\b(?!\s*(?:[-–]|to\b|and\s+(?:over|under|above|up)|\+|or\s+(?:over|under)|plus))", re.I
        ),
        "number",
    ),
    # "turns 9", "turned eight", "is turning 7"
    (
        re.compile(
            rf"\bturn(?:s|ed|ing)?\s+({N})\b(?!\s*(?:[-–:]|am|pm|o'clock|times|points|goals|years?\s+ago))", re.I
        ),
        "number",
    ),
    # "7th birthday", "seventh birthday"
    (re.compile(rf"\b({NTH})\s+birthday\b", re.I), "phrase"),
]
# Weaker forms: an age only when said of a pupil just named. "Olivia is 7", "Tyrese, who is 10,".
WEAK = re.compile(
    rf"\b(?:is|who's|she's|he's|is\s+now|now)\s+({N})(?:\s+years?(?:\s+old)?)?"
    rf"(?=\s*(?:[,.!?;)]|$|and\b|today\b|now\b|this\b|on\b|next\b|tomorrow\b|but\b|so\b))",
    re.I,
)
# "Happy 18th, Kofi!": a birthday without the word, said of a pupil named in the sentence.
HAPPY_NTH = re.compile(
    rf"\bhappy\s+({NTH})(?!\s+(?:of|anniversary|birthday|day|week|month|year|term|time|place|lap|goal))\b", re.I
)
# Right after a pupil's name: "Jake, 9, won", "Jake (9) won".
APPOSITIVE = re.compile(rf"\s*(?:,\s*({N})\s*(?=,|\)|–|-\s)|\(\s*({N})\s*\))", re.I)
N_TODAY = re.compile(rf"(?:^|[,!:–-]\s*)({N})\s+today\b(?=\s*(?:[!.,🎂🎉🎈]|$))", re.I)
# "our school's 10th birthday", "the club's 5th birthday": not a person.
NOT_A_PERSON_BEFORE = re.compile(
    r"\b(?:its|school'?s?|school’s|club'?s|club’s|academy'?s|company'?s|shop'?s)\s*$", re.I
)


# A match report: a number after a name is goals or points ("a 4–2 win: Zac (2) and Kai", "Mei (10)").
SCORE = re.compile(
    r"\b\d{1,3}\s*[–—-]\s*\d{1,3}\b(?!\s*(?:years?|yrs?|year-olds?)\b)"
    r"|\b(?:goals?|points|pts|tries|runs|wickets|baskets|scored|scorers?|hat-?tricks?)\b",
    re.I,
)
# Words that may stand between an age and the animal it is said of ("a two-year-old cockapoo").
ANIMAL_AFTER = re.compile(r"\s+([a-z]+)(?:\s+([a-z]+))?")
WORD = re.compile(r"\w+")


class AgeRecognizer(Recognizer):
    name = "age"
    codes = ("detail.age",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        lexicon = patterns.compiled(Lexicon.load)
        self._animals = lexicon.animal_nouns
        # "Omar's little sister is 3", "his dog is 2": the age of whoever stands between.
        self._someone_else = lexicon.adult_roles | lexicon.animal_nouns | RELATIVES

    def find(self, ctx: TextContext) -> list[Hit]:
        hits: list[Hit] = []
        for pattern, span_kind in STRONG:
            for match in pattern.finditer(ctx.text):
                if not self._pupil_age(match.group(1)):
                    continue
                if NOT_A_PERSON_BEFORE.search(ctx.text[max(0, match.start() - OWNER_BEFORE_CHARS) : match.start()]):
                    continue
                animal = ANIMAL_AFTER.match(ctx.text, match.end())
                if animal and any(fold(w) in self._animals for w in animal.groups() if w):
                    continue  # "a two-year-old cockapoo"
                start, end = (match.start(), match.end()) if span_kind == "phrase" else match.span(1)
                self._add(hits, Hit("detail.age", start, end))
        for match in WEAK.finditer(ctx.text):
            if self._pupil_age(match.group(1)) and self._said_of_pupil(ctx, match.start(), self._someone_else):
                self._add(hits, Hit("detail.age", *match.span(1), needs_pupil=True))
        for match in HAPPY_NTH.finditer(ctx.text):
            if self._pupil_age(match.group(1)):
                self._add(hits, Hit("detail.age", *match.span(), needs_pupil=True))
        for match in N_TODAY.finditer(ctx.text):
            # "Happy birthday Nana! 11 today": the pupil is greeted just before, maybe in
            # the sentence before; the hit names them so the analyzer need not look.
            greeted = [
                p for p in pupil_hits(ctx) if p.end <= match.start() and match.start() - p.end <= SAID_OF_PUPIL_CHARS
            ]
            if self._pupil_age(match.group(1)) and greeted:
                self._add(hits, Hit("detail.age", *match.span(1), pupils=greeted[-1].pupils, needs_pupil=True))
        score_post = SCORE.search(ctx.text) is not None
        for pupil in pupil_hits(ctx):
            appositive = APPOSITIVE.match(ctx.text, pupil.end)
            if appositive and score_post and appositive.group(2) is not None:
                continue  # "Zac (2)" in a match report: goals, not an age
            if appositive:
                group = 1 if appositive.group(1) is not None else 2
                if self._pupil_age(appositive.group(group)):
                    self._add(hits, Hit("detail.age", *appositive.span(group), pupils=pupil.pupils, needs_pupil=True))
        return hits

    @staticmethod
    def _pupil_age(token: str) -> bool:
        value = number_value(token)
        return value is not None and MIN_AGE <= value <= MAX_AGE

    @staticmethod
    def _said_of_pupil(ctx: TextContext, pos: int, someone_else: frozenset[str]) -> bool:
        """A pupil named shortly before, in the same sentence ("Olivia is 7", "Tyrese, who is 10"), with no
        relative, adult or animal between ("Omar's little sister is 3")."""
        sent_start, _ = ctx.sentence_of(pos)
        for hit in pupil_hits(ctx):
            if sent_start <= hit.end <= pos and pos - hit.end <= SAID_OF_PUPIL_CHARS:
                between = ctx.text[hit.end : pos]
                if re.search(r"[.;:!?]", between):
                    continue
                if not any(fold(w) in someone_else for w in WORD.findall(between)):
                    return True
        before = ctx.text[max(sent_start, pos - PRONOUN_BEFORE_CHARS) : pos]
        return bool(re.search(r"\b(?:she|he)\s*$", before, re.I)) and bool(pupil_hits(ctx))

    @staticmethod
    def _add(hits: list[Hit], hit: Hit) -> None:
        if not any(h.start < hit.end and hit.start < h.end for h in hits):
            hits.append(hit)
