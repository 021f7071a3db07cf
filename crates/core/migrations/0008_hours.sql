-- Schema 8: the hours ledger's own rows: manual supervision entries,
-- practice weeks, session adjustments, entry reviews (returned / approved),
-- the supervisee's own counts, accepted differences and sign-offs (with
-- their snapshot, reopenings and correction addenda). Every field a person
-- typed or chose (dates, times, minutes, forms, names, licence numbers,
-- notes, reasons, comments, the snapshot and its hash) is in the sealed
-- `body`, under the person's data key (erasing the person makes them
-- unreadable).
--
-- Plaintext columns and why (see SECURITY.md):
--   id, key_id               random ids
--   person_id                the supervisee the row belongs to: the ledger
--                            is read per person, and the key is chosen from it
--   created_at, updated_at   timestamps (unix ms), for a stable order
-- Each is bound into the sealed body's authenticated data, so an edited
-- column makes that one row damaged.

CREATE TABLE hours_manual_entries (
    id         TEXT PRIMARY KEY,                          -- random UUID
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- the person's data key
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: date, start, minutes, form, supervisor, note
) STRICT;
CREATE INDEX hours_manual_entries_by_person ON hours_manual_entries (person_id);

CREATE TABLE hours_practice_weeks (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: week, minutes, setting
) STRICT;
CREATE INDEX hours_practice_weeks_by_person ON hours_practice_weeks (person_id);

CREATE TABLE hours_adjustments (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: session, form, minutes, reason
) STRICT;
CREATE INDEX hours_adjustments_by_person ON hours_adjustments (person_id);

CREATE TABLE hours_reviews (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: entry, status, comment, dates
) STRICT;
CREATE INDEX hours_reviews_by_person ON hours_reviews (person_id);

CREATE TABLE hours_their_counts (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: the supervisee's count per date
) STRICT;
CREATE INDEX hours_their_counts_by_person ON hours_their_counts (person_id);

CREATE TABLE hours_accepted (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: date, both counts, note
) STRICT;
CREATE INDEX hours_accepted_by_person ON hours_accepted (person_id);

CREATE TABLE hours_sign_offs (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: period, snapshot, hash, name, log, addenda
) STRICT;
CREATE INDEX hours_sign_offs_by_person ON hours_sign_offs (person_id);
