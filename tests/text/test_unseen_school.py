"""A school unlike the fixture one: classes named after birds and trees that are also first
names (Kestrel, Puffin, Aspen, Ivy, Jay), pupils who share first names, staff who go by short
forms, pets and plays. Rows run through the real Checker on tests/fixtures/roster_words.csv.

Each MUST_MATCH row lists every pupil finding (surface, code, pupils); MUST_NOT_MATCH rows must
give no pupil finding at all. The rules behind them are general (roster reg groups, role and
animal nouns, one sense per post), none keyed to a row.
"""

from __future__ import annotations

import pytest

ESME_K, ESME_J, OMAR, FINN, IVY, ASPEN, JAY, JADEN, HOPE, SAM, PAT, BEV, DEE, KOFI, WILLOW = (
    f"W2000000000{i:02d}" for i in range(1, 16)
)
PIPPA, ISABEL, AUTUMN, OLA, ZAC, KAI, MARCUS, GEORGIA, JULIET, ARJUN_D, ARJUN_S = (
    f"W2000000000{i:02d}" for i in range(16, 27)
)
NO_CONSENT, NAMED = "pupil.no_consent", "pupil.named"

MUST_MATCH = [
    # shared first names: the class or year the post names, beside the name or in the post
    ("Esme in Kestrel class read her poem.", [("Esme", NAMED, {ESME_K})]),
    ("Esme in Puffin class read her poem.", [("Esme", NO_CONSENT, {ESME_J})]),
    ("Congratulations to Esme (Kestrel)!", [("Esme", NAMED, {ESME_K})]),
    (
        "Well done to our Puffin spellers: Omar, Esme and Finn.",
        [("Omar", NAMED, {OMAR}), ("Esme", NO_CONSENT, {ESME_J}), ("Finn", NAMED, {FINN})],
    ),
    ("Our Year 6 team: Arjun and Kofi reached the final.", [("Arjun", NAMED, {ARJUN_D}), ("Kofi", NAMED, {KOFI})]),
    ("Our Year 3 readers: Arjun and Jaden.", [("Arjun", NO_CONSENT, {ARJUN_S}), ("Jaden", NAMED, {JADEN})]),
    ("Esme K. read her poem.", [("Esme K.", NAMED, {ESME_K})]),
    ("Captain Esme K led from the front.", [("Esme K", NAMED, {ESME_K})]),
    # ...and when nothing tells them apart, every candidate stays (and a pupil without consent blocks)
    ("Esme read her poem.", [("Esme", NO_CONSENT, {ESME_K, ESME_J})]),
    ("Esme (Owl group) read her poem.", [("Esme", NO_CONSENT, {ESME_K, ESME_J})]),
    ("Arjun read a poem.", [("Arjun", NO_CONSENT, {ARJUN_D, ARJUN_S})]),
    # a class name that is also a first name is a pupil where nothing says "class"
    ("Ivy won the spelling bee.", [("Ivy", NO_CONSENT, {IVY})]),
    ("Aspen's poem won the prize.", [("Aspen", NO_CONSENT, {ASPEN})]),
    ("Thanks to Jay for helping.", [("Jay", NO_CONSENT, {JAY})]),
    ("Ivy and Jaden won the relay.", [("Ivy", NO_CONSENT, {IVY}), ("Jaden", NAMED, {JADEN})]),
    ("Congratulations to Jaden (Aspen)!", [("Jaden", NAMED, {JADEN})]),
    # pupils beside adults, pets and plays
    ("Thank you Sam for running the club.", [("Sam", NO_CONSENT, {SAM})]),  # staff Sam or pupil Sam: ask
    ("Thanks to Sam, her mum and her gran for the cakes.", [("Sam", NO_CONSENT, {SAM})]),
    ("Toffee the reading dog visited Willow's class.", [("Willow", NO_CONSENT, {WILLOW})]),
    ("Hope walked the school dog round the field.", [("Hope", NO_CONSENT, {HOPE})]),
    ("Kofi played the Innkeeper and Willow was Mary.", [("Kofi", NAMED, {KOFI}), ("Willow", NO_CONSENT, {WILLOW})]),
    ("The amazing Juliet sang a solo.", [("Juliet", NO_CONSENT, {JULIET})]),
    ("Marcus sang a solo.", [("Marcus", NO_CONSENT, {MARCUS})]),
    ("Sam in the Sensory Room had a lovely time.", [("Sam", NO_CONSENT, {SAM})]),  # staff Sam works elsewhere
    ("Georgia, our head girl, gave a speech.", [("Georgia", NAMED, {GEORGIA})]),
    ("Kai, our fish monitor, fed them today.", [("Kai", NAMED, {KAI})]),
    ("What a happy Juliet today at the farm!", [("Juliet", NO_CONSENT, {JULIET})]),
    # misses: typos, capitals, lower case confirmed elsewhere, lists of word-names
    ("Pipa read her poem.", [("Pipa", NO_CONSENT, {PIPPA})]),
    ("Isbael read her poem beautifully.", [("Isbael", NO_CONSENT, {ISABEL})]),
    ("HOPE scored the winner!", [("HOPE", NO_CONSENT, {HOPE})]),
    (
        "autumn's painting won! Autumn Blake took first prize.",
        [("autumn", NAMED, {AUTUMN}), ("Autumn Blake", "pupil.full_name", {AUTUMN})],
    ),
    ("Willow in Year 1 planted a tree.", [("Willow", NO_CONSENT, {WILLOW})]),
    # names written on labels and banners are names, not titles
    ('The jar was labelled "Esme K\'s den" by the class.', [("Esme K", NAMED, {ESME_K})]),
    ('A banner saying "Go Hope Ward!" hung in the hall.', [("Hope Ward", NO_CONSENT, {HOPE})]),
    (
        "Hope, Willow and Esme K. baked cakes.",
        [("Hope", NO_CONSENT, {HOPE}), ("Willow", NO_CONSENT, {WILLOW}), ("Esme K.", NAMED, {ESME_K})],
    ),
]

MUST_NOT_MATCH = [
    # class and house names used as classes
    "Ivy and Aspen classes performed at the concert.",
    "We had a lovely time in Jay today.",
    "Our Year 4 Jay form raised £200.",
    "A Deaf Awareness assembly for Kestrel class.",
    "The house results are in: Aspen first, Ivy second and Jay third.",
    # adults with pupils' first names: role nouns before or after, staff short forms, carried in the post
    "Our swimming coach Sam was so proud.",
    "Her riding teacher Pat came to watch.",
    "Thanks to Dee (Amir's mum) for the cakes.",
    "His speech therapist Bev joined us.",
    "Sam Greene ran the PE club.",
    "Thanks to Sam in the PE department for the new kit.",
    "Bev from the office has the forms.",
    "Thanks to Georgia, our Head of English, for the books.",
    "Our play was a triumph, and Mr Fox was a fierce Juliet.",
    # the adult's later bare first name, where every pupil of that name has consent
    "Happy retirement to our site manager Noah Baxter! Noah knows every pipe.",
    "Our visitor Kofi Boateng told us about Ghana. Kofi brought drums.",
    # animals, characters, bands, works
    "Meet Hope, the tortoise, who lives in the library.",
    "Our school tortoise Willow is twelve.",
    "Please welcome our new puppy, Kai, to the PE department.",
    "Our production of Romeo and Juliet played to a packed hall.",
    "Willow and the Wild Things played at the fair.",
    'The staff dressed as characters from "Matilda" for World Book Day.',
    'Our play "Hope and the Willow Tree" was a hit.',
    # words that look like typos of names
    "We won the School Games Gold Mark again.",
    "Well done Omer and Mia!",
]


def pupil_findings(checker, text):
    result = checker.check(text)
    return [(text[f.start : f.end], f.code, set(f.pupils)) for f in result.findings if f.code.startswith("pupil.")]


@pytest.mark.parametrize("text,expected", MUST_MATCH, ids=[t for t, _ in MUST_MATCH])
def test_pupil_found_at_an_unseen_school(words_checker, text, expected):
    assert pupil_findings(words_checker, text) == expected


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_not_a_pupil_at_an_unseen_school(words_checker, text):
    assert pupil_findings(words_checker, text) == []


def details(checker, text):
    return [(f.code, text[f.start : f.end]) for f in checker.check(text).findings if f.code.startswith("detail.")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Congratulations to Esme (Kestrel) and Jaden (Aspen)!",
            [("detail.class", "Kestrel"), ("detail.class", "Aspen")],
        ),
        ("Ola Nowak, 15, has won the county prize.", [("detail.age", "15")]),
        ("Zac (7) won the art prize.", [("detail.age", "7")]),
        (
            "We meet at 7am on Monday outside the sports hall.",
            [("detail.future", "at 7am on Monday outside the sports hall")],
        ),
        ("Esme K. has asthma.", [("detail.health", "asthma")]),
        # a class the roster says the named pupils are in: their group, or them and the rest of it
        ("Well done to our Puffin spelling team – Omar, Finn and Zac – who won the cup.", [("detail.class", "Puffin")]),
        (
            "Well done to Omar and Finn, who ran the stall, and to everyone in Puffin who baked.",
            [("detail.class", "Puffin")],
        ),
        ("Omar baked a cake so that everyone in Puffin could try some.", [("detail.class", "Puffin")]),
        ("Get well soon to Finn from all of Puffin!", [("detail.class", "Puffin")]),
        # not details: goals in a match report, an animal's age, a recurring event, charities, the past
        ("A 3–1 win: Zac (2) and Kai scored.", []),
        ("Our school dog Bear is a two-year-old cockapoo.", []),
        ("The parents' coffee morning is every Friday in the hall.", []),
        ("Well done Esme K. for raising money for the Cystic Fibrosis Trust.", []),
        ("Hope, Willow and Esme K. baked cakes for the Stroke Association.", []),
        ("We met outside the sports hall at 7am on Monday and had a great day.", []),
        # a class in another sentence (an emoji ends one too), or the setting of a relative's visit
        ("Puffin class have been busy in the garden this week 🌼 Omar planted seeds and Finn watered them.", []),
        ("Our Puffin class have been reading a new book. Omar was the tiger.", []),
        ("Omar's grandad made biscuits for our Puffin class baking session.", []),
        ("Well done to Omar and Finn, and to everyone in Kestrel who baked.", []),  # not their class
        ("Omar read his story to everyone in Kestrel.", []),  # not his class
        ("Omar's story was so good that his mum read it to everyone in Puffin.", []),  # someone else did
    ],
)
def test_details_at_an_unseen_school(words_checker, text, expected):
    assert details(words_checker, text) == expected


def test_a_name_told_apart_by_its_class_says_so(words_checker):
    [finding, _] = words_checker.check("Esme in Kestrel class read her poem.").findings
    assert finding.pupils == [ESME_K] and "went by the class or year" in finding.message
    assert "candidates" not in finding.extra


def test_an_ambiguous_name_lists_every_candidate_with_name_and_class(words_checker):
    [finding] = words_checker.check("Esme read her poem.").findings
    assert finding.extra["candidates"] == [
        {"pupil": ESME_K, "name": "Esme Kaur", "class": "Kestrel"},
        {"pupil": ESME_J, "name": "Esme Jones", "class": "Puffin"},
    ]


def test_a_guess_that_rules_out_a_pupil_without_consent_warns_and_asks(words_checker):
    text = "Our Year 6 team: Arjun and Kofi reached the final."
    arjun = words_checker.check(text).findings[0]
    assert (arjun.code, arjun.severity, arjun.pupils) == ("pupil.named", "warn", [ARJUN_D])
    assert [c["pupil"] for c in arjun.extra["candidates"]] == [ARJUN_D, ARJUN_S]
    from postguard.text.resolution import Resolution

    chosen = words_checker.check(text, resolved=[Resolution(arjun.start, arjun.end, ARJUN_S)])
    assert chosen.verdict == "block" and chosen.findings[0].pupils == [ARJUN_S]
    confirmed = words_checker.check(text, resolved=[Resolution(arjun.start, arjun.end, ARJUN_D)])
    assert confirmed.verdict == "info"


# An adult named in full, then the bare first name, which a pupil without consent shares: PostGuard
# cannot tell which is meant, so it warns and asks (pupil.unsure), never a silent pass, never a block.
UNSURE = [
    ("Happy retirement to our site manager Marcus Webb! Marcus knows every pipe.", "Marcus", {MARCUS}),
    ("Congratulations to our former student Juliet Adeyemi. Juliet now studies law.", "Juliet", {JULIET}),
    ("Firefighter Sam Greene visited Ivy class and let Sam sit in the cab.", "Sam", {SAM}),
]


@pytest.mark.parametrize("text,surface,pupils", UNSURE, ids=[t for t, _, _ in UNSURE])
def test_an_adults_name_shared_with_a_pupil_without_consent_warns(words_checker, text, surface, pupils):
    result = words_checker.check(text)
    unsure = [f for f in result.findings if f.code == "pupil.unsure"]
    assert [(text[f.start : f.end], set(f.pupils), f.severity) for f in unsure] == [(surface, pupils, "warn")]
    assert result.verdict == "warn"
    assert {c["pupil"] for c in unsure[0].extra["candidates"]} == pupils
    assert "cannot tell" in unsure[0].message


def test_choosing_the_pupil_for_an_unsure_name_blocks(words_checker):
    text = UNSURE[0][0]
    start = text.rindex("Marcus")
    from postguard.text.resolution import Resolution

    result = words_checker.check(text, resolved=[Resolution(start, start + 6, MARCUS)])
    assert [f.code for f in result.findings if f.code.startswith("pupil.")] == ["pupil.no_consent"]
    assert result.verdict == "block"
