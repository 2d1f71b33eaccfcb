import pytest

from postguard.text.recognizers.email import EmailRecognizer

RECOGNIZER = EmailRecognizer


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "If found, please email her mum at darcie.lucas.mum@example.co.uk or hand them in.",
            ["darcie.lucas.mum@example.co.uk"],
        ),
        ("Contact Sam's dad: sam_dad+school@gmail.com.", ["sam_dad+school@gmail.com"]),
        ("email jo.bloggs@outlook.com!", ["jo.bloggs@outlook.com"]),
        ("(amelia123@hotmail.co.uk)", ["amelia123@hotmail.co.uk"]),
        ("Two: a@b.com and c.d@e-f.org", ["a@b.com", "c.d@e-f.org"]),
        # must not match
        ("Please email office@riverside.surrey.sch.uk with any questions", []),
        ("Email the school office at admin@riversideprimary.com", []),
        ("Report it to safeguarding@surreycc.gov.uk", []),
        ("Follow @summer.paints.art on Instagram", []),
        ("Meet @ 3pm at the gate", []),
        ("Not an email: name@localhost", []),
        ("Half an address: @example.com", []),
        ("For tickets please contact the PTA at friendsofriverside@gmail.com.", []),
    ],
)
def test_email(detect, text, expected):
    assert detect(RECOGNIZER, text) == expected
