// Named moments of the app's start, as `performance.mark`s ("confidant:…"):
// the whole-app benchmark (bench/app-bench.mjs) reads them to split the time
// from the page's script to Today into its steps. Names only, never data.

/** The steps of the start, in the order they happen. */
/** (`mounted`: the app's first render is done; `answered`: the status the
 * shell asked for at document start has reached the page's script;
 * `screen`: the first screen is chosen — unlocked, or why not.) */
/** `today-shown`: Today's sessions (or that there are none) are in the DOM. */
export type StartStep =
  | 'script'
  | 'mounted'
  | 'answered'
  | 'status'
  | 'screen'
  | 'today-mounted'
  | 'today-sessions'
  | 'today-shown';

/** Records that `step` of the start has happened (the first time only). */
export function startMark(step: StartStep): void {
  const name = `confidant:${step}`;
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(name, 'mark').length > 0) return;
  performance.mark(name);
}
