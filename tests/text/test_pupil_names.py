"""Pupil names: every form staff write them in, and the look-alikes that are not pupils.

Rows run through the real Checker (real spaCy model, real SQLite roster from
tests/fixtures/roster.csv). Each row lists what must be found as
(surface, code, pupils); `[]` means nothing pupil-related may be found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.text.conftest import pupil_findings

AMELIA_S, AMELIA_O = "T100000000001", "T100000000002"
OLLIE, ZOE, GRACE, SUMMER, HOPE, WILL = (f"T1000000000{i:02d}" for i in (3, 4, 5, 6, 7, 8))
JACK, SEREN, ROSE, THEO, FREYA, SEB, NIAMH, HARRY, STAR, RIVER, ABENA, KACPER, HENRY, MAX, DAISY = (
    f"T1000000000{i:02d}" for i in range(9, 24)
)

MUST_MATCH = [
    # forms of a name
    ("Well done Ollie!", [("Ollie", "pupil.named", {OLLIE})]),
    ("Oliver read beautifully.", [("Oliver", "pupil.named", {OLLIE})]),
    ("Congratulations to Oliver Pembridge.", [("Oliver Pembridge", "pupil.full_name", {OLLIE})]),
    ("Ollie Pembridge won.", [("Ollie Pembridge", "pupil.full_name", {OLLIE})]),
    ("Zoë's painting won.", [("Zoë", "pupil.named", {ZOE})]),
    ("Zoe’s painting won.", [("Zoe", "pupil.named", {ZOE})]),
    ("well done zoe", [("zoe", "pupil.named", {ZOE})]),
    ("KACPER SCORED TWICE", [("KACPER", "pupil.named", {KACPER})]),
    ("Kacper Wisniewski scored.", [("Kacper Wisniewski", "pupil.full_name", {KACPER})]),
    ("Well done Niamh O’Sullivan", [("Niamh O’Sullivan", "pupil.full_name", {NIAMH})]),
    # hashtags, emoji, invisible and look-alike characters, typos
    ("#WellDoneOllie 🎉", [("Ollie", "pupil.named", {OLLIE})]),
    ("#StarOfTheWeek_Kacper", [("Kacper", "pupil.named", {KACPER})]),
    ("#welldonekacper", [("kacper", "pupil.named", {KACPER})]),
    ("🌟Kacper🌟 was amazing", [("Kacper", "pupil.named", {KACPER})]),
    ("Well done Kac\u200bper!", [("Kac\u200bper", "pupil.named", {KACPER})]),
    ("Well done \u041ellie!", [("\u041ellie", "pupil.named", {OLLIE})]),  # Cyrillic O in Ollie
    ("Sebastain made a model.", [("Sebastain", "pupil.named", {SEB})]),
    # ambiguity, initials, consent
    ("Amelia sang a solo.", [("Amelia", "pupil.no_consent", {AMELIA_S, AMELIA_O})]),
    ("Amelia S. sang a solo.", [("Amelia S.", "pupil.no_consent", {AMELIA_S})]),
    ("Amelia O sang a solo.", [("Amelia O", "pupil.named", {AMELIA_O})]),
    (
        "Amelia Okafor-Reid won! Amelia read her poem.",
        [("Amelia Okafor-Reid", "pupil.full_name", {AMELIA_O}), ("Amelia", "pupil.named", {AMELIA_O})],
    ),
    ("Freya won the race.", [("Freya", "pupil.no_consent", {FREYA})]),
    ("Daisy planted bulbs.", [("Daisy", "pupil.no_consent", {DAISY})]),
    ("Daisy’s mum says thank you.", [("Daisy", "pupil.no_consent", {DAISY})]),
    ("Daisy and her hamster escaped again!", [("Daisy", "pupil.no_consent", {DAISY})]),
    ("Rose and the Year 3 team won.", [("Rose", "pupil.named", {ROSE})]),
    ("Well done to June for her speech.", [("June", "pupil.named", {"T100000000024"})]),
    # names that are also words, in context
    ("Grace read her poem to the class.", [("Grace", "pupil.named", {GRACE})]),
    ("Congratulations to Will! Will swam 1km.", [("Will", "pupil.named", {WILL}), ("Will", "pupil.named", {WILL})]),
    ("Hope found a shrimp in the river.", [("Hope", "pupil.named", {HOPE})]),
    ("Swimmer of the week: Hope!", [("Hope", "pupil.named", {HOPE})]),
    ("Well done to Summer for her painting.", [("Summer", "pupil.named", {SUMMER})]),
    (
        "Prizes went to Theo, Rose and Summer.",
        [("Theo", "pupil.named", {THEO}), ("Rose", "pupil.named", {ROSE}), ("Summer", "pupil.named", {SUMMER})],
    ),
    ("The Baker twins led the assembly.", [("Baker", "pupil.full_name", {JACK, SEREN})]),
    ("Thank you to Jack for helping.", [("Jack", "pupil.named", {JACK})]),
    ("Cheering everyone on was max, who never gave up.", [("max", "pupil.named", {MAX})]),
    ("and to hope, who cheered everyone on", [("hope", "pupil.named", {HOPE})]),
    # a bare count noun as a subject is a name; named as something is a pupil chosen
    (
        "Seren was Mary and daisy was a shepherd.",
        [("Seren", "pupil.named", {SEREN}), ("daisy", "pupil.no_consent", {DAISY})],
    ),
    ("We have named Daisy as our Star of the Week.", [("Daisy", "pupil.no_consent", {DAISY})]),
    # NER takes the emoji into an "organisation" ("🐦 Hope"): the name is still read
    (
        "Our nursery children have been busy making bird feeders for the school garden 🐦 Hope said the robins"
        " would have a party.",
        [("Hope", "pupil.named", {HOPE})],
    ),
    ("Daisy and Rose are in the final.", [("Daisy", "pupil.no_consent", {DAISY}), ("Rose", "pupil.named", {ROSE})]),
    # a word-name's possessive before a noun at the start of a sentence is the pupil's
    ("Daisy's painting won first prize.", [("Daisy", "pupil.no_consent", {DAISY})]),
    # a typo of a name on its own is still read
    ("Wiliam read his poem.", [("Wiliam", "pupil.named", {WILL})]),
    ("Congratulations to Will Thorne on his award.", [("Will Thorne", "pupil.full_name", {WILL})]),
    ("well done will thorne", [("will thorne", "pupil.full_name", {WILL})]),
    # a visitor from an organisation whose name a pupil without consent shares: asked about, never passed
    ("Thanks to Amelia from the Woodland Trust for the trees.", [("Amelia", "pupil.unsure", {AMELIA_S, AMELIA_O})]),
    ("Amelia from the Year 4 team read a poem.", [("Amelia", "pupil.no_consent", {AMELIA_S})]),
]

MUST_NOT_MATCH = [
    "The hamster, Daisy, escaped again!",
    "Daisy the hamster escaped again!",
    "Max the dog visited Class 4B.",
    "Summer and the holidays are nearly here!",
    "Summer term starts on Monday.",
    "Grace, hope and friendship are our school values.",
    "We will see you all on Friday.",
    "We hope you have a lovely break.",
    "The Summer Fair raised £300.",
    "Star of the Week certificates go home today.",
    "We walked along the River Mole.",
    "Our baker made bread for the harvest festival.",
    "Please keep the green bins clear.",
    "A little rain never stopped us.",
    "Thank you to Mrs Green for leading the Eco-Council.",
    "Miss Rose will explain how we teach phonics.",
    "Thank you to Kwame’s mum, Abena, who read a story.",
    "He finished a Harry Potter book.",
    "He made a very convincing Henry VIII.",
    'Our play "Jack and the Beanstalk" was a hit.',
    "Arthur played Jack in the play.",
    'The class fish will be called "River".',
    "Email us at oliver.office@example.org for details.",
    "The rose garden is in bloom.",
    "Max 30 children per session.",
    "Sports Day will be held in June.",
    "A message from the Head: Grace and courage are what we saw today.",
    "The trip is on 12th June.",
    "We found a hamster and named it Daisy.",
    "We made a daisy chain, and daisy was everywhere on the field.",
    "Thank you to Rose from the Samaritans, who led our assembly.",
    "Daisy are top of the league again!",
    "Thank you to Abena (granny of two of our Year 2s) for knitting.",
    # a first name and an s is a surname, not a typo (pupil William); a surname straight after a first name
    "Congratulations to Ruby Williams on her award.",
    "Williams led the team out.",
    "Thanks to Anna Rosie for the flowers.",
    # a lower-case word-name does not start a full name (pupil Will Thorne)
    "If you are free, will Thorne Road parents please collect from the side gate.",
    # a longer, hyphenated surname than the pupil's (all of the name consented): someone else
    "Well done to Theo Green-Hughes for his painting.",
]


@pytest.mark.parametrize("text,expected", MUST_MATCH, ids=[t for t, _ in MUST_MATCH])
def test_pupil_name_found(roster_checker, text, expected):
    assert pupil_findings(roster_checker, text) == expected


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_not_a_pupil(roster_checker, text):
    assert pupil_findings(roster_checker, text) == []


def test_full_name_blocks_when_the_post_has_photos(roster_checker, tmp_path):
    from PIL import Image

    from postguard.checker import ImageInput

    text = "Theo Green won the cup."
    assert roster_checker.check(text).verdict == "warn"
    # Any photo will do: the rule is "no full names beside photos", whoever is in them.
    photo = tmp_path / "cup.png"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(photo)
    result = roster_checker.check(text, [ImageInput(name="cup.png", path=photo)])
    name_findings = [f for f in result.findings if f.code.startswith("pupil.")]
    assert [(f.code, f.severity) for f in name_findings] == [("pupil.full_name", "block")]
    assert result.verdict == "block" and "photo" in name_findings[0].message


def test_no_publish_pupil_message_says_so(roster_checker):
    [finding] = roster_checker.check("Freya won the race.").findings
    assert "No Publish" in finding.message and finding.policy.startswith("Social Media Policy")


def test_ambiguous_name_explains_how_to_tell_pupils_apart(roster_checker):
    [finding] = roster_checker.check("Amelia sang a solo.").findings
    assert "2 pupils" in finding.message and "Amelia O." in finding.message


@pytest.mark.parametrize(
    "text, found",
    [
        ("Year 1 came dressed as Paddingtons.", "Paddingtons"),
        ("We read Paddington’s adventures.", "Paddington’s"),
        ("A Harry Potter book.", "Harry Potter"),
        ("Paddingtonia is not a character.", None),
    ],
)
def test_known_non_pupil_names_match_their_plural_and_possessive(text, found):
    from postguard.text.lexicon import Lexicon
    from postguard.text.patterns import PatternData

    nlp_models = Path(__file__).resolve().parents[2] / "nlp_models"
    match = Lexicon.load(PatternData(nlp_models)).non_pupil_re.search(text)
    assert (match.group(0) if match else None) == found
