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
