import pytest

from postguard.text.recognizers.handle import HandleRecognizer

RECOGNIZER = HandleRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "[Summer] has her own art account where she shares her paintings (@summer.paints.art)"
            " – with her mum's permission",
            ["@summer.paints.art"],
        ),
        ("Follow [Max] on TikTok @maxplayschess!", ["@maxplayschess"]),
        ("Follow [Omar]'s football journey on TikTok: omar_kicks", ["omar_kicks"]),
        ("[Omar]'s Snapchat is omar.a.2015", ["omar.a.2015"]),
        ("[Omar]'s YouTube channel: OmarPlays2015", ["OmarPlays2015"]),
        ("Her channel is @Lily_G_dances.", ["@Lily_G_dances"]),
        ("see instagram.com/ella.bakes for her cakes", ["instagram.com/ella.bakes"]),
        ("see [Jayden] skate at https://www.tiktok.com/@jayden.skates", ["https://www.tiktok.com/@jayden.skates"]),
        ("Do visit her mum's bakery @bakesbysarah", ["@bakesbysarah"]),
        ("Thanks to {Sarah Jones} (@sarahjonesart) for the workshop", ["@sarahjonesart"]),
        # must not match
        ("email her mum at darcie.lucas.mum@example.co.uk", []),
        ("Follow us @RiversidePrimary for more news", []),
        ("Follow our school page @riverside_primary", []),
        ("Meet @3pm by the gate", []),
        ("[Omar] said: follow us on Instagram for more photos", []),
        ("[Omar] loves TikTok dances and Snapchat filters", []),
        ("[Omar] knows Snapchat is for 13s and over", []),
        ("[Omar] ran the stall. Follow our school on Instagram: meadowbank_school", []),
        ("Meet @ the gate", []),
        ("Scores @ 10", []),
        ("user@@example", []),
        ("Reminder @everyone: PE kit tomorrow", []),
        ("@followers please share", []),
        ("Follow the Friends of Riverside on Instagram @friendsofriverside for updates!", []),
        ("A huge thank you to @DorkingHalls for hosting our concert!", []),
    ],
)
def test_handle(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected
