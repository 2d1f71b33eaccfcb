"""Name forms of the roster and the word tokens of a post, for name matching.

`NameIndex` is built once per consent version: every way staff write a pupil
(first, preferred, legal, surname, full name) as a tuple of folded word keys.
`tokenize` splits a post into word tokens, splitting hashtags by case
(#WellDoneAmelia -> Well Done Amelia) and dropping possessive 's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from postguard.consent.store import Pupil
from postguard.text.normalize import fold

FIRST, SURNAME, FULL = "first", "surname", "full"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Roster names only: '?' or U+FFFD is a letter the MIS export lost ("Zieli?ski"), matched as any one letter.
LOST = "?"
_ROSTER_WORD = re.compile(r"(?:[^\W\d_]|[?\ufffd])+(?:['’](?:[^\W\d_]|[?\ufffd])+)*")
_HASHTAG = re.compile(r"#(\w+)")
_POSSESSIVE = ("'s", "’s", "'S", "’S")
# The gaps between a name and the words around it, shared by the pupil recognizers.
SPACES = re.compile(r"[ \t\u00a0]+")
TITLE_GAP = re.compile(r"\.?[ \t\u00a0]+")  # "Mrs Green", "Dr. Obi", and an initial: "Z. Kowalczyk"
ROLE_GAP = re.compile(r",?[ \t\u00a0]+")  # "coach Sam", "our coach, Sam"
CUE_GAP = re.compile(r"[ \t\u00a0]+[\"“‘']?")  # "played Jack", 'played "Jack"'


@dataclass(frozen=True)
class Token:
    start: int
    end: int  # possessive 's excluded
    text: str
    key: str  # folded
    in_hashtag: bool = False
    possessive: bool = False

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper() and not (len(self.text) > 1 and self.text.isupper())

    @property
    def is_upper(self) -> bool:
        return self.text.isupper()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def split_words(text: str) -> list[str]:
    """Name parts as staff split them: spaces and hyphens separate words."""
    return [m.group(0) for m in _WORD.finditer(text)]


def roster_words(text: str) -> list[str]:
    """Name parts of a roster name; a lost letter stays inside its word."""
    return [w for m in _ROSTER_WORD.finditer(text) if (w := m.group(0)).strip("?\ufffd")]


def roster_key(word: str) -> str:
    return fold(word.replace("\ufffd", LOST))


def _camel_pieces(body: str, offset: int) -> Iterable[tuple[int, int]]:
    """Split a hashtag body on case changes, digits and underscores."""
    start = None
    prev = ""
    for i, ch in enumerate(body):
        if not ch.isalpha():
            if start is not None:
                yield offset + start, offset + i
                start = None
            prev = ""
            continue
        if start is None:
            start = i
        elif ch.isupper() and (prev.islower() or (i + 1 < len(body) and body[i + 1].islower() and prev.isupper())):
            yield offset + start, offset + i
            start = i
        prev = ch
    if start is not None:
        yield offset + start, offset + len(body)


def tokenize(text: str, *, embedded_names: Iterable[str] = ()) -> list[Token]:
    """Word tokens of a post. `embedded_names` are folded names to look for inside
    hashtags written all in one case (#welldoneamelia)."""
    tokens: list[Token] = []
    hashtag_spans = [(m.start(1), m.end(1)) for m in _HASHTAG.finditer(text)]
    pos = 0
    names = sorted(set(embedded_names), key=len, reverse=True)
    for h_start, h_end in hashtag_spans + [(len(text), len(text))]:
        for m in _WORD.finditer(text, pos, h_start):
            tokens.append(_word_token(text, m.start(), m.end()))
        if h_start < h_end:
            body = text[h_start:h_end]
            if (body.islower() or body.isupper()) and names:
                tokens.extend(_embedded(text, body, h_start, names))
            else:
                for s, e in _camel_pieces(body, h_start):
                    tokens.append(Token(s, e, text[s:e], fold(text[s:e]), in_hashtag=True))
        pos = max(pos, h_end)
    return tokens


def _word_token(text: str, start: int, end: int) -> Token:
    word = text[start:end]
    if word.endswith(_POSSESSIVE) and len(word) > 2:
        end -= 2
        return Token(start, end, text[start:end], fold(text[start:end]), possessive=True)
    return Token(start, end, word, fold(word))


def _embedded(text: str, body: str, offset: int, names: Sequence[str]) -> Iterable[Token]:
    folded = fold(body)
    if len(folded) != len(body):  # folding changed length: offsets would drift
        return []
    found: list[Token] = []
    taken = [False] * len(body)
    for name in names:
        for m in re.finditer(re.escape(name), folded):
            if not any(taken[m.start() : m.end()]):
                s, e = offset + m.start(), offset + m.end()
                found.append(Token(s, e, text[s:e], name, in_hashtag=True))
                for i in range(m.start(), m.end()):
                    taken[i] = True
    return sorted(found, key=lambda t: t.start)


# Typos: a roster first name this long or longer is matched within one edit (shorter ones would
# match ordinary words: "Mia" vs "Mix"); the word typed may be one letter shorter ("Pipa" for Pippa).
TYPO_MIN_LENGTH = 5
TYPO_MIN_TYPED = TYPO_MIN_LENGTH - 1
_RANK = {FIRST: 0, SURNAME: 1, FULL: 2}  # a form that is several kinds keeps the strongest per pupil


@lru_cache(maxsize=65536)
def _name_forms(
    legal_forename: str, preferred_forename: str, legal_surname: str, preferred_surname: str
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """(first-name forms, surname forms) as folded word tuples; cached across roster builds."""
    firsts: set[tuple[str, ...]] = set()
    for raw in (legal_forename, preferred_forename):
        words = tuple(roster_key(w) for w in roster_words(raw))
        if words:
            firsts.add(words)
            firsts.add(words[:1])  # "Mary" for "Mary Jane"
    surnames: set[tuple[str, ...]] = set()
    for raw in (legal_surname, preferred_surname):
        words = tuple(roster_key(w) for w in roster_words(raw))
        if words:
            surnames.add(words)
    return tuple(sorted(firsts)), tuple(sorted(surnames))


@lru_cache(maxsize=65536)
def _deletions(key: str) -> tuple[str, ...]:
    return tuple({key} | {key[:i] + key[i + 1 :] for i in range(len(key))})


@dataclass
class NameIndex:
    """Folded name forms -> the pupils they may refer to, with the kind of form."""

    forms: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict)  # form -> {pupil_id: kind}
    first_keys: dict[str, set[str]] = field(default_factory=dict)  # single first-name key -> pupils
    surnames_of: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # pupil -> surname forms
    max_len: int = 1
    multi_starts: frozenset[str] = frozenset()  # first words of forms longer than one word
    # Deletion neighbourhood of first names (length >= TYPO_MIN_LENGTH) for typo look-up.
    deletes: dict[str, set[str]] = field(default_factory=dict)
    # Name words with a lost letter ('?'), by length: a post word of that length matches letter for letter.
    lost_letter_keys: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def resolve(self, key: str) -> str:
        """The roster key a post word stands for: itself, or a lost-letter key it fits."""
        for candidate in self.lost_letter_keys.get(len(key), ()):
            if all(c in (LOST, k) for c, k in zip(candidate, key, strict=True)):
                return candidate
        return key

    def form(self, keys: tuple[str, ...]) -> dict[str, str] | None:
        """Pupils (and form kinds) a run of post words names, lost letters matching any letter."""
        entry = self.forms.get(keys)
        if entry is None and self.lost_letter_keys:
            entry = self.forms.get(tuple(self.resolve(k) for k in keys))
        return entry

    def starts_form(self, key: str) -> bool:
        return key in self.multi_starts or (bool(self.lost_letter_keys) and self.resolve(key) in self.multi_starts)

    @classmethod
    def build(cls, pupils: Sequence[Pupil], *, word_names: frozenset[str] = frozenset()) -> NameIndex:
        forms: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
        first_keys: dict[str, set[str]] = defaultdict(set)
        surnames_of: dict[str, tuple[tuple[str, ...], ...]] = {}

        def add(form: tuple[str, ...], pid: str, kind: str) -> None:
            entry = forms[form]
            current = entry.get(pid)
            if current is None or _RANK[kind] > _RANK[current]:
                entry[pid] = kind

        for p in pupils:
            firsts, surnames = _name_forms(p.legal_forename, p.preferred_forename, p.legal_surname, p.preferred_surname)
            pid = p.pupil_id
            surnames_of[pid] = surnames
            for f in firsts:
                add(f, pid, FIRST)
                if len(f) == 1:
                    first_keys[f[0]].add(pid)
                for s in surnames:
                    add(f + s, pid, FULL)
            for s in surnames:
                add(s, pid, SURNAME)

        lost: dict[int, set[str]] = defaultdict(set)
        for form in forms:
            for word in form:
                if LOST in word:
                    lost[len(word)].add(word)
        deletes: dict[str, set[str]] = defaultdict(set)
        for key in first_keys:
            if LOST in key:
                continue  # already matches any letter there
            if len(key) >= TYPO_MIN_LENGTH and key not in word_names:
                for probe in _deletions(key):
                    deletes[probe].add(key)
        return cls(
            forms=dict(forms),
            first_keys=dict(first_keys),
            surnames_of=surnames_of,
            max_len=max((len(f) for f in forms), default=1),
            multi_starts=frozenset(f[0] for f in forms if len(f) > 1),
            deletes=dict(deletes),
            lost_letter_keys={n: tuple(sorted(words)) for n, words in lost.items()},
        )

    def typo_candidates(self, key: str) -> set[str]:
        """First-name keys within one edit (insert, delete, substitute, swap) of `key`."""
        found: set[str] = set()
        for probe in _deletions(key):
            for name in self.deletes.get(probe, ()):
                if name != key and damerau_within_one(key, name):
                    found.add(name)
        return found


def damerau_within_one(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    # b is one longer: deleting one char of b gives a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]
