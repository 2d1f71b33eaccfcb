"""A named pupil's class or year group: "Arthur in Class 2G", "Isla (Hedgehogs)", "Ella from 5N".

A class on its own ("Year 6 leavers", "Class 3L have been ...") identifies no one, so a class is
reported only when it is said of a pupil named right next to it:
- after the pupil, joined by a linking word or brackets: "Noah Moore in Year 6", "Oliver (Class 2H)",
  "Grace brought in cupcakes for Class 4T" (at most a few words between, none naming someone else);
- before the pupil, joined by a colon, dash or possessive: "Class 5K: Jayden", "Class 4B's Amelia",
  or a single role word: "Year 6 pupil Amelia";
- a group of the class with its members (by the roster) named in the same sentence: "our 9RB quiz team –
  Omar, Esme and Finn", "Well done to Grace and Noah, and to everyone in 7 Rowan who baked".
"Sentence" here is a clause (`detail_helpers.clause_of`): an emoji that a capital follows ends one, so
"Heron class visited the farm 🐑 Wren fed the lambs" ties no class to Wren.
The hit carries the pupil's ids and a pupil tie for the analyzer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from postguard.text.classes import group_key
from postguard.text.lexicon import Lexicon
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.recognizers.detail_helpers import (
    clause_of,
    person_hits,
    phrase_regex,
    pupil_hits,
    words_of,
)
from postguard.text.roster import RosterIndex

# "Class 4B", "class 4b", "Class Oak", "Form 7C"; "Year 6", "Yr 6", "Y6", "Year R", "Year 14" (special
# schools keep pupils to 19); "Reception".
GENERIC_CLASS = r"\b(?:[Cc]lass|CLASS|[Ff]orm|FORM)\s+(?:\d{1,2}[A-Za-z]{0,2}|[A-Z][a-z]+)\b"
YEAR_GROUP = (
    r"\b(?:[Yy]ear|YEAR|[Yy]r|Y)\s?(?:1[0-4]|[1-9]|R)\b(?!\s*[-–]\s*\d)"
    r"|\b(?:[Yy]ear|YEAR)\s(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Tt]hirteen)\b"
)
RECEPTION = r"\bReception\b"
# Scottish stages: "P5", "S3" (primary 1-7, secondary 1-6), as a year group.
SCOTTISH_STAGE = r"\b(?:P[1-7]|S[1-6])\b(?![/-]\d)"
# Stages named like a year group: "Sixth Form", "Post-16", "KS3", "Key Stage 4".
STAGE = r"\b(?:[Ss]ixth[ -][Ff]orm|SIXTH FORM|Post[- ]16|POST[- ]16|KS[1-5]|Key [Ss]tage [1-5])\b"
# Class then pupil: a possessive and/or a colon or dash, nothing else ("Class 5K: Jayden").
AFTER_GAP = re.compile(r"(?:['’]s\s+|\s*[:–—-]\s*|['’]s\s*[:–—-]\s*)")
APPOSITIVE_GAP = re.compile(r"\s*[,–—-]\s*")
LABEL_START = re.compile(r"[\"“'‘]\s*$")
LABEL_END = re.compile(r"\s*[\"”'’](?!\w)")
ROLE_APPOSITIVE_GAP = re.compile(r"\s*[,–—-]\s*(?:our|the|a|an)\s+", re.IGNORECASE)  # "Kofi, our Year 6 captain"
APPOSITIVE_END = re.compile(r"\s*(?:[,–—)!.?\"”-]|['’](?!\w)|$)")  # a closing quote ends a label: '"LEO M – HERON"'
LIST_GAP = re.compile(r"\s*(?:,|&|and|,\s*and)\s*")
# A class named as a group: "7 Rowan tutor group", "9RB quiz team" (up to two words before the group noun).
GROUP_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,2}?\s+(?:tutor\s+group|form|class|team|squad|group)\b", re.IGNORECASE)
MAX_WORDS_BETWEEN = 8  # "Segun who has been an absolute star in Class 4B"
GROUP_BEFORE_CHARS = 30  # "read it to the whole of Year 4": the group words just before the class


class _Compiled:
    def __init__(self, patterns: PatternData, roster_groups: frozenset[str]) -> None:
        self.links = frozenset(w.lower() for w in words_of(patterns, "class_cues", "link"))
        roles = words_of(patterns, "class_cues", "role")
        others = words_of(patterns, "class_cues", "other_person")
        self.role_gap = re.compile(rf"^\s+(?:{phrase_regex(roles)})\s+$", re.IGNORECASE)
        # "Kofi, our Year 6 (chess) captain": the class then one role word, maybe after one other word.
        self.role_after = re.compile(rf"(?:\s+[a-z]+)?\s+(?:{phrase_regex(roles)})\b", re.IGNORECASE)
        groups = words_of(patterns, "class_cues", "group")
        self.group_before = re.compile(rf"\b(?:{phrase_regex(groups)})\s*$", re.IGNORECASE)
        # A role word ("her mum") or an adult by title ("it was Mrs Kelly in P4"): the class is theirs.
        honorifics = patterns.compiled(Lexicon.load).honorific_re
        self.other_person = re.compile(
            rf"\b(?:{phrase_regex(others)})\b|\b(?-i:(?:{honorifics})\.?\s+[A-Z])", re.IGNORECASE
        )
        # "Frankie's mum", "Evie's nan": the pupil named as whose relative someone is.
        self.relative_after = re.compile(rf"['’]s\s+(?:{phrase_regex(others)})\b", re.IGNORECASE)
        alternatives = [GENERIC_CLASS, YEAR_GROUP, RECEPTION, STAGE]
        for group in sorted(roster_groups, key=len, reverse=True):
            alternatives.extend(self._roster_forms(group))
        alternatives.append(SCOTTISH_STAGE)  # after the roster's own "P5/6 Mrs Reid", so it cannot cut it short
        self.classes = re.compile("|".join(f"(?:{a})" for a in alternatives))

    @staticmethod
    def _roster_forms(group: str) -> list[str]:
        """Regexes for a roster reg group: as written (first letter capitalised), and its short
        form ("class 5n" -> "5N", capital letter required: "5n" is too often something else)."""
        words = group.split()
        if not words:
            return []
        first = words[0]
        # First letter must be a capital ("Hedgehogs", not the animals); the rest any case.
        body = r"\s+".join([re.escape(first[1:])] + [re.escape(w) for w in words[1:]])
        forms = [rf"\b[{re.escape(first[0].upper())}](?i:{body})\b"]
        short = re.fullmatch(r"(?:class|form)\s+(\d{1,2}[a-z]{1,2})", group)
        if short:
            forms.append(r"\b" + re.escape(short.group(1).upper()) + r"\b")
        return forms


@lru_cache(maxsize=4)
def _compiled_for(patterns: PatternData, reg_groups: frozenset[str]) -> _Compiled:
    """Cached by reg groups: a consent change keeps the classes, so the regex is reused."""
    return _Compiled(patterns, reg_groups)


class ClassYearRecognizer(Recognizer):
    name = "class"
    codes = ("detail.class",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._compiled = _compiled_for(patterns, roster.reg_groups)

    def find(self, ctx: TextContext) -> list[Hit]:
        pupils = pupil_hits(ctx)
        if not pupils:
            return []
        compiled = self._compiled
        others = person_hits(ctx)
        hits: list[Hit] = []
        for match in compiled.classes.finditer(ctx.text):
            start, end = match.span()
            if any(p.start < end and start < p.end for p in pupils):
                continue  # part of a pupil's name hit
            tied = self._tied_pupils(ctx, compiled, pupils, others, start, end)
            ids = tuple(dict.fromkeys(i for p in tied for i in p.pupils))
            if not ids and hits and LIST_GAP.fullmatch(ctx.text[hits[-1].end : start]):
                ids = hits[-1].pupils  # "Mia and Ellie in 8 Aspen and 8 Rowan": a list of their classes
            if not ids and GROUP_AFTER.match(ctx.text, end):
                ids = self._members_named(ctx, compiled, pupils, match.group(0), start)
            if ids:
                hits.append(Hit("detail.class", start, end, pupils=ids, needs_pupil=True))
        return hits

    def _members_named(
        self, ctx: TextContext, compiled: _Compiled, pupils: list[Hit], written: str, start: int
    ) -> tuple[str, ...]:
        """ "Our 9RB quiz team – Omar, Esme and Finn": the class of a group, with pupils of that class
        (by the roster) named in its sentence, tells readers which class they are in. Not a pupil named
        only as someone's child ("Frankie's mum made biscuits for our Jay class baking session")."""
        members = self.roster.classes.by_group.get(group_key(written), frozenset())
        sent_start, sent_end = clause_of(ctx, start)
        return tuple(
            dict.fromkeys(
                p
                for h in pupils
                if len(h.pupils) == 1
                and sent_start <= h.start < sent_end
                and not compiled.relative_after.match(ctx.text, h.end)
                for p in h.pupils
                if p in members
            )
        )

    def _tied_pupils(
        self, ctx: TextContext, compiled: _Compiled, pupils: list[Hit], others: list[Hit], start: int, end: int
    ) -> list[Hit]:
        sent_start, sent_end = clause_of(ctx, start)
        text = ctx.text
        tied: list[Hit] = []
        # Pupil named before the class: "Amelia in Class 4B".
        bracketed = text[:start].rstrip().endswith("(")
        prev_word = re.search(r"(\w+)\W*$", text[sent_start:start])
        linked = bracketed or (prev_word is not None and prev_word.group(1).lower() in compiled.links)
        # "Amelia, Year 4, won" / "Amelia – Class 4B": the class set right after the name.
        appositive = bool(APPOSITIVE_END.match(text, end)) and any(
            APPOSITIVE_GAP.fullmatch(text[p.end : start]) for p in pupils if p.end <= start
        )
        # "Kofi, our Year 6 captain, lifted the cup": the class of the role the pupil is given.
        role_appositive = compiled.role_after.match(text, end) is not None and any(
            ROLE_APPOSITIVE_GAP.fullmatch(text[p.end : start]) for p in pupils if p.end <= start
        )
        # '"ISLA H P7"', '"Kirsty Bell P2/3"': a name and class written together on a label.
        label = LABEL_END.match(text, end) is not None and any(
            text[p.end : start].isspace() and LABEL_START.search(text, max(0, p.start - 2), p.start)
            for p in pupils
            if p.end <= start
        )
        linked = linked or appositive or role_appositive or label
        window = max(sent_start, start - GROUP_BEFORE_CHARS)
        group = compiled.group_before.search(text, window, start) if linked else None
        if group is not None:
            linked = False  # "read it to the whole of Year 4": the group, not a pupil's class
            # "Well done to Grace and Noah, and to everyone in 7 Rowan", "Kasia baked so that everyone in
            # P5/6 Mrs Reid could try some", "Get well soon to Iona from all of P5/6": pupils of that class (by
            # the roster) named before it in the clause, with no one else between, are part of the group.
            members = self.roster.classes.by_group.get(group_key(text[start:end]), frozenset())
            tied.extend(
                p
                for p in pupils
                if sent_start <= p.start
                and p.end <= start
                and p.pupils
                and set(p.pupils) <= members
                and not self._someone_between(compiled, others, text, p, group.start())
            )
        if linked:
            before = sorted(
                (p for p in pupils if sent_start <= p.start and p.end <= start),
                key=lambda p: p.start,
                reverse=True,
            )
            if before and self._close_enough(compiled, others, text, before[0], start):
                tied.append(before[0])
                # A list of pupils shares the class: "Ruby, Holly and Ella from 5N".
                for earlier in before[1:]:
                    if not LIST_GAP.fullmatch(text[earlier.end : tied[-1].start]):
                        break
                    tied.append(earlier)
        # Pupil named right after the class: "Class 5K: Jayden", "Class 4B's Amelia".
        after = [p for p in pupils if end <= p.start < sent_end]
        if after:
            first_after = min(after, key=lambda p: p.start)
            gap = text[end : first_after.start]
            if AFTER_GAP.fullmatch(gap) or compiled.role_gap.match(gap):
                tied.append(first_after)
        return tied

    @staticmethod
    def _someone_between(compiled: _Compiled, others: list[Hit], text: str, pupil: Hit, start: int) -> bool:
        """ "Omar's story, which Mrs Greene read to the whole of Puffin": someone else does it for the group."""
        if compiled.other_person.search(text, pupil.end, start):
            return True
        return any(pupil.end <= o.start and o.end <= start for o in others)

    @staticmethod
    def _close_enough(compiled: _Compiled, others: list[Hit], text: str, pupil: Hit, start: int) -> bool:
        gap = text[pupil.end : start]
        if len(re.findall(r"\w+", gap)) > MAX_WORDS_BETWEEN:
            return False
        if compiled.other_person.search(gap):
            return False  # "Navya's mum, Priya, who came in to Class 1R"
        return not any(pupil.end <= o.start and o.end <= start for o in others)
