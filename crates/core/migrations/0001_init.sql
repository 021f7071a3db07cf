-- Confidant schema 1. Plaintext columns are limited to random ids, kinds,
-- versions and timestamps; everything else is a sealed BLOB (see SECURITY.md).

CREATE TABLE vault (
    id             TEXT PRIMARY KEY,             -- random UUID; keychain account name
    format_version INTEGER NOT NULL,
    created_at     INTEGER NOT NULL              -- unix ms
) STRICT;

-- The master key wrapped by each way in.
CREATE TABLE keyslots (
    id          TEXT PRIMARY KEY,                -- random UUID
    kind        TEXT NOT NULL CHECK (kind IN ('device', 'device_passcode', 'recovery')),
    kdf         TEXT,                            -- argon2id parameters, NULL for 'device'
    salt        BLOB,                            -- random, NULL for 'device'
    wrapped_key BLOB NOT NULL,                   -- sealed master key
    created_at  INTEGER NOT NULL
) STRICT;

-- Data keys wrapped by the master key. Destroying one (wrapped_key = NULL)
-- makes everything sealed under it unreadable, in this file and in backups.
CREATE TABLE data_keys (
    id           TEXT PRIMARY KEY,               -- random UUID, also in each sealed value's header
    scope        TEXT NOT NULL CHECK (scope IN ('vault', 'journal', 'person')),
    wrapped_key  BLOB,                           -- sealed data key; NULL once destroyed
    created_at   INTEGER NOT NULL,
    destroyed_at INTEGER
) STRICT;

CREATE TABLE settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    body       BLOB NOT NULL,                    -- sealed JSON
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE journal_entries (
    id         TEXT PRIMARY KEY,                 -- random UUID
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                     -- sealed entry text
) STRICT;

CREATE INDEX journal_entries_by_created ON journal_entries (created_at DESC, id);
