// Asks Rust whether a text looks like it identifies a client (a full name, a
// date of birth, a phone number…; crates/core/src/nameguard.rs). Warnings
// only: nothing here blocks saving. The last few answers are remembered so
// that re-rendering a field does not ask again.

import { nameGuardCheck, type LeakWarning } from '../api/nameGuard';

const REMEMBERED = 20;
const answers = new Map<string, LeakWarning[]>();

/** The warnings for `text` (none for blank text). Never throws: when Rust
 * cannot answer, there is simply no warning to show. */
export async function nameWarnings(text: string): Promise<LeakWarning[]> {
  if (text.trim().length < 3) return [];
  const known = answers.get(text);
  if (known) return known;
  try {
    const found = await nameGuardCheck(text);
    answers.set(text, found);
    if (answers.size > REMEMBERED) {
      const oldest = answers.keys().next().value;
      if (oldest !== undefined) answers.delete(oldest);
    }
    return found;
  } catch {
    return [];
  }
}
