-- Schema 10: evaluations and endings. Competency areas (the vault's
-- editable list), midpoint and final evaluations, checks on how
-- supervision itself is going, and the endings of supervision
-- relationships with their termination summary. Every field a person
-- typed or chose (area names, ratings, comments, action plans, check
-- answers, dates, referrals, the summary's figures) is in the sealed
-- `body`; a supervisee's rows are sealed under that person's data key
-- (erasing the person makes them unreadable), the competency areas under
-- the vault key.
--
-- Plaintext columns and why (see SECURITY.md):
--   id, key_id               random ids
--   person_id                the supervisee a row belongs to (NULL for
--                            competency areas): lists are per person, and
--                            the key is chosen from it
--   created_at, updated_at   timestamps (unix ms), for a stable order
-- Each is bound into the sealed body's authenticated data, so an edited
-- column makes that one row damaged.

CREATE TABLE competency_areas (
    id         TEXT PRIMARY KEY,                          -- random UUID
    person_id  TEXT CHECK (person_id IS NULL),            -- always NULL (vault-wide)
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- the vault key
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: name, function, skill, retired
) STRICT;

CREATE TABLE evaluations (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- the person's key
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: kind, date, ratings, comments, action plan
) STRICT;
CREATE INDEX evaluations_by_person ON evaluations (person_id);

CREATE TABLE supervision_checks (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: date, occasion, both sides' answers
) STRICT;
CREATE INDEX supervision_checks_by_person ON supervision_checks (person_id);

CREATE TABLE endings (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: dates, reason, referrals, summary
) STRICT;
CREATE INDEX endings_by_person ON endings (person_id);
