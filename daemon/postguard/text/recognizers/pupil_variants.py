"""Pupils written another way than the roster spells them.

Runs after `PupilNameRecognizer` and only on words it left: a full name whose surname is a
pupil's surname as written or normalised (hyphens, spaces, apostrophes, Mac/Mc, accents:
"Alhassan" for Al-Hassan, "McDonald" for MacDonald) or within one edit when long enough
("O'Neil" for O'Neill), and whose first name is that pupil's, another spelling of it
(nlp_models/forename_variants.jsonl, or one edit), a short form of it ("Alex", "Chidi") or
its initial ("Z. Kowalczyk"); another spelling of a first name with the surname initial
("Mohamed R."); another spelling alone ("Aisha" for Ayesha); a first name with a possessive
"s" and no apostrophe before a noun ("Aoifes painting").

Strong evidence is that pupil (consent decides the severity, as for any mention). Weaker
evidence (a short form or initial with a surname many pupils share, a near surname with a
first name that is not exact, a variant spelling with only an initial or alone) becomes
`unsure`: a warning that asks, listing the candidates, and only when one of them has no
consent (otherwise the person-name recognizer reports the name as anyone's). A first name
beside a clearly different surname ("Amira Johnson") is someone else and is left alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from postguard.text.names import (
    CUE_GAP,
    FIRST,
    FULL,
    ROLE_GAP,
    SPACES,
    TITLE_GAP,
    NameIndex,
    Token,
    damerau_within_one,
    roster_key,
    roster_words,
    tokenize,
)
from postguard.text.normalize import fold
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import PUPIL, Hit, Recognizer, TextContext
from postguard.text.roster import RosterIndex

SURNAME_TYPO_MIN = 6  # a roster surname this long (normalised) is matched within one edit ("oneill")
FORENAME_TYPO_MIN = 4  # beside the pupil's own surname, a first name this long is matched within one edit
SHORT_MIN = 3  # a short form keeps at least this many letters of the name ("Alex", not "Al")
COMMON_SURNAME = 3  # more pupils than this share the surname: a short form or initial with it only asks
COMMON_FORENAME = 2  # more pupils than this share the first name: with a near surname it only asks
POSSESSIVE_MIN = 4  # "Aoifes": a first name + s at least this long
PART_MIN = 3  # a later word of a forename, or one half of a surname, this long may be written alone
# What a short form adds after the letters it keeps: "Chid|i" for Chidubem, "Sam|my" for Samantha.
_DIMINUTIVE_ENDINGS = ("", "i", "y", "ie", "ey", "o")

STRONG, UNSURE = 2, 1
EXACT, VARIANT, TYPO, SHORT, INITIAL = "exact", "spelling", "typo", "short form", "initial"

_NAME_GAP = re.compile(r"[ \t\u00a0]*-[ \t\u00a0]*|[ \t\u00a0]+")  # between the words of one surname
_INITIAL_AFTER = re.compile(r"[ \t\u00a0]+([A-Z])(?:\.|(?![\w'’]))")  # "Mohamed R.", "Mohamed R"
# After a name: ", our swimming coach", " (Amir's mum)": an adult, not a pupil.
_ADULT_AFTER = re.compile(r"\s*[,(]\s*(?:the|our|my|a|an|[A-Z][\w'’-]*['’]s)\s+(?P<words>(?:[\w'’-]+\s+){0,3}[\w'’-]+)")
_MC = re.compile(r"^ma?c(?=[a-z])")


def surname_key(words: Sequence[str]) -> str:
    """One key for a surname however it is joined or spelled: "Al-Hassan", "Al Hassan",
    "alhassan" -> "alhassan"; "O'Neill" -> "oneill"; "McDonald", "Macdonald" -> "macdonald"."""
    joined = "".join(fold(w) for w in words)
    joined = re.sub(r"[^\w?]", "", joined)
    return _MC.sub("mac", joined)


def _variant_groups(patterns: PatternData) -> dict[str, frozenset[str]]:
    """Folded spelling -> every spelling of its name (nlp_models/forename_variants.jsonl)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for row in patterns["forename_variants"]:
        keys = {fold(str(n)) for n in row["names"]}
        for k in keys:
            groups[k] |= keys
    return {k: frozenset(v) for k, v in groups.items()}


@dataclass(frozen=True)
class _PupilNames:
    forenames: dict[str, tuple[str, ...]]  # pupil -> folded first words of legal and preferred forename
    surnames: dict[str, tuple[str, ...]]  # pupil -> surname keys
    by_surname: dict[str, frozenset[str]]  # surname key -> pupils
    surname_deletes: dict[str, frozenset[str]]  # one deletion of a long surname key -> surname keys
    by_variant: dict[str, frozenset[str]]  # another spelling of a pupil's first name -> pupils
    by_forename: dict[str, frozenset[str]]  # a pupil's own first name -> pupils
    by_surname_part: dict[str, frozenset[str]]  # one half of a pupil's two-word surname -> pupils
    by_prefix: dict[str, frozenset[str]]  # the first letters of a pupil's first name (a short form) -> pupils


_Names = tuple[tuple[str, str, str, str, str], ...]  # (pupil, legal forename, preferred, legal surname, preferred)


@lru_cache(maxsize=65536)
def _first_keys(raw: str) -> tuple[str, ...]:
    """Each word of a forename that may be written alone: "Thi Mai" is called Mai, "Anna-Maria" Maria."""
    keys = [roster_key(w) for w in roster_words(raw)]
    return tuple(dict.fromkeys(k for i, k in enumerate(keys) if i == 0 or len(k) >= PART_MIN))


@lru_cache(maxsize=65536)
def _surname_part_keys(raw: str) -> tuple[str, ...]:
    """The halves of a surname of two or more words: "Okonkwo-Smith" -> okonkwo, smith ("de Vries" -> vries)."""
    words = roster_words(raw)
    if len(words) < 2:
        return ()
    return tuple(dict.fromkeys(k for w in words if len(k := surname_key([w])) >= PART_MIN))


@lru_cache(maxsize=65536)
def _surname_key_of(raw: str) -> str:
    return surname_key(roster_words(raw))


# The last indexes built, by the identity of the roster's name index and the variant groups: the name
# index is itself reused across consent changes (roster.py), so a consent change costs a look-up here.
_BUILT: list[tuple[NameIndex, dict[str, frozenset[str]], _PupilNames]] = []
_BUILT_MAX = 2


def _pupil_names_for(roster: RosterIndex, groups: dict[str, frozenset[str]]) -> _PupilNames:
    for names, built_groups, built in _BUILT:
        if names is roster.names and built_groups is groups:
            return built
    built = _pupil_names(
        tuple(
            (p.pupil_id, p.legal_forename, p.preferred_forename, p.legal_surname, p.preferred_surname)
            for p in roster.pupils.values()
        ),
        groups,
    )
    _BUILT.insert(0, (roster.names, groups, built))
    del _BUILT[_BUILT_MAX:]
    return built


def _pupil_names(roster: _Names, groups: dict[str, frozenset[str]]) -> _PupilNames:
    forenames: dict[str, tuple[str, ...]] = {}
    surnames: dict[str, tuple[str, ...]] = {}
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_variant: dict[str, set[str]] = defaultdict(set)
    by_forename: dict[str, set[str]] = defaultdict(set)
    by_part: dict[str, set[str]] = defaultdict(set)
    by_prefix: dict[str, set[str]] = defaultdict(set)
    for pid, legal, preferred, legal_sur, preferred_sur in roster:
        firsts = tuple(dict.fromkeys(k for k in (*_first_keys(legal), *_first_keys(preferred)) if k))
        forenames[pid] = firsts
        for f in firsts:
            by_forename[f].add(pid)
            for n in range(SHORT_MIN, len(f)):
                by_prefix[f[:n]].add(pid)
        keys = tuple(dict.fromkeys(k for k in (_surname_key_of(legal_sur), _surname_key_of(preferred_sur)) if k))
        surnames[pid] = keys
        for k in keys:
            by_surname[k].add(pid)
        for k in (*_surname_part_keys(legal_sur), *_surname_part_keys(preferred_sur)):
            by_part[k].add(pid)
    deletes: dict[str, set[str]] = defaultdict(set)
    for k in by_surname:  # once per surname, not per pupil
        if len(k) >= SURNAME_TYPO_MIN:
            deletes[k].add(k)
            for i in range(len(k)):
                deletes[k[:i] + k[i + 1 :]].add(k)
    for f, pids in by_forename.items():
        for other in groups.get(f, ()):
            # A spelling that is itself some pupil's first name is matched as that pupil's, not here.
            if other != f and other not in by_forename:
                by_variant[other] |= pids
    return _PupilNames(
        forenames=forenames,
        surnames=surnames,
        by_surname={k: frozenset(v) for k, v in by_surname.items()},
        surname_deletes={k: frozenset(v) for k, v in deletes.items()},
        by_variant={k: frozenset(v) for k, v in by_variant.items()},
        by_forename={k: frozenset(v) for k, v in by_forename.items()},
        by_surname_part={k: frozenset(v) for k, v in by_part.items()},
        by_prefix={k: frozenset(v) for k, v in by_prefix.items()},
    )


class PupilVariantRecognizer(Recognizer):
    name = "pupil_variants"
    codes = ("pupil",)

    def __init__(self, patterns: PatternData, roster: RosterIndex) -> None:
        super().__init__(patterns, roster)
        self._groups = patterns.compiled(_variant_groups)
        self._index = _pupil_names_for(roster, self._groups)
        self._staff_firsts = roster.staff_first_names
        # Usual short forms (nlp_models/short_forms.jsonl, "Alex" for Alexander), folded.
        self._short = {k: frozenset(fold(s) for s in v) for k, v in roster.lexicon.short_forms.items()}
        by_short: dict[str, set[str]] = defaultdict(set)
        for name, shorts in self._short.items():
            for short in shorts:
                by_short[short] |= self._index.by_forename.get(name, frozenset())
        self._by_short = {k: frozenset(v) for k, v in by_short.items() if v}

    def find(self, ctx: TextContext) -> list[Hit]:
        roster = ctx.roster
        if not roster.pupils:
            return []
        text = ctx.text
        pupil_hits = ctx.hits_of(PUPIL)
        blocked = [h.span for h in pupil_hits]
        # A first name read where a surname stands ("K. Ahmed", "Ahmad Finlay"): the full name may replace it.
        first_names = {h.span: h for h in pupil_hits if h.form == FIRST and not h.initial and not h.resolved}
        replaced: list[Hit] = []
        if roster.staff_re is not None:
            blocked += [m.span() for m in roster.staff_re.finditer(text)]
        if roster.lexicon.non_pupil_re is not None:
            blocked += [m.span() for m in roster.lexicon.non_pupil_re.finditer(text)]
        tokens = tokenize(text)
        hits: list[Hit] = []
        done_until = 0
        for i, tok in enumerate(tokens):
            if tok.start < done_until or not tok.is_capitalised or tok.in_hashtag:
                continue
            if any(s < tok.end and tok.start < e for s, e in blocked) or self._adult_before(text, tokens, i):
                continue
            hit = (
                self._full_name(text, tokens, i, blocked, first_names, replaced)
                or self._with_initial(text, tok)
                or self._possessive(text, tokens, i)
                or self._alone(text, tokens, i)
            )
            if hit is not None:
                hits.append(hit)
                done_until = hit.end
        if replaced:
            ctx.hits[:] = [h for h in ctx.hits if not any(h is r for r in replaced)]
        _same_pupil_later(ctx.hits, hits)
        return hits

    # -- full names -------------------------------------------------------------------
    def _full_name(
        self,
        text: str,
        tokens: list[Token],
        i: int,
        blocked: list[tuple[int, int]],
        first_names: dict[tuple[int, int], Hit],
        replaced: list[Hit],
    ) -> Hit | None:
        first = tokens[i]
        is_initial = len(first.text) == 1 and first.text.isupper()
        if i + 1 >= len(tokens) or first.possessive:
            return None
        if not is_initial and first.key in STOP_WORDS and first.key not in self._index.by_forename:
            return None  # "The Ashby Road entrance" is not Theodore Ashby; "Will Harley" may be Will Hartley
        nxt = tokens[i + 1]
        gap = text[first.end : nxt.start]
        if is_initial and first.text in "AI" and not gap.startswith("."):
            return None  # "A Smith family", "I Khan"? An article or "I", unless written "A. Smith"
        if not (TITLE_GAP if is_initial else SPACES).fullmatch(gap) or not nxt.is_capitalised:
            return None
        # The surname: one word, or two joined by a space or hyphen ("Al Hassan", "Smith Jones").
        options = []
        hyphenated = False
        if (
            i + 2 < len(tokens)
            and not nxt.possessive
            and _NAME_GAP.fullmatch(gap2 := text[nxt.end : tokens[i + 2].start])
        ):
            options.append(tokens[i + 1 : i + 3])
            hyphenated = "-" in gap2
        if not hyphenated:  # "Hartley-Pennington" is not Hartley
            options.append(tokens[i + 1 : i + 2])
        for words in options:
            end = words[-1].end
            overlapping = [(s, e) for s, e in blocked if s < end and first.start < e]
            if any(span not in first_names or span[0] < words[0].start for span in overlapping):
                continue
            found = self._judge_full(first.key, is_initial, surname_key([w.text for w in words]))
            if found is None:
                continue
            # The roster's own spelling that the roster match read in context as a title or label
            # ("the Address to a Haggis by Rory McDonald and the Toast", "a scooter with "Kirsty Bell
            # P2/3" on it") is still that pupil: a full name is the strongest sign there is, and the
            # contexts that make it someone else (titles, roles, staff, cues) are checked here too.
            tier, pupils, how = found
            if how in (INITIAL, SHORT):
                after = _ADULT_AFTER.match(text, end)
                if after is not None and self._adult_noun(after):
                    return None  # "J. Smith (Headteacher)", "Sam Price, our coach"
                if how == INITIAL and any(w.key in self.roster.staff_keys for w in words):
                    tier = UNSURE  # "J. Smith" may be Mr John Smith signing off
            hit = self._hit(text, first.start, end, pupils, FULL, how, unsure=tier < STRONG)
            if hit is not None:
                replaced.extend(first_names[span] for span in overlapping)
            return hit
        return None

    def _judge_full(self, first: str, is_initial: bool, surname: str) -> tuple[int, tuple[str, ...], str] | None:
        """(tier, pupils, how) for a first name (or initial) and a surname key, or None."""
        index = self._index
        exact = index.by_surname.get(surname, frozenset())
        near: set[str] = set()
        if not exact and not is_initial and len(surname) >= SURNAME_TYPO_MIN - 1:
            for probe in {surname} | {surname[:k] + surname[k + 1 :] for k in range(len(surname))}:
                for key in index.surname_deletes.get(probe, ()):
                    if key != surname and damerau_within_one(surname, key):
                        near |= index.by_surname[key]
        if not exact and not near:
            return self._judge_surname_part(first, is_initial, surname)
        common = len(exact) > COMMON_SURNAME
        best: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for pid in exact or near:
            how = self._forename_match(first, is_initial, index.forenames.get(pid, ()))
            if how is None:
                continue
            if exact:
                # A short form that is a name of its own ("Ali" beside Alistair) may be someone else.
                own_name = how == SHORT and self._is_a_name(first)
                tier = STRONG if how in (EXACT, VARIANT) or not (common or own_name) else UNSURE
                how = VARIANT if how == TYPO else how
            elif how == EXACT:
                # A near surname after a first name many pupils have is a weaker sign ("Jack Davis" beside
                # Jack Davies among six Jacks may be a parent): it asks.
                # So is one after a staff member's first name ("Ciara O'Donell" when Mrs Ciara O'Donel works here).
                tier, how = (STRONG if self._rare_forename(first) else UNSURE), "surname spelling"
            elif how in (VARIANT, TYPO, SHORT):
                tier, how = UNSURE, VARIANT if how == TYPO else how
            else:
                continue
            best[tier].append((pid, how))
        if not best:
            return None
        tier = max(best)
        matched = best[tier]
        return tier, tuple(sorted(p for p, _ in matched)), matched[0][1]

    def _rare_forename(self, first: str) -> bool:
        """Few pupils and no member of staff have this first name: beside a surname that is not quite the
        pupil's, it is a strong sign ("Jack Davis" beside Jack Davies among six Jacks may be a parent)."""
        return len(self._index.by_forename.get(first, ())) <= COMMON_FORENAME and first not in self._staff_firsts

    def _judge_surname_part(self, first: str, is_initial: bool, part: str) -> tuple[int, tuple[str, ...], str] | None:
        """One half of a pupil's two-word surname after their own first name: "Ayodele Okonkwo" for
        Ayodele Okonkwo-Smith. Sure with the exact first name of few pupils; otherwise it asks."""
        if is_initial:
            return None
        matched: list[tuple[str, str]] = []
        for pid in self._index.by_surname_part.get(part, ()):
            how = self._forename_match(first, False, self._index.forenames.get(pid, ()))
            if how in (EXACT, VARIANT):
                matched.append((pid, how))
        if not matched:
            return None
        tier = STRONG if self._rare_forename(first) and all(how == EXACT for _, how in matched) else UNSURE
        return tier, tuple(sorted(p for p, _ in matched)), "part of the surname"

    def _forename_match(self, written: str, is_initial: bool, forenames: Sequence[str]) -> str | None:
        if is_initial:
            return INITIAL if any(f[:1] == written for f in forenames) else None
        if written in forenames:
            return EXACT
        found = None
        for f in forenames:
            if written in self._groups.get(f, ()):
                return VARIANT
            if min(len(f), len(written)) >= FORENAME_TYPO_MIN and damerau_within_one(written, f):
                found = TYPO
            if found is None and (_short_form_of(written, f) or written in self._short.get(f, ())):
                found = SHORT
        return found

    def _with_initial(self, text: str, tok: Token) -> Hit | None:
        """Another spelling or a short form of a pupil's first name with their surname initial:
        "Mohamed R.", "Tom W" for Tomasz Wiśniewski, "Alex P." for Alexandru Popescu. It asks."""
        by_forename = self._index.by_forename
        # The other spellings' pupils, even when this spelling is another pupil's name ("Mohammed I."
        # beside Mohammed Khan is not him: his surname does not start with I).
        pupils = {p for g in self._groups.get(tok.key, ()) if g != tok.key for p in by_forename.get(g, ())}
        if tok.is_capitalised and tok.key not in STOP_WORDS and tok.key not in self._staff_firsts:
            pupils |= self._short_form_pupils(tok.key)  # not "Tom A." when Mr Tom Ashworth works here
        pupils -= by_forename.get(tok.key, frozenset())
        m = _INITIAL_AFTER.match(text, tok.end) if pupils and not tok.possessive else None
        if m is None:
            return None
        letter = m.group(1).lower()
        narrowed = tuple(sorted(p for p in pupils if any(s[:1] == letter for s in self._index.surnames.get(p, ()))))
        if not narrowed:
            return None
        return self._hit(text, tok.start, m.end(), narrowed, FIRST, VARIANT, unsure=True, initial=m.group(1))

    def _short_form_pupils(self, written: str) -> set[str]:
        """Pupils whose first name `written` is a short form of: its first letters, maybe with a
        diminutive ending ("Tommy"), or a usual short form (nlp_models/short_forms.jsonl, "Mo")."""
        found: set[str] = set()
        for ending in _DIMINUTIVE_ENDINGS:
            stem = written[: len(written) - len(ending)] if ending else written
            if written.endswith(ending) and len(stem) >= SHORT_MIN:
                found |= self._index.by_prefix.get(stem, frozenset())
        found |= self._by_short.get(written, frozenset())
        return found

    # -- first names alone --------------------------------------------------------------
    def _possessive(self, text: str, tokens: list[Token], i: int) -> Hit | None:
        """A first name with a possessive s and no apostrophe before a noun: "Aoifes painting".
        Not a name that ends in s itself ("Jess", "Rhys"), a surname ("Harris", "Williams"),
        nor after another name or "the" ("Ruby Williams", "the Williams family")."""
        roster = self.roster
        tok = tokens[i]
        key = tok.key
        if len(key) < POSSESSIVE_MIN or not key.endswith("s") or key.endswith("ss") or not tok.is_title:
            return None
        stem = key[:-1]
        pupils = roster.names.first_keys.get(stem)
        if (
            not pupils
            or key in roster.names.first_keys
            or (key,) in roster.names.forms
            or key in self._groups
            or surname_key([key]) in self._index.by_surname
            or key in roster.staff_keys
            or (stem in roster.lexicon.word_names and not _not_a_plural(stem))
            or key in STOP_WORDS
        ):
            return None
        if i > 0:
            prev = tokens[i - 1]
            if SPACES.fullmatch(text[prev.end : tok.start]) and (prev.is_capitalised or prev.key in ("the", "a")):
                return None
        if i + 1 >= len(tokens) or not SPACES.fullmatch(text[tok.end : tokens[i + 1].start]):
            return None
        after = tokens[i + 1]
        if not _noun_like(after, roster.lexicon.person_verbs) or after.key in roster.lexicon.group_nouns:
            return None  # "Harris class" is Mr Harris's class, not Harri's
        return self._hit(text, tok.start, tok.end, tuple(sorted(pupils)), FIRST, "possessive", unsure=False)

    def _alone(self, text: str, tokens: list[Token], i: int) -> Hit | None:
        """Another spelling of a pupil's first name on its own ("Aisha" for Ayesha): asks, since
        it may be someone else; not beside a surname (someone else's full name) or a staff name."""
        tok = tokens[i]
        pupils = self._index.by_variant.get(tok.key)
        if (
            not pupils
            or tok.key in self.roster.staff_first_names
            or tok.key in self.roster.lexicon.word_names
            or surname_key([tok.key]) in self._index.by_surname
        ):
            return None
        if i > 0 and tokens[i - 1].is_capitalised and _NAME_GAP.fullmatch(text[tokens[i - 1].end : tok.start]):
            return None  # "Pauline Jackson": a surname here
        after = _ADULT_AFTER.match(text, tok.end)
        if after is not None and self._adult_noun(after):
            return None  # "Aisha, our lunchtime supervisor"
        if i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if (
                not tok.possessive
                and nxt.is_capitalised
                and nxt.key not in STOP_WORDS
                and SPACES.fullmatch(text[tok.end : nxt.start])
            ):
                return None  # "Aisha Khan": a full name, and not the pupil's
        return self._hit(text, tok.start, tok.end, tuple(sorted(pupils)), FIRST, VARIANT, unsure=True)

    # -- helpers ------------------------------------------------------------------------
    def _is_a_name(self, key: str) -> bool:
        roster = self.roster
        return key in self._groups or key in roster.names.first_keys or key in roster.staff_first_names

    def _adult_noun(self, m: re.Match[str]) -> bool:
        lex = self.roster.lexicon
        return any(fold(w) in lex.adult_roles or fold(w) in lex.animal_nouns for w in m.group("words").split())

    def _adult_before(self, text: str, tokens: list[Token], i: int) -> bool:
        """A title or adult role just before: "Mrs Siobhan O'Neil", "our coach Alex Popescu"."""
        if i == 0:
            return False
        lex = self.roster.lexicon
        prev = tokens[i - 1]
        gap = text[prev.end : tokens[i].start]
        cue = f"{tokens[i - 2].key} {prev.key}" if i > 1 else ""
        return bool(
            (prev.key in lex.titles and prev.is_capitalised and TITLE_GAP.fullmatch(gap))
            or (prev.key in lex.adult_roles and ROLE_GAP.fullmatch(gap))
            # "former student Jordan Okoro", "played Alex Popescu": not a pupil now, or a part
            or (CUE_GAP.fullmatch(gap) and (prev.key in lex.role_cues or cue in lex.role_cues))
        )

    def _hit(
        self,
        text: str,
        start: int,
        end: int,
        pupils: tuple[str, ...],
        form: str,
        how: str,
        *,
        unsure: bool,
        initial: str | None = None,
    ) -> Hit | None:
        if unsure and all(self.roster.pupils[p].may_be_named for p in pupils if p in self.roster.pupils):
            return None  # only asks about pupils without consent; anyone else is the person recognizer's
        return Hit(
            PUPIL,
            start,
            end,
            pupils,
            surface=text[start:end],
            form=form,
            typo=how != EXACT,
            initial=initial,
            variant=how,
            unsure=unsure,
        )


def _same_pupil_later(earlier: list[Hit], found: list[Hit]) -> None:
    """ "Amira Alhassan won. Amira was thrilled.": the roster match took the full name for someone
    else's and so was unsure of the later "Amira"; the full name was the pupil's, so is that one."""
    for hit in found:
        if hit.unsure or hit.form != FULL:
            continue
        first = fold(hit.surface.split()[0])
        for other in earlier:
            if (
                other.code == PUPIL
                and other.maybe_other
                and other.start > hit.start
                and set(hit.pupils) <= set(other.pupils)
                and fold(other.surface) == first
            ):
                other.pupils, other.maybe_other = hit.pupils, False


def _short_form_of(written: str, name: str) -> bool:
    """ "Alex" for Alexandru, "Chidi" for Chidubem, "Sammy" for Samantha: the name's first letters
    (at least SHORT_MIN), maybe a doubled last letter, then a usual diminutive ending."""
    if len(written) >= len(name) or len(written) < SHORT_MIN:
        return False
    for ending in _DIMINUTIVE_ENDINGS:
        stem = written[: len(written) - len(ending)] if ending else written
        if not written.endswith(ending) or len(stem) < SHORT_MIN:
            continue
        if name.startswith(stem) and len(stem) < len(name):
            return True
        if len(stem) > SHORT_MIN and stem[-1] == stem[-2] and name.startswith(stem[:-1]):
            return True
    return False


def _not_a_plural(stem: str) -> bool:
    """ "Lilys", "Rubys": a word ending in a consonant and y makes its plural in -ies, so the s is a
    possessive; "Roses", "Hopes", "Jays" may be plurals."""
    return len(stem) > 2 and stem.endswith("y") and stem[-2] not in "aeiou"


def _noun_like(tok: Token, person_verbs: frozenset[str]) -> bool:
    """A lower-case word that can be the thing owned ("painting", "brilliant"), not a verb or a
    small word ("Rhys scored", "Lucas is", "Chris runs")."""
    key = tok.key
    return (
        tok.text.islower()
        and len(key) > 2
        and key not in STOP_WORDS
        and key not in person_verbs
        and not key.endswith("ed")
        and not (key.endswith("s") and not key.endswith("ss"))
    )
