// Injected by the shell at document start in the main window
// (src-tauri/src/lib.rs, `main_window`), before the page's own scripts
// load. It receives the answers to the start's first two questions, which
// the shell pushes into the page once its unlock at start is over
// (src-tauri/src/start_answers.rs):
// - the vault's status (what `app_status` answers: its state and data
//   folder, nothing a person typed);
// - when the vault is unlocked, Today's next sessions (what
//   `schedule_upcoming` answers for TODAY_SESSIONS, stores/calendar.svelte.ts).
// The push may run before this script (it then leaves the answers on
// window.__CONFIDANT_PUSHED__) or after it (it then calls the receiver
// defined here). The UI takes what has arrived when its script starts
// (startStatus.ts beside this file) and builds its first screen from it at
// once; when nothing has arrived yet, it asks itself, as it does on a page
// reload (the shell pushes once per start).
// It asks nothing itself: a fetch started before the page's load event
// holds that event back, and WebKit runs promise reactions and the first
// paint only after it.
(function () {
  'use strict';
  var ready = {};
  function receive(answers) {
    Reflect.deleteProperty(window, '__CONFIDANT_RECEIVE__');
    if (typeof answers !== 'object' || answers === null) return;
    if (typeof answers.status === 'object' && answers.status !== null) ready.status = answers.status;
    if (Array.isArray(answers.sessions)) ready.sessions = answers.sessions;
  }
  var pushed = window.__CONFIDANT_PUSHED__;
  Reflect.deleteProperty(window, '__CONFIDANT_PUSHED__');
  if (pushed) receive(pushed);
  else Object.defineProperty(window, '__CONFIDANT_RECEIVE__', { value: receive, configurable: true });
  Object.defineProperty(window, '__CONFIDANT_START__', { value: ready, configurable: true });
})();
