-- Schema 13: journal entries (or extracts of them) brought to supervision
-- with one of the owner's own supervisors. Sealed under the journal key.
-- Plaintext: random ids (the flag, its entry and the supervisor), when it
-- was flagged and when it was discussed (unix ms), which the agenda
-- queries by. The extract and anything typed live in the sealed body.

CREATE TABLE journal_flags (
    id           TEXT PRIMARY KEY,                                         -- random UUID
    entry_id     TEXT NOT NULL REFERENCES journal_entries (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,                                         -- unix ms
    discussed_at INTEGER,                                                  -- unix ms; NULL while open
    body         BLOB NOT NULL                                             -- sealed JSON: the extract
) STRICT;
CREATE INDEX journal_flags_by_person ON journal_flags (person_id, discussed_at);
CREATE INDEX journal_flags_by_entry ON journal_flags (entry_id);
