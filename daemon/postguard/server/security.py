"""Locks the daemon to this computer and to the paired extension.

Order: Host allow-list (DNS rebinding), loopback peer, Origin (web pages get
403 and no CORS headers), preflight, bearer token, per-token rate limit,
body media type. Each refusal is a JSON error with its own code.
"""

from __future__ import annotations

import ipaddress
import re

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from postguard.server.errors import ApiError
from postguard.server.state import STATE
from postguard.server.token import bearer_of, token_matches

# Reachable without a token: health says whether the daemon runs, pair hands out the token.
PUBLIC_PATHS = frozenset({"/v1/health", "/v1/pair"})
BODY_TYPES = frozenset({"application/json", "multipart/form-data"})
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST",
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
    "Access-Control-Max-Age": "600",
}


def allowed_hosts(port: int) -> frozenset[str]:
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"})


# Chrome/Edge extension ids are 32 letters a-p; Firefox uses a per-install UUID.
EXTENSION_ORIGIN_RE = re.compile(
    r"^(chrome-extension://[a-p]{32}"
    r"|moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)


def is_extension_origin(origin: str) -> bool:
    return EXTENSION_ORIGIN_RE.match(origin) is not None


def _local_port(request: web.Request) -> int | None:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return sockname[1] if sockname else None


def _is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def check_origin(request: web.Request) -> str | None:
    """The request's extension origin (None without Origin); raises 403 for anything else."""
    origin = request.headers.get("Origin")
    if origin is None:
        return None
    if not is_extension_origin(origin):
        raise ApiError(
            403,
            "origin_forbidden",
            "Web pages may not use PostGuard. Only the paired browser extension (or a program on this computer) can.",
        )
    if request.path not in PUBLIC_PATHS and origin not in request.app[STATE].paired_origins:
        raise ApiError(
            403,
            "origin_not_paired",
            "This browser extension is not paired. Run 'postguard pair' and enter the code in the extension's options.",
        )
    return origin


def security_middleware() -> Middleware:
    @web.middleware
    async def security(request: web.Request, handler: Handler) -> web.StreamResponse:
        request.app[STATE].sync_token()  # a stat() call: picks up `postguard pair --reset` at once
        port = _local_port(request)
        if port is None or request.headers.get("Host", "").lower() not in allowed_hosts(port):
            raise ApiError(
                403, "host_forbidden", f"PostGuard answers only to 127.0.0.1:{port}, localhost:{port} or [::1]:{port}."
            )
        if not _is_loopback(request.remote):
            raise ApiError(403, "not_loopback", "PostGuard answers only to this computer.")
        origin = check_origin(request)
        if request.method == "OPTIONS":
            # Only an extension origin already allowed above gets a preflight answer.
            if origin is None:
                raise ApiError(403, "preflight_forbidden", "Cross-origin requests are not allowed.")
            return web.Response(
                status=204, headers={**PREFLIGHT_HEADERS, "Access-Control-Allow-Origin": origin, "Vary": "Origin"}
            )
        try:
            response = await handler(request)
        except ApiError as e:
            # Answer here so the paired extension can read the error even without host permission.
            if origin is None:
                raise
            response = e.response()
        if origin is not None:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
        return response

    return security


def auth_middleware() -> Middleware:
    @web.middleware
    async def auth(request: web.Request, handler: Handler) -> web.StreamResponse:
        state = request.app[STATE]
        if request.match_info.http_exception is not None:
            # No such endpoint (404) or method (405): say so, token or not; nothing to protect.
            raise request.match_info.http_exception
        if request.path not in PUBLIC_PATHS:
            presented = bearer_of(request.headers.get("Authorization"))
            if presented is None:
                raise ApiError(
                    401, "unauthorized", "Pair the extension first: a bearer token is required ('postguard pair')."
                )
            if not state.token or not token_matches(presented, state.token):
                raise ApiError(401, "bad_token", "The token is not valid. Pair the extension again ('postguard pair').")
            wait = state.bucket_for(state.token).take()
            if wait:
                raise ApiError(
                    429, "rate_limited", "Too many checks at once. Wait a moment and try again.", retry_after=wait
                )
        if request.method == "POST" and request.content_type not in BODY_TYPES:
            raise ApiError(415, "unsupported_media_type", "Send application/json or multipart/form-data.")
        if request.headers.get("Content-Encoding", "identity").strip().lower() != "identity":
            # The extension never compresses; a decompressor is one more parser to attack.
            raise ApiError(415, "unsupported_encoding", "Send the body without Content-Encoding (uncompressed).")
        return await handler(request)

    return auth
