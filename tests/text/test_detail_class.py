import pytest

from postguard.text.recognizers.class_year import ClassYearRecognizer

RECOGNIZER = ClassYearRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shout out to ⭐[Segun]⭐ who has been an absolute star in Class 4B this week", ["Class 4B"]),
        ("[Grace] brought in cupcakes for Class 4T and we sang", ["Class 4T"]),
        ("[Daisy] and [Rose] from Class 2H planted daisies", ["Class 2H"]),
        (
            "Reading raffle winners: [Oliver] (Class 2H), [Lily G] (Class 3L) and [Summer] (Class 6P).",
            ["Class 2H", "Class 3L", "Class 6P"],
        ),
        ("Very proud of [Noah Moore] in Year 6 who wore his new hearing aids", ["Year 6"]),
        ("[Oliver Pratt] in Squirrels is a little bit famous!", ["Squirrels"]),
        ("Dear parents of Class 5K: [Jayden] has a severe peanut allergy", ["Class 5K"]),
        ("A big well done to [Ruby], [Holly] and [Ella] from 5N who organised a cake sale", ["5N"]),
        (
            "winners are [Isla] (Hedgehogs), [Aria H] (Squirrels), [Charlie] (Year 1) and [Eliza] (Year 2).",
            ["Hedgehogs", "Squirrels", "Year 1", "Year 2"],
        ),
        ("Please welcome [Ladan] to Class 3L! 👋", ["Class 3L"]),
        ("His little sister [Autumn] in Class 3B was very proud", ["Class 3B"]),
        ("Well done [Poppy] in Reception!", ["Reception"]),
        ("Class 4B's [Amelia] won the poetry prize", ["Class 4B"]),
        ("Year 6 pupil [Amelia] won the poetry prize", ["Year 6"]),
        ("[Amelia] (Y6) won", ["Y6"]),
        ("[Max] in class 4b won", ["class 4b"]),
        ("Congratulations to [Amelia], Year 4, for her poem", ["Year 4"]),
        ("[Amelia] – Class 4B – wins this week's prize", ["Class 4B"]),
        ("[Mia] and [Ellie] in Class 4B and Class 5N were chosen", ["Class 4B", "Class 5N"]),
        ('His bag has "[LEO M] – HEDGEHOGS" written on the strap.', ["HEDGEHOGS"]),
        ("A label saying '[Leo] – Class 4B' was on it.", ["Class 4B"]),
        ('The label says "[ISLA H] Hedgehogs". Please collect it.', ["Hedgehogs"]),
        ("Well done [Cameron Johnstone] (P5) on reaching the final", ["P5"]),
        ("[Eilidh] in S3 won the debate", ["S3"]),
        ("[Kofi], our Year 6 captain, lifted the cup", ["Year 6"]),
        ("[Omar] in Post-16 ran the café", ["Post-16"]),
        ("[Omar] in Year 14 ran the café", ["Year 14"]),
        ("[Kofi] (Sixth Form) gave a speech", ["Sixth Form"]),
        ("[Zara] from KS3 won the quiz", ["KS3"]),
        ("Well done to [Omar], a Hedgehogs star pupil!", ["Hedgehogs"]),
        # must not match
        ("Our Year 6 leavers' assembly 🎓 Good luck to all 36 of our wonderful Year 6s", []),
        ("Class 3L have been on a river study. [Hope] found a freshwater shrimp.", []),
        ("Class 2G will really miss you, [Mariam].", []),
        ("[Chloé] picked a bunch of daffodils from her garden for every adult in Class 2G this morning.", []),
        ("[jose] scored a hat-trick for the Riverside Year 6 team on Saturday", []),
        ("⭐ Star of the Week in Hedgehogs ⭐ [Poppy] has been such a kind friend", []),
        ("our Year 3 reading champions for this half term: [Lyla], [Yuxi] and [Musa]", []),
        ("Thank you to [Navya]'s mum, {Priya}, who came in to Class 1R to show the children", []),
        ("A big thank you to [Kwame]'s mum, Abena, who came into Squirrels to read", []),
        ("[Segun] read to the Reception children at lunchtime", []),
        ("We looked for hedgehogs with [Max] in the woods", []),
        ("Please can all Year 3 parents return the permission slip", []),
        ("[Sophie] read it to the whole of Year 4.", []),
        ("[Max] in Year 7-11 clubs", []),
        ("[Max] in Year 15 of his apprenticeship", []),
        ("Well done [Amelia], Year 4 have been amazing too", []),
        ("[Amelia] – Class 4B’s teacher – came too.", []),
        ("Well done [Amelia], our Year 4 class did brilliantly", []),
        ("[Isla] met Hedgehogs class at the gate", []),  # a space alone ties nothing outside a label
        ("[Omar] scored in the P5 game", []),
        ("[Eilidh] says it was Mrs Kelly in P4 who made her want to teach", []),
        ("[Eilidh] thanked Mr. Grant from Class 4B", []),
        ("[Omar] sat paper P1 of the exam", []),
        ("[Omar] gave a speech to the whole Sixth Form", []),
        ("Our Post-16 students ran the café 🥞 [Omar] made pancakes", []),
        ("Thanks [Amelia], the Year 4 team won again", []),
        ("[Wren] fed the lambs 🐑 Thank you to Class 4B for a lovely trip", []),  # an emoji ends a sentence
    ],
)
def test_class(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected


def test_class_hit_names_the_pupils_it_is_about(context):
    ctx = context("A big well done to [Ruby], [Holly] and [Ella] from 5N and [Max] (Class 4B)")
    hits = RECOGNIZER(ctx.patterns, ctx.roster).find(ctx)
    assert [(ctx.text[h.start : h.end], set(h.pupils)) for h in hits] == [
        ("5N", {"UPN-Ruby", "UPN-Holly", "UPN-Ella"}),
        ("Class 4B", {"UPN-Max"}),
    ]
    assert all(h.needs_pupil for h in hits)


def run_on(ctx):
    return RECOGNIZER(ctx.patterns, ctx.roster).find(ctx)


def test_no_pupil_hits_means_no_class_hits(context):
    assert run_on(context("Amelia in Class 4B")) == []
