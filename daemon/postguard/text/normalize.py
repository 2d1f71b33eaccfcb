"""Normalise post text for matching, keeping a map back to the original offsets.

Staff (and copy-paste) put zero-width characters inside names, and look-alike
letters from other scripts or "fancy" Unicode fonts (𝐀𝐦𝐞𝐥𝐢𝐚) defeat plain
matching. We remove the invisible characters and fold look-alikes to Latin,
character by character, so every normalised offset maps back exactly.
Accents are kept here (spaCy reads the text); matching folds them separately.

Then runs are bounded before tokenizing, so a check costs time linear in its length
whatever the characters (spaCy's tokenizer is quadratic on a long run it splits char
by char, and name matching is quadratic in a word's length): a run of more than
`MAX_SYMBOLS` symbols (punctuation, emoji, combining marks) keeps its first ones, the
last kept one standing for the whole run; a run without whitespace longer than
`MAX_RUN` gets a space inserted (standing for no original characters), at a word
boundary where it can and never inside a URL or email address of up to
`MAX_PROTECTED` characters. Neither can cut a name: no name is that long.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters: zero-width space/joiners, bidi marks, word joiner, BOM,
# soft hyphen, Mongolian vowel separator, variation selectors.
_INVISIBLE = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\ufeff\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06"
    "\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f"
)

# Cyrillic and Greek letters that render like Latin ones (Unicode confusables, letters only).
_CONFUSABLES = {
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "ë",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "і": "i",
    "ї": "ï",
    "ј": "j",
    "ѕ": "s",
    "ԁ": "d",
    "ɡ": "g",
    "һ": "h",
    "ӏ": "l",
    "ԛ": "q",
    "ԝ": "w",
    "ү": "y",
    "А": "A",
    "В": "B",
    "Е": "E",
    "Ё": "Ë",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "І": "I",
    "Ї": "Ï",
    "Ј": "J",
    "Ѕ": "S",
    "Ԁ": "D",
    "Ү": "Y",
    "Ӏ": "I",
    "α": "a",
    "ο": "o",
    "ν": "v",
    "ι": "i",
    "κ": "k",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
}

# Characters that need work: invisible, confusable, or compatibility forms
# (fullwidth, mathematical alphanumerics, ligatures) that NFKC folds to ASCII.
_NEEDS_WORK = re.compile(
    "["
    + re.escape(_INVISIBLE + "".join(_CONFUSABLES))
    + "\uff01-\uff5e\ufb00-\ufb06\U0001d400-\U0001d7ff\u2160-\u217f]"
)


@dataclass(frozen=True)
class NormalizedText:
    text: str
    # For each normalised character: the original [start, end) it came from.
    # None when the text did not change (the common case): offsets are identical.
    orig_start: tuple[int, ...] | None = None
    orig_end: tuple[int, ...] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.orig_start is None or self.orig_end is None:
            return start, end
        if end <= start:
            pos = (
                self.orig_start[start] if start < len(self.orig_start) else (self.orig_end[-1] if self.orig_end else 0)
            )
            return pos, pos
        return self.orig_start[start], self.orig_end[end - 1]


MAX_SYMBOLS = 3  # "!!!", "...", ":-)" and "://" survive whole
MAX_RUN = 64
MAX_PROTECTED = 256
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOLS + 1},}}")
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_PROTECTED = re.compile(rf"(?:https?://|www\.)\S{{1,{MAX_PROTECTED - 8}}}|[^\s@]{{1,64}}@[^\s@]{{1,190}}")
_SOFT_BREAK = re.compile(r"[^\w\s]")


def _replacement(ch: str) -> str:
    if ch in _INVISIBLE:
        return ""
    mapped = _CONFUSABLES.get(ch)
    if mapped is not None:
        return mapped
    folded = unicodedata.normalize("NFKC", ch)
    return folded if folded.isascii() else ch


def normalize(text: str) -> NormalizedText:
    return bound_runs(fold_lookalikes(text))


def fold_lookalikes(text: str) -> NormalizedText:
    if not _NEEDS_WORK.search(text):
        return NormalizedText(text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        rep = _replacement(ch) if _NEEDS_WORK.match(ch) else ch
        for piece in rep:
            out.append(piece)
            starts.append(i)
            ends.append(i + 1)
    return NormalizedText("".join(out), tuple(starts), tuple(ends))


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Where to insert spaces in the run text[start:end] so no piece exceeds MAX_RUN
    (a protected URL or email up to MAX_PROTECTED stays whole)."""
    protected = [(m.start(), m.end()) for m in _PROTECTED.finditer(text, start, end)]
    cuts, pos, p = [], start, 0
    while end - pos > MAX_RUN:
        limit = pos + MAX_RUN
        soft = [m.end() for m in _SOFT_BREAK.finditer(text, pos + MAX_RUN // 2, limit)]
        cut = soft[-1] if soft else limit
        while p < len(protected) and protected[p][1] <= cut:
            p += 1
        if p < len(protected) and protected[p][0] < cut:  # would cut a URL or email
            span_start, span_end = protected[p]
            cut = span_start if span_start > pos else min(span_end, pos + MAX_PROTECTED)
        if cut >= end:
            break
        cuts.append(cut)
        pos = cut
    return cuts


def bound_runs(norm: NormalizedText) -> NormalizedText:
    """Cap symbol runs and split long runs without whitespace, composing the offset map."""
    text = norm.text
    symbol_runs = [(m.start(), m.end()) for m in _SYMBOL_RUN.finditer(text)]
    if not symbol_runs and not _LONG_RUN.search(text):
        return norm
    # Pass 1: symbol runs keep MAX_SYMBOLS characters, the last standing for the rest.
    kept: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def orig(i: int) -> tuple[int, int]:
        if norm.orig_start is None or norm.orig_end is None:
            return i, i + 1
        return norm.orig_start[i], norm.orig_end[i]

    pos = 0
    for run_start, run_end in symbol_runs + [(len(text), len(text))]:
        for i in range(pos, min(run_start + MAX_SYMBOLS, run_end)):
            kept.append(text[i])
            s, e = orig(i)
            starts.append(s)
            ends.append(e)
        if run_end > run_start:
            ends[-1] = orig(run_end - 1)[1]
        pos = run_end
    text = "".join(kept)
    # Pass 2: spaces into long runs; an inserted space stands for no original text.
    inserts = [cut for m in _LONG_RUN.finditer(text) for cut in _cuts(text, m.start(), m.end())]
    if inserts:
        out: list[str] = []
        out_starts: list[int] = []
        out_ends: list[int] = []
        pos = 0
        for cut in inserts + [len(text)]:
            out.append(text[pos:cut])
            out_starts.extend(starts[pos:cut])
            out_ends.extend(ends[pos:cut])
            if cut < len(text):
                out.append(" ")
                at = starts[cut]
                out_starts.append(at)
                out_ends.append(at)
            pos = cut
        text, starts, ends = "".join(out), out_starts, out_ends
    return NormalizedText(text, tuple(starts), tuple(ends))


_FOLD_EXTRA = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "ð": "d",
        "þ": "th",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
    }
)


def fold(word: str) -> str:
    """Matching key: lower case, no accents (Zoë = Zoe, Rareș = Rares), plain apostrophes."""
    word = word.translate(_FOLD_EXTRA)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
