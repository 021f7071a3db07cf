// Generated from Rust by ts-rs. Do not edit.

export type Role = "supervisor" | "supervisee";
export type VaultState = "no_vault" | "locked" | "unlocked" | "recovery_needed" | "damaged";
export type AppStatus = { state: VaultState, needs_passcode: boolean, message: string | null, data_dir: string };
export type SetupStarted = { recovery_code: string };
export type Settings = { roles: Array<Role>, auto_lock_minutes: number, has_passcode: boolean };
export type JournalSummary = { id: string, created_at: string, updated_at: string, first_line: string };
export type JournalEntry = { id: string, created_at: string, updated_at: string, body: string };
export type JournalPage = { entries: Array<JournalSummary>, total: number };
export type ErrorCode = "locked" | "no_vault" | "vault_exists" | "setup_not_started" | "recovery_needed"
  | "passcode_required" | "wrong_passcode" | "wrong_recovery_code" | "keychain_unavailable"
  | "integrity" | "not_found" | "invalid_input" | "empty" | "too_large" | "schema_too_new"
  | "corrupt_database" | "io" | "internal";
export type AppError = { code: ErrorCode, message: string };
