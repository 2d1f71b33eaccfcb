"""Limits that must hold under concurrency: pairing attempts, slow bodies, idle connections."""

from __future__ import annotations

import asyncio
import json

import pytest
from hardening_helpers import new_code, pair
from raw_http import request, send_raw

ORIGIN_A = "chrome-extension://" + "a" * 32
ORIGIN_B = "chrome-extension://" + "b" * 32


async def test_concurrent_wrong_codes_are_counted_before_they_are_tried(make_client):
    client = await make_client(pair_failures=5, pair_global_failures=50)
    answers = await asyncio.gather(*(client.post("/v1/pair", json={"code": "AAAA-2222"}) for _ in range(60)))
    statuses = [r.status for r in answers]
    assert statuses.count(403) == 5 and statuses.count(429) == 55


async def test_wrong_codes_from_one_client_do_not_lock_out_another(make_client, roster_checker):
    client = await make_client(pair_failures=5)
    for _ in range(8):
        await client.post("/v1/pair", json={"code": "AAAA-2222"}, headers={"Origin": ORIGIN_A})
    locked = await client.post(
        "/v1/pair", json={"code": new_code(roster_checker.settings)}, headers={"Origin": ORIGIN_A}
    )
    assert locked.status == 429
    for origin in (ORIGIN_B, None):  # another extension, and a local program
        assert await pair(client, roster_checker.settings, origin=origin)


async def test_guessing_from_many_clients_is_bounded_overall(make_client):
    client = await make_client(pair_failures=5, pair_global_failures=12)
    statuses = []
    for i in range(30):
        origin = "chrome-extension://" + "abcdefghijklmnop"[i % 16] * 32
        statuses.append((await client.post("/v1/pair", json={"code": "AAAA-2222"}, headers={"Origin": origin})).status)
    assert statuses.count(403) == 12 and statuses.count(429) == 18


async def test_right_codes_do_not_use_up_the_allowance(make_client, roster_checker):
    client = await make_client(pair_failures=2)
    for _ in range(6):
        assert await pair(client, roster_checker.settings, origin=None)


async def _slow_body(port: int, token: str, stall: float) -> int | None:
    body = json.dumps({"text": "Hello from a slow client"}).encode()
    raw = request(
        "POST",
        "/v1/check",
        port,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        body=body,
    )
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw[: len(raw) - len(body) + 5])  # headers and a little of the body, then nothing
    await writer.drain()
    try:
        answer = await asyncio.wait_for(reader.readuntil(b"\r\n"), stall)
    except (TimeoutError, asyncio.IncompleteReadError):
        return None
    finally:
        writer.close()
    return int(answer.split()[1]) if answer else None


async def test_slow_bodies_do_not_take_check_slots(make_client, roster_checker):
    client = await make_client(body_timeout=1.0, max_pending_checks=2)
    token = await pair(client, roster_checker.settings)
    slow = [asyncio.create_task(_slow_body(client.port, token, stall=10)) for _ in range(12)]
    await asyncio.sleep(0.2)  # the slow bodies are all being read now
    normal = await asyncio.gather(
        *(
            client.post("/v1/check", json={"text": f"Post {i}"}, headers={"Authorization": f"Bearer {token}"})
            for i in range(2)
        )
    )
    assert [r.status for r in normal] == [200, 200]
    assert await asyncio.gather(*slow) == [408] * 12


async def test_idle_connections_are_closed(make_client):
    client = await make_client(idle_timeout=0.3)
    reader, writer = await asyncio.open_connection("127.0.0.1", client.port)
    raw = request("GET", "/v1/health", client.port, headers={"Connection": "keep-alive"})
    writer.write(raw)
    await writer.drain()
    first = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    assert b" 200 " in first
    rest = await asyncio.wait_for(reader.read(), 5)  # returns once the server closes the idle connection
    assert b"HTTP/1.1" not in rest
    writer.close()
    assert send_raw  # same helper module as the other raw tests


@pytest.mark.parametrize("sent", [b"", b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1"])
async def test_silent_and_half_sent_connections_are_closed(make_client, sent):
    client = await make_client(idle_timeout=0.3)
    reader, writer = await asyncio.open_connection("127.0.0.1", client.port)
    writer.write(sent)
    await writer.drain()
    assert await asyncio.wait_for(reader.read(), 10) == b""  # closed by the server, no answer
    writer.close()
