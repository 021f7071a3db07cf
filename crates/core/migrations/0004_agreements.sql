-- Schema 4: supervision agreements. One row per version of the agreement with
-- a person or group. Every section, party detail and acknowledgement is in
-- the sealed `body`, under the person's (or group's) data key, so erasing
-- the person also makes their agreements unreadable.
--
-- Plaintext columns and why (see SECURITY.md):
--   id, person_id, version, status, key_id  random ids, a counter and an enum
--   created_at, updated_at                  timestamps (unix ms)
--   effective_date, review_date             calendar dates stored as 00:00 UTC
--                                           of that date (unix ms): the Today
--                                           view queries agreements due for
--                                           review, and the hours log queries
--                                           the effective date (supervision
--                                           before it does not count). Both
--                                           are repeated inside the sealed
--                                           body and checked against it on
--                                           every read.

CREATE TABLE agreements (
    id             TEXT PRIMARY KEY,                                -- random UUID
    person_id      TEXT NOT NULL REFERENCES people (id),            -- supervisee, supervisor or group
    version        INTEGER NOT NULL CHECK (version >= 1),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'acknowledged', 'superseded')),
    key_id         TEXT NOT NULL REFERENCES data_keys (id),         -- = people.key_id of person_id
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    effective_date INTEGER,
    review_date    INTEGER,
    body           BLOB NOT NULL,                                   -- sealed JSON: sections, parties, acknowledgements
    UNIQUE (person_id, version),
    CHECK (review_date IS NULL OR effective_date IS NULL OR review_date >= effective_date)
) STRICT;

-- At most one draft per person at a time.
CREATE UNIQUE INDEX agreements_one_draft ON agreements (person_id) WHERE status = 'draft';

-- Review-due reminders look only at the agreements in force.
CREATE INDEX agreements_by_review ON agreements (review_date) WHERE status = 'acknowledged';
