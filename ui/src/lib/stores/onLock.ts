// What the stores forget when the vault locks (and when a restored vault
// replaces the one shown), and the pending edits they save first. Each
// store registers itself when its module loads, so the navigator needs no
// import of every store: a store whose module never loaded holds nothing.
// architecture.test.ts checks that every store with a `reset()` registers.

const resets: (() => void)[] = [];
const saves: (() => Promise<unknown>)[] = [];

/** `reset` runs on every lock: it must drop everything decrypted the store holds. */
export function forgetOnLock(reset: () => void): void {
  resets.push(reset);
}

/** `save` runs before every lock and before the window closes (pending edits). */
export function saveBeforeLock(save: () => Promise<unknown>): void {
  saves.push(save);
}

/** Runs every registered reset. */
export function forgetAll(): void {
  for (const reset of resets) reset();
}

/** Runs every registered save, together; resolves when all have settled or one rejects. */
export async function saveAll(): Promise<void> {
  await Promise.all(saves.map((save) => save()));
}
