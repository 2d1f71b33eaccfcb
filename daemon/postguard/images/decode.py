"""Open an image file or upload safely and reduce it to a small greyscale working copy.

Everything a draft or reference photo goes through before hashing: format and
size checks (decompression bombs), reduced-scale JPEG decoding (`Image.draft`),
EXIF orientation, flattening transparency onto white, greyscale. Problems are
raised as `ImageProblem` with a reason in plain English.
"""

from __future__ import annotations

import io
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from postguard.files import UnreadableFile, read_regular_file

# Long side of the working copy: enough for hashing and for finding a photo in a screenshot.
WORK_SIDE = 384
FULL_DECODE_SIDE = 768
# Our own caps: the largest phone photos are about 200 megapixels.
MAX_PIXELS = 200_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
# Formats with no reduced-scale decoding are decoded whole: a lower cap (from the header,
# before decoding) bounds one decode's memory (40 MP in RGBA is 160 MB; 196 MP took 1.15 GB).
MAX_FULL_DECODE_PIXELS = 40_000_000
SCALED_FORMATS = {"JPEG", "MPO"}
READABLE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP", "TIFF", "HEIF"}
# Formats whose extra frames are an animation (TIFF pages, MPO and HEIF extras are not).
ANIMATED_FORMATS = {"GIF", "WEBP", "PNG"}
IMAGE_SUFFIXES = {
    ".jpg",
    ".jpeg",
    ".jpe",
    ".png",
    ".webp",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".heic",
    ".heif",
    ".hif",
    ".mpo",
}

EXIF_ORIENTATION = 0x0112
GPS_IFD = 0x8825
GPS_LATITUDE, GPS_LONGITUDE = 2, 4


class ImageProblem(Exception):
    """A file that cannot be checked; `reason` is shown to staff."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    grey: np.ndarray  # uint8, H x W, upright; long side <= WORK_SIDE (JPEG) or FULL_DECODE_SIDE
    width: int  # full size, as displayed (after EXIF orientation)
    height: int
    format: str
    has_gps: bool
    animated: bool
    # Colour copy for face detection (decode(colour=True)): H x W x 3, upright, long side <= FULL_DECODE_SIDE.
    rgb: np.ndarray | None = None


_set_up = False


def set_up_pillow() -> None:
    """Once, on first use: HEIC/HEIF support, and Pillow's bomb limit at our cap."""
    global _set_up
    if not _set_up:
        from pillow_heif import register_heif_opener

        register_heif_opener()
        # Pillow warns above this and refuses above twice this; we refuse above it (below).
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        _set_up = True


def check_file_size(size: int) -> None:
    """The one file-size rule for photos (files and uploads alike)."""
    if size > MAX_FILE_BYTES:
        raise ImageProblem(f"the file is too large ({size // 2**20} MB; the limit is {MAX_FILE_BYTES // 2**20} MB)")


def read_image_file(path: Path) -> bytes:
    """A photo file's bytes, size-checked before reading. Raises ImageProblem.
    Regular files only: a pipe or a device (/dev/zero) would hang or read without end."""
    try:
        st = path.stat()
    except OSError:
        raise ImageProblem("the file could not be opened (missing or not readable)") from None
    if not stat.S_ISREG(st.st_mode):
        raise ImageProblem("this is not an ordinary file (a pipe, a device or a folder)")
    check_file_size(st.st_size)
    try:
        # One read, then decode from memory: ~20% faster than Pillow reading the file in pieces.
        return read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableFile:  # replaced by a pipe since, or grown past the cap while read
        raise ImageProblem("the file could not be read as an ordinary file within the size limit") from None


def decode(path: Path | None = None, data: bytes | None = None, *, colour: bool = False) -> Decoded:
    """Decode a file (path) or upload (data). Raises ImageProblem for anything unusable.

    `colour` also keeps a small colour copy (for face detection); the greyscale one is the same.
    """
    set_up_pillow()
    if data is None:
        if path is None:
            raise ImageProblem("no image was given")
        data = read_image_file(path)
    check_file_size(len(data))
    source = io.BytesIO(data)
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns first; treat that as an error too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as img:
                large = img.size[0] * img.size[1] > LARGE_PIXELS
                try:
                    return _decode_open(img, colour)
                finally:
                    if large:
                        img.close()
                        _release_memory()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem("the picture is far too large in pixels (a possible decompression bomb)") from None
    except UnidentifiedImageError:
        raise ImageProblem("this is not a picture PostGuard can read (unsupported format or not an image)") from None
    except Exception:  # decoders raise many kinds (OSError, SyntaxError, struct.error, ...)
        raise ImageProblem("the file is damaged or incomplete") from None


def _decode_open(img: Image.Image, colour: bool = False) -> Decoded:
    fmt = img.format or "unknown"
    if fmt not in READABLE_FORMATS:
        raise ImageProblem(f"the {fmt} format is not supported (use JPEG, PNG, WebP, GIF, BMP, TIFF or HEIC)")
    width, height = img.size
    if width <= 0 or height <= 0:
        raise ImageProblem("the picture has no pixels")
    if width * height > MAX_PIXELS:
        raise ImageProblem(
            f"the picture is far too large ({width}x{height} pixels; the limit is "
            f"{MAX_PIXELS // 1_000_000} megapixels), a possible decompression bomb"
        )
    if fmt not in SCALED_FORMATS and width * height > MAX_FULL_DECODE_PIXELS:
        raise ImageProblem(
            f"the picture is too large to check ({width}x{height} pixels; {fmt} pictures are checked up to "
            f"{MAX_FULL_DECODE_PIXELS // 1_000_000} megapixels). Save a smaller copy or a JPEG and try again"
        )
    animated = fmt in ANIMATED_FORMATS and bool(getattr(img, "is_animated", False))
    exif = img.getexif()
    orientation = exif.get(EXIF_ORIENTATION, 1)
    has_gps = _has_gps(exif)
    if fmt in ("JPEG", "MPO"):
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale straight to greyscale: most of the speed.
        scale = 8
        while scale > 1 and max(width, height) // scale < WORK_SIDE:
            scale //= 2
        # In colour the chroma is decoded too (a few per cent slower); grey comes from the same pixels.
        img.draft("RGB" if colour else "L", (max(1, width // scale), max(1, height // scale)))
    img.load()
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    rgb = None
    if colour:
        picture = _to_rgb(img)
        if orientation != 1:
            picture = _orient(picture, orientation)
        if max(picture.size) > FULL_DECODE_SIDE:
            ratio = FULL_DECODE_SIDE / max(picture.size)
            picture = picture.resize(
                (max(1, round(picture.width * ratio)), max(1, round(picture.height * ratio))), Image.Resampling.BOX
            )
        rgb = np.asarray(picture, dtype=np.uint8)
        frame = picture.convert("L")
    else:
        frame = _to_grey(img)
        if orientation != 1:
            frame = _orient(frame, orientation)
    # Pictures decoded in full anyway (PNG screenshots) keep more detail: a photo that
    # fills a fifth of a screenshot still gets a fair number of pixels.
    side = WORK_SIDE if fmt in ("JPEG", "MPO") else FULL_DECODE_SIDE
    if max(frame.size) > side:
        ratio = side / max(frame.size)
        frame = frame.resize(
            (max(1, round(frame.width * ratio)), max(1, round(frame.height * ratio))), Image.Resampling.BOX
        )
    grey = np.asarray(frame, dtype=np.uint8)
    return Decoded(grey=grey, width=width, height=height, format=fmt, has_gps=has_gps, animated=animated, rgb=rgb)


LARGE_PIXELS = 16_000_000


def _release_memory() -> None:
    """Hand the freed decode buffers back to the OS (glibc keeps them otherwise)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _orient(img: Image.Image, orientation: int) -> Image.Image:
    method = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)
    return img.transpose(method) if method is not None else img


def _to_grey(img: Image.Image) -> Image.Image:
    """Greyscale, with transparency flattened onto white (how Facebook shows it)."""
    if img.mode == "L":
        return img
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        arr = np.asarray(img, dtype=np.float32)
        top = float(arr.max()) or 1.0
        return Image.fromarray(np.clip(arr * (255.0 / top), 0, 255).astype(np.uint8), "L")
    has_alpha = img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info
    if has_alpha:
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    return img.convert("L")


def _to_rgb(img: Image.Image) -> Image.Image:
    """Colour, with transparency flattened onto white; greyscale pictures as grey RGB."""
    if img.mode == "RGB":
        return img
    has_alpha = img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info
    if has_alpha:
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if img.mode in ("RGB", "CMYK", "YCbCr", "P", "RGBX"):
        return img.convert("RGB")
    return _to_grey(img).convert("RGB")  # greyscale and 16-bit pictures


def _has_gps(exif: Image.Exif) -> bool:
    try:
        gps = exif.get_ifd(GPS_IFD)
    except Exception:  # malformed EXIF: nothing we can read
        return False
    return bool(gps.get(GPS_LATITUDE) or gps.get(GPS_LONGITUDE))


def is_image_name(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES
