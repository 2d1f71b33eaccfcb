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
