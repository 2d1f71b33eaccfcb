"""`postguard serve` as a real process: the canary sent through every error path never reaches
what the daemon prints or logs, nor its data folder."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
import time

from raw_http import CANARY, canary_in_folder, request, send_raw


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def error_paths(port: int) -> list[bytes]:
    c = CANARY.encode()
    auth = {"Authorization": f"Bearer {CANARY}"}
    return [
        b"POST /v1/check?text=" + c + b" HTTP/1.1\nHost: 127.0.0.1:%d\nAuthorization: Bearer " % port + c + b"\n\n",
        b"GARBAGE " + c + b"\r\n\r\n",
        request("GET", "/v1/check?text=" + CANARY, port, headers=auth),
        request("GET", "/v1/health?token=" + CANARY, port),
        request("GET", "/v1/" + CANARY, port),
        request("POST", "/v1/check", port, headers={**auth, "Content-Type": "application/json"}, body=b"[" * 5000 + c),
        request("POST", "/v1/pair", port, headers={"Content-Type": "application/json"}, body=b"[" * 3000),
        request("POST", "/v1/pair", port, headers={"Content-Type": "application/json"}, body=b'{"code": "%s"}' % c),
        request("POST", "/v1/check", port, headers={**auth, "Content-Encoding": "gzip"}, body=c),
        request("GET", "/v1/health", port, headers={"X-" + CANARY: "v" * 9000}),
        request("GET", "/v1/health", port, headers={"Origin": f"https://{CANARY}.example"}),
        b"GET /v1/health HTTP/1.1\r\nHost: h\r\nBad\x01: " + c + b"\r\n\r\n",
        b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n" % port + c,
    ]


def test_serve_never_logs_what_a_request_holds(tmp_path):
    port = free_port()
    home = tmp_path / "home"
    proc = subprocess.Popen(
        [sys.executable, "-m", "postguard", "--home", str(home), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, f"daemon exited: {proc.wait()}"
            if line.startswith("Press Ctrl+C"):
                break

        async def send_all() -> list:
            return [await send_raw(port, raw, timeout=15) for raw in error_paths(port)]

        answers = asyncio.run(send_all())
        assert all(a is None or a.status < 500 for a in answers), [a and a.status for a in answers]
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert "POST /v1/check 4" in err or "GET - 4" in err  # the access log ran, in its short form
    assert CANARY not in out and CANARY not in err
    assert "Traceback" not in err
    assert not canary_in_folder(home)
