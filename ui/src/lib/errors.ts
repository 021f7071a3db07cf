import type { AppError, ErrorCode } from './bindings';

const ERROR_CODES: Record<ErrorCode, true> = {
  locked: true,
  no_vault: true,
  vault_exists: true,
  setup_not_started: true,
  recovery_needed: true,
  passcode_required: true,
  wrong_passcode: true,
  wrong_recovery_code: true,
  keychain_unavailable: true,
  integrity: true,
  not_found: true,
  invalid_input: true,
  read_only: true,
  empty: true,
  too_large: true,
  schema_too_new: true,
  corrupt_database: true,
  io: true,
  internal: true,
  packet_not_for_this_vault: true,
  packet_damaged: true,
  packet_too_new: true,
  unknown_sender: true,
  packet_already_imported: true,
  too_many_attempts: true,
  backup_not_verified: true,
  key_change_not_started: true,
  missing_font: true,
};

export const GENERIC_ERROR_MESSAGE =
  'Something went wrong. Try again, and restart Confidant if it keeps happening.';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** Whatever a command rejected with, as an `AppError` that is safe to show. */
export function toAppError(reason: unknown): AppError {
  if (typeof reason === 'object' && reason !== null) {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    if (isErrorCode(code) && typeof message === 'string' && message.trim() !== '') {
      return { code, message };
    }
  }
  return { code: 'internal', message: GENERIC_ERROR_MESSAGE };
}

// Where the Rust message is not the clearest thing to say in the UI.
const FRIENDLY: Partial<Record<ErrorCode, string>> = {
  wrong_recovery_code: "That recovery code doesn't match. Check each group and try again.",
  wrong_passcode: "That passcode isn't right. Try again.",
  locked: 'Confidant is locked. Unlock it to continue.',
};

/** The plain-language text to show for an error. */
export function errorText(error: AppError): string {
  return FRIENDLY[error.code] ?? error.message;
}

/** An error found in the UI before anything is sent to Rust. */
export function invalidInput(message: string): AppError {
  return { code: 'invalid_input', message };
}
