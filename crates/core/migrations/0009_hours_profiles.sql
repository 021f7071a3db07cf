-- Schema 9: rule profiles for supervision and practice hours, and which
-- profile each person's progress is measured against. A profile's name,
-- board, citation, rules and summary fields are in the sealed `body` under
-- the vault key; a person's choice is sealed under that person's data key
-- (erasing the person makes it unreadable).
--
-- Plaintext columns and why (see SECURITY.md):
--   id, key_id               random ids (an example's fixed id, e.g.
--                            `example-ca-lcsw`, the same in every vault)
--   person_id                whose choice a row is (one per person)
--   created_at, updated_at   timestamps (unix ms), for a stable order
--   example_id, seeded_at    which shipped examples were already offered
--                            once (so a deleted example is not put back);
--                            the same list in every vault
-- Each row's plaintext columns are bound into its sealed body's
-- authenticated data, so an edited column makes that one row damaged.

CREATE TABLE hours_profiles (
    id         TEXT PRIMARY KEY,                          -- random UUID or an example's id
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- the vault key
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: the profile
) STRICT;

CREATE TABLE hours_profile_choices (
    person_id  TEXT PRIMARY KEY REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- = people.key_id of person_id
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: the profile id
) STRICT;

CREATE TABLE hours_profile_seeds (
    example_id TEXT PRIMARY KEY,
    seeded_at  INTEGER NOT NULL
) STRICT;
