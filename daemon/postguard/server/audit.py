"""The check audit: what the IT admin sees with `postguard audit`.

Rows hold time, verdict, finding codes, pupil IDs, counts and durations:
never the draft text, image names or image bytes.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

KEEP_DAYS = 90


@dataclass
class AuditEntry:
    status: str
    duration_ms: float
    verdict: str | None = None
    codes: list[str] = field(default_factory=list)
    pupils: list[str] = field(default_factory=list)
    images: int = 0
    uploaded: int = 0
    consent_version: int | None = None
    check_ms: float | None = None
    origin: str | None = None
    resolved: list[str] = field(default_factory=list)  # UPNs staff chose for ambiguous names
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="milliseconds"))


def record(conn: sqlite3.Connection, entry: AuditEntry) -> None:
    conn.execute(
        "INSERT INTO check_audit(at, status, verdict, codes, pupils, images, uploaded,"
        " consent_version, duration_ms, check_ms, origin, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.at,
            entry.status,
            entry.verdict,
            json.dumps(entry.codes),
            json.dumps(entry.pupils),
            entry.images,
            entry.uploaded,
            entry.consent_version,
            round(entry.duration_ms, 2),
            None if entry.check_ms is None else round(entry.check_ms, 2),
            entry.origin,
            json.dumps(entry.resolved),
        ),
    )


def recent(conn: sqlite3.Connection, limit: int = 50) -> list[AuditEntry]:
    rows = conn.execute("SELECT * FROM check_audit ORDER BY id DESC LIMIT ?", (int(limit),))
    return [
        AuditEntry(
            at=r["at"],
            status=r["status"],
            verdict=r["verdict"],
            codes=json.loads(r["codes"]),
            pupils=json.loads(r["pupils"]),
            images=r["images"],
            uploaded=r["uploaded"],
            consent_version=r["consent_version"],
            duration_ms=r["duration_ms"],
            check_ms=r["check_ms"],
            origin=r["origin"],
            resolved=json.loads(r["resolved"]),
        )
        for r in rows
    ]


def prune(conn: sqlite3.Connection, keep_days: int = KEEP_DAYS) -> int:
    cutoff = (datetime.now(UTC) - timedelta(days=keep_days)).isoformat(timespec="milliseconds")
    return conn.execute("DELETE FROM check_audit WHERE at < ?", (cutoff,)).rowcount
