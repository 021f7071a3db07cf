-- Schema: invoices (issue 8, section 4). Every amount, line, date, name,
-- the bill-to party's details, the invoice number, the status (issued,
-- paid, void) and the period are in the sealed `body`, under the data key
-- of the person, group or organisation billed (erasing them makes their
-- invoices unreadable). The per-vault invoice counter is sealed too, under
-- the vault key.
--
-- Plaintext columns and why (see SECURITY.md):
--   invoices.id, key_id          random ids
--   invoices.person_id           the bill-to party: a person's invoices are
--                                listed on their page, and the key is chosen
--                                from it
--   invoices.created_at,         timestamps (unix ms), for a stable order
--   updated_at
--   invoice_counter.id           always 1 (one counter per vault)
--   invoice_counter.key_id       the vault key
--   invoice_counter.updated_at   when the last number was taken
-- Each is bound into the sealed body's authenticated data, so an edited
-- column makes that one row damaged. The invoice number is NOT plaintext:
-- numbering is gap-free because the counter is read, incremented and
-- written in the same transaction as the invoice it numbers.

CREATE TABLE invoices (
    id         TEXT PRIMARY KEY,                          -- random UUID
    person_id  TEXT NOT NULL REFERENCES people (id),      -- bill-to party
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- that party's key
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: the invoice
) STRICT;
CREATE INDEX invoices_by_person ON invoices (person_id);

-- An issued invoice keeps its number for ever: a mistake is voided, never
-- deleted, so the numbering has no gaps.
CREATE TRIGGER invoices_never_deleted BEFORE DELETE ON invoices
BEGIN
    SELECT RAISE(ABORT, 'invoices are voided, never deleted');
END;

CREATE TABLE invoice_counter (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    key_id     TEXT NOT NULL REFERENCES data_keys (id),   -- the vault key
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL                              -- sealed JSON: the last number issued
) STRICT;
