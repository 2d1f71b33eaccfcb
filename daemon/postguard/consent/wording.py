"""Plain-English wording for the admin: pupils by name and class, changes as "old → new"."""

from __future__ import annotations

from datetime import datetime

from postguard.consent.store import GRANTED, NOT_ASKED, REFUSED, Pupil

FIELD_WORDS = {
    "legal_forename": "legal first name",
    "legal_surname": "legal surname",
    "preferred_forename": "preferred first name",
    "preferred_surname": "preferred surname",
    "year_group": "year",
    "reg_group": "class",
    "photo_consent": "photo consent",
    "name_consent": "name consent",
    "no_publish": "No Publish",
    "on_roll": "on roll",
    "upn": "UPN",
    "adno": "admission number",
}
CONSENT_WORDS = {GRANTED: "granted", REFUSED: "refused", NOT_ASKED: "not on record"}


def class_of(p: Pupil) -> str:
    if p.reg_group:
        return p.reg_group
    return f"Year {p.year_group}" if p.year_group else "no class"


def id_word(upn: str) -> str:
    """'SCN' for a Scottish Candidate Number (nine digits, kept where the UPN goes), else 'UPN'."""
    return "SCN" if len(upn) == 9 and upn.isdigit() else "UPN"


def pupil_label(p: Pupil, *, upn: bool = True) -> str:
    """'Amelia Stanton (Kestrel, UPN T100000000001)': as the admin knows the pupil."""
    ident = f", {id_word(p.upn)} {p.upn}" if p.upn else f", admission number {p.adno}" if p.adno else ""
    return f"{p.display_name} ({class_of(p)}{ident if upn else ''})"


def value_words(field: str, value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    if field in ("photo_consent", "name_consent"):
        return CONSENT_WORDS.get(str(value), str(value))
    if field == "no_publish":
        return "yes" if str(value) in ("1", "True") else "no"
    if field == "on_roll":
        return "on roll" if str(value) in ("1", "True") else "left"
    return str(value)


def change_words(field: str, old: object, new: object) -> str:
    """'name consent: granted → refused'."""
    if field == "on_roll":
        return "back on roll" if value_words(field, new) == "on roll" else "left the roll"
    return f"{FIELD_WORDS.get(field, field)}: {value_words(field, old)} → {value_words(field, new)}"


def day_words(iso: str | None) -> str:
    """'3 Nov 2026' (the admin's dates; times are in the history)."""
    if not iso:
        return "an unknown date"
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{when.day} {when:%b %Y}"


def history_words(what: str, old: str | None, new: str | None) -> str:
    """One audit row in words."""
    if what == "added":
        return "added to the list" + (f" ({_consent_words(new)})" if new else "")
    if what == "forgotten":
        return "personal data removed (erasure request)"
    if what == "roster":
        return "the demo roster was replaced by the school's roster"
    if what == "staff list":
        return f"staff list replaced ({new})"
    if what == "followed list":
        return f"consent list applied from the school's published list ({new})"
    if what in FIELD_WORDS:
        return change_words(what, old, new)
    return f"{what}: {old or '-'} → {new or '-'}"


def _consent_words(summary: str) -> str:
    # Stored as "photo=granted name=refused no_publish=0".
    parts = dict(item.split("=", 1) for item in summary.split() if "=" in item)
    if not parts:
        return summary
    words = [
        f"photo consent {CONSENT_WORDS.get(parts.get('photo', ''), parts.get('photo', '?'))}",
        f"name consent {CONSENT_WORDS.get(parts.get('name', ''), parts.get('name', '?'))}",
    ]
    if parts.get("no_publish") == "1":
        words.append("No Publish")
    return ", ".join(words)
