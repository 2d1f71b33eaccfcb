"""Health, medical, injury and SEN details: "type 1 diabetes", "peanut allergy", "hearing aids", "EHCP".

Health and SEN are special category data: a term is reported with a pupil tie (the analyzer keeps
it only when a pupil is named in the same sentence, and then blocks). Generic mentions ("children
who need inhalers") name no one and are dropped by the tie; organisation names ("Diabetes UK",
"Autism Awareness Week") are skipped here, and so are terms inside other capitalised names ("Riding for the
Disabled", "Stonehaven ASC"), terms that name a thing ("wheelchair ramp"), and jobs with the person named beside
them ("Tess the physio", "our physio team"). Care status ("in foster care", "young carer") is as confidential.
"""

from __future__ import annotations

import re

from postguard.text.lexicon import Lexicon
from postguard.text.normalize import fold
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import PERSON, Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import (
    RELATIVES,
    phrase_regex,
    pupils_in_sentence,
    words_of,
)
from postguard.text.roster import RosterIndex

ALLERGY_WORDS = r"(?:allerg(?:y|ies|ic)|intoleran(?:ce|t)|anaphylaxis|anaphylactic)"


WORD = re.compile(r"\w+")
# A sentence typed in capitals: at least this many letters, this share of them capitals ("PLEASE SEND IN").
SHOUTING_MIN_LETTERS, SHOUTING_SHARE = 8, 0.7
ORG_AFTER_CHARS = 40  # "Diabetes UK", "Asthma + Lung UK": the organisation name right after a term
ORG_WORDS_BETWEEN = 3  # name words between a term and the organisation word ("Cystic Fibrosis Trust")
CLAUSE_BEFORE_CHARS = 60  # how far back to look for a relative whose condition it is
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
GENERIC_BEFORE_CHARS = 24  # "children who need inhalers": the generic words right before a term
ALLERGY_STEMS = ("allerg", "intoleran", "anaphyla")
JOB_BEFORE_CHARS = 24  # "Bev, our wonderful speech and language therapist": the name and determiner before a job
# A capitalised word right beside a term, maybe joined by "for the", "of" ("Riding for the Disabled").
NAME_CONTEXT_CHARS = 24
NAME_WORD_BEFORE = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:for|of|and|with))?(?:\s+the)?\s+$")
NAME_WORD_AFTER = re.compile(r"(?:\s+(?:for|of|and|with))?(?:\s+the)?\s+[A-Z][a-z]")
TITLE_WORD_BEFORE = re.compile(r"\b[A-Z][a-z][\w'’-]*\s+$")
NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]+,?\s+$")  # "Tess the physio", "Bev, our therapist"
NAME_AFTER = re.compile(r",?\s+[A-Z][a-z'’-]+\b")  # "our physio Tess", "the school nurse, Nicky,"


def _first_word(phrase: str) -> str:
    match = WORD.search(phrase)
    return match.group(0) if match else phrase


def _sentence_initial(before: str) -> bool:
    """Nothing but spaces and punctuation before this point of the sentence."""
    return not any(c.isalnum() for c in before)


def _shouting(ctx: TextContext, pos: int) -> bool:
    """The sentence is typed mostly in capitals."""
    start, end = ctx.sentence_of(pos)
    letters = [c for c in ctx.text[start:end] if c.isalpha()]
    return len(letters) >= SHOUTING_MIN_LETTERS and sum(c.isupper() for c in letters) >= SHOUTING_SHARE * len(letters)


class _Compiled:
    def __init__(self, patterns: PatternData) -> None:
        rows = [r for r in patterns["health_terms"] if r.get("kind") == "term"]
        exact = [r["text"] for r in rows if r.get("case") == "exact"]
        folded = [r["text"] for r in rows if r.get("case") != "exact"]
        allergens = phrase_regex(words_of(patterns, "health_terms", "allergen"))
        org_words = phrase_regex(words_of(patterns, "health_terms", "org_word"))
        # Plural/"-s" forms of every phrase ("inhalers", "seizures"); allergen prefix joins the span.
        self.folded = re.compile(
            rf"(?<![\w-])(?:(?:(?:{allergens})[\s-]+)?{ALLERGY_WORDS}|(?:{phrase_regex(folded)}))(?:e?s)?(?![\w-])",
            re.IGNORECASE,
        )
        # Acronyms only in capitals: "SEND" is a need, "send" a verb.
        self.exact = re.compile(rf"(?<![\w-])(?:{phrase_regex(exact)})(?![\w-])")
        # "broke her wrist", "has a sprained ankle": injury verb, optional possessive, body part.
        verbs = phrase_regex(words_of(patterns, "health_terms", "injury_verb"))
        parts = phrase_regex(words_of(patterns, "health_terms", "body_part"))
        self.injury = re.compile(
            rf"(?<![\w-])(?:{verbs})\s+(?:(?:his|her|their|my|a|an|both)\s+)?(?:left\s+|right\s+)?(?:{parts})(?![\w-])",
            re.IGNORECASE,
        )
        things = phrase_regex(words_of(patterns, "health_terms", "thing_after"))
        self.thing_after = re.compile(rf"[\s-]+(?:{things})(?![\w-])", re.IGNORECASE)
        self.in_names = frozenset(fold(r["text"]).rstrip("s") for r in rows if r.get("in_names"))
        roles = words_of(patterns, "health_terms", "job_word")
        self.role_words = frozenset(w.lower() for w in roles)
        self.role_after = re.compile(rf"\s+(?:{phrase_regex(roles)})(?![\w-])", re.IGNORECASE)
        teams = phrase_regex(words_of(patterns, "health_terms", "team_word"))
        self.team_after = re.compile(rf"\s+(?:{teams})(?![\w-])", re.IGNORECASE)
        dets = phrase_regex(words_of(patterns, "health_terms", "job_before"))
        # "the physio", "our speech and language therapist", "our lovely physio": at most one word between.
        self.job_det_before = re.compile(rf"\b(?:{dets})\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
        generic = phrase_regex(words_of(patterns, "health_terms", "generic_before"))
        self.generic_before = re.compile(rf"\b(?:{generic})\s+$", re.IGNORECASE)
        # Words a match can start with: we only try the patterns at those words (speed).
        self.starters = frozenset(
            _first_word(t).lower()
            for t in folded
            + words_of(patterns, "health_terms", "allergen")
            + words_of(patterns, "health_terms", "injury_verb")
        )
        self.exact_starters = frozenset(_first_word(t) for t in exact)
        self.also_words = frozenset(r["text"] for r in rows if r.get("also_word"))
        # The org check needs the original case of the following word ("Diabetes UK").
        # "Diabetes UK", "Asthma + Lung UK", "the Cystic Fibrosis Trust": up to ORG_WORDS_BETWEEN name words.
        self.org_after = re.compile(
            rf"^(?:\s+(?:[A-Z][\w'’-]*|\+|&|and)){{0,{ORG_WORDS_BETWEEN}}}?\s+(?:{org_words})\b"
        )
        lex = patterns.compiled(Lexicon.load)
        relatives = sorted(lex.adult_roles | RELATIVES, key=len, reverse=True)
        # "her grandmother lives with diabetes": the condition of someone else in the same clause.
        who = "|".join(map(re.escape, relatives))
        self.someone_elses = re.compile(
            rf"\b(?:his|her|their|my|our)\s+(?:[a-z]+\s+)?(?:{who})\b(?:[^,.;:!?()]|,\s*who\b)*$", re.IGNORECASE
        )


class HealthRecognizer(Recognizer):
    name = "health"
    codes = ("detail.health",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._compiled = patterns.compiled(_Compiled)

    def find(self, ctx: TextContext) -> list[Hit]:
        compiled = self._compiled
        spans: list[tuple[int, int]] = []
        text = ctx.text
        skip_to = 0
        for word in WORD.finditer(text):
            start = word.start()
            if start < skip_to or (spans and start < spans[-1][1]):
                continue
            match = None
            if self._may_start(compiled, word.group(0)):
                match = compiled.injury.match(text, start) or compiled.folded.match(text, start)
            if match is None and word.group(0) in compiled.exact_starters:
                match = compiled.exact.match(text, start)
                if match and match.group(0) in compiled.also_words and _shouting(ctx, start):
                    match = None  # "PLEASE SEND IN YOUR FORMS": the verb, in capitals
            if match is None:
                continue
            end = match.end()
            if compiled.org_after.match(text[end : end + ORG_AFTER_CHARS]):
                continue  # "Diabetes UK"
            if compiled.thing_after.match(text, end):
                continue  # "a wheelchair ramp", "a blind taste test": a thing, not a condition
            if self._inside_a_name(ctx, compiled, start, end):
                continue  # "Riding for the Disabled", "the Disability Sport festival"
            job_end = self._named_job(ctx, compiled, start, end)
            if job_end is not None:
                skip_to = job_end  # "Tess the physio says": a member of staff by their job
                continue
            if compiled.generic_before.search(text[max(0, start - GENERIC_BEFORE_CHARS) : start]):
                continue
            if self._someone_elses(ctx, compiled, start):
                continue
            if spans and not text[spans[-1][1] : start].strip():
                spans[-1] = (spans[-1][0], end)  # "treatment for leukaemia": one detail
                continue
            spans.append((start, end))
        hits = []
        for start, end in spans:
            ids = tuple(dict.fromkeys(i for p in pupils_in_sentence(ctx, start) for i in p.pupils))
            hits.append(Hit("detail.health", start, end, pupils=ids, needs_pupil=True))
        return hits

    @staticmethod
    def _someone_elses(ctx: TextContext, compiled: _Compiled, start: int) -> bool:
        """A relative or another adult is the subject of the clause, with no pupil named after them."""
        window = max(ctx.sentence_of(start)[0], start - CLAUSE_BEFORE_CHARS)
        m = compiled.someone_elses.search(ctx.text, window, start)
        if m is None:
            return False
        if _PRONOUN_SUBJECT.search(ctx.text, m.start() + 4, start):
            return False  # "her mum says she has asthma": the pupil again
        return not any(m.start() <= h.start < start for h in ctx.hits_of("pupil"))

    @staticmethod
    def _inside_a_name(ctx: TextContext, compiled: _Compiled, start: int, end: int) -> bool:
        """A term written with a capital beside other capitalised words is part of a name (a charity, an
        event, a team). Conditions are written in lower case; "Down syndrome" and "who is Deaf" stand alone."""
        text = ctx.text
        written = text[start:end]
        pupils = ctx.hits_of("pupil")
        if written.isupper():
            # "Stonehaven ASC" (a swimming club): an acronym after a capitalised word in mid-sentence.
            club = TITLE_WORD_BEFORE.search(text, max(0, start - NAME_CONTEXT_CHARS), start)
            return (
                club is not None
                and not any(p.start < club.end() and club.start() < p.end for p in pupils)
                and not _sentence_initial(text[ctx.sentence_of(start)[0] : club.start()])
            )
        if not written[0].isupper() or fold(written).rstrip("s") in compiled.in_names:
            return False
        before = NAME_WORD_BEFORE.search(text, max(0, start - NAME_CONTEXT_CHARS), start)
        after = NAME_WORD_AFTER.match(text, end)
        return any(
            m is not None and not any(p.start < m.end() and m.start() < p.end for p in pupils) for m in (before, after)
        )

    @staticmethod
    def _named_job(ctx: TextContext, compiled: _Compiled, start: int, end: int) -> int | None:
        """Where the job ends, when the term is a job with the person who does it named beside it: "Tess the
        physio", "Bev, our speech and language therapist", "our physio Tess", or a team of staff: "our
        physio team". Not "his physio" (the pupil's) or "has physio" (a therapy): None."""
        text = ctx.text
        last = WORD.findall(text, start, end)[-1].lower()
        after = compiled.role_after.match(text, end)
        if last not in compiled.role_words and after is None and compiled.team_after.match(text, end) is None:
            return None
        job_end = after.end() if after else end
        before = compiled.job_det_before.search(text, max(0, start - JOB_BEFORE_CHARS), start)
        if before is None:
            return None
        team = compiled.team_after.match(text, job_end)
        if team is not None:
            return team.end()  # "our physio team", "the speech and language therapy team": staff
        named = [
            m
            for m in (
                NAME_BEFORE.search(text, max(0, before.start() - JOB_BEFORE_CHARS), before.start()),
                NAME_AFTER.match(text, job_end),
            )
            if m is not None
        ]
        pupils = ctx.hits_of("pupil")
        if any(not any(p.start < m.end() and m.start() < p.end for p in pupils) for m in named):
            return job_end
        people = ctx.hits_of(PERSON)
        if any(h.end <= before.start() and not text[h.end : before.start()].strip(" ,") for h in people):
            return job_end
        return None

    @staticmethod
    def _may_start(compiled: _Compiled, word: str) -> bool:
        lower = word.lower()
        if lower in compiled.starters or lower.startswith(ALLERGY_STEMS):
            return True
        # plural forms: "inhalers", "seizures", "allergies"
        return lower.endswith("s") and (lower[:-1] in compiled.starters or lower[:-2] in compiled.starters)
