"""A faith school: pupils and forms named after saints (Patrick, Brigid, Columba, "10 Patrick"),
posts about feast days, Mass, clergy and prayers. A saint, a member of the clergy or a prayer is
not a pupil; the same names written of a pupil still are. Rows run through the real Checker on
tests/fixtures/roster_faith.csv, where no pupil except Niamh has consent to be named.

MUST_MATCH rows list every pupil finding; MUST_NOT_MATCH rows must give no pupil finding about a
pupil without consent. The rules are pattern data (titles.jsonl: St, Saint, Sr, Pope, Bishop …;
non_pupil_names.jsonl kind faith: Hail Mary, Our Lady …), none keyed to a row.
"""

from __future__ import annotations

import pytest
from tests.text.conftest import pupil_findings

PATRICK, BRIGID, JOSEPH, BERNADETTE, COLUMBA, OLIVER, MARY, FRANCIS, NIAMH = (f"N1000000000{i}" for i in range(1, 10))
NO_CONSENT = "pupil.no_consent"

MUST_MATCH = [
    ("Patrick Quinn scored two points in the final.", [("Patrick Quinn", NO_CONSENT, {PATRICK})]),
    ("Well done Patrick for reading at Mass!", [("Patrick", NO_CONSENT, {PATRICK})]),
    ("Brigid and Mary carried the offertory gifts.", [("Brigid", NO_CONSENT, {BRIGID}), ("Mary", NO_CONSENT, {MARY})]),
    ("Congratulations to Bernadette on her Grade 5 piano.", [("Bernadette", NO_CONSENT, {BERNADETTE})]),
    # a saint's day in the post does not hide a pupil of that name named after it
    (
        "Happy St Patrick's Day! Patrick Quinn led the parade.",
        [("Patrick Quinn", NO_CONSENT, {PATRICK})],
    ),
]

MUST_NOT_MATCH = [
    "Happy St Patrick's Day to all our families!",
    "Happy St. Patrick's Day to all our families!",
    "Our Year 8 pupils celebrated the Feast of St Brigid with crosses made from rushes.",
    "Mass for the Feast of Saint Columba will be at 10am on Friday.",
    "Our Lady and St Joseph's parish will host the carol service.",
    "St Francis of Assisi: our Year 9s learned about caring for creation.",
    "Saint Patrick's Cathedral in Armagh hosted the schools' choir.",
    "Sr Bernadette visited the school for the retreat.",
    "Fr Patrick celebrated Mass with Year 12.",
    "Bishop Oliver confirmed forty of our pupils.",
    "We said the Hail Mary together at assembly.",
    "Pope Francis sent a message to young people.",
    "10 Patrick raised £200 for Trócaire.",
]


@pytest.mark.parametrize("text,expected", MUST_MATCH, ids=[t for t, _ in MUST_MATCH])
def test_pupil_found_at_a_faith_school(faith_checker, text, expected):
    assert pupil_findings(faith_checker, text) == expected


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_a_saint_clergy_or_prayer_is_not_a_pupil(faith_checker, text):
    assert [f for f in pupil_findings(faith_checker, text) if f[1] == NO_CONSENT or f[1] == "pupil.unsure"] == []
