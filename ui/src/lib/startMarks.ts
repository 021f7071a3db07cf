// Named moments of the app's start, as `performance.mark`s ("confidant:…"):
// the whole-app benchmark (bench/app-bench.mjs) reads them to split the time
// from the page's script to Today into its steps. Names only, never data.

/** The steps of the start, in the order they happen. */
/** (`mounted`: the app's first render is done; `answered`: the status the
 * shell asked for at document start has reached the page's script;
 * `screen`: the first screen is chosen — unlocked, or why not.) */
/** `today-shown`: Today's sessions (or that there are none) are in the DOM. */
/** (Not a step of this list: `pushed`, marked by the script the shell
 * evaluates when it pushes the first answers, src-tauri/src/start_answers.rs.) */
export type StartStep =
  | 'script'
  | 'mounted'
  | 'answered'
  | 'status'
  | 'screen'
  | 'today-mounted'
  | 'today-sessions'
  | 'today-shown';

/**
 * Today's sessions, or that there are none, in the DOM: the first
 * interactive screen the whole-app bench waits for (`READY` there).
 */
export const TODAY_SHOWN = [
  '[data-testid="today-no-sessions"]',
  '[data-testid="today-today"]',
  '[data-testid="today-later"]',
  '[data-testid="today-none-today"]',
].join(', ');

/**
 * After the app's first render: `mounted`, and `today-shown` when that
 * render already put Today's sessions in the DOM (from the answers the
 * shell pushed before the script ran; Today's own mark would come only
 * after WebKit's load event).
 */
export function markFirstRender(): void {
  startMark('mounted');
  if (typeof document !== 'undefined' && document.querySelector(TODAY_SHOWN) !== null) startMark('today-shown');
}

/** Records that `step` of the start has happened (the first time only). */
export function startMark(step: StartStep): void {
  const name = `confidant:${step}`;
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(name, 'mark').length > 0) return;
  performance.mark(name);
}
