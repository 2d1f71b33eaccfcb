import pytest

from postguard.text.recognizers.address import AddressRecognizer

RECOGNIZER = AddressRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("please drop him round to 22 Mill Lane, Dorking RH4 1LS or call Sarah", ["22 Mill Lane"]),
        ("She lives at 12 Acacia Avenue with her nan", ["12 Acacia Avenue"]),
        ("Return to 7a High St. please", ["7a High St."]),
        ("Flat 3, 41 Station Road", ["Flat 3, 41 Station Road"]),
        ("at 105 St John's Close", ["105 St John's Close"]),
        ("drop it at 9 Nower Wood Drive", ["9 Nower Wood Drive"]),
        ("found at 14 Church lane", ["14 Church lane"]),
        ("He lives on Acacia Avenue, near the shops", ["Acacia Avenue"]),
        ("they have moved to Beech Close", ["Beech Close"]),
        ("[Ivy] and her family have moved to 5 Meadow Way.", ["5 Meadow Way"]),
        ("[Chloé] and her sister have moved house to Beech Avenue.", ["Beech Avenue"]),
        ("[Omar] walks home along Mill Lane every day", ["Mill Lane"]),
        ("[Omar] lives just off Beech Avenue", ["Beech Avenue"]),
        ("[Omar], who lives in the flats on Mill Road, walks to school", ["Mill Road"]),
        ("[Grace] from Bryn Terrace collected the most litter", ["Bryn Terrace"]),
        # must not match
        ("We walked down Pixham Lane to the park", []),
        ("[Grace] from Mill Lane Surgery came to talk", []),
        ("Thanks to the volunteers from Bryn Terrace for the flowers", []),  # no pupil
        ("[Omar] painted the flats on Mill Road for his art project", []),
        ("[Omar] walked to the park along Mill Lane with his class", []),
        ("Please do not park across the driveways on Pixham Lane.", []),
        ("Our Year 5 trip will leave from the Pixham Lane gate at 8:15am", []),
        ("We beat 3 Leith Hill Primary teams", []),
        ("Year 6 Hill Walk is on Friday", []),
        ("We walked 10 minutes down the road", []),
        ("Thank you to 2 Mrs Green fans", []),
        ("Children in Year 3 Road Safety week", []),
        ("We raised £12 Park Run money", []),
    ],
)
def test_address(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected
