"""Pupil names from the roster, in every form staff write them.

Matches first, preferred, legal and surnames and full names over word tokens
(hashtags split by case, possessives dropped, accents and look-alikes folded),
initials ("Amelia S."), and one-letter typos of longer names. Context decides
the rest: a title or a parent role before a name makes it an adult ("Mrs Green",
"Kwame's mum, Abena"), names that are also words need evidence ("Summer term"
is not Summer), and a character in a play or book is not a pupil ("played
Jack", "Jack and the Beanstalk").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.lang.en.stop_words import STOP_WORDS

from postguard.text.names import FIRST, FULL, SURNAME, Token, tokenize
from postguard.text.recognizers.base import Hit, Recognizer, TextContext

if TYPE_CHECKING:
    from postguard.text.roster import RosterIndex

_Ents = list[tuple[int, int, str]]  # (start, end, label) of the doc's entities
_Spans = list[tuple[int, int]]

# Entity labels that, spanning beyond a word-name, show it is used as a word or place.
_NON_PERSON = frozenset({"DATE", "TIME", "EVENT", "FAC", "GPE", "LOC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "ORG"})
# For typo candidates only labels that mark places and times veto: NER often calls unusual names ORG or NORP.
_PLACE_OR_TIME = frozenset({"DATE", "TIME", "FAC", "GPE", "LOC", "EVENT"})
_ROMAN = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"})
_SPACES = re.compile(r"[ \t\u00a0]+")
_JOIN = re.compile(r"[ \t\u00a0\-]*")  # between the words of one name
_TITLE_GAP = re.compile(r"\.?[ \t\u00a0]+")
_ROLE_GAP = re.compile(r",?[ \t\u00a0]+")
_CUE_GAP = re.compile(r"[ \t\u00a0]+[\"“‘']?")
_LIST_GAP = re.compile(r"\s*(?:,|&|,?\s+and)\s+|\s*,\s*")
# Addresses, links and @handles: a name inside them is part of the contact detail, not a mention.
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+|(?<![\w@])@[\w.]+")
_DATE_BEFORE = re.compile(
    r"(?:\b(?:in|on|of|during|until|till|by|from|since|before|after|early|late|mid|this|"
    r"next|last|every|each)[ \t\u00a0]+|\d(?:st|nd|rd|th)?[ \t\u00a0]+)$",
    re.IGNORECASE,
)
_ALONE_AFTER = re.compile(r"[ \t\u00a0]*(?:!|\.\s*$|\(|$)")  # "Swimmer of the week: Favour!"
_NUMBER_AFTER = re.compile(r"[ \t\u00a0]*\d")
_WHO_AFTER = re.compile(r",?\s+who\b", re.IGNORECASE)
_INITIAL_AFTER = re.compile(r"[ \t\u00a0]+([A-Z])(\.|(?![\w'’]))")
_SENTENCE_END = set(".!?…:;\n")
_QUOTED = re.compile(r"\"([^\"\n]{1,200})\"|“([^”\n]{1,200})”")


@dataclass
class _Candidate:
    first: int  # token index range [first, last)
    last: int
    kind: str
    pupils: tuple[str, ...]
    start: int
    end: int
    word_name: bool = False
    typo: bool = False
    initial: str | None = None
    status: str = "accept"  # accept | weak | reject
    data: dict[str, Any] = field(default_factory=dict)


class PupilNameRecognizer(Recognizer):
    name = "pupil_names"
    codes = ("pupil",)

    def find(self, ctx: TextContext) -> list[Hit]:
        roster = ctx.roster
        if not roster.pupils:
            return []
        lex = roster.lexicon
        text = ctx.text
        contacts = (
            [m.span() for m in _CONTACT.finditer(text)] if ("@" in text or "www" in text or "http" in text) else []
        )
        tokens = tokenize(text, embedded_names=roster.embeddable_names)
        if contacts:
            tokens = [t for t in tokens if not any(s <= t.start < e for s, e in contacts)]
        if not tokens:
            return []
        ents = [(e.start_char, e.end_char, e.label_) for e in ctx.doc.ents]
        quoted = [
            (m.start(), m.end()) for m in _QUOTED.finditer(text) if len((m.group(1) or m.group(2) or "").split()) >= 2
        ]
        vetoed_spans = [(m.start(), m.end()) for m in lex.non_pupil_re.finditer(text)] if lex.non_pupil_re else []
        if roster.staff_re is not None:
            vetoed_spans += [(m.start(), m.end()) for m in roster.staff_re.finditer(text)]

        cands = self._match(text, tokens, roster)
        cands += self._typos(text, tokens, cands, roster, ents)
        for c in cands:
            self._judge(c, text, tokens, roster, ents, quoted, vetoed_spans)
        self._in_lists_of_pupils(cands, text)
        self._one_sense_per_post(cands)

        hits = []
        for c in sorted(cands, key=lambda c: c.start):
            if c.status != "accept":
                continue
            data: dict[str, Any] = {"form": c.kind, "surface": text[c.start : c.end]}
            if c.typo:
                data["typo"] = True
            if c.initial:
                data["initial"] = c.initial
            hits.append(Hit("pupil", c.start, c.end, c.pupils, data))
        return hits

    # -- matching -------------------------------------------------------------
    def _match(self, text: str, tokens: list[Token], roster: RosterIndex) -> list[_Candidate]:
        names = roster.names
        cands: list[_Candidate] = []
        n = len(tokens)
        # joined[k]: token k and k+1 can belong to one name (no punctuation, no possessive between).
        joined = [not tokens[k].possessive and _joined(text, tokens[k], tokens[k + 1]) for k in range(n - 1)]
        i = 0
        while i < n:
            found = None
            longest = 1
            if names.starts_form(tokens[i].key):
                while longest < names.max_len and i + longest < n and joined[i + longest - 1]:
                    longest += 1
            for length in range(longest, 0, -1):
                span = tokens[i : i + length]
                entry = names.form(tuple(t.key for t in span))
                if entry:
                    found = (length, entry)
                    break
            if not found:
                i += 1
                continue
            length, entry = found
            kinds = set(entry.values())
            if FULL in kinds and length > 1:
                kind, pupils = FULL, tuple(sorted(p for p, k in entry.items() if k == FULL))
            elif FIRST in kinds:
                kind, pupils = FIRST, tuple(sorted(p for p, k in entry.items() if k == FIRST))
            else:
                kind, pupils = SURNAME, tuple(sorted(entry))
            cand = _Candidate(i, i + length, kind, pupils, tokens[i].start, tokens[i + length - 1].end)
            cand.data["surname_pupils"] = tuple(sorted(p for p, k in entry.items() if k == SURNAME))
            cand.word_name = length == 1 and tokens[i].key in roster.lexicon.word_names
            cands.append(cand)
            i += length
        return cands

    def _typos(
        self, text: str, tokens: list[Token], cands: list[_Candidate], roster: RosterIndex, ents: _Ents
    ) -> list[_Candidate]:
        lex = roster.lexicon
        used = {k for c in cands for k in range(c.first, c.last)}
        out = []
        for i, tok in enumerate(tokens):
            key = tok.key
            if (
                i in used
                or not tok.is_title
                or len(key) < roster.typo_min
                or key in lex.word_names
                or key in STOP_WORDS
                or key in roster.staff_keys
                or key in lex.titles
            ):
                continue
            if _label_beyond(ents, tok.start, tok.end, strict=False) in _PLACE_OR_TIME:
                continue
            near = roster.names.typo_candidates(key)
            if not near:
                continue
            pupils = tuple(sorted({p for name in near for p in roster.names.first_keys[name]}))
            out.append(_Candidate(i, i + 1, FIRST, pupils, tok.start, tok.end, typo=True))
        return out

    # -- context --------------------------------------------------------------
    def _judge(
        self,
        c: _Candidate,
        text: str,
        tokens: list[Token],
        roster: RosterIndex,
        ents: _Ents,
        quoted: _Spans,
        vetoed_spans: _Spans,
    ) -> None:
        lex = roster.lexicon
        first_tok, last_tok = tokens[c.first], tokens[c.last - 1]
        prev = tokens[c.first - 1] if c.first > 0 else None
        prev2 = tokens[c.first - 2] if c.first > 1 else None
        nxt = tokens[c.last] if c.last < len(tokens) else None
        gap_before = text[prev.end : first_tok.start] if prev else ""
        next_adjacent = (
            nxt is not None
            and not last_tok.possessive
            and (
                _SPACES.fullmatch(text[last_tok.end : nxt.start] or "x") is not None
                or (last_tok.in_hashtag and nxt.in_hashtag and last_tok.end == nxt.start)
            )
        )

        def reject(reason: str) -> None:
            c.status = "reject"
            c.data["reason"] = reason

        # An adult: a title just before the name, possibly before a first name ("Miss Amy Rose").
        k = c.first - 1
        while k >= 0 and k >= c.first - 2:
            t = tokens[k]
            gap = text[t.end : tokens[k + 1].start]
            if t.key in lex.titles and t.is_capitalised and _TITLE_GAP.fullmatch(gap):
                return reject("title")
            if not (t.is_capitalised and _SPACES.fullmatch(gap)):
                break
            k -= 1
        if prev is not None and prev.key in lex.adult_roles and _ROLE_GAP.fullmatch(gap_before):
            return reject("adult role")
        if (
            prev is not None
            and _CUE_GAP.fullmatch(gap_before)
            and (prev.key in lex.role_cues or (prev2 is not None and f"{prev2.key} {prev.key}" in lex.role_cues))
        ):
            return reject("role")
        if any(s <= c.start and c.end <= e for s, e in quoted):
            return reject("quoted title")
        if any(s <= c.start and c.end <= e for s, e in vetoed_spans):
            return reject("known non-pupil name")
        if next_adjacent and nxt is not None and nxt.text in _ROMAN:
            return reject("historical figure")

        family_next = next_adjacent and nxt is not None and nxt.key in lex.family_nouns
        if c.kind == SURNAME or (c.kind == FIRST and family_next and c.data.get("surname_pupils")):
            if family_next:
                c.kind = SURNAME
                c.pupils = c.data.get("surname_pupils") or c.pupils
                return
            if c.word_name or not first_tok.is_capitalised:
                return reject("surname that is also a word")
            if _label_exact(ents, c.start, c.end) != "PERSON" or _sentence_initial(text, c.start):
                return reject("surname without context")
            return
        if prev is not None and prev.key in ("the", "a", "an") and _SPACES.fullmatch(gap_before):
            return reject("determiner")

        if c.kind == FIRST:
            # Initial after a first name narrows the candidates ("Amelia S.", "Ava L").
            m = _INITIAL_AFTER.match(text, c.end)
            if m and not last_tok.possessive and (m.group(2) == "." or m.group(1) not in "AI"):
                letter = m.group(1).lower()
                narrowed = tuple(
                    p
                    for p in c.pupils
                    if any(s and s[0].startswith(letter) for s in roster.names.surnames_of.get(p, ()))
                )
                if narrowed:
                    c.pupils, c.initial, c.end = narrowed, m.group(1), m.end()
                    return
            # Someone else with the same first name ("Harry Potter").
            if (
                next_adjacent
                and nxt is not None
                and nxt.is_capitalised
                and nxt.key not in STOP_WORDS
                and not nxt.in_hashtag
                and _label_exact(ents, c.start, nxt.end) == "PERSON"
            ):
                return reject("other person's full name")

        if c.word_name and c.kind == FIRST:
            self._judge_word_name(c, text, tokens, first_tok, nxt, next_adjacent, roster, ents)

    def _judge_word_name(
        self,
        c: _Candidate,
        text: str,
        tokens: list[Token],
        tok: Token,
        nxt: Token | None,
        next_adjacent: bool,
        roster: RosterIndex,
        ents: _Ents,
    ) -> None:
        lex = roster.lexicon
        if not tok.is_capitalised:
            c.status = "accept" if _WHO_AFTER.match(text, c.end) else "reject"
            return
        date_like = _label_exact(ents, c.start, c.end) in ("DATE", "TIME")
        if date_like and (_DATE_BEFORE.search(text, max(0, c.start - 16), c.start) or _NUMBER_AFTER.match(text, c.end)):
            c.status = "reject"  # "Sports Day is in June", "12th June", "June 5th"
            return
        if date_like and _sentence_initial(text, c.start, colon_ends=False):
            c.status = "weak"  # "Summer is here!": only a list of pupils makes it a name
            c.data["listed_only"] = True
            return
        label = _label_beyond(ents, c.start, c.end, strict=True)
        if label in _NON_PERSON:
            c.status = "weak"  # unless it stands in a list of pupils (NER mislabels lists of names)
            c.data["listed_only"] = True
            return
        if (next_adjacent and nxt is not None and nxt.key in lex.word_followers) or _NUMBER_AFTER.match(text, c.end):
            c.status = "reject"  # "Summer term", "Max 30 children"
            return
        if (
            next_adjacent
            and nxt is not None
            and nxt.is_capitalised
            and nxt.key not in STOP_WORDS
            and not (tok.is_upper and nxt.is_upper)
        ):
            c.status = "reject"  # part of a longer proper noun ("River Mole", "Summer Fair")
            return
        # At the start of a sentence a capital says nothing, and NER calls most capitals there PERSON.
        if _sentence_initial(text, c.start) and not tok.in_hashtag:
            evidence = (
                _WHO_AFTER.match(text, c.end)
                or _ALONE_AFTER.match(text, c.end)
                or (
                    tok.possessive and nxt is not None and nxt.key in lex.adult_roles  # "Daisy's mum says"
                )
                or (
                    nxt is not None
                    and not nxt.is_capitalised
                    and (nxt.key in lex.person_verbs or nxt.key.endswith("ed"))
                )
                or (
                    nxt is not None
                    and nxt.key == "and"
                    and c.last + 1 < len(tokens)
                    and tokens[c.last + 1].is_capitalised
                )
            )
            if not evidence:
                c.status = "weak"

    @staticmethod
    def _in_lists_of_pupils(cands: list[_Candidate], text: str) -> None:
        """A word-name listed with other pupils is a pupil ("Ruby, Holly and Ella")."""
        ordered = sorted(cands, key=lambda c: c.start)
        for i, c in enumerate(ordered):
            if c.status != "weak":
                continue
            neighbours = []
            if i > 0:
                neighbours.append((ordered[i - 1], text[ordered[i - 1].end : c.start]))
            if i + 1 < len(ordered):
                neighbours.append((ordered[i + 1], text[c.end : ordered[i + 1].start]))
            if any(n.status == "accept" and not n.word_name and _LIST_GAP.fullmatch(gap) for n, gap in neighbours):
                c.status = "accept"

    @staticmethod
    def _one_sense_per_post(cands: list[_Candidate]) -> None:
        """A name confirmed as a pupil once is that pupil elsewhere in the post too.

        A first name after the same pupil's full name or initial ("Summer Okoro ... Summer")
        refers to that pupil: the other pupils who share the first name drop out.
        """
        resolved = [set(c.pupils) for c in cands if c.status == "accept" and (c.kind == FULL or c.initial)]
        for c in cands:
            if c.kind == FIRST and not c.initial and len(c.pupils) > 1 and c.status != "reject":
                for pupils in resolved:
                    if pupils < set(c.pupils):
                        c.pupils = tuple(sorted(pupils))
                        if c.status == "weak" and not c.data.get("listed_only"):
                            c.status = "accept"
                        break
        confirmed = {c.pupils for c in cands if c.status == "accept"}
        for c in cands:
            if c.status == "weak":
                listed_only = c.data.get("listed_only")
                c.status = "accept" if c.pupils in confirmed and not listed_only else "reject"


def _joined(text: str, a: Token, b: Token) -> bool:
    if a.in_hashtag != b.in_hashtag:
        return False
    gap = text[a.end : b.start]
    return _JOIN.fullmatch(gap) is not None and (gap != "" or a.in_hashtag)


def _sentence_initial(text: str, pos: int, *, colon_ends: bool = True) -> bool:
    i = pos - 1
    while i >= 0:
        ch = text[i]
        if ch in _SENTENCE_END and (colon_ends or ch != ":"):
            return True
        if ch == ":":
            return False
        if ch.isalnum() or ch in ",-–—(&":
            return False
        i -= 1
    return True


def _label_exact(ents: _Ents, start: int, end: int) -> str | None:
    for s, e, label in ents:
        if s <= start and end <= e:
            return label
    return None


def _label_beyond(ents: _Ents, start: int, end: int, *, strict: bool) -> str | None:
    """Label of an entity containing [start, end); with strict, only if it is longer than it."""
    for s, e, label in ents:
        if s <= start and end <= e and (not strict or (s < start or e > end)):
            return label
    return None
