"""Pairing: `postguard pair` code -> POST /v1/pair -> token; single use, expiry, rate limit."""

from __future__ import annotations

import json

from click.testing import CliRunner
from daemon_helpers import EXTENSION_ORIGIN, bearer, new_code, pair

from postguard.cli import build_cli
from postguard.home import mode_of


def run_cli(settings, *args):
    result = CliRunner().invoke(build_cli(), ["--home", str(settings.home), *args])
    assert result.exit_code == 0, result.output
    return result.output


async def test_cli_pair_code_reaches_running_daemon_and_returns_the_token(client, settings):
    out = json.loads(run_cli(settings, "pair", "--json"))
    assert set(out) == {"code", "expires_in"} and 60 <= out["expires_in"] <= 900
    resp = await client.post("/v1/pair", json={"code": out["code"]}, headers={"Origin": EXTENSION_ORIGIN})
    assert resp.status == 200
    token = (await resp.json())["token"]
    assert token == settings.token_path.read_text().strip()
    # The token now works for checks from that extension.
    resp = await client.post(
        "/v1/check", json={"text": "Sports day went well."}, headers=bearer(token, Origin=EXTENSION_ORIGIN)
    )
    assert resp.status == 200


def test_cli_pair_prints_a_short_human_code(settings):
    out = run_cli(settings, "pair")
    code = out.splitlines()[0].removeprefix("Pairing code: ")
    assert len(code) == 9 and code[4] == "-" and code.replace("-", "").isalnum()
    assert "5 minutes" in out


async def test_token_is_256_bit_and_owner_only(client, settings, token):
    import base64

    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) == 32
    assert mode_of(settings.token_path) == 0o600
    assert mode_of(settings.home) == 0o700


async def test_code_is_single_use(client, settings):
    code = new_code(settings)
    assert (await client.post("/v1/pair", json={"code": code})).status == 200
    resp = await client.post("/v1/pair", json={"code": code})
    assert resp.status == 403
    assert (await resp.json())["error"]["code"] == "bad_code"


async def test_code_is_accepted_in_lowercase_without_dash(client, settings):
    code = new_code(settings).replace("-", "").lower()
    assert (await client.post("/v1/pair", json={"code": code})).status == 200


async def test_expired_code_is_refused(client, settings):
    resp = await client.post("/v1/pair", json={"code": new_code(settings, ttl=-1)})
    assert resp.status == 403


async def test_wrong_codes_are_rate_limited_even_for_the_right_code(make_client, settings):
    client = await make_client(pair_failures=3, pair_window=60)
    for _ in range(3):
        assert (await client.post("/v1/pair", json={"code": "AAAA-2222"})).status == 403
    resp = await client.post("/v1/pair", json={"code": new_code(settings)})
    assert resp.status == 429
    assert int(resp.headers["Retry-After"]) >= 1
    assert (await resp.json())["error"]["code"] == "too_many_attempts"


async def test_web_page_cannot_pair(client, settings):
    resp = await client.post("/v1/pair", json={"code": new_code(settings)}, headers={"Origin": "https://evil.example"})
    assert resp.status == 403
    assert "Access-Control-Allow-Origin" not in resp.headers


async def test_pair_takes_json_only(client, settings):
    resp = await client.post("/v1/pair", data={"code": new_code(settings)})  # form-encoded
    assert resp.status == 415
    resp = await client.post("/v1/pair", data=b"{not json", headers={"Content-Type": "application/json"})
    assert resp.status == 400
    resp = await client.post("/v1/pair", json={"code": 1234})
    assert resp.status == 400


async def test_pairing_records_the_extension_origin(client, settings):
    other = "moz-extension://0b6b2d7e-3c1f-4f3a-9d55-1a2b3c4d5e6f"
    token = await pair(client, settings, origin=other)
    ok = await client.post("/v1/check", json={"text": "Hello"}, headers=bearer(token, Origin=other))
    assert ok.status == 200
    assert ok.headers["Access-Control-Allow-Origin"] == other
    stranger = await client.post(
        "/v1/check",
        json={"text": "Hello"},
        headers=bearer(token, Origin="chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"),
    )
    assert stranger.status == 403
    assert (await stranger.json())["error"]["code"] == "origin_not_paired"


async def test_pair_reset_unpairs_every_browser_in_the_running_daemon(client, settings, token):
    assert (await client.post("/v1/check", json={"text": "Hello"}, headers=bearer(token))).status == 200
    out = run_cli(settings, "pair", "--reset")
    assert "Unpaired 1 browser" in out
    resp = await client.post("/v1/check", json={"text": "Hello"}, headers=bearer(token, Origin=EXTENSION_ORIGIN))
    assert resp.status == 403  # the origin is forgotten ...
    resp = await client.post("/v1/check", json={"text": "Hello"}, headers=bearer(token))
    assert resp.status == 401  # ... and the old token refused
    assert (await (await client.get("/v1/health")).json())["paired"] is False
    new_token = await pair(client, settings)
    assert new_token != token
    assert (
        await client.post("/v1/check", json={"text": "Hello"}, headers=bearer(new_token, Origin=EXTENSION_ORIGIN))
    ).status == 200
