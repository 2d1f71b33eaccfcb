import pytest

from postguard.text.recognizers.phone import PhoneRecognizer

RECOGNIZER = PhoneRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("If you find him, please call Sarah on 07700 900214. Thank you!", ["07700 900214"]),
        ("call Sarah on 07700900214", ["07700900214"]),
        ("ring his dad on +44 7700 900214", ["+44 7700 900214"]),
        ("Attendance team: [Omar]'s mum asks you to ring her on 07700 900214", ["07700 900214"]),
        ("ring his dad on +447700900214 tonight", ["+447700900214"]),
        ("ring his dad on +44 (0)7700 900214", ["+44 (0)7700 900214"]),
        ("her mum's number is 01306 880123", ["01306 880123"]),
        ("her mum's number is (01306) 880 123", ["(01306) 880 123"]),
        ("text Priya on 07700-900-214", ["07700-900-214"]),
        ("London number 020 7946 0018 for her nan", ["020 7946 0018"]),
        ("London number 0207 946 0018 for her nan", ["0207 946 0018"]),
        ("call 07700 900214 2 times if no answer", ["07700 900214"]),
        # must not match
        ("The school office number is 01306 880123.", []),
        ("To report an absence, phone 01561 300123 before 9.15am.", []),
        ("Please call the office on 01306 880123 to book.", []),
        ("We raised £1,234 and 2,000 bottles this year", []),
        ("Trip on 08/06/2026 at 08:15", []),
        ("Childline 0800 1111", []),
        ("Order 1234567890123 arrived", []),
        ("The score was 3 0 5", []),
        ("ISBN 978 0 14 032872 1", []),
        ("Room 0123", []),
    ],
)
def test_phone(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected
