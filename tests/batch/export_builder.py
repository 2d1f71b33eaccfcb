"""Builds small Facebook "Download Your Information" exports for tests, as Facebook writes them.

Facebook escapes each UTF-8 byte of non-ASCII text as its own \\u00XX, so the
builder does the same (`mojibake()` then ASCII-only JSON).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw


def mojibake(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [mojibake(v) for v in value]
    if isinstance(value, dict):
        return {k: mojibake(v) for k, v in value.items()}
    return value


def fb_json(obj: Any) -> bytes:
    return json.dumps(mojibake(obj), ensure_ascii=True, indent=2).encode("ascii")


def photo_bytes(seed: int = 0, size=(320, 240)) -> bytes:
    """A small real JPEG with some shapes (no people)."""
    im = Image.new("RGB", size, ((seed * 40) % 256, 120, 200))
    draw = ImageDraw.Draw(im)
    draw.ellipse((20 + seed % 50, 20, 140, 140), fill=(250, 220, 40))
    draw.rectangle((160, 60, 300, 200), fill=(30, 160, 60))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def post(text: str | None, timestamp: int, media: list[dict] | None = None, **extra) -> dict:
    item: dict[str, Any] = {"timestamp": timestamp}
    if text is not None:
        item["data"] = [{"post": text}]
    if media:
        item["attachments"] = [{"data": [{"media": m} for m in media]}]
    item.update(extra)
    return item


def media(uri: str, timestamp: int, description: str | None = None, title: str = "Timeline photos") -> dict:
    m: dict[str, Any] = {"uri": uri, "creation_timestamp": timestamp, "title": title}
    if description:
        m["description"] = description
    return m


class ExportBuilder:
    """Collects files, then writes them as a folder or a zip (optionally under a wrapper folder)."""

    def __init__(self, prefix: str = ""):
        self.prefix = prefix
        self.files: dict[str, bytes] = {}

    def add_json(self, inner: str, obj: Any) -> ExportBuilder:
        self.files[inner] = fb_json(obj)
        return self

    def add_raw(self, inner: str, data: bytes) -> ExportBuilder:
        self.files[inner] = data
        return self

    def add_photo(self, inner: str, seed: int = 0) -> ExportBuilder:
        self.files[inner] = photo_bytes(seed)
        return self

    def write_folder(self, root: Path) -> Path:
        for inner, data in self.files.items():
            path = root / self.prefix / inner
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return root

    def write_zip(self, path: Path) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for inner, data in self.files.items():
                zf.writestr(self.prefix + inner, data)
        return path
