"""Photos with people that match no reference photo: who to look for, and the staff member's answer.

PostGuard cannot tell who is in a photo (no face recognition: Protection of
Freedoms Act 2012 s.26). It can say that a photo shows people, and make the
human check quick: the pupils without photo consent to look for, narrowed to
the classes or year groups the post names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from postguard import policy
from postguard.consent.store import Pupil
from postguard.findings import BLOCK, INFO, WARN, Finding
from postguard.text.messages import describe
from postguard.text.recognizers.class_year import GENERIC_CLASS, RECEPTION, YEAR_GROUP

NAMES_IN_MESSAGE = 8  # more than this: the message gives a count, the panel shows the list
YEAR_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
}
_YEAR = re.compile(YEAR_GROUP)
_CLASS = re.compile(GENERIC_CLASS)
_RECEPTION = re.compile(RECEPTION)


@dataclass(frozen=True)
class PhotoAnswer:
    """What the staff member said about one photo (by SHA-256 of its bytes)."""

    pupils: tuple[str, ...] = ()  # pupils they say are in it (UPN or admission number as sent)
    checked: bool = False  # "I have checked: no pupil without photo consent is in it"


@dataclass
class PostGroups:
    """The classes and year groups a post names, and the pupils in them."""

    labels: list[str] = field(default_factory=list)  # as written: "Year 6", "Kestrel"
    pupils: list[Pupil] = field(default_factory=list)


def group_of(p: Pupil) -> str:
    return p.reg_group or (f"Year {p.year_group}" if p.year_group else "")


def _group_key(text: str) -> str:
    return re.sub(r"^(?:class|form)\s+", "", text.strip().lower())


def named_groups(text: str, pupils: Sequence[Pupil]) -> PostGroups:
    """Classes and year groups named anywhere in the post (the text checker's patterns, plus the
    roster's own class names written with a capital: "Kestrel", "Class 4B", "4B")."""
    found = PostGroups()
    years: set[str] = set()
    classes: set[str] = set()
    for m in _YEAR.finditer(text):
        word = re.split(r"\s+|(?<=[A-Za-z])(?=\d|R\b)", m.group(0))[-1].lower()
        years.add(YEAR_WORDS.get(word, word))
        found.labels.append(m.group(0))
    for m in _RECEPTION.finditer(text):
        years.add("r")
        found.labels.append(m.group(0))
    for m in _CLASS.finditer(text):
        classes.add(_group_key(m.group(0)))
        found.labels.append(m.group(0))
    for group in sorted({p.reg_group.strip() for p in pupils if p.reg_group.strip()}, key=len, reverse=True):
        key = _group_key(group)
        if key in classes:
            continue
        # As written with a capital first letter ("Kestrel", not the bird in "we saw a kestrel"),
        # or the short form in capitals ("Class 4B" written "4B").
        forms = [rf"{re.escape(group[0].upper())}(?i:{re.escape(group[1:])})", re.escape(key.upper())]
        if re.search(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)", text):
            classes.add(key)
            found.labels.append(group)
    found.labels = list(dict.fromkeys(found.labels))
    found.pupils = [
        p
        for p in pupils
        if (p.year_group.strip().lower() in years) or (p.reg_group.strip() and _group_key(p.reg_group) in classes)
    ]
    return found


def to_look_for(text: str, pupils: Sequence[Pupil]) -> tuple[list[Pupil], list[str]]:
    """Pupils on roll without photo consent to look for in a photo of this post, and the groups named.

    Narrowed to the classes or year groups the post names; all of them when it names none, or when
    the named groups hold none of them (a group name the roster does not use)."""
    refused = [p for p in pupils if p.on_roll and not p.may_be_pictured]
    groups = named_groups(text, pupils)
    if groups.labels:
        ids = {p.pupil_id for p in groups.pupils}
        narrowed = [p for p in refused if p.pupil_id in ids]
        if groups.pupils:
            return narrowed, groups.labels
    return refused, []


def candidate(p: Pupil, thumbnails: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """{"pupil", "name", "class"}, and "thumbnails" (data: URIs) when the admin kept any."""
    out: dict[str, Any] = {"pupil": p.upn or p.pupil_id, "name": p.display_name, "class": group_of(p)}
    if thumbnails and thumbnails.get(p.pupil_id):
        out["thumbnails"] = thumbnails[p.pupil_id][:3]
    return out


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _list(pupils: Sequence[Pupil]) -> str:
    shown = [describe(p) for p in pupils[:NAMES_IN_MESSAGE]]
    more = len(pupils) - len(shown)
    return "; ".join(shown) + (f"; and {more} more (see the list)" if more > 0 else "")


def faces_finding(
    name: str,
    sha256: str | None,
    boxes: Sequence[tuple[float, float, float, float]],
    look_for: Sequence[Pupil],
    groups: Sequence[str],
    answer: PhotoAnswer | None,
    thumbnails: dict[str, list[str]] | None = None,
) -> Finding:
    """image.faces: a warning until the staff member answers, then information."""
    count = len(boxes)
    extra = {
        "image": name,
        "sha256": sha256,
        "faces": count,
        "boxes": [[round(v, 4) for v in box] for box in boxes],
        "candidates": [candidate(p, thumbnails) for p in look_for],
        "groups": list(groups),
    }
    ids = [p.upn or p.pupil_id for p in look_for]
    if answer is not None and (answer.checked or answer.pupils):
        message = (
            f"You checked this photo of {_people(count)}: no pupil without photo consent is in it."
            if not answer.pupils
            else f"You said who is in this photo of {_people(count)}; they all have photo consent."
        )
        return Finding("image.faces", INFO, message, policy.CONSENT_LIST, pupils=ids, extra=extra | {"answered": True})
    where = f" (the post names {', '.join(groups)})" if groups else ""
    if look_for:
        if len(look_for) > NAMES_IN_MESSAGE and not groups:
            ask = (
                f"There are {len(look_for)} pupils without photo consent. Which class is in it? Name the class "
                "or year group in the post to shorten the list, or check the photo against the whole list: "
                f"{_list(look_for)}."
            )
        else:
            ask = f"Check that none of these pupils without photo consent is in it{where}: {_list(look_for)}."
    elif groups:
        ask = (
            f"No pupil in {', '.join(groups)} lacks photo consent. If it shows pupils from other classes, check "
            "them against the consent list."
        )
    else:
        ask = "No pupil on roll lacks photo consent, so there is no one to look for."
    message = f"This photo shows {_people(count)}. PostGuard cannot tell who they are. {ask}"
    if look_for:
        message += (
            " Pupils without photo consent must not be pictured. Say who is in it, or confirm none of them is, "
            "before posting."
        )
    severity = WARN if look_for else INFO
    return Finding("image.faces", severity, message, policy.CONSENT_LIST, pupils=ids, extra=extra)


def pictured_finding(name: str, sha256: str | None, refused: Sequence[Pupil]) -> Finding:
    """image.no_consent from the staff member's own answer: these pupils are in the photo."""
    who = ", ".join(describe(p) + (" — marked No Publish" if p.no_publish else "") for p in refused)
    plural = "pupils" if len(refused) > 1 else "a pupil"
    return Finding(
        code="image.no_consent",
        severity=BLOCK,
        message=(
            f"You said this photo shows {plural} without photo consent: {who}. Pupils without photo consent "
            "must not be pictured. Choose another photo, or post a copy with their faces blurred."
        ),
        policy=policy.CONSENT_LIST,
        pupils=[p.upn or p.pupil_id for p in refused],
        extra={"image": name, "sha256": sha256, "answer": "pictured"},
    )


def not_checked_for_people(name: str) -> Finding:
    return Finding(
        code="image.unreadable",
        severity=WARN,
        message=(
            "PostGuard could not look for people in this photo (its face detector is not working), so it "
            "cannot say whether a pupil without photo consent is in it. Check the photo yourself against the "
            "consent list before posting, and tell the IT admin."
        ),
        policy=policy.CONSENT_LIST,
        extra={"image": name},
    )


def pupils_by_key(pupils: Iterable[Pupil]) -> dict[str, Pupil]:
    """Every key a staff answer may use for a pupil: UPN, pupil id, admission number."""
    out: dict[str, Pupil] = {}
    for p in pupils:
        for key in (p.pupil_id, p.upn, p.adno):
            if key:
                out.setdefault(key, p)
                out.setdefault(key.upper(), p)
    return out
