"""Dates of birth: "born on 4th March 2016", "her birthday is 12 May", "DOB: 04/03/2016".

The span is the date itself. Historic births ("born on 21 April 1926") are not a pupil's.
"""

from __future__ import annotations

import datetime as dt
import re

from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import DATE_DAY_MONTH, DATE_NUMERIC

CUE = r"(?:born|birthday|b\.\s?day|bday|d\.?o\.?b\.?|date\s+of\s+birth)"
# Between the cue and the date only small linking words may stand.
LINK = r"(?:\s*[:,\-–]?\s*(?:is|was|falls|will\s+be|on|in|the)\b)*\s*[:,\-–]?\s*"
DOB = re.compile(rf"\b{CUE}\b{LINK}(?:on\s+)?({DATE_DAY_MONTH}|{DATE_NUMERIC})", re.IGNORECASE)
YEAR = re.compile(r"(\d{4}|\d{2})\s*$")
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
            hits.append(Hit("detail.dob", *match.span(1)))
        return hits
