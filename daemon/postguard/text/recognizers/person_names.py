"""Other people's names (spaCy NER), leaving out pupils, staff and public figures.

A parent's or visitor's name can identify a pupil ("Navya's mum, Priya"), so it
is reported for staff to check, at info level.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from postguard.text.lexicon import Lexicon
from postguard.text.names import split_words
from postguard.text.normalize import fold
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import PERSON, Hit, Recognizer, TextContext
from postguard.text.roster import RosterIndex


class PersonNameRecognizer(Recognizer):
    name = "person_names"
    codes = ("person.name",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._lexicon = patterns.compiled(Lexicon.load)
        self._leading_title = re.compile(rf"^(?:{self._lexicon.honorific_re})\.?\s+")

    def find(self, ctx: TextContext) -> list[Hit]:
        roster = ctx.roster
        lex = self._lexicon
        text = ctx.text
        pupil_spans = [h.span for h in ctx.hits_of("pupil")]
        skip_spans = []
        if roster.staff_re is not None:
            skip_spans += [(m.start(), m.end()) for m in roster.staff_re.finditer(text)]
        if lex.non_pupil_re is not None:
            skip_spans += [(m.start(), m.end()) for m in lex.non_pupil_re.finditer(text)]
        hits = []
        for ent in ctx.doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = ent.start_char, ent.end_char
            # Trim a trailing possessive ("Vincent van Gogh’s").
            surface = text[start:end]
            if surface.endswith(("'s", "’s")):
                end -= 2
                surface = surface[:-2]
            if any(s < end and start < e for s, e in pupil_spans + skip_spans):
                continue
            words = split_words(self._leading_title.sub("", surface))
            name_words = [
                w
                for w in words
                if w[:1].isupper()
                and fold(w) not in STOP_WORDS
                and fold(w) not in lex.word_followers
                and fold(w) not in lex.titles
            ]
            if not name_words:
                continue
            if all(fold(w) in roster.staff_keys or fold(w) in roster.staff_first_names for w in words):
                continue  # a staff member written without a title, or by a short form ("Sam" for Samantha)
            if len(name_words) == 1 and fold(name_words[0]) in roster.class_words:
                continue  # one of the school's class or house names ("for Kestrel class")
            hits.append(Hit(PERSON, start, end, surface=surface))
        return hits
