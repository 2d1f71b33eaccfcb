"""MIS CSV parsing: header spellings, title rows, encodings, and every bad file."""

from __future__ import annotations

import pytest

from postguard.consent.mis_import import parse_mis_csv
from postguard.consent.store import GRANTED, NOT_ASKED, REFUSED

SIMS = (
    "Class list - exported 01/09/2026,,,,\n"
    "UPN,Legal Forename,Legal Surname,Year,Reg Group,"
    "Consent: Social Media Photo,Consent: Social Media Name,No Publish\n"
    "A100000000001,Amelia,Stanton,4,Class 4B,No,Yes,\n"
)


@pytest.mark.parametrize(
    "header,values,expected",
    [
        # Arbor-style spellings
        (
            "Admission Number,First Name,Last Name,Known As,Year Group,Registration Form,Social Media Photo Consent,"
            "Social Media Name Consent,Do Not Publish",
            "77,Isabella,Carrington,Bella,Year 6,6P,Granted,Declined,N",
            dict(
                pupil_id="adno:77",
                preferred_forename="Bella",
                year_group="6",
                reg_group="6P",
                photo_consent=GRANTED,
                name_consent=REFUSED,
                no_publish=False,
            ),
        ),
        (
            "adno,forename,surname,preferred name,nc year,form,"
            "photograph student,consent: social media name,no publish",
            "12,Kacper,Wiśniewski,,Reception,R1,Y,,Yes",
            dict(pupil_id="adno:12", year_group="R", photo_consent=GRANTED, name_consent=NOT_ASKED, no_publish=True),
        ),
        (
            "UPN,Legal Forename,Legal Surname,Preferred Forename,Preferred Surname,Year,Class,"
            "Consent: Social Media Photo,Consent: Social Media Name,No Publish",
            "B200000000002,Oluwaseun,Ogunbiyi,Seun,,3,Hedgehogs,Pending,Withdrawn,",
            dict(pupil_id="B200000000002", preferred_forename="Seun", photo_consent=NOT_ASKED, name_consent=REFUSED),
        ),
    ],
)
def test_header_spellings_and_values(header, values, expected):
    parsed = parse_mis_csv(f"{header}\n{values}\n".encode())
    assert parsed.ok, parsed.problems
    [pupil] = parsed.pupils
    for key, value in expected.items():
        assert getattr(pupil, key) == value, key


def test_title_rows_bom_and_windows_1252():
    parsed = parse_mis_csv(b"\xef\xbb\xbf" + SIMS.encode("utf-8"))
    assert parsed.ok and parsed.header_line == 2 and parsed.pupils[0].upn == "A100000000001"
    cp1252 = SIMS.replace("Amelia", "Zoë").encode("cp1252")
    parsed = parse_mis_csv(cp1252)
    assert parsed.ok and parsed.encoding == "windows-1252" and parsed.pupils[0].legal_forename == "Zoë"


def test_semicolon_delimited():
    parsed = parse_mis_csv(SIMS.replace(",", ";").encode("utf-8"))
    assert parsed.ok and len(parsed.pupils) == 1


@pytest.mark.parametrize(
    "data,message",
    [
        (b"Forename,Surname\nAmelia,Stanton\n", "no UPN or admission number column"),
        (b"Gender,House\nF,Red\n", "No header row with a pupil id column"),
        (b"Name,Class\nStanton, Amelia,4B\n", "no UPN or admission number column"),
        (b"PK\x03\x04binary", "Excel workbook"),
        (b"\x00\x01\x02\xff\xfe\x00garbage\x00", "encoding"),
        (
            (b"UPN,Forename,Surname,Consent: Social Media Name\nA1,Amelia,Stanton,Yes\nA1,Oliver,Brennan,Yes\n"),
            "line 3: UPN A1 appears twice (also on line 2)",
        ),
        (
            b"UPN,Forename,Surname,Consent: Social Media Name\nA1,Amelia,Stanton,Maybe\n",
            "line 2: 'Maybe' in column 'Consent: Social Media Name' is not a consent value",
        ),
        (b"UPN,Forename,Surname,Consent: Social Media Name\n,Amelia,Stanton,Yes\n", "line 2: no UPN"),
        (b"UPN,Forename,Surname,Consent: Social Media Name\nA1,,Stanton,Yes\n", "forename or surname is empty"),
        (b"UPN,Forename,Surname\nA1,Amelia,Stanton\n", "no social-media name consent column"),
        (b"UPN,Forename,Surname,Consent: Social Media Name\n", "no pupils"),
    ],
)
def test_bad_files_report_every_problem_with_line_numbers(data, message):
    parsed = parse_mis_csv(data)
    assert not parsed.ok
    assert any(message in str(p) for p in parsed.problems), [str(p) for p in parsed.problems]
