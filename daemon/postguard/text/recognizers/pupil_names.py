"""Pupil names from the roster, in every form staff write them.

Matches first, preferred, legal and surnames and full names over word tokens
(hashtags split by case, possessives dropped, accents and look-alikes folded),
initials ("Amelia S."), and one-edit typos of longer names. Then, per candidate
(`_judge`): adults by a title or a role noun before or after ("Mrs Green", "our
coach Sam", "Dee (Amir's mum)"), pets, parts and works ("Meet Hope, the tortoise",
"played Jack"), the school's own class and house names used as such ("7 Aspen",
"Ivy and Aspen classes"), names that are also words without evidence ("Summer
term"). Then, per post, in this order: word-names listed with pupils, house names
in a post about houses, lists said to be of a class, one sense per post (a name
confirmed once is confirmed everywhere), typos NER calls places, people who are not
pupils carried to their later mentions, and pupils who share a first name told
apart by the class or year the post names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from postguard.text.classes import group_key
from postguard.text.lexicon import Lexicon
from postguard.text.names import (
    CUE_GAP,
    FIRST,
    FULL,
    ROLE_GAP,
    SPACES,
    SURNAME,
    TITLE_GAP,
    TYPO_MIN_LENGTH,
    TYPO_MIN_TYPED,
    Token,
    split_words,
    tokenize,
)
from postguard.text.normalize import fold
from postguard.text.recognizers.base import PUPIL, Hit, Recognizer, TextContext
from postguard.text.roster import RosterIndex

_Ents = list[tuple[int, int, str]]  # (start, end, label) of the doc's entities
_Spans = list[tuple[int, int]]
_Mentions = list[tuple[int, int, frozenset[str]]]  # class and year mentions of the post, in text order

# Entity labels that, spanning beyond a word-name, show it is used as a word or place.
_NON_PERSON = frozenset({"DATE", "TIME", "EVENT", "FAC", "GPE", "LOC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "ORG"})
# For typo candidates only labels that mark places and times veto: NER often calls unusual names ORG or NORP.
_PLACE_OR_TIME = frozenset({"DATE", "TIME", "FAC", "GPE", "LOC", "EVENT"})
_ROMAN = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"})
_JOIN = re.compile(r"[ \t\u00a0\-]*")  # between the words of one name
# "Gillies (2), Baird"; Welsh "a" / "ac" (and) too: "Haf, Cai a Nia" (only ever between two names)
_LIST_GAP = re.compile(r"(?:\s*\(\d{1,2}\))?(?:\s*(?:,|&|,?\s+(?:and|a|ac))\s+|\s*,\s*)")
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
_INITIAL_AFTER = re.compile(r"[ \t\u00a0]+([A-Z])(\.|(?![\w'’])|(?=['’]s\b))")  # "Ava L", "Amelia S.", "Noah W’s"
# After a staff member's first name: the part of the school they work in ("Rowan in the Art department",
# "Liz from the office"), or an organisation NER names ("Faith from the Samaritans"). Not any capitalised
# place: pupils are "in the Sensory Room" too.
_WORKPLACE_AFTER = re.compile(
    r"\s+(?:in|from|at)\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){0,3}?"
    r"(?P<place>department|dept|office|faculty|staff\s+team)\b"
)
_ORGANISATION_AFTER = re.compile(r"\s+from\s+the\s+(?P<org>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})")
# "Calum from Aboyne Camanachd": two or more capitalised words after "from" with no "the" (a club, a firm).
_NAMED_ORGANISATION_AFTER = re.compile(r"\s+from\s+(?P<org>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){1,3})(?!\s*\d)")
# Last words that make "from <words>" a school or a place pupils come from, not an organisation that visits.
_PUPIL_PLACES = frozenset(
    {"primary", "school", "academy", "high", "college", "nursery", "infants", "juniors", "village", "estate", "farm"}
)
_SENTENCE_END = set(".!?…:;\n")
_SURNAME_RUN = re.compile(r"(?:[ \t\u00a0]+[A-Z][\w'’-]*)+")
# Between an adult's name and the same first name: how far one clause may run, what ends it, and words that
# start a new clause or bring a new subject ("... and we thanked Kofi").
SAME_CLAUSE_WORDS = 8
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\n–—\"“”]")
_CLAUSE_WORDS = frozenset({"and", "but", "or", "so", "then", "while", "when", "because", "as", "if", "until", "that"})
_SUBJECTS = frozenset({"we", "they", "he", "she", "i", "you", "everyone", "everybody", "who", "which", "children"})
# A typed word shorter than TYPO_MIN_LENGTH ("Pipa") is taken as a typo only of a name at most this many pupils have.
TYPO_SHORT_MAX_PUPILS = 2
_GROUP_WORDS = frozenset({"year", "class", "form", "reception", "house", "sixth", "school"})
_QUOTED = re.compile(r"\"([^\"\n]{1,200})\"|“([^”\n]{1,200})”")
# After a name: an appositive that makes them an adult or a pet ("Sam, our coach", "Hope, the tortoise",
# "Dee (Amir's mum)"): up to this many words between the determiner or possessive and the role noun.
APPOSITIVE_WORDS = 3
_APPOSITIVE = re.compile(
    r"(?:(?:\s*,\s*|\s*\(\s*)(?:(?:the|our|my|a|an)\s+|(?P<pron>his|her|their)\s+|[A-Z][\w'’-]*['’]s\s+)"
    r"|\s+(?:the|our)\s+"  # "Toffee the reading dog"; not "Noah W’s aunt"
    r"|\s*\(\s*)"  # "Isla (granny of two of our P2s)"
    rf"(?P<words>(?:[\w'’-]+\s+){{0,{APPOSITIVE_WORDS}}}[\w'’-]+)"
)
CLASS_CONTEXT_CHARS = 12  # "7 Aspen", "in Jay": the words right before a class name
DATE_CUE_CHARS = 16  # "Sports Day is in June": the date words right before a month-name
LABEL_CUE_CHARS = 24  # the words right before a quotation that say it is a label
MAX_LIST = 30  # names followed along a list to the class written after it ("Hope, Rose and Amara from Year 11")
CLASS_AFTER_CHARS = 40  # "Willow in Year 1": how far after a name a class said of it may end
_YEAR_BEFORE = re.compile(r"(?:\b(?:[Yy]ear|YEAR|[Yy]r|Y)\s?)?\b\d{1,2}\s+$")
_LINK_BEFORE = re.compile(r"\b(?:in|from|into)\s+$")
_BRACKETED = re.compile(r"\(\s*$")
_CLOSE_BRACKET = re.compile(r"\s*\)")
_AND_THE = re.compile(r"\s+(?:and|&)\s+the\s+([A-Z][\w'’-]*)")
# A post about the school's houses: "the House Cup", "house points", "the houses"; not "at home in the house".
# A post about a play or show: only there is "was a fierce Juliet" a part rather than a pupil.
_STAGE = re.compile(
    r"\b(?:production|play|performance|musical|pantomime|panto|cast|starring|stage|rehearsals?|drama|theatre)\b",
    re.IGNORECASE,
)
_HOUSE_POST = re.compile(
    r"\bHouses?\b|\bHOUSES?\b|\bhouses\b|\bhouse\s+(?:points?|cups?|competitions?|captains?|results?|music|"
    r"sports?|cross-country|quiz|challenge|trophy|shield|assembly|events?|colours?|teams?)\b"
)
# Between a name and a class written right beside it: "Esme in 9RB", "Jay (10KLM)", "Amelia, Year 4".
_CLASS_AFTER = re.compile(r"(?:\s+(?:in|from|of)\s+(?:the\s+)?|\s*\(\s*|\s*,\s*|\s*[–—-]\s*)")
# After a name standing alone: a plural verb makes it a group (a house, team or class), as does, in a post
# about houses, a score or a heading colon.
_GROUP_VERB_AFTER = re.compile(r"[ \t\u00a0]+(?:are|were|have)\b")
_SCORE_OR_HEADING_AFTER = re.compile(r"[ \t\u00a0]*(?::|\d)")
_VOCATIVE_AFTER = re.compile(r",\s+you\b")
_APPOINTED_AFTER = re.compile(r"\s+(?:as|our)\b")  # "we named Daisy as captain", "named Daisy our Star of the Week"
_CLASS_IN_BRACKETS = re.compile(r"\s*\(|\s+(?:in|from)\s")  # "Jay (Starling)", "Jay in Starling"; not "Jay, Year 6"
_CLASS_BEFORE = re.compile(r"(?:['’]s\s+|\s*:\s*|\s+)")
# After a word-name starting a sentence: "from" and a capitalised place says it is a person ("Hope from Bryn
# Terrace"); not "from the ..." ("Hope from the start"), not a month ("Summer from June").
_FROM_PLACE_AFTER = re.compile(
    r"[ \t\u00a0]+from[ \t\u00a0]+(?!the\b|The\b)(?!(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z]"
)
# Penn tags (the on-demand tagger): a word-name tagged as a verb starts a wish ("Hope you all ..."); a finite
# verb right after a name tagged otherwise makes it the subject ("Hope uses a wheelchair").
_VERB_TAGS = frozenset({"VB", "VBP", "MD"})
# "Hope enjoying the sunshine!" (a caption), "Grace will be walking home" (a modal after the name)
_FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBG", "MD"})
# An appositive between commas and then a verb: "Grace, our Year 6 rep, spoke ..."
_DASH_APPOSITIVE = re.compile(r"[ \t\u00a0]*[-–—:][ \t\u00a0]*(?:our|the|a|an|my|his|her|their)\b", re.IGNORECASE)
_APPOSITIVE_CLAUSE = re.compile(
    r",[ \t\u00a0]+(?:our|the|a|an|my|his|her|their)[ \t\u00a0]+[^,.!?\n]{1,40},[ \t\u00a0]+[a-z]"
)
_PREPOSITIONS_AFTER = frozenset({"in", "at", "with", "on", "by", "during", "after", "before", "from"})
# Words after a sentence-initial word-name that make it the verb or the word whatever the tagger says.
_APPOSITIVE_STARTS = frozenset({"our", "the", "a", "an", "my", "his", "her", "their", "who", "you", "aged"})
_VERB_SENSE_AFTER = frozenset(
    {"you", "everyone", "everybody", "all", "to", "we", "your", "that", "this", "the", "our", "for", "and"}
)


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
    # Rejected as someone else (an adult, a pet, a character): other mentions of the first name in the post are too.
    carry: bool = False
    by_class: bool = False  # narrowed by a class written right beside it
    ruled_out: tuple[str, ...] = ()  # pupils sharing the name that the class or year in the post ruled out
    guessed: bool = False  # ruled out by the sentence, post or list, not by a class written beside the name
    # Carried from someone named earlier who is not a pupil, but a pupil without consent shares the name.
    maybe_other: bool = False
    other_reason: str = ""  # why: "earlier", "visitor" (see Hit.other_reason)
    data: dict[str, Any] = field(default_factory=dict)
    key: str = ""  # folded first word, for one sense per post


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
        ents = [_trimmed(text, e.start_char, e.end_char, e.label_) for e in ctx.doc.ents]
        mentions = roster.classes.mentions(text)  # once per post: the class and year mentions
        quoted = [
            (m.start(), m.end())
            for m in _QUOTED.finditer(text)
            if len((m.group(1) or m.group(2) or "").split()) >= 2
            and not _label_before(text, m.start(), lex)
            and not _label_after(text, m.end(), lex)
            and not any(m.start() < s < m.end() for s, _, _ in mentions)  # "Kirsty Bell P2/3": a label
        ]
        vetoed_spans = [(m.start(), m.end()) for m in lex.non_pupil_re.finditer(text)] if lex.non_pupil_re else []
        if roster.staff_re is not None:
            vetoed_spans += [(m.start(), m.end()) for m in roster.staff_re.finditer(text)]

        cands = self._match(text, tokens, roster)
        cands += self._typos(text, tokens, cands, roster, ents, mentions)
        for c in cands:
            self._judge(c, text, tokens, roster, ents, quoted, vetoed_spans, mentions, ctx.tag_at)
        self._in_lists_of_pupils(cands, text)
        _house_names(cands, text, roster)
        _lists_of_a_class(cands, text, mentions)
        self._one_sense_per_post(cands, roster)
        _typos_spelled_right_elsewhere(cands)
        _carry_rejections(cands, text, roster, mentions)
        _staff_first_names(cands, text, roster, mentions)
        _narrow_by_class(cands, text, roster, mentions)

        hits = []
        for c in sorted(cands, key=lambda c: c.start):
            if c.status != "accept":
                continue
            hits.append(
                Hit(
                    PUPIL,
                    c.start,
                    c.end,
                    c.pupils,
                    surface=text[c.start : c.end],
                    form=c.kind,
                    typo=c.typo,
                    initial=c.initial,
                    ruled_out=c.ruled_out,
                    guessed=c.guessed,
                    maybe_other=c.maybe_other,
                    other_reason=c.other_reason,
                )
            )
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
                if (
                    length > 1
                    and not span[0].is_capitalised
                    and span[1].is_capitalised
                    and span[0].key in roster.lexicon.word_names
                ):
                    continue  # "will Thorne Road parents": a lower-case word, then a capital, is no full name
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
            cand = _Candidate(
                i, i + length, kind, pupils, tokens[i].start, tokens[i + length - 1].end, key=tokens[i].key
            )
            cand.data["surname_pupils"] = tuple(sorted(p for p, k in entry.items() if k == SURNAME))
            cand.data["hashtag"] = tokens[i].in_hashtag
            cand.word_name = length == 1 and tokens[i].key in roster.lexicon.word_names
            cands.append(cand)
            i += length
        return cands

    def _typos(
        self,
        text: str,
        tokens: list[Token],
        cands: list[_Candidate],
        roster: RosterIndex,
        ents: _Ents,
        mentions: _Mentions,
    ) -> list[_Candidate]:
        lex = roster.lexicon
        used = {k for c in cands for k in range(c.first, c.last)}
        out = []
        for i, tok in enumerate(tokens):
            key = tok.key
            if (
                i in used
                or not tok.is_title
                or len(key) < TYPO_MIN_TYPED
                or key in lex.word_names
                or key in STOP_WORDS
                or key in roster.staff_keys
                or key in lex.titles
            ):
                continue
            place_like = _label_beyond(ents, tok.start, tok.end, strict=False) in _PLACE_OR_TIME
            if _inside_proper_noun(text, tokens, i, roster):
                continue  # "the School Games Gold Mark": a typo of James would be a guess
            if i > 0 and _surname_position(text, tokens[i - 1], tok, roster):
                continue  # "Ruby Williams": a surname after a first name, not a typo of William
            # "Williams", "Harris", "Roberts": a first name and an s is a surname (a patronymic), not a typo.
            near = {n for n in roster.names.typo_candidates(key) if key != n + "s"}
            if len(key) < TYPO_MIN_LENGTH:
                # A short word one letter off is a weak sign: only names rare in this roster count.
                near = {n for n in near if len(roster.names.first_keys[n]) <= TYPO_SHORT_MAX_PUPILS}
            if not near:
                continue
            pupils = tuple(sorted({p for name in near for p in roster.names.first_keys[name]}))
            cand = _Candidate(i, i + 1, FIRST, pupils, tok.start, tok.end, typo=True, key=key)
            # NER calls many unusual names places; a verb or possessive after says it is a person.
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            person_after = (
                tok.possessive
                or (
                    nxt is not None
                    and SPACES.fullmatch(text[tok.end : nxt.start])
                    and not nxt.is_capitalised
                    and (nxt.key in lex.person_verbs or nxt.key.endswith("ed"))
                )
                or _class_said_of(tok.end, text, mentions)  # "Pirya in 13S"
                or _ALONE_AFTER.match(text, tok.end) is not None  # "Well done Pipa!"
            )
            cand.data["place_like"] = place_like and not person_after
            if not person_after and _label_exact(ents, tok.start, tok.end) != "PERSON":
                cand.status = "weak"  # "Head of Maths": one letter off a name is no sign on its own
            out.append(cand)
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
        mentions: _Mentions,
        tag_at: Callable[[int], str],
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
                SPACES.fullmatch(text[last_tok.end : nxt.start] or "x") is not None
                or (last_tok.in_hashtag and nxt.in_hashtag and last_tok.end == nxt.start)
            )
        )

        def reject(reason: str) -> None:
            c.status = "reject"
            c.data["reason"] = reason

        def someone_else(reason: str) -> None:
            reject(reason)
            c.carry = True

        # An adult: a title just before the name, possibly before a first name ("Miss Amy Rose").
        # A role title before a first name and a surname initial may be a pupil ("Captain Esme K").
        k = c.first - 1
        while k >= 0 and k >= c.first - 2:
            t = tokens[k]
            gap = text[t.end : tokens[k + 1].start]
            if t.key in lex.titles and t.is_capitalised and TITLE_GAP.fullmatch(gap):
                # A role title before a full name or a first name and initial may be a pupil ("Captain Esme K").
                if t.key in lex.honorifics or not (c.kind == FULL or self._initial_narrows(c, text, last_tok, roster)):
                    if c.kind == FIRST and next_adjacent and nxt is not None and nxt.is_capitalised:
                        return someone_else("title")  # "Dr Storm Adeyemi": an adult in full, so a bare "Storm" too
                    if t.key in lex.pupil_titles and c.kind == FIRST:
                        # "Captain Ibrahim led the team out": a team captain; an adult would have a surname. One
                        # a member of staff shares is asked about when a pupil without consent has it too.
                        if c.key not in roster.staff_first_names:
                            break
                        if _any_refused(c.pupils, roster):
                            c.maybe_other, c.other_reason = True, "staff"
                            return
                    return reject("title")
                break
            if not (t.is_capitalised and SPACES.fullmatch(gap)):
                break
            k -= 1
        if prev is not None and ROLE_GAP.fullmatch(gap_before):
            if prev.key in lex.adult_roles:
                return someone_else("adult role")
            if prev.key in lex.animal_nouns:
                return someone_else("animal")
        if prev is not None and CUE_GAP.fullmatch(gap_before):
            cue = f"{prev2.key} {prev.key}" if prev2 is not None else ""
            if cue in lex.person_cues or prev.key in lex.person_cues:
                return someone_else("not a pupil now")
            appointed = prev.key in ("named", "called") and _APPOINTED_AFTER.match(text, c.end)
            if (prev.key in lex.role_cues or cue in lex.role_cues) and not appointed:
                return reject("role")
        if any(s <= c.start and c.end <= e and not _name_alone_in(text, s, e, c) for s, e in quoted):
            return reject("quoted title")
        if any(s <= c.start and c.end <= e for s, e in vetoed_spans):
            return reject("known non-pupil name")
        if next_adjacent and nxt is not None and nxt.text in _ROMAN:
            return reject("historical figure")
        if c.kind in (FULL, SURNAME) and _LONGER_SURNAME.match(text, c.end):
            # "Niamh Gallagher-Boyd" for the roster's Niamh Gallagher: someone else, or the pupil by a surname the
            # school does not hold. A pupil without consent is asked about.
            if _any_refused(c.pupils, roster):
                c.maybe_other, c.other_reason = True, "longer"
                return
            return reject("longer surname")
        if (
            c.kind == FIRST
            and c.last - c.first == 1
            and first_tok.is_capitalised
            and not last_tok.possessive  # "a visit to Willow's class"
            and _place_use(text, tokens, c.first, lex)
        ):
            # "Our P6 trip to Skye": the place. A pupil without consent who shares the name is asked about.
            if _any_refused(c.pupils, roster):
                c.maybe_other, c.other_reason = True, "place"
                return
            return reject("place")
        after = _APPOSITIVE.match(text, c.end) if not last_tok.possessive else None
        if after is not None:
            words = [fold(w) for w in after.group("words").split()]
            if _head_noun(words, _RELATIVE_ENDS) in lex.animal_nouns:
                return someone_else("animal")  # "Hope, the tortoise", "Bear, our new school dog"
            # A role ends before a preposition too ("the lifeboat man from RNLI"); an animal does not ("our
            # teacher's pet in Year 6" is a pupil).
            head = _head_noun(words, _HEAD_ENDS)
            # "Sam, our coach", "Dee (Amir's mum)", "Kofi, our Head of Maths"; not "Amelia, our head
            # girl" (the head noun is girl), nor "Amelia, her mum and her gran" (a list).
            if not after.group("pron") and head in lex.adult_roles and c.kind != FULL:
                return someone_else("adult role")
            if not after.group("pron") and head in lex.compound_roles and c.kind != FULL:
                # "the lifeboat man": a noun before it (by the tagger); not "a remarkable young woman"
                starts = [after.start("words") + m.start() for m in _WORD_IN.finditer(after.group("words"))]
                words = [fold(w) for w in _WORD_IN.findall(after.group("words"))]
                at = words.index(head)
                if at > 0 and tag_at(starts[at - 1]).startswith("NN"):
                    return someone_else("adult role")
        if (
            c.kind == FIRST
            and c.last - c.first == 1
            and first_tok.key in roster.class_words
            and self._class_name_here(c, text, tokens, roster)
        ):
            return reject("class name")
        if c.kind == FIRST and c.last - c.first == 1 and not last_tok.possessive:
            listed = prev is not None and ("," in gap_before or prev.key in ("and", "or", "nor"))
            if _GROUP_VERB_AFTER.match(text, c.end) and not listed:
                return someone_else("group name")  # "Skye are out in front": one pupil "is"
            if _HOUSE_POST.search(text) and _SCORE_OR_HEADING_AFTER.match(text, c.end):
                return someone_else("house name")  # "Iona 377 and Arran 369", "Arran: Rory M and Ellie B"
        if c.kind == FIRST and c.last - c.first == 1:
            if c.key in roster.staff_first_names and self._at_workplace(c, text, mentions):
                return someone_else("staff")  # "Bev from the office"
            if _from_organisation(c, text, mentions, ents, roster):
                # "Faith from the Samaritans": a visitor. A pupil can be "from the Brownies" too, so a pupil
                # without consent who shares the name is asked about, never passed.
                if any(not roster.pupils[p].may_be_named for p in c.pupils if p in roster.pupils):
                    c.maybe_other, c.other_reason = True, "visitor"
                else:
                    return someone_else("visitor")
        band = _AND_THE.match(text, c.end) if c.kind == FIRST else None  # not "Rory McDonald and the Toast"
        if (
            band is not None
            and band.group(1).lower() not in _GROUP_WORDS
            and fold(band.group(1)) not in roster.class_words
        ):
            return reject("title")  # "Jay and the Jazz Cats", "Jack and the Beanstalk"

        family_next = next_adjacent and nxt is not None and nxt.key in lex.family_nouns
        if c.kind == SURNAME or (c.kind == FIRST and family_next and c.data.get("surname_pupils")):
            if family_next:
                c.kind = SURNAME
                c.pupils = c.data.get("surname_pupils") or c.pupils
                return
            if c.word_name or not first_tok.is_capitalised:
                return reject("surname that is also a word")
            if (
                prev is not None
                and prev.key in _DETERMINERS.split("|")
                and next_adjacent
                and nxt is not None
                and not nxt.is_capitalised
                and nxt.key not in STOP_WORDS
            ):
                return reject("surname naming a thing")  # "our Burns supper", "the Miller building"
            if _LABEL_COLON_BEFORE.search(text, max(0, c.start - 4), c.start) and _ALONE_AFTER.match(text, c.end):
                return  # "Player of the match: Okafor!": a surname standing alone after a label is the winner
            if _label_exact(ents, c.start, c.end) != "PERSON" or _sentence_initial(text, c.start):
                # "Goals: Gillies (2), Baird, Thomson": only a list with a pupil named for sure makes it one.
                c.status = "weak"
                c.data["listed_only"] = True
                return
            if (
                prev is not None
                and prev.is_capitalised
                and SPACES.fullmatch(gap_before)
                and _label_exact(ents, prev.start, c.end) == "PERSON"
            ):
                return reject("other person's full name")  # "Amir's mum, Dee Haddad"
            return
        welsh_and = (  # "Cai a Nia": Welsh "and" between two first names, not the article
            prev is not None
            and prev.text == "a"
            and prev2 is not None
            and prev2.is_capitalised
            and prev2.key in roster.names.first_keys
            and SPACES.fullmatch(text[prev2.end : prev.start]) is not None
        )
        if prev is not None and prev.key in ("the", "a", "an") and SPACES.fullmatch(gap_before) and not welsh_and:
            return reject("determiner")
        if (
            prev is not None
            and prev2 is not None
            and prev2.key in ("a", "an")
            and not prev.is_capitalised
            and prev.key not in STOP_WORDS
            and SPACES.fullmatch(gap_before)
            and SPACES.fullmatch(text[prev2.end : prev.start])
            and _STAGE.search(text)
        ):
            return someone_else("character")  # "was a fierce Juliet" in a post about a play; not "a happy Sam"

        if c.kind == FIRST:
            if c.initial is not None or self._initial_narrows(c, text, last_tok, roster):
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
                return someone_else("other person's full name")

        if c.word_name and c.kind == FIRST:
            self._judge_word_name(c, text, tokens, first_tok, nxt, next_adjacent, roster, ents, mentions, tag_at)

    @staticmethod
    def _initial_narrows(c: _Candidate, text: str, last_tok: Token, roster: RosterIndex) -> bool:
        """A surname initial after a first name narrows the candidates ("Amelia S.", "Ava L")."""
        if c.kind != FIRST or last_tok.possessive:
            return False
        m = _INITIAL_AFTER.match(text, c.end)
        if not m or (m.group(2) != "." and m.group(1) in "AI"):
            return False
        letter = m.group(1).lower()
        narrowed = tuple(
            p for p in c.pupils if any(s and s[0].startswith(letter) for s in roster.names.surnames_of.get(p, ()))
        )
        if not narrowed:
            return False
        c.pupils, c.initial, c.end = narrowed, m.group(1), m.end()
        return True

    @staticmethod
    def _at_workplace(c: _Candidate, text: str, mentions: _Mentions) -> bool:
        """ "Rowan in the Art department", "Liz from the office"; not "Rowan in the Year 9 office"."""
        m = _WORKPLACE_AFTER.match(text, c.end)
        return m is not None and not any(s <= m.start("place") < e for s, e, _ in mentions)

    @staticmethod
    def _class_name_here(c: _Candidate, text: str, tokens: list[Token], roster: RosterIndex) -> bool:
        """A word that is also one of this school's class or house names, used as one: "7 Aspen",
        "Year 8 Rowan form", "Willow and Aspen forms", "Jaden (Aspen)", "in Jay today"."""
        lex = roster.lexicon
        before = text[max(0, c.start - CLASS_CONTEXT_CHARS) : c.start]
        if _YEAR_BEFORE.search(before) or _LINK_BEFORE.search(before):
            return True
        if _BRACKETED.search(before) and _CLOSE_BRACKET.match(text, c.end):
            return True
        # The group noun after this name, or after a list of class names that it starts.
        k = c.last
        while k < len(tokens):
            tok = tokens[k]
            gap = text[tokens[k - 1].end : tok.start]
            if not _LIST_GAP.fullmatch(gap) and not SPACES.fullmatch(gap):
                return False
            if tok.key in lex.group_nouns:
                return True
            if tok.key not in roster.class_words and tok.key != "and":
                return False
            k += 1
        return False

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
        mentions: _Mentions,
        tag_at: Callable[[int], str],
    ) -> None:
        lex = roster.lexicon
        prev = tokens[c.first - 1] if c.first > 0 else None
        prev2 = tokens[c.first - 2] if c.first > 1 else None
        if (
            tok.is_capitalised
            and prev is not None
            and prev2 is not None
            and prev.is_capitalised
            and SPACES.fullmatch(text[prev.end : tok.start])
            and not _sentence_initial(text, prev.start)
            and prev.key not in lex.titles
            and _names_nothing(prev.key, roster)
            and prev2.key in _DETERMINERS.split("|")
        ):
            c.status = "reject"  # "the Selkirk Grace", "the Golden Hope": part of a proper noun
            return
        if not tok.is_capitalised:
            if _WHO_AFTER.match(text, c.end):
                c.status = "accept"
            elif next_adjacent and nxt is not None and nxt.key in lex.word_followers:
                c.status = "reject"  # "the autumn term"
            elif (
                tok.key in lex.count_names
                and next_adjacent
                and nxt is not None
                and nxt.key in lex.person_verbs
                and _bare_before(text, tokens, c.first)
            ):
                c.status = "accept"  # "... and teddy was a shepherd": a bare count noun as a subject is a name
            else:
                # "autumn’s painting won": a pupil if the post names them elsewhere, or
                # "well done to river, hope and rose from year 11": a list said to be of a class.
                c.status = "weak"
                c.data["lowercase"] = True
                c.data["listed_only"] = not tok.possessive
            return
        date_like = _label_exact(ents, c.start, c.end) in ("DATE", "TIME")
        if date_like and (
            _DATE_BEFORE.search(text, max(0, c.start - DATE_CUE_CHARS), c.start) or _NUMBER_AFTER.match(text, c.end)
        ):
            c.status = "reject"  # "Sports Day is in June", "12th June", "June 5th"
            return
        if date_like and _sentence_initial(text, c.start, colon_ends=False):
            c.status = "weak"  # "Summer is here!": only a list of pupils makes it a name
            c.data["listed_only"] = c.data["date_like"] = True
            return
        if _CLASS_IN_BRACKETS.match(text, c.end) and _class_said_of(c.end, text, mentions):
            c.status = "accept"  # "Congratulations to Jay (Starling)": a class of this school said of the name
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
                or _VOCATIVE_AFTER.match(text, c.end)  # "Cat, you are a star!"
                or (
                    tok.possessive and nxt is not None and nxt.key in lex.adult_roles  # "Daisy's mum says"
                )
                or (  # "Hope's painting won first prize": a possessive before a noun (not "Hope's a ...": is)
                    tok.possessive
                    and nxt is not None
                    and not nxt.is_capitalised
                    and nxt.key not in STOP_WORDS
                    and SPACES.fullmatch(text[tok.end + 2 : nxt.start]) is not None
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
                    and (tokens[c.last + 1].is_capitalised or tokens[c.last + 1].key in ("his", "her", "their"))
                )  # "Daisy and Rose ...", "Daisy and her hamster"
                or (
                    nxt is not None
                    and nxt.key == "and"
                    and c.last + 2 < len(tokens)
                    and tokens[c.last + 1].key == "the"
                    and tokens[c.last + 2].key in _GROUP_WORDS
                )  # "Rose and the Year 3 team won"
                or _class_said_of(c.end, text, mentions)  # "Willow in Year 1 planted a tree"
                or _FROM_PLACE_AFTER.match(text, c.end)  # "Hope from Bryn Terrace collected the most litter"
                or _APPOSITIVE_CLAUSE.match(text, c.end)  # "Grace, our Year 6 rep, spoke at ..."
                or _DASH_APPOSITIVE.match(text, c.end)  # "Hope – our star of the week"
                or (  # "Hope uses a wheelchair": a finite verb right after, by the tagger, and the name no verb
                    next_adjacent
                    and nxt is not None
                    and not nxt.is_capitalised
                    and tag_at(nxt.start) in _FINITE_VERB_TAGS
                    and tag_at(tok.start) not in _VERB_TAGS
                )
            )
            if not evidence:
                c.status = "weak"
                word_list = (  # "Grace, hope and friendship are our values": a list of words
                    nxt is not None
                    and not nxt.is_capitalised
                    and "," in text[tok.end : nxt.start]
                    and nxt.key not in _APPOSITIVE_STARTS
                )
                # The tagger calls a name before a preposition a verb too ("Hope in the garden today").
                after_preposition = nxt is not None and nxt.key in _PREPOSITIONS_AFTER
                verb = tag_at(tok.start) in _VERB_TAGS and not after_preposition
                verb = verb or (  # "Hope you all ...", "Hope to see you": not "Hope - our star"
                    next_adjacent and nxt is not None and not nxt.is_capitalised and nxt.key in _VERB_SENSE_AFTER
                )  # not "MAX WE ARE SO PROUD OF YOU"
                if verb:
                    c.data["verb_sense"] = True  # never a name by one sense per post ("Hope you ... Hope won")
                elif not word_list:
                    # Not "Hope you all have a lovely break" (the verb), yet nothing says it is a name: a pupil
                    # without consent of that name is asked about, never passed in silence.
                    c.data["unsure_word"] = True

    @staticmethod
    def _in_lists_of_pupils(cands: list[_Candidate], text: str) -> None:
        """A word-name listed with other pupils is a pupil ("Ruby, Holly and Ella", "Hope, Willow and
        Esme K."). A list of word-names alone proves nothing ("Grace, hope and friendship")."""
        ordered = sorted(cands, key=lambda c: c.start)
        anchored = {id(c) for c in ordered if c.status == "accept" and not c.word_name}
        changed = True
        while changed:  # along the list, one neighbour at a time
            changed = False
            for i, c in enumerate(ordered):
                if c.status not in ("weak", "accept") or id(c) in anchored:
                    continue
                neighbours = []
                if i > 0:
                    neighbours.append((ordered[i - 1], text[ordered[i - 1].end : c.start]))
                if i + 1 < len(ordered):
                    neighbours.append((ordered[i + 1], text[c.end : ordered[i + 1].start]))
                if c.data.get("lowercase"):
                    continue  # "Amelia and will ...": lower case needs a class said of the list
                if any(id(n) in anchored and _LIST_GAP.fullmatch(gap) for n, gap in neighbours):
                    c.status = "accept"  # a weak one becomes a pupil; an accepted word-name anchors the next
                    anchored.add(id(c))
                    changed = True

    @staticmethod
    def _one_sense_per_post(cands: list[_Candidate], roster: RosterIndex) -> None:
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
        in_full = {c.pupils for c in cands if c.status == "accept" and c.kind == FULL}
        for c in cands:
            if c.status == "weak":
                # NER calls a hashtag an organisation; "#TeamRiver" is River when the post names River.
                listed_only = c.data.get("listed_only") and not c.data.get("hashtag")
                same = [p for p in confirmed if set(p) <= set(c.pupils)]
                # "Catriona Fraser ... Cat, you are a star!": the pupil named in full is that pupil here too.
                if listed_only and not c.data.get("date_like") and c.kind == FIRST and same:
                    listed_only = not any(set(p) <= set(c.pupils) for p in in_full)
                if same and not listed_only and not c.data.get("verb_sense"):
                    c.status, c.pupils = "accept", same[0]
                elif c.data.get("unsure_word") and _any_refused(c.pupils, roster):
                    c.status, c.maybe_other, c.other_reason = "accept", True, "word"
                else:
                    c.status = "reject"


_LABEL_COLON_BEFORE = re.compile(r":[ \t\u00a0]*$")
_LONGER_SURNAME = re.compile(r"-[A-Z][a-z]")  # "Gallagher-Boyd" after the roster's "Gallagher"
_QUOTED_INITIAL = re.compile(r"\s+[A-Z]\.?")
_QUOTE_EDGES = ' \t\u00a0.,!?"“”'


def _name_alone_in(text: str, start: int, end: int, c: _Candidate) -> bool:
    """The quotation holds the name and nothing else, or a first name and a surname initial: a name written
    in quotes ('The winning entry was by "Ibrahim Y."'), not a title (a title has more words)."""
    inner = text[start:end].strip(_QUOTE_EDGES)
    offset = text.index(inner, start) if inner else start
    if offset != c.start:
        return False
    rest = text[c.end : offset + len(inner)]
    return rest == "" or (c.kind == FIRST and _QUOTED_INITIAL.fullmatch(rest) is not None)


_PLACE_PREPOSITIONS = frozenset({"to", "in", "on", "around", "across", "of", "round"})


def _place_use(text: str, tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Token i names a place: after a travel word and a preposition ("trip to Skye", "residential on Arran"),
    or later in a list of such places ("the trip to Lewis and Harris")."""
    while i >= 2 and not tokens[i - 1].is_capitalised and tokens[i - 1].key in ("and", "or"):
        before = tokens[i - 2]
        if not (before.is_capitalised and SPACES.fullmatch(text[before.end : tokens[i - 1].start])):
            break
        i -= 2  # "Lewis and Harris": the first of the list decides
    while i >= 1 and "," in text[tokens[i - 1].end : tokens[i].start] and tokens[i - 1].is_capitalised:
        i -= 1  # "to Skye, Mull and Iona"
    if i < 1 or not SPACES.fullmatch(text[tokens[i - 1].end : tokens[i].start]):
        return False
    prev = tokens[i - 1]  # not straight after a verb: "the dentist visited Hope" is a person
    if prev.key not in _PLACE_PREPOSITIONS or i < 2:
        return False
    cue = tokens[i - 2]
    return cue.key in lex.travel_cues and SPACES.fullmatch(text[cue.end : prev.start]) is not None


def _surname_position(text: str, prev: Token, tok: Token, roster: RosterIndex) -> bool:
    """The word straight after a first name, on the same line: "Ruby Williams" (a roster or staff first name)."""
    return (
        prev.is_capitalised
        and not prev.possessive
        and SPACES.fullmatch(text[prev.end : tok.start]) is not None
        and (prev.key in roster.names.first_keys or prev.key in roster.staff_first_names)
    )


def _any_refused(pupils: tuple[str, ...], roster: RosterIndex) -> bool:
    """A pupil among these may not be named."""
    return any(p in roster.pupils and not roster.pupils[p].may_be_named for p in pupils)


def _typos_spelled_right_elsewhere(cands: list[_Candidate]) -> None:
    """NER often calls a misspelt name a place ("Isbael in 11JA"): such a typo is a pupil only
    when the post also spells that pupil's name right ("... Isabel is the most dedicated")."""
    spelled = {p for c in cands if c.status == "accept" and not c.typo for p in c.pupils}
    for c in cands:
        if c.typo and c.data.get("place_like") and c.status != "reject":
            if spelled & set(c.pupils):
                c.pupils = tuple(sorted(spelled & set(c.pupils)))
            else:
                c.status = "reject"
                c.data["reason"] = "place or time"


_WORD_IN = re.compile(r"[\w'’-]+")
_RELATIVE_ENDS = frozenset({"of", "who", "that", "which"})
_HEAD_ENDS = _RELATIVE_ENDS | {"from", "at", "with", "in", "for"}
# "man of the match", "star of the week": an award, which a pupil wins; its first word is no role.
_AWARD_PERIODS = frozenset({"match", "week", "day", "month", "term", "year", "game", "tournament", "season"})


def _head_noun(words: list[str], ends: frozenset[str]) -> str:
    """The noun a short appositive is about: its last word, or the word before "of" ("head of Maths"),
    a relative word ("the tortoise who lives ...") or a preposition ("the lifeboat man from RNLI Montrose");
    nothing for an award ("our man of the match")."""
    for i, w in enumerate(words):
        if w in ends and i > 0:
            if w == "of" and _AWARD_PERIODS & set(words[i + 1 :]):
                return ""
            return words[i - 1]
    return words[-1] if words else ""


def _label_before(text: str, start: int, lex: Lexicon) -> bool:
    """A label or writing is quoted ("a jar labelled "Esme's den""): not a title."""
    words = re.findall(r"[\w'’]+", text[max(0, start - LABEL_CUE_CHARS) : start].lower())
    return bool(words) and (words[-1] in lex.label_cues or " ".join(words[-2:]) in lex.label_cues)


_DETERMINERS = "the|a|an|his|her|their|my|our|your|its|this|that|every|each|some|any|no"


def _names_nothing(key: str, roster: RosterIndex) -> bool:
    """The word is no roster name and no staff name."""
    return (key,) not in roster.names.forms and key not in roster.staff_keys


def _bare_before(text: str, tokens: list[Token], i: int) -> bool:
    """Nothing that could make token i a common noun stands before it (no determiner, possessive or
    adjective, only "and", "but" or a comma: "Lacey-Mae was Mary and teddy was ..."), and the post
    never uses the word as a noun ("her teddy")."""
    if i == 0 or _sentence_initial(text, tokens[i].start):
        return False  # a lower-case word starting a sentence may be a common noun written carelessly
    if re.search(rf"\b(?:{_DETERMINERS})\s+{re.escape(tokens[i].text)}\b", text, re.IGNORECASE):
        return False  # "her teddy ... and teddy was soggy": the post uses it as a noun
    prev = tokens[i - 1]
    gap = text[prev.end : tokens[i].start]
    return not prev.possessive and (
        "," in gap or (SPACES.fullmatch(gap) is not None and prev.key in ("and", "but", "then", "while", "when"))
    )


def _label_after(text: str, end: int, lex: Lexicon) -> bool:
    """Writing described after the quotation ("LEO M – HERON" written on the strap): a label, not a title."""
    words = re.findall(r"[\w'’]+", text[end : end + LABEL_CUE_CHARS].lower())
    return any(" ".join(words[:n]) in lex.label_cues_after for n in (1, 2, 3))


# Last words after "from the" that make it a group pupils belong to ("the Juniors", "the Brownies", "the Chess
# Club", "the School Council"), not a visitor's organisation, whatever NER calls it.
_PUPIL_GROUPS = frozenset(
    {"juniors", "infants", "seniors", "leavers", "prefects", "pupils", "students", "twins"}
    | {"brownies", "cubs", "scouts", "beavers", "rainbows", "guides", "explorers", "cadets", "squirrels"}
    | {"club", "team", "squad", "choir", "band", "orchestra", "council", "group", "committee", "crew"}
)


def _from_organisation(c: _Candidate, text: str, mentions: _Mentions, ents: _Ents, roster: RosterIndex) -> bool:
    """ "Faith from the Samaritans", "Dee from the Cystic Fibrosis Trust": an organisation after the name (one
    NER names, one whose last word is an organisation noun, or a plural proper noun). Not "Faith from the
    Year 12 team", "Jay from the Robins" (a class), "Ola from the Juniors"."""
    m = _ORGANISATION_AFTER.match(text, c.end)
    named = m is None
    if m is None:
        m = _NAMED_ORGANISATION_AFTER.match(text, c.end)
        if m is None:
            return False
    words = [fold(w) for w in split_words(m.group("org"))]
    if not words or words[0] in _GROUP_WORDS or any(s <= m.start("org") < e for s, e, _ in mentions):
        return False
    if any(w in roster.class_words or w.rstrip("s") in roster.class_words for w in words):
        return False
    last = words[-1]
    if last in _PUPIL_GROUPS:
        return False
    if named:
        # "Hope from Bryn Terrace" lives there, "Hope from Glenbervie Primary" is a pupil there, "Hope from
        # Aberdeen City" is from a place: only other capitalised words name a club or firm.
        return (
            last not in roster.lexicon.street_types
            and last not in _PUPIL_PLACES
            and _label_beyond(ents, m.start("org"), m.end("org"), strict=False) not in ("GPE", "LOC", "FAC", "DATE")
        )
    if _label_beyond(ents, m.start("org"), m.end("org"), strict=False) in ("ORG", "NORP"):
        return True
    if last in roster.lexicon.organisation_nouns:
        return True
    return len(last) > 3 and last.endswith("s") and not last.endswith("ss")


def _class_said_of(end: int, text: str, mentions: _Mentions) -> bool:
    """A class written right after a name ends at `end`: "Willow in Year 1", "Pirya (13S)"."""
    first = bisect.bisect_left(mentions, (end,))
    for s, _, _ in mentions[first : first + 3]:  # the class, if any, is one of the next few mentions
        if s > end + CLASS_AFTER_CHARS:
            return False
        if _CLASS_AFTER.fullmatch(text[end:s]):
            return True
    return False


def _lists_of_a_class(cands: list[_Candidate], text: str, mentions: _Mentions) -> None:
    """Names in a list said to be of a class are pupils, however they are written: "well done to
    river, hope and rose from year 11" (a list of at least two, the class right after the last)."""
    ordered = sorted((c for c in cands if c.status != "reject"), key=lambda c: c.start)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and _LIST_GAP.fullmatch(text[ordered[j].end : ordered[j + 1].start]):
            j += 1
        if j > i and _class_said_of(ordered[j].end, text, mentions):
            for c in ordered[i : j + 1]:
                c.status = "accept"
        i = j + 1


def _house_names(cands: list[_Candidate], text: str, roster: RosterIndex) -> None:
    """In a post about houses ("house cross-country", "the House Cup"), two or more of the
    school's class or house names standing alone are the houses ("Rowan took first place,
    Hazel second")."""
    if not _HOUSE_POST.search(text):
        return
    alone = [
        c
        for c in cands
        if (c.status != "reject" or c.data.get("reason") in ("group name", "house name"))
        and c.kind == FIRST
        and c.last - c.first == 1
        and c.key in roster.class_words
    ]
    if len({c.key for c in alone}) >= 2:
        for c in alone:
            c.status = "reject"
            c.data["reason"] = "house name"


def _carry_rejections(cands: list[_Candidate], text: str, roster: RosterIndex, mentions: _Mentions) -> None:
    """One sense per post for people who are not pupils: after "our site manager Marcus Webb",
    "Miss Grant" (the staff list's Amelia Grant) or "Meet Bear, our new school dog", a bare "Marcus",
    "Amelia" or "Bear" is the same one. Unless a pupil without consent shares the name: then it stays
    a mention PostGuard is unsure of (a warning that asks, never a pass), or a pupil outright when
    its own clause shows it is someone else ("Firefighter Grace Obi let Grace sit in the cab": the
    firefighter would be "herself"). Only when the post names classes or years and no pupil of the
    name is in any of them is a staff member's first name taken as theirs outright; a staff member
    named only by title and surname counts only then (people who write "Miss Grant" write it again)."""
    # (first-name key, end of that person's name, on the staff list, named in full)
    adults = [(c.key, _name_run_end(text, c.end), False, True) for c in cands if c.carry or c.other_reason == "visitor"]
    adults += _staff_named(text, roster)
    if not adults:
        return
    keys = {k for k, _, _, _ in adults}
    groups = _groups_in_post(cands, mentions)
    for c in cands:
        if c.status == "reject" or c.kind != FIRST or c.last - c.first != 1 or c.initial or c.key not in keys:
            continue
        if c.other_reason:
            continue  # already asked about (a visitor, a place, a word)
        before = [end for key, end, _, _ in adults if key == c.key and end <= c.start]
        if before and _same_clause_object(text, max(before), c.start):
            c.data["not_the_adult"] = True  # "... Grace Obi let Grace sit": someone else, so a pupil
            continue
        staff = any(key == c.key and on_staff for key, _, on_staff, _ in adults)
        classes_fit_none = staff and groups is not None and not set(c.pupils) & groups
        if not classes_fit_none and not any(key == c.key and full for key, _, _, full in adults):
            continue  # only "Miss Grant" before: "Dr Ogunleye ran a club for Year 8. Faith made slime" is a pupil
        refused = any(p in roster.pupils and not roster.pupils[p].may_be_named for p in c.pupils)
        # A pupil without consent drops out only when three things agree: the member of staff is named in the
        # post, the post's classes fit no pupil of the name, and what follows fits only an adult.
        if refused and not (classes_fit_none and roster.lexicon.adult_predicate_re.match(text, c.end)):
            c.maybe_other, c.other_reason = True, "earlier"
            continue
        c.status = "reject"
        c.data["reason"] = "same person as before"


def _name_run_end(text: str, end: int) -> int:
    """The end of the capitalised words right after a first name: "Grace Obi" for "Grace"."""
    m = _SURNAME_RUN.match(text, end)
    return m.end() if m else end


def _staff_named(text: str, roster: RosterIndex) -> list[tuple[str, int, bool, bool]]:
    """Staff the post names in full or by title and surname, as (first-name key, end, True, in full):
    "Marcus Webb", "Mrs Rachel Green", "Miss Grant" (when one member of staff has that surname)."""
    if roster.staff_re is None:
        return []
    out = []
    for m in roster.staff_re.finditer(text):
        words = [fold(w) for w in split_words(m.group(0))]
        titled = bool(words) and words[0] in roster.lexicon.titles
        if titled:
            words = words[1:]
        if len(words) >= 2:
            out.append((words[0], m.end(), True, True))  # "Marcus Webb", "Mrs Rachel Green"
        elif titled and len(words) == 1:
            members = roster.staff_firsts_by_surname.get(words[0], ())
            if len(members) == 1:  # "Miss Grant" is the one Grant on the staff list
                out.extend((first, m.end(), True, False) for first in members[0])
    return out


def _same_clause_object(text: str, adult_end: int, start: int) -> bool:
    """The name stands after a verb in the adult's own clause ("Firefighter Grace Obi let Grace sit",
    "Sam Greene visited Ivy class and let Sam drive"): not the adult, who would be "herself" there.
    Not "Marcus Webb retires today and Marcus says ..." (a new clause) nor across punctuation."""
    gap = text[adult_end:start]
    words = re.findall(r"[\w'’]+", gap)
    if not words or len(words) > SAME_CLAUSE_WORDS or _CLAUSE_BREAK.search(gap):
        return False
    return words[-1].islower() and words[-1] not in _CLAUSE_WORDS and not any(w in _SUBJECTS for w in words)


def _groups_in_post(cands: list[_Candidate], mentions: _Mentions) -> frozenset[str] | None:
    """Pupils of every class or year the post names (None when it names none); a class name that is
    a pupil's name here ("Jay" the pupil) does not count."""
    names = [(c.start, c.end) for c in cands if c.status == "accept"]
    kept = [m for m in mentions if not any(s < m[1] and m[0] < e for s, e in names)]
    if not kept:
        return None
    return frozenset().union(*(m[2] for m in kept))


def _staff_first_names(cands: list[_Candidate], text: str, roster: RosterIndex, mentions: _Mentions) -> None:
    """A staff member's first name alone, every pupil of that name having consent, is the staff member
    when listed beside a first name only staff have ("Thank you to Heather, Doug and the whole staff
    team"), or where the post names classes or years and no pupil of that name is in any of them and
    it is not listed with pupils ("Daniel says it was the best Year 10 show"). A pupil without consent
    of the name is asked about there (pupil.unsure), never dropped: a staff first name and a class that does
    not fit are too little to let a pupil out, and too much to block on."""
    groups = _groups_in_post(cands, mentions)
    ordered = sorted((c for c in cands if c.status == "accept"), key=lambda c: c.start)
    for i, c in enumerate(ordered):
        if (
            c.kind != FIRST
            or c.last - c.first != 1
            or c.initial
            or c.maybe_other
            or c.data.get("not_the_adult")
            or c.key not in roster.staff_first_names
        ):
            continue
        refused = _any_refused(c.pupils, roster)
        staff_team = _with_staff_team(c, text, roster)  # "Skye and the nursery team"
        if staff_team:
            if refused:
                c.maybe_other, c.other_reason = True, "staff"
            else:
                c.status, c.data["reason"] = "reject", "staff"
            continue
        listed_with_staff = _listed_with_staff(c, text, roster)
        if refused and listed_with_staff:
            continue  # "Thank you to Marcus, Grace and the whole staff team": a pupil without consent stays
        if not listed_with_staff:
            if groups is None or set(c.pupils) & groups or _class_said_of(c.end, text, mentions):
                continue
            neighbours = [(ordered[i - 1].end, c.start)] if i > 0 else []
            neighbours += [(c.end, ordered[i + 1].start)] if i + 1 < len(ordered) else []
            if any(_LIST_GAP.fullmatch(text[s:e]) for s, e in neighbours):
                continue  # "Daniel, Jack and Star": listed with pupils
        if refused:
            c.maybe_other, c.other_reason = True, "staff"
            continue
        c.status = "reject"
        c.data["reason"] = "staff"


_LISTED_NAME_AFTER = re.compile(r"(?:\s*,\s*|\s+and\s+|\s*&\s*)([A-Z][\w'’-]+)")
_LISTED_NAME_BEFORE = re.compile(r"([A-Z][\w'’-]+)(?:\s*,\s*|\s+and\s+|\s*&\s*)$")


_STAFF_TEAM_AFTER = re.compile(
    r"\s+(?:and|&)\s+(?:the\s+)?(?:rest\s+of\s+the\s+)?(?P<words>(?:[\w'’-]+\s+){1,2}?)(?:team|staff)\b", re.IGNORECASE
)


def _with_staff_team(c: _Candidate, text: str, roster: RosterIndex) -> bool:
    """Followed by "and the <part of the school> team": "Skye and the nursery team", "Bev & the office team"."""
    m = _STAFF_TEAM_AFTER.match(text, c.end)
    return m is not None and fold(" ".join(m.group("words").split())) in roster.lexicon.staff_teams


def _listed_with_staff(c: _Candidate, text: str, roster: RosterIndex) -> bool:
    """Listed beside a first name only staff have (no pupil is called it): "Heather, Doug and ..."."""
    after = _LISTED_NAME_AFTER.match(text, c.end)
    before = _LISTED_NAME_BEFORE.search(text, max(0, c.start - 40), c.start)
    for m in (after, before):
        if m is not None:
            key = fold(m.group(1))
            if key in roster.staff_first_names and key not in roster.names.first_keys:
                return True
    return False


def _narrow_by_class(cands: list[_Candidate], text: str, roster: RosterIndex, mentions: _Mentions) -> None:
    """Pupils who share a first name, told apart by the class or year the post names: beside the
    name ("Esme in 9RB", "Jay (10KLM)"), in its sentence or the post ("our Year 12s ... Arjun"),
    or the class of the other pupils named with it. Only narrows: a class that fits none of
    the candidates leaves them all."""
    ambiguous = [c for c in cands if c.status == "accept" and c.kind == FIRST and not c.initial and len(c.pupils) > 1]
    if not ambiguous:
        return
    accepted = sorted((c for c in cands if c.status == "accept"), key=lambda c: c.start)
    position = {id(c): i for i, c in enumerate(accepted)}
    in_post = frozenset().union(*(m[2] for m in mentions))
    for c in ambiguous:
        pupils = set(c.pupils)
        beside = _class_beside(c, position[id(c)], accepted, mentions, text)
        if beside and pupils & beside:
            c.ruled_out = tuple(sorted(pupils - beside))
            c.pupils, c.by_class = tuple(sorted(pupils & beside)), True
            continue
        sentence = _sentence_span(text, c.start)
        in_sentence = frozenset().union(*(m[2] for m in mentions if sentence[0] <= m[0] < sentence[1]))
        for group in (in_sentence, in_post, _classmates(c, position[id(c)], accepted, text, roster)):
            if pupils & group:
                c.pupils, c.ruled_out, c.guessed = tuple(sorted(pupils & group)), tuple(sorted(pupils - group)), True
                break
    # A name told apart beside its class is that pupil elsewhere in the post too ("Esme in 9RB ... Esme").
    for c in ambiguous:
        if c.by_class:
            for other in ambiguous:
                if other is not c and not other.by_class and other.key == c.key and set(c.pupils) <= set(other.pupils):
                    other.ruled_out = tuple(sorted(set(other.pupils) - set(c.pupils)))
                    other.pupils = c.pupils


def _class_beside(c: _Candidate, i: int, accepted: list[_Candidate], mentions: _Mentions, text: str) -> frozenset[str]:
    """The pupils of a class written right after the name (or after the list it is in), or right before it."""
    last, first = c, i
    while (
        i + 1 < len(accepted) and i - first < MAX_LIST and _LIST_GAP.fullmatch(text[last.end : accepted[i + 1].start])
    ):
        i += 1
        last = accepted[i]
    after = bisect.bisect_left(mentions, (last.end,))
    if after < len(mentions) and _CLASS_AFTER.fullmatch(text[last.end : mentions[after][0]]):
        return mentions[after][2]
    before = bisect.bisect_left(mentions, (c.start,)) - 1
    if before >= 0 and mentions[before][1] <= c.start and _CLASS_BEFORE.fullmatch(text[mentions[before][1] : c.start]):
        return mentions[before][2]
    return frozenset()


def _classmates(c: _Candidate, i: int, accepted: list[_Candidate], text: str, roster: RosterIndex) -> frozenset[str]:
    """Pupils of the one class (else year) that the other pupils listed with this name are all in
    ("Omar, Esme and Finn" with Omar and Finn both in Puffin). Only its own list counts, and at
    least two others named for sure."""
    start = end = i
    while start > 0 and _LIST_GAP.fullmatch(text[accepted[start - 1].end : accepted[start].start]):
        start -= 1
    while (
        end + 1 < len(accepted)
        and end - start < MAX_LIST
        and _LIST_GAP.fullmatch(text[accepted[end].end : accepted[end + 1].start])
    ):
        end += 1
    others = [o.pupils[0] for o in accepted[start : end + 1] if o is not c and len(o.pupils) == 1]
    others = [p for p in others if p in roster.pupils]
    if len(others) < 2:
        return frozenset()
    groups = {group_key(roster.pupils[p].reg_group) for p in others}
    if len(groups) == 1 and "" not in groups:
        return roster.classes.by_group.get(groups.pop(), frozenset())
    years = {roster.pupils[p].year_group.strip().lower() for p in others}
    if len(years) == 1 and "" not in years:
        return roster.classes.by_year.get(years.pop(), frozenset())
    return frozenset()


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(ch, 0, pos) for ch in ".!?\n") + 1
    ends = [i for i in (text.find(ch, pos) for ch in ".!?\n") if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def _inside_proper_noun(text: str, tokens: list[Token], i: int, roster: RosterIndex) -> bool:
    """Token i stands between other capitalised words of one name ("School Games Gold Mark")."""
    tok = tokens[i]
    if i > 0:
        prev = tokens[i - 1]
        if (
            prev.is_capitalised
            and SPACES.fullmatch(text[prev.end : tok.start])
            and not _sentence_initial(text, prev.start)
            and prev.key not in roster.lexicon.titles
        ):
            return True
    if i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt.is_capitalised and SPACES.fullmatch(text[tok.end : nxt.start]) and (nxt.key,) not in roster.names.forms:
            return True
    return False


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


def _trimmed(text: str, start: int, end: int, label: str) -> tuple[int, int, str]:
    """An entity without the emoji or punctuation NER sometimes takes in at its edges ("🐦 Ruby")."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end, label


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
