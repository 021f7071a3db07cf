// Generated from the Rust types in crates/core by the `bindings` test
// (cargo test -p confidant-core --features ts --test bindings).
// Do not edit: set UPDATE_BINDINGS=1 and run the test to regenerate.

export type Role = "supervisor" | "supervisee";

export type VaultState = "no_vault" | "locked" | "unlocked" | "recovery_needed" | "damaged";

export type AppStatus = { 
/**
 * Current state.
 */
state: VaultState, 
/**
 * Unlocking needs the app passcode as well as the keychain.
 */
needs_passcode: boolean, 
/**
 * Plain-language detail (why the vault is damaged, for instance).
 */
message: string | null, 
/**
 * The data folder, so the user knows where the vault lives.
 */
data_dir: string, };

export type SetupStarted = { 
/**
 * Canonical recovery code (`ABCD-EFGH-…`).
 */
recovery_code: string, };

export type Settings = { 
/**
 * The owner's roles.
 */
roles: Array<Role>, 
/**
 * Idle minutes before auto-lock.
 */
auto_lock_minutes: number, 
/**
 * Whether an app passcode is set.
 */
has_passcode: boolean, };

export type JournalSummary = { 
/**
 * Entry id (UUID).
 */
id: string, 
/**
 * When the entry was created.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * The first non-blank line, trimmed and shortened; empty when damaged.
 */
first_line: string, 
/**
 * The stored entry failed its integrity check and cannot be opened.
 */
damaged: boolean, };

export type JournalEntry = { 
/**
 * Entry id (UUID).
 */
id: string, 
/**
 * When the entry was created.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * The text.
 */
body: string, };

export type JournalPage = { 
/**
 * Entries on this page.
 */
entries: Array<JournalSummary>, 
/**
 * Entries in the journal.
 */
total: number, };

export type PersonKind = "person" | "group" | "organisation";

export type Relation = "i_supervise" | "supervises_me" | "none";

export type PersonInput = { 
/**
 * Person, group or organisation.
 */
kind: PersonKind, 
/**
 * Direction of the supervision relationship.
 */
relation: Relation, 
/**
 * Full name (or group/organisation name). Required.
 */
name: string, 
/**
 * Pronouns, as the person gives them.
 */
pronouns: string, 
/**
 * Email address.
 */
email: string, 
/**
 * Phone number.
 */
phone: string, 
/**
 * The organisation they work for (id of an organisation record).
 */
organisation_id: string | null, 
/**
 * Professional role, e.g. "Social worker".
 */
professional_role: string, 
/**
 * Licence or registration number.
 */
licence_number: string, 
/**
 * The body that issued it, e.g. "Social Work England".
 */
licence_body: string, 
/**
 * Licensure plan in the person's words (hours rules come later).
 */
licensure_plan: string, 
/**
 * When the supervision relationship started.
 */
start_date: string | null, 
/**
 * When it ended.
 */
end_date: string | null, 
/**
 * Free notes (no client names: use case references).
 */
notes: string, 
/**
 * Group members (ids of person records); groups only.
 */
members: Array<string>, 
/**
 * Group facilitator (id of a person record, or none when it is the owner).
 */
facilitator_id: string | null, };

export type Person = { 
/**
 * Record id.
 */
id: string, 
/**
 * When created.
 */
created_at: string, 
/**
 * When last changed.
 */
updated_at: string, 
/**
 * Archived (relationship ended, kept for the record).
 */
archived: boolean, 
/**
 * The fields.
 */
fields: PersonInput, };

export type PersonSummary = { 
/**
 * Record id.
 */
id: string, 
/**
 * Person, group or organisation.
 */
kind: PersonKind, 
/**
 * Relationship direction.
 */
relation: Relation, 
/**
 * Display name; empty when damaged.
 */
name: string, 
/**
 * Name of their organisation, if any.
 */
organisation_name: string | null, 
/**
 * Archived.
 */
archived: boolean, 
/**
 * The record failed its integrity check.
 */
damaged: boolean, };

export type ErrorCode = "locked" | "no_vault" | "vault_exists" | "setup_not_started" | "recovery_needed" | "passcode_required" | "wrong_passcode" | "wrong_recovery_code" | "keychain_unavailable" | "integrity" | "not_found" | "invalid_input" | "empty" | "too_large" | "schema_too_new" | "corrupt_database" | "io" | "internal";

export type AppError = { 
/**
 * Stable code to switch on.
 */
code: ErrorCode, 
/**
 * Plain-language message, safe to show.
 */
message: string, };

