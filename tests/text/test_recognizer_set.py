"""The RecognizerSet contract: built purely from pattern data and a roster snapshot, never
changed afterwards, carried per check on the doc; consent changes reuse the name indexes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from postguard.consent.store import GRANTED, REFUSED, Pupil
from postguard.settings import Settings
from postguard.text.analyzer import TextAnalyzer
from postguard.text.normalize import normalize
from postguard.text.patterns import PatternData
from postguard.text.pipeline import DOC_EXTENSION
from postguard.text.recognizer_set import RecognizerSet, RosterSnapshot

REPO = Path(__file__).resolve().parents[2]
IVY = Pupil("R1", "R1", None, "Ivy", "Brook", year_group="3", reg_group="Aspen", name_consent=GRANTED)
OMAR = Pupil("R2", "R2", None, "Omar", "Ali", year_group="5", reg_group="Puffin", name_consent=GRANTED)


def test_a_consent_change_reuses_the_name_indexes_and_leaves_the_old_set_alone():
    patterns = PatternData(REPO / "nlp_models")
    before = RecognizerSet.build(patterns, RosterSnapshot((IVY, OMAR), ("Ms Samantha Greene",)))
    refused = dataclasses.replace(IVY, name_consent=REFUSED)
    after = RecognizerSet.build(patterns, RosterSnapshot((refused, OMAR), ("Ms Samantha Greene",)))
    assert after.roster.names is before.roster.names and after.roster.classes is before.roster.classes
    assert after.roster.staff_re is before.roster.staff_re
    assert before.roster.pupils["R1"].name_consent == GRANTED  # checks under way keep their snapshot
    assert after.roster.pupils["R1"].name_consent == REFUSED
    assert before.roster.class_words == frozenset({"aspen", "puffin"})


def test_a_check_keeps_the_set_it_started_with(nlp):
    analyzer = TextAnalyzer(Settings(home=Path("/nonexistent")), nlp=nlp)
    analyzer.set_roster([IVY, OMAR], [])
    old = analyzer.recognizers
    text = "Ivy won the spelling bee."
    norm_doc, check = analyzer._make_doc(normalize(text), False, (), old)
    analyzer.set_roster([dataclasses.replace(IVY, name_consent=REFUSED), OMAR], [])  # built while checking
    doc = nlp(norm_doc)
    assert doc._.get(DOC_EXTENSION) is check and check.recognizers is old
    assert [(h.surface, h.pupils) for h in check.hits] == [("Ivy", ("R1",))]
    assert [f.code for f in analyzer.analyze(text)] == ["pupil.no_consent"]  # the next check: the new set
