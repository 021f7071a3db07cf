-- Schema 3: scheduling. A series is a one-off session or a repeat rule with
-- someone (a person or a group); an exception changes one occurrence.
--
-- Plaintext: random ids, the session kind, the exception status, and the
-- UTC timestamps range queries need. The rule, time zone, wall-clock times,
-- location, reminder and any cancellation reason are in the sealed `body`
-- (JSON) under the person's data key, so erasing the person also makes
-- their schedule unreadable.

CREATE TABLE session_series (
    id          TEXT PRIMARY KEY,                                   -- random UUID
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('individual', 'group', 'peer', 'coaching')),
    key_id      TEXT NOT NULL REFERENCES data_keys (id),            -- the person's data key
    created_at  INTEGER NOT NULL,                                   -- unix ms
    updated_at  INTEGER NOT NULL,                                   -- unix ms; bumped by exceptions too
    first_start INTEGER NOT NULL,                                   -- unix ms, first session's start
    last_end    INTEGER,                                            -- unix ms, last session's end; NULL = no end
    body        BLOB NOT NULL                                       -- sealed JSON: rule, zone, local start, length, …
) STRICT;

CREATE INDEX session_series_by_person ON session_series (person_id);
CREATE INDEX session_series_by_range ON session_series (first_start, last_end);

CREATE TABLE session_overrides (
    series_id     TEXT NOT NULL REFERENCES session_series (id) ON DELETE CASCADE,
    recurrence_id INTEGER NOT NULL,     -- original wall-clock start in the series' zone, as ms of that
                                        -- wall clock read as UTC (floating, like RECURRENCE-ID;TZID=…)
    status        TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled', 'no_show')),
    start_at      INTEGER NOT NULL,     -- unix ms, effective start (after any move)
    end_at        INTEGER NOT NULL,     -- unix ms, effective end
    updated_at    INTEGER NOT NULL,     -- unix ms
    body          BLOB NOT NULL,        -- sealed JSON: moved time and length, cancelled by, reason, late
    PRIMARY KEY (series_id, recurrence_id)
) STRICT;

CREATE INDEX session_overrides_by_time ON session_overrides (start_at, end_at);
