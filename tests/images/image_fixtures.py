"""Generated photos (Pillow, no network) and the test roster's pupils the image tests use."""

from __future__ import annotations

import functools
import io
import random

from PIL import Image, ImageDraw, ImageFilter

NO_PHOTO_CONSENT = "T100000000001"  # Amelia Stanton: photo consent No
ALSO_NO_PHOTO_CONSENT = "T100000000005"  # Grace Whitfield: photo consent No
HAS_PHOTO_CONSENT = "T100000000002"  # Amelia Okafor-Reid: photo consent Yes


def photo(seed: int, size: tuple[int, int] = (960, 720)) -> Image.Image:
    """A photo-like picture: overlapping soft shapes on a gradient, with grain. Distinct per seed."""
    return _photo(seed, size).copy()


@functools.lru_cache(maxsize=64)
def _photo(seed: int, size: tuple[int, int]) -> Image.Image:
    rng = random.Random(seed)
    w, h = size
    img = Image.linear_gradient("L").resize(size).rotate(rng.uniform(0, 360)).convert("RGB")
    tint = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    img = Image.blend(img, tint, 0.6)
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.randrange(min(w, h) // 20, min(w, h) // 4)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(3))
    grain = Image.effect_noise(size, 12).convert("RGB")
    return Image.blend(img, grain, 0.08)


def encode(img: Image.Image, fmt: str = "JPEG", **kw) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        img = img.convert("RGB") if img.mode not in ("L", "RGB", "CMYK") else img
        kw.setdefault("quality", 90)
    img.save(buf, fmt, **kw)
    return buf.getvalue()
