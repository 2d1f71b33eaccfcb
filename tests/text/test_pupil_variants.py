"""Pupils written another way than the roster spells them (recognizers/pupil_variants.py).

A real Checker on tests/fixtures/roster_variants.csv: an invented school with hyphenated,
apostrophe, Mac and accented surnames, names with several spellings, a surname many pupils
share (Khan), and pupils with consent whose names are close to pupils without. Each MUST_MATCH
row lists every pupil finding (surface, code, pupils); MUST_NOT_MATCH rows must give no pupil
finding about a pupil without consent; UNSURE rows warn and ask (pupil.unsure), never a pass
and never a block.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.text.conftest import FIXTURES, pupil_findings, school_checker

from postguard.text.recognizers.pupil_variants import surname_key

(NOUR, CIARA, MOHAMMAD, FATIMAH, MAX, OLU, CALLUM, RENEE, NIAMH, NGOZI, SMYTH, SMITH, GRACE, WILLIAM, ALISTAIR) = (
    f"V3000000000{i:02d}" for i in range(1, 16)
)
MUHAMMAD_K, MOHAMMED_K, SANA_K, ZAINAB_K, IMRAN_K, LUKA, KACPER, SIAN, AMARA, THEODORE, JACK_D = (
    f"V3000000000{i:02d}" for i in range(16, 27)
)
HUSSAIN_M, LILY, WILL, ROSE, TOMOS, THI_MAI, AYODELE = (f"V3000000000{i:02d}" for i in range(31, 38))
NO_CONSENT, FULL_NAME, NAMED, UNSURE_CODE = "pupil.no_consent", "pupil.full_name", "pupil.named", "pupil.unsure"


@pytest.fixture(scope="module")
def variants_checker(tmp_path_factory, nlp):
    home = tmp_path_factory.mktemp("variants") / "home"
    checker = school_checker(home, nlp, FIXTURES / "roster_variants.csv", FIXTURES / "staff_variants.csv")
    yield checker
    checker.close()


MUST_MATCH = [
    # surnames joined, split, without the apostrophe, Mac/Mc, accents
    ("Congratulations to Nour Alamin on her swimming badge.", [("Nour Alamin", NO_CONSENT, {NOUR})]),
    ("Nour Al Amin has been chosen as eco-warrior.", [("Nour Al Amin", NO_CONSENT, {NOUR})]),
    ("Ciara ODonnell sang at the concert.", [("Ciara ODonnell", NO_CONSENT, {CIARA})]),
    ("Callum McLeod read a poem.", [("Callum McLeod", NO_CONSENT, {CALLUM})]),
    ("Callum Mcleod read a poem.", [("Callum Mcleod", NO_CONSENT, {CALLUM})]),
    ("Well done Callum Macleod!", [("Callum Macleod", NO_CONSENT, {CALLUM})]),
    ("Renee Lefevre brought in her rabbit.", [("Renee Lefevre", NO_CONSENT, {RENEE})]),
    ("Kacper Wojcik Nowak finished the race.", [("Kacper Wojcik Nowak", NO_CONSENT, {KACPER})]),
    ("Amara Okonkwo Smith joined the choir.", [("Amara Okonkwo Smith", NO_CONSENT, {AMARA})]),
    # one half of a two-word surname, after the exact first name; a later word of the forename
    ("Ayodele Balogun read his poem.", [("Ayodele Balogun", NO_CONSENT, {AYODELE})]),
    ("Mai Nguyen painted the winning picture.", [("Mai Nguyen", NO_CONSENT, {THI_MAI})]),
    # one edit in a long surname, after the exact first name
    ("Niamh Galagher won the art prize.", [("Niamh Galagher", NO_CONSENT, {NIAMH})]),
    ("Callum MacLoed read a poem.", [("Callum MacLoed", NO_CONSENT, {CALLUM})]),  # letters swapped
    # other spellings of the first name, with the surname
    ("Muhammad Iqbal scored twice in the final.", [("Muhammad Iqbal", NO_CONSENT, {MOHAMMAD})]),
    ("Mohamed Iqbal scored twice in the final.", [("Mohamed Iqbal", NO_CONSENT, {MOHAMMAD})]),
    ("Fatema Hussain read to the class.", [("Fatema Hussain", NO_CONSENT, {FATIMAH})]),
    ("Kiara O'Donnell sang at the concert.", [("Kiara O'Donnell", NO_CONSENT, {CIARA})]),  # one edit
    # short forms of the first name with the surname
    ("Max Vogel won the chess tournament.", [("Max Vogel", NO_CONSENT, {MAX})]),
    ("Olu Bello gave a speech at assembly.", [("Olu Bello", NO_CONSENT, {OLU})]),
    # an initial and the surname
    ("Well done to N. Eze in 5K.", [("N. Eze", NO_CONSENT, {NGOZI})]),
    (
        "Certificates for C O'Donnell and M Vogel.",
        [("C O'Donnell", NO_CONSENT, {CIARA}), ("M Vogel", NO_CONSENT, {MAX})],
    ),
    # a surname that is also a first name, after an initial: not Hussain Malik (consent) but Fatimah
    ("Well done to F. Hussain in 2K.", [("F. Hussain", NO_CONSENT, {FATIMAH})]),
    # a first name that is also a small word, with a near surname
    ("Will Hartly won the race.", [("Will Hartly", NO_CONSENT, {WILL})]),
    # a possessive without its apostrophe, before a noun
    ("Niamhs painting is on display in the hall.", [("Niamhs", NO_CONSENT, {NIAMH})]),
    ("We loved Callums brilliant story.", [("Callums", NO_CONSENT, {CALLUM})]),
    ("Lilys drawing won a prize.", [("Lilys", NO_CONSENT, {LILY})]),  # a word-name, but lilies is the plural
    # the full name written another way is the pupil's, so is the first name after it
    (
        "Nour Alamin won the race. Nour was thrilled.",
        [("Nour Alamin", NO_CONSENT, {NOUR}), ("Nour", NO_CONSENT, {NOUR})],
    ),
    # the roster's own spelling, which the roster match took for part of a title ("Jack and the Beanstalk")
    (
        "The Address to a Haggis was given by Niamh Gallagher and the Toast to the Lassies by our P7s.",
        [("Niamh Gallagher", NO_CONSENT, {NIAMH})],
    ),
    # consent decides the severity: a pupil with consent written another way is their full name
    ("Gracie Brown won the spelling bee.", [("Gracie Brown", FULL_NAME, {GRACE})]),
    # the exact spelling of a pupil with consent is that pupil, not the one without of a similar name
    ("Harry Smith scored the winner.", [("Harry Smith", FULL_NAME, {SMITH})]),
    ("Mohammed Khan scored the winner.", [("Mohammed Khan", FULL_NAME, {MOHAMMED_K})]),
]

MUST_NOT_MATCH = [
    # a pupil's first name beside a clearly different surname: someone else
    "A huge thank you to Nour Johnson for the cakes.",
    "Thank you to Fatima Begum for the henna workshop.",
    "Thanks to Ciara Walsh from the library service.",
    "Thanks to Ciara ODonnell-Boyd for the flowers.",  # a longer hyphenated surname is another one
    "Thanks to Chidi Okonkwo for the drumming workshop.",  # half of a pupil's surname, another first name
    "Thank you to Mai Johnson for the flowers.",
    "Tom A. will lead assembly on Friday.",  # a short form a staff member goes by (Mr Tom Ashworth)
    "Theo B. won the chess tournament.",  # the initial fits no Theodore
    # staff: by title and surname, and a staff member whose name is close to a pupil's
    "Mrs O'Donel led the reading club.",
    "Mrs O'Donnell led the reading club.",
    "Ciara O'Donel led the reading club.",
    "Mr Callum McLeod, our visiting author, signed books.",
    "Tom Ashworth read us a story.",  # the head teacher, though "Tom" is a short form of the pupil Tomos
    # not a pupil now, or a part
    "Congratulations to our former student Nour Alamin on her degree.",
    "The children played Nour Alamin in the show.",
    # adults by role
    "Letters home signed by N. Eze, our new office manager.",
    "Our swimming coach Max Vogel ran the session.",
    "Fatima, our lunchtime supervisor, retires this week.",
    # short forms too short, or other names that share the first letters
    "Al Reid helped at the fair.",
    "Alice Reid helped at the fair.",
    "Max 30 children per session.",
    "The Ashby Road entrance is closed today.",  # "The" is no short form of Theodore
    # surnames and words ending in s are not possessives
    "The Williams family donated books.",
    "Mr Williams read a story.",
    "Harris class went to the zoo.",  # a teacher's class; Harri Morgan is a pupil
    "Roses grow by the pond.",  # Rose Quinn is a pupil; "roses" is the plural of a word
    "Mrs Harris read us a story.",
    "The Harris family sent cakes.",
    "Well done everyone who wore brown.",
    # a surname initial that fits no pupil of that spelling
    "Mohamed Z. came to visit.",
]

UNSURE = [
    # a short form with the surname's initial (a class beside it or not)
    ("Well done to Theo A. in 5K.", "Theo A.", {THEODORE}),
    ("Max V won the chess tournament.", "Max V", {MAX}),
    # a short form or initial with a surname many pupils share
    ("Zain Khan won the quiz.", "Zain Khan", {ZAINAB_K}),
    ("Well done M. Khan!", "M. Khan", {MUHAMMAD_K, MOHAMMED_K}),  # every candidate, to choose from
    # a short form that is a name of its own
    ("Ali Reid helped at the fair.", "Ali Reid", {ALISTAIR}),
    # another spelling with only the surname initial, or alone
    ("Well done Mohammed I. for 100% attendance.", "Mohammed I.", {MOHAMMAD}),
    ("Fathima read her story to the whole school.", "Fathima", {FATIMAH}),
    ("Lukas scored a goal.", "Lukas", {LUKA}),
    # someone else's full name, then the first name a pupil without consent shares: ask
    ("Nour Johnson won the race. Nour was thrilled.", "Nour", {NOUR}),
    # a near surname after a staff member's first name: Mrs Ciara O'Donel works here
    ("Ciara O'Donell sang at the concert.", "Ciara O'Donell", {CIARA}),
    # an initial and a staff member's surname: Mr Tom Ashworth may sign off "T. Ashworth"
    ("Well done to T. Ashworth for the spelling prize.", "T. Ashworth", {TOMOS}),
    # a near surname after a first name many pupils share (four Jacks)
    ("Jack Davis scored the winner.", "Jack Davis", {JACK_D}),
    # another spelling of the first name and a near surname
    ("Kiara O'Donell sang at the concert.", "Kiara O'Donell", {CIARA}),
]


@pytest.mark.parametrize("text,expected", MUST_MATCH, ids=[t for t, _ in MUST_MATCH])
def test_a_pupil_written_another_way_is_found(variants_checker, text, expected):
    assert pupil_findings(variants_checker, text) == expected


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_not_taken_for_a_pupil(variants_checker, text):
    assert pupil_findings(variants_checker, text) == []


@pytest.mark.parametrize("text,surface,pupils", UNSURE, ids=[t for t, _, _ in UNSURE])
def test_weak_evidence_warns_and_asks(variants_checker, text, surface, pupils):
    result = variants_checker.check(text)
    assert [(text[f.start : f.end], f.code, set(f.pupils)) for f in result.findings if f.code.startswith("pupil.")] == [
        (surface, UNSURE_CODE, pupils)
    ]
    [finding] = [f for f in result.findings if f.code == UNSURE_CODE]
    assert result.verdict == "warn" and finding.severity == "warn"
    assert {c["pupil"] for c in finding.extra["candidates"]} == pupils
    assert (
        "cannot be sure" in finding.message or "cannot tell" in finding.message
    ) and "remove the name" in finding.message


def test_a_weak_match_of_pupils_with_consent_only_is_left_to_the_person_check(variants_checker):
    # One letter off Sana, who has consent, with a surname five pupils share: too weak to say it is
    # her, and no pupil without consent is near, so it stays a person's name for staff to check.
    result = variants_checker.check("Thank you to Sanaa Khan for the flowers.")
    assert [f.code for f in result.findings if f.code.startswith("pupil.")] == []


def test_choosing_the_pupil_for_an_unsure_spelling_blocks(variants_checker):
    from postguard.text.resolution import Resolution

    text = "Well done Mohammed I. for 100% attendance."
    [finding] = [f for f in variants_checker.check(text).findings if f.code == UNSURE_CODE]
    chosen = variants_checker.check(text, resolved=[Resolution(finding.start, finding.end, MOHAMMAD)])
    assert [f.code for f in chosen.findings if f.code.startswith("pupil.")] == [NO_CONSENT]
    assert chosen.verdict == "block"


@pytest.mark.parametrize(
    "written,roster",
    [("Al Hassan", "Al-Hassan"), ("alhassan", "Al-Hassan"), ("ONeill", "O'Neill"), ("O’Neill", "O'Neill")]
    + [("McDonald", "MacDonald"), ("Mcdonald", "MacDonald"), ("Nguyen", "Nguyễn"), ("Wisniewski", "Wiśniewski")],
)
def test_surnames_written_another_way_have_one_key(written, roster):
    assert surname_key(written.split()) == surname_key([roster])


@pytest.mark.parametrize("a,b", [("Al-Hassan", "Hassan"), ("Smith", "Smyth"), ("Jones", "Jone")])
def test_different_surnames_keep_different_keys(a, b):
    assert surname_key([a]) != surname_key([b])


def test_forename_variant_groups_are_reviewable_data():
    """nlp_models/forename_variants.jsonl: groups of two or more spellings, each spelling in one
    group only (so "another spelling of" is one name), none a small English word."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from postguard.text.normalize import fold
    from postguard.text.patterns import PatternData

    rows = PatternData(Path(__file__).parents[2] / "nlp_models")["forename_variants"]
    assert len(rows) > 50
    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        keys = {fold(n) for n in row["names"]}
        assert len(keys) >= 2, row
        for key in keys:
            assert key not in seen, f"{key} is in two groups: {rows[seen[key]]} and {row}"
            assert key not in STOP_WORDS, key
            seen[key] = i
