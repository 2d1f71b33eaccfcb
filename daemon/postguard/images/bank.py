"""The bank of reference photos in SQLite: hashes, size, file name, pupil links, time.

Never a copy of the photo. Adding hashes every file first and writes in one
transaction; a file that cannot be used is reported and the rest still go in.
Every change bumps the consent version so a running daemon reloads the bank.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from postguard.consent.store import ConsentStore, Pupil, now_iso, os_user
from postguard.db import transaction
from postguard.home import OWNER_DIR, write_private
from postguard.images.decode import ImageProblem, decode, is_image_name, read_image_file
from postguard.images.hashing import HASH_VERSION, WORDS, reference_rows

THUMBNAIL_SIDE = 96  # px, long side: enough to compare by eye, too small to be a usable photo


@dataclass(frozen=True)
class HashedPhoto:
    source_name: str
    sha256: str
    file_bytes: int
    width: int
    height: int
    format: str
    rows: np.ndarray  # (n, WORDS) uint64
    thumbnail: bytes | None = None  # a small JPEG, only when the admin asked for thumbnails


@dataclass
class BankReport:
    added: list[tuple[int, str]] = field(default_factory=list)  # (ref id, file name)
    linked: list[tuple[int, str]] = field(default_factory=list)  # already in the bank: links added
    updated: list[tuple[int, str]] = field(default_factory=list)
    unchanged: int = 0
    removed: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file or folder, reason)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.linked or self.updated or self.removed)


def hash_photo(path: Path, data: bytes | None = None, *, thumbnail: bool = False) -> HashedPhoto:
    """Read and hash one reference photo. Raises ImageProblem (animations are refused)."""
    if data is None:
        data = read_image_file(path)
    decoded = decode(data=data, colour=thumbnail)
    if decoded.animated:
        raise ImageProblem("it is an animation; use a still photo (JPEG, PNG, HEIC ...) as a reference")
    if float(decoded.grey.std()) < 1.0:
        raise ImageProblem("the picture is blank (a single colour), so there is nothing to recognise")
    return HashedPhoto(
        source_name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        file_bytes=len(data),
        width=decoded.width,
        height=decoded.height,
        format=decoded.format,
        rows=reference_rows(decoded.grey),
        thumbnail=_thumbnail_jpeg(decoded.rgb) if decoded.rgb is not None else None,
    )


def _thumbnail_jpeg(rgb: np.ndarray) -> bytes:
    from PIL import Image

    img = Image.fromarray(rgb)
    img.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def thumbnail_dir(conn: sqlite3.Connection) -> Path:
    """<data folder>/thumbnails, beside the database (owner-only)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return Path(row["file"]).parent / "thumbnails"


def thumbnail_path(conn: sqlite3.Connection, ref_id: int) -> Path:
    return thumbnail_dir(conn) / f"{int(ref_id)}.jpg"


def _save_thumbnail(conn: sqlite3.Connection, ref_id: int, data: bytes) -> None:
    folder = thumbnail_dir(conn)
    folder.mkdir(mode=OWNER_DIR, exist_ok=True)
    write_private(thumbnail_path(conn, ref_id), data)


def _delete_thumbnail(conn: sqlite3.Connection, ref_id: int) -> bool:
    try:
        thumbnail_path(conn, ref_id).unlink()
        return True
    except FileNotFoundError:
        return False


def record_answers(
    conn: sqlite3.Connection, answers: dict, actor: str | None = None, origin: str | None = None
) -> None:
    """Audit the staff member's answers about photos with people: UPNs, who, when; never the photo."""
    at, actor = now_iso(), actor or os_user()
    conn.executemany(
        "INSERT INTO photo_answers(at, actor, origin, sha256, pupils, checked) VALUES (?, ?, ?, ?, ?, ?)",
        [(at, actor, origin, sha, json.dumps(list(a.pupils)), int(a.checked)) for sha, a in answers.items()],
    )


def delete_thumbnails_for(conn: sqlite3.Connection, pupil_id: str) -> int:
    """Delete the thumbnails of every reference photo linked to a pupil (for `consent forget`).

    Returns how many files were deleted. The references themselves are left to the caller."""
    refs = [r["ref_id"] for r in conn.execute("SELECT ref_id FROM image_ref_pupils WHERE pupil_id = ?", (pupil_id,))]
    deleted = sum(_delete_thumbnail(conn, ref_id) for ref_id in refs)
    if refs:
        conn.execute(
            f"UPDATE image_refs SET thumbnail = 0 WHERE id IN ({','.join('?' * len(refs))})",
            refs,
        )
    return deleted


def image_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Files given, and image files in folders given (recursively, hidden ones skipped).

    Yields (path, problem): problem is set for a path that does not exist.
    """
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                rel = found.relative_to(path)
                if found.is_file() and not any(part.startswith(".") for part in rel.parts) and is_image_name(found):
                    yield found, None
        elif path.is_file():
            yield path, None
        else:
            yield path, "no such file or folder"


class ReferenceBank:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    # -- reading ------------------------------------------------------------
    def references(self, pupil_id: str | None = None) -> list[sqlite3.Row]:
        sql = (
            "SELECT r.*, group_concat(l.pupil_id, ' ') AS pupil_ids FROM image_refs r"
            " LEFT JOIN image_ref_pupils l ON l.ref_id = r.id"
        )
        args: tuple = ()
        if pupil_id is not None:
            sql += " WHERE r.id IN (SELECT ref_id FROM image_ref_pupils WHERE pupil_id = ?)"
            args = (pupil_id,)
        return list(self.conn.execute(sql + " GROUP BY r.id ORDER BY r.id", args))

    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM image_refs").fetchone()[0]

    def active(self) -> list[tuple[int, bytes, list[Pupil]]]:
        """Current-version references linked to at least one pupil without photo consent (left pupils too).

        Returns (ref id, hash rows blob, those pupils), in reference order.
        """
        rows = self.conn.execute(
            "SELECT r.id AS ref_id, r.hashes, p.* FROM image_refs r"
            " JOIN image_ref_pupils l ON l.ref_id = r.id"
            " JOIN pupils p ON p.pupil_id = l.pupil_id"
            " WHERE r.hash_version = ?"
            " AND (p.photo_consent != 'granted' OR p.no_publish = 1)"
            " ORDER BY r.id, p.pupil_id",
            (HASH_VERSION,),
        )
        out: list[tuple[int, bytes, list[Pupil]]] = []
        for row in rows:
            if not out or out[-1][0] != row["ref_id"]:
                out.append((row["ref_id"], row["hashes"], []))
            out[-1][2].append(Pupil.from_row(row))
        return out

    def stale_count(self) -> int:
        """References hashed by an older version of PostGuard: they must be added again."""
        return self.conn.execute("SELECT COUNT(*) FROM image_refs WHERE hash_version != ?", (HASH_VERSION,)).fetchone()[
            0
        ]

    # -- writing ------------------------------------------------------------
    def add(
        self, paths: Iterable[Path], pupil_ids: list[str], *, actor: str | None = None, thumbnails: bool = False
    ) -> BankReport:
        report = BankReport()
        hashed: list[HashedPhoto] = []
        for path, problem in image_files(paths):
            if problem:
                report.errors.append((str(path), problem))
                continue
            try:
                hashed.append(hash_photo(path, thumbnail=thumbnails))
            except ImageProblem as exc:
                report.errors.append((str(path), exc.reason))
        at, actor = now_iso(), actor or os_user()
        with transaction(self.conn):
            for photo in hashed:
                same = self.conn.execute(
                    "SELECT id FROM image_refs WHERE sha256 = ? AND source_key IS NULL", (photo.sha256,)
                ).fetchone()
                if same is not None:
                    self._link(same["id"], pupil_ids)
                    report.linked.append((same["id"], photo.source_name))
                    if photo.thumbnail is not None:
                        self._keep_thumbnail(same["id"], photo.thumbnail)
                    continue
                ref_id = self._insert(photo, None, at, actor)
                self._link(ref_id, pupil_ids)
                report.added.append((ref_id, photo.source_name))
                if photo.thumbnail is not None:
                    self._keep_thumbnail(ref_id, photo.thumbnail)
            if report.changed:
                _bump_in_transaction(self.conn)
        return report

    def remove(self, ref_ids: list[int]) -> BankReport:
        """Remove references by id; unknown ids are an error and nothing is removed."""
        report = BankReport()
        found = {
            r["id"]: r["source_name"]
            for r in self.conn.execute(
                f"SELECT id, source_name FROM image_refs WHERE id IN ({','.join('?' * len(ref_ids))})", ref_ids
            )
        }
        missing = [i for i in ref_ids if i not in found]
        if missing:
            report.errors.extend((str(i), "no reference photo with this id") for i in missing)
            return report
        with transaction(self.conn):
            for ref_id in ref_ids:
                self.conn.execute("DELETE FROM image_refs WHERE id = ?", (ref_id,))
                report.removed.append((ref_id, found[ref_id]))
            _bump_in_transaction(self.conn)
        for ref_id in ref_ids:
            _delete_thumbnail(self.conn, ref_id)
        return report

    # -- thumbnails (opt-in) and "not this photo" -------------------------------
    def _keep_thumbnail(self, ref_id: int, data: bytes) -> None:
        _save_thumbnail(self.conn, ref_id, data)
        self.conn.execute("UPDATE image_refs SET thumbnail = 1 WHERE id = ?", (ref_id,))

    def thumbnails_of(self, pupil_id: str) -> list[bytes]:
        """The kept thumbnails of a pupil's reference photos (JPEG bytes), oldest first."""
        out = []
        for row in self.conn.execute(
            "SELECT r.id FROM image_refs r JOIN image_ref_pupils l ON l.ref_id = r.id"
            " WHERE l.pupil_id = ? AND r.thumbnail = 1 ORDER BY r.id",
            (pupil_id,),
        ):
            try:
                out.append(thumbnail_path(self.conn, row["id"]).read_bytes())
            except OSError:
                continue
        return out

    def thumbnail_uris(self) -> dict[str, list[str]]:
        """Kept thumbnails by pupil id, as data: URIs (for the list of pupils to look for)."""
        out: dict[str, list[str]] = {}
        for row in self.conn.execute(
            "SELECT l.pupil_id, r.id FROM image_refs r JOIN image_ref_pupils l ON l.ref_id = r.id"
            " WHERE r.thumbnail = 1 ORDER BY r.id"
        ):
            try:
                data = thumbnail_path(self.conn, row["id"]).read_bytes()
            except OSError:
                continue
            out.setdefault(row["pupil_id"], []).append("data:image/jpeg;base64," + base64.b64encode(data).decode())
        return out

    def allowed(self) -> list[tuple[int, str]]:
        return [(r["ref_id"], r["sha256"]) for r in self.conn.execute("SELECT ref_id, sha256 FROM image_allowed")]

    def allow(self, sha256: str, ref_ids: list[int], *, actor: str | None = None) -> list[int]:
        """Mark references as "not this photo" for one draft (its SHA-256), audited. Returns the ids marked."""
        at, actor = now_iso(), actor or os_user()
        marked = []
        with transaction(self.conn):
            for ref_id in ref_ids:
                pupils = [
                    r["pupil_id"]
                    for r in self.conn.execute("SELECT pupil_id FROM image_ref_pupils WHERE ref_id = ?", (ref_id,))
                ]
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO image_allowed(ref_id, sha256, allowed_at, allowed_by) VALUES (?, ?, ?, ?)",
                    (ref_id, sha256, at, actor),
                )
                if cur.rowcount:
                    marked.append(ref_id)
                    self.conn.execute(
                        "INSERT INTO image_allowed_audit(at, actor, action, ref_id, sha256, pupils)"
                        " VALUES (?, ?, 'allow', ?, ?, ?)",
                        (at, actor, ref_id, sha256, json.dumps(pupils)),
                    )
            if marked:
                _bump_in_transaction(self.conn)
        return marked

    def sync(self, folder: Path, store: ConsentStore, *, actor: str | None = None) -> BankReport:
        """Mirror the drop folder `<folder>/<UPN>/...` into the bank.

        New or changed files are hashed; references whose file is gone are removed.
        Folders that name no pupil, and files that cannot be read, are reported and
        their existing references are left alone.
        """
        report = BankReport()
        if not folder.is_dir():
            report.errors.append((str(folder), "no such folder"))
            return report
        existing = {
            r["source_key"]: (r["id"], r["sha256"], r["source_name"])
            for r in self.conn.execute(
                "SELECT id, source_key, sha256, source_name FROM image_refs WHERE source_key IS NOT NULL"
            )
        }
        keep: set[str] = set()  # source keys to leave in place (seen, or unreadable now)
        protected: list[str] = []  # folder prefixes not to touch (unknown pupils)
        to_insert: list[tuple[str, str, HashedPhoto]] = []
        to_update: list[tuple[int, str, HashedPhoto]] = []
        to_link: list[tuple[int, str]] = []
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            pupil = store.get(sub.name)
            if pupil is None:
                report.errors.append(
                    (
                        sub.name + "/",
                        f"no pupil with UPN or admission number {sub.name!r} on the roster; its photos were not added",
                    )
                )
                protected.append(sub.name + "/")
                continue
            for path, _ in image_files([sub]):
                key = f"{sub.name}/{path.relative_to(sub).as_posix()}"
                keep.add(key)
                try:
                    data = read_image_file(path)
                except ImageProblem as exc:
                    report.errors.append((key, exc.reason))
                    continue
                digest = hashlib.sha256(data).hexdigest()
                old = existing.get(key)
                if old is not None and old[1] == digest:
                    report.unchanged += 1
                    to_link.append((old[0], pupil.pupil_id))
                    continue
                try:
                    photo = hash_photo(path, data)
                except ImageProblem as exc:
                    report.errors.append((key, exc.reason))
                    continue
                if old is None:
                    to_insert.append((key, pupil.pupil_id, photo))
                else:
                    to_update.append((old[0], pupil.pupil_id, photo))
        at, actor = now_iso(), actor or os_user()
        with transaction(self.conn):
            for ref_id, pupil_id in to_link:
                self._link(ref_id, [pupil_id])
            for key, pupil_id, photo in to_insert:
                ref_id = self._insert(photo, key, at, actor)
                self._link(ref_id, [pupil_id])
                report.added.append((ref_id, key))
            for ref_id, pupil_id, photo in to_update:
                self.conn.execute(
                    "UPDATE image_refs SET source_name = ?, sha256 = ?, file_bytes = ?, width = ?, height = ?,"
                    " format = ?, hash_version = ?, hashes = ?, added_at = ?, added_by = ? WHERE id = ?",
                    (
                        photo.source_name,
                        photo.sha256,
                        photo.file_bytes,
                        photo.width,
                        photo.height,
                        photo.format,
                        HASH_VERSION,
                        _blob(photo.rows),
                        at,
                        actor,
                        ref_id,
                    ),
                )
                self._link(ref_id, [pupil_id])
                report.updated.append((ref_id, photo.source_name))
            for key, (ref_id, _sha, _name) in existing.items():
                if key not in keep and not key.startswith(tuple(protected)):
                    self.conn.execute("DELETE FROM image_refs WHERE id = ?", (ref_id,))
                    report.removed.append((ref_id, key))
            if report.changed:
                _bump_in_transaction(self.conn)
        return report

    def _insert(self, photo: HashedPhoto, source_key: str | None, at: str, actor: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO image_refs(source_name, source_key, sha256, file_bytes, width, height, format,"
            " hash_version, hashes, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                photo.source_name,
                source_key,
                photo.sha256,
                photo.file_bytes,
                photo.width,
                photo.height,
                photo.format,
                HASH_VERSION,
                _blob(photo.rows),
                at,
                actor,
            ),
        )
        assert cur.lastrowid is not None  # set by every INSERT
        return cur.lastrowid

    def _link(self, ref_id: int, pupil_ids: list[str]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO image_ref_pupils(ref_id, pupil_id) VALUES (?, ?)", [(ref_id, p) for p in pupil_ids]
        )


def _bump_in_transaction(conn: sqlite3.Connection) -> None:
    # In the same transaction as the bank change, so a daemon never sees a changed bank under an old version.
    ConsentStore(conn).mark_changed()


def _blob(rows: np.ndarray) -> bytes:
    return np.ascontiguousarray(rows, dtype="<u8").reshape(-1, WORDS).tobytes()


def rows_of(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64).reshape(-1, WORDS)
