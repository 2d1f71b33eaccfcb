"""Reference-photo tables. Append new migrations; never edit an applied one."""

MIGRATIONS: list[str] = [
    # 1: reference photos (hashes only, never pixels) and the pupils each one shows
    """
    CREATE TABLE image_refs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_name TEXT NOT NULL,           -- file name only, for the admin's list
        source_key TEXT,                     -- '<pupil folder>/<path>' for photos mirrored by `images sync`
        sha256 TEXT NOT NULL,
        file_bytes INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        format TEXT NOT NULL,
        hash_version INTEGER NOT NULL,
        hashes BLOB NOT NULL,                -- little-endian uint64 rows, (h64, h256 x4) per window
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL
    );
    CREATE UNIQUE INDEX image_refs_source_key ON image_refs(source_key) WHERE source_key IS NOT NULL;
    CREATE INDEX image_refs_sha256 ON image_refs(sha256);
    CREATE TABLE image_ref_pupils (
        ref_id INTEGER NOT NULL REFERENCES image_refs(id) ON DELETE CASCADE,
        pupil_id TEXT NOT NULL,              -- pupils.pupil_id (no FK, so roster re-imports never fail)
        PRIMARY KEY (ref_id, pupil_id)
    );
    CREATE INDEX image_ref_pupils_pupil ON image_ref_pupils(pupil_id)
    """,
]
