// Steps of a journey: each builds on the one before, so after a failure the
// rest are skipped (never retried), and the window is photographed as it was.

import { it } from 'node:test';
import { TIMEOUT_MS } from './app.mjs';

/** Longest a single step may take. */
export const STEP_TIMEOUT_MS = 6 * TIMEOUT_MS;

/**
 * Returns `step(name, fn)` for one journey. `currentApp()` gives the app the
 * journey is driving at the moment (it changes when the app is restarted).
 */
export function stepper(currentApp) {
  let failed = false;
  return (name, fn) =>
    it(name, { timeout: STEP_TIMEOUT_MS }, async (t) => {
      if (failed) {
        t.skip('an earlier step failed');
        return;
      }
      try {
        await fn(t);
      } catch (err) {
        failed = true;
        const app = currentApp();
        if (app?.running) {
          const shot = `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
          await app.screenshot(shot, { audit: false }).catch(() => {});
        }
        throw err;
      }
    });
}
