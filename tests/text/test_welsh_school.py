"""A Welsh village school: pupils with Welsh word-names (Seren "star", Haf "summer", Eira "snow"),
classes written "Dosbarth Derwen", and bilingual posts whose Welsh school phrases hold those words
("Seren yr Wythnos" is the star of the week, "Tymor yr Haf" the summer term). Rows run through the
real Checker on tests/fixtures/roster_welsh.csv (bilingual MIS headings, Do/Na values).

MUST_MATCH rows list every pupil finding; MUST_NOT_MATCH rows must give no pupil finding at all.
The rules are pattern data (nlp_models/name_words.jsonl rows with lang cy, non_pupil_names.jsonl
Welsh phrases), none keyed to a row.
"""

from __future__ import annotations

import pytest
from tests.text.conftest import pupil_findings

SEREN, HAF, DEWI, EIRA, ALAW, ENFYS, GWAWR, NIA, CAI, MALI, HEDD, CELYN = (f"C3000000000{i:02d}" for i in range(1, 13))
NO_CONSENT, NAMED = "pupil.no_consent", "pupil.named"

MUST_MATCH = [
    # the word-names are still pupils where a person is meant
    ("Seren performed a solo at the Eisteddfod.", [("Seren", NO_CONSENT, {SEREN})]),
    ("Congratulations to Haf on her swimming certificate.", [("Haf", NO_CONSENT, {HAF})]),
    ("Llongyfarchiadau i Eira am ennill!", [("Eira", NO_CONSENT, {EIRA})]),
    ("Da iawn Alaw and Cai!", [("Alaw", NO_CONSENT, {ALAW}), ("Cai", NAMED, {CAI})]),
    # Welsh "a" (and) in a list of names
    ("Haf, Cai a Nia: da iawn!", [("Haf", NO_CONSENT, {HAF}), ("Cai", NAMED, {CAI}), ("Nia", NAMED, {NIA})]),
    ("Seren's painting won first prize.", [("Seren", NO_CONSENT, {SEREN})]),
    # the star of the week is named after the phrase: the phrase's own word is not her
    ("Seren yr Wythnos: Seren Jones, for her kindness!", [("Seren Jones", NO_CONSENT, {SEREN})]),
    ("Seren yr Wythnos this week goes to Nia!", [("Nia", NAMED, {NIA})]),
    ("Diolch Hedd for reading in the gwasanaeth.", [("Hedd", NO_CONSENT, {HEDD})]),
    ("Mali Roberts helped in the Meithrin.", [("Mali Roberts", NO_CONSENT, {MALI})]),
    # a class name that is also a pupil's name is the pupil where nothing says class
    ("Celyn won the cross-country race.", [("Celyn", NO_CONSENT, {CELYN})]),
]

MUST_NOT_MATCH = [
    "Tymor yr Haf starts on Monday 14th April. Croeso nôl!",
    "Gwyliau'r Haf hapus i bawb!",
    "Diwrnod eira! The school is closed today.",
    "We built a dyn eira on the field.",
    "Dydd Gŵyl Dewi Hapus i bawb! Come in Welsh costume on Friday.",
    "Dydd Gwyl Dewi: cawl in the hall at 12.",
    "Seren y Dydd certificates go home on Fridays.",
    "Sali Mali came to visit the Meithrin today.",
    "We learned about Hedd Wyn and the Black Chair.",
    "Calan Mai: we danced round the maypole.",
    # the school's classes, in Welsh or in English
    "Dosbarth Celyn have been learning about the Romans.",
    "Celyn class visited Caerleon.",
    "Well done to everyone in Dosbarth Celyn!",
]


@pytest.mark.parametrize("text,expected", MUST_MATCH, ids=[t for t, _ in MUST_MATCH])
def test_pupil_found_at_a_welsh_school(welsh_checker, text, expected):
    assert pupil_findings(welsh_checker, text) == expected


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_a_welsh_school_phrase_is_not_a_pupil(welsh_checker, text):
    assert pupil_findings(welsh_checker, text) == []
