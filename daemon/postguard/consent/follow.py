"""A staff computer following the school's published consent list.

`update()` reads the list from its source (a folder or an https:// address), verifies
the key and the signature, refuses an older list (no rollback), and applies a newer one
in one transaction. A copy of the last good file is kept in the data folder; the
database itself holds the list in force, so PostGuard works offline. Every outcome is
recorded in `meta` so `postguard status` and `/v1/health` can say what happened.
"""

from __future__ import annotations

import base64
import sqlite3
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from postguard import db
from postguard.consent.published import (
    FILE_NAME,
    MAX_LIST_BYTES,
    PUPIL_FIELDS,
    ListRefused,
    PublishedList,
    verify,
)
from postguard.consent.store import ConsentStore, now_iso
from postguard.db import transaction
from postguard.files import UnreadableFile, read_regular_file
from postguard.home import write_private

KEPT_COPY = "followed-consent-list.signed"
FETCH_TIMEOUT = 15.0

APPLIED, CURRENT, REFUSED, UNAVAILABLE, NOT_FOLLOWING = "applied", "current", "refused", "unavailable", "local"


class SourceUnavailable(OSError):
    """The source could not be read (offline, folder missing, server error); str() is plain English."""


@dataclass(frozen=True)
class Fetched:
    data: bytes | None  # None: unchanged since the stamp the caller gave
    stamp: str | None = None  # folder: size, mtime and inode; web: ETag or Last-Modified


Fetcher = Callable[[str, "str | None"], Fetched]


@dataclass(frozen=True)
class FollowConfig:
    source: str
    key: str  # fingerprint


@dataclass(frozen=True)
class UpdateResult:
    status: str  # APPLIED, CURRENT, REFUSED, UNAVAILABLE, NOT_FOLLOWING
    message: str
    version: int | None = None


@dataclass(frozen=True)
class Freshness:
    """Where the list in force comes from and whether it can be trusted as current."""

    source: str  # "local" or the followed source
    following: bool
    version: int | None
    published_at: str | None
    last_read_at: str | None  # last time a valid list was read from the source
    stale: bool
    stale_reasons: list[str] = field(default_factory=list)
    problem: str | None = None  # the last problem, when nothing good was read since
    problem_at: str | None = None


def follow_config(store: ConsentStore) -> FollowConfig | None:
    source, key = store.meta("follow_source"), store.meta("follow_key")
    return FollowConfig(source, key) if source and key else None


# -- reading a source ------------------------------------------------------------
def is_url(source: str) -> bool:
    return source.lower().startswith(("https://", "http://"))


def fetch(
    source: str,
    known: str | None = None,
    *,
    allow_http: bool = False,
    timeout: float = FETCH_TIMEOUT,
    ssl_context: ssl.SSLContext | None = None,
) -> Fetched:
    """The list file from a folder, a file path or an https:// address; `data` is None when the
    file is unchanged since `known` (so the every-minute look reads ~100 bytes, not the list).

    Plain http:// is refused in production; `allow_http` is for tests against a loopback server.
    https:// certificates are checked against the system's trusted roots (`ssl_context` lets a
    test trust its own self-signed certificate instead).
    """
    if is_url(source):
        if source.lower().startswith("http://") and not allow_http:
            raise SourceUnavailable("only https:// addresses are accepted")
        return _fetch_url(source, known, timeout, ssl_context)
    path = Path(source).expanduser()
    if path.name != FILE_NAME:  # a folder (the usual form): the list file inside it
        if not path.is_dir():
            raise SourceUnavailable(f"the folder {path} cannot be found (is the network drive connected?)")
        path = path / FILE_NAME
    try:
        st = path.stat()
    except OSError as e:
        raise SourceUnavailable(_missing(path, e)) from None
    stamp = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"
    if known is not None and stamp == known:
        return Fetched(None, stamp)
    try:
        return Fetched(read_regular_file(path, MAX_LIST_BYTES), stamp)
    except UnreadableFile as e:
        raise SourceUnavailable(str(e).rstrip(".")) from None


def _missing(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        if not path.parent.is_dir():
            return f"the folder {path.parent} cannot be found (is the network drive connected?)"
        return f"there is no {path.name} in {path.parent} (has the list been published there?)"
    return f"{path} cannot be opened ({error.strerror or 'error'})"


def _fetch_url(url: str, known: str | None, timeout: float, ssl_context: ssl.SSLContext | None) -> Fetched:
    if not url.rstrip("/").endswith(FILE_NAME):
        url = url.rstrip("/") + "/" + FILE_NAME
    headers = {"Cache-Control": "no-cache", "User-Agent": "PostGuard"}
    if known:
        kind, _, value = known.partition(" ")
        headers["If-None-Match" if kind == "etag" else "If-Modified-Since"] = value
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=ssl_context) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_LIST_BYTES:
                raise SourceUnavailable("the file there is far too large to be a consent list")
            data = response.read(MAX_LIST_BYTES + 1)
            etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    except urllib.error.HTTPError as e:
        if e.code == 304 and known:
            return Fetched(None, known)
        raise SourceUnavailable(f"the web server answered {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        if isinstance(e.reason, ssl.SSLCertVerificationError):
            raise SourceUnavailable(
                "the web server's certificate is not trusted by this computer (is the address right?)"
            ) from None
        reason = getattr(e.reason, "strerror", None) or str(e.reason)
        raise SourceUnavailable(f"the address could not be reached ({reason})") from None
    except (TimeoutError, OSError) as e:
        raise SourceUnavailable(f"the address could not be reached ({getattr(e, 'strerror', None) or e})") from None
    if len(data) > MAX_LIST_BYTES:
        raise SourceUnavailable("the file there is far too large to be a consent list")
    stamp = f"etag {etag}" if etag else f"modified {modified}" if modified else None
    return Fetched(data, stamp)


# -- applying --------------------------------------------------------------------
def apply(conn: sqlite3.Connection, published: PublishedList, source: str) -> bool:
    """Replace pupils, staff and reference photos with the published list, all-or-nothing.

    False (nothing changed) when another process applied this version or a newer one meanwhile:
    the version is compared again inside the write transaction, so two processes never roll back.
    """
    store = ConsentStore(conn)
    content = published.content
    at = now_iso()
    cols = [*PUPIL_FIELDS, "updated_at"]
    with transaction(conn):
        current = store.meta("follow_version")
        if current is not None and int(current) >= published.version:
            return False
        conn.execute("DELETE FROM pupils")
        conn.executemany(
            f"INSERT INTO pupils({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [
                (*(int(p[f]) if isinstance(p[f], bool) else p[f] for f in PUPIL_FIELDS), published.published_at)
                for p in content["pupils"]
            ],
        )
        conn.execute("DELETE FROM staff")
        conn.executemany("INSERT OR IGNORE INTO staff(name, role) VALUES (?, ?)", [tuple(s) for s in content["staff"]])
        conn.execute("DELETE FROM image_ref_pupils")
        conn.execute("DELETE FROM image_refs")
        for image in content["images"]:
            cur = conn.execute(
                "INSERT INTO image_refs(source_name, source_key, sha256, file_bytes, width, height, format,"
                " hash_version, hashes, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    image["source_name"],
                    image["source_key"],
                    image["sha256"],
                    image["file_bytes"],
                    image["width"],
                    image["height"],
                    image["format"],
                    image["hash_version"],
                    base64.b64decode(image["hashes"]),
                    image["added_at"],
                    image["added_by"],
                ),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO image_ref_pupils(ref_id, pupil_id) VALUES (?, ?)",
                [(cur.lastrowid, pid) for pid in image["pupils"]],
            )
        for pupil_id in content["forgotten"]:  # erased at the school: out of this computer's records too
            store.forget_in_check_records(pupil_id)
        store._audit(
            None,
            "followed list",
            None,
            f"version {published.version}, published {published.published_at}",
            f"follow {source}",
            "postguard",
            at,
        )
        for key, value in (
            ("follow_version", str(published.version)),
            ("follow_published_at", published.published_at),
            ("follow_content_sha256", published.content_sha256),
            ("follow_last_ok_at", at),
            ("roster_source", "followed"),
            ("staff_source", "followed"),
            ("roster_imported_at", at),
        ):
            store.set_meta(key, value)
        store.mark_changed()
    return True


def _record(store: ConsentStore, **values: str | None) -> None:
    with transaction(store.conn):
        for key, value in values.items():
            store.set_meta(key, value)


def update(conn: sqlite3.Connection, home: Path, *, fetcher: Fetcher = fetch) -> UpdateResult:
    """Look for a newer list at the source and apply it. Never raises for a bad or missing list."""
    store = ConsentStore(conn)
    config = follow_config(store)
    if config is None:
        return UpdateResult(NOT_FOLLOWING, "This computer keeps its own consent list.")
    now = now_iso()
    known = store.meta("follow_stamp") if store.meta("follow_version") else None
    try:
        fetched = fetcher(config.source, known)
    except SourceUnavailable as e:
        message = f"The list in {config.source} could not be read: {e}. The last good list stays in force."
        _record(store, follow_last_problem=message, follow_last_problem_at=now, follow_last_checked_at=now)
        return UpdateResult(UNAVAILABLE, message)
    if fetched.data is None:  # the same file as the list in force, verified when it was read
        _record(
            store,
            follow_last_ok_at=now,
            follow_last_checked_at=now,
            follow_last_problem=None,
            follow_last_problem_at=None,
        )
        return UpdateResult(CURRENT, "The list in force is the newest (the file has not changed).")
    data = fetched.data
    try:
        published = verify(data, config.key)
        current = store.meta("follow_version")
        if current is not None:
            if published.version < int(current):
                raise ListRefused(
                    f"it is older (version {published.version}) than the list in force (version {current}); "
                    "an old copy may have been put back"
                )
            if published.version == int(current) and published.content_sha256 != store.meta("follow_content_sha256"):
                raise ListRefused(
                    f"it has the same version ({current}) as the list in force but different contents; "
                    "publish again from the school's PostGuard"
                )
    except ListRefused as e:
        message = f"The list in {config.source} was refused: {e}. The last good list stays in force."
        _record(store, follow_last_problem=message, follow_last_problem_at=now, follow_last_checked_at=now)
        return UpdateResult(REFUSED, message)
    current = store.meta("follow_version")
    if current is not None and published.version == int(current):
        # Same list, perhaps published again: it is still current.
        _record(
            store,
            follow_last_ok_at=now,
            follow_last_checked_at=now,
            follow_last_problem=None,
            follow_last_problem_at=None,
            follow_stamp=fetched.stamp,
            follow_published_at=max(published.published_at, store.meta("follow_published_at") or ""),
        )
        return UpdateResult(CURRENT, f"The list in force (version {current}) is the newest.", published.version)
    try:
        applied = apply(conn, published, config.source)
    except (sqlite3.IntegrityError, KeyError, TypeError, ValueError):
        message = (
            f"The list in {config.source} was refused: it is signed correctly but its pupils cannot be "
            "stored (publish it again from the school's PostGuard). The last good list stays in force."
        )
        _record(store, follow_last_problem=message, follow_last_problem_at=now, follow_last_checked_at=now)
        return UpdateResult(REFUSED, message)
    if not applied:
        _record(store, follow_last_ok_at=now, follow_last_checked_at=now)
        return UpdateResult(CURRENT, "The newest list was already applied (by another PostGuard process).")
    write_private(home / KEPT_COPY, data)
    _record(
        store,
        follow_last_checked_at=now,
        follow_last_problem=None,
        follow_last_problem_at=None,
        follow_stamp=fetched.stamp,
    )
    return UpdateResult(
        APPLIED,
        f"Consent list version {published.version} (published {published.published_at}) is now in force: "
        f"{len(published.content['pupils'])} pupils.",
        published.version,
    )


def update_home(db_path: Path, home: Path, *, fetcher: Fetcher = fetch) -> UpdateResult:
    """`update` on a connection of its own (the daemon's poller, CLI commands)."""
    conn = db.connect(db_path)
    try:
        return update(conn, home, fetcher=fetcher)
    finally:
        conn.close()


def start_following(
    conn: sqlite3.Connection, home: Path, source: str, key: str, *, fetcher: Fetcher = fetch
) -> UpdateResult:
    """Verify the list at `source` with `key` first; only a good list makes this computer follow it."""
    store = ConsentStore(conn)
    fetched = fetcher(source, None)  # SourceUnavailable goes to the caller
    verify(fetched.data or b"", key)  # ListRefused goes to the caller
    previous = follow_config(store)
    with transaction(conn):
        store.set_meta("follow_source", source)
        store.set_meta("follow_key", key)
        for meta_key in ("follow_last_problem", "follow_last_problem_at"):
            store.set_meta(meta_key, None)
        store.set_meta("follow_stamp", None)
        if previous is None or previous.key != key:  # a new key starts a new series of versions
            for meta_key in ("follow_version", "follow_content_sha256", "follow_published_at"):
                store.set_meta(meta_key, None)
    return update(conn, home, fetcher=lambda _source, _known: fetched)


def stop_following(conn: sqlite3.Connection, home: Path) -> FollowConfig | None:
    """Back to a local list: the list in force stays, and local edits are allowed again."""
    store = ConsentStore(conn)
    previous = follow_config(store)
    with transaction(conn):
        for key in (
            "follow_source",
            "follow_key",
            "follow_version",
            "follow_content_sha256",
            "follow_published_at",
            "follow_last_ok_at",
            "follow_last_problem",
            "follow_last_problem_at",
            "follow_last_checked_at",
            "follow_stamp",
        ):
            store.set_meta(key, None)
        if store.roster_source == "followed":
            store.set_meta("roster_source", "import")
            store.set_meta("staff_source", "import")
    (home / KEPT_COPY).unlink(missing_ok=True)
    return previous


# -- freshness ---------------------------------------------------------------------
def freshness(
    store: ConsentStore, *, unread_hours: float = 24.0, published_days: float = 7.0, now: datetime | None = None
) -> Freshness:
    """Stale: following, and no valid list read for `unread_hours`, or the list is `published_days` old."""
    config = follow_config(store)
    if config is None:
        return Freshness("local", False, store.version, None, None, False)
    now = now or datetime.now(UTC)
    last_ok, published = store.meta("follow_last_ok_at"), store.meta("follow_published_at")
    reasons = []
    if last_ok is None or now - _when(last_ok) > timedelta(hours=unread_hours):
        reasons.append(f"no valid list was read from {config.source} for more than {unread_hours:g} hours")
    if published is None or now - _when(published) > timedelta(days=published_days):
        reasons.append(f"the list in force was published more than {published_days:g} days ago")
    problem, problem_at = (
        store.meta("follow_last_problem"),
        store.meta("follow_last_problem_at"),
    )  # cleared by a good read
    version = store.meta("follow_version")
    return Freshness(
        config.source,
        True,
        int(version) if version else None,
        published,
        last_ok,
        bool(reasons),
        reasons,
        problem,
        problem_at,
    )


def looked_within(store: ConsentStore, seconds: float) -> bool:
    """Whether the source was looked at (successfully or not) in the last `seconds`."""
    checked = store.meta("follow_last_checked_at")
    return checked is not None and datetime.now(UTC) - _when(checked) < timedelta(seconds=seconds)


def _when(iso: str) -> datetime:
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
