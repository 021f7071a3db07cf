-- Schema 2: people (supervisees, supervisors, groups, organisations), each
-- with its own data key so that erasing a person can destroy their key.

ALTER TABLE data_keys ADD COLUMN subject_id TEXT;   -- random UUID of the person the key belongs to
CREATE INDEX data_keys_by_subject ON data_keys (subject_id);

CREATE TABLE people (
    id          TEXT PRIMARY KEY,                  -- random UUID
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'group', 'organisation')),
    key_id      TEXT NOT NULL REFERENCES data_keys (id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    archived_at INTEGER,
    body        BLOB NOT NULL                      -- sealed JSON: names, contact details, notes, relations
) STRICT;
