"""RosterIndex: the consent list snapshot, indexed for matching. Built per consent version
(inside `RecognizerSet.build`); the parts that do not depend on consent are cached by
their inputs, so a consent change costs a merge, not a re-parse of every name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from postguard.consent.store import Pupil
from postguard.text.classes import ClassIndex
from postguard.text.lexicon import Lexicon
from postguard.text.names import NameIndex, split_words
from postguard.text.normalize import fold

EMBEDDED_NAME_MIN = 4  # shorter names inside one-case hashtags match too many words (#welldoneamelia, not #bean)


@dataclass(frozen=True)
class RosterIndex:
    lexicon: Lexicon  # the name recognizers always need it (titles, roles, word names)
    pupils: dict[str, Pupil] = field(default_factory=dict)  # pupil_id -> Pupil
    staff: tuple[str, ...] = ()
    names: NameIndex = field(default_factory=NameIndex)
    reg_groups: frozenset[str] = frozenset()  # lower-cased registration groups ("class 4b", "hedgehogs")
    # Folded one-word class names ("aspen" for "Aspen" or "Aspen Class"): a word that is a class here.
    class_words: frozenset[str] = frozenset()
    embeddable_names: tuple[str, ...] = ()  # folded first names to find inside one-case hashtags
    staff_keys: frozenset[str] = frozenset()  # folded words of staff names
    staff_first_names: frozenset[str] = frozenset()  # folded staff first names and their usual short forms
    staff_re: re.Pattern[str] | None = None  # staff names as written with or without a title
    # Folded surname -> first names (with short forms) of each member of staff who has it: "Miss Grant" named
    # in a post is the staff list's Amelia Grant.
    staff_firsts_by_surname: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    classes: ClassIndex = field(default_factory=ClassIndex)  # class and year mentions -> pupils

    @classmethod
    def build(cls, pupils: Sequence[Pupil], staff: Sequence[str], lexicon: Lexicon) -> RosterIndex:
        # Names and classes do not change when consent does: their indexes are reused across builds.
        names, classes = _name_indexes(tuple(_names_of(p) for p in pupils), lexicon.word_names)
        staff_keys, staff_firsts, staff_re = _staff_patterns(tuple(staff), lexicon)
        return cls(
            pupils={p.pupil_id: p for p in pupils},
            staff=tuple(staff),
            lexicon=lexicon,
            names=names,
            reg_groups=classes.reg_groups,
            class_words=_class_words(classes.reg_groups),
            embeddable_names=_embeddable(frozenset(names.first_keys), lexicon.word_names),
            staff_keys=staff_keys,
            staff_first_names=staff_firsts,
            staff_re=staff_re,
            staff_firsts_by_surname=_staff_firsts_by_surname(tuple(staff), lexicon),
            classes=classes,
        )


_NameFields = tuple[str, str, str, str, str, str, str]


def _names_of(p: Pupil) -> _NameFields:
    """What the name and class indexes read of a pupil (not consent)."""
    return (
        p.pupil_id,
        p.legal_forename,
        p.preferred_forename,
        p.legal_surname,
        p.preferred_surname,
        p.year_group,
        p.reg_group,
    )


@lru_cache(maxsize=2)
def _name_indexes(roster: tuple[_NameFields, ...], word_names: frozenset[str]) -> tuple[NameIndex, ClassIndex]:
    pupils = [Pupil(r[0], None, None, r[1], r[3], r[2], r[4], year_group=r[5], reg_group=r[6]) for r in roster]
    return NameIndex.build(pupils, word_names=word_names), ClassIndex.build(pupils)


@lru_cache(maxsize=4)
def _embeddable(first_keys: frozenset[str], word_names: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(k for k in first_keys if len(k) >= EMBEDDED_NAME_MIN and k not in word_names))


_CLASS_WORD = re.compile(r"(?:class|form|group)", re.IGNORECASE)


@lru_cache(maxsize=4)
def _class_words(reg_groups: frozenset[str]) -> frozenset[str]:
    """One-word class names: "Aspen", "Aspen Class", "Class Aspen" -> "aspen" (not "4b", "9rb")."""
    out = set()
    for group in reg_groups:
        words = [w for w in split_words(group) if not _CLASS_WORD.fullmatch(w)]
        if len(words) == 1 and words[0].isalpha() and len(words[0]) > 2:
            out.add(fold(words[0]))
    return frozenset(out)


@lru_cache(maxsize=4)
def _staff_firsts_by_surname(staff: tuple[str, ...], lexicon: Lexicon) -> dict[str, tuple[frozenset[str], ...]]:
    """Folded surname -> per member of staff with it, their folded first name and its usual short forms."""
    out: dict[str, list[frozenset[str]]] = {}
    for entry in staff:
        words = [fold(w) for w in split_words(re.sub(r"\(.*?\)", " ", entry))]
        if words and words[0] in lexicon.titles:
            words = words[1:]
        if len(words) >= 2:
            shorts = (fold(w) for w in lexicon.short_forms.get(words[0], ()))
            out.setdefault(words[-1], []).append(frozenset((words[0], *shorts)))  # "Ms Greene" may go by Sam
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4)
def _staff_patterns(
    staff: tuple[str, ...], lexicon: Lexicon
) -> tuple[frozenset[str], frozenset[str], re.Pattern[str] | None]:
    """Staff names as staff write them: 'Mrs Green', 'Rachel Green', 'Mrs Rachel Green'."""
    keys: set[str] = set()
    firsts_all: set[str] = set()
    titled: set[str] = set()  # written after a title: "Green", "Rachel Green", "Sophie"
    plain: set[str] = set()  # written without one: "Rachel Green"
    for entry in staff:
        words = split_words(re.sub(r"\(.*?\)", " ", entry))
        if words and fold(words[0]) in lexicon.titles:
            words = words[1:]
        if not words:
            continue
        keys.update(fold(w) for w in words)
        escaped = [re.escape(w) for w in words]
        if len(words) >= 2:
            # "Samantha Greene" is also "Sam Greene": the first name or one of its usual short forms.
            shorts = lexicon.short_forms.get(fold(words[0]), ())
            firsts_all.update([fold(words[0]), *(fold(s) for s in shorts)])
            firsts = [escaped[0], *(re.escape(s) for s in shorts)]
            full = r"\s+".join([f"(?:{'|'.join(firsts)})", *escaped[1:]])
            plain.add(full)
            titled.update((full, escaped[-1], *firsts))
        else:
            titled.add(escaped[0])
    if not titled:
        return frozenset(keys), frozenset(firsts_all), None

    def alternation(forms: set[str]) -> str:
        return "|".join(sorted(forms, key=len, reverse=True)) or r"(?!x)x"

    # The title alternation once, not once per name: a large staff list compiles in milliseconds.
    pattern = rf"(?<!\w)(?:(?:{lexicon.honorific_re})\.?\s+(?:{alternation(titled)})|(?:{alternation(plain)}))(?!\w)"
    return frozenset(keys), frozenset(firsts_all), re.compile(pattern)
