-- Schema 14: wellbeing check-ins and ProQOL 5 results, both the owner's
-- own, sealed under the journal's data key. Plaintext: a random id and when
-- the row was written (unix ms, for ordering); the day a check-in is about,
-- its five ratings, its note, the journal entry it is attached to, and every
-- ProQOL answer and score are inside the sealed body.

CREATE TABLE wellbeing_checkins (
    id         TEXT PRIMARY KEY,     -- UUIDv4
    created_at INTEGER NOT NULL,     -- unix ms
    body       BLOB NOT NULL         -- sealed JSON
) STRICT;

CREATE TABLE proqol_results (
    id         TEXT PRIMARY KEY,     -- UUIDv4
    created_at INTEGER NOT NULL,     -- unix ms
    body       BLOB NOT NULL         -- sealed JSON: answers and scores
) STRICT;
