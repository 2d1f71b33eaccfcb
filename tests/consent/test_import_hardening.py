"""Roster imports never silently drop or garble a pupil: one encoding per file, only when all of it
is valid there; any duplicate id refuses the file; import then export gives every pupil back."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postguard import db
from postguard.consent.mis_import import parse_mis_csv
from postguard.consent.store import GRANTED, NOT_ASKED, REFUSED, ConsentStore, ImportRefused, Pupil

HEADER = "UPN,Adno,Legal Forename,Legal Surname,Reg Group,Consent: Social Media Photo,Consent: Social Media Name\n"


def test_utf8_file_with_one_windows_1252_line_is_refused_naming_the_line():
    data = (HEADER + "A1,1,Zoë,Marchetti,3L,Yes,Yes\n").encode("utf-8") + "A2,2,Chloé,Martin,3L,Yes,Yes\n".encode(
        "cp1252"
    )
    parsed = parse_mis_csv(data)
    assert not parsed.ok and not parsed.pupils
    assert [(p.line, "UTF-8 text except this line" in p.message) for p in parsed.problems] == [(3, True)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_a_file_valid_in_one_encoding_is_read_whole_in_it(encoding):
    parsed = parse_mis_csv((HEADER + "A1,1,Zoë,Marchetti,3L,Yes,Yes\nA2,2,Chloé,Martin,3L,Yes,Yes\n").encode(encoding))
    assert parsed.ok, parsed.problems
    assert [p.legal_forename for p in parsed.pupils] == ["Zoë", "Chloé"]


def test_bytes_valid_in_no_encoding_are_refused_naming_the_line():
    data = (HEADER + "A1,1,Amy,Hart,3L,Yes,Yes\n").encode() + b"A2,2,Bad\x81\x8d,Name,3L,Yes,Yes\n"
    parsed = parse_mis_csv(data)
    assert not parsed.ok and [p.line for p in parsed.problems] == [3]


@pytest.mark.parametrize(
    "rows,message",
    [
        ("A1,7,Amy,Hart,3L,Yes,Yes\nA2,7,Ben,Hart,3L,Yes,Yes\n", "admission number 7 appears twice (also on line 2)"),
        ("A1,7,Amy,Hart,3L,Yes,Yes\nA1,8,Ben,Hart,3L,Yes,Yes\n", "UPN A1 appears twice (also on line 2)"),
        ("A1,7,Amy,Hart,3L,Yes,Yes\n,7,Ben,Hart,3L,Yes,Yes\n", "admission number 7 appears twice"),
        ("a 1,7,Amy,Hart,3L,Yes,Yes\nA1,8,Ben,Hart,3L,Yes,Yes\n", "UPN A1 appears twice"),
    ],
)
def test_any_duplicate_id_refuses_the_file(rows, message):
    parsed = parse_mis_csv((HEADER + rows).encode())
    assert not parsed.ok
    assert any(message in str(p) for p in parsed.problems), [str(p) for p in parsed.problems]


def test_a_row_whose_ids_belong_to_two_stored_pupils_refuses_the_import(make_home):
    store = ConsentStore(db.connect(make_home(roster=False).db_path))
    first = parse_mis_csv((HEADER + "A1,1,Amy,Hart,3L,Yes,Yes\nA2,2,Ben,Cole,3L,Yes,Yes\n").encode())
    store.import_pupils(first.pupils, actor="tests")
    before = (store.version, [p for p in store.pupils()])
    for rows in ("A1,2,Amy,Hart,3L,Yes,Yes\n", "A3,1,Cara,Hart,3L,Yes,Yes\n"):
        parsed = parse_mis_csv((HEADER + rows).encode())
        assert parsed.ok
        with pytest.raises(ImportRefused, match="Amy Hart|Ben Cole"):
            store.import_pupils(parsed.pupils, actor="tests")
        assert (store.version, store.pupils()) == before


# -- the property: import then export gives back every pupil, name and consent -------------
_letters = st.characters(categories=("Lu", "Ll"), max_codepoint=0x17F, exclude_characters="ſ")
_name = st.text(_letters, min_size=1, max_size=12).map(str.title).filter(lambda s: s == s.strip() and s.istitle())
_names = st.tuples(st.lists(_name, min_size=1, max_size=3), st.sampled_from(["-", " ", "'", "’"])).map(
    lambda parts_joiner: parts_joiner[1].join(parts_joiner[0])
)
_consent = st.sampled_from(["Yes", "No", "", "Y", "n", "Granted", "Not Granted", "Withdrawn", "Pending"])
_row = st.tuples(
    _names, _names, st.one_of(st.just(""), _name), st.sampled_from(["3L", "Class 4B", "Owls", ""]), _consent, _consent
)
CONSENT_OF = {
    "Yes": GRANTED,
    "Y": GRANTED,
    "Granted": GRANTED,
    "No": REFUSED,
    "n": REFUSED,
    "Not Granted": REFUSED,
    "Withdrawn": REFUSED,
    "": NOT_ASKED,
    "Pending": NOT_ASKED,
}


def _csv(rows: list[tuple], *, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(
        [
            "UPN",
            "Adno",
            "Legal Forename",
            "Legal Surname",
            "Preferred Forename",
            "Reg Group",
            "Consent: Social Media Photo",
            "Consent: Social Media Name",
        ]
    )
    for i, (fore, sur, pref, reg, photo, name) in enumerate(rows):
        writer.writerow([f"P{i:012d}", str(5000 + i), fore, sur, pref, reg, photo, name])
    return out.getvalue()


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(_row, min_size=1, max_size=25),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_import_then_export_gives_back_every_pupil_name_and_consent(make_home, rows, encoding, delimiter):
    text = _csv(rows, delimiter=delimiter)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")  # a name Windows-1252 cannot hold: the MIS would export UTF-8
    parsed = parse_mis_csv(data)
    assert parsed.ok, [str(p) for p in parsed.problems]
    store = ConsentStore(db.connect(make_home(roster=False).db_path))
    store.import_pupils(parsed.pupils, actor="tests")
    exported = {p.upn: p for p in store.pupils()}
    assert len(exported) == len(rows)
    for i, (fore, sur, pref, reg, photo, name) in enumerate(rows):
        p: Pupil = exported[f"P{i:012d}"]
        assert (p.legal_forename, p.legal_surname, p.preferred_forename, p.reg_group, p.adno) == (
            fore,
            sur,
            pref,
            reg,
            str(5000 + i),
        )
        assert (p.photo_consent, p.name_consent) == (CONSENT_OF[photo], CONSENT_OF[name])
    store.conn.close()
