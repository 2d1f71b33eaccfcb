"""Photos with people that match no reference photo: who to look for, and the staff member's answer.

PostGuard cannot tell who is in a photo (no face recognition: Protection of
Freedoms Act 2012 s.26). It can say that a photo shows people, and make the
human check quick: the pupils without photo consent to look for, narrowed to
the classes or year groups the post names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from postguard import policy
from postguard.consent.store import Pupil
from postguard.findings import BLOCK, INFO, WARN, Finding
from postguard.text.classes import ClassIndex
from postguard.text.messages import describe

NAMES_IN_MESSAGE = 8  # more than this: the message gives a count, the panel shows the list


@dataclass(frozen=True)
class PhotoAnswer:
    """What the staff member said about one photo (by SHA-256 of its bytes)."""

    pupils: tuple[str, ...] = ()  # pupils they say are in it (UPN or admission number as sent)
    checked: bool = False  # "I have checked: no pupil without photo consent is in it"


@dataclass
class PostGroups:
    """The classes and year groups a post names, and the pupils in them."""

    labels: list[str] = field(default_factory=list)  # as written: "Year 6", "Kestrel"
    pupil_ids: set[str] = field(default_factory=set)


def group_of(p: Pupil) -> str:
    return p.reg_group or (f"Year {p.year_group}" if p.year_group else "")


def named_groups(text: str, classes: ClassIndex) -> PostGroups:
    """Classes and year groups named anywhere in the post, found as the text checker finds them
    (`text/classes.py`: year groups as usually written, the roster's own class names with a capital)."""
    found = PostGroups()
    for start, end, pupils in classes.mentions(text):
        found.labels.append(text[start:end])
        found.pupil_ids |= pupils
    found.labels = list(dict.fromkeys(found.labels))
    return found


def to_look_for(text: str, pupils: Sequence[Pupil], classes: ClassIndex) -> tuple[list[Pupil], list[str]]:
    """Pupils on roll without photo consent to look for in a photo of this post, and the groups named.

    Narrowed to the classes or year groups the post names; all of them when it names none, or when
    the named groups hold none of them (a group name the roster does not use)."""
    refused = [p for p in pupils if p.on_roll and not p.may_be_pictured]
    groups = named_groups(text, classes)
    if groups.pupil_ids:
        return [p for p in refused if p.pupil_id in groups.pupil_ids], groups.labels
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
