"""SQLite in the data folder, with ordered migrations per component.

Each component (consent, images, server, ...) owns a list of SQL migrations
in its own `schema.py`; this module applies them in order and records the
applied version per component, so components evolve independently.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from postguard.home import OWNER_FILE, ensure_home, secure_file
from postguard.startup import StartupError

# Explicit, ordered registry: module paths exposing MIGRATIONS (list of SQL scripts).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("consent", "postguard.consent.schema"),
    ("server", "postguard.server.schema"),
    ("images", "postguard.images.schema"),
)

_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def connect(db_path: Path, *, migrate: bool = True) -> sqlite3.Connection:
    """Open the database (creating it owner-only) and bring the schema up to date."""
    ensure_home(db_path.parent)
    old_umask = os.umask(0o077) if os.name == "posix" else None
    try:
        if not db_path.exists():
            os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT, OWNER_FILE))
        conn = sqlite3.connect(db_path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=30000")
            if migrate:
                apply_migrations(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if isinstance(exc, sqlite3.OperationalError):  # locked, disk full, ...: not damage
                raise
            raise StartupError(
                f"{db_path} is damaged or is not a PostGuard database: restore it from a backup, or move it "
                "aside to start again with an empty one."
            ) from None
        except StartupError:
            conn.close()
            raise
    finally:
        if old_umask is not None:
            os.umask(old_umask)
    for suffix in _SIDE_FILES:
        secure_file(Path(str(db_path) + suffix))
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all-or-nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def apply_migrations(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ( component TEXT PRIMARY KEY, version INTEGER NOT NULL)")
    pending = []
    for component, module_path in COMPONENTS:
        migrations: list[str] = importlib.import_module(module_path).MIGRATIONS
        row = conn.execute("SELECT version FROM schema_migrations WHERE component = ?", (component,)).fetchone()
        current = row["version"] if row else 0
        if current > len(migrations):  # checked for every component before anything changes
            raise StartupError(
                f"This data folder was made by a newer PostGuard (its {component} data is version {current}; "
                f"this PostGuard knows up to {len(migrations)}): install that newer version again."
            )
        pending.append((component, migrations, current))
    for component, migrations, current in pending:
        for version, script in enumerate(migrations[current:], start=current + 1):
            with transaction(conn):
                for statement in _split_sql(script):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations(component, version) VALUES (?, ?)"
                    " ON CONFLICT(component) DO UPDATE SET version = excluded.version",
                    (component, version),
                )


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements; a ';' inside a string or trigger body does not end one."""
    statements, current = [], ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n\t;"):
                statements.append(current.strip())
            current = ""
    if current.strip(" \n\t;"):
        raise ValueError(f"incomplete SQL statement in migration: {current.strip()[:80]}")
    return statements
