"""Email addresses, except the school's or a public body's own."""

from __future__ import annotations

import re

from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import ContactContext, words_of
from postguard.text.roster import RosterIndex

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w@])"
)


class _Compiled:
    def __init__(self, patterns: PatternData) -> None:
        self.contact = ContactContext(patterns)
        self.institutional_domains = tuple(
            d.lower() for d in words_of(patterns, "contact_cues", "institutional_domain")
        )


class EmailRecognizer(Recognizer):
    name = "email"
    codes = ("detail.email",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._compiled = patterns.compiled(_Compiled)

    def find(self, ctx: TextContext) -> list[Hit]:
        compiled = self._compiled
        hits = []
        for match in EMAIL.finditer(ctx.text):
            domain = match.group(0).rsplit("@", 1)[1].lower()
            # office@riverside.surrey.sch.uk: the school's own address, public already.
            if any(domain == d or domain.endswith("." + d) for d in compiled.institutional_domains):
                continue
            if compiled.contact.is_institutional(ctx, match.start()):
                continue
            hits.append(Hit("detail.email", match.start(), match.end()))
        return hits
