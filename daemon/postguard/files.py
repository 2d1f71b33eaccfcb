"""Reading a file the user named (CSV imports, photos), safely.

Only regular files are opened: a FIFO, a device (/dev/zero) or a socket would
hang or read for ever. The file is opened without blocking and checked with
fstat on the open descriptor (no race between a check and the open), then read
with a size cap. Errors are `UnreadableFile` with a plain-English message.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 64 * MB


class UnreadableFile(ValueError):
    """A file that cannot be read as asked; str() is a message for staff."""


def _describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def read_regular_file(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; else UnreadableFile."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile(f"{path.name} does not exist.") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path.name} is a folder, not a file.") from None
    except PermissionError:
        raise UnreadableFile(f"{path.name} cannot be read (permission denied).") from None
    except OSError as e:
        raise UnreadableFile(f"{path.name} cannot be opened ({e.strerror or 'error'}).") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile(f"{path.name} is {_describe(st.st_mode)}, not an ordinary file; give a saved file.")
        if st.st_size > max_bytes:
            raise UnreadableFile(_too_big(path, max_bytes))
        chunks: list[bytes] = []
        size = 0
        while True:  # the file may grow after fstat: the cap holds on what is read
            chunk = os.read(fd, min(1 * MB, max_bytes + 1 - size))
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise UnreadableFile(_too_big(path, max_bytes))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as e:
        raise UnreadableFile(f"{path.name} could not be read ({e.strerror or 'error'}).") from None
    finally:
        os.close(fd)


def _too_big(path: Path, max_bytes: int) -> str:
    return f"{path.name} is larger than {_size(max_bytes)}; PostGuard does not read files that big."


def _size(n: int) -> str:
    return f"{n // MB} MB" if n >= MB else f"{max(1, n // 1024)} KB"
