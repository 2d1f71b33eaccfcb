"""Request limits and the small rate limiters the daemon applies."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_text_chars: int = 20_000
    max_images: int = 10
    max_image_bytes: int = 15 * MB
    max_upload_bytes: int = 60 * MB  # whole multipart body
    max_json_bytes: int = 512 * 1024  # whole JSON body
    check_timeout: float = 15.0  # seconds, queueing included
    max_pending_checks: int = 32  # beyond this: 503 busy
    workers: int = 2  # CPU-bound executor (spaCy, image decoding)
    rate_per_second: float = 10.0  # per token, sustained
    rate_burst: int = 40  # per token, short bursts (typing, retries)
    pair_failures: int = 5  # wrong pairing codes allowed per client (Origin, or none) ...
    pair_window: float = 60.0  # ... per this many seconds
    pair_global_failures: int = 20  # ... and from all clients together in that window
    body_timeout: float = 10.0  # seconds to send a whole check body, before it may take a check slot
    idle_timeout: float = 15.0  # seconds an idle keep-alive connection stays open
    image_cache_entries: int = 512  # fingerprints (hashes only) by SHA-256


class TokenBucket:
    """Classic token bucket; `take()` returns 0 when allowed, else seconds to wait."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self._clock = rate, burst, clock
        self._tokens = float(burst)
        self._last = clock()

    def take(self) -> float:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return 0.0
        return (1 - self._tokens) / self.rate if self.rate > 0 else 60.0


class FailureWindow:
    """Counts failures in a sliding window (wrong pairing codes)."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.limit, self.window, self._clock = limit, window, clock
        self._times: deque[float] = deque()

    def _expire(self) -> float:
        now = self._clock()
        while self._times and self._times[0] <= now - self.window:
            self._times.popleft()
        return now

    def blocked_for(self) -> float:
        """0 when another attempt is allowed, else seconds until it is."""
        now = self._expire()
        if len(self._times) < self.limit:
            return 0.0
        return max(0.0, self._times[0] + self.window - now)

    def fail(self) -> None:
        self._expire()
        self._times.append(self._clock())

    def undo(self) -> None:
        """Take back the latest failure."""
        if self._times:
            self._times.pop()

    def count(self) -> int:
        self._expire()
        return len(self._times)


class PairingAttempts:
    """Pairing attempts, counted *before* a code is evaluated (so concurrent guesses cannot
    all be tried) and scoped: each client (its Origin, or none for local programs) has its own
    window, so wrong codes from one client do not lock the right code out for another; a
    global window bounds guessing from all clients together. A right code is forgiven."""

    MAX_SCOPES = 256

    def __init__(self, per_scope: int, overall: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.per_scope, self.window, self._clock = per_scope, window, clock
        self._overall = FailureWindow(overall, window, clock)
        self._scopes: dict[str, FailureWindow] = {}

    def _scope(self, scope: str) -> FailureWindow:
        found = self._scopes.get(scope)
        if found is None:
            if len(self._scopes) >= self.MAX_SCOPES:  # forget idle scopes; never grow without bound
                for key in [k for k, w in self._scopes.items() if w.blocked_for() == 0 and not w.count()]:
                    del self._scopes[key]
            found = self._scopes[scope] = FailureWindow(self.per_scope, self.window, self._clock)
        return found

    def reserve(self, scope: str) -> float:
        """0 and the attempt is counted, else seconds until this scope may try again."""
        window = self._scope(scope)
        wait = max(window.blocked_for(), self._overall.blocked_for())
        if wait:
            return wait
        window.fail()
        self._overall.fail()
        return 0.0

    def forgive(self, scope: str) -> None:
        """The attempt was a right code: it does not count against anyone."""
        self._scope(scope).undo()
        self._overall.undo()
