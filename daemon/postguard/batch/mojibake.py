"""Undo Facebook's export mojibake.

Facebook writes each UTF-8 byte of non-ASCII text as its own `\\u00XX` escape,
so "José" arrives as "JosÃ©". Re-encoding such a string as Latin-1 gives back
the original UTF-8 bytes. Strings that are not mojibake (already-correct text
with characters above U+00FF, or Latin-1 text that is not valid UTF-8) are
left alone, so repair is safe to apply to every string.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATES = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(value: str) -> str:
    """JSON may escape half an emoji ("\\ud83d" alone): such text cannot be written as UTF-8.
    Each one becomes U+FFFD, one code point for one, so offsets are unchanged."""
    return _SURROGATES.sub("\ufffd", value)


def repair_text(value: str) -> str:
    if value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return without_lone_surrogates(value)


def repair(value: Any) -> Any:
    """Repair every string in a parsed JSON value (keys too)."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, list):
        return [repair(v) for v in value]
    if isinstance(value, dict):
        return {repair_text(k): repair(v) for k, v in value.items()}
    return value
