"""The data folder: roster, hashes and tokens, readable by this user only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

OWNER_DIR = 0o700
OWNER_FILE = 0o600


def ensure_home(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True, mode=OWNER_DIR)
    if os.name == "posix":
        os.chmod(home, OWNER_DIR)
    return home


def secure_file(path: Path) -> None:
    """Make an existing file owner-only (no-op on Windows, where ACLs apply)."""
    if os.name == "posix" and path.exists():
        os.chmod(path, OWNER_FILE)


def write_private(path: Path, data: bytes) -> None:
    """Write a file that is never readable by other users, even for an instant."""
    ensure_home(path.parent)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_FILE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    secure_file(path)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
