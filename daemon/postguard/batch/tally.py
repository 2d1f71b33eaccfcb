"""Running counts for a batch run: kept in the resume state and shown in reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from postguard.batch.model import PostResult


@dataclass
class Tally:
    checked: int = 0  # posts checked
    reported: int = 0  # posts written to the report
    images: int = 0  # images checked
    verdicts: Counter = field(default_factory=Counter)  # over reported posts
    codes: Counter = field(default_factory=Counter)  # posts per finding code, over reported posts
    pupils: Counter = field(default_factory=Counter)  # posts per pupil, over reported posts
    skipped: Counter = field(default_factory=Counter)  # media not checked, by reason
    # For the report's review lists (small dicts: post id, date, photo name, counts; never pixels).
    people_photos: list = field(default_factory=list)  # photos with people and no reference match
    unchecked_photos: list = field(default_factory=list)  # photos missing or unreadable, by post

    def add_checked(self, result: PostResult) -> None:
        self.checked += 1
        self.images += len(result.post.images)

    def add_reported(self, result: PostResult) -> None:
        self.reported += 1
        self.verdicts[result.verdict] += 1
        for code in result.codes:
            self.codes[code] += 1
        for pupil in result.pupils:
            self.pupils[pupil] += 1

    def to_state(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "reported": self.reported,
            "images": self.images,
            "verdicts": dict(self.verdicts),
            "codes": dict(self.codes),
            "pupils": dict(self.pupils),
            "skipped": dict(self.skipped),
            "people_photos": self.people_photos,
            "unchecked_photos": self.unchecked_photos,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Tally:
        return cls(
            checked=state["checked"],
            reported=state["reported"],
            images=state["images"],
            verdicts=Counter(state["verdicts"]),
            codes=Counter(state["codes"]),
            pupils=Counter(state["pupils"]),
            skipped=Counter(state["skipped"]),
            people_photos=list(state.get("people_photos", [])),
            unchecked_photos=list(state.get("unchecked_photos", [])),
        )
