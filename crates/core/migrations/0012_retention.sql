-- Schema 12: the retention policy: how long each kind of record is kept
-- after a supervision relationship ends. One row, its periods sealed under
-- the vault key (a period is a choice the user made: it is not left in
-- clear). Plaintext: the fixed id and when it was last changed.

CREATE TABLE retention_policy (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    updated_at INTEGER NOT NULL,     -- unix ms
    body       BLOB NOT NULL         -- sealed JSON: years per record type
) STRICT;
