"""Plain-English messages for staff: what was found, why it matters, what to do.

The 'why' is the `policy` field of the finding; messages say what and what to do.
"""

from __future__ import annotations

from collections.abc import Sequence

from postguard import policy
from postguard.consent.store import Pupil

DETAIL_TEXT = {
    "age": ("a pupil's age", "Remove the age.", policy.IDENTIFIABLE),
    "dob": ("a date of birth", "Remove the date of birth.", policy.IDENTIFIABLE),
    "class": ("a named pupil's class or year group", "Remove the class, or the pupil's name.", policy.IDENTIFIABLE),
    "address": ("a home or street address", "Remove the address.", policy.CONTACT_DETAILS),
    "postcode": ("a postcode", "Remove the postcode.", policy.CONTACT_DETAILS),
    "phone": (
        "a phone number",
        "Remove the number; ask people to contact the school office instead.",
        policy.CONTACT_DETAILS,
    ),
    "email": (
        "an email address",
        "Remove the address; use the school office's address if needed.",
        policy.CONTACT_DETAILS,
    ),
    "handle": ("a social media username", "Remove the username.", policy.CONTACT_DETAILS),
    "health": (
        "health, medical, special educational needs or care information",
        "Remove it. Health, SEN and care details (such as foster care) must never be posted about a pupil.",
        policy.SENSITIVE,
    ),
    "future": (
        "a future time and place where pupils will be",
        "Post about the event afterwards, or leave out the exact time and place.",
        policy.SAFEGUARDING,
    ),
}


def group_of(p: Pupil) -> str:
    """The class or year as staff know it ("Kestrel", "Year 4"), or that the pupil has left."""
    if not p.on_roll:
        return "has left the school"
    return p.reg_group or (f"Year {p.year_group}" if p.year_group else "")


def describe(p: Pupil) -> str:
    group = group_of(p)
    return f"{p.display_name} ({group})" if group else p.display_name


def candidate(p: Pupil) -> dict[str, str]:
    """One pupil a staff member may choose between ("Which Esme?"): the finding's `candidates`."""
    return {"pupil": p.pupil_id, "name": p.display_name, "class": group_of(p)}


def _names(pupils: Sequence[Pupil]) -> str:
    items = [describe(p) for p in pupils]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _why_not(p: Pupil) -> str:
    if p.no_publish:
        return "is marked No Publish in the school's records (never name or picture them)"
    if p.name_consent == "refused":
        return "has no consent to be named on social media (consent refused)"
    return "has no social-media name consent on record"


def no_consent(surface: str, candidates: Sequence[Pupil], refused: Sequence[Pupil]) -> str:
    if len(candidates) == 1:
        p = refused[0]
        return f"“{surface}” names {describe(p)}, who {_why_not(p)}. Remove the name."
    allowed = [p for p in candidates if p not in refused]
    reasons = "; ".join(f"{describe(p)} {_why_not(p)}" for p in refused)
    text = f"“{surface}” could be any of {len(candidates)} pupils: {reasons}. If you mean "
    text += "them, remove the name." if len(refused) == 1 else "one of them, remove the name."
    if allowed:
        text += (
            f" If you mean {_names(allowed)}, choose who you mean, or add the first letter of the surname "
            f"(for example “{surface} {allowed[0].surname[:1]}.”) so PostGuard can tell them apart."
        )
    return text


def full_name(surface: str, candidates: Sequence[Pupil], has_images: bool) -> str:
    who = _names(candidates)
    if has_images:
        return (
            f"“{surface}” is the surname or full name of {who}, and this post has photos. "
            "Never put a pupil's full name beside their photo: use the first name only, or remove the photos."
        )
    return f"“{surface}” is the surname or full name of {who}. Use the first name only."


def named(surface: str, candidates: Sequence[Pupil]) -> str:
    if len(candidates) == 1:
        return f"“{surface}” is {describe(candidates[0])}, who has consent to be named. First names only."
    return f"“{surface}” could be {_names(candidates)}; all have consent to be named. First names only."


# Why a name may be someone who is not a pupil (Hit.other_reason).
_OTHER_REASON = {
    "earlier": "may be the person of that name mentioned earlier in this post",
    "visitor": "reads like a visitor from the organisation named after it",
    "word": "may be the ordinary word here rather than a name",
    "place": "reads like the place of that name here",
    "staff": "may be the member of staff of that name",
    "longer": "is written with a longer surname than the pupil's, so it may be someone else",
}
# What to do when it is not the pupil: a person is named so no one mistakes them; a word or place needs nothing.
_NOT_THE_PUPIL = {
    "word": "if not, the post can go as it is.",
    "place": "if you mean the place, the post can go as it is.",
}


def maybe_other(surface: str, refused: Sequence[Pupil], reason: str = "earlier") -> str:
    return (
        f"“{surface}” {_OTHER_REASON.get(reason, _OTHER_REASON['earlier'])}, but "
        f"{_names(refused)} {'is' if len(refused) == 1 else 'are'} also called “{surface}” and "
        f"{'has' if len(refused) == 1 else 'have'} no consent to be named. PostGuard cannot tell which is meant: "
        "if it is a pupil, remove the name; "
        + _NOT_THE_PUPIL.get(reason, "if not, write the person's full name or role here.")
    )


def spelled_like(surface: str, refused: Sequence[Pupil], how: str | None) -> str:
    """A name written like a pupil's without consent, but not sure enough to be theirs."""
    way = {
        "short form": ", written with a short form of the first name",
        "initial": ", written with the first name's initial",
        "surname spelling": ", written with another spelling of the surname",
        "part of the surname": ", written with one half of the surname",
    }.get(how or "", ", written with another spelling of the first name")
    who = "; or ".join(f"{describe(p)}, who {_why_not(p)}" for p in refused)
    return (
        f"“{surface}” may be {who}{way}. PostGuard cannot be sure: if you mean "
        f"{'this pupil' if len(refused) == 1 else 'one of these pupils'}, remove the name; "
        "if it is someone else, write their full name or role here."
    )


def told_apart(surface: str, ruled_out: Sequence[Pupil], unsure: bool) -> str:
    text = (
        f" {_names(ruled_out)} {'is' if len(ruled_out) == 1 else 'are'} also called “{surface}”: PostGuard went by"
        " the class or year this post names."
    )
    if unsure:
        return text + " Check it is the right pupil: if you mean a pupil without consent, remove the name."
    return text + " If you mean someone else, add the first letter of their surname."


def person(surface: str) -> str:
    return (
        f"“{surface}” looks like the name of someone who is not on the pupil or staff lists. "
        "Check they are happy to be named: naming a parent or relative can identify their child."
    )


def detail(kind: str, surface: str, tied: Sequence[Pupil], escalated: str | None) -> tuple[str, str]:
    """Message and policy for a detail finding."""
    what, todo, pol = DETAIL_TEXT[kind]
    text = f"“{surface}” is {what}."
    if tied:
        text += f" It is about {_names(tied)}."
    if escalated == "no_publish":
        text += " A pupil named here is marked No Publish, so nothing that identifies them may be posted."
    elif escalated == "health":
        text += " Health, SEN and care information about a named pupil is confidential."
    return f"{text} {todo}", pol
