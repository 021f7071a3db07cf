import { JOURNAL_FIRST_LINE_CHARS, JOURNAL_MAX_BODY_BYTES } from './limits';

/** Journal bodies may be at most this many bytes of UTF-8 (1 MiB today). */
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
 * The first line of `body` that has any text in it, trimmed and cut to
 * `FIRST_LINE_CHARS` characters with "…", as Rust makes a `JournalSummary`'s
 * `first_line`.
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

/**
 * A number of minutes in the largest whole unit: "a week", "2 days",
 * "3 hours", "90 minutes" (for hints that name a limit).
 */
export function minutesInWords(minutes: number): string {
  const units: [number, string][] = [
    [7 * 24 * 60, 'week'],
    [24 * 60, 'day'],
    [60, 'hour'],
    [1, 'minute'],
  ];
  for (const [size, name] of units) {
    if (minutes >= size && minutes % size === 0) {
      const n = minutes / size;
      return n === 1 ? `a${name === 'hour' ? 'n' : ''} ${name}` : `${n} ${name}s`;
    }
  }
  return `${minutes} minutes`;
}
