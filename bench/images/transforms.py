"""What staff really do to photos before posting them, as reproducible edits.

Each transform takes an RGB photo and a random generator and returns the bytes
of the edited file, as it would be attached to a post.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps


def save(img: Image.Image, fmt: str = "JPEG", **kw) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        kw.setdefault("quality", 85)
        img = img.convert("RGB")
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def fit(img: Image.Image, side: int) -> Image.Image:
    """Facebook-style upload size: long side at most `side`."""
    if max(img.size) <= side:
        return img
    r = side / max(img.size)
    return img.resize((round(img.width * r), round(img.height * r)), Image.Resampling.LANCZOS)


def font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def crop_area(img: Image.Image, rng: random.Random, removed: float) -> Image.Image:
    """Keep a window with (1 - removed) of the area, random shape and place."""
    keep = 1.0 - removed
    kw = rng.uniform(keep, 1.0)
    kh = keep / kw
    w, h = round(img.width * kw), round(img.height * kh)
    x = rng.randint(0, img.width - w)
    y = rng.randint(0, img.height - h)
    return img.crop((x, y, x + w, y + h))


def rotate_small(img: Image.Image, rng: random.Random, degrees: float) -> Image.Image:
    """'Straighten': rotate a few degrees and crop to the largest upright rectangle inside."""
    angle = degrees * rng.choice((-1, 1))
    rotated = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False)
    a = math.radians(abs(angle))
    w, h = img.size
    # Largest axis-aligned rectangle of the same aspect inside the rotated frame.
    scale = min(w, h) / (min(w, h) * math.cos(a) + max(w, h) * math.sin(a))
    cw, ch = round(w * scale), round(h * scale)
    x, y = (w - cw) // 2, (h - ch) // 2
    return rotated.crop((x, y, x + cw, y + ch))


def caption(img: Image.Image, rng: random.Random) -> Image.Image:
    band = max(40, img.height // 6)
    colour = rng.choice([(255, 255, 255), (20, 40, 120), (250, 200, 0), (0, 0, 0)])
    ink = (0, 0, 0) if sum(colour) > 380 else (255, 255, 255)
    out = Image.new("RGB", (img.width, img.height + band), colour)
    top = rng.random() < 0.5
    out.paste(img, (0, band if top else 0))
    draw = ImageDraw.Draw(out)
    y = (0 if top else img.height) + band // 4
    draw.text(
        (img.width // 20, y),
        "Well done to our Year 5 team at the county finals!",
        fill=ink,
        font=font(max(12, band // 3)),
    )
    return out


def overlay(img: Image.Image, rng: random.Random) -> Image.Image:
    out = img.convert("RGB").copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    for _ in range(2):  # stickers: bright discs with a face, about 2% of the picture each
        r = int(min(w, h) * rng.uniform(0.07, 0.1))
        cx, cy = rng.randint(r, w - r), rng.randint(r, h - r)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 210, 0), outline=(0, 0, 0), width=max(1, r // 12))
        draw.ellipse((cx - r // 3, cy - r // 3, cx - r // 6, cy - r // 6), fill=(0, 0, 0))
        draw.ellipse((cx + r // 6, cy - r // 3, cx + r // 3, cy - r // 6), fill=(0, 0, 0))
    size = max(14, h // 14)
    draw.text(
        (w // 10, int(h * rng.uniform(0.1, 0.8))),
        "SPORTS DAY 2026!",
        fill=(255, 255, 255),
        font=font(size),
        stroke_width=max(1, size // 10),
        stroke_fill=(0, 0, 0),
    )
    return out


def border(img: Image.Image, rng: random.Random) -> Image.Image:
    if rng.random() < 0.5:  # a frame of one colour
        pad = int(min(img.size) * rng.uniform(0.04, 0.12))
        return ImageOps.expand(img, border=pad, fill=rng.choice([(255, 255, 255), (0, 0, 0), (200, 30, 30)]))
    # letterbox to square or 16:9, black or white bars
    w, h = img.size
    target = rng.choice([1.0, 16 / 9, 9 / 16])
    size = (w, round(w / target)) if w / h > target else (round(h * target), h)
    out = Image.new("RGB", size, rng.choice([(0, 0, 0), (255, 255, 255)]))
    out.paste(img, ((size[0] - w) // 2, (size[1] - h) // 2))
    return out


def screenshot(img: Image.Image, rng: random.Random) -> Image.Image:
    """The photo inside a 1920x1080 capture of a social-media page (bars, text, buttons)."""
    screen = Image.new("RGB", (1920, 1080), (240, 242, 245))
    draw = ImageDraw.Draw(screen)
    draw.rectangle((0, 0, 1920, 56), fill=(255, 255, 255))
    draw.rectangle((16, 8, 56, 48), fill=(24, 119, 242))
    draw.text((80, 16), "Search", fill=(100, 100, 100), font=font(20))
    for i in range(8):  # left menu
        draw.ellipse((20, 90 + 50 * i, 56, 126 + 50 * i), fill=(200, 210, 230))
        draw.text((70, 98 + 50 * i), f"Menu item {i}", fill=(30, 30, 30), font=font(18))
    card_x, card_w = 600, 720
    photo = img.convert("RGB")
    photo_w = card_w
    photo_h = round(photo.height * photo_w / photo.width)
    if photo_h > 820:
        photo_h = 820
        photo_w = round(photo.width * photo_h / photo.height)
    photo = photo.resize((photo_w, photo_h), Image.Resampling.LANCZOS)
    draw.rectangle((card_x, 70, card_x + card_w, 1080), fill=(255, 255, 255))
    draw.text((card_x + 60, 84), "Riverside Primary School", fill=(5, 5, 5), font=font(20))
    draw.text((card_x + 16, 120), "A great afternoon at the school fair, thank you all!", fill=(5, 5, 5), font=font(18))
    top = 160
    screen.paste(photo, (card_x + (card_w - photo_w) // 2, top))
    draw.text((card_x + 16, top + photo_h + 10), "Like    Comment    Share", fill=(90, 90, 90), font=font(18))
    return screen


def _exif_rotated(img: Image.Image) -> bytes:
    # Pixels stored sideways with orientation 6: viewers (and PostGuard) turn them upright.
    exif = Image.Exif()
    exif[0x0112] = 6
    return save(img.transpose(Image.Transpose.ROTATE_90), "JPEG", exif=exif.tobytes())


def _filter(img: Image.Image, rng: random.Random) -> Image.Image:
    kind = rng.choice(["sepia", "vivid", "blur", "sharpen", "cool"])
    if kind == "sepia":
        g = ImageOps.grayscale(img)
        return ImageOps.colorize(g, (40, 26, 13), (255, 240, 192))
    if kind == "vivid":
        return ImageEnhance.Contrast(ImageEnhance.Color(img).enhance(1.8)).enhance(1.2)
    if kind == "blur":
        return img.filter(ImageFilter.GaussianBlur(max(1, min(img.size) // 300)))
    if kind == "sharpen":
        return img.filter(ImageFilter.UnsharpMask(radius=2, percent=150))
    r, g, b = img.split()
    return Image.merge("RGB", (r.point(lambda v: v * 0.85), g, b.point(lambda v: min(255, v * 1.15 + 10))))


def _brightness(img: Image.Image, rng: random.Random) -> Image.Image:
    img = ImageEnhance.Brightness(img).enhance(rng.choice([0.7, 1.3]))
    return ImageEnhance.Contrast(img).enhance(rng.choice([0.75, 1.3]))


# name -> (group, edit). Everyday edits aim at >= 99% recall, hard ones at >= 90%.
TRANSFORMS: dict[str, tuple[str, Callable[[Image.Image, random.Random], bytes]]] = {
    "resize_50": ("everyday", lambda im, r: save(im.resize((im.width // 2, im.height // 2), Image.Resampling.LANCZOS))),
    "resize_small": ("everyday", lambda im, r: save(fit(im, 320))),
    "recompress_q15": ("everyday", lambda im, r: save(im, quality=15)),
    "recompress_q60": ("everyday", lambda im, r: save(im, quality=60)),
    "format_png": ("everyday", lambda im, r: save(im, "PNG")),
    "format_webp": ("everyday", lambda im, r: save(im, "WEBP", quality=75)),
    "brightness_contrast": ("everyday", lambda im, r: save(_brightness(im, r))),
    "filter": ("everyday", lambda im, r: save(_filter(im, r))),
    "greyscale": ("everyday", lambda im, r: save(ImageOps.grayscale(im))),
    "exif_rotation": ("everyday", lambda im, r: _exif_rotated(im)),
    "mirror": ("everyday", lambda im, r: save(ImageOps.mirror(im))),
    "crop_10": ("everyday", lambda im, r: save(crop_area(im, r, 0.10))),
    "caption": ("everyday", lambda im, r: save(caption(im, r))),
    "overlay": ("everyday", lambda im, r: save(overlay(im, r))),
    "border": ("everyday", lambda im, r: save(border(im, r))),
    "screenshot": ("everyday", lambda im, r: save(screenshot(fit(im, 1600), r), "PNG")),
    "crop_20": ("hard", lambda im, r: save(crop_area(im, r, 0.20))),
    "crop_25": ("hard", lambda im, r: save(crop_area(im, r, 0.25))),
    "rotate_3": ("hard", lambda im, r: save(rotate_small(im, r, 3.0))),
    "rotate_90": (
        "hard",
        lambda im, r: save(im.transpose(r.choice([Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_270]))),
    ),
}
