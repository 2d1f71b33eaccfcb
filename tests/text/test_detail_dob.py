import pytest

from postguard.text.recognizers.dob import DobRecognizer

RECOGNIZER = DobRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[Zuzanna] was born on 4th March 2016 in Kraków", ["4th March 2016"]),
        ("[Leo] was born 12 May 2019.", ["12 May 2019"]),
        ("Her birthday is on the 3rd of June!", ["3rd of June"]),
        ("His birthday is 21st December", ["21st December"]),
        ("DOB: 04/03/2016", ["04/03/2016"]),
        ("date of birth 4.3.16", ["4.3.16"]),
        ("born on March 4th, 2017", ["March 4th, 2017"]),
        ("[Grace] turns 10 on Friday 12th March.", ["12th March"]),
        ("[Omar] is turning seven on 3rd May", ["3rd May"]),
        ("[Grace] turned 10 on 12th March", ["12th March"]),
        ("born on 4 Mar. 2016", ["4 Mar. 2016"]),
        # must not match
        ("Queen Elizabeth II was born on 21 April 1926", []),
        ("[Zuzanna] was born in Kraków", []),
        ("Her birthday is on Friday", []),
        ("Happy birthday to [Grace] who turns 9 today!", []),
        ("The trip is on 4th March 2016", []),
        ("born in 2016", []),
        ("The school turns 50 on 3rd March", []),
        ("[Grace] turns 10 on Friday", []),
        ("[Omar] turned 10 on Sunday, so we sang", []),
    ],
)
def test_dob(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected
