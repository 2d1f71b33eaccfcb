"""Other people's names from NER: reported at info level, never as pupils; staff are not reported."""

from __future__ import annotations

import pytest


def people(checker, text):
    return [text[f.start : f.end] for f in checker.check(text).findings if f.code == "person.name"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Thank you to Navya’s mum, Priya Sharma, who showed us how to make diyas.", ["Priya Sharma"]),
        ("We welcomed the author Cressida Cowell to school.", ["Cressida Cowell"]),
    ],
)
def test_other_people_are_reported(roster_checker, text, expected):
    assert people(roster_checker, text) == expected
    assert all(f.severity == "info" for f in roster_checker.check(text).findings if f.code == "person.name")


@pytest.mark.parametrize(
    "text",
    [
        "Thank you to Mrs Green for leading the Eco-Council.",
        "Rachel Green has organised the trip.",
        "Well done Kacper!",  # a pupil, reported as a pupil only
        "He finished a Harry Potter book.",  # fiction
        "Our Head Girl gave a speech.",
    ],
)
def test_staff_pupils_and_fiction_are_not_unknown_people(roster_checker, text):
    assert people(roster_checker, text) == []


def test_a_street_is_not_a_person(roster_checker):
    text = "If you find him, please drop him round to 22 Mill Lane, Dorking RH4 1LS."
    codes = [(text[f.start : f.end], f.code) for f in roster_checker.check(text).findings]
    assert not any(code == "person.name" for _, code in codes), codes
    assert any(code == "detail.address" for _, code in codes)


# At the second invented school (tests/fixtures/roster_words.csv, staff_words.csv): visitors named in full are
# reported; staff by a short form of their first name, or a visitor whose bare name every such pupil shares
# with consent, are neither other people nor pupils.
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Thank you to Priya Sharma from the Samaritans, who led our assembly.", ["Priya Sharma"]),
        ("Our Kestrel class teacher Ms Greene won an award. Sam has taught here for ten years.", []),
        ("Sam Greene ran the PE club.", []),
        ("Thank you to Kofi from the Samaritans, who led our assembly.", []),
    ],
)
def test_visitors_and_staff_at_an_unseen_school(words_checker, text, expected):
    findings = words_checker.check(text).findings
    assert people(words_checker, text) == expected
    assert not [f for f in findings if f.code.startswith("pupil.")]
