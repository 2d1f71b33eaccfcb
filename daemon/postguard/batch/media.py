"""Where a batch's images live: a folder (plain inputs, unpacked exports) or a zip.

A `MediaSource` is described by a small picklable spec so each worker process
can open the same folder or zip itself instead of receiving image bytes.
"""

from __future__ import annotations

import os
import posixpath
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO, Any

from postguard.checker import ImageInput
from postguard.files import UnreadableFile, read_regular_file

IMAGE_EXTENSIONS = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".heic",
        ".heif",
        ".bmp",
        ".tif",
        ".tiff",
    }
)
VIDEO_EXTENSIONS = frozenset({".mp4", ".mov", ".m4v", ".avi", ".webm", ".3gp", ".mkv"})
# Larger members are skipped rather than read into memory (a real photo is far smaller).
MAX_MEDIA_BYTES = 64 * 1024 * 1024
# What a damaged zip member raises while it is read (bad CRC, bad deflate data, cut short).
ZIP_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError)


def is_image(path: str) -> bool:
    return PurePosixPath(path.lower()).suffix in IMAGE_EXTENSIONS


def is_video(path: str) -> bool:
    return PurePosixPath(path.lower()).suffix in VIDEO_EXTENSIONS


def clean_inner_path(path: str) -> str | None:
    """A relative path inside an export, or None when it tries to leave the export."""
    path = path.replace("\\", "/").strip()
    if not path or path.startswith("/") or "://" in path:
        return None
    norm = posixpath.normpath(path)
    if norm == ".." or norm.startswith("../") or norm == ".":
        return None
    return norm


class MediaSource:
    def spec(self) -> dict[str, Any]:
        raise NotImplementedError

    def exists(self, path: str) -> bool:
        raise NotImplementedError

    def image_input(self, path: str) -> ImageInput:
        raise NotImplementedError

    def close(self) -> None:
        pass

    @staticmethod
    def from_spec(spec: dict[str, Any]) -> MediaSource:
        if spec["kind"] == "parts":
            return PartsMedia([MediaSource.from_spec(part) for part in spec["parts"]])
        if spec["kind"] == "zip":
            return ZipMedia(Path(spec["path"]))
        return FolderMedia(Path(spec["root"]), confined=spec["confined"])

    def names(self) -> list[str]:
        """Every file inside (exports only)."""
        raise NotImplementedError

    def links(self) -> list[str]:
        """Entries that are symbolic links, never followed (unpacked exports only)."""
        return []

    def read(self, path: str) -> bytes:
        raise NotImplementedError

    def open(self, path: str, limit: int) -> IO[bytes]:
        """A stream of the file's bytes (decompressed as it is read, for a zip)."""
        raise NotImplementedError


class FolderMedia(MediaSource):
    """Files under a folder. `confined` (exports) refuses paths that leave the folder;
    plain inputs may name absolute paths of the user's own files."""

    def __init__(self, root: Path, *, confined: bool):
        self.root = root
        self.confined = confined
        self._links: list[str] = []

    def spec(self) -> dict[str, Any]:
        return {"kind": "folder", "root": str(self.root), "confined": self.confined}

    def file_of(self, path: str) -> Path | None:
        if self.confined:
            # An export never needs a link: one could point anywhere (/etc/passwd), so no
            # part of the path may be one.
            inner = clean_inner_path(path)
            if inner is None:
                return None
            f, current = self.root / inner, self.root
            for part in PurePosixPath(inner).parts:
                current = current / part
                if current.is_symlink():
                    return None
            return f
        return self.root / Path(path).expanduser()  # an absolute path replaces root

    def exists(self, path: str) -> bool:
        f = self.file_of(path)
        return f is not None and f.is_file()

    def image_input(self, path: str) -> ImageInput:
        f = self.file_of(path)
        if f is None:
            raise ValueError(f"{path} is outside the export or is a link")
        return ImageInput(name=path, path=f)

    def names(self) -> list[str]:
        """Regular files under the folder; links (to files or folders) are listed in links()."""
        found, links = [], []
        for top, dirs, files in os.walk(self.root, followlinks=False):
            for name in [*dirs, *files]:
                full = Path(top) / name
                if full.is_symlink():
                    links.append(full.relative_to(self.root).as_posix())
                elif name in files and full.is_file():
                    found.append(full.relative_to(self.root).as_posix())
        self._links = links
        return found

    def links(self) -> list[str]:
        return list(self._links)

    def read(self, path: str, limit: int = MAX_MEDIA_BYTES) -> bytes:
        f = self.file_of(path)
        if f is None:
            raise ValueError(f"{path} is outside the export or is a link")
        try:
            return read_regular_file(f, limit)
        except UnreadableFile as e:
            raise ValueError(str(e)) from None

    def open(self, path: str, limit: int) -> IO[bytes]:
        f = self.file_of(path)
        if f is None:
            raise ValueError(f"{path} is outside the export or is a link")
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(f, flags)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise ValueError(f"{path} is not an ordinary file")
        return os.fdopen(fd, "rb")


class ZipMedia(MediaSource):
    """Members of a zip, read one at a time (never extracted to disk)."""

    def __init__(self, path: Path):
        self.path = path
        self._zip = zipfile.ZipFile(path)
        self._infos = {i.filename: i for i in self._zip.infolist() if not i.is_dir()}

    def spec(self) -> dict[str, Any]:
        return {"kind": "zip", "path": str(self.path)}

    def names(self) -> list[str]:
        return list(self._infos)

    def exists(self, path: str) -> bool:
        return path in self._infos

    def size(self, path: str) -> int:
        return self._infos[path].file_size

    def read(self, path: str, limit: int = MAX_MEDIA_BYTES) -> bytes:
        info = self._infos[path]
        if info.file_size > limit:
            raise ValueError(f"{path} is too large to read ({info.file_size // (1 << 20)} MB)")
        try:  # zipfile stops at the declared size and checks the CRC at the end
            return self._zip.read(info)
        except ZIP_DAMAGE:  # the report says so in plain words, not the exception's name
            raise ValueError(f"{path} is damaged in the zip") from None

    def open(self, path: str, limit: int) -> IO[bytes]:
        info = self._infos[path]
        if info.file_size > limit:
            raise ValueError(f"{path} is too large to read ({info.file_size // (1 << 20)} MB)")
        return self._zip.open(info)

    def image_input(self, path: str) -> ImageInput:
        return ImageInput(name=path, data=self.read(path))

    def close(self) -> None:
        self._zip.close()


class PartsMedia(MediaSource):
    """A download Facebook split into several parts (zips or folders): one tree, the first
    part that holds a path wins."""

    def __init__(self, parts: list[MediaSource]):
        self.parts = parts
        self._owner: dict[str, MediaSource] = {}
        for part in parts:
            for name in part.names():
                self._owner.setdefault(name, part)

    def spec(self) -> dict[str, Any]:
        return {"kind": "parts", "parts": [p.spec() for p in self.parts]}

    def names(self) -> list[str]:
        return list(self._owner)

    def exists(self, path: str) -> bool:
        return path in self._owner

    def owner(self, path: str) -> MediaSource:
        return self._owner[path]

    def read(self, path: str) -> bytes:
        return self._owner[path].read(path)

    def open(self, path: str, limit: int) -> IO[bytes]:
        return self._owner[path].open(path, limit)

    def links(self) -> list[str]:
        return [link for part in self.parts for link in part.links()]

    def image_input(self, path: str) -> ImageInput:
        return self._owner[path].image_input(path)

    def close(self) -> None:
        for part in self.parts:
            part.close()
