"""POST /v1/check with the real checker: findings, bad input, consent changes, audit privacy."""

from __future__ import annotations

import json
import logging

import aiohttp
import pytest
from click.testing import CliRunner
from daemon_helpers import NAMED, NO_CONSENT, bearer

from postguard import db
from postguard.cli import build_cli
from postguard.server import audit

SECRET_SENTENCE = "Well done Daisy Kemp at the swimming gala! The bus home leaves at 8."


async def check(client, token, body=None, **kw):
    resp = (
        await client.post("/v1/check", json=body, headers=bearer(token), **kw)
        if body is not None
        else await client.post("/v1/check", headers=bearer(token), **kw)
    )
    return resp.status, await resp.json()


def codes_of(body) -> list[str]:
    return [f["code"] for f in body["findings"]]


# -- findings -----------------------------------------------------------------
async def test_consented_first_name_is_info(client, token, checker):
    status, body = await check(client, token, {"text": "Well done Sebastian for a brilliant poem today!"})
    assert status == 200
    assert body["verdict"] == "info"
    named = [f for f in body["findings"] if f["code"] == "pupil.named"]
    assert named and named[0]["pupils"] == [NAMED]
    assert body["consent_version"] == checker.store.version
    assert body["unknown_images"] == []


async def test_pupil_without_consent_blocks_with_utf16_offsets(client, token):
    text = "🎉🎉 Daisy scored the winning goal!"
    status, body = await check(client, token, {"text": text})
    assert status == 200 and body["verdict"] == "block"
    found = next(f for f in body["findings"] if f["code"] == "pupil.no_consent")
    assert found["pupils"] == [NO_CONSENT]
    assert text[found["start"] : found["end"]] == "Daisy"
    assert (found["start_utf16"], found["end_utf16"]) == (found["start"] + 2, found["end"] + 2)
    assert set(found) >= {"severity", "message", "policy"}


async def test_post_with_no_people_is_ok(client, token):
    status, body = await check(client, token, {"text": "The school will be closed on Monday for staff training."})
    assert (status, body["verdict"], body["findings"]) == (200, "ok", [])


async def test_multipart_text_gives_the_same_answer_as_json(client, token):
    text = "Daisy scored the winning goal!"
    form = aiohttp.FormData(default_to_multipart=True)
    form.add_field("text", text)
    status, body = await check(client, token, data=form)
    assert status == 200
    assert body["findings"] == (await check(client, token, {"text": text}))[1]["findings"]


async def test_consent_change_by_admin_cli_applies_on_next_check(client, token, settings):
    def consent_set(value):
        result = CliRunner().invoke(
            build_cli(), ["--home", str(settings.home), "consent", "set", NAMED, "--name", value]
        )
        assert result.exit_code == 0, result.output

    text = "Sebastian read his poem in assembly."
    _, before = await check(client, token, {"text": text})
    assert "pupil.named" in codes_of(before)
    consent_set("no")
    _, after = await check(client, token, {"text": text})
    assert "pupil.no_consent" in codes_of(after) and after["verdict"] == "block"
    assert [f["pupils"] for f in after["findings"] if f["code"] == "pupil.no_consent"] == [[NAMED]]
    assert after["consent_version"] > before["consent_version"]
    health = await (await client.get("/v1/health")).json()
    assert health["consent_version"] == after["consent_version"]


# -- bad input: clear 4xx, never a 500 ------------------------------------------------
@pytest.mark.parametrize(
    "raw, code",
    [
        (b"{not json", "bad_json"),
        (b"\xff\xfe\x00", "bad_json"),
        (b"[1, 2]", "bad_json"),
        (b'{"images": []}', "missing_text"),
        (b'{"text": 42}', "bad_text"),
        (b'{"text": null}', "bad_text"),
        (b'{"text": "   "}', "empty_post"),
        (b'{"text": ""}', "empty_post"),
        (b'{"text": "\\ud800 lone surrogate"}', "bad_text"),
        (b'{"text": "Hi", "images": "a.jpg"}', "bad_images"),
        (b'{"text": "Hi", "images": [{"name": "a.jpg"}]}', "bad_sha256"),
        (b'{"text": "Hi", "images": [{"name": "a.jpg", "sha256": "xyz"}]}', "bad_sha256"),
        (b'{"text": "Hi", "images": [{"name": "", "sha256": "' + b"a" * 64 + b'"}]}', "bad_image_name"),
    ],
)
async def test_malformed_json_is_400(client, token, raw, code):
    resp = await client.post("/v1/check", data=raw, headers=bearer(token, **{"Content-Type": "application/json"}))
    assert resp.status == 400
    assert (await resp.json())["error"]["code"] == code


async def test_text_over_the_limit_is_413(client, token):
    status, body = await check(client, token, {"text": "a" * 20_001})
    assert status == 413 and body["error"]["code"] == "text_too_long"


async def test_json_body_over_the_limit_is_413(make_client, settings):
    from daemon_helpers import pair

    client = await make_client(max_json_bytes=2048)
    token = await pair(client, settings)
    status, body = await check(client, token, {"text": "Hello", "padding": "x" * 5000})
    assert status == 413


async def test_too_many_images_is_413(client, token):
    images = [{"name": f"{i}.jpg", "sha256": f"{i:064x}"} for i in range(11)]
    status, body = await check(client, token, {"text": "Trip photos", "images": images})
    assert status == 413 and body["error"]["code"] == "too_many_images"


async def test_image_over_the_limit_is_413(make_client, settings):
    from daemon_helpers import pair

    client = await make_client(max_image_bytes=1000)
    token = await pair(client, settings)
    form = aiohttp.FormData(default_to_multipart=True)
    form.add_field("text", "Trip")
    form.add_field("images", b"\x89PNG" + b"\x00" * 2000, filename="big.png", content_type="image/png")
    status, body = await check(client, token, data=form)
    assert status == 413 and body["error"]["code"] == "image_too_large"


@pytest.mark.parametrize(
    "fields, code",
    [
        ([("images", b"abc", "a.jpg")], "missing_text"),
        ([("text", "Hi", None), ("comment", "x", None)], "unexpected_field"),
        ([("text", "Hi", None), ("images", b"", "empty.jpg")], "empty_image"),
        ([("text", "Hi", None), ("image_refs", "not json", None)], "bad_json"),
    ],
)
async def test_malformed_multipart_is_400(client, token, fields, code):
    form = aiohttp.FormData(default_to_multipart=True)
    for name, value, filename in fields:
        if filename:
            form.add_field(name, value, filename=filename, content_type="image/jpeg")
        else:
            form.add_field(name, value)
    status, body = await check(client, token, data=form)
    assert status == 400 and body["error"]["code"] == code


async def test_multipart_text_that_is_not_utf8_is_400(client, token):
    body = b'--b0undary\r\nContent-Disposition: form-data; name="text"\r\n\r\n\xff\xfe bad utf-8\r\n--b0undary--\r\n'
    resp = await client.post(
        "/v1/check", data=body, headers=bearer(token, **{"Content-Type": "multipart/form-data; boundary=b0undary"})
    )
    assert resp.status == 400 and (await resp.json())["error"]["code"] == "bad_text"


async def test_garbage_multipart_body_is_400(client, token):
    resp = await client.post(
        "/v1/check",
        data=b"--nope\r\n\r\n",
        headers=bearer(token, **{"Content-Type": "multipart/form-data; boundary=zzz"}),
    )
    assert resp.status == 400


async def test_wrong_method_and_unknown_path_are_json_errors(client, token):
    resp = await client.get("/v1/check", headers=bearer(token))
    assert resp.status == 405 and (await resp.json())["error"]["code"] == "method_not_allowed"
    resp = await client.get("/v1/nothing", headers=bearer(token))
    assert resp.status == 404 and (await resp.json())["error"]["code"] == "not_found"


# -- audit and logs: codes, pupil IDs and times; never the text ----------------------
async def test_audit_and_logs_never_hold_the_post_text(client, token, settings, caplog):
    caplog.set_level(logging.DEBUG)
    status, body = await check(client, token, {"text": SECRET_SENTENCE})
    assert status == 200
    await client.close()  # drains pending audit writes
    assert "swimming gala" not in caplog.text
    conn = db.connect(settings.db_path)
    rows = conn.execute("SELECT * FROM check_audit").fetchall()
    conn.close()
    assert len(rows) == 1
    stored = json.dumps([dict(r) for r in rows])
    assert "swimming" not in stored and "Daisy" not in stored and "Kemp" not in stored
    entry = dict(rows[0])
    assert entry["verdict"] == body["verdict"]
    assert json.loads(entry["codes"]) == codes_of(body)
    assert NO_CONSENT in json.loads(entry["pupils"])
    assert json.loads(entry["pupils"]) == sorted({p for f in body["findings"] for p in f["pupils"]})
    assert entry["duration_ms"] > 0


async def test_audit_command_prints_recent_checks(client, token, settings):
    await check(client, token, {"text": "Daisy scored the winning goal!"})
    await check(client, token, {"text": "The school will be closed on Monday."})
    await client.close()
    result = CliRunner().invoke(build_cli(), ["--home", str(settings.home), "audit", "--limit", "5"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3  # header + 2 checks, newest first
    assert "ok" in lines[1] and "block" in lines[2] and "pupil.no_consent" in lines[2]
    assert NO_CONSENT in lines[2] and "Daisy" not in result.output and "goal" not in result.output
    as_json = CliRunner().invoke(build_cli(), ["--home", str(settings.home), "audit", "--json", "--limit", "1"])
    assert json.loads(as_json.output.splitlines()[0])["verdict"] == "ok"
    assert audit.recent(db.connect(settings.db_path), 10)[0].status == "ok"


async def test_check_cancelled_by_the_client_is_dropped_not_run(make_client, settings):
    import asyncio

    from daemon_helpers import pair

    client = await make_client(workers=1)
    token = await pair(client, settings)
    long_post = ("Well done to Sebastian and the whole of Year 5 for a wonderful trip to the museum. " * 230)[:20_000]
    first = asyncio.create_task(check(client, token, {"text": long_post}))
    await asyncio.sleep(0.05)
    stale = asyncio.create_task(check(client, token, {"text": "Daisy scored the winning goal!"}))
    await asyncio.sleep(0.1)
    stale.cancel()  # the extension aborts a check when the text changed
    assert (await first)[0] == 200
    conn = db.connect(settings.db_path)
    for _ in range(100):  # the worker reaches the stale job just after the first one
        statuses = sorted(e.status for e in audit.recent(conn, 10))
        if len(statuses) == 2:
            break
        await asyncio.sleep(0.05)
    conn.close()
    assert statuses == ["cancelled", "ok"]
