"""What runs inside each worker process: one Checker (model loaded once) per process."""

from __future__ import annotations

import base64
import io
import signal
from typing import Any

from postguard.batch.media import MediaSource
from postguard.settings import Settings
from postguard.text.resolution import Resolution

THUMB_BOX = (200, 160)

_state: dict[str, Any] = {}


def init_worker(settings: Settings, media_spec: dict[str, Any], thumbnails: bool) -> None:
    # Ctrl-C goes to the whole process group: the parent decides how to stop, workers
    # finish their chunk and are shut down by it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from postguard.checker import Checker

    try:  # iPhone photos (HEIC) get thumbnails too
        from pillow_heif import register_heif_opener

        register_heif_opener()
    except ImportError:
        pass
    _state["checker"] = Checker(settings)
    _state["media"] = MediaSource.from_spec(media_spec)
    _state["thumbnails"] = thumbnails


def thumbnail_data_uri(image) -> str | None:
    """A small JPEG of the image as a data: URI, or None if it cannot be read."""
    from PIL import Image, ImageOps

    try:
        source = io.BytesIO(image.data) if image.data is not None else image.path
        with Image.open(source) as im:
            im.draft("RGB", THUMB_BOX)  # JPEGs decode straight at 1/2-1/8 scale: much faster
            im = ImageOps.exif_transpose(im)
            im.thumbnail(THUMB_BOX)
            buf = io.BytesIO()
            im.convert("RGB").save(buf, "JPEG", quality=70)
    except Exception:  # any unreadable image: the report shows "no preview"
        return None
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def check_chunk(tasks: list[dict[str, Any]], batch_size: int) -> dict[str, Any]:
    """Check a chunk of posts; returns per-post verdict, findings, thumbnails, skipped media."""
    checker = _state["checker"]
    media: MediaSource = _state["media"]
    prepared = []
    skipped: list[list[str]] = []
    for task in tasks:
        images, notes = [], []
        for path in task["images"]:
            try:
                images.append(media.image_input(path))
            except (OSError, ValueError, KeyError) as exc:
                notes.append(f"could not read {path}: {exc}")
        resolved = [Resolution(r["start"], r["end"], r["pupil"]) for r in task.get("resolved", ())]
        prepared.append((task["text"], images, resolved))
        skipped.append(notes)
    results = []
    for (_, images, _), notes, result in zip(prepared, skipped, checker.check_many(prepared, batch_size=batch_size)):
        thumbs = {}
        if _state["thumbnails"] and result.findings:
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
        "images_checked": checker.images is not None,
        "consent_version": checker.consent_version,
        "demo_roster": checker.store.is_demo,
    }
