"""Dates of birth: "born on 4th March 2016", "her birthday is 12 May", "DOB: 04/03/2016".

The span is the date itself. Historic births ("born on 21 April 1926") are not a pupil's.
"""

from __future__ import annotations

import datetime as dt
import re

from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import DATE_DAY_MONTH, DATE_NUMERIC, NUMBER_WORD_RE, WEEKDAYS

# "turns 10 on Friday 12th March": the birthday, so the date of birth without the year.
TURNS = rf"turn(?:s|ed|ing)\s+(?:1[0-8]|[2-9]|{NUMBER_WORD_RE})"  # a pupil's age, not "the school turns 50"
CUE = rf"(?:born|birthday|b\.\s?day|bday|d\.?o\.?b\.?|date\s+of\s+birth|{TURNS})"
# Between the cue and the date only small linking words may stand.
LINK = r"(?:\s*[:,\-–]?\s*(?:is|was|falls|will\s+be|on|in|the)\b)*\s*[:,\-–]?\s*"
WEEKDAY = rf"(?:(?:{WEEKDAYS}),?\s+)?"  # "on Friday 12th March"
DOB = re.compile(rf"\b{CUE}\b{LINK}(?:on\s+)?{WEEKDAY}({DATE_DAY_MONTH}|{DATE_NUMERIC})", re.IGNORECASE)
YEAR = re.compile(r"(\d{4}|\d{2})\s*$")
MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
PUPIL_AGE_SPAN = 25  # years: older birth years belong to someone who is not a pupil


class DobRecognizer(Recognizer):
    name = "dob"
    codes = ("detail.dob",)

    def find(self, ctx: TextContext) -> list[Hit]:
        hits = []
        this_year = dt.date.today().year
        for match in DOB.finditer(ctx.text):
            date = match.group(1)
            year = YEAR.search(date)
            if year and len(year.group(1)) == 4 and int(year.group(1)) < this_year - PUPIL_AGE_SPAN:
                continue
            start, end = match.span(1)
            if date.endswith(".") and date[:-1].rsplit(maxsplit=1)[-1].lower() not in MONTH_ABBREVIATIONS:
                end -= 1  # the sentence's full stop, not "Mar."
            hits.append(Hit("detail.dob", start, end))
        return hits
