"""Every kind of bad or unusual file: a clear per-file problem, never a crash."""

from __future__ import annotations

import io
import struct
import zlib

import pillow_heif
import pytest
from image_fixtures import NO_PHOTO_CONSENT, encode, photo
from PIL import Image

from postguard.checker import ImageInput
from postguard.images.bank import ReferenceBank
from postguard.images.decode import MAX_PIXELS, ImageProblem, decode


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


def animated_gif() -> bytes:
    frames = [photo(seed).resize((480, 360)).convert("P") for seed in (1, 2, 3)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buf.getvalue()


def gps_jpeg(img) -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    return encode(img, exif=exif.tobytes())


BAD = {
    "not an image": (b"this is a text file, not a photo\n" * 20, "not a picture"),
    "empty file": (b"", "not a picture"),
    "truncated JPEG": (encode(photo(1))[:5000], "damaged or incomplete"),
    "JPEG header only": (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "not a picture"),
    "decompression bomb": (png_claiming(60_000, 60_000), "far too large"),
    "unsupported format": (encode(photo(1, (64, 64)), "ICO"), "not supported"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_file_is_reported_not_crashed(image_checker, case):
    data, words = BAD[case]
    (finding,) = image_checker.check(ImageInput(name=f"{case}.jpg", data=data))
    d = finding.to_dict()
    assert d["code"] == "image.unreadable" and d["severity"] == "warn" and d["image"] == f"{case}.jpg"
    assert words in d["message"] and "Check it yourself" in d["message"]
    assert d["start"] is None and d["pupils"] == []


def test_bomb_is_refused_before_decoding():
    with pytest.raises(ImageProblem, match="far too large"):
        decode(data=png_claiming(20_000, 20_000))  # 400 MP: above our cap, no pixels allocated
    assert MAX_PIXELS < 20_000 * 20_000


def test_missing_path_is_reported(image_checker, tmp_path):
    (finding,) = image_checker.check(ImageInput(name="gone.jpg", path=tmp_path / "gone.jpg"))
    assert finding.code == "image.unreadable" and "could not be opened" in finding.message


def test_gps_location_is_a_warning(image_checker):
    findings = image_checker.check(ImageInput(name="trip.jpg", data=gps_jpeg(photo(50))))
    assert [(f.code, f.severity, f.extra["image"]) for f in findings] == [("image.gps", "warn", "trip.jpg")]
    assert image_checker.check(ImageInput(name="plain.jpg", data=encode(photo(50)))) == []


@pytest.fixture
def one_reference(image_checker, tmp_path):
    path = tmp_path / "ref.jpg"
    path.write_bytes(encode(photo(1)))
    ReferenceBank(image_checker._conn).add([path], [NO_PHOTO_CONSENT])
    image_checker.refresh()


def codes(checker, data: bytes) -> list[str]:
    return [f.code for f in checker.check(ImageInput(name="draft", data=data))]


def test_animated_draft_checks_first_frame_and_says_so(image_checker, one_reference):
    findings = image_checker.check(ImageInput(name="anim.gif", data=animated_gif()))
    assert [f.code for f in findings] == ["image.no_consent", "image.unreadable"]
    assert "animation" in findings[1].message


def test_animated_reference_is_refused_rest_of_batch_goes_in(image_checker, tmp_path):
    good = tmp_path / "good.jpg"
    good.write_bytes(encode(photo(2)))
    anim = tmp_path / "anim.gif"
    anim.write_bytes(animated_gif())
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(encode(photo(3))[:3000])
    report = ReferenceBank(image_checker._conn).add([anim, good, broken], [NO_PHOTO_CONSENT])
    assert [name for _, name in report.added] == ["good.jpg"]
    reasons = dict(report.errors)
    assert "animation" in reasons[str(anim)] and "damaged" in reasons[str(broken)]


@pytest.mark.parametrize("kind", ["RGBA PNG", "16-bit PNG", "CMYK JPEG", "palette GIF", "BMP", "TIFF", "WebP"])
def test_other_encodings_are_read_and_matched(image_checker, one_reference, kind):
    img = photo(1)
    if kind == "RGBA PNG":
        rgba = img.convert("RGBA")
        rgba.putalpha(255)
        data = encode(rgba, "PNG")
    elif kind == "16-bit PNG":
        data = encode(Image.fromarray(__import__("numpy").asarray(img.convert("L"), dtype="uint16") * 256), "PNG")
    elif kind == "CMYK JPEG":
        data = encode(img.convert("CMYK"))
    elif kind == "palette GIF":
        data = encode(img.convert("P"), "GIF")
    else:
        data = encode(img, {"BMP": "BMP", "TIFF": "TIFF", "WebP": "WEBP"}[kind])
    assert codes(image_checker, data) == ["image.no_consent"]


def test_transparent_areas_are_flattened_onto_white(image_checker):
    rgba = Image.new("RGBA", (400, 300), (0, 0, 0, 0))  # fully transparent: shows as white
    rgba.paste(photo(5, (200, 150)), (100, 75))
    decoded = decode(data=encode(rgba, "PNG"))
    assert decoded.grey[0, 0] == 255 and decoded.grey[-1, -1] == 255


def test_heic_from_phones_is_read(image_checker, one_reference):
    buf = io.BytesIO()
    try:
        pillow_heif.from_pillow(photo(1)).save(buf, quality=80)
    except Exception as exc:  # this libheif build has no HEVC encoder
        pytest.skip(f"cannot write HEIC here: {exc}")
    assert decode(data=buf.getvalue()).format == "HEIF"
    assert codes(image_checker, buf.getvalue()) == ["image.no_consent"]


def test_exif_orientation_is_applied():
    img = photo(9, (400, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    decoded = decode(data=encode(img.transpose(Image.Transpose.ROTATE_90), exif=exif.tobytes()))
    assert (decoded.width, decoded.height) == (400, 200)
    assert decoded.grey.shape[1] > decoded.grey.shape[0]


def test_blank_reference_is_refused_and_blank_draft_matches_nothing(image_checker, one_reference, tmp_path):
    blank = tmp_path / "blank.png"
    blank.write_bytes(encode(Image.new("RGB", (640, 480), (90, 140, 200)), "PNG"))
    report = ReferenceBank(image_checker._conn).add([blank], [NO_PHOTO_CONSENT])
    assert not report.added and "blank" in dict(report.errors)[str(blank)]
    assert codes(image_checker, blank.read_bytes()) == []
    assert codes(image_checker, encode(Image.new("RGB", (1, 1)), "PNG")) == []
