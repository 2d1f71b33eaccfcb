"""The daemon's bearer token: 256 bits, in the data folder, owner-only, compared in constant time."""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path

from postguard.home import secure_file, write_private

TOKEN_BYTES = 32  # 256 bits


def load_or_create_token(path: Path) -> str:
    """Read the token, creating it (mode 0600) on first start."""
    if path.exists():
        token = path.read_text("ascii").strip()
        if len(token) >= 43:  # base64url of 32 bytes
            secure_file(path)
            return token
    token = secrets.token_urlsafe(TOKEN_BYTES)
    write_private(path, token.encode("ascii"))
    return token


def rotate_token(path: Path) -> str:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    write_private(path, token.encode("ascii"))
    return token


def token_matches(presented: str, expected: str) -> bool:
    return hmac.compare_digest(presented.encode("utf-8", "replace"), expected.encode("ascii"))


def bearer_of(header: str | None) -> str | None:
    """The token from an `Authorization: Bearer <token>` header, else None."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
