"""Photos with people through the daemon over real HTTP: image.faces, the staff answer
("pictured"), its audit, and the pupil picker (GET /v1/pupils)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import aiohttp
import pytest
from daemon_helpers import bearer

NO_PHOTO_CONSENT = "T100000000001"  # Amelia Stanton, Class 4B: photo consent No
HAS_PHOTO_CONSENT = "T100000000002"  # Amelia Okafor-Reid, Class 2G


@pytest.fixture
def astronaut() -> bytes:
    skimage = pytest.importorskip("skimage")
    return (Path(skimage.__file__).parent / "data" / "astronaut.png").read_bytes()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def form(text: str, files: dict[str, bytes], pictured: list | None = None) -> aiohttp.FormData:
    out = aiohttp.FormData(default_to_multipart=True)
    out.add_field("text", text)
    for name, data in files.items():
        out.add_field("images", data, filename=name, content_type="image/png")
    if pictured is not None:
        out.add_field("pictured", json.dumps(pictured))
    return out


async def check(client, token, **kw) -> dict:
    resp = await client.post("/v1/check", headers=bearer(token), **kw)
    assert resp.status == 200, await resp.text()
    return await resp.json()


def faces_of(body: dict) -> list[dict]:
    return [f for f in body["findings"] if f["code"] == "image.faces"]


async def test_photo_with_people_then_answers_by_hash(client, token, astronaut, settings):
    first = await check(client, token, data=form("Year 4 sports day", {"IMG_1.png": astronaut}))
    (faces,) = faces_of(first)
    assert first["verdict"] == "warn" and faces["severity"] == "warn"
    assert faces["pupils"] == [NO_PHOTO_CONSENT] and faces["faces"] == 1 and faces["sha256"] == sha(astronaut)
    assert faces["candidates"] == [{"pupil": NO_PHOTO_CONSENT, "name": "Amelia Stanton", "class": "Class 4B"}]
    ref = [{"name": "IMG_1.png", "sha256": sha(astronaut)}]

    checked = await check(
        client,
        token,
        json={"text": "Year 4 sports day", "images": ref, "pictured": [{"sha256": sha(astronaut), "checked": True}]},
    )
    assert checked["verdict"] == "info" and faces_of(checked)[0]["severity"] == "info"

    pictured = await check(
        client,
        token,
        json={
            "text": "Year 4 sports day",
            "images": ref,
            "pictured": [{"sha256": sha(astronaut), "pupils": [NO_PHOTO_CONSENT]}],
        },
    )
    assert pictured["verdict"] == "block"
    block = next(f for f in pictured["findings"] if f["code"] == "image.no_consent")
    assert block["pupils"] == [NO_PHOTO_CONSENT] and block["answer"] == "pictured"

    # The audit keeps the answers: UPNs, who, when; never the photo.
    from postguard.server.state import STATE

    for job in list(client.app[STATE].background):
        job.result(timeout=10)  # the audit is written on the daemon's I/O thread
    conn = sqlite3.connect(settings.db_path)
    rows = conn.execute("SELECT actor, at, sha256, pupils, checked FROM photo_answers ORDER BY id").fetchall()
    conn.close()
    assert [(r[2], json.loads(r[3]), r[4]) for r in rows] == [
        (sha(astronaut), [], 1),
        (sha(astronaut), [NO_PHOTO_CONSENT], 0),
    ]
    assert all(r[0] and r[1] for r in rows)


async def test_pictured_in_multipart_with_the_upload(client, token, astronaut):
    body = await check(
        client,
        token,
        data=form("Sports day", {"a.png": astronaut}, [{"sha256": sha(astronaut), "pupils": [HAS_PHOTO_CONSENT]}]),
    )
    assert body["verdict"] == "info" and faces_of(body)[0]["answered"] is True


@pytest.mark.parametrize(
    "pictured",
    [
        "not a list",
        [{"sha256": "abc", "checked": True}],
        [{"sha256": "a" * 64}],  # neither pupils nor checked
        [{"sha256": "a" * 64, "checked": "yes"}],
        [{"sha256": "a" * 64, "pupils": "T1"}],
        [{"sha256": "a" * 64, "pupils": [""]}],
        [{"sha256": "a" * 64, "checked": True, "photo": "..."}],
    ],
)
async def test_bad_pictured_is_a_clear_400(client, token, pictured):
    resp = await client.post("/v1/check", headers=bearer(token), json={"text": "Hi", "pictured": pictured})
    assert resp.status == 400
    assert (await resp.json())["error"]["code"] in ("bad_pictured", "bad_sha256")


async def test_pupil_picker_needs_the_token_and_finds_by_name(client, token):
    assert (await client.get("/v1/pupils", params={"q": "ame"})).status == 401
    resp = await client.get("/v1/pupils", params={"q": "ame st"}, headers=bearer(token))
    assert resp.status == 200
    assert await resp.json() == [{"pupil": NO_PHOTO_CONSENT, "name": "Amelia Stanton", "class": "Class 4B"}]
    many = await (await client.get("/v1/pupils", params={"q": "a"}, headers=bearer(token))).json()
    assert 0 < len(many) <= 20 and all(set(p) == {"pupil", "name", "class"} for p in many)
    assert await (await client.get("/v1/pupils", headers=bearer(token))).json() == []
    too_long = await client.get("/v1/pupils", params={"q": "x" * 101}, headers=bearer(token))
    assert too_long.status == 400
