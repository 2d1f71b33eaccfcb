"""What aiohttp itself says and logs about a request: never its body, headers or query.

aiohttp answers requests it cannot parse (bare-LF line endings, over-long or bad
headers, bad chunking) before any middleware runs, with a plain-text body that
quotes the raw bytes, and logs the same bytes ("Bad status line ... b'POST
/v1/check?text=...'", "Authorization: Bearer ..."). Here:

- `json_protocol_errors()` makes those answers the daemon's JSON error shape with a
  fixed message (only for PostGuard's own apps);
- `RedactingFilter` on aiohttp's and asyncio's loggers keeps a record's fixed text
  and the exception's type, and drops its arguments, exception text and traceback;
- `PathOnlyAccessLogger` logs method, route template, status and time, nothing else.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.web_protocol import RequestHandler

from postguard.server.errors import error_response

log = logging.getLogger("postguard.server")
access_log = logging.getLogger("postguard.access")

# Loggers whose records may quote request bytes (aiohttp's parser errors, asyncio's task dumps).
REDACTED_LOGGERS = ("aiohttp.server", "aiohttp.web", "aiohttp.internal", "aiohttp.access", "asyncio")

PROTOCOL_ERRORS = {
    400: ("bad_request", "The request could not be read as HTTP."),
    413: ("too_large", "The request is too large."),
    431: ("headers_too_large", "The request headers are too large."),
    500: ("internal", "PostGuard hit an internal error. Try again; if it keeps happening, restart the daemon."),
    504: ("timeout", "The request took too long."),
}


class RedactingFilter(logging.Filter):
    """Keep the fixed message and the exception's type; drop arguments, exception text, traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "postguard_redacted", False):
            return True
        kind = record.exc_info[1].__class__.__name__ if record.exc_info and record.exc_info[1] else None
        template = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
        record.msg = "%s%s" % (template.split("%", 1)[0].strip() or "aiohttp", f" [{kind}]" if kind else "")  # noqa: UP031
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        record.postguard_redacted = True
        return True


_FILTER = RedactingFilter()


def install_log_redaction() -> None:
    """Idempotent: a filter on each logger that may quote request bytes."""
    for name in REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def route_template(request: web.BaseRequest) -> str:
    """The matched route's template ("/v1/check"); never the raw path or query."""
    try:
        match_info = request.match_info  # type: ignore[attr-defined]
    except (AttributeError, AssertionError):  # a request aiohttp could not parse has none
        return "-"
    route = getattr(match_info, "route", None)
    resource = getattr(route, "resource", None)
    canonical = getattr(resource, "canonical", None) if resource is not None else None
    return canonical if isinstance(canonical, str) and getattr(match_info, "http_exception", None) is None else "-"


class PathOnlyAccessLogger(AbstractAccessLogger):
    """One line per request: method, route template, status and time (no query, headers or body)."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        method = request.method if request.method.isalpha() and len(request.method) <= 8 else "-"
        access_log.info("%s %s %d %.1fms", method, route_template(request), response.status, time * 1000)

    @property
    def enabled(self) -> bool:
        return access_log.isEnabledFor(logging.INFO)


_original_handle_error = RequestHandler.handle_error


def _json_handle_error(
    self: RequestHandler,
    request: Any,
    status: int = 500,
    exc: BaseException | None = None,
    message: str | None = None,
) -> web.StreamResponse:
    app = getattr(getattr(self._manager, "request_handler", None), "__self__", None)
    if not (isinstance(app, web.Application) and app.get(_OURS, False)):
        return _original_handle_error(self, request, status, exc, message)
    log.warning("unreadable HTTP request: %s (status %d)", type(exc).__name__ if exc else "-", status)
    if request.writer.output_size > 0:
        raise ConnectionError("Response is sent already, cannot send another response with the error message")
    code, text = PROTOCOL_ERRORS.get(status, ("bad_request", "The request could not be read."))
    response = error_response(status, code, text)
    response.force_close()
    return response


_OURS = web.AppKey("postguard_json_protocol_errors", bool)


def json_protocol_errors(app: web.Application) -> None:
    """Answer aiohttp's own protocol errors for `app` with the JSON error shape."""
    app[_OURS] = True
    if RequestHandler.handle_error is not _json_handle_error:
        RequestHandler.handle_error = _json_handle_error  # type: ignore[method-assign]
