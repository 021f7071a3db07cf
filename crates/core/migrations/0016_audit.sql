-- Schema 16: the security log — a sealed, hash-chained list of security
-- events (vault created, unlocked, recovery used, passcode changed, export
-- written, packet sent or imported, person erased, sign-off reopened).
-- Plaintext: the entry's number and when it was written. What happened, its
-- non-identifying detail and the hash of the previous entry are sealed
-- under the vault key. Entries are never changed or deleted (triggers).
-- The head (how many entries, the last hash) is one sealed row, so a log
-- cut short at its end is noticed too.

CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,  -- 1, 2, 3 … in order
    created_at INTEGER NOT NULL,     -- unix ms
    body       BLOB NOT NULL         -- sealed JSON: event, detail, previous hash
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the security log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the security log is append-only');
END;

-- INSERT OR REPLACE deletes the old row without firing the delete trigger
-- (recursive triggers are off): refuse an insert over an existing entry.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
BEGIN
    SELECT RAISE(ABORT, 'the security log is append-only');
END;

CREATE TABLE audit_head (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    updated_at INTEGER NOT NULL,     -- unix ms
    body       BLOB NOT NULL         -- sealed JSON: count and last hash
) STRICT;
