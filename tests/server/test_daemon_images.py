"""Images through the daemon: send hashes first, upload only unknown images, fingerprints
cached by SHA-256 (hashes only), matching redone against the current bank on every check."""

from __future__ import annotations

import hashlib
import io
import json
import random

import aiohttp
from click.testing import CliRunner
from daemon_helpers import bearer
from PIL import Image, ImageDraw

from postguard.cli import build_cli

NO_PHOTO_CONSENT = "T100000000005"  # Grace Whitfield: name consent yes, photo consent no


def photo(seed: int) -> bytes:
    """A generated picture with real structure (shapes and gradients), as JPEG bytes."""
    rng = random.Random(seed)
    img = Image.new("RGB", (640, 480), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randrange(640), rng.randrange(480)
        w, h = rng.randrange(20, 200), rng.randrange(20, 200)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x, y, x + w, y + h), fill=colour)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload(text: str, files: dict[str, bytes], refs: list[dict] | None = None) -> aiohttp.FormData:
    form = aiohttp.FormData(default_to_multipart=True)
    form.add_field("text", text)
    for name, data in files.items():
        form.add_field("images", data, filename=name, content_type="image/jpeg")
    if refs is not None:
        form.add_field("image_refs", json.dumps(refs))
    return form


def cli(settings, *args):
    result = CliRunner().invoke(build_cli(), ["--home", str(settings.home), *args])
    assert result.exit_code == 0, result.output
    return result.output


async def post(client, token, **kw):
    resp = await client.post("/v1/check", headers=bearer(token), **kw)
    assert resp.status == 200, await resp.text()
    return await resp.json()


def image_codes(body) -> list[str]:
    return [f["code"] for f in body["findings"] if f["code"].startswith("image.")]


async def test_unknown_hash_is_listed_then_upload_makes_it_known(client, token, checker):
    assert checker.images is not None
    data = photo(1)
    ref = {"name": "IMG_0001.jpg", "sha256": sha(data)}
    first = await post(client, token, json={"text": "Our trip to the farm", "images": [ref]})
    assert first["unknown_images"] == [sha(data)]
    uploaded = await post(client, token, data=upload("Our trip to the farm", {"IMG_0001.jpg": data}))
    assert uploaded["unknown_images"] == []
    again = await post(client, token, json={"text": "Our trip to the farm", "images": [ref]})
    assert again["unknown_images"] == []
    assert again["verdict"] == uploaded["verdict"]


async def test_bank_photo_is_flagged_by_upload_and_then_by_hash_alone(client, token, settings, tmp_path):
    data = photo(2)
    (tmp_path / "grace.jpg").write_bytes(data)
    cli(settings, "images", "add", "--pupil", NO_PHOTO_CONSENT, str(tmp_path / "grace.jpg"))
    body = await post(client, token, data=upload("Sports day!", {"DSC_100.jpg": data}))
    hit = next(f for f in body["findings"] if f["code"] == "image.no_consent")
    assert hit["severity"] == "block" and body["verdict"] == "block"
    assert hit["pupils"] == [NO_PHOTO_CONSENT] and hit["image"] == "DSC_100.jpg"
    assert hit["start"] is None and hit["start_utf16"] is None
    by_hash = await post(
        client, token, json={"text": "Sports day!", "images": [{"name": "DSC_100.jpg", "sha256": sha(data)}]}
    )
    assert by_hash["unknown_images"] == [] and "image.no_consent" in image_codes(by_hash)


async def test_consent_change_rematches_cached_images_without_bytes(client, token, settings, tmp_path):
    data = photo(3)
    (tmp_path / "grace.jpg").write_bytes(data)
    cli(settings, "images", "add", "--pupil", NO_PHOTO_CONSENT, str(tmp_path / "grace.jpg"))
    ref = [{"name": "a.jpg", "sha256": sha(data)}]
    assert "image.no_consent" in image_codes(await post(client, token, data=upload("Hi", {"a.jpg": data})))
    cli(settings, "consent", "set", NO_PHOTO_CONSENT, "--photo", "yes")
    after = await post(client, token, json={"text": "Hi", "images": ref})
    assert after["unknown_images"] == [] and "image.no_consent" not in image_codes(after)


async def test_other_photo_is_not_flagged(client, token, settings, tmp_path):
    (tmp_path / "grace.jpg").write_bytes(photo(4))
    cli(settings, "images", "add", "--pupil", NO_PHOTO_CONSENT, str(tmp_path / "grace.jpg"))
    body = await post(client, token, data=upload("Hi", {"other.jpg": photo(5)}))
    assert "image.no_consent" not in image_codes(body)


async def test_multipart_image_refs_cover_images_sent_before(client, token, settings, tmp_path):
    bank, other = photo(6), photo(7)
    (tmp_path / "bank.jpg").write_bytes(bank)
    cli(settings, "images", "add", "--pupil", NO_PHOTO_CONSENT, str(tmp_path / "bank.jpg"))
    await post(client, token, data=upload("Hi", {"bank.jpg": bank}))  # now cached
    body = await post(
        client, token, data=upload("Hi", {"new.jpg": other}, refs=[{"name": "bank.jpg", "sha256": sha(bank)}])
    )
    flagged = [f["image"] for f in body["findings"] if f["code"] == "image.no_consent"]
    assert flagged == ["bank.jpg"]


async def test_broken_image_is_a_warning_not_a_crash(client, token):
    body = await post(client, token, data=upload("Hi", {"broken.jpg": b"\xff\xd8\xff\xe0 not really a jpeg"}))
    found = next(f for f in body["findings"] if f["code"] == "image.unreadable")
    assert found["severity"] == "warn" and found["image"] == "broken.jpg"


async def test_cache_keeps_fingerprints_not_bytes(client, token):
    import pickle

    from postguard.server.state import STATE

    data = photo(8)
    await post(client, token, data=upload("Hi", {"x.jpg": data}))
    cached = client.app[STATE].cache.get(sha(data))
    assert cached is not None
    blob = pickle.dumps(cached)
    assert data[200:264] not in blob and len(blob) < len(data) / 4
