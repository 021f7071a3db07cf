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

