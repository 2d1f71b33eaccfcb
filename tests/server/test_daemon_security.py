"""Each security point of the daemon, over real HTTP on loopback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from daemon_helpers import EXTENSION_ORIGIN, bearer

from postguard.cli import build_cli
from postguard.server.serve import NotLoopback, bind_addresses

POST = {"text": "Sports day was a great success."}


async def error_code(resp) -> str:
    return (await resp.json())["error"]["code"]


# -- loopback only ------------------------------------------------------------
@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.com"])
def test_serve_refuses_non_loopback_hosts(tmp_path, host):
    home = tmp_path / "home"
    result = CliRunner().invoke(build_cli(), ["--home", str(home), "serve", "--host", host])
    assert result.exit_code == 2
    assert "only listens on this computer" in result.output
    assert not home.exists()  # refused before loading or creating anything


def test_loopback_hosts_are_accepted():
    assert bind_addresses("127.0.0.1") == ["127.0.0.1"]
    assert bind_addresses("::1") == ["::1"]
    assert bind_addresses("localhost") == ["127.0.0.1", "::1"]
    with pytest.raises(NotLoopback):
        bind_addresses("127.0.0.2")  # loopback range, but not an address the extension calls


# -- bearer token -------------------------------------------------------------
async def test_check_without_token_is_401(client):
    resp = await client.post("/v1/check", json=POST)
    assert resp.status == 401
    assert await error_code(resp) == "unauthorized"


@pytest.mark.parametrize("header", ["Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer ", "token"])
async def test_check_with_wrong_token_is_401(client, token, header):
    resp = await client.post("/v1/check", json=POST, headers={"Authorization": header})
    assert resp.status == 401


async def test_unknown_path_is_404_with_or_without_token(client, token):
    for path in ("/v1/consent", "/", "/v1/check/x", "/admin"):
        for headers in ({}, bearer(token)):
            resp = await client.get(path, headers=headers)
            assert resp.status == 404, path
            assert await error_code(resp) == "not_found"
    resp = await client.get("/v1/check")  # a known path with the wrong method
    assert resp.status == 405


# -- Host header (DNS rebinding) ------------------------------------------------
async def test_host_must_be_loopback_with_this_port(client, token):
    port = client.port
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "127.0.0.1", ""):
        resp = await client.post("/v1/check", json=POST, headers=bearer(token, Host=host))
        assert resp.status == 403, host
        assert await error_code(resp) == "host_forbidden"
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        resp = await client.post("/v1/check", json=POST, headers=bearer(token, Host=host))
        assert resp.status == 200, host


async def test_health_also_checks_host(client):
    resp = await client.get("/v1/health", headers={"Host": f"rebind.example:{client.port}"})
    assert resp.status == 403


# -- Origin and CORS ----------------------------------------------------------
@pytest.mark.parametrize(
    "origin",
    [
        "https://www.facebook.com",
        "http://127.0.0.1:8765",
        "null",
        "chrome-extension://",
        "chrome-extension://evil.example",
        "moz-extension://x",
    ],
)
async def test_web_origins_get_403_and_no_cors_headers(client, token, origin):
    for resp in (
        await client.post("/v1/check", json=POST, headers=bearer(token, Origin=origin)),
        await client.get("/v1/health", headers={"Origin": origin}),
    ):
        assert resp.status == 403
        assert "Access-Control-Allow-Origin" not in resp.headers


async def test_paired_extension_origin_is_allowed_and_echoed(client, token):
    resp = await client.post("/v1/check", json=POST, headers=bearer(token, Origin=EXTENSION_ORIGIN))
    assert resp.status == 200
    assert resp.headers["Access-Control-Allow-Origin"] == EXTENSION_ORIGIN


async def test_unpaired_extension_may_read_health_but_not_check(client, token):
    other = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"
    assert (await client.get("/v1/health", headers={"Origin": other})).status == 200
    resp = await client.post("/v1/check", json=POST, headers=bearer(token, Origin=other))
    assert resp.status == 403
    assert await error_code(resp) == "origin_not_paired"


async def test_preflight_from_web_origin_is_refused(client, token):
    resp = await client.options(
        "/v1/check",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert resp.status == 403
    assert not any(h.startswith("Access-Control-") for h in resp.headers)


async def test_preflight_from_paired_extension_is_answered(client, token):
    resp = await client.options(
        "/v1/check", headers={"Origin": EXTENSION_ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    assert resp.status == 204
    assert resp.headers["Access-Control-Allow-Origin"] == EXTENSION_ORIGIN


# -- body types (a plain HTML form cannot post) -------------------------------------
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
async def test_only_json_and_multipart_bodies(client, token, content_type):
    headers = bearer(token)
    if content_type:
        headers["Content-Type"] = content_type
    resp = await client.post(
        "/v1/check", data=b'{"text": "Hello"}', headers=headers, skip_auto_headers=["Content-Type"]
    )
    assert resp.status == 415
    assert await error_code(resp) == "unsupported_media_type"


# -- limits ----------------------------------------------------------------------
async def test_rate_limit_per_token(make_client, settings):
    from daemon_helpers import pair

    client = await make_client(rate_per_second=0.01, rate_burst=3)
    token = await pair(client, settings)
    statuses = [(await client.post("/v1/check", json=POST, headers=bearer(token))).status for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    resp = await client.post("/v1/check", json=POST, headers=bearer(token))
    assert resp.status == 429 and int(resp.headers["Retry-After"]) >= 1
    assert await error_code(resp) == "rate_limited"


async def test_per_request_time_limit(make_client, settings):
    from daemon_helpers import pair

    client = await make_client(check_timeout=0.001)
    token = await pair(client, settings)
    resp = await client.post("/v1/check", json={"text": "A long post. " * 300}, headers=bearer(token))
    assert resp.status == 504
    assert await error_code(resp) == "timeout"


async def test_too_many_queued_checks_is_503(make_client, settings):
    from daemon_helpers import pair

    client = await make_client(max_pending_checks=0)
    token = await pair(client, settings)
    resp = await client.post("/v1/check", json=POST, headers=bearer(token))
    assert resp.status == 503 and await error_code(resp) == "busy"
