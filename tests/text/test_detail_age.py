import pytest

from postguard.text.recognizers.age import AgeRecognizer

RECOGNIZER = AgeRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        # goals and points in a match report, and an animal's age, are not pupils' ages
        ("A 3–1 win: goals from [Zac] (2) and [Kai].", []),
        ("[Hodan] (16 points) and [Mei] (10) led the comeback in a 42–38 win.", []),
        ("Our school dog is a two-year-old cockapoo.", []),
        ("[Zac] (7) won the art prize.", ["7"]),
        ("Happy birthday to [Grace] who turns 9 today! 🎂", ["9"]),
        ("Happy 7th birthday to [Arthur King] in Class 2G 🎂", ["7th birthday"]),
        ("wishing a happy 10th birthday to our wonderful [Zuzanna]", ["10th birthday"]),
        ("The 5-year-old told us he wants to be a farmer", ["5-year-old"]),
        ("[Tyrese], who is 10, will be training at Beckenham", ["10"]),
        ("[Olivia] is 7 and says the silence was hard", ["7"]),
        ("[Max], aged 8, won the chess tournament", ["8"]),
        ("our seven-year-old author [Evie]", ["seven-year-old"]),
        ("[Leo] is now 6!", ["6"]),
        ("She is 11 years old and already plays for the county", ["11 years old"]),
        ("[Amelia] turned eight at the weekend", ["eight"]),
        ("Happy birthday [Noah], 6 today! 🎉", ["6"]),
        ("a very happy eleventh birthday to [Poppy]", ["eleventh birthday"]),
        ("[Jake], 9, won the chess trophy.", ["9"]),
        ("[Jake] (9) won the chess trophy.", ["9"]),
        ("Happy birthday [Nana]! 11 today 🎉", ["11"]),
        ("[Omar]'s coach says he is 9 and already fast", ["9"]),
        ("Happy 18th to [Kofi]! 🎉", ["Happy 18th"]),
        ("happy sixteenth, [Omar]!", ["happy sixteenth"]),  # the pronoun: the pupil again
        # must not match
        ("Arthur shares his birthday with his Grandad Keith, who is turning 70 today!", []),
        ("[Max] won the under-9 chess tournament", []),
        ("He has been playing since he was six", []),
        ("Zuzanna moved to Dorking when she was three.", []),
        ("Free activities for children aged 5-11 this Easter", []),
        ("Open to children aged 7 to 11", []),
        ("for children aged 4 and over", []),
        ("Our 5-year-olds loved the farm", []),
        ("Mrs Marsh retires after 18 years as a teaching assistant", []),
        ("The class is 30 strong", []),
        ("The score is 10.", []),  # no pupil named: not an age
        ("[Ciarán] came 4th out of 60 runners", []),
        ("Riverside celebrates its 50th birthday", []),
        ("Our school's 10th birthday party", []),
        ("[Hunter] trained for four years", []),
        ("turn 3 times and stop", []),
        ("[Jake], 42 Acacia Avenue, won", []),
        ("[Jake], [Ruby] and [Ava] won", []),
        ("Happy birthday to everyone! 11 today 🎉", []),
        ("[Omar]'s little sister is 3 and came to watch", []),
        ("Happy 10th anniversary to our breakfast club! [Omar] cut the cake", []),
        ("[Omar] wished everyone a happy 4th of July", []),
        ("Happy 18th to our minibus!", []),  # no pupil named
        ("[Omar] and his dog Biscuit, who is 4, won the agility prize", []),
    ],
)
def test_age(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected
