"""Pairing helpers for the hardening tests (a unique module name: importable from test files)."""

from __future__ import annotations

from postguard import db
from postguard.server import pairing

EXTENSION_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def new_code(settings) -> str:
    conn = db.connect(settings.db_path)
    try:
        return pairing.new_code(conn)
    finally:
        conn.close()


async def pair(client, settings, origin: str | None = EXTENSION_ORIGIN) -> str:
    headers = {"Origin": origin} if origin else {}
    resp = await client.post("/v1/pair", json={"code": new_code(settings)}, headers=headers)
    assert resp.status == 200, await resp.text()
    return (await resp.json())["token"]
