"""The data folder: roster, hashes and tokens, readable by this user only.

POSIX: folder 0700, files 0600. Windows: an owner-only ACL set with icacls (inheritance removed,
full control for the signed-in user only), since file modes mean nothing there.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
from pathlib import Path
from typing import TextIO

OWNER_DIR = 0o700
OWNER_FILE = 0o600
LOG_KEEP_BYTES = 5 * 2**20  # a log past this is moved to LOG.1 when the daemon starts
_secured_folders: set[str] = set()  # Windows: each data folder's ACL is set once per process


def ensure_home(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True, mode=OWNER_DIR)
    if os.name == "posix":
        os.chmod(home, OWNER_DIR)
    elif os.name == "nt":
        _owner_only_acl(home, folder=True)
    return home


def secure_file(path: Path) -> None:
    """Make an existing file owner-only: mode 0600 on POSIX, an owner-only ACL on Windows."""
    if not path.exists():
        return
    if os.name == "posix":
        os.chmod(path, OWNER_FILE)
    elif os.name == "nt":
        _owner_only_acl(path, folder=False)


def windows_user() -> str:
    """The signed-in Windows account as icacls names it (DOMAIN\\user, or user)."""
    user = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if domain and user else user


def owner_only_acl_command(path: Path, *, folder: bool, user: str) -> list[str]:
    """icacls arguments: drop inherited entries, then give `user` full control and nobody else anything.

    (OI)(CI) on a folder makes new files and subfolders inherit the same single entry.
    """
    grant = f"{user}:(OI)(CI)F" if folder else f"{user}:F"
    return ["icacls", str(path), "/inheritance:r", "/grant:r", grant, "/q"]


def _owner_only_acl(path: Path, *, folder: bool) -> None:
    key = str(path.resolve())
    if folder and key in _secured_folders:
        return
    result = subprocess.run(
        owner_only_acl_command(path, folder=folder, user=windows_user()), capture_output=True, check=False
    )
    if result.returncode != 0:
        raise PermissionError(13, "Windows would not make it private to you (icacls failed)", str(path))
    if folder:
        _secured_folders.add(key)


def write_private_file(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, even for an instant, without touching its folder.

    For files the user chose (reports, their resume files) as well as the data folder's own.
    """
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_FILE)
    with os.fdopen(fd, "wb") as fh:
        secure_file(tmp)  # before any byte: an older .tmp (or Windows' inherited ACL) lets others read
        fh.write(data)
    os.replace(tmp, path)


def write_private(path: Path, data: bytes) -> None:
    """Write a file in the data folder (which is created owner-only if need be)."""
    ensure_home(path.parent)
    write_private_file(path, data)


def open_private_log(path: Path) -> TextIO:
    """Append to an owner-only log (for a service with no console), keeping one older generation."""
    if path.exists() and path.stat().st_size > LOG_KEEP_BYTES:
        os.replace(path, path.with_name(path.name + ".1"))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, OWNER_FILE)
    secure_file(path)
    return io.TextIOWrapper(os.fdopen(fd, "ab"), encoding="utf-8", line_buffering=True)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
