import type { AppError, ErrorCode } from './bindings';

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
