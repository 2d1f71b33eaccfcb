"""Daemon tables: pairing codes (hashed), paired extension origins, check audit.

Append new migrations; never edit an applied one.
"""

MIGRATIONS: list[str] = [
    # 1: pairing and the check audit (codes, counts, pupil IDs, times; never text or images)
    """
    CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,           -- SHA-256 of the normalised code
        created_at REAL NOT NULL,             -- unix seconds
        expires_at REAL NOT NULL,
        used_at REAL
    );
    CREATE TABLE paired_clients (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        origin TEXT,                          -- extension origin, NULL for a CLI/test client
        paired_at REAL NOT NULL
    );
    CREATE TABLE check_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,                     -- ISO time, UTC
        status TEXT NOT NULL,                 -- 'ok' or an error code such as 'timeout'
        verdict TEXT,
        codes TEXT NOT NULL DEFAULT '[]',     -- JSON list of finding codes
        pupils TEXT NOT NULL DEFAULT '[]',    -- JSON list of UPNs
        images INTEGER NOT NULL DEFAULT 0,
        uploaded INTEGER NOT NULL DEFAULT 0,
        consent_version INTEGER,
        duration_ms REAL NOT NULL,
        check_ms REAL,
        origin TEXT
    );
    CREATE INDEX check_audit_at ON check_audit(at)
    """,
    # 2: the pupils staff chose for ambiguous names ("Which Esme?"): UPNs only, never the text
    """
    ALTER TABLE check_audit ADD COLUMN resolved TEXT NOT NULL DEFAULT '[]'
    """,
]
