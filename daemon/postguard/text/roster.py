"""RosterIndex: the consent list snapshot, indexed for matching. Rebuilt per consent version."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from postguard.consent.store import Pupil
from postguard.text.lexicon import Lexicon
from postguard.text.names import NameIndex, split_words
from postguard.text.normalize import fold


@dataclass
class RosterIndex:
    lexicon: Lexicon  # the name recognizers always need it (titles, roles, word names)
    pupils: dict[str, Pupil] = field(default_factory=dict)  # pupil_id -> Pupil
    staff: tuple[str, ...] = ()
    names: NameIndex = field(default_factory=NameIndex)
    typo_min: int = 5
    reg_groups: frozenset[str] = frozenset()  # lower-cased registration groups ("class 4b", "hedgehogs")
    year_groups: frozenset[str] = frozenset()  # "r", "1" .. "13"
    embeddable_names: tuple[str, ...] = ()  # folded first names to find inside one-case hashtags
    staff_keys: frozenset[str] = frozenset()  # folded words of staff names
    staff_re: re.Pattern[str] | None = None  # staff names as written with or without a title

    @classmethod
    def build(
        cls, pupils: Sequence[Pupil], staff: Sequence[str], lexicon: Lexicon, *, typo_min: int = 5
    ) -> RosterIndex:
        names = NameIndex.build(pupils, typo_min=typo_min, word_names=lexicon.word_names)
        embeddable = tuple(sorted(k for k in names.first_keys if len(k) >= 4 and k not in lexicon.word_names))
        staff_keys, staff_re = _staff_patterns(staff, lexicon)
        return cls(
            pupils={p.pupil_id: p for p in pupils},
            staff=tuple(staff),
            lexicon=lexicon,
            names=names,
            typo_min=typo_min,
            reg_groups=frozenset(p.reg_group.strip().lower() for p in pupils if p.reg_group.strip()),
            year_groups=frozenset(p.year_group.strip().lower() for p in pupils if p.year_group.strip()),
            embeddable_names=embeddable,
            staff_keys=staff_keys,
            staff_re=staff_re,
        )


def _staff_patterns(staff: Sequence[str], lexicon: Lexicon) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """Staff names as staff write them: 'Mrs Green', 'Rachel Green', 'Mrs Rachel Green'."""
    keys: set[str] = set()
    forms: set[str] = set()
    titles = r"(?:Mr|Mrs|Miss|Ms|Mx|Dr|Sir|Prof|Rev)\.?\s+"
    for entry in staff:
        words = split_words(re.sub(r"\(.*?\)", " ", entry))
        if words and fold(words[0]) in lexicon.titles:
            words = words[1:]
        if not words:
            continue
        keys.update(fold(w) for w in words)
        escaped = [re.escape(w) for w in words]
        if len(words) >= 2:
            forms.add(r"\s+".join(escaped))  # Rachel Green
            forms.add(titles + escaped[-1])  # Mrs Green
            forms.add(titles + r"\s+".join(escaped))  # Mrs Rachel Green
            forms.add(titles + escaped[0])  # Miss Sophie
        else:
            forms.add(titles + escaped[0])
    if not forms:
        return frozenset(keys), None
    alternation = "|".join(sorted(forms, key=len, reverse=True))
    return frozenset(keys), re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
