"""Fixtures for the identifying-detail recognizer tables.

`detect(recognizer, text)` runs one recognizer on a real TextContext: the doc comes from the
shared session pipeline (`nlp` in tests/conftest.py: the model's NER and the sentencizer, as the
checker runs them; our recognizers component is left out so each table tests one recognizer),
the repository's pattern data and a small roster of reg groups. Pupil names are marked in the
table text with square brackets, "[Amelia] in Class 4B": the brackets are removed and each
marked name becomes a pupil hit (as the pupil-name recognizer, which runs first, would give),
with the id "UPN-<name>". Curly braces, "{Priya}", mark a person who is not a pupil (a
person-name hit).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from postguard.text.lexicon import Lexicon
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Hit, Recognizer, TextContext
from postguard.text.roster import RosterIndex

REPO = Path(__file__).resolve().parents[2]
REG_GROUPS = frozenset({"class 4b", "class 5n", "class 2g", "hedgehogs", "squirrels"})
MARKED = re.compile(r"\[([^\]]+)\]|\{([^}]+)\}")


RECOGNIZERS_COMPONENT = "postguard_recognizers"


@pytest.fixture(scope="session")
def detail_nlp(nlp):
    """text -> Doc through every pipeline component except the recognizers."""
    components = [proc for name, proc in nlp.pipeline if name != RECOGNIZERS_COMPONENT]
    assert len(components) < len(nlp.pipeline), "the checker pipeline should carry the recognizers"

    def make_doc(text: str):
        doc = nlp.make_doc(text)
        for proc in components:
            doc = proc(doc)
        return doc

    return make_doc


@pytest.fixture(scope="session")
def detail_patterns() -> PatternData:
    return PatternData(REPO / "nlp_models")


@cache
def lexicon_of(patterns: PatternData) -> Lexicon:
    return Lexicon.load(patterns)


def make_context(nlp, patterns: PatternData, marked_text: str) -> TextContext:
    pupil_hits, parts, pos, out_len = [], [], 0, 0
    for match in MARKED.finditer(marked_text):
        before = marked_text[pos : match.start()]
        parts.append(before)
        out_len += len(before)
        if match.group(1) is not None:
            name = match.group(1)
            pupil_hits.append(Hit("pupil", out_len, out_len + len(name), pupils=(f"UPN-{name}",)))
        else:  # {Name}: a person who is not a pupil (the person-name recognizer's hit)
            name = match.group(2)
            pupil_hits.append(Hit("person.name", out_len, out_len + len(name)))
        parts.append(name)
        out_len += len(name)
        pos = match.end()
    parts.append(marked_text[pos:])
    text = "".join(parts)
    doc = nlp(text)
    return TextContext(
        text=text,
        doc=doc,
        roster=RosterIndex(
            lexicon=lexicon_of(patterns),
            reg_groups=REG_GROUPS,
            year_groups=frozenset({"r", "1", "2", "3", "4", "5", "6"}),
        ),
        patterns=patterns,
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        hits=pupil_hits,
    )


def kept_by_tie(hit: Hit, ctx: TextContext) -> bool:
    """The analyzer's rule: a hit with a pupil tie stays only if it names its pupils or a pupil
    shares its sentence."""
    if hit.data.get("tie") != "pupil" or hit.pupils:
        return True
    start, end = ctx.sentence_of(hit.start)
    return any(start <= p.start < end for p in ctx.hits_of("pupil"))


@pytest.fixture
def detect(detail_nlp, detail_patterns):
    """detect(recognizer, marked_text) -> surfaces found (after the tie rule), in text order."""

    def run(recognizer: Recognizer, marked_text: str, *, apply_tie: bool = True) -> list[str]:
        ctx = make_context(detail_nlp, detail_patterns, marked_text)
        hits = [h for h in recognizer.find(ctx) if not apply_tie or kept_by_tie(h, ctx)]
        for hit in hits:
            assert hit.code in recognizer.codes
            assert 0 <= hit.start < hit.end <= len(ctx.text)
        return [ctx.text[h.start : h.end] for h in sorted(hits, key=lambda h: h.start)]

    return run


@pytest.fixture
def context(detail_nlp, detail_patterns):
    return lambda marked_text: make_context(detail_nlp, detail_patterns, marked_text)
