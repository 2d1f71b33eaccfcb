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

from postguard.consent.store import Pupil
from postguard.text.lexicon import Lexicon
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import PERSON, PUPIL, Recognizer, TextContext
from postguard.text.recognizers.base import Hit as Hit
from postguard.text.roster import RosterIndex
from postguard.text.ties import tied_pupils

REPO = Path(__file__).resolve().parents[2]
REG_GROUPS = ("Class 4B", "Class 5N", "Class 2G", "Hedgehogs", "Squirrels")
YEARS = ("R", "1", "2", "3", "4", "5", "6")


def table_roster(patterns: PatternData) -> RosterIndex:
    """A roster whose pupils give the tables their reg groups and years (names are not matched here)."""
    pupils = [
        Pupil(f"G{i:03d}", None, None, "Table", f"Pupil{i}", year_group=YEARS[i % len(YEARS)], reg_group=group)
        for i, group in enumerate(REG_GROUPS + ("",) * len(YEARS))
    ]
    return RosterIndex.build(pupils, [], patterns.compiled(Lexicon.load))


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
def make_context(nlp, patterns: PatternData, marked_text: str) -> TextContext:
    pupil_hits, parts, pos, out_len = [], [], 0, 0
    for match in MARKED.finditer(marked_text):
        before = marked_text[pos : match.start()]
        parts.append(before)
        out_len += len(before)
        if match.group(1) is not None:
            name = match.group(1)
            pupil_hits.append(Hit(PUPIL, out_len, out_len + len(name), pupils=(f"UPN-{name}",), surface=name))
        else:  # {Name}: a person who is not a pupil (the person-name recognizer's hit)
            name = match.group(2)
            pupil_hits.append(Hit(PERSON, out_len, out_len + len(name), surface=name))
        parts.append(name)
        out_len += len(name)
        pos = match.end()
    parts.append(marked_text[pos:])
    text = "".join(parts)
    doc = nlp(text)
    return TextContext(
        text=text,
        doc=doc,
        roster=table_roster(patterns),
        patterns=patterns,
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        hits=pupil_hits,
    )


def kept_by_tie(hit: Hit, ctx: TextContext) -> bool:
    """The analyzer's own rule (postguard.text.ties): is the hit reported at all?"""
    return not hit.code.startswith("detail.") or tied_pupils(hit, ctx.hits, ctx.sentences, ctx.text) is not None


@pytest.fixture
def detect(detail_nlp, detail_patterns):
    """detect(recognizer class, marked_text) -> surfaces found (after the tie rule), in text order.
    The recognizer is built as a RecognizerSet builds it, from the pattern data and the table roster."""

    def run(recognizer: type[Recognizer], marked_text: str, *, apply_tie: bool = True) -> list[str]:
        ctx = make_context(detail_nlp, detail_patterns, marked_text)
        hits = [h for h in recognizer(ctx.patterns, ctx.roster).find(ctx) if not apply_tie or kept_by_tie(h, ctx)]
        for hit in hits:
            assert hit.code in recognizer.codes
            assert 0 <= hit.start < hit.end <= len(ctx.text)
        return [ctx.text[h.start : h.end] for h in sorted(hits, key=lambda h: h.start)]

    return run


@pytest.fixture
def context(detail_nlp, detail_patterns):
    return lambda marked_text: make_context(detail_nlp, detail_patterns, marked_text)


FIXTURES = Path(__file__).parents[1] / "fixtures"


def pupil_findings(checker, text: str) -> list[tuple[str, str, set[str]]]:
    """(surface, code, pupils) of each pupil finding a real Checker gives for `text`, in order."""
    result = checker.check(text)
    return [(text[f.start : f.end], f.code, set(f.pupils)) for f in result.findings if f.code.startswith("pupil.")]


def school_checker(home: Path, nlp, roster_csv: Path, staff_csv: Path):
    """A real Checker on a real SQLite data folder holding this roster and staff list."""
    import csv

    from postguard import db
    from postguard.checker import Checker
    from postguard.consent.mis_import import parse_mis_csv
    from postguard.consent.store import ConsentStore
    from postguard.settings import Settings

    settings = Settings(home=home, allow_demo_roster=False)
    parsed = parse_mis_csv(roster_csv.read_bytes(), filename=roster_csv.name)
    assert parsed.ok, parsed.problems
    conn = db.connect(settings.db_path)
    store = ConsentStore(conn)
    store.import_pupils(parsed.pupils, source="test roster", actor="tests")
    with staff_csv.open(encoding="utf-8") as fh:
        store.replace_staff(((r["name"], r["role"]) for r in csv.DictReader(fh)), actor="tests")
    conn.close()
    return Checker(settings, nlp=nlp)


@pytest.fixture(scope="module")
def words_checker(tmp_path_factory, nlp):
    """A real Checker on a second invented school whose classes are words and first names
    (Kestrel, Puffin, Aspen, Ivy, Jay), with pupils who share first names and staff who go by
    short forms: tests/fixtures/roster_words.csv and staff_words.csv."""
    home = tmp_path_factory.mktemp("words") / "home"
    checker = school_checker(home, nlp, FIXTURES / "roster_words.csv", FIXTURES / "staff_words.csv")
    yield checker
    checker.close()


@pytest.fixture(scope="module")
def welsh_checker(tmp_path_factory, nlp):
    """A real Checker on an invented Welsh village school (bilingual MIS headings, Do/Na values) whose
    pupils have Welsh word-names (Seren, Haf, Eira): tests/fixtures/roster_welsh.csv and staff_welsh.csv."""
    home = tmp_path_factory.mktemp("welsh") / "home"
    checker = school_checker(home, nlp, FIXTURES / "roster_welsh.csv", FIXTURES / "staff_welsh.csv")
    yield checker
    checker.close()


@pytest.fixture(scope="module")
def faith_checker(tmp_path_factory, nlp):
    """A real Checker on an invented Catholic secondary whose pupils and forms carry saints' names
    (Patrick, Brigid, Columba; "10 Patrick"): tests/fixtures/roster_faith.csv and staff_faith.csv."""
    home = tmp_path_factory.mktemp("faith") / "home"
    checker = school_checker(home, nlp, FIXTURES / "roster_faith.csv", FIXTURES / "staff_faith.csv")
    yield checker
    checker.close()
