"""Shared values and helpers for the daemon tests (unique module name: importable from test files)."""

from __future__ import annotations

from postguard import db
from postguard.consent.store import Pupil
from postguard.server import pairing
from postguard.settings import Settings

# Invented pupils with UPN-shaped ids.
AMELIA = Pupil("A100000000001", "A100000000001", None, "Amelia", "Stonebridge", year_group="4",
               reg_group="4S", photo_consent="granted", name_consent="granted")
OLIVER = Pupil("B100000000002", "B100000000002", None, "Oliver", "Pemberton", year_group="4",
               reg_group="4S", photo_consent="refused", name_consent="refused")
ZARA = Pupil("C100000000003", "C100000000003", None, "Zara", "Quillfeather", year_group="5",
             reg_group="5T", photo_consent="granted", name_consent="granted", no_publish=True)
ROSTER = (AMELIA, OLIVER, ZARA)
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
