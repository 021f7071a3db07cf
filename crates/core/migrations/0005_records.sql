-- Schema 5: session records, their addenda, action items and agendas.
-- Everything typed is in the sealed `body` columns, under the data key of the
-- person or group the session is with, so erasing the person also makes
-- their records unreadable. Each row's plaintext columns are bound into its
-- AAD (see store/records.rs): an edited column makes that one row damaged.
--
-- Plaintext columns and why (see SECURITY.md):
--   id, person_id, record_id, key_id   random ids: joins, the person's records,
--                                       the key that seals the row
--   series_id, original_start           the occurrence a record or agenda belongs
--                                       to (one record per held session; the
--                                       agenda of a coming session is found by it)
--   session_date                        00:00 UTC of the session's local date
--                                       (unix ms): records newest first, "the last
--                                       record before this session", case history
--   kind                                session kind (individual, group, peer,
--                                       coaching): group records are scanned for a
--                                       member's cases
--   status                              draft/final (records), open/done/dropped
--                                       (action items): open items roll forward,
--                                       records to write are those not final
--   revision                            optimistic check of draft saves
--   seq, position                       order of addenda and action items
--   created_at, updated_at              timestamps (unix ms)

CREATE TABLE session_records (
    id             TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL REFERENCES people (id),
    series_id      TEXT NOT NULL,        -- no foreign key: a record outlives its series
    original_start TEXT NOT NULL,        -- local wall clock, ISO 8601
    session_date   INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('individual', 'group', 'peer', 'coaching')),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    revision       INTEGER NOT NULL CHECK (revision >= 1),
    key_id         TEXT NOT NULL REFERENCES data_keys (id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    body           BLOB NOT NULL,        -- sealed JSON: content, finalisation, acknowledgement
    UNIQUE (series_id, original_start)
) STRICT;

CREATE INDEX session_records_by_person ON session_records (person_id, session_date);
CREATE INDEX session_records_by_kind ON session_records (kind, session_date);

CREATE TABLE record_addenda (
    id         TEXT PRIMARY KEY,
    record_id  TEXT NOT NULL REFERENCES session_records (id),
    person_id  TEXT NOT NULL REFERENCES people (id),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    body       BLOB NOT NULL,            -- sealed JSON: text, author, member
    UNIQUE (record_id, seq)
) STRICT;

CREATE TABLE action_items (
    id           TEXT PRIMARY KEY,
    record_id    TEXT NOT NULL REFERENCES session_records (id),
    person_id    TEXT NOT NULL REFERENCES people (id),
    session_date INTEGER NOT NULL,
    position     INTEGER NOT NULL CHECK (position >= 0),
    status       TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    key_id       TEXT NOT NULL REFERENCES data_keys (id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    body         BLOB NOT NULL           -- sealed JSON: text, owner, due date, status history
) STRICT;

CREATE INDEX action_items_by_person ON action_items (person_id, status);
CREATE INDEX action_items_by_record ON action_items (record_id, position);

CREATE TABLE agendas (
    series_id      TEXT NOT NULL,
    original_start TEXT NOT NULL,
    person_id      TEXT NOT NULL REFERENCES people (id),
    key_id         TEXT NOT NULL REFERENCES data_keys (id),
    updated_at     INTEGER NOT NULL,
    body           BLOB NOT NULL,        -- sealed JSON: the items added by hand
    PRIMARY KEY (series_id, original_start)
) STRICT;
