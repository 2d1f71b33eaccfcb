"""A school unlike the fixture one: classes named after birds and trees that are also first
names (Kestrel, Puffin, Aspen, Ivy, Jay), pupils who share first names, staff who go by short
forms, pets and plays. Rows run through the real Checker on tests/fixtures/roster_words.csv.

Each MUST_MATCH row lists every pupil finding (surface, code, pupils); MUST_NOT_MATCH rows must
give no pupil finding at all. The rules behind them are general (roster reg groups, role and
animal nouns, one sense per post), none keyed to a row.
"""

from __future__ import annotations

import pytest
from tests.text.conftest import pupil_findings

ESME_K, ESME_J, OMAR, FINN, IVY, ASPEN, JAY, JADEN, HOPE, SAM, PAT, BEV, DEE, KOFI, WILLOW = (
    f"W2000000000{i:02d}" for i in range(1, 16)
)
PIPPA, ISABEL, AUTUMN, OLA, ZAC, KAI, MARCUS, GEORGIA, JULIET, ARJUN_D, ARJUN_S = (
    f"W2000000000{i:02d}" for i in range(16, 27)
)
SKYE, LEWIS, IBRAHIM = (f"W2000000000{i:02d}" for i in range(28, 31))
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
    ),  # a word-name that is also a class name, with its own class in brackets, is a pupil
    ("Congratulations to Jay (Kestrel) on his certificate!", [("Jay", NO_CONSENT, {JAY})]),
    # a label described after the quotation is read for names ("... written on the strap")
    ('They have "ESME K – KESTREL" written on the strap.', [("ESME K", NAMED, {ESME_K})]),
    # an adult's first name again in the adult's own clause is someone else, so a pupil: the adult would
    # be "herself" there (never carried to the adult, never only asked about)
    ("Firefighter Sam Greene visited Ivy class and let Sam sit in the cab.", [("Sam", NO_CONSENT, {SAM})]),
    ("Our visitor Kofi Boateng let Kofi hold the drum.", [("Kofi", NAMED, {KOFI})]),
    ("Ms Greene helped Sam with his reading.", [("Sam", NO_CONSENT, {SAM})]),
    ("Our Kestrel class teacher Ms Greene helped Sam with his reading.", [("Sam", NO_CONSENT, {SAM})]),
    # staff named only by title and surname carry to a later first name only where the post's classes fit no
    # pupil of it (pupil Sam is in Ivy): "Ms Greene ... Sam" is otherwise the pupil
    ("Our Ivy class teacher Ms Greene won an award. Sam has taught here for ten years.", [("Sam", NO_CONSENT, {SAM})]),
    ("Ms Greene won an award. Sam has taught here for ten years.", [("Sam", NO_CONSENT, {SAM})]),
    ("Ms Greene ran a club for Year 6. Hope made slime.", [("Hope", NO_CONSENT, {HOPE})]),
    # a staff member's first name the post's class fits, or listed with pupils, stays a pupil
    ("Our Kestrel class concert was lovely. Kofi sang a solo.", [("Kofi", NAMED, {KOFI})]),
    ("Kofi sang a solo.", [("Kofi", NAMED, {KOFI})]),
    (
        "Our Puffin class concert was lovely: Omar, Kofi and Finn sang.",
        [("Omar", NAMED, {OMAR}), ("Kofi", NAMED, {KOFI}), ("Finn", NAMED, {FINN})],
    ),
    # "from the" a class or a group of pupils is no organisation
    ("Well done to Sam from the Ivy class team!", [("Sam", NO_CONSENT, {SAM})]),
    ("Well done to Hope from the Juniors!", [("Hope", NO_CONSENT, {HOPE})]),
    ("Well done to Hope from the Brownies!", [("Hope", NO_CONSENT, {HOPE})]),
    ("Well done to Hope from the Chess Club!", [("Hope", NO_CONSENT, {HOPE})]),
    ("Well done to Hope from the School Council!", [("Hope", NO_CONSENT, {HOPE})]),
    # "named" before a name that is then given a role: the pupil chosen, not a pet's name
    ("We have named Willow as our Star of the Week.", [("Willow", NO_CONSENT, {WILLOW})]),
    # a word-name that is a count noun, bare after "and" as a subject, is a name; an abstract one is not
    ("Kofi was Joseph and jay was a shepherd.", [("Kofi", NAMED, {KOFI}), ("jay", NO_CONSENT, {JAY})]),
    ("Kofi was Joseph and hope was in the air.", [("Kofi", NAMED, {KOFI})]),
    ("Kofi fed the jay, and jay flew off.", [("Kofi", NAMED, {KOFI})]),
    ("Kofi was Joseph. jay was everywhere in the garden.", [("Kofi", NAMED, {KOFI})]),
    # names joined by "and" take a plural verb; a house heading before pupils' full names is no pupil
    ("Omar and Kofi are in the final.", [("Omar", NAMED, {OMAR}), ("Kofi", NAMED, {KOFI})]),
    (
        "Our new House Captains! Hope: Omar Ali and Finn Doyle.",
        [("Omar Ali", "pupil.full_name", {OMAR}), ("Finn Doyle", "pupil.full_name", {FINN})],
    ),
    # surnames alone in a list with a pupil named for sure, goals in brackets between
    (
        "Goals: Finn Doyle (2), Ali, Mensah.",
        [
            ("Finn Doyle", "pupil.full_name", {FINN}),
            ("Ali", "pupil.full_name", {OMAR}),
            ("Mensah", "pupil.full_name", {KOFI}),
        ],
    ),
    # a word-name spoken to, or after an emoji NER took into an organisation's name
    ("Hope, you are a star!", [("Hope", NO_CONSENT, {HOPE})]),
    (
        "Our nursery children have been busy making bird feeders for the school garden 🐦 Hope said the robins"
        " would have a party.",
        [("Hope", NO_CONSENT, {HOPE})],
    ),
    # a quotation holding one of the school's classes is a label ("on the handle"), read for names
    ('A scooter with "Esme Jones Puffin" on the handle was found.', [("Esme Jones", NO_CONSENT, {ESME_J})]),
    # a full name before "and the ..." is a person, not a title like "Jack and the Beanstalk"
    (
        "The Address was read by Omar Ali and the Toast by Finn.",
        [("Omar Ali", "pupil.full_name", {OMAR}), ("Finn", NAMED, {FINN})],
    ),
    # a staff-only first name beside a pupil without consent does not let the pupil out
    ("Thank you to Marcus, Grace and the whole staff team.", [("Marcus", NO_CONSENT, {MARCUS})]),
    # a word-name starting a sentence: a verb right after it (by the tagger), "from" a place, is a person
    ("Hope uses a wheelchair and led the parade.", [("Hope", NO_CONSENT, {HOPE})]),
    ("Hope loves her new reading book.", [("Hope", NO_CONSENT, {HOPE})]),
    ("Hope enjoying the sunshine!", [("Hope", NO_CONSENT, {HOPE})]),
    ("Hope will be walking home alone from next week.", [("Hope", NO_CONSENT, {HOPE})]),
    ("Hope, our Year 6 rep, spoke at the fun run.", [("Hope", NO_CONSENT, {HOPE})]),
    ("Hope – our star of the week!", [("Hope", NO_CONSENT, {HOPE})]),
    ("HOPE WE ARE SO PROUD OF YOU! Hope won the final.", [("HOPE", NO_CONSENT, {HOPE}), ("Hope", NO_CONSENT, {HOPE})]),
    # ...and the verb is not made a name by the name later in the post
    ("Hope you have all had a great summer. Hope finished her book.", [("Hope", NO_CONSENT, {HOPE})]),
    ("Hope from Bryn Terrace collected the most litter.", [("Hope", NO_CONSENT, {HOPE})]),
    ("Well done to Hope from Glenbervie Primary!", [("Hope", NO_CONSENT, {HOPE})]),
    ("Well done to Hope from Westfield Rugby Club!", [("Hope", NO_CONSENT, {HOPE})]),
    # a first name and initial, or a full name, alone in quotes is a name, not a title
    ('The winning entry was by "Ibrahim Y." in Year 5.', [("Ibrahim Y.", NO_CONSENT, {IBRAHIM})]),
    ('The winner was "Ibrahim Yusuf".', [("Ibrahim Yusuf", NO_CONSENT, {IBRAHIM})]),
    # a team captain by first name (an adult would have a surname)
    ("Captain Ibrahim led the team out.", [("Ibrahim", NO_CONSENT, {IBRAHIM})]),
    ("Well done to our captain, Skye!", [("Skye", NO_CONSENT, {SKYE})]),
    # a name that is also a place is the pupil unless a travel word comes before it
    ("The prize went to Skye.", [("Skye", NO_CONSENT, {SKYE})]),
    ("Thank you to Skye for organising our trip.", [("Skye", NO_CONSENT, {SKYE})]),
    ("Toffee the dog went on a visit to Skye's class.", [("Skye", NO_CONSENT, {SKYE})]),
    # an award is no adult role
    ("Kai, our man of the match, scored twice.", [("Kai", NAMED, {KAI})]),
    # a surname standing alone after a label colon is the winner
    ("Player of the match: Patel!", [("Patel", NO_CONSENT, {JAY})]),
    ("Congratulations to Hope, a remarkable young woman, on her award.", [("Hope", NO_CONSENT, {HOPE})]),
    ("Hope, our teacher's pet in Year 6, read a poem.", [("Hope", NO_CONSENT, {HOPE})]),
    # a pupils' team after a staff first name is no staff team
    ("Sam and the netball team won the cup.", [("Sam", NO_CONSENT, {SAM})]),
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
    # a staff member named by title and surname, then by first name, where the post's class fits no pupil of
    # that name (the staff list's Ms Samantha Greene goes by Sam; pupil Sam is in Ivy)
    "Our Kestrel class teacher Ms Greene won an award. Sam has taught here for ten years.",
    "Our Kestrel class teacher Ms Greene won an award. Sam has worked at Woodland for nine years.",
    "Thank you to our Puffin class teacher Ms Greene: Sam retires this summer.",
    # a staff member's first name alone where the post's class fits no pupil of it, all of whom have consent
    "Our Puffin class concert was lovely. Kofi says it was the best yet.",
    # a visitor from an organisation, where every pupil of that name has consent
    "Thank you to Kofi from the Samaritans, who led our assembly.",
    "Kofi from the Cystic Fibrosis Trust visited Year 6.",
    # an animal or thing named by the pupils
    "Ivy class found a snail and named it Willow.",
    # houses and teams: a plural verb after a name standing alone; scores or headings in a post about houses
    "Willow are out in front this term.",
    "House points are in: Hope 377, Willow 369 and Marcus 350.",
    # places and things named after people
    "We learned all about the Isle of Hope.",
    "Tickets for our Mensah supper are on sale.",
    "We watched the Golden Hope sail into the harbour.",
    # adults: a role in brackets, a titled adult named in full and then by first name (all of that name consented),
    # a first name listed beside a first name only staff have
    "Thank you to Hope (granny of two of our Year 2s) for knitting.",
    "Dr Kofi Adeyemi visited Year 6. Kofi showed us a weather balloon.",
    "Thank you to Kofi, Grace and the whole staff team.",
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
    # a word-name starting a sentence as the verb or in a list of words
    "Hope you all have a lovely break.",
    "Hope to see you all at the fair!",
    "Hope everyone has a lovely half term.",
    "Hope all is well with everyone.",
    "Hope for a sunny day tomorrow!",
    "Hope, joy and peace to all our families this Christmas.",
    "Hope, kindness and friendship are our school values.",
    # a visitor: a role after "the", ending before "from"; a club or firm after "from" (all of the name consented)
    "Kai the lifeboat man from RNLI Montrose visited Puffin class.",
    "Thank you to Pat, our dinner lady, for the cakes.",
    # ...but not a surname after a colon with more after it
    "Venue: Patel Hall, Church Lane.",
    "Thanks to Kofi from Brightwater Boats for the coaching.",
    # a staff first name before "and the <part of the school> team" (every pupil of the name consented)
    "Kofi and the kitchen team made a Burns supper.",
    # a place: a travel word and a preposition before it (every pupil of the name consented)
    "We loved our trip to Kai on the boat.",
]


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
    ("Firefighter Sam Greene visited Ivy class. Sam let us sit in the cab.", "Sam", {SAM}),
    ("Marcus Webb retires today and Marcus says he will miss us.", "Marcus", {MARCUS}),
    # staff named by title and surname, the post's class fitting no pupil of the name, but nothing after the name
    # that only fits an adult: a pupil without consent is asked about, never dropped
    ("Ms Greene took Kestrel class swimming. Sam swam a width!", "Sam", {SAM}),
    ("Our Kestrel class teacher Ms Greene won an award. Sam taught us a song.", "Sam", {SAM}),
    ("Our Kestrel class teacher Ms Greene won an award. Sam worked hard for it.", "Sam", {SAM}),
    # a visitor from an organisation ("from the Samaritans", "the Fire Service")
    ("A huge thank you to Sam from the Samaritans, who led a workshop.", "Sam", {SAM}),
    ("Thank you to Hope from the Fire Service for visiting Year 2.", "Hope", {HOPE}),
    ("Dr Willow Adeyemi visited Year 6. Willow showed us a weather balloon.", "Willow", {WILLOW}),
    ("Thanks to Hope from Deeside Camanachd, who coached the team.", "Hope", {HOPE}),
    # a place after a travel word ("trip to Skye"), or in a list of such places
    ("Our P6 trip to Skye was amazing.", "Skye", {SKYE}),
    ("The trip to Lewis and Harris is booked for June.", "Lewis", {LEWIS}),
    ("Our residential on Skye starts on Monday.", "Skye", {SKYE}),
    # a word-name starting a sentence with nothing after it that says name or verb
    ("Hope in the garden today.", "Hope", {HOPE}),
    # a team captain's first name that a member of staff also has
    ("Captain Sam led the team out.", "Sam", {SAM}),
    # a longer, hyphenated surname than the pupil's: someone else, or the pupil by a surname the school does not hold
    ("Esme Jones-Smith sang a solo.", "Esme Jones", {ESME_J}),
    # a staff first name before "and the <part of the school> team"
    ("Sam and the office team are now keeping a bird diary.", "Sam", {SAM}),
    # a staff first name alone with a class that fits no pupil of it is too little to let out a pupil without
    # consent, and too much to block on (staff Marcus Webb; pupil Marcus is in Ivy): asked about
    ("Our Kestrel class concert was lovely. Marcus says it was the best yet.", "Marcus", {MARCUS}),
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


@pytest.mark.parametrize(
    "text,why",
    [
        ("Marcus Webb retires today and Marcus says he will miss us.", "mentioned earlier in this post"),
        ("A huge thank you to Sam from the Samaritans, who led a workshop.", "visitor from the organisation"),
        ("Our P6 trip to Skye was amazing.", "the place of that name"),
        ("Hope in the garden today.", "ordinary word"),
    ],
)
def test_an_unsure_name_says_why_it_may_be_someone_else(words_checker, text, why):
    [unsure] = [f for f in words_checker.check(text).findings if f.code == "pupil.unsure"]
    assert why in unsure.message and "no consent to be named" in unsure.message
