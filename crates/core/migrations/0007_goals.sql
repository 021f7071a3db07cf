-- Schema 7: goals and development plans, check-ins, the skills list,
-- development stages and coaching records. Every field a person typed or
-- chose (titles, notes, evidence, ratings, statuses, dates, skill names,
-- stages, methods) is in the sealed `body`; a supervisee's rows are sealed
-- under that person's data key (erasing the person makes them unreadable),
-- the owner's own goals and the skills list under the vault key.
--
-- Plaintext columns and why (see SECURITY.md):
--   id, key_id               random ids
--   person_id                the supervisee a row belongs to (NULL for the
--                            owner's own goals and for skills): lists are
--                            per person, and the key is chosen from it
--   goal_id (check-ins)      which goal a check-in belongs to (the timeline
--                            reads a goal's check-ins)
--   created_at, updated_at   timestamps (unix ms), for a stable order
-- Each is bound into the sealed body's authenticated data, so an edited
-- column makes that one row damaged.

CREATE TABLE skills (
    id         TEXT PRIMARY KEY,                          -- random UUID
    person_id  TEXT CHECK (person_id IS NULL),            -- always NULL (vault-wide)
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- the vault key
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: name, retired
) STRICT;

CREATE TABLE goals (
    id         TEXT PRIMARY KEY,
    person_id  TEXT REFERENCES people (id),               -- NULL: the owner's own goal
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- the person's key, or the vault key
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: fields, status, history
) STRICT;
CREATE INDEX goals_by_person ON goals (person_id);

CREATE TABLE goal_check_ins (
    id         TEXT PRIMARY KEY,
    goal_id    TEXT NOT NULL REFERENCES goals (id),
    person_id  TEXT REFERENCES people (id),               -- = goals.person_id
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: date, note, evidence, rating
) STRICT;
CREATE INDEX goal_check_ins_by_goal ON goal_check_ins (goal_id);

CREATE TABLE development_stages (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: stage, date set, note
) STRICT;
CREATE INDEX development_stages_by_person ON development_stages (person_id);

CREATE TABLE coaching_records (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: date, skill, method, notes, links
) STRICT;
CREATE INDEX coaching_records_by_person ON coaching_records (person_id);
