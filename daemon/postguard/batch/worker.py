"""What runs inside each worker process: one Checker (model loaded once) per process."""

from __future__ import annotations

import base64
import io
import signal
from dataclasses import dataclass
from typing import Any

from postguard import policy
from postguard.batch.media import MediaSource
from postguard.checker import Checker, ImageInput
from postguard.findings import WARN, Finding, fill_utf16, sort_findings, verdict_of
from postguard.server.limits import Limits
from postguard.settings import Settings
from postguard.text.resolution import Resolution

THUMB_BOX = (200, 160)


@dataclass
class _WorkerState:
    checker: Checker
    media: MediaSource
    thumbnails: bool


_state: _WorkerState | None = None  # set once per process by init_worker


def init_worker(settings: Settings, media_spec: dict[str, Any], thumbnails: bool) -> None:
    # Ctrl-C goes to the whole process group: the parent decides how to stop, workers
    # finish their chunk and are shut down by it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from postguard.images.decode import set_up_pillow

    global _state
    set_up_pillow()  # iPhone photos (HEIC) get thumbnails too
    _state = _WorkerState(Checker(settings), MediaSource.from_spec(media_spec), thumbnails)


def thumbnail_data_uri(image: ImageInput) -> str | None:
    """A small JPEG of the image as a data: URI, or None if it cannot be read."""
    from PIL import Image, ImageOps

    source = io.BytesIO(image.data) if image.data is not None else image.path
    if source is None:
        return None
    try:
        with Image.open(source) as opened:
            opened.draft("RGB", THUMB_BOX)  # JPEGs decode straight at 1/2-1/8 scale: much faster
            im = ImageOps.exif_transpose(opened)
            im.thumbnail(THUMB_BOX)
            buf = io.BytesIO()
            im.convert("RGB").save(buf, "JPEG", quality=70)
    except Exception:  # any unreadable image: the report shows "no preview"
        return None
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


MAX_TEXT_CHARS = Limits().max_text_chars  # the daemon's limit: a check's cost stays bounded


def within_limit(text: str, limit: int = MAX_TEXT_CHARS) -> tuple[str, bool]:
    """The part of a post that is checked: all of it, or its first `limit` characters (cut at a space)."""
    if len(text) <= limit:
        return text, False
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit], True


def too_long(checked: int, total: int) -> Finding:
    return Finding(
        code="text.too_long",
        severity=WARN,
        policy=policy.IDENTIFIABLE,
        start=checked,
        end=total,
        message=(
            f"This post is {total:,} characters long; PostGuard checked only its first {checked:,} characters "
            "(the same limit as when staff write a post). Read the rest yourself for pupils' names and details."
        ),
    )


def check_chunk(tasks: list[dict[str, Any]], batch_size: int) -> dict[str, Any]:
    """Check a chunk of posts; returns per-post verdict, findings, thumbnails, skipped media."""
    if _state is None:
        raise RuntimeError("check_chunk runs in a worker started with init_worker")
    checker, media = _state.checker, _state.media
    prepared = []
    skipped: list[list[str]] = []
    full_texts: list[str | None] = []  # posts checked only in part
    for task in tasks:
        images, notes = [], []
        for path in task["images"]:
            try:
                images.append(media.image_input(path))
            except (OSError, ValueError, KeyError) as exc:
                notes.append(f"could not read {path}: {exc}")
        text, cut = within_limit(task["text"])
        full_texts.append(task["text"] if cut else None)
        resolved = [Resolution(r["start"], r["end"], r["pupil"]) for r in task.get("resolved", ())]
        prepared.append((text, images, resolved))
        skipped.append(notes)
    results = []
    checked = checker.check_many(prepared, batch_size=batch_size)
    for (text, images, _resolved), notes, full, result in zip(prepared, skipped, full_texts, checked, strict=True):
        if full is not None:
            note = too_long(len(text), len(full))
            fill_utf16(full, [note])
            result.findings = sort_findings([*result.findings, note])
            result.verdict = verdict_of(result.findings)
        thumbs = {}
        if _state.thumbnails and result.findings:
            for image in images:
                uri = thumbnail_data_uri(image)
                if uri:
                    thumbs[image.name] = uri
        results.append(
            {
                "verdict": result.verdict,
                "findings": [f.to_dict() for f in result.findings],
                "thumbnails": thumbs,
                "skipped": notes,
            }
        )
    return {
        "results": results,
        "consent_version": checker.consent_version,
        "demo_roster": checker.store.is_demo,
    }
