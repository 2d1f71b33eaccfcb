"""Large images are refused from their header before decoding, and a large decode's memory is
handed back (issue 15: one 196-megapixel PNG left the daemon at 1.15 GB)."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from postguard.images.decode import MAX_FULL_DECODE_PIXELS, ImageProblem, decode


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height, with a tiny (wrong) data chunk."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


def gif_header_only(width: int, height: int) -> bytes:
    return (
        b"GIF89a"
        + struct.pack("<HH", width, height)
        + b"\x00\x00\x00"
        + b",\x00\x00\x00\x00"
        + struct.pack("<HH", width, height)
        + b"\x00\x02\x02D\x01\x00;"
    )


def bmp_header_only(width: int, height: int) -> bytes:
    header = struct.pack("<2sIHHI", b"BM", 54, 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return header + info


@pytest.mark.parametrize(
    "data",
    [
        png_header_only(14_000, 14_000),  # 196 MP: under the overall cap, over the full-decode cap
        png_header_only(8_000, 6_000),  # 48 MP
        gif_header_only(65_000, 1_000),
        bmp_header_only(10_000, 10_000),
        png_header_only(50_000, 50_000),  # over every cap
    ],
)
def test_too_large_from_the_header_is_refused_before_decoding(data):
    with pytest.raises(ImageProblem, match="too large"):
        decode(data=data)


def test_a_picture_within_the_caps_is_still_checked():
    buf = io.BytesIO()
    Image.new("RGB", (2000, 1500), (120, 30, 200)).save(buf, "PNG")
    assert MAX_FULL_DECODE_PIXELS > 2000 * 1500
    decoded = decode(data=buf.getvalue())
    assert decoded.width == 2000 and max(decoded.grey.shape) <= 768
