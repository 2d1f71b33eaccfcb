"""Everything the running daemon holds, behind one typed app key."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from aiohttp import web

from postguard.server.imagecache import FingerprintCache
from postguard.server.limits import Limits, PairingAttempts, TokenBucket
from postguard.server.token import load_or_create_token
from postguard.settings import Settings

if TYPE_CHECKING:
    from postguard.checker import Checker

T = TypeVar("T")


@dataclass
class ServerState:
    settings: Settings
    limits: Limits
    checker: Checker | None = None  # once loaded
    token: str = ""
    token_stamp: tuple[int, int] | None = None  # (inode, mtime) of the token file we hold
    paired_origins: set[str] = field(default_factory=set)
    paired: bool = False
    # Set by the app's cleanup contexts at start-up (absent before, never None while serving).
    cpu: ThreadPoolExecutor = field(init=False)  # spaCy and image work
    io: ThreadPoolExecutor = field(init=False)  # the daemon's own SQLite writes, one thread
    conn: sqlite3.Connection = field(init=False)  # used on the io thread only
    read_conn: sqlite3.Connection = field(init=False)  # used on the event loop only (health)
    cache: FingerprintCache = field(init=False)
    buckets: dict[str, TokenBucket] = field(default_factory=dict)
    pair_attempts: PairingAttempts = field(init=False)
    pending_checks: int = 0
    background: set[Future[Any]] = field(default_factory=set)
    consent_facts: dict[str, Any] | None = None  # health's cached roster facts
    consent_facts_at: float = 0.0
    load_seconds: float | None = None

    def __post_init__(self) -> None:
        self.pair_attempts = PairingAttempts(
            self.limits.pair_failures, self.limits.pair_global_failures, self.limits.pair_window
        )

    def load_token(self) -> None:
        self.token = load_or_create_token(self.settings.token_path)
        self.token_stamp = token_stamp(self.settings.token_path)

    def sync_token(self) -> None:
        """`postguard pair --reset` replaces the token file: forget every pairing at once."""
        if token_stamp(self.settings.token_path) != self.token_stamp:
            self.load_token()
            self.paired_origins = set()
            self.paired = False
            self.buckets.clear()

    def bucket_for(self, token: str) -> TokenBucket:
        bucket = self.buckets.get(token)
        if bucket is None:
            bucket = self.buckets[token] = TokenBucket(self.limits.rate_per_second, self.limits.rate_burst)
        return bucket

    async def on_io(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a SQLite job on the daemon's single I/O thread and wait for it."""
        return await asyncio.get_running_loop().run_in_executor(self.io, fn, self.conn, *args)

    def on_io_later(self, fn: Callable[..., object], *args: Any) -> None:
        """Fire-and-forget SQLite job (audit rows); drained at shutdown."""
        future = self.io.submit(fn, self.conn, *args)
        self.background.add(future)
        future.add_done_callback(self.background.discard)


def token_stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns)


STATE = web.AppKey("postguard_state", ServerState)
