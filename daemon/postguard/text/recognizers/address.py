"""Home addresses: "12 Acacia Avenue", "Flat 3, 22 Mill Lane", "lives on Acacia Avenue", "walks home along
Mill Lane" (the way home is where a child lives)."""

from __future__ import annotations

import re

from postguard.text.lexicon import Lexicon
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import phrase_regex, words_of
from postguard.text.roster import RosterIndex

# After the street type, these make it a place name, not an address ("Leith Hill Primary").
NOT_AFTER = (
    r"(?!\s+(?:Primary|School|Academy|Infant|Junior|College|Station|Centre|Church|FC|Leisure|Sports|Museum|Halls?)\b)"
)


def _build(patterns: PatternData) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    # Capitalised street-name words; titles are not street names ("gave 2 Mrs Green ...").
    titles = patterns.compiled(Lexicon.load).honorific_re
    name_word = rf"(?!(?:{titles}|Year|Class)\b)[A-Z][\w'’\-]*"
    types = phrase_regex(words_of(patterns, "street_types"))
    street = rf"(?:{name_word}\s+){{1,3}}(?i:{types})\b\.?{NOT_AFTER}"
    numbered = re.compile(
        rf"(?<![\w£$.,:/-])(?:(?:Flat|Apartment|Apt|Unit)\s+\d+[A-Za-z]?,?\s+)?"
        rf"\d{{1,4}}[A-Za-z]?(?:-\d{{1,4}})?,?\s+{street}"
    )
    # "lives on Acacia Avenue", "lives just off Mill Lane", "walks home along Mill Lane": where a child lives.
    lives_on = re.compile(
        rf"\b(?:(?:lives|live|living|moved|moving|move|staying|stays)(?:\s+(?:house|home))?(?:\s+just)?"
        rf"\s+(?:on|in|at|to|into|round|down|off|near|opposite)"
        rf"(?:\s+the\s+(?:new\s+)?(?:flats|houses|bungalows|estate)\s+(?:on|off))?"
        rf"|(?:walks|walk|walking|walked|cycles|cycle|cycling|cycled|scoots)\s+(?:home|to\s+school)"
        rf"\s+(?:along|down|up|via|on|through|across))\s+(?:the\s+)?({street})"
    )
    # Right after a pupil's name: "Grace from Bryn Terrace collected ..." (not "from Mill Lane Surgery").
    from_street = re.compile(rf"\s+from\s+(?:the\s+)?({street})(?!\s+[A-Z])")
    abbreviations = frozenset(r["text"].lower() for r in patterns["street_types"] if r.get("abbreviation"))
    return numbered, lives_on, from_street, abbreviations


# A number right after these is not a house number ("Year 6 Hill Walk", "page 12 Oak Road").
NOT_A_HOUSE_NUMBER = re.compile(r"\b(?:Year|Yr|Class|Room|No|page|aged?|Y)\s*$", re.IGNORECASE)


def _end(text: str, end: int, abbreviations: frozenset[str]) -> int:
    """Drop a final full stop unless it is an abbreviation's dot ("High St.")."""
    if text[end - 1] == ".":
        last_word = re.findall(r"\w+", text[max(0, end - 12) : end])[-1]
        if last_word.lower() not in abbreviations:
            return end - 1
    return end


class AddressRecognizer(Recognizer):
    name = "address"
    codes = ("detail.address",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._compiled = patterns.compiled(_build)

    def find(self, ctx: TextContext) -> list[Hit]:
        numbered, lives_on, from_street, abbreviations = self._compiled
        hits = []
        for match in numbered.finditer(ctx.text):
            if NOT_A_HOUSE_NUMBER.search(ctx.text[max(0, match.start() - 8) : match.start()]):
                continue
            hits.append(Hit("detail.address", match.start(), _end(ctx.text, match.end(), abbreviations)))
        matches = list(lives_on.finditer(ctx.text))
        matches += [m for p in ctx.hits_of("pupil") if (m := from_street.match(ctx.text, p.end))]
        for match in matches:
            if not any(h.start <= match.start(1) < h.end for h in hits):
                hits.append(Hit("detail.address", match.start(1), _end(ctx.text, match.end(1), abbreviations)))
        return hits
