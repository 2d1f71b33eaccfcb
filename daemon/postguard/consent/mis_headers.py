"""What one heading of an MIS export means, read from its words.

Pupil fields (ids, names, class) are matched as whole phrases, in English and Welsh, because a
near miss there ("Name of parent", "Year of entry") is another field. Consent headings are read
by their words (consent/permission/caniatâd; social media/Facebook/website; photo/name/video;
No Publicity), since every MIS words them differently. A heading that looks like social-media
consent but cannot be mapped is refused rather than skipped: a skipped consent column leaves
every pupil "not asked" while the admin believes the consent was imported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Consent fields a heading can give.
PHOTO, NAME, NO_PUBLISH, VIDEO = "photo_consent", "name_consent", "no_publish", "video_consent"
CONSENT_FIELDS = (PHOTO, NAME, NO_PUBLISH)
FULL_NAME = "full_name"  # one "Surname, Forename" column

# Pupil fields: whole headings, folded (lower case, no accents or punctuation).
PUPIL_FIELD_PHRASES: dict[str, tuple[str, ...]] = {
    "upn": ("upn", "unique pupil number", "rhif unigryw disgybl"),
    "scn": ("scn", "scottish candidate number"),  # Scotland's national pupil number (SEEMiS)
    "adno": (
        "adno",
        "admission no",
        "admission number",
        "adm no",
        "admissions number",
        "admission num",
        "rhif derbyn",
    ),
    "legal_forename": (
        "legal forename",
        "forename",
        "first name",
        "legal first name",
        "firstname",
        "given name",
        "enw cyntaf",
        "enw cyntaf cyfreithiol",
    ),
    "legal_surname": (
        "legal surname",
        "surname",
        "last name",
        "legal last name",
        "lastname",
        "family name",
        "cyfenw",
        "cyfenw cyfreithiol",
    ),
    "preferred_forename": (
        "preferred forename",
        "known as",
        "preferred name",
        "preferred first name",
        "chosen forename",
        "chosen name",
        "enw dewisol",
        "enw cyntaf dewisol",
    ),
    "preferred_surname": ("preferred surname", "preferred last name", "chosen surname", "cyfenw dewisol"),
    FULL_NAME: (
        "name",
        "full name",
        "legal name",
        "pupil full name",
        "student full name",
        "student name",
        "pupil name",
        "child name",
        "childs name",
        "learner name",
        "student",
        "pupil",
        "enw",
        "enw llawn",
        "enw disgybl",
        "enwr disgybl",
    ),
    "year_group": (
        "year",
        "year group",
        "nc year",
        "national curriculum year",
        "yr",
        "curriculum year",
        "blwyddyn",
        "grwp blwyddyn",
        "blwyddyn ysgol",
        "stage",
        "year stage",
        "stage year",
    ),
    "reg_group": (
        "reg group",
        "registration form",
        "registration group",
        "registration class",
        "form",
        "class",
        "class name",
        "reg",
        "form group",
        "tutor group",
        "dosbarth",
        "grwp cofrestru",
        "dosbarth cofrestru",
    ),
}
# Consent headings an MIS uses whose words alone do not say consent.
CONSENT_PHRASES: dict[str, tuple[str, ...]] = {PHOTO: ("photograph student",)}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONSENT_WORDS = _words(
    "consent consents consented permission permissions permitted caniatad caniatadau agreed agreement allowed allow opt"
)
_SOCIAL_WORDS = _words("social facebook twitter instagram youtube tiktok cymdeithasol")
# "Online" includes social media, but only with a topic: "Internet use consent" is about computers.
_ONLINE_WORDS = _words("online internet arlein")
# A channel other than social media: consent for it says nothing about the school's Facebook page.
_OTHER_CHANNEL_WORDS = _words(
    "website websites web gwefan display displays newsletter newsletters prospectus brochure brochures press"
    " newspaper newspapers internal internally id identification card cards record records class photographer"
    " school ysgol"
    " yearbook assembly assemblies classroom tv television radio printed print cylchlythyr prosbectws"
)
_PHOTO_WORDS = _words(
    "photo photos photograph photographs photography photographed picture pictures image images pic pics"
    " llun lluniau ffoto ffotos ffotograff ffotograffau"
)
_VIDEO_WORDS = _words("video videos film filmed filming fideo fideos")
_NAME_WORDS = _words("name names named enw enwau")
_PUBLISH_WORDS = _words("publish published publishing publication publicity media cyhoeddi cyhoeddusrwydd cyfryngau")
# With one of these (and no social media), the name in the heading is someone else's ("Name of parent").
_SOMEONE_ELSE_WORDS = _words(
    "parent parents carer carers guardian contact person giving doctor gp sibling teacher staff rhiant gofalwr"
)
_NEGATION_WORDS = _words("no not dont never dim")
# Words that make a heading about the consent (when, who, why) rather than the answer itself.
_ABOUT_CONSENT_WORDS = _words(
    "date dated signed signature signatory by notes note comment comments reason reasons expiry expires review"
    " reviewed returned received who when dyddiad"
)


def fold_heading(text: str) -> str:
    """Lower case, accents and punctuation removed, one space between words ("Caniatâd: Enw" -> "caniatad enw")."""
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’`]", "", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


_PUPIL_FIELD_OF = {phrase: name for name, phrases in PUPIL_FIELD_PHRASES.items() for phrase in phrases}
_CONSENT_PHRASE_OF = {phrase: name for name, phrases in CONSENT_PHRASES.items() for phrase in phrases}


@dataclass(frozen=True)
class HeadingReading:
    """What one heading means.

    kind: "pupil" (a pupil field), "consent" (gives `fields`), "video" (video consent, not used),
    "not_read" (consent-related but not about social media or publicity: listed in the summary),
    "refuse" (looks like social-media consent but cannot be mapped: `reason` says why), "other".
    strength: 2 when the heading names social media, 1 when it is generic ("Photo Consent").
    topic_fields: the consent fields the heading is about, even when it cannot give them.
    """

    kind: str
    fields: tuple[str, ...] = ()
    strength: int = 0
    reason: str = ""
    topic_fields: tuple[str, ...] = ()
    unless_covered: bool = False  # a refusal that becomes a note when other columns give its topic_fields
    with_video: bool = False  # "Photo/Video Consent": the video part is not used


OTHER = HeadingReading("other")


def read_heading(heading: str) -> HeadingReading:
    folded = fold_heading(heading)
    if not folded:
        return OTHER
    field = _PUPIL_FIELD_OF.get(folded)
    if field is None and re.search(r"[/|]", heading):  # bilingual: "Cyfenw / Surname"
        parts = {_PUPIL_FIELD_OF.get(fold_heading(part)) for part in re.split(r"[/|]", heading) if fold_heading(part)}
        if len(parts) == 1:
            field = parts.pop()
    if field:
        return HeadingReading("pupil", (field,))
    if folded in _CONSENT_PHRASE_OF:
        return HeadingReading("consent", (_CONSENT_PHRASE_OF[folded],), 1, topic_fields=(_CONSENT_PHRASE_OF[folded],))
    answer_hint = re.sub(r"\b(?:yes|y)(?: or)? (?:no|n)\b", " ", folded)  # "Photo consent (Y/N)"
    return _read_consent_words(heading, set(answer_hint.split()))


def _read_consent_words(heading: str, words: set[str]) -> HeadingReading:
    asks = bool(words & _CONSENT_WORDS)
    other_channel = [w for w in dict.fromkeys(fold_heading(heading).split()) if w in _OTHER_CHANNEL_WORDS]
    photo, video, name = bool(words & _PHOTO_WORDS), bool(words & _VIDEO_WORDS), bool(words & _NAME_WORDS)
    social = bool(words & _SOCIAL_WORDS) or bool((photo or video or name) and words & _ONLINE_WORDS)
    if name and not social and words & _SOMEONE_ELSE_WORDS:
        name = False
    publish_words = words & _PUBLISH_WORDS
    if social:
        publish_words -= {"media", "cyfryngau"}  # "social media" is a channel, not publicity
    negated = bool(words & _NEGATION_WORDS)
    topics = tuple(f for f, on in ((PHOTO, photo), (NAME, name)) if on)

    if publish_words and negated and not (photo or name or video):
        return HeadingReading("consent", (NO_PUBLISH,), 2, topic_fields=(NO_PUBLISH,))
    if not (asks or social or photo or video or publish_words):
        return OTHER  # "Name of parent", "Gender", "House": not consent at all
    if not (photo or video or name or publish_words or social):
        # "Consent - School Trips", "Medical consent": consent, but not for social media
        return HeadingReading("not_read", reason="it is consent for something other than social media")
    if words & _ABOUT_CONSENT_WORDS:
        return HeadingReading(
            "not_read", reason="it is about the consent (a date, a signature or a note), not the answer itself"
        )
    if negated and topics:
        return HeadingReading(
            "refuse",
            reason=(
                f"The column '{heading}' seems to record a refusal rather than a consent, so PostGuard cannot "
                "tell for sure what a Yes in it means. Use the MIS's social-media photo and name consent fields "
                "(or its 'No Publish' field) in the report instead, or remove this column, and export again."
            ),
            topic_fields=topics,
        )
    if not (asks or social or publish_words):
        # "Photo", "Student Photo": may be the pupil's picture in the MIS; consent is never assumed from it
        return HeadingReading("not_read", reason="its heading does not say it is consent", topic_fields=topics)
    if video and not topics:
        return HeadingReading("video", strength=2 if social else 1)
    if other_channel and not social:
        return HeadingReading(
            "refuse",
            reason=(
                f"The column '{heading}' is consent for something other than social media "
                f"('{' '.join(other_channel)}'), so it does not say whether the pupil may be shown on the "
                "school's social media. Add the MIS's social-media consent fields to the report, or remove "
                "this column, and export again."
            ),
            topic_fields=topics,
            unless_covered=True,
        )
    if topics:
        return HeadingReading("consent", topics, 2 if social else 1, topic_fields=topics, with_video=video)
    return HeadingReading(
        "refuse",
        reason=(
            f"The column '{heading}' looks like a social-media or publicity consent field, but it does not say "
            "whether it is consent for photos or for names, so PostGuard cannot tell what it means. In the MIS "
            "report use separate fields for photo consent and name consent (for example 'Consent: Social Media "
            "Photo' and 'Consent: Social Media Name'), or a 'No Publish' field, or remove this column, and "
            "export again."
        ),
    )
