"""Names with a letter lost in the MIS export ('?' or U+FFFD): imported with a warning, and matched
with the lost letter standing for any one letter (real Checker, real spaCy model, real SQLite)."""

from __future__ import annotations

import pytest

from postguard import db
from postguard.checker import Checker
from postguard.consent.mis_import import parse_mis_csv
from postguard.consent.store import ConsentStore

HEADER = "UPN,Legal Forename,Legal Surname,Reg Group,Consent: Social Media Photo,Consent: Social Media Name\n"
ROWS = (
    "L100000000001,Kasia,Zieli?ski,Class 3L,No,No\n"
    "L100000000002,\ufffdva,Brennan,Class 4B,No,No\n"
    "L100000000003,Tomasz,Wright,Class 4B,Yes,Yes\n"
)


@pytest.fixture(scope="module")
def lost_checker(tmp_path_factory, nlp):
    from postguard.settings import Settings

    settings = Settings(home=tmp_path_factory.mktemp("lost") / "home", allow_demo_roster=False)
    parsed = parse_mis_csv((HEADER + ROWS).encode("utf-8"))
    assert parsed.ok, parsed.problems
    conn = db.connect(settings.db_path)
    ConsentStore(conn).import_pupils(parsed.pupils, actor="tests")
    conn.close()
    checker = Checker(settings, nlp=nlp)
    yield checker
    checker.close()


def test_rows_with_lost_letters_are_listed_with_their_lines():
    parsed = parse_mis_csv((HEADER + ROWS).encode("utf-8"))
    assert parsed.ok
    assert [(line, p.upn) for line, p in parsed.lost_letters] == [(2, "L100000000001"), (3, "L100000000002")]


def test_windows_1252_export_with_question_marks_is_imported_with_the_warning():
    parsed = parse_mis_csv((HEADER + "L1,Kasia,Zieli?ski,3L,No,No\n").encode("cp1252"))
    assert parsed.ok and parsed.encoding == "utf-8"  # plain ASCII is valid UTF-8
    assert [line for line, _ in parsed.lost_letters] == [2]


@pytest.mark.parametrize(
    "text,surface,upn",
    [
        ("Well done Kasia Zielinski!", "Kasia Zielinski", "L100000000001"),
        ("A great run from Zieliński today.", "Zieliński", "L100000000001"),
        ("Eva Brennan read a poem.", "Eva Brennan", "L100000000002"),
        ("Ava read a poem.", "Ava", "L100000000002"),  # the lost letter may be any letter
    ],
)
def test_a_lost_letter_matches_any_one_letter(lost_checker, text, surface, upn):
    found = [(text[f.start : f.end], f.pupils) for f in lost_checker.check(text).findings if f.pupils]
    assert (surface, [upn]) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Zieliski is not the name.",  # one letter short
        "Zielinskis everywhere.",  # one letter long
        "Zielenska came to visit.",  # other letters differ
        "Evan read a poem.",  # longer than the first name
        "Everyone read a poem.",
    ],
)
def test_must_not_match(lost_checker, text):
    pupils = {p for f in lost_checker.check(text).findings for p in f.pupils}
    assert not pupils & {"L100000000001", "L100000000002"}, text
