"""Class and year mentions in a post, and the pupils each one means.

Used to tell pupils who share a first name apart ("Esme in 9RB", "our Year 12s ... Arjun")
and to learn which words are class or house names at this school. Class names come from
the roster's registration groups, so they fit any school's naming ("9RB", "7 Aspen",
"Hedgehogs", "Class 4B"); year groups are written the usual ways ("Year 7", "Y7", "Yr 7",
"Year 7s", "Reception", "Sixth Form").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from postguard.consent.store import Pupil

_YEAR_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
}
_YEAR = (
    r"\b(?:[Yy]ears?|YEARS?|[Yy]rs?|Y)\s?(?P<year>1[0-3]|[1-9]|R|"
    + "|".join(w.capitalize() for w in _YEAR_WORDS)
    + r"|"
    + "|".join(_YEAR_WORDS)
    + r")(?:s|['’]s)?\b(?P<more>(?:\s*(?:,|and|&|/|or|-|–|to)\s*(?:1[0-3]|[1-9]|R)\b)*)"
)
_RECEPTION = r"\b(?P<reception>Reception)\b"
_SIXTH_FORM = r"\b(?P<sixth>[Ss]ixth[ -][Ff]orm(?:ers)?)\b"
_MORE_YEARS = re.compile(r"1[0-3]|[1-9]|R")
_SHORT = re.compile(r"(?:class|form)\s+(\d{1,2}[a-z]{1,3})")


def group_key(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=4)
def _class_regex(reg_groups: frozenset[str]) -> re.Pattern[str]:
    alternatives = [_YEAR, _RECEPTION, _SIXTH_FORM]
    for group in sorted(reg_groups, key=len, reverse=True):
        words = group.split()
        if not words:
            continue
        # First letter a capital ("Hedgehogs", not the animals; "9RB"); the rest in any case.
        body = r"\s+".join([re.escape(words[0][1:])] + [re.escape(w) for w in words[1:]])
        alternatives.append(rf"\b[{re.escape(words[0][0].upper())}](?i:{body})\b")
        short = _SHORT.fullmatch(group)
        if short:
            alternatives.append(r"\b" + re.escape(short.group(1).upper()) + r"\b")
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


@dataclass(frozen=True)
class ClassIndex:
    reg_groups: frozenset[str] = frozenset()  # group_key of every registration group
    by_group: dict[str, frozenset[str]] = field(default_factory=dict)  # group key or short form -> pupil ids
    by_year: dict[str, frozenset[str]] = field(default_factory=dict)  # "7", "r" -> pupil ids

    @classmethod
    def build(cls, pupils: Sequence[Pupil]) -> ClassIndex:
        groups: dict[str, set[str]] = defaultdict(set)
        years: dict[str, set[str]] = defaultdict(set)
        for p in pupils:
            if p.reg_group.strip():
                key = group_key(p.reg_group)
                groups[key].add(p.pupil_id)
                short = _SHORT.fullmatch(key)
                if short:
                    groups[short.group(1)].add(p.pupil_id)
            if p.year_group.strip():
                years[p.year_group.strip().lower()].add(p.pupil_id)
        return cls(
            frozenset(p.reg_group.strip().lower() for p in pupils if p.reg_group.strip()),
            {k: frozenset(v) for k, v in groups.items()},
            {k: frozenset(v) for k, v in years.items()},
        )

    def mentions(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        """(start, end, pupils in that class or year) for every class or year written in `text`."""
        if not self.by_group and not self.by_year:
            return []
        out = []
        for m in _class_regex(self.reg_groups).finditer(text):
            if m.group("year"):
                year = m.group("year").lower()
                more = m.group("more") or ""
                years = [_YEAR_WORDS.get(year, year), *(y.lower() for y in _MORE_YEARS.findall(more))]
                if re.search(r"[-–]|to", more) and all(y.isdigit() for y in years):
                    years = [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]  # "Years 7-9"
                pupils = frozenset().union(*(self.by_year.get(y, frozenset()) for y in years))
            elif m.group("reception"):
                pupils = self.by_year.get("r", frozenset())
            elif m.group("sixth"):
                pupils = self.by_year.get("12", frozenset()) | self.by_year.get("13", frozenset())
            else:
                pupils = self.by_group.get(group_key(m.group(0)), frozenset())
            if pupils:
                out.append((m.start(), m.end(), pupils))
        return out
