"""Health, medical, injury and SEN details: "type 1 diabetes", "peanut allergy", "hearing aids", "EHCP".

Health and SEN are special category data: a term is reported with a pupil tie (the analyzer keeps
it only when a pupil is named in the same sentence, and then blocks). Generic mentions ("children
who need inhalers") name no one and are dropped by the tie; organisation names ("Diabetes UK",
"Autism Awareness Week") are skipped here.
"""

from __future__ import annotations

import re

from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import (
    PerPatterns,
    phrase_regex,
    pupils_in_sentence,
    tie_data,
    words_of,
)

ALLERGY_WORDS = r"(?:allerg(?:y|ies|ic)|intoleran(?:ce|t)|anaphylaxis|anaphylactic)"


WORD = re.compile(r"\w+")
ALLERGY_STEMS = ("allerg", "intoleran", "anaphyla")


def _first_word(phrase: str) -> str:
    match = WORD.search(phrase)
    return match.group(0) if match else phrase


def _shouting(ctx: TextContext, pos: int) -> bool:
    """The sentence is typed mostly in capitals."""
    start, end = ctx.sentence_of(pos)
    letters = [c for c in ctx.text[start:end] if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


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
        self.org_after = re.compile(rf"^\s+(?:{org_words})\b")


class HealthRecognizer(Recognizer):
    name = "health"
    codes = ("detail.health",)

    def __init__(self) -> None:
        self._compiled = PerPatterns(_Compiled)

    def find(self, ctx: TextContext) -> list[Hit]:
        compiled = self._compiled.get(ctx.patterns)
        spans: list[tuple[int, int]] = []
        text = ctx.text
        for word in WORD.finditer(text):
            start = word.start()
            if spans and start < spans[-1][1]:
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
            if compiled.org_after.match(text[end : end + 20]):
                continue  # "Diabetes UK"
            if compiled.generic_before.search(text[max(0, start - 24) : start]):
                continue
            spans.append((start, end))
        hits = []
        for start, end in spans:
            ids = tuple(dict.fromkeys(i for p in pupils_in_sentence(ctx, start) for i in p.pupils))
            hits.append(Hit("detail.health", start, end, pupils=ids, data=tie_data()))
        return hits

    @staticmethod
    def _may_start(compiled: _Compiled, word: str) -> bool:
        lower = word.lower()
        if lower in compiled.starters or lower.startswith(ALLERGY_STEMS):
            return True
        # plural forms: "inhalers", "seizures", "allergies"
        return lower.endswith("s") and (lower[:-1] in compiled.starters or lower[:-2] in compiled.starters)
