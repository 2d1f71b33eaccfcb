"""Consent-list tables. Append new migrations; never edit an applied one."""

MIGRATIONS: list[str] = [
    # 1: pupils, consent audit, staff, metadata
    """
    CREATE TABLE pupils (
        pupil_id TEXT PRIMARY KEY,            -- UPN, else 'adno:<admission number>'
        upn TEXT UNIQUE,
        adno TEXT UNIQUE,
        legal_forename TEXT NOT NULL,
        legal_surname TEXT NOT NULL,
        preferred_forename TEXT NOT NULL DEFAULT '',
        preferred_surname TEXT NOT NULL DEFAULT '',
        year_group TEXT NOT NULL DEFAULT '',
        reg_group TEXT NOT NULL DEFAULT '',
        photo_consent TEXT NOT NULL DEFAULT 'not_asked'
            CHECK (photo_consent IN ('granted', 'refused', 'not_asked')),
        name_consent TEXT NOT NULL DEFAULT 'not_asked'
            CHECK (name_consent IN ('granted', 'refused', 'not_asked')),
        no_publish INTEGER NOT NULL DEFAULT 0 CHECK (no_publish IN (0, 1)),
        on_roll INTEGER NOT NULL DEFAULT 1 CHECK (on_roll IN (0, 1)),
        updated_at TEXT NOT NULL
    );
    CREATE TABLE consent_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        pupil_id TEXT,
        what TEXT NOT NULL,
        old TEXT,
        new TEXT,
        source TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX consent_audit_pupil ON consent_audit(pupil_id, id);
    CREATE TABLE staff (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
]
