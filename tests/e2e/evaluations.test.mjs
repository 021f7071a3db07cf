// Evaluations and endings through the real app (issue 8, section 2): a
// supervisee with one held session; a midpoint evaluation rated by both
// sides with an action plan that becomes a goal and the supervision check
// (screenshot evaluation); then the ending — the termination summary
// previewed and confirmed, the person archived (screenshot ending) — and the
// verification letter saved through the system's save dialog, its text
// read back with pdftotext: the hours, and no clinical text. Finally nothing
// typed is on disk after the app quits.
//
// The GTK save dialog is a native window the WebDriver cannot reach: it is
// driven with xdotool (Debian package xdotool) on the same X display. Without
// xdotool or pdftotext the letter step says why it was skipped.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchAsSupervisor, longDate, SCRATCH } from './lib/app.mjs';
import { has, saveAs } from './lib/dialog.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, scanWithControl } from './lib/scan.mjs';

const OWNER = 'Dr Helen Ashby';
const MAYA = 'Maya Lindqvist';
const SUPERVISOR_COMMENT = 'Steadier in risk conversations with families since the autumn';
const SUPERVISEE_COMMENT = 'Wants more practice with interpreters on home visits';
const AREA_COMMENT = 'Named the limits of confidentiality at every first visit';
const PLAN = 'Co-lead a multi-agency risk review';
const CHECK_COMMENT = 'Sometimes the agenda still feels set for me';
const REASON = 'Registration reached; moving to the hospital team';
const REFERRAL = 'Westside peer consultation group';
const NEEDLES = [
  MAYA,
  'Lindqvist',
  SUPERVISOR_COMMENT,
  SUPERVISEE_COMMENT,
  AREA_COMMENT,
  PLAN,
  CHECK_COMMENT,
  REASON,
  REFERRAL,
  // A seeded area name, sealed at first use like every area.
  'Wellbeing, resilience and self-care',
];

const localDate = (days) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const LAST_WEEK = localDate(-7);

describe('evaluations journey: a midpoint evaluation, then an ending with a verification letter', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  step('1. start as a supervisor with my name in Settings', async () => {
    app = await launchAsSupervisor();
    await assertAxeFlagsKnownDefects(app.browser);
    await app.click('nav-settings');
    await app.waitFor('settings-profile');
    await app.type('profile-name', OWNER);
    await app.click('profile-save');
    await app.waitUntil(async () => (await app.text('settings-profile')).includes('Saved'), 'the profile was not saved');
  });

  step('2. add supervisee Maya; last week’s session is held', async () => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await app.choose('person-kind', 'person');
    await app.choose('person-relation', 'i_supervise');
    await app.type('person-name', MAYA);
    await app.click('person-save');
    await app.waitFor('person-page');
    await app.click('person-schedule');
    await app.waitFor('schedule-form');
    await app.setInput('schedule-date', LAST_WEEK);
    await app.choose('schedule-repeat', 'none');
    await app.saveSchedule(longDate(LAST_WEEK));
    await app.waitUntil(
      async () => !(await app.$('schedule-form').isExisting()),
      async () => `the schedule form did not close; it shows: ${await app.text('schedule-form')}`,
    );
    const past = await app.waitFor('person-sessions-past');
    await (await past.$('[data-testid="person-session"]')).click();
    await app.waitFor('session-details');
    await app.click('session-held');
    await app.waitUntil(
      async () => (await app.text('session-record-open')) === 'Write record',
      'the session was not marked held',
    );
    await app.click('session-close');
    await app.waitGone('session-details');
  });

  step('3. a midpoint evaluation: both ratings, an action plan, the supervision check; screenshot', async () => {
    await app.waitFor('person-evaluations');
    await app.waitFor('evaluations-none');
    await app.click('evaluation-new-midpoint');
    await app.waitFor('evaluation-form');
    await app.choose('rating-supervisor-0', '4');
    await app.choose('rating-supervisee-0', '3');
    await app.type('rating-comment-0', AREA_COMMENT);
    await app.choose('rating-supervisor-1', '3');
    await app.choose('rating-supervisee-1', '3');
    await app.choose('rating-supervisor-2', '4');
    await app.choose('rating-supervisee-2', '2');
    await app.type('evaluation-supervisor-comments', SUPERVISOR_COMMENT);
    await app.type('evaluation-supervisee-comments', SUPERVISEE_COMMENT);
    await app.click('plan-add');
    await app.type('plan-title-0', PLAN);
    for (const [side, values] of [
      ['supervisor', ['4', '4', '3']],
      ['supervisee', ['4', '3', '2']],
    ]) {
      for (const [i, topic] of ['trust', 'collaboration', 'power_balance'].entries()) {
        await app.choose(`check-${side}-${topic}`, values[i]);
      }
    }
    await app.type('check-supervisee-comment', CHECK_COMMENT);
    await app.click('evaluation-save');
    await app.waitGone('evaluation-form');
    await app.waitFor('evaluation-item');
    const notice = await app.text('evaluations-notice');
    assert.equal(notice, 'The midpoint evaluation was saved, and its action plan set 1 goal.');
    const item = await app.text('evaluation-item');
    assert.ok(item.includes('4 — Competent') && item.includes('3 — Developing'), item);
    assert.ok(item.includes(PLAN) && item.includes('Goal set'), item);
    // The action plan item is a goal on the same page.
    await app.waitUntil(
      async () => (await app.text('person-goal-list')).includes(PLAN),
      async () => `the goals list shows: ${await app.text('person-goal-list')}`,
    );
    await app.scrollToTop('person-evaluations');
    await app.screenshot('evaluation.png');
  });

  step('4. end supervision: preview the summary, confirm, the person is archived; screenshot', async () => {
    await app.click('ending-start');
    await app.waitFor('ending-form');
    await app.type('ending-reason', REASON);
    await app.click('referral-add');
    await app.choose('referral-kind-0', 'peer_support');
    await app.type('referral-to-0', REFERRAL);
    await app.click('ending-preview');
    await app.waitFor('ending-summary');
    assert.equal(await app.text('summary-sessions'), '1');
    assert.equal(await app.text('summary-hours'), '1.00 in all: Individual 1.00');
    await app.click('ending-confirm');
    await app.waitGone('ending-form');
    await app.waitFor('ending-done');
    assert.ok((await app.text('ending-done')).includes(REASON));
    await app.waitFor('evaluations-archived');
    await app.scrollToTop('person-ending');
    await app.screenshot('ending.png');
  });

  step('5. save the verification letter through the save dialog; it shows the hours and no clinical text', async (t) => {
    if (!has('xdotool') || !has('pdftotext')) {
      t.skip('needs xdotool (to answer the GTK save dialog) and pdftotext (poppler-utils)');
      return;
    }
    const dir = path.join(SCRATCH, 'letters');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'letter.pdf');
    await app.click('ending-save-letter');
    await saveAs('Save the verification letter as PDF', file);
    await app.waitFor('letter-saved');
    assert.ok(existsSync(file), 'the letter was not written where the dialog said');
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
    for (const needle of ['Verification of supervision hours', OWNER, MAYA, '1 held session and 1.00 hours', 'Total 1 1.00', 'Signature:']) {
      assert.ok(text.includes(needle), `${needle} is missing from the letter: ${text}`);
    }
    for (const clinical of [SUPERVISOR_COMMENT, AREA_COMMENT, PLAN, CHECK_COMMENT, REASON, REFERRAL]) {
      assert.ok(!text.includes(clinical), `${clinical} is in the letter`);
    }
  });

  step('6. after quitting, nothing typed is in the app’s files', async (t) => {
    await app.quit();
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run through tests/e2e/run.sh');
    // The saved letter is the user's own export (it holds the name by design).
    const dirs = [dataDir, process.env.HOME, process.env.TMPDIR].filter(Boolean);
    if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
    const { files, bytes, hits } = await scanWithControl(dirs, NEEDLES, path.join(process.env.TMPDIR ?? SCRATCH, 'scan-control-evaluations'));
    t.diagnostic(`searched ${files.length} files (${bytes} bytes); control found every needle`);
    assert.deepEqual(hits, [], `plaintext found on disk:\n${describeHits(hits)}`);
  });
});
