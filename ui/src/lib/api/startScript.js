// Injected by the shell at document start in the main window
// (src-tauri/src/lib.rs, `main_window`), before the page's own scripts
// load: sends the start's first two commands at once, so their round trips
// run while the page's script is still loading rather than after it. The UI
// takes the answers once (startStatus.ts beside this file) and asks itself
// when they are absent. Both are reads without side effects:
// - `app_status`: the vault's state and data folder, nothing a person typed;
// - `schedule_upcoming`, Today's next sessions (count = TODAY_SESSIONS in
//   stores/calendar.svelte.ts): answered when Rust has already unlocked the
//   vault at start, else refused as locked, and then not used.
(function () {
  'use strict';
  var internals = window.__TAURI_INTERNALS__;
  if (!internals || typeof internals.invoke !== 'function') return;
  var status = internals.invoke('app_status');
  var sessions = internals.invoke('schedule_upcoming', { count: 5 });
  // Not unhandled while the page's script loads; the UI handles the outcome.
  status.catch(function () {});
  sessions.catch(function () {});
  Object.defineProperty(window, '__CONFIDANT_START__', {
    value: { status: status, sessions: sessions },
    configurable: true,
  });
})();
