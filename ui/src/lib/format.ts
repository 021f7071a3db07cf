import { JOURNAL_FIRST_LINE_CHARS, JOURNAL_MAX_BODY_BYTES } from './limits';

/** Journal bodies may be at most 1 MiB of UTF-8. */
export const MAX_BODY_BYTES = JOURNAL_MAX_BODY_BYTES;

const encoder = new TextEncoder();

/** Whether `text` is over `MAX_BODY_BYTES` once encoded as UTF-8. */
export function isTooLarge(text: string): boolean {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes: skip encoding short text.
  if (text.length * 3 <= MAX_BODY_BYTES) return false;
  return encoder.encode(text).length > MAX_BODY_BYTES;
}

const FIRST_LINE_CHARS = JOURNAL_FIRST_LINE_CHARS;

/**
 * The first line of `body` that has any text in it, trimmed and cut to 120
 * characters with "…", as Rust makes a `JournalSummary`'s `first_line`.
 */
export function firstLine(body: string): string {
  const line = body.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  const chars = Array.from(line);
  return chars.length > FIRST_LINE_CHARS ? `${chars.slice(0, FIRST_LINE_CHARS).join('')}…` : line;
}

/** Whether the platform's shortcut modifier (Cmd on macOS, Ctrl elsewhere) is held. */
export function hasShortcutModifier(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey;
}

/** "Ctrl" or "⌘", for shortcut hints. */
export const shortcutModifier =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
