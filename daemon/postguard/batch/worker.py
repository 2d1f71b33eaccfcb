"""What runs inside each worker process: one Checker (model loaded once) per process."""

from __future__ import annotations

import base64
import io
import signal
from dataclasses import dataclass
from typing import Any

from postguard.batch.media import MediaSource
from postguard.checker import Checker, ImageInput
from postguard.settings import Settings

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


def check_chunk(tasks: list[dict[str, Any]], batch_size: int) -> dict[str, Any]:
    """Check a chunk of posts; returns per-post verdict, findings, thumbnails, skipped media."""
    if _state is None:
        raise RuntimeError("check_chunk runs in a worker started with init_worker")
    checker, media = _state.checker, _state.media
    prepared = []
    skipped: list[list[str]] = []
    for task in tasks:
        images, notes = [], []
        for path in task["images"]:
            try:
                images.append(media.image_input(path))
            except (OSError, ValueError, KeyError) as exc:
                notes.append(f"could not read {path}: {exc}")
        prepared.append((task["text"], images))
        skipped.append(notes)
    results = []
    checked = checker.check_many(prepared, batch_size=batch_size)
    for (_text, images), notes, result in zip(prepared, skipped, checked, strict=True):
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
