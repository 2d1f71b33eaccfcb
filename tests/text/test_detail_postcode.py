import pytest

from postguard.text.recognizers.postcode import PostcodeRecognizer

RECOGNIZER = PostcodeRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("please drop him round to 22 Mill Lane, Dorking RH4 1LS or call", ["RH4 1LS"]),
        ("Send it to SW1A 1AA.", ["SW1A 1AA"]),
        ("Our address is M1 1AE", ["M1 1AE"]),
        ("[Kirsty]'s mum asks: drop it round to 7 Cairn View, Glenbervie AB30 1QT", ["AB30 1QT"]),
        ("[Omar] raised £50 for St Mary's School, Leeds LS1 4AP", ["LS1 4AP"]),  # a pupil named: warn
        ("lives at B33 8TH with her gran", ["B33 8TH"]),
        ("post it to EC1A 1BB!", ["EC1A 1BB"]),
        ("typed in lower case: rh4 1ls", ["rh4 1ls"]),
        ("no space: CR26XH", ["CR26XH"]),
        ("two: GU1 3AA and RH5 6NP", ["GU1 3AA", "RH5 6NP"]),
        # must not match
        ("We live in the RH4 area", []),
        ("Glenbervie Primary School and Nursery, Station Road, Glenbervie AB30 1XY.", []),
        ("Please send replies to Riverside Primary, Mill Lane, RH4 1LS", []),
        ("Class 4B won the quiz", []),
        ("Year 6 did 10 laps", []),
        ("Our Year 2 play is at 2pm", []),
        ("Inward letters C I K M O V are never used: RH4 1CK", []),
        ("a covid19 test, an A1 grade, the M25 motorway", []),
        ("abc12 3de is not a postcode", []),
    ],
)
def test_postcode(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected
