"""Progress for long runs: a bar with ETA on a terminal, plain lines otherwise (logs, CI)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    BAR = 28

    def __init__(
        self,
        total: int,
        *,
        done: int = 0,
        stream: TextIO | None = None,
        tty: bool | None = None,
        enabled: bool = True,
        line_every_s: float = 10.0,
    ):
        self.total = total
        self.start_done = done
        self.done = done
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.enabled = enabled
        self.line_every_s = line_every_s
        self.started = time.monotonic()
        self._last = self.started  # throttle from the start of the run (monotonic time has no fixed zero)

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return (self.done - self.start_done) / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        rate = self.rate()
        pct = 100.0 * self.done / self.total if self.total else 100.0
        eta = clock((self.total - self.done) / rate) if rate > 0 else "?"
        return f"{self.done}/{self.total} posts ({pct:.0f}%), {rate:.0f} posts/s, ETA {eta}"

    def update(self, done: int) -> None:
        self.done = done
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty:
            if now - self._last < 0.2 and done < self.total:
                return
            filled = int(self.BAR * done / self.total) if self.total else self.BAR
            bar = "#" * filled + "-" * (self.BAR - filled)
            self.stream.write(f"\r[{bar}] {self.line()}\x1b[K")
        else:
            if now - self._last < self.line_every_s and done < self.total:
                return
            self.stream.write(f"checked {self.line()}\n")
        self._last = now
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()
