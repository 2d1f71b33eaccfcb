"""A time budget for one check, tested between bounded steps of work.

spaCy holds the GIL and cannot be interrupted, so a check is cut into steps whose
cost is bounded (text normalisation bounds runs; each step is linear in a capped
length) and the budget is tested between them: a check that overran, or whose
client went away, stops at the next step instead of running on after its 504.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


class CheckOverrun(Exception):
    """The check ran past its budget or was cancelled; its result is not wanted."""


@dataclass
class Deadline:
    at: float | None = None  # time.monotonic() value; None: no time limit
    cancelled: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def after(cls, seconds: float | None) -> Deadline:
        return cls(None if seconds is None else time.monotonic() + seconds)

    def cancel(self) -> None:
        self.cancelled.set()

    def check(self) -> None:
        if self.cancelled.is_set() or (self.at is not None and time.monotonic() > self.at):
            raise CheckOverrun


NO_DEADLINE = Deadline()
