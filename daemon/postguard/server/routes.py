"""HTTP handlers: /v1/health, /v1/pair, /v1/check, /v1/openapi.json."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiohttp import web

from postguard import __version__
from postguard.checker import CheckResult
from postguard.consent.follow import freshness
from postguard.consent.store import ConsentStore, seconds_since
from postguard.deadline import CheckOverrun, Deadline
from postguard.images.bank import record_answers
from postguard.server import audit, pairing
from postguard.server.check_input import loads_bounded, read_body, read_check_input, within
from postguard.server.checking import plan, run_job
from postguard.server.errors import ApiError
from postguard.server.openapi import spec
from postguard.server.security import check_origin
from postguard.server.state import STATE, ServerState
from postguard.text.resolution import ResolutionError

log = logging.getLogger("postguard.server")
MAX_PAIR_BODY = 4096
CONSENT_FACTS_TTL = 1.0  # seconds


def consent_facts(state: ServerState) -> dict[str, Any]:
    """Roster facts for health, re-read at most once a second (and after any check that saw
    a newer consent version), so health needs no database work while checks run."""
    now = time.monotonic()
    facts = state.consent_facts
    if facts is None or now - state.consent_facts_at > CONSENT_FACTS_TTL:
        store = ConsentStore(state.read_conn)
        settings = state.settings
        fresh = freshness(store, unread_hours=settings.stale_unread_hours, published_days=settings.stale_published_days)
        facts = {
            "consent_source": fresh.source,
            "consent_published_at": fresh.published_at,
            "consent_stale": fresh.stale,
            "consent_problem": fresh.problem,
            "roster_size": store.count(),
            "consent_version": store.version,
            "consent_changed_at": store.changed_at,
            "demo_roster": store.is_demo,
        }
        state.consent_facts, state.consent_facts_at = facts, now
    return facts


async def health(request: web.Request) -> web.Response:
    state = request.app[STATE]
    facts = consent_facts(state)
    return web.json_response(
        {
            "status": "ok",
            "version": __version__,
            "model_loaded": state.checker is not None,
            "images_enabled": state.checker is not None,  # photo checks come with every checker
            "roster_size": facts["roster_size"],
            "consent_version": facts["consent_version"],
            "consent_changed_at": facts["consent_changed_at"],
            "consent_age_seconds": seconds_since(facts["consent_changed_at"]),
            "demo_roster": facts["demo_roster"],
            "consent_source": facts["consent_source"],
            "consent_published_at": facts["consent_published_at"],
            "consent_stale": facts["consent_stale"],
            "consent_problem": facts["consent_problem"],
            "paired": state.paired,
        },
        headers={"Cache-Control": "no-store"},
    )


async def pair(request: web.Request) -> web.Response:
    state = request.app[STATE]
    origin = check_origin(request)  # extension origins or none; web pages were refused already
    if request.content_type != "application/json":
        raise ApiError(415, "unsupported_media_type", 'Send JSON: {"code": "ABCD-2345"}.')
    if request.content_length is not None and request.content_length > MAX_PAIR_BODY:
        raise ApiError(413, "too_large", "The pairing request is too large.")
    async with within(state.limits.body_timeout):
        data = loads_bounded(await read_body(request), 'Send JSON: {"code": "ABCD-2345"}.')
    code = data.get("code") if isinstance(data, dict) else None
    if not isinstance(code, str) or not code.strip():
        raise ApiError(400, "missing_code", 'Send the pairing code as {"code": "ABCD-2345"}.')
    # Counted before the code is looked at (no await in between): concurrent guesses cannot
    # all be tried; scoped to this client, so others' wrong codes do not lock it out.
    scope = origin or "local"
    wait = state.pair_attempts.reserve(scope)
    if wait:
        raise ApiError(
            429,
            "too_many_attempts",
            "Too many wrong pairing codes. Wait a minute, run 'postguard pair' for a new code and try again.",
            retry_after=wait,
        )
    if await state.on_io(pairing.redeem, code, origin):
        state.pair_attempts.forgive(scope)
    else:
        log.warning("pairing refused (wrong, used or expired code) origin=%s", origin)
        raise ApiError(
            403, "bad_code", "That pairing code is wrong, already used or expired. Run 'postguard pair' for a new code."
        )
    if origin is not None:
        state.paired_origins.add(origin)
    state.paired = True
    log.info("paired origin=%s", origin)
    return web.json_response({"token": state.token}, headers={"Cache-Control": "no-store"})


async def check(request: web.Request) -> web.Response:
    state = request.app[STATE]
    started = time.perf_counter()
    origin = request.headers.get("Origin")
    if state.checker is None:
        raise ApiError(503, "not_ready", "PostGuard is still starting. Try again in a few seconds.")
    # The whole body first, within its own time limit: a slow client holds a connection,
    # never a check slot.
    given = await read_check_input(request, state.limits)
    if state.pending_checks >= state.limits.max_pending_checks:
        raise ApiError(503, "busy", "PostGuard is busy with other checks. Try again in a moment.", retry_after=1)
    state.pending_checks += 1
    # The worker tests this between bounded steps: a check past its time, or whose client
    # went away, really stops instead of running on after the answer.
    deadline = Deadline.after(state.limits.check_timeout)
    try:
        async with asyncio.timeout(state.limits.check_timeout):
            job, unknown = plan(given, state.cache)
            job.deadline = deadline
            done = await asyncio.get_running_loop().run_in_executor(state.cpu, run_job, state.checker, job)
    except asyncio.CancelledError:
        # The client went away (the extension cancels stale checks while staff type); with
        # handler cancellation on, a job still queued for a worker is dropped, not run.
        deadline.cancel()
        _audit(state, "cancelled", started, origin=origin)
        raise
    except ResolutionError as error:  # a chosen pupil that does not fit the post's names
        raise ApiError(400, "bad_resolved", str(error)) from None
    except (TimeoutError, CheckOverrun):
        deadline.cancel()
        _audit(state, "timeout", started, origin=origin)
        raise ApiError(
            504,
            "timeout",
            "The check took too long. Try again; if it keeps happening, shorten the post or restart PostGuard.",
        ) from None
    finally:
        state.pending_checks -= 1
    for sha, fp in done.new_fingerprints.items():
        state.cache.put(sha, fp)
    result = done.result
    if state.consent_facts and state.consent_facts["consent_version"] != result.consent_version:
        state.consent_facts = None  # health shows the new consent list at once
    body = result.to_dict()
    body["unknown_images"] = unknown
    if given.answers:
        state.on_io_later(record_answers, given.answers, None, origin)
    _audit(
        state,
        "ok",
        started,
        result=result,
        images=given.image_count,
        uploaded=len(given.uploads),
        check_ms=done.check_ms,
        origin=origin,
        resolved=[r.pupil for r in given.resolved],
    )
    return web.json_response(body, headers={"Cache-Control": "no-store"})


def _audit(
    state: ServerState,
    status: str,
    started: float,
    *,
    result: CheckResult | None = None,
    images: int = 0,
    uploaded: int = 0,
    check_ms: float | None = None,
    origin: str | None = None,
    resolved: list[str] | None = None,
) -> None:
    duration = (time.perf_counter() - started) * 1000
    entry = audit.AuditEntry(
        status=status,
        duration_ms=duration,
        images=images,
        uploaded=uploaded,
        check_ms=check_ms,
        origin=origin,
        resolved=list(resolved or []),
    )
    if result is not None:
        entry.verdict = result.verdict
        entry.codes = [f.code for f in result.findings]
        entry.pupils = sorted({p for f in result.findings for p in f.pupils})
        entry.consent_version = result.consent_version
    # Codes, pupil IDs, counts and times only: never the text or the images.
    log.info(
        "check status=%s verdict=%s codes=%s pupils=%s images=%d ms=%.1f",
        status,
        entry.verdict,
        ",".join(entry.codes) or "-",
        ",".join(entry.pupils) or "-",
        images,
        duration,
    )
    state.on_io_later(audit.record, entry)


MAX_PUPIL_QUERY = 100


async def pupils(request: web.Request) -> web.Response:
    """GET /v1/pupils?q=TEXT: roster matches for the extension's pupil picker (token required)."""
    state = request.app[STATE]
    if state.checker is None:
        raise ApiError(503, "not_ready", "PostGuard is still starting. Try again in a few seconds.")
    query = request.query.get("q", "")
    if len(query) > MAX_PUPIL_QUERY:
        raise ApiError(400, "bad_query", f"Type at most {MAX_PUPIL_QUERY} characters to search for a pupil.")
    return web.json_response(state.checker.find_pupils(query), headers={"Cache-Control": "no-store"})


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(spec(f"http://{request.host.lower()}"))  # the Host check is case-insensitive


def add_routes(app: web.Application) -> None:
    app.router.add_get("/v1/health", health, name="health")
    app.router.add_post("/v1/pair", pair, name="pair")
    app.router.add_post("/v1/check", check, name="check")
    app.router.add_get("/v1/pupils", pupils, name="pupils")
    app.router.add_get("/v1/openapi.json", openapi, name="openapi")
