"""UK phone numbers: 07700 900214, 01306 123456, 020 7946 0018, +44 7700 900214, (01306) 123 456."""

from __future__ import annotations

import re

from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import ContactContext
from postguard.text.roster import RosterIndex

# A run of digit groups starting with 0 or +44, separated by single spaces, hyphens or dots,
# optionally with the area code in brackets. Validated by digit count afterwards.
CANDIDATE = re.compile(
    r"(?<![\w+/.:£$€-])"
    r"(?:\+\s?44\s?(?:\(0\)\s?)?|\(0|0)\d+\)?"
    r"(?:[ .\-]\(?\d+\)?){0,5}"
)
# National significant number (after the 0 / +44): 9 or 10 digits starting 1, 2, 3, 5, 7, 8 or 9.
NATIONAL = re.compile(r"[1235789]\d{8,9}")


def _digits_after_prefix(surface: str) -> str:
    digits = re.sub(r"\D", "", surface)
    if surface.lstrip().startswith("+"):
        digits = digits[2:]  # the 44
        return digits[1:] if digits.startswith("0") else digits  # +44 (0)...
    return digits[1:]


class PhoneRecognizer(Recognizer):
    name = "phone"
    codes = ("detail.phone",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._contact = patterns.compiled(ContactContext)

    def find(self, ctx: TextContext) -> list[Hit]:
        contact = self._contact
        hits = []
        for match in CANDIDATE.finditer(ctx.text):
            span = self._valid_span(match.group(0))
            if span is None:
                continue
            start, end = match.start(), match.start() + span
            if contact.is_institutional(ctx, start):
                continue  # "call the office on 01306 ...": the school's own number
            hits.append(Hit("detail.phone", start, end))
        return hits

    @staticmethod
    def _valid_span(surface: str) -> int | None:
        """Length of the longest prefix (whole groups) that is a valid UK number, if any.

        A number followed by other figures ("07700 900214 2 times") keeps only the groups
        that make a valid number.
        """
        groups = list(re.finditer(r"[ .\-]", surface))
        ends = [g.start() for g in groups] + [len(surface)]
        for end in reversed(ends):
            piece = surface[:end].rstrip(")")
            if piece.count("(") != piece.count(")") and not piece.startswith("(0"):
                continue
            if NATIONAL.fullmatch(_digits_after_prefix(piece)):
                return len(piece)
        return None
