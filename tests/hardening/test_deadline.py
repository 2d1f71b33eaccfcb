"""A check that overruns its budget, or whose client went away, stops between bounded steps."""

from __future__ import annotations

import pytest

from postguard.deadline import CheckOverrun, Deadline

LONG_POST = "Well done to Kacper and the whole of Class 4B for a lovely assembly today. " * 250


class CancelAfter(Deadline):
    """A real Deadline that the 'client' cancels after `steps` tests (as the handler would)."""

    def __init__(self, steps: int):
        super().__init__()
        self.steps = steps
        self.tested = 0

    def check(self) -> None:
        self.tested += 1
        if self.tested > self.steps:
            self.cancel()
        super().check()


@pytest.mark.parametrize("steps", [0, 1, 2, 3])
def test_a_cancelled_check_stops_at_the_next_step(roster_checker, steps):
    deadline = CancelAfter(steps)
    with pytest.raises(CheckOverrun):
        roster_checker.check(LONG_POST, deadline=deadline)
    assert deadline.tested == steps + 1  # it stopped at the first test after the cancel


@pytest.mark.parametrize("text", [LONG_POST, "(" * 20_000, "Kacper"])
def test_an_expired_deadline_stops_the_check(roster_checker, text):
    with pytest.raises(CheckOverrun):
        roster_checker.check(text, deadline=Deadline.after(-1))


def test_without_a_deadline_the_check_runs(roster_checker):
    assert roster_checker.check(LONG_POST, deadline=Deadline.after(600)).findings
