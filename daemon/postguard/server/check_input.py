"""Reading a /v1/check request (JSON or multipart) into plain values, with every limit applied.

Bad input raises ApiError (400/413) before any check runs. Uploaded image
bytes live only in memory until they are fingerprinted, then are dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_protocol import RequestPayloadError

from postguard.images.people import PhotoAnswer
from postguard.server.errors import ApiError
from postguard.server.limits import Limits
from postguard.text.resolution import Resolution, parse_resolutions

SHA256_RE = re.compile(r"[0-9a-f]{64}")  # used with fullmatch: "$" would allow a final "\n"
MAX_JSON_DEPTH = 32  # the check body nests 3 deep; the json module recurses (RecursionError near 1,000)
_BRACKETS_ONLY = re.compile(rb'"(?:[^"\\]|\\.)*"|[^\[\]{}]')
_INNERMOST_PAIR = re.compile(rb"[\[{][\]}]")
# What the multipart reader raises for a malformed body (bad part headers, boundaries, encodings).
MULTIPART_ERRORS = (
    ValueError,
    AssertionError,
    LookupError,
    HttpProcessingError,
    RequestPayloadError,
    UnicodeError,
)
MAX_NAME_CHARS = 255
MAX_PICTURED = 50  # pupils named in one photo answer
MAX_PUPIL_KEY = 32
CHUNK = 64 * 1024


@dataclass(frozen=True)
class ImageRef:
    name: str
    sha256: str


@dataclass(frozen=True)
class Upload:
    name: str
    sha256: str
    data: bytes = field(repr=False)


@dataclass
class CheckInput:
    text: str
    refs: list[ImageRef] = field(default_factory=list)  # images sent by hash
    uploads: list[Upload] = field(default_factory=list)  # images sent as files
    answers: dict[str, PhotoAnswer] = field(default_factory=dict)  # "pictured": by the photo's SHA-256
    resolved: list[Resolution] = field(default_factory=list)  # staff's choice for ambiguous names

    @property
    def image_count(self) -> int:
        return len(self.refs) + len(self.uploads)


def nesting_within(raw: bytes, max_depth: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text nests at most `max_depth` deep, found without parsing it.

    Strings are blanked, everything but brackets dropped, then innermost pairs removed
    once per level: linear work per level, no recursion."""
    brackets = _BRACKETS_ONLY.sub(b"", raw)
    for _ in range(max_depth):
        if not brackets:
            return True
        brackets, removed = _INNERMOST_PAIR.subn(b"", brackets)
        if not removed:
            return True  # unbalanced: the parser reports it
    return not brackets


def loads_bounded(raw: bytes, message: str = "The body is not valid JSON.") -> Any:
    """json.loads with the nesting capped before parsing; every failure is a 400."""
    if not nesting_within(raw):
        raise bad("bad_json", f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep.")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError
        raise bad("bad_json", message) from None


def bad(code: str, message: str) -> ApiError:
    return ApiError(400, code, message)


def too_large(code: str, message: str) -> ApiError:
    return ApiError(413, code, message)


def validate_text(text: Any, limits: Limits) -> str:
    if not isinstance(text, str):
        raise bad("bad_text", '"text" must be a string.')
    if len(text) > limits.max_text_chars:
        raise too_large(
            "text_too_long",
            f"The post is longer than {limits.max_text_chars:,} characters; PostGuard cannot check it in one go.",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise bad("bad_text", '"text" holds characters that are not valid Unicode.') from None
    return text


def validate_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_CHARS:
        raise bad("bad_image_name", f"Each image needs a name (1 to {MAX_NAME_CHARS} characters).")
    return name


def parse_refs(value: Any) -> list[ImageRef]:
    if not isinstance(value, list):
        raise bad("bad_images", '"images" must be a list of {"name", "sha256"} objects.')
    refs = []
    for item in value:
        if not isinstance(item, dict):
            raise bad("bad_images", '"images" must be a list of {"name", "sha256"} objects.')
        sha = item.get("sha256")
        if not isinstance(sha, str) or not SHA256_RE.fullmatch(sha.lower()):
            raise bad("bad_sha256", 'Each image needs "sha256": 64 hexadecimal characters.')
        refs.append(ImageRef(validate_name(item.get("name")), sha.lower()))
    return refs


def parse_resolved(value: Any, text: str) -> list[Resolution]:
    try:
        return parse_resolutions(value, text)
    except ValueError as error:
        raise bad("bad_resolved", f"{error}.") from None


PICTURED_SHAPE = '"pictured" must be a list of {"sha256", "pupils": [UPN, ...]} or {"sha256", "checked": true}.'


def parse_pictured(value: Any, limits: Limits) -> dict[str, PhotoAnswer]:
    """The staff member's answers about photos with people: who is in each one, or "checked"."""
    if not isinstance(value, list) or len(value) > limits.max_images * 2:
        raise bad("bad_pictured", PICTURED_SHAPE)
    pupils_of: dict[str, list[str]] = {}
    checked: set[str] = set()
    for item in value:
        if not isinstance(item, dict) or not set(item) <= {"sha256", "pupils", "checked"}:
            raise bad("bad_pictured", PICTURED_SHAPE)
        sha = item.get("sha256")
        if not isinstance(sha, str) or not SHA256_RE.match(sha.lower()):
            raise bad("bad_sha256", 'Each "pictured" answer needs "sha256": 64 hexadecimal characters.')
        sha = sha.lower()
        pupils = item.get("pupils", [])
        if (
            not isinstance(pupils, list)
            or len(pupils) > MAX_PICTURED
            or not all(isinstance(p, str) and 0 < len(p.strip()) <= MAX_PUPIL_KEY for p in pupils)
        ):
            raise bad("bad_pictured", f'"pupils" must be a list of at most {MAX_PICTURED} UPNs.')
        mark = item.get("checked", False)
        if not isinstance(mark, bool) or (not pupils and not mark):
            raise bad("bad_pictured", PICTURED_SHAPE)
        pupils_of.setdefault(sha, []).extend(p.strip() for p in pupils)
        if mark:
            checked.add(sha)
    return {sha: PhotoAnswer(tuple(dict.fromkeys(pupils)), sha in checked) for sha, pupils in pupils_of.items()}


def check_counts(given: CheckInput, limits: Limits) -> CheckInput:
    if given.image_count > limits.max_images:
        raise too_large("too_many_images", f"At most {limits.max_images} images can be checked at once.")
    if not given.text.strip() and given.image_count == 0:
        raise bad("empty_post", "There is nothing to check: the text is empty and there are no images.")
    return given


def _declared_length(request: web.Request, cap: int, code: str) -> None:
    if request.content_length is not None and request.content_length > cap:
        raise too_large(code, f"The request is larger than {cap // (1024 * 1024) or 1} MB.")


async def read_json(request: web.Request, limits: Limits) -> CheckInput:
    _declared_length(request, limits.max_json_bytes, "too_large")
    data = loads_bounded(await read_body(request))
    if not isinstance(data, dict):
        raise bad("bad_json", 'The body must be a JSON object like {"text": "...", "images": []}.')
    if "text" not in data:
        raise bad("missing_text", 'The body needs a "text" field.')
    text = validate_text(data["text"], limits)
    answers = parse_pictured(data["pictured"], limits) if "pictured" in data else {}
    resolved = parse_resolved(data.get("resolved", []), text)
    given = CheckInput(text, parse_refs(data.get("images", [])), answers=answers, resolved=resolved)
    return check_counts(given, limits)


async def read_body(request: web.Request) -> bytes:
    """The whole body (client_max_size caps it: 413); a body the server cannot decode is a 400."""
    try:
        return await request.read()
    except (HttpProcessingError, RequestPayloadError, ValueError) as e:
        if isinstance(e, web.HTTPException):
            raise
        raise bad("bad_body", "The request body could not be read.") from None


async def _read_part(part: BodyPartReader, cap: int, on_too_large: ApiError) -> bytes:
    chunks, size = [], 0
    while chunk := await part.read_chunk(CHUNK):
        size += len(chunk)
        if size > cap:
            raise on_too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def read_multipart(request: web.Request, limits: Limits) -> CheckInput:
    _declared_length(request, limits.max_upload_bytes, "too_large")
    try:
        return await _read_multipart(request, limits)
    except MULTIPART_ERRORS as e:
        if isinstance(e, web.HTTPException):  # 413 from the body cap
            raise
        raise bad("bad_multipart", "The multipart body could not be read.") from None


async def _read_multipart(request: web.Request, limits: Limits) -> CheckInput:
    reader = await request.multipart()
    text: str | None = None
    refs: list[ImageRef] = []
    uploads: list[Upload] = []
    answers: dict[str, PhotoAnswer] | None = None
    resolved_raw: bytes | None = None
    total = 0
    while True:
        part = await reader.next()
        if part is None:
            break
        if not isinstance(part, BodyPartReader):
            raise bad("bad_multipart", "Nested multipart bodies are not accepted.")
        if part.name == "text" and part.filename is None:
            if text is not None:
                raise bad("bad_multipart", 'Send "text" once.')
            raw = await _read_part(
                part,
                limits.max_text_chars * 4,
                too_large("text_too_long", f"The post is longer than {limits.max_text_chars:,} characters."),
            )
            try:
                text = validate_text(raw.decode("utf-8"), limits)
            except UnicodeDecodeError:
                raise bad("bad_text", '"text" must be UTF-8.') from None
        elif part.name == "images" and part.filename is not None:
            if len(uploads) >= limits.max_images:
                raise too_large("too_many_images", f"At most {limits.max_images} images can be checked at once.")
            name = validate_name(part.filename)
            data = await _read_part(
                part,
                limits.max_image_bytes,
                too_large(
                    "image_too_large",
                    f'The image "{name}" is larger than {limits.max_image_bytes // (1024 * 1024)} MB.',
                ),
            )
            total += len(data)
            if total > limits.max_upload_bytes:
                raise too_large("too_large", "The images together are too large to check at once.")
            if not data:
                raise bad("empty_image", f'The image "{name}" is empty.')
            uploads.append(Upload(name, hashlib.sha256(data).hexdigest(), data))
        elif part.name == "image_refs" and part.filename is None:
            if refs:
                raise bad("bad_multipart", 'Send "image_refs" once.')
            raw = await _read_part(part, limits.max_json_bytes, too_large("too_large", "image_refs is too large."))
            refs = parse_refs(loads_bounded(raw, '"image_refs" must be JSON: [{"name", "sha256"}, ...].'))
        elif part.name == "resolved" and part.filename is None:
            if resolved_raw is not None:
                raise bad("bad_multipart", 'Send "resolved" once.')
            resolved_raw = await _read_part(
                part, limits.max_json_bytes, too_large("too_large", "resolved is too large.")
            )
        elif part.name == "pictured" and part.filename is None:
            if answers is not None:
                raise bad("bad_multipart", 'Send "pictured" once.')
            raw = await _read_part(part, limits.max_json_bytes, too_large("too_large", "pictured is too large."))
            answers = parse_pictured(loads_bounded(raw, PICTURED_SHAPE), limits)
        else:
            raise bad(
                "unexpected_field",
                'Multipart fields: "text", files in "images", and optionally '
                '"image_refs" (JSON list of {"name", "sha256"} for images sent before) and '
                '"pictured" (JSON list of answers about photos with people) and '
                '"resolved" (JSON list of {"start", "end", "pupil"}).',
            )
    if text is None:
        raise bad("missing_text", 'The form needs a "text" field (it may be empty when images are sent).')
    resolved: list[Resolution] = []
    if resolved_raw is not None:
        raw = loads_bounded(resolved_raw, '"resolved" must be JSON: [{"start", "end", "pupil"}, ...].')
        resolved = parse_resolved(raw, text)
    return check_counts(CheckInput(text, refs, uploads, answers or {}, resolved), limits)


async def read_check_input(request: web.Request, limits: Limits) -> CheckInput:
    """The whole request, read within `limits.body_timeout` (a slow client is a 408)."""
    async with within(limits.body_timeout):
        if request.content_type == "multipart/form-data":
            return await read_multipart(request, limits)
        return await read_json(request, limits)


@contextlib.asynccontextmanager
async def within(seconds: float) -> AsyncIterator[None]:
    """A time limit on reading a request body; overrunning it is a 408, not a 500."""
    try:
        async with asyncio.timeout(seconds):
            yield
    except TimeoutError:
        raise ApiError(408, "slow_request", "The request was sent too slowly. Try again.", close=True) from None
