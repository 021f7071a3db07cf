/** At most one `touch` heartbeat per this many milliseconds. */
export const TOUCH_INTERVAL_MS = 20_000;

/**
 * Returns a function that runs `action` at most once per `intervalMs`; the first
 * call runs it straight away, calls within the interval after it are dropped.
 */
export function throttle(
  action: () => void,
  intervalMs: number,
  now: () => number = Date.now,
): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const time = now();
    if (time - last < intervalMs) return;
    last = time;
    action();
  };
}
