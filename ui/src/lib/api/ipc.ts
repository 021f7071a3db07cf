// The one place that invokes Rust commands. Feature modules in this folder
// build their typed wrappers on `call`; nothing else in the UI imports
// `@tauri-apps/api/core`. Every rejection is normalised into an `AppError`.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toAppError } from '../errors';

export { GENERIC_ERROR_MESSAGE, toAppError } from '../errors';

/**
 * Invokes a command and normalises its rejection. Feature modules in
 * this folder build their typed wrappers on this; nothing else calls `invoke`.
 */
export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toAppError(reason);
  }
}
