"""Raw HTTP over a loopback socket: for requests no HTTP client library would send."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

CANARY = "CANARY-7f3a9c"  # a draft, a token, a query: must never reach a log or a file


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


async def send_raw(port: int, data: bytes, *, timeout: float = 20.0) -> RawResponse | None:
    """Send bytes, read the answer until the server closes; None when it closed without one."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    except (ConnectionResetError, BrokenPipeError):
        return None
    finally:
        writer.close()
    if not raw:
        return None
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    if headers.get("transfer-encoding") == "chunked":
        body = _unchunk(body)
    return RawResponse(status, headers, body)


def _unchunk(data: bytes) -> bytes:
    out, rest = b"", data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2 :]
    return out


def request(
    method: str,
    target: str,
    port: int,
    *,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    eol: bytes = b"\r\n",
) -> bytes:
    lines = [f"{method} {target} HTTP/1.1".encode(), f"Host: 127.0.0.1:{port}".encode()]
    all_headers = {"Connection": "close", **(headers or {})}
    if body and "Content-Length" not in all_headers and "Transfer-Encoding" not in all_headers:
        all_headers["Content-Length"] = str(len(body))
    lines += [f"{k}: {v}".encode("latin-1") for k, v in all_headers.items()]
    return eol.join(lines) + eol + eol + body


def canary_in_folder(folder: Path) -> list[str]:
    """Files under `folder` (SQLite files included) whose bytes hold the canary."""
    needle = CANARY.encode()
    return [str(p) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]
