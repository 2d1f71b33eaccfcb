"""Social media handles ("@summer.paints.art", "on TikTok: omar_kicks") and profile links, not email addresses.

A handle is reported when it may be a person's: a pupil is named in the post, or its sentence
names a person or a family member ("her mum's shop @bakesbysarah"). In a post about no one,
"thank you to @DorkingHalls" tags an organisation, and "follow us @riverside" the school itself.
"""

from __future__ import annotations

import re

from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import ContactContext
from postguard.text.roster import RosterIndex

# "@" not glued to a word (that would be an email); Instagram/TikTok allow dots inside.
HANDLE = re.compile(r"(?<![\w@.+-])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@]|\.[A-Za-z0-9])")
PROFILE_URL = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.|m\.)?"
    r"(?:instagram\.com|tiktok\.com|twitter\.com|x\.com|facebook\.com|fb\.com|youtube\.com|"
    r"snapchat\.com/add|threads\.net|twitch\.tv)/@?[A-Za-z0-9_.\-]+[A-Za-z0-9_]/?",
    re.IGNORECASE,
)
# A username written after the platform without the "@": "on TikTok: omar_kicks", "Snapchat is omar.a.2015".
# It must hold a digit, "_" or an inner "." so that an ordinary word ("on TikTok for more") is not taken.
PLATFORM_HANDLE = re.compile(
    r"\b(?:Instagram|Insta|TikTok|Snapchat|Snap|Twitter|YouTube|Threads|Twitch)(?:['’]s)?"
    r"(?:\s+(?:is|at|name|handle|account|channel|username|page))*\s*[:\-–]?\s+"
    r"(?P<handle>(?=[A-Za-z0-9_.]*(?:\d|_|[A-Za-z0-9]\.[A-Za-z0-9]))[A-Za-z0-9_][A-Za-z0-9_.]{1,28}[A-Za-z0-9_])(?![\w@.])",
    re.IGNORECASE,
)
# "@3pm", "@ 10:30": the at-sign used as "at", not a handle.
NOT_A_HANDLE = re.compile(r"@\d+(?:[:.]\d+)?(?:am|pm)?$|@\d+$", re.IGNORECASE)
# Facebook's group-wide mentions: they tag no one in particular.
GROUP_MENTIONS = frozenset({"@everyone", "@all", "@here", "@channel", "@followers", "@highlight"})


class HandleRecognizer(Recognizer):
    name = "handle"
    codes = ("detail.handle",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._contact = patterns.compiled(ContactContext)

    def find(self, ctx: TextContext) -> list[Hit]:
        contact = self._contact
        hits = []
        spans = [(m.start(), m.end()) for m in PROFILE_URL.finditer(ctx.text)]
        for match in HANDLE.finditer(ctx.text):
            if NOT_A_HANDLE.match(match.group(0)) or match.group(0).lower() in GROUP_MENTIONS:
                continue
            if any(s <= match.start() < e for s, e in spans):
                continue  # part of a profile link already found
            spans.append((match.start(), match.end()))
        for match in PLATFORM_HANDLE.finditer(ctx.text):
            start = match.start("handle")
            if not any(s <= start < e for s, e in spans):
                spans.append((start, match.end("handle")))
        for start, end in sorted(spans):
            # "follow us @RiversidePrimary": the school's own account.
            if contact.is_institutional(ctx, start) or not contact.about_someone(ctx, start):
                continue
            hits.append(Hit("detail.handle", start, end))
        return hits
