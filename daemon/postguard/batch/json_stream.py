"""The items of a large JSON list, one at a time, in bounded memory.

A post file of an export is a list of posts (or an object wrapping lists). Parsing it
whole costs many times its size in memory: a 245 KB zip whose post file inflates to
250 MB of small values took 2.3 GB. Here the file is read in chunks (a zip member
decompresses as it is read) and each item of the list is parsed on its own, so memory
is bounded by the largest item, which is itself capped.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

MAX_ITEM_CHARS = 1024 * 1024  # one post with its captions and tags is a few KB
CHUNK = 64 * 1024
_WHITESPACE = " \t\r\n"


class StreamError(ValueError):
    """The file is not a JSON list (or object of lists) we can read item by item."""


class _Reader:
    def __init__(self, stream: IO[bytes], max_item_chars: int):
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.json = json.JSONDecoder()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.max_item_chars = max_item_chars

    def _more(self, size: int = CHUNK) -> bool:
        if self.eof:
            return False
        data = self.stream.read(size)
        if not data:
            self.eof = True
            self.buf = self.buf[self.pos :] + self.decoder.decode(b"", final=True)
        else:
            self.buf = self.buf[self.pos :] + self.decoder.decode(data)
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not whitespace ('' at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, chars: str) -> str:
        ch = self.peek()
        if not ch or ch not in chars:
            raise StreamError(f"expected one of {chars!r}")
        self.pos += 1
        return ch

    def value(self) -> Any:
        """The next whole JSON value; reads more until it is complete, up to the item cap."""
        size = CHUNK
        self.peek()  # raw_decode does not skip leading whitespace
        while True:
            try:
                obj, end = self.json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                obj, end = None, -1
            except RecursionError:
                raise StreamError("nested too deeply") from None
            # A number at the end of the buffer may go on in the next chunk: complete only
            # when something follows it (or the file ended).
            if end != -1 and (end < len(self.buf) or self.eof):
                if end - self.pos > self.max_item_chars:
                    raise StreamError("an entry is too large")
                self.pos = end
                return obj
            if len(self.buf) - self.pos > self.max_item_chars:
                raise StreamError("an entry is too large")
            if not self._more(size):
                raise StreamError("not valid JSON")
            size = min(size * 2, 4 * 1024 * 1024)  # grow: re-parsing stays linear overall


def iter_json_entries(
    stream: IO[bytes], *, max_item_chars: int = MAX_ITEM_CHARS
) -> Iterator[tuple[str | None, Any, bool]]:
    """(key, value, in_list) for a top-level list (key None, each item) or object (each field;
    a list field item by item, with in_list True). Raises StreamError (a ValueError) when the
    file is not of that shape or is broken; entries read before the problem were yielded."""
    r = _Reader(stream, max_item_chars)
    first = r.expect("[{")
    if first == "[":
        for item in _array(r):
            yield None, item, True
    elif r.peek() == "}":
        r.pos += 1
    else:
        while True:
            key = r.value()
            if not isinstance(key, str):
                raise StreamError("object keys must be strings")
            r.expect(":")
            if r.peek() == "[":
                r.pos += 1
                for item in _array(r):
                    yield key, item, True
            else:
                yield key, r.value(), False
            if r.expect(",}") == "}":
                break
    if r.peek():
        raise StreamError("data after the end of the JSON")


def iter_json_items(stream: IO[bytes], *, max_item_chars: int = MAX_ITEM_CHARS) -> Iterator[Any]:
    """Items of a top-level list, or of every list value of a top-level object."""
    for _key, value, in_list in iter_json_entries(stream, max_item_chars=max_item_chars):
        if in_list:
            yield value


def _array(r: _Reader) -> Iterator[Any]:
    if r.peek() == "]":
        r.pos += 1
        return
    while True:
        yield r.value()
        if r.expect(",]") == "]":
            return
