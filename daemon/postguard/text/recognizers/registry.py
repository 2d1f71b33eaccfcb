"""The explicit list of recognizers, in the order they run.

Pupil names run first (the roster's spellings, then other spellings of them): the person
recognizer skips pupils, and detail recognizers look at `ctx.hits` to tie a detail to a named pupil.
"""

from __future__ import annotations

from postguard.text.recognizers.address import AddressRecognizer
from postguard.text.recognizers.age import AgeRecognizer
from postguard.text.recognizers.base import Recognizer
from postguard.text.recognizers.class_year import ClassYearRecognizer
from postguard.text.recognizers.dob import DobRecognizer
from postguard.text.recognizers.email import EmailRecognizer
from postguard.text.recognizers.future import FutureRecognizer
from postguard.text.recognizers.handle import HandleRecognizer
from postguard.text.recognizers.health import HealthRecognizer
from postguard.text.recognizers.person_names import PersonNameRecognizer
from postguard.text.recognizers.phone import PhoneRecognizer
from postguard.text.recognizers.postcode import PostcodeRecognizer
from postguard.text.recognizers.pupil_names import PupilNameRecognizer
from postguard.text.recognizers.pupil_variants import PupilVariantRecognizer

RECOGNIZERS: tuple[type[Recognizer], ...] = (
    PupilNameRecognizer,
    PupilVariantRecognizer,  # names written another way, on the words the roster match left
    PersonNameRecognizer,
    AgeRecognizer,
    DobRecognizer,
    ClassYearRecognizer,
    AddressRecognizer,
    PostcodeRecognizer,
    PhoneRecognizer,
    EmailRecognizer,
    HandleRecognizer,
    HealthRecognizer,
    FutureRecognizer,
)
