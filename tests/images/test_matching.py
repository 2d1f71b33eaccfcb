"""Matching and non-matching tables on generated photos, against a real bank in SQLite."""

from __future__ import annotations

import json

import pytest
from image_fixtures import ALSO_NO_PHOTO_CONSENT, HAS_PHOTO_CONSENT, NO_PHOTO_CONSENT, encode, photo
from PIL import Image, ImageDraw, ImageEnhance, ImageOps

from postguard.checker import ImageInput
from postguard.consent.store import ConsentStore
from postguard.images.bank import ReferenceBank
from postguard.images.fingerprint import Fingerprint

BANK_SEEDS = (1, 2, 3)
OTHER_SEEDS = (101, 102, 103, 104)


def crop(img, left, top, right, bottom):
    w, h = img.size
    return img.crop((round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom))))


def caption(img):
    out = Image.new("RGB", (img.width, img.height + img.height // 6), (255, 255, 255))
    out.paste(img, (0, out.height - img.height))
    ImageDraw.Draw(out).text((20, 20), "Well done Year 5!", fill=(0, 0, 0))
    return out


def screenshot(img):
    screen = Image.new("RGB", (1920, 1080), (240, 242, 245))
    draw = ImageDraw.Draw(screen)
    draw.rectangle((0, 0, 1920, 56), fill=(255, 255, 255))
    draw.rectangle((600, 70, 1320, 1080), fill=(255, 255, 255))
    draw.text((620, 90), "Riverside Primary School", fill=(0, 0, 0))
    small = img.resize((720, 540))
    screen.paste(small, (600, 150))
    draw.text((620, 700), "Like   Comment   Share", fill=(90, 90, 90))
    return screen


def exif_rotated(img):
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways; viewers turn it upright
    return encode(img.transpose(Image.Transpose.ROTATE_90), exif=exif.tobytes())


def letterbox(img):
    out = Image.new("RGB", (img.width, img.width), (0, 0, 0))
    out.paste(img, (0, (img.width - img.height) // 2))
    return out


def stickers(img):
    out = img.copy()
    draw = ImageDraw.Draw(out)
    draw.ellipse((100, 100, 220, 220), fill=(255, 210, 0))
    draw.text((300, 700), "SPORTS DAY!", fill=(255, 255, 255))
    return out


EDITS = {
    "same file": lambda im: encode(im),
    "resize to half": lambda im: encode(im.resize((im.width // 2, im.height // 2))),
    "resize to 320 px": lambda im: encode(im.resize((320, 240))),
    "JPEG quality 20": lambda im: encode(im, quality=20),
    "PNG": lambda im: encode(im, "PNG"),
    "WebP": lambda im: encode(im, "WEBP", quality=70),
    "greyscale": lambda im: encode(ImageOps.grayscale(im)),
    "brighter": lambda im: encode(ImageEnhance.Brightness(im).enhance(1.2)),
    "mirror": lambda im: encode(ImageOps.mirror(im)),
    "rotated 90 degrees": lambda im: encode(im.transpose(Image.Transpose.ROTATE_270)),
    "EXIF rotation": exif_rotated,
    "crop 10%": lambda im: encode(crop(im, 0.05, 0.0, 0.05, 0.0)),
    "crop a corner": lambda im: encode(crop(im, 0.1, 0.1, 0.0, 0.0)),
    "white border": lambda im: encode(ImageOps.expand(im, border=60, fill=(255, 255, 255))),
    "letterbox": lambda im: encode(letterbox(im)),
    "caption band": lambda im: encode(caption(im)),
    "sticker and text": lambda im: encode(stickers(im)),
    "screenshot": lambda im: encode(screenshot(im), "PNG"),
}


@pytest.fixture
def bank(image_home, image_checker, tmp_path):
    paths = []
    for seed in BANK_SEEDS:
        path = tmp_path / f"reference-{seed}.jpg"
        path.write_bytes(encode(photo(seed), quality=95))
        paths.append(path)
    report = ReferenceBank(image_checker._conn).add(paths, [NO_PHOTO_CONSENT])
    assert [name for _, name in report.added] == [p.name for p in paths] and not report.errors
    image_checker.refresh()
    return {seed: ref_id for seed, (ref_id, _) in zip(BANK_SEEDS, report.added, strict=True)}


def check(checker, data: bytes, name: str = "draft.jpg"):
    return checker.check(ImageInput(name=name, data=data))


@pytest.mark.parametrize("edit", EDITS)
@pytest.mark.parametrize("seed", BANK_SEEDS)
def test_edited_reference_photo_is_blocked(bank, image_checker, seed, edit):
    findings = check(image_checker, EDITS[edit](photo(seed)))
    blocked = [f for f in findings if f.code == "image.no_consent"]
    assert blocked, f"{edit} of photo {seed} was not matched"
    assert blocked[0].extra["reference_id"] == bank[seed]
    assert blocked[0].severity == "block" and blocked[0].pupils == [NO_PHOTO_CONSENT]


@pytest.mark.parametrize("edit", EDITS)
@pytest.mark.parametrize("seed", OTHER_SEEDS)
def test_other_photos_are_not_matched(bank, image_checker, seed, edit):
    findings = check(image_checker, EDITS[edit](photo(seed)))
    assert not [f for f in findings if f.code == "image.no_consent"], f"{edit} of photo {seed} matched"


def test_finding_contract_and_message(bank, image_checker):
    (finding,) = check(image_checker, encode(photo(1)), name="uploads/sports.jpg")
    d = finding.to_dict()
    assert d["code"] == "image.no_consent" and d["severity"] == "block"
    assert d["image"] == "uploads/sports.jpg" and d["reference_id"] == bank[1] and 0 <= d["distance"] <= 256
    assert d["start"] is d["end"] is d["start_utf16"] is d["end_utf16"] is None
    assert d["pupils"] == [NO_PHOTO_CONSENT]
    assert "Amelia Stanton" in d["message"] and "Do not post it" in d["message"]
    assert "Appendix B" in d["policy"]


def test_consent_change_takes_effect_without_rehashing(bank, image_checker):
    conn = image_checker._conn
    store = ConsentStore(conn)
    fp = image_checker.fingerprint(ImageInput(name="a.jpg", data=encode(photo(2))))
    assert image_checker.match(fp, "a.jpg")
    store.set_consent(NO_PHOTO_CONSENT, photo="granted")
    image_checker.refresh()
    assert image_checker.match(fp, "a.jpg") == []  # same fingerprint, no bytes, no re-hash
    store.set_consent(NO_PHOTO_CONSENT, no_publish=True)  # No Publish overrides photo consent
    image_checker.refresh()
    assert [f.code for f in image_checker.match(fp, "a.jpg")] == ["image.no_consent"]


def test_photo_of_several_pupils_names_only_those_without_consent(image_checker, tmp_path):
    path = tmp_path / "group.jpg"
    path.write_bytes(encode(photo(7)))
    bank = ReferenceBank(image_checker._conn)
    bank.add([path], [HAS_PHOTO_CONSENT, NO_PHOTO_CONSENT, ALSO_NO_PHOTO_CONSENT])
    image_checker.refresh()
    (finding,) = check(image_checker, encode(photo(7).resize((600, 450))))
    assert sorted(finding.pupils) == [NO_PHOTO_CONSENT, ALSO_NO_PHOTO_CONSENT]
    assert "Okafor-Reid" not in finding.message


def test_photo_whose_pupils_all_have_consent_is_not_matched(image_checker, tmp_path):
    path = tmp_path / "ok.jpg"
    path.write_bytes(encode(photo(8)))
    ReferenceBank(image_checker._conn).add([path], [HAS_PHOTO_CONSENT])
    image_checker.refresh()
    assert check(image_checker, encode(photo(8))) == []


def test_pupil_who_left_without_consent_stays_protected(bank, image_checker):
    # A pupil may have left for safeguarding reasons: their photos stay blocked until consent is given.
    conn = image_checker._conn
    conn.execute("UPDATE pupils SET on_roll = 0 WHERE pupil_id = ?", (NO_PHOTO_CONSENT,))
    image_checker.refresh()
    (finding,) = image_checker.check(ImageInput(name="left.jpg", data=encode(photo(1))))
    assert finding.code == "image.no_consent" and NO_PHOTO_CONSENT in finding.pupils


def test_fingerprint_is_small_json_and_rematches(bank, image_checker):
    fp = image_checker.fingerprint(ImageInput(name="x.png", data=encode(photo(3), "PNG")))
    text = json.dumps(fp.to_dict())
    assert len(text) < 2000  # hashes and flags only, never pixels
    again = Fingerprint.from_dict(json.loads(text))
    assert again == fp
    assert [f.extra["reference_id"] for f in image_checker.match(again, "x.png")] == [bank[3]]


def test_path_input_matches_like_bytes(bank, image_checker, tmp_path):
    path = tmp_path / "draft.jpg"
    path.write_bytes(encode(photo(1).resize((800, 600))))
    (finding,) = image_checker.check(ImageInput(name="draft.jpg", path=path))
    assert finding.extra["image"] == "draft.jpg" and finding.code == "image.no_consent"


def test_empty_bank_matches_nothing(image_checker):
    image_checker.refresh()
    assert check(image_checker, encode(photo(1))) == []


def test_fingerprint_from_another_hash_version_is_not_trusted(bank, image_checker):
    fp = image_checker.fingerprint(ImageInput(name="a.jpg", data=encode(photo(1))))
    old = Fingerprint.from_dict({**fp.to_dict(), "v": fp.version - 1})
    (finding,) = image_checker.match(old, "a.jpg")
    assert finding.code == "image.unreadable" and "updated" in finding.message
