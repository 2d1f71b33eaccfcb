"""RosterIndex: the consent list snapshot, indexed for name matching."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from postguard.consent.store import Pupil


@dataclass
class RosterIndex:
    pupils: dict[str, Pupil] = field(default_factory=dict)  # pupil_id -> Pupil
    staff: tuple[str, ...] = ()
    reg_groups: frozenset[str] = frozenset()  # lower-cased registration groups ("class 4b", "hedgehogs")
    year_groups: frozenset[str] = frozenset()  # "r", "1" .. "13"

    @classmethod
    def build(cls, pupils: Sequence[Pupil], staff: Sequence[str]) -> "RosterIndex":
        return cls(
            pupils={p.pupil_id: p for p in pupils},
            staff=tuple(staff),
            reg_groups=frozenset(p.reg_group.strip().lower() for p in pupils if p.reg_group.strip()),
            year_groups=frozenset(p.year_group.strip().lower() for p in pupils if p.year_group.strip()),
        )
