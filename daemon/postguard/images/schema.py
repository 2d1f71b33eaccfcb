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
    # 2: "not this photo": a reference the IT admin ruled out for one draft (by its SHA-256), audited;
    #    and which references keep an opt-in thumbnail (the file lives in <data folder>/thumbnails/)
    """
    CREATE TABLE image_allowed (
        ref_id INTEGER NOT NULL REFERENCES image_refs(id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL,                -- the draft photo's SHA-256 (of its bytes)
        allowed_at TEXT NOT NULL,
        allowed_by TEXT NOT NULL,
        PRIMARY KEY (ref_id, sha256)
    );
    CREATE TABLE image_allowed_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,                -- 'allow'
        ref_id INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        pupils TEXT NOT NULL                 -- JSON list of the reference's pupil ids at the time
    );
    ALTER TABLE image_refs ADD COLUMN thumbnail INTEGER NOT NULL DEFAULT 0;
    -- staff answers about photos with people (who is in it / checked): never the photo
    CREATE TABLE photo_answers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,                 -- the login of the person who answered
        origin TEXT,                         -- the extension that sent it (NULL: CLI)
        sha256 TEXT NOT NULL,                -- the photo's SHA-256 (not the photo)
        pupils TEXT NOT NULL,                -- JSON list of the UPNs they said are in it
        checked INTEGER NOT NULL             -- 1: "none of the pupils to look for is in it"
    );
    CREATE INDEX photo_answers_at ON photo_answers(at)
    """,
]
