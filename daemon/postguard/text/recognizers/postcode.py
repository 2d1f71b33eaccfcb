"""UK postcodes ("RH4 1LS", "SW1A 1AA"): a home postcode narrows a pupil down to a street."""

from __future__ import annotations

import re

from postguard.text.recognizers.base import Hit, Recognizer, TextContext

# Outward code (area letters, district digit, optional letter/digit), then the inward code
# (digit + two letters, never C I K M O V). Case-insensitive: staff type "rh4 1ls" too.
POSTCODE = re.compile(
    r"(?<![\w-])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w-])",
    re.IGNORECASE,
)


class PostcodeRecognizer(Recognizer):
    name = "postcode"
    codes = ("detail.postcode",)

    def find(self, ctx: TextContext) -> list[Hit]:
        hits = []
        for match in POSTCODE.finditer(ctx.text):
            surface = match.group(0)
            # Lower-case without the space ("ab12cd") is too often something else.
            if " " not in surface and not surface.isupper():
                continue
            hits.append(Hit("detail.postcode", match.start(), match.end()))
        return hits
