-- Schema 6: the paper trail of a supervisee: the confidentiality-exception
-- log (entries and their correcting addenda) and between-session contact
-- notes. Every field a person types is in the sealed `body`, under the data
-- key of the supervisee the row is about, so erasing that person (destroying
-- their data key: `data_keys.wrapped_key` set to NULL) makes all of it
-- unreadable while the rows themselves stay.
--
-- Plaintext columns and why (see SECURITY.md):
--   id, entry_id, person_id, key_id   random ids: which supervisee a row is
--                                     about (the person page lists theirs)
--                                     and which data key sealed it
--   seq                               an addendum's place under its entry
--   created_at, updated_at            timestamps (unix ms): when a row was
--                                     written (an addendum's date) and when a
--                                     contact note was last edited
-- The dates the supervisor enters (of the disclosure, of the contact) are
-- sealed; lists are sorted after opening.

-- The confidentiality-exception log. An entry is never changed or deleted:
-- corrections are addenda (below). The triggers enforce it for every writer
-- that goes through SQLite, not only the app's code.
CREATE TABLE exception_entries (
    id         TEXT PRIMARY KEY,                          -- random UUID
    person_id  TEXT NOT NULL REFERENCES people (id),      -- the supervisee
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- = people.key_id of person_id
    created_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: date, kind, concern, what was shared, recipient, basis, discussion, outcome
) STRICT;

CREATE INDEX exception_entries_by_person ON exception_entries (person_id, created_at);

CREATE TRIGGER exception_entries_no_delete BEFORE DELETE ON exception_entries
BEGIN
    SELECT RAISE(ABORT, 'confidentiality-exception entries cannot be deleted');
END;

CREATE TRIGGER exception_entries_no_update BEFORE UPDATE ON exception_entries
BEGIN
    SELECT RAISE(ABORT, 'confidentiality-exception entries cannot be changed; add an addendum');
END;

-- INSERT OR REPLACE deletes the old row without firing the delete trigger
-- (recursive triggers are off): refuse an insert over an existing entry.
CREATE TRIGGER exception_entries_no_replace BEFORE INSERT ON exception_entries
WHEN EXISTS (SELECT 1 FROM exception_entries WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'confidentiality-exception entries cannot be replaced');
END;

-- Dated corrections and additions to an entry, kept in order (seq from 1).
CREATE TABLE exception_addenda (
    id         TEXT PRIMARY KEY,                                -- random UUID
    entry_id   TEXT NOT NULL REFERENCES exception_entries (id),
    person_id  TEXT NOT NULL REFERENCES people (id),            -- = the entry's person_id
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    created_at INTEGER NOT NULL,                                -- the addendum's date
    body       BLOB NOT NULL,                                   -- sealed JSON: the text
    UNIQUE (entry_id, seq)
) STRICT;

CREATE TRIGGER exception_addenda_no_delete BEFORE DELETE ON exception_addenda
BEGIN
    SELECT RAISE(ABORT, 'addenda to the confidentiality-exception log cannot be deleted');
END;

CREATE TRIGGER exception_addenda_no_update BEFORE UPDATE ON exception_addenda
BEGIN
    SELECT RAISE(ABORT, 'addenda to the confidentiality-exception log cannot be changed');
END;

CREATE TRIGGER exception_addenda_no_replace BEFORE INSERT ON exception_addenda
WHEN EXISTS (SELECT 1 FROM exception_addenda
             WHERE id = NEW.id OR (entry_id = NEW.entry_id AND seq = NEW.seq))
BEGIN
    SELECT RAISE(ABORT, 'addenda to the confidentiality-exception log cannot be replaced');
END;

-- Between-session contacts: short notes, editable and deletable.
CREATE TABLE contact_notes (
    id         TEXT PRIMARY KEY,                          -- random UUID
    person_id  TEXT NOT NULL REFERENCES people (id),      -- the supervisee
    key_id     TEXT NOT NULL REFERENCES data_keys (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: date, time, mode, issue, advice, risk decision, follow-up
) STRICT;

CREATE INDEX contact_notes_by_person ON contact_notes (person_id, created_at);
