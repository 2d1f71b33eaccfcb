"""Shared values and helpers for the daemon tests (unique module name: importable from test files)."""

from __future__ import annotations

from pathlib import Path

from postguard import db
from postguard.server import pairing
from postguard.settings import Settings

# Pupils of the shared fixture roster (tests/fixtures/roster.csv, invented names).
ROSTER_CSV = Path(__file__).resolve().parents[1] / "fixtures" / "roster.csv"
NAMED = "T100000000014"  # Sebastian Novak: name and photo consent granted
NO_CONSENT = "T100000000023"  # Daisy Kemp: name consent never asked
EXTENSION_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def new_code(settings: Settings, ttl: int = pairing.CODE_TTL_SECONDS) -> str:
    conn = db.connect(settings.db_path)
    try:
        return pairing.new_code(conn, ttl)
    finally:
        conn.close()


async def pair(client, settings: Settings, origin: str | None = EXTENSION_ORIGIN) -> str:
    headers = {"Origin": origin} if origin else {}
    resp = await client.post("/v1/pair", json={"code": new_code(settings)}, headers=headers)
    assert resp.status == 200, await resp.text()
    return (await resp.json())["token"]


def bearer(token: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **extra}
