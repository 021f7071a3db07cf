-- Schema 15: packets between two vaults (see SECURITY.md, "Packets").
--
-- packet_identity: this vault's packet identity (one row): the age X25519
-- secret and the Ed25519 signing key, sealed under the vault key. The public
-- card is derived from them, so nothing about the identity is in clear.
--
-- packet_peers: the card (age recipient and Ed25519 verifying key) stored on
-- a person, sealed under that person's data key (erasing the person shreds
-- it).
--
-- shared_items: every item sent to or received from a person, sealed under
-- the person's data key: the title, the item and (sent items) the key of
-- what it was made from.
--
-- packets_imported: the replay guard: the id of every packet imported, with
-- a sealed copy of the id under the sender's data key binding the columns.
--
-- Plaintext columns and why:
--   ids (random UUIDs), person_id, key_id   links between rows
--   direction                               'sent' / 'received' (an enum)
--   created_at, added_at, shared_at,
--   revoked_at, imported_at                 timestamps (unix ms)
-- All are bound into the sealed value's authenticated data.

CREATE TABLE packet_identity (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    created_at INTEGER NOT NULL,          -- unix ms
    body       BLOB NOT NULL              -- sealed JSON: age secret, Ed25519 seed
) STRICT;

CREATE TABLE packet_peers (
    person_id TEXT PRIMARY KEY REFERENCES people (id),
    key_id    TEXT NOT NULL REFERENCES data_keys (id),   -- = people.key_id
    added_at  INTEGER NOT NULL,                          -- unix ms
    body      BLOB NOT NULL                              -- sealed: the card text
) STRICT;

CREATE TABLE shared_items (
    id         TEXT NOT NULL,                            -- the item's id in its packet
    direction  TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    person_id  TEXT NOT NULL REFERENCES people (id),
    packet_id  TEXT NOT NULL,
    key_id     TEXT NOT NULL REFERENCES data_keys (id),  -- = people.key_id
    shared_at  INTEGER NOT NULL,                         -- when the packet was written (unix ms)
    revoked_at INTEGER,                                  -- sent items: when a revocation was sent
    body       BLOB NOT NULL,                            -- sealed JSON: title, item, source key
    PRIMARY KEY (id, direction)
) STRICT;

CREATE INDEX shared_items_by_person ON shared_items (person_id, shared_at);

CREATE TABLE packets_imported (
    packet_id   TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people (id),
    key_id      TEXT NOT NULL REFERENCES data_keys (id),
    imported_at INTEGER NOT NULL,                        -- unix ms
    body        BLOB NOT NULL                            -- sealed: the packet id again
) STRICT;

CREATE INDEX packets_imported_by_person ON packets_imported (person_id);
