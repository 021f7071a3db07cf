// Named moments of the app's start, as `performance.mark`s ("confidant:…"):
// the whole-app benchmark (bench/app-bench.mjs) reads them to split the time
// from the page's script to Today into its steps. Names only, never data.

/** The steps of the start, in the order they happen. */
/** (`screen`: the first screen is chosen — unlocked, or why not.) */
export type StartStep = 'script' | 'status' | 'screen' | 'today-mounted' | 'today-sessions';

/** Records that `step` of the start has happened (the first time only). */
export function startMark(step: StartStep): void {
  const name = `confidant:${step}`;
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(name, 'mark').length > 0) return;
  performance.mark(name);
}
