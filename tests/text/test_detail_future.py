import pytest

from postguard.text.recognizers.future import FutureRecognizer

RECOGNIZER = FutureRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Our KS2 choir will be singing at the Dorking Christmas Lights switch-on on Friday 28th November at "
            "5:30pm at Pump Corner.",
            ["at the Dorking Christmas Lights switch-on on Friday 28th November at 5:30pm at Pump Corner"],
        ),
        (
            '[Renée] will be performing in "The Nutcracker" at the Dorking Halls on Saturday 13th December at 2pm.',
            ["at the Dorking Halls on Saturday 13th December at 2pm"],
        ),
        (
            "Our Year 5 trip to the Science Museum will leave on Friday 6th March at 8:15am from the Pixham Lane gate.",
            ["the Science Museum will leave on Friday 6th March at 8:15am from the Pixham Lane gate"],
        ),
        (
            "[Faith] will read her poem at the awards ceremony on Saturday 7th March at 2pm at Guildford Cathedral.",
            ["on Saturday 7th March at 2pm at Guildford Cathedral"],
        ),
        (
            "We are going to be at Dorking Leisure Centre on Saturday at 10am!",
            ["at Dorking Leisure Centre on Saturday at 10am"],
        ),
        ("The team will meet tomorrow at the park.", ["tomorrow at the park"]),
        # a meeting or collection point at the school's own buildings, at a stated time
        ("Groups meet at 7am on Saturday outside the sports hall.", ["at 7am on Saturday outside the sports hall"]),
        ("Trip to the zoo on Friday 🦁 Meet at the coach park at 8am.", ["on Friday 🦁 Meet at the coach park at 8am"]),
        (
            "Good luck to [Storm], who is swimming in Aberdeen on Sunday 8th February at the Aquatics Centre!",
            ["on Sunday 8th February at the Aquatics Centre"],
        ),
        (
            "The minibus will collect Harry from the Co-op car park at 7.30 tomorrow.",
            ["from the Co-op car park at 7.30 tomorrow"],
        ),
        (
            "Please collect your children from outside the sports hall at 9pm on Friday.",
            ["outside the sports hall at 9pm on Friday"],
        ),
        (
            "The coach will return to the school car park at about 6:30pm tonight.",
            ["the school car park at about 6:30pm tonight"],
        ),
        (
            "The ski trip will meet outside the main reception at 5am on Saturday.",
            ["outside the main reception at 5am on Saturday"],
        ),
        ("We met outside the sports hall at 7am on Saturday and had a brilliant day.", []),  # the past
        ("The parents' coffee morning is every Friday at 9am in the hall.", []),  # adults, inside school
        ("Swimmers: Thursday 4th June, 9am, Guildford Lido", []),  # list without "at": not a chain
        (
            "Year 2 will visit the Horniman Museum on Friday 13th March, leaving school at 9am.",
            ["the Horniman Museum on Friday 13th March, leaving school at 9am"],
        ),
        ("The Year 3 trip to Wisley is on Thursday.", ["Wisley is on Thursday"]),
        ("Come and cheer [Max] on next Sunday at Reigate Priory Park", ["on next Sunday at Reigate Priory Park"]),
        (
            "The coach will leave at 8am from Station Road and return at 5pm.",
            ["at 8am from Station Road and return at 5pm"],
        ),
        # must not match
        ("Don't forget: PE kit in school tomorrow! 👟", []),
        ("Our harvest assembly will be held in the school hall on Thursday at 2pm.", []),
        ("Our PTA AGM will be held on Thursday 25th September at 7pm at the Dorking Arms.", []),
        (
            "[Ciarán] and [Lola] represented Riverside at the Mole Valley Cross Country finals at Denbies on Saturday.",
            [],
        ),
        ("[Max] won the chess tournament at Reigate Grammar School on Saturday.", []),
        ("We will be cheering him on at the Surrey Schools Gala in March!", []),
        ("He will be helping to plan a new wildlife trail at Nower Wood this summer", []),
        ("Sibling photos will be taken at 8:30am in the hall for any families.", []),
        ("After-school clubs start again on Monday 12th January.", []),
        ("The KS2 Christmas concert has been moved to Tuesday 16th December at 6pm.", []),
        ("Our PTA Christmas Fair is on Saturday 6th December from 12–3pm", []),
        ("The school office is now open from 8:15am to 4pm.", []),
        ("Cakes will be sold at 2.50 each on Friday", []),  # a price, and no place
        ("Good luck to [Storm], who swam at the Aquatics Centre last Sunday", []),  # the past
        ("Please come and collect your very tired children from the coach park at 3:30pm.", []),
        ("We break up for Christmas on Friday 19th December at 2pm.", []),
        ("Last Saturday at 2pm we went to Box Hill.", []),
        ("Sports Day will be at school on Friday at 1pm", []),
    ],
)
def test_future(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected
