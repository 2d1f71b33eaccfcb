"""create_app(settings): the daemon's aiohttp application.

Start-up (cleanup contexts) opens the data folder (token, SQLite) on a single
I/O thread and loads the checker (spaCy model) on the CPU executor, off the
event loop. Tests pass a prebuilt checker so the model loads once per session.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import sqlite3
import sys
import threading
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from aiohttp import web

from postguard import db
from postguard.server import audit, pairing
from postguard.server.errors import error_middleware
from postguard.server.imagecache import FingerprintCache
from postguard.server.limits import Limits
from postguard.server.protocol import PathOnlyAccessLogger, install_log_redaction, json_protocol_errors
from postguard.server.routes import add_routes
from postguard.server.security import auth_middleware, security_middleware
from postguard.server.state import STATE, ServerState
from postguard.settings import Settings

if TYPE_CHECKING:
    from postguard.checker import Checker

log = logging.getLogger("postguard.server")
WORKER_NICENESS = 5
WARM_UP_TEXT = "Well done to everyone in Year 4 for a lovely assembly today."


def create_app(settings: Settings, *, checker: Checker | None = None, limits: Limits | None = None) -> web.Application:
    limits = limits or Limits()
    install_log_redaction()
    app = web.Application(
        middlewares=[error_middleware(), security_middleware(), auth_middleware()],
        client_max_size=limits.max_json_bytes,
        # Access lines hold method, route template, status and time only (never a query string).
        # Idle keep-alive connections close; an unread body is drained for at most 2 s, not 10.
        handler_args={
            "access_log_class": PathOnlyAccessLogger,
            "keepalive_timeout": limits.idle_timeout,
            "lingering_time": 2.0,
        },
    )
    json_protocol_errors(app)
    app[STATE] = ServerState(settings=settings, limits=limits, checker=checker)
    app.cleanup_ctx.append(data_folder)
    app.cleanup_ctx.append(consent_follower)
    app.cleanup_ctx.append(check_engine)
    add_routes(app)
    return app


def lower_thread_priority() -> None:
    """Check threads yield the CPU to the event loop thread (Linux: per-thread nice)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)


async def data_folder(app: web.Application) -> AsyncIterator[None]:
    """Token and the daemon's own SQLite connections, all touched on one I/O thread."""
    state = app[STATE]
    state.io = ThreadPoolExecutor(1, thread_name_prefix="postguard-io")

    def open_storage() -> tuple[sqlite3.Connection, set[str], bool]:
        conn = db.connect(state.settings.db_path)
        # Audit rows and pairings: no fsync per row (WAL stays consistent; a power cut may lose the last few).
        conn.execute("PRAGMA synchronous=NORMAL")
        audit.prune(conn)
        state.load_token()
        return conn, pairing.paired_origins(conn), pairing.is_paired(conn)

    loop = asyncio.get_running_loop()
    state.conn, state.paired_origins, state.paired = await loop.run_in_executor(state.io, open_storage)
    yield
    for future in list(state.background):  # pending audit rows
        await asyncio.wrap_future(future)
    state.io.shutdown(wait=True)
    state.conn.close()


async def follow_once(state: ServerState) -> str:
    """Look for a newer published consent list (a following computer only), off the event loop."""
    from postguard.consent.follow import update_home

    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(None, update_home, state.settings.db_path, state.settings.home)
    if result.status in ("refused", "unavailable"):
        log.warning("consent list not updated: %s", result.status)
    elif result.status == "applied":
        log.info("published consent list version %s applied", result.version)
    state.consent_facts = None  # health re-reads
    return result.status


async def consent_follower(app: web.Application) -> AsyncIterator[None]:
    """At start and every `follow_poll_seconds`: the newest valid list from the followed source."""
    state = app[STATE]

    async def poll() -> None:
        while True:
            try:
                status = await follow_once(state)
            except Exception:  # never let the poller die: the next round tries again
                log.exception("consent list poll failed")
                status = "error"
            if status == "local":
                await asyncio.sleep(max(state.settings.follow_poll_seconds, 5.0))
            else:
                await asyncio.sleep(state.settings.follow_poll_seconds)

    task = asyncio.create_task(poll())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def check_engine(app: web.Application) -> AsyncIterator[None]:
    """The bounded CPU executor, and the checker loaded (and warmed up) on it."""
    state = app[STATE]
    state.cpu = ThreadPoolExecutor(
        state.limits.workers, thread_name_prefix="postguard-check", initializer=lower_thread_priority
    )
    state.cache = FingerprintCache(state.limits.image_cache_entries)
    owns_checker = state.checker is None
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    checker = state.checker
    if checker is None:
        from postguard.checker import Checker  # heavy import (spaCy): only when serving

        # Consent changes are re-indexed off the request path; checks use the previous index meanwhile.
        make = functools.partial(Checker, state.settings, background_refresh=True)
        checker = state.checker = await loop.run_in_executor(state.cpu, make)
        # First spaCy call is slower (lazy init); pay it before the first real check.
        await loop.run_in_executor(state.cpu, checker.check, WARM_UP_TEXT)
    state.load_seconds = time.perf_counter() - started
    # Health reads the consent list the checker uses (the same data folder when serving).
    db_path = checker.settings.db_path
    state.read_conn = await loop.run_in_executor(state.io, lambda: db.connect(db_path, migrate=False))
    yield
    state.read_conn.close()
    state.cpu.shutdown(wait=True, cancel_futures=True)
    if owns_checker:
        checker.close()
