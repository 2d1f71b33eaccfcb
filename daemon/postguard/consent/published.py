"""One signed file holding the whole consent state, for every staff computer.

The admin's computer writes it (`postguard publish DIR`); staff computers verify it
(`postguard follow`). The file is a small JSON envelope around a compressed payload:

    POSTGUARD-CONSENT-LIST
    {"format_version": 1, "public_key": <base64 Ed25519 key>, "signature": <base64>, "payload_bytes": N}
    <N bytes: zlib-compressed JSON payload>

The signature covers a domain prefix and the compressed payload bytes, so nothing in
the payload is read before the key and the signature are checked. Layout: a first line
naming the format, a line of JSON (key, signature, payload length), then the compressed
payload bytes (binary, so the photo hashes are not base64-encoded twice).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from postguard.consent.store import ConsentStore, Pupil, now_iso
from postguard.home import write_private

FILE_NAME = "postguard-consent-list.signed"
MAGIC = b"POSTGUARD-CONSENT-LIST\n"
FORMAT = "postguard-consent-list"
FORMAT_VERSION = 1
KEY_FILE = "publish-key.pem"
SIGNED_PREFIX = b"postguard-consent-list/1\n"
MAX_LIST_BYTES = 256 * 1024 * 1024
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

PUPIL_FIELDS = (
    "pupil_id",
    "upn",
    "adno",
    "legal_forename",
    "legal_surname",
    "preferred_forename",
    "preferred_surname",
    "year_group",
    "reg_group",
    "photo_consent",
    "name_consent",
    "no_publish",
    "on_roll",
)
IMAGE_FIELDS = (
    "source_name",
    "source_key",
    "sha256",
    "file_bytes",
    "width",
    "height",
    "format",
    "hash_version",
    "added_at",
    "added_by",
)


class ListRefused(ValueError):
    """A published list that must not be used; str() says why, in plain English."""


@dataclass(frozen=True)
class Publication:
    path: Path
    version: int
    fingerprint: str
    published_at: str
    size_bytes: int
    pupils: int
    images: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "version": self.version,
            "fingerprint": self.fingerprint,
            "published_at": self.published_at,
        }


@dataclass(frozen=True)
class PublishedList:
    """A list whose key and signature were verified."""

    fingerprint: str
    version: int
    published_at: str
    content_sha256: str
    content: dict[str, Any]  # pupils, staff, images, forgotten (pupil ids erased at the school)


# -- keys ----------------------------------------------------------------------
def fingerprint_of(public_key: Ed25519PublicKey) -> str:
    """16 letters and digits in groups of four (80 bits): short enough to read over the phone."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).digest()[:10]
    bits = int.from_bytes(digest, "big")
    chars = "".join(_B32[(bits >> (75 - 5 * i)) & 31] for i in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def normalise_fingerprint(text: str) -> str | None:
    """'abcd efgh-ijkl mnop' -> 'ABCD-EFGH-IJKL-MNOP'; None when it cannot be a fingerprint."""
    chars = "".join(c for c in text.upper() if c not in " -")
    chars = chars.replace("0", "O").replace("1", "I").replace("8", "B")  # misheard look-alikes
    if len(chars) != 16 or any(c not in _B32 for c in chars):
        return None
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def load_or_create_key(home: Path) -> tuple[Ed25519PrivateKey, bool]:
    """The signing key in the data folder (owner-only), made on first use. (key, created)."""
    path = home / KEY_FILE
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ListRefused(f"The signing key in {path} is not an Ed25519 key.")
        return key, False
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    write_private(path, pem)
    return key, True


# -- publishing ----------------------------------------------------------------
def snapshot(conn: sqlite3.Connection) -> dict[str, Any]:
    """Pupils (with those who left), staff list and reference-photo hashes, in a stable order."""
    store = ConsentStore(conn)
    pupils = [
        {f: getattr(p, f) for f in PUPIL_FIELDS}
        for p in sorted(store.pupils(include_left=True), key=lambda p: p.pupil_id)
    ]
    staff = [[r["name"], r["role"]] for r in store.staff()]
    images = []
    links: dict[int, list[str]] = {}
    for row in conn.execute("SELECT ref_id, pupil_id FROM image_ref_pupils ORDER BY ref_id, pupil_id"):
        links.setdefault(row["ref_id"], []).append(row["pupil_id"])
    for row in conn.execute("SELECT * FROM image_refs ORDER BY id"):
        item = {f: row[f] for f in IMAGE_FIELDS}
        item["hashes"] = base64.b64encode(row["hashes"]).decode("ascii")
        item["pupils"] = links.get(row["id"], [])
        images.append(item)
    return {"pupils": pupils, "staff": staff, "images": images, "forgotten": store.forgotten()}


def content_digest(content: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(content)).hexdigest()


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign(content: dict[str, Any], version: int, key: Ed25519PrivateKey, published_at: str) -> bytes:
    public = key.public_key()
    payload = {
        "version": version,
        "published_at": published_at,
        "publisher": fingerprint_of(public),
        "content_sha256": content_digest(content),
        **content,
    }
    compressed = zlib.compress(_canonical(payload), 6)
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "public_key": base64.b64encode(
            public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        ).decode("ascii"),
        "signature": base64.b64encode(key.sign(SIGNED_PREFIX + compressed)).decode("ascii"),
        "payload_bytes": len(compressed),
    }
    return MAGIC + json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + compressed


def write_atomically(folder: Path, name: str, data: bytes) -> Path:
    """Write beside the target and rename over it: a reader sees the old file or the new, never half."""
    target = folder / name
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            os.chmod(tmp, 0o644)  # staff computers read it; the folder's own permissions decide who can
        _replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _replace(tmp: str, target: Path, attempts: int = 10) -> None:
    """os.replace, retried briefly: on Windows a staff computer reading the old file blocks the rename."""
    for attempt in range(attempts):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.3)


def publish(conn: sqlite3.Connection, home: Path, folder: Path) -> Publication:
    """Sign the whole consent state and write it into `folder`. Version = the consent version."""
    key, _created = load_or_create_key(home)
    store = ConsentStore(conn)
    content = snapshot(conn)
    published_at = now_iso()
    data = sign(content, store.version, key, published_at)
    path = write_atomically(folder.absolute(), FILE_NAME, data)
    for meta_key, value in (("published_at", published_at), ("published_version", str(store.version))):
        store.set_meta(meta_key, value)
    store.set_meta("published_to", str(path))
    return Publication(
        path,
        store.version,
        fingerprint_of(key.public_key()),
        published_at,
        len(data),
        len(content["pupils"]),
        len(content["images"]),
    )


# -- verifying -----------------------------------------------------------------
DAMAGED = "the file is incomplete or damaged (it may still have been copying)"


def verify(data: bytes, expected_fingerprint: str) -> PublishedList:
    """Check the layout, the key and the signature before reading anything else."""
    if not data.startswith(MAGIC):
        if MAGIC.startswith(data):  # cut off inside the first line
            raise ListRefused(DAMAGED)
        raise ListRefused("it is not a PostGuard consent list")
    line_end = data.find(b"\n", len(MAGIC))
    if line_end < 0:
        raise ListRefused(DAMAGED)
    try:
        header = json.loads(data[len(MAGIC) : line_end])
        if not isinstance(header, dict):
            raise ValueError("header")
    except (ValueError, RecursionError):
        raise ListRefused(DAMAGED) from None
    if header.get("format_version") != FORMAT_VERSION:
        raise ListRefused("it was written by a newer PostGuard: update PostGuard on this computer")
    compressed = data[line_end + 1 :]
    try:
        if len(compressed) != int(header["payload_bytes"]):
            raise ValueError("length")
        raw_key = base64.b64decode(header["public_key"], validate=True)
        signature = base64.b64decode(header["signature"], validate=True)
        public = Ed25519PublicKey.from_public_bytes(raw_key)
    except (KeyError, TypeError, ValueError):
        raise ListRefused(DAMAGED) from None
    found = fingerprint_of(public)
    if found != expected_fingerprint:
        raise ListRefused(
            f"it is signed by another key ({found}, not {expected_fingerprint}): it was not published by "
            "your school's PostGuard, or the school made a new key"
        )
    try:
        public.verify(signature, SIGNED_PREFIX + compressed)
    except InvalidSignature:
        raise ListRefused("its signature does not match: it was changed after it was published") from None
    try:
        payload = json.loads(_inflate(compressed))
        content = {key: payload[key] for key in ("pupils", "staff", "images", "forgotten")}
        version, published_at = int(payload["version"]), str(payload["published_at"])
        digest = str(payload["content_sha256"])
    except (KeyError, TypeError, ValueError, zlib.error, RecursionError):
        raise ListRefused("it is signed correctly but cannot be read: publish it again") from None
    if digest != content_digest(content):
        raise ListRefused("its contents do not match its own checksum: publish it again")
    return PublishedList(found, version, published_at, digest, content)


def _inflate(compressed: bytes) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(compressed, MAX_LIST_BYTES)
    if inflater.unconsumed_tail:
        raise ValueError("too large")
    return out


def pupils_of(content: dict[str, Any]) -> list[Pupil]:
    return [Pupil(**{f: item[f] for f in PUPIL_FIELDS}) for item in content["pupils"]]
