"""One-time pairing codes shared by `postguard pair` (writes) and the daemon (redeems).

Codes live in SQLite, hashed, so the CLI process and the running daemon share
them without an extra channel. A code is short enough to type, valid for a few
minutes, single-use; wrong guesses are rate limited by the daemon.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time

from postguard.db import transaction

# No 0/O, 1/I/L: codes are read off a terminal and typed by hand.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8 ~ 8.5e11 codes; with a few guesses a minute, unguessable in minutes
CODE_TTL_SECONDS = 300


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode("ascii", "ignore")).hexdigest()


def new_code(conn: sqlite3.Connection, ttl: int = CODE_TTL_SECONDS) -> str:
    """Create a code like 'K7QM-3XPD'; expired codes are swept at the same time."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    now = time.time()
    with transaction(conn):
        conn.execute("DELETE FROM pairing_codes WHERE expires_at < ?", (now - 86400,))
        conn.execute(
            "INSERT INTO pairing_codes(code_hash, created_at, expires_at) VALUES (?, ?, ?)",
            (_hash(raw), now, now + ttl),
        )
    return f"{raw[:4]}-{raw[4:]}"


def redeem(conn: sqlite3.Connection, code: str, origin: str | None) -> bool:
    """Use up a valid code and record the client; False if wrong, used or expired."""
    if not normalise(code) or len(normalise(code)) > 64:
        return False
    now = time.time()
    with transaction(conn):
        used = conn.execute(
            "UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at >= ?",
            (now, _hash(code), now),
        ).rowcount
        if used != 1:
            return False
        conn.execute("INSERT INTO paired_clients(origin, paired_at) VALUES (?, ?)", (origin, now))
    return True


def paired_origins(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT DISTINCT origin FROM paired_clients WHERE origin IS NOT NULL")
    return {r[0] for r in rows}


def is_paired(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM paired_clients LIMIT 1").fetchone() is not None


def unpair_all(conn: sqlite3.Connection) -> int:
    """Forget every paired client and outstanding code (used with a new token)."""
    with transaction(conn):
        conn.execute("DELETE FROM pairing_codes")
        return conn.execute("DELETE FROM paired_clients").rowcount
