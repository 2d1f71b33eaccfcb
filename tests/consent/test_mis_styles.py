"""Every common MIS export style is read, and no consent column is ever skipped unseen.

Tables of headings and values that must map and that must not; real CSV files in each style
(tests/fixtures/mis: UTF-8 with BOM, Windows-1252, title rows, CRLF) through the parser and through
the real `postguard consent import` on a real SQLite data folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from postguard.consent.mis_headers import FULL_NAME, NAME, NO_PUBLISH, PHOTO, read_heading
from postguard.consent.mis_import import normalise_year, parse_mis_csv
from postguard.consent.store import GRANTED, NOT_ASKED, REFUSED

STYLES = Path(__file__).parents[1] / "fixtures" / "mis"
POSTGUARD = str(Path(sys.executable).with_name("postguard"))


# -- headings --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "heading,field",
    [
        # Bromcom
        ("Consent - Photographs on Social Media", PHOTO),
        ("Consent - Name on Social Media", NAME),
        ("No Publicity", NO_PUBLISH),
        # Arbor
        ("Social media - photo", PHOTO),
        ("Social media - name", NAME),
        ("Social Media Photo Consent", PHOTO),
        ("Social Media Name Consent", NAME),
        ("Do Not Publish", NO_PUBLISH),
        # SIMS
        ("Consent: Social Media Photo", PHOTO),
        ("Consent: Social Media Name", NAME),
        ("Photograph Student", PHOTO),
        ("Photograph Consent", PHOTO),
        ("No Publish", NO_PUBLISH),
        # generic and other wordings
        ("Photo Consent", PHOTO),
        ("Name Consent", NAME),
        ("Photo/Video Consent", PHOTO),
        ("Permission: photos on Facebook", PHOTO),
        ("Photos on social media and the website", PHOTO),
        ("Photos on the school's social media", PHOTO),
        ("Image consent", PHOTO),
        ("Photograph Permission", PHOTO),
        ("Online images permission", PHOTO),
        ("Parental consent - name on social media", NAME),
        ("  consent:  SOCIAL_MEDIA  photo ", PHOTO),
        ("Photo consent (Yes/No)", PHOTO),
        ("Name consent Y/N", NAME),
        ("No Publicity (Yes/No)", NO_PUBLISH),
        # Welsh, bilingual and Welsh only
        ("Caniatâd Enw / Name Consent", NAME),
        ("Caniatad Llun / Photo Consent", PHOTO),
        ("Dim Cyhoeddusrwydd / No Publicity", NO_PUBLISH),
        ("Caniatâd Lluniau Cyfryngau Cymdeithasol", PHOTO),
        ("Caniatâd Enw Cyfryngau Cymdeithasol", NAME),
        ("Dim Cyhoeddusrwydd", NO_PUBLISH),
        # pupil fields
        ("Student Name", FULL_NAME),
        ("Pupil Name", FULL_NAME),
        ("Name", FULL_NAME),
        ("Enw / Name", FULL_NAME),
        ("Cyfenw / Surname", "legal_surname"),
        ("Enw Cyntaf / Forename", "legal_forename"),
        ("Cyfenw", "legal_surname"),
        ("Enw Cyntaf", "legal_forename"),
        ("Enw Dewisol", "preferred_forename"),
        ("Blwyddyn", "year_group"),
        ("Dosbarth", "reg_group"),
        ("Grŵp Cofrestru", "reg_group"),
        ("\ufeffUPN", "upn"),
        # SEEMiS (Scotland)
        ("SCN", "scn"),
        ("Scottish Candidate Number", "scn"),
        ("Stage", "year_group"),
    ],
)
def test_heading_maps(heading, field):
    reading = read_heading(heading)
    assert reading.kind in ("consent", "pupil") and reading.fields == (field,), reading


@pytest.mark.parametrize(
    "heading,kind",
    [
        # consent, but clearly not about social media: not read, listed in the summary
        ("Consent - School Trips", "not_read"),
        ("Medical consent", "not_read"),
        ("Internet access consent", "not_read"),
        ("Sun cream permission", "not_read"),
        ("Parent name consent", "not_read"),  # the parent's name, not the pupil's
        ("Photo Consent Date", "not_read"),  # about the consent, not the answer
        ("Photo consent signed by", "not_read"),
        ("Photo", "not_read"),  # may be the pupil's picture in the MIS; consent is never assumed
        # mentions social media, publicity, photos or names, but cannot be mapped: the import stops
        ("Media Consent", "refuse"),
        ("Social media consent", "refuse"),
        ("Publicity consent", "refuse"),
        ("Consent: Facebook", "refuse"),
        ("Photo consent - school displays", "refuse"),
        ("Consent - Photographs in Newsletter", "refuse"),
        ("Website photo consent", "refuse"),
        ("Consent - Photographs for school ID cards", "refuse"),
        ("Class photo consent", "refuse"),
        ("Consent: use of images in school", "refuse"),  # the website is not the school's social media
        ("Consent: name on school website", "refuse"),
        ("Do not photograph", "refuse"),
        ("No photos", "refuse"),
        # video consent: read as video, never as photo
        ("Social media - video", "video"),
        ("Video consent", "video"),
        # not consent and not a pupil field
        ("Name of parent", "other"),
        ("Parent Name", "other"),
        ("Contact name", "other"),
        ("Year of entry", "other"),
        ("Academic Year", "other"),
        ("Form Tutor", "other"),
        ("Gender", "other"),
        ("Candidate Number", "other"),  # an exam entry number, not a pupil id
        ("Key Stage", "other"),
        ("Forename / Surname", "other"),  # two fields in one bilingual-looking heading
    ],
)
def test_heading_must_not_map(heading, kind):
    reading = read_heading(heading)
    assert reading.kind == kind and not reading.fields, reading


# -- values ----------------------------------------------------------------------------------
CONSENT_TABLE = [
    *[(v, GRANTED) for v in ("Yes", "Y", "yes", "TRUE", "1", "Given", "Granted", "Agreed")],
    *[(v, REFUSED) for v in ("No", "N", "False", "0", "Refused", "Withdrawn", "Declined", "Not Granted")],
    *[(v, NOT_ASKED) for v in ("", "Not asked", "Unknown", "Pending", "Requested", " ", "Not Recorded")],
    *[(v, GRANTED) for v in ("Do", "Ydy", "Oes", "Ie", "DO")],
    *[(v, REFUSED) for v in ("Na", "Nac ydy", "Nac oes", "nac  ydy")],
]
HEADER = "UPN,Forename,Surname,Consent: Social Media Photo,Consent: Social Media Name,No Publish\n"


@pytest.mark.parametrize("value,expected", CONSENT_TABLE)
def test_consent_values(value, expected):
    parsed = parse_mis_csv(f"{HEADER}A1,Amy,Hart,{value},{value},\n".encode())
    assert parsed.ok, parsed.problems
    assert (parsed.pupils[0].photo_consent, parsed.pupils[0].name_consent) == (expected, expected)


@pytest.mark.parametrize("value", ["Maybe", "?", "-", "Yes please", "Consent", "N/A", "Ok", "Nac", "Oui"])
def test_other_values_refuse_the_row_naming_line_heading_and_value(value):
    parsed = parse_mis_csv(f"{HEADER}A1,Amy,Hart,Yes,Yes,\nA2,Ben,Cole,Yes,{value},\n".encode())
    assert not parsed.ok  # the store imports only a file with no problems
    assert [str(p) for p in parsed.problems] == [
        f"line 3: '{value}' in column 'Consent: Social Media Name' is not a consent value (use Yes, No or leave blank)"
    ]


@pytest.mark.parametrize(
    "value,no_publish", [("Yes", True), ("Do", True), ("Ie", True), ("No", False), ("Na", False), ("", False)]
)
def test_no_publish_values(value, no_publish):
    parsed = parse_mis_csv(f"{HEADER}A1,Amy,Hart,Yes,Yes,{value}\n".encode())
    assert parsed.ok and parsed.pupils[0].no_publish is no_publish


@pytest.mark.parametrize(
    "value,year",
    [
        ("N1", "N1"),
        ("N2", "N2"),
        ("n", "N"),
        ("Nursery", "N"),
        ("Nursery 1", "N1"),
        ("FS1", "N1"),
        ("Meithrin", "N"),
        ("Reception", "R"),
        ("Derbyn", "R"),
        ("Year 4", "4"),
        ("Y10", "10"),
        ("Blwyddyn 2", "2"),
        ("P1", "P1"),
        ("p7", "P7"),
        ("Primary 5", "P5"),
        ("S3", "S3"),
        ("ELC", "N"),
        ("P1/2", "P1/2"),  # a composite class, kept as written
        ("Post-16", "Post-16"),  # not a year PostGuard knows: kept as written
        ("Nurture", "Nurture"),
    ],
)
def test_normalise_year(value, year):
    assert normalise_year(value) == year


# -- whole files: what is read, what stops the import ------------------------------------------
def test_bromcom_consent_columns_are_read_not_skipped():
    header = "UPN,Surname,Forename,Consent - Photographs on Social Media,Consent - Name on Social Media,No Publicity\n"
    parsed = parse_mis_csv((header + "A1,Hart,Amy,Yes,No,No\nA2,Cole,Ben,No,Yes,Yes\n").encode())
    assert parsed.ok, parsed.problems
    assert [(p.photo_consent, p.name_consent, p.no_publish) for p in parsed.pupils] == [
        (GRANTED, REFUSED, False),
        (REFUSED, GRANTED, True),
    ]
    assert parsed.notes == []


@pytest.mark.parametrize(
    "heading,words",
    [
        ("Media Consent", "does not say whether it is consent for photos or for names"),
        ("Photo consent - school displays", "consent for something other than social media ('school displays')"),
        ("Do not photograph", "seems to record a refusal"),
        ("Press publicity consent", "consent for something other than social media ('press')"),
        ("Consent: Social Media", "does not say whether it is consent for photos or for names"),
    ],
)
def test_an_unmappable_consent_column_stops_the_import_naming_it(heading, words):
    header = f"UPN,Forename,Surname,Consent: Social Media Name,{heading}\n"
    parsed = parse_mis_csv((header + "A1,Amy,Hart,Yes,Yes\n").encode())
    assert not parsed.ok and not parsed.pupils
    [problem] = parsed.problems
    assert problem.line == 1 and f"The column '{heading}'" in problem.message and words in problem.message
    assert "export again" in problem.message


def test_other_channel_photo_consent_is_only_noted_when_the_social_media_one_is_read():
    header = "UPN,Forename,Surname,Consent: Social Media Photo,Consent: Social Media Name,Photo consent - newsletter\n"
    parsed = parse_mis_csv((header + "A1,Amy,Hart,No,Yes,Yes\n").encode())
    assert parsed.ok, parsed.problems
    assert parsed.pupils[0].photo_consent == REFUSED
    assert parsed.notes == [
        "The column 'Photo consent - newsletter' was not read: it is consent for something other than social "
        "media, and the social-media consent columns were read instead."
    ]


def test_a_generic_photo_column_gives_way_to_the_social_media_one_and_says_so():
    header = "UPN,Forename,Surname,Photo Consent,Social media - photo,Name Consent\n"
    parsed = parse_mis_csv((header + "A1,Amy,Hart,Yes,No,Yes\n").encode())
    assert parsed.ok and parsed.pupils[0].photo_consent == REFUSED
    assert parsed.notes == [
        "The column 'Photo Consent' was not read for social-media photo consent: the column 'Social media - "
        "photo', which names social media, was used instead."
    ]


def test_two_equal_candidates_for_one_field_stop_the_import():
    header = "UPN,Forename,Surname,Facebook photo consent,Consent: Social Media Photo,Name Consent\n"
    parsed = parse_mis_csv((header + "A1,Amy,Hart,Yes,No,Yes\n").encode())
    assert not parsed.ok
    assert "Several columns could hold social-media photo consent: 'Facebook photo consent', 'Consent: Social" in str(
        parsed.problems[0]
    )


def test_one_column_for_photo_and_name_gives_both():
    header = "UPN,Forename,Surname,Consent: photo and name on social media\n"
    parsed = parse_mis_csv((header + "A1,Amy,Hart,Yes\nA2,Ben,Cole,No\n").encode())
    assert parsed.ok, parsed.problems
    assert [(p.photo_consent, p.name_consent) for p in parsed.pupils] == [(GRANTED, GRANTED), (REFUSED, REFUSED)]


def test_a_missing_name_consent_column_lists_the_consent_columns_not_read():
    parsed = parse_mis_csv(b"UPN,Forename,Surname,Medical consent\nA1,Amy,Hart,Yes\n")
    assert not parsed.ok
    assert "no social-media name consent column" in str(parsed.problems[0])
    assert "'Medical consent' was not read: it is consent for something other than social media" in str(
        parsed.problems[0]
    )


@pytest.mark.parametrize(
    "cell,problem",
    [
        ("Muhammad Al-Hassan", "is not written 'Surname, Forename'"),
        ("Smith, John, Jr", "is not written 'Surname, Forename'"),
        (", Amy", "is not written 'Surname, Forename'"),
        ("", "the name is empty"),
    ],
)
def test_a_combined_name_not_written_surname_comma_forename_refuses_the_row(cell, problem):
    data = f'UPN,Pupil Name,Name Consent\nA1,"Hart, Amy",Yes\nA2,"{cell}",Yes\n'.encode()
    parsed = parse_mis_csv(data)
    assert not parsed.ok
    assert [p.line for p in parsed.problems] == [3] and problem in parsed.problems[0].message


def test_separate_name_columns_win_over_a_combined_one():
    data = b'UPN,Name,Forename,Surname,Name Consent\nA1,"Hart, Amelia",Amy,Hart,Yes\n'
    parsed = parse_mis_csv(data)
    assert parsed.ok and (parsed.pupils[0].legal_forename, parsed.pupils[0].legal_surname) == ("Amy", "Hart")


# -- each style as a real file: parsed, then through the real CLI on a real SQLite data folder ---
# style -> (encoding, header line, [(name, year, photo, name consent, no publish)], notes that must be printed)
EXPECTED = {
    "bromcom": (
        "utf-8",
        1,
        [
            ("Chidi Okafor", "N2", GRANTED, GRANTED, False),
            ("Zosia Wiśniewska", "R", REFUSED, GRANTED, False),
            ("Megan Hughes", "3", GRANTED, REFUSED, False),
            ("Arjun Patel", "3", GRANTED, GRANTED, True),
            ("Siobhán Brennan", "N1", NOT_ASKED, NOT_ASKED, False),
        ],
        [],
    ),
    "arbor": (
        "utf-8",
        1,
        [
            ("Bella Carrington", "6", GRANTED, REFUSED, False),
            ("Tomasz Nowak", "6", REFUSED, REFUSED, False),
            ("Grace Whitfield", "5", GRANTED, GRANTED, False),
            ("Ellis Moreau", "5", NOT_ASKED, NOT_ASKED, False),
        ],
        ["'Social media - video' is video consent, which is not used"],
    ),
    "scholarpack": (
        "windows-1252",
        1,
        [
            ("Muhammad Al-Hassan", "4", GRANTED, GRANTED, False),
            ("Zoë Marchetti", "4", REFUSED, GRANTED, False),
            ("Aoife Grace O'Neill", "2", GRANTED, REFUSED, False),
            ("Tyler Smith-Jones", "N", GRANTED, REFUSED, False),
        ],
        ["'Consent - School Trips' was not read: it is consent for something other than social media"],
    ),
    "seemis": (
        "utf-8",
        4,
        [
            ("Eilidh MacDonald", "P4", GRANTED, GRANTED, False),
            ("Ruaridh Sinclair", "P7", GRANTED, REFUSED, False),
            ("Zofia Nowak", "N", GRANTED, NOT_ASKED, False),
            ("Omar Al-Khatib", "P1", REFUSED, GRANTED, True),
        ],
        [],
    ),
    "welsh_bilingual": (
        "utf-8",
        4,
        [
            ("Gwenllian Llywelyn", "3", GRANTED, GRANTED, False),
            ("Dafydd Jones", "3", REFUSED, GRANTED, False),
            ("Elin Pritchard", "R", GRANTED, REFUSED, False),
            ("Rhys Evans", "N", GRANTED, GRANTED, True),
        ],
        [],
    ),
    "welsh": (
        "windows-1252",
        3,
        [
            ("Owi ap Gruffydd", "2", GRANTED, GRANTED, False),
            ("Ffion Morgan", "2", REFUSED, GRANTED, False),
            ("Ioan Thomas", "N2", GRANTED, REFUSED, False),
        ],
        [],
    ),
}


@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_style_file_parses(style):
    encoding, header_line, pupils, notes = EXPECTED[style]
    parsed = parse_mis_csv((STYLES / f"{style}.csv").read_bytes())
    assert parsed.ok, [str(p) for p in parsed.problems]
    assert (parsed.encoding, parsed.header_line) == (encoding, header_line)
    got = [(p.display_name, p.year_group, p.photo_consent, p.name_consent, p.no_publish) for p in parsed.pupils]
    assert got == pupils
    assert len(parsed.notes) == len(notes) and all(
        n in got_note for n, got_note in zip(notes, parsed.notes, strict=True)
    )


def run(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [POSTGUARD, "--home", str(home), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "USER": "itadmin"},
        timeout=120,
    )


@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_style_file_through_the_cli(style, tmp_path):
    _, header_line, pupils, notes = EXPECTED[style]
    home = tmp_path / "home"
    result = run(home, "consent", "import", str(STYLES / f"{style}.csv"))
    assert result.returncode == 0, result.stderr
    assert f"Imported {len(pupils)} pupils" in result.stdout and f"header on line {header_line}" in result.stdout
    for note in notes:
        assert note in result.stdout
    if style == "seemis":
        assert "added: Eilidh MacDonald (P4/5, SCN 123456789)" in result.stdout
    listed = json.loads(run(home, "consent", "list", "--json").stdout)
    got = [(p["name"], p["year"], p["photo_consent"], p["name_consent"], p["no_publish"]) for p in listed]
    assert sorted(got) == sorted(pupils)


def test_an_unmappable_consent_column_through_the_cli_changes_nothing(tmp_path):
    home = tmp_path / "home"
    assert run(home, "consent", "import", str(STYLES / "arbor.csv")).returncode == 0
    before = run(home, "consent", "list", "--json").stdout
    bad = tmp_path / "media.csv"
    bad.write_bytes((STYLES / "arbor.csv").read_bytes().replace(b"Social media - photo", b"Media Consent"))
    result = run(home, "consent", "import", str(bad))
    assert result.returncode == 1
    assert "Nothing was imported" in result.stderr and "The column 'Media Consent' looks like" in result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert "Also noted" in result.stderr and "'Social media - video' is video consent" in result.stderr
    assert run(home, "consent", "list", "--json").stdout == before


def test_a_title_row_with_a_name_cell_is_not_taken_for_the_header():
    data = b'Name:,Riverside Primary\nPrinted,01/09/2026\nPupil Name,Class,Name Consent\n"Hart, Amy",4B,Yes\n'
    parsed = parse_mis_csv(data)
    assert parsed.header_line == 3
    assert [str(p) for p in parsed.problems] == [
        "line 3: The header row has no UPN or admission number column (in Scotland: SCN), so pupils cannot be "
        "identified."
    ]


def test_a_file_without_a_photo_consent_column_says_every_pupil_lacks_photo_consent():
    parsed = parse_mis_csv(b"UPN,Forename,Surname,Consent: Social Media Name\nA1,Amy,Hart,Yes\n")
    assert parsed.ok and parsed.pupils[0].photo_consent == NOT_ASKED
    assert parsed.notes == [
        "The file has no social-media photo consent column, so every pupil in it is recorded with photo consent "
        "not on record, which PostGuard treats as no consent."
    ]


def test_the_scn_is_the_pupil_id_of_a_scottish_export():
    parsed = parse_mis_csv((STYLES / "seemis.csv").read_bytes())
    assert [(p.pupil_id, p.upn, p.adno) for p in parsed.pupils][:1] == [("123456789", "123456789", None)]
    data = b"SCN,Adm No,Forename,Surname,Name Consent\n123,7,Amy,Hart,Y\n123,8,Ben,Cole,Y\n"
    parsed = parse_mis_csv(data)
    assert [str(p) for p in parsed.problems] == ["line 3: SCN 123 appears twice (also on line 2)"]
    # with an admission number too, the pupil id stays the admission number (as for any file without a UPN)
    parsed = parse_mis_csv(b"SCN,Adm No,Forename,Surname,Name Consent\n123,7,Amy,Hart,Y\n")
    assert [(p.pupil_id, p.upn, p.adno) for p in parsed.pupils] == [("adno:7", "123", "7")]
