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
// The shell also pushes the same answers into the page once its unlock at
// start is over (src-tauri/src/start_answers.rs): to the receiver defined
// here, or, when the push ran first, on window.__CONFIDANT_PUSHED__. Each
// answer is whichever comes first, the push or the ask; what the push
// brought is also kept as plain values (`ready`), so a page whose script
// starts after the push can build its first screen at once, without
// waiting for a promise (whose reactions WebKit runs only after the page's
// load event, that is after a first layout of whatever was mounted).
(function () {
  'use strict';
  var internals = window.__TAURI_INTERNALS__;
  if (!internals || typeof internals.invoke !== 'function') return;
  var settle = {};
  var ready = {};
  function firstOf(key, asked) {
    return new Promise(function (resolve, reject) {
      settle[key] = resolve;
      asked.then(resolve, reject);
    });
  }
  var status = firstOf('status', internals.invoke('app_status'));
  var sessions = firstOf('sessions', internals.invoke('schedule_upcoming', { count: 5 }));
  // Not unhandled while the page's script loads; the UI handles the outcome.
  status.catch(function () {});
  sessions.catch(function () {});
  function receive(answers) {
    Reflect.deleteProperty(window, '__CONFIDANT_RECEIVE__');
    if (typeof answers !== 'object' || answers === null) return;
    if (typeof answers.status === 'object' && answers.status !== null) {
      ready.status = answers.status;
      settle.status(answers.status);
    }
    if (Array.isArray(answers.sessions)) {
      ready.sessions = answers.sessions;
      settle.sessions(answers.sessions);
    }
  }
  var pushed = window.__CONFIDANT_PUSHED__;
  Reflect.deleteProperty(window, '__CONFIDANT_PUSHED__');
  if (pushed) receive(pushed);
  else Object.defineProperty(window, '__CONFIDANT_RECEIVE__', { value: receive, configurable: true });
  Object.defineProperty(window, '__CONFIDANT_START__', {
    value: { status: status, sessions: sessions, ready: ready },
    configurable: true,
  });
})();
