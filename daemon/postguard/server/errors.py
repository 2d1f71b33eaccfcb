"""JSON errors: every failure answers {"error": {"code", "message"}} with the right status."""

from __future__ import annotations

import logging
import math
import traceback

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

log = logging.getLogger("postguard.server")

# aiohttp's own HTTP errors (routing, body size) mapped to stable codes and plain messages.
_HTTP_ERRORS = {
    400: ("bad_request", "The request could not be read."),
    404: ("not_found", "There is no such endpoint. See GET /v1/openapi.json."),
    405: ("method_not_allowed", "This endpoint does not accept that method."),
    413: ("too_large", "The request body is too large."),
    415: ("unsupported_media_type", "Send application/json or multipart/form-data."),
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, retry_after: float | None = None, close: bool = False):
        super().__init__(message)
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after
        self.close = close  # the connection is in an unknown state (a body half read): close it

    def response(self) -> web.Response:
        resp = error_response(self.status, self.code, self.message, retry_after=self.retry_after)
        if self.close:
            resp.force_close()
        return resp


def error_response(status: int, code: str, message: str, *, retry_after: float | None = None) -> web.Response:
    headers = {"Cache-Control": "no-store"}
    if retry_after is not None:
        headers["Retry-After"] = str(max(1, math.ceil(retry_after)))
    return web.json_response({"error": {"code": code, "message": message}}, status=status, headers=headers)


def error_middleware() -> Middleware:
    """Outermost: turn every error into the JSON shape; never leak a traceback."""

    @web.middleware
    async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            return await handler(request)
        except ApiError as e:
            return e.response()
        except web.HTTPException as e:
            if e.status < 400:
                raise
            code, message = _HTTP_ERRORS.get(e.status, ("http_error", e.reason))
            return error_response(e.status, code, message)
        except Exception as e:
            # The kind and place of the failure only: messages and locals may hold draft text.
            frame = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
            where = f"{frame.filename}:{frame.lineno}" if frame else "?"
            route = request.match_info.route.resource
            template = route.canonical if route is not None else "-"  # never the raw path or query
            log.error("internal error on %s %s: %s at %s", request.method, template, type(e).__name__, where)
            return error_response(
                500,
                "internal",
                "PostGuard hit an internal error. Try again; if it keeps happening, restart the daemon and tell IT.",
            )

    return errors
