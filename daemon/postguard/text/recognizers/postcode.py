"""UK postcodes ("RH4 1LS", "SW1A 1AA"): a home postcode narrows a pupil down to a street. The school's own
postcode after its name, in a post about no one, is not a detail."""

from __future__ import annotations

import re

from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import ContactContext
from postguard.text.roster import RosterIndex

# Outward code (area letters, district digit, optional letter/digit), then the inward code
# (digit + two letters, never C I K M O V). Case-insensitive: staff type "rh4 1ls" too.
POSTCODE = re.compile(
    r"(?<![\w-])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w-])",
    re.IGNORECASE,
)


class PostcodeRecognizer(Recognizer):
    name = "postcode"
    codes = ("detail.postcode",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._contact = patterns.compiled(ContactContext)

    def find(self, ctx: TextContext) -> list[Hit]:
        hits = []
        for match in POSTCODE.finditer(ctx.text):
            surface = match.group(0)
            # Lower-case without the space ("ab12cd") is too often something else.
            if " " not in surface and not surface.isupper():
                continue
            if self._contact.organisation_address(ctx, match.start()):
                continue  # the school's (or a venue's) own postcode, in a post about no one
            hits.append(Hit("detail.postcode", match.start(), match.end()))
        return hits
