"""Every parser error is a 4xx with the JSON error shape, never a 500, a traceback, or an echo
of the request's bytes (issue 15), over real loopback HTTP."""

from __future__ import annotations

import json
import zlib

import pytest
from raw_http import CANARY, canary_in_folder, request, send_raw

from postguard.server.check_input import MAX_JSON_DEPTH, nesting_within


def deep(n: int, open_: str = "[", close: str = "]") -> bytes:
    return (open_ * n + close * n).encode()


@pytest.mark.parametrize(
    "body",
    [
        deep(1_000),
        deep(100_000),
        b'{"text": ' + deep(5_000) + b"}",
        b'{"a":' * 3_000 + b"1" + b"}" * 3_000,
        b'{"text": "x", "images": ' + deep(MAX_JSON_DEPTH + 5) + b"}",
        b"[" * 50_000,  # unbalanced
    ],
)
@pytest.mark.parametrize("path", ["/v1/check", "/v1/pair"])
async def test_deep_json_is_400(client, token, body, path):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    resp = await client.post(path, data=body, headers=headers)
    if path == "/v1/pair" and len(body) > 4096:  # the pairing body cap answers first
        assert resp.status == 413 and (await resp.json())["error"]["code"] == "too_large"
        return
    assert resp.status == 400
    assert (await resp.json())["error"]["code"] == "bad_json"


def test_nesting_counter():
    assert nesting_within(b'{"text": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "images": []}')  # strings ignored
    assert nesting_within(deep(MAX_JSON_DEPTH)) and not nesting_within(deep(MAX_JSON_DEPTH + 1))
    assert nesting_within(b'{"a": [{"b": [1, 2]}, {"c": "\\"]]]"}]}')


def multipart(part_headers: bytes, boundary: bytes = b"XX") -> bytes:
    return b"--" + boundary + b"\r\n" + part_headers + b"\r\n\r\nhello\r\n--" + boundary + b"--\r\n"


@pytest.mark.parametrize(
    "body",
    [
        multipart(b'Content-Disposition: form-data; name="text"\r\nX-Long: ' + b"C" * 20_000),  # too long
        multipart(b"\r\n".join(b"X-%d: y" % i for i in range(200))),  # too many
        multipart(b"no colon here " + CANARY.encode()),
        multipart(b'Content-Disposition: form-data; name="te\x01xt"'),  # control character
        multipart(b'Content-Disposition: form-data; name="text"\r\nContent-Type: multipart/mixed; boundary=YY'),
        multipart(b""),  # a part without headers
        b'--XX\r\nContent-Disposition: form-data; name="text"\r\n\r\nno closing boundary',
        b"not multipart at all " + CANARY.encode(),
    ],
)
async def test_bad_multipart_is_400(client, token, body, all_logs):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "multipart/form-data; boundary=XX"}
    resp = await client.post("/v1/check", data=body, headers=headers)
    assert 400 <= resp.status < 500, resp.status
    assert "error" in await resp.json()
    assert CANARY not in all_logs.text and "Traceback" not in all_logs.text


@pytest.mark.parametrize(
    "encoding, body",
    [
        ("gzip", json.dumps({"text": CANARY}).encode()),
        ("deflate", b"\x00\x01garbage" + CANARY.encode()),
        ("br", b"garbage"),
        ("gzip", zlib.compress(json.dumps({"text": "hi"}).encode())),  # deflate data labelled gzip
        ("x-custom", b"{}"),
    ],
)
async def test_content_encoding_is_refused_cleanly(client, token, encoding, body, all_logs):
    port = client.port
    raw = request(
        "POST",
        "/v1/check",
        port,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Content-Encoding": encoding},
        body=body,
    )
    resp = await send_raw(port, raw)
    assert resp is not None and resp.status in (400, 415)  # aiohttp refuses unknown codings itself
    assert resp.json()["error"]["code"] in ("unsupported_encoding", "bad_request")
    assert CANARY not in all_logs.text and "Traceback" not in all_logs.text


@pytest.mark.parametrize(
    "raw",
    [
        b"POST /v1/check?text="
        + CANARY.encode()
        + b" HTTP/1.1\nHost: x\nAuthorization: Bearer "
        + CANARY.encode()
        + b"\n\n",  # bare LF
        b"GARBAGE " + CANARY.encode() + b"\r\n\r\n",
        b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-" + CANARY.encode() + b": " + b"v" * 10_000 + b"\r\n\r\n",
        b"GET /v1/health HTTP/1.1\r\n" + b"".join(b"X-%d: %s\r\n" % (i, CANARY.encode()) for i in range(200)) + b"\r\n",
        b"GET /" + b"a" * 10_000 + CANARY.encode() + b" HTTP/1.1\r\n\r\n",
        b"POST /v1/check HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n" + CANARY.encode() + b"\r\n",
        b"POST /v1/check HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n" + CANARY.encode(),
        b"GET /v1/health HTTP/1.1\r\nHost: h\r\nBad\x01Header: " + CANARY.encode() + b"\r\n\r\n",
    ],
)
async def test_unparseable_requests_get_json_errors_and_no_echo(client, raw, all_logs, roster_checker):
    resp = await send_raw(client.port, raw)
    assert resp is not None
    assert 400 <= resp.status < 500
    assert resp.headers["content-type"].startswith("application/json")
    assert "error" in resp.json() and CANARY.encode() not in resp.body
    assert CANARY not in all_logs.text
    assert "Traceback" not in all_logs.text
    assert not canary_in_folder(roster_checker.settings.home)


@pytest.mark.parametrize(
    "sha",
    ["a" * 64 + "\n", "a" * 64 + "\r\n", "A" * 63, "a" * 65, " " + "a" * 64, "g" * 64, "a" * 64 + "\x00"],
)
async def test_sha256_must_be_exactly_64_hex(client, token, sha):
    resp = await client.post(
        "/v1/check",
        json={"text": "Hello", "images": [{"name": "x.jpg", "sha256": sha}]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert resp.status == 400 and (await resp.json())["error"]["code"] == "bad_sha256"
