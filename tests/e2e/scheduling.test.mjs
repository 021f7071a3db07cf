// The supervisor's journey through the real app (issue 3, scenarios S2/S3):
// add two supervisees, draft and acknowledge an agreement, schedule sessions
// that overlap, see the conflict flagged in the week view, and prove that no
// name, email, agreement text or note reached the disk in the clear.
//
// run.sh gives each journey a fresh scratch world, so the test creates the
// vault (it would also reuse one that exists).

import assert from 'node:assert/strict';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchAsSupervisor, longDate, SCRATCH } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, listFiles, scanWithControl } from './lib/scan.mjs';

// Realistic invented people and details (they appear on the screenshots in
// docs/). Each string is also a scan needle; a fresh scratch world per run keeps
// them unique on disk.
const SAM = 'Sam Okafor';
const ALEX = 'Alex Marín';
const ALEX_ROLE = 'Systemic family therapist';
const PRIYA = 'Priya Raman';
const ORG = 'Harbourside Counselling Service';
const EMAIL = 'sam.okafor@harbourside-counselling.org';
const SAM_ROLE = 'Trainee counsellor';
const SAM_LICENCE = 'TC-204817';
const NOTE = 'Prefers morning sessions; working towards accreditation in the spring';
const LOCATION = 'Room 2, 14 Quayside Row';
const OWNER = 'Dana Whitfield';
const PROFILE = {
  name: OWNER,
  professional_role: 'Senior supervising psychotherapist',
  organisation: 'Whitfield Supervision Practice',
  licence_number: 'SUP-0419-7725',
  licence_body: 'Northern Board of Counselling and Psychotherapy',
};
const LICENCE = PROFILE.licence_number;
/** Everything the journey typed, and distinctive parts of it. */
const NEEDLES = [
  SAM,
  'Okafor',
  'okafor',
  ALEX,
  ALEX.normalize('NFD'),
  'Marín',
  'Marín'.normalize('NFD'),
  ALEX_ROLE,
  PRIYA,
  'Raman',
  ORG,
  'Harbourside',
  EMAIL,
  'harbourside-counselling',
  SAM_ROLE,
  SAM_LICENCE,
  NOTE,
  'working towards accreditation',
  LOCATION,
  'Quayside Row',
  ...Object.values(PROFILE),
  'Whitfield',
  'Northern Board',
];
/** A local calendar date `days` from today, as "YYYY-MM-DD". */
const localDate = (days) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const TOMORROW = localDate(1);
const DAY_AFTER = localDate(2);

describe('supervisor journey: people, agreement, schedule, conflicts', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  /** Picks `value` in the <select> with data-testid `id`. */
  const choose = async (id, value) => {
    const el = await app.waitFor(id);
    await el.selectByAttribute('value', value);
  };

  /**
   * Sets a date or time input as a person picking a value would: the value,
   * then the input and change events the UI listens to. (WebKitWebDriver
   * cannot type into WebKitGTK's date and time fields.)
   */
  const setInput = async (id, value) => {
    const el = await app.waitFor(id);
    await app.browser.execute(
      (node, v) => {
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(node), 'value').set;
        setter.call(node, v);
        node.dispatchEvent(new Event('input', { bubbles: true }));
        node.dispatchEvent(new Event('change', { bubbles: true }));
      },
      el,
      value,
    );
  };

  const addPerson = async (name, extra = async () => {}, kind = 'person', relation = 'i_supervise') => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await choose('person-kind', kind);
    if (kind !== 'organisation') await choose('person-relation', relation);
    await app.type('person-name', name);
    await extra();
    await app.click('person-save');
    await app.waitFor('person-page');
    await app.waitUntil(
      async () => (await app.text('person-page')).includes(name),
      `the person page never showed ${name}`,
    );
  };

  /**
   * Waits for the people list's row holding `name` and returns it (text
   * compared in Unicode normal form C, as typed keys may arrive decomposed).
   */
  const personRow = async (name) => {
    let match;
    let seen = [];
    await app.waitUntil(
      async () => {
        seen = [];
        for (const row of await app.all('person-row')) {
          const text = String(await row.getProperty('textContent')).normalize('NFC');
          seen.push(text.trim());
          if (text.includes(name.normalize('NFC'))) {
            match = row;
            return true;
          }
        }
        return false;
      },
      () => `no person-row holds ${JSON.stringify(name)} (rows: ${JSON.stringify(seen)})`,
    );
    return match;
  };

  /**
   * Waits until the form has settled on `isoDate`: the preview (worked out
   * by the core after a short pause) describes a first session on that day,
   * so nothing above the Save button is still changing height.
   */
  const waitForPreviewOf = async (isoDate) => {
    const day = longDate(isoDate);
    await app.waitUntil(
      async () => (await app.text('schedule-preview')).includes(day),
      async () => `the preview never showed ${day}: ${await app.text('schedule-preview')}`,
    );
  };

  /** Schedules from the open person page; `setup` fills the form. */
  const scheduleFromPersonPage = async (firstDate, setup, shot) => {
    await app.click('person-schedule');
    await app.waitFor('schedule-form');
    await setup();
    await waitForPreviewOf(firstDate);
    if (shot) {
      // The form from its title down (the page scrolls to the form's end).
      const form = await app.waitFor('schedule-form');
      await app.browser.execute((node) => node.parentElement.scrollIntoView({ block: 'start' }), form);
      await app.screenshot(shot);
    }
    await app.saveSchedule(longDate(firstDate));
    // With nothing to warn about, the form closes and the sessions are listed.
    await app.waitUntil(
      async () => !(await app.$('schedule-form').isExisting()),
      async () => `the schedule form did not close; it shows: ${await app.text('schedule-form')}`,
    );
    await app.waitFor('person-session');
  };

  /** Waits for the form's "Saved" state; on failure says what the form shows. */
  const waitForSaved = async () => {
    await app.waitUntil(
      async () => app.$('schedule-done').isExisting(),
      async () => `the schedule was not saved; the form says: ${await app.$('schedule-form').getText().catch(() => '(no form)')}`,
    );
  };

  step('1. start the app as a supervisor', async () => {
    app = await launchAsSupervisor();
    // The audit must be able to fail: axe flags defects planted in this page.
    await assertAxeFlagsKnownDefects(app.browser);
  });

  step('2. my details in Settings (printed on agreements)', async () => {
    await app.click('nav-settings');
    await app.waitFor('settings-profile');
    for (const [key, value] of Object.entries(PROFILE)) await app.type(`profile-${key}`, value);
    await app.click('profile-save');
    await app.waitUntil(
      async () => (await app.text('settings-profile')).includes('Saved'),
      'the profile was not saved',
    );
    await app.screenshot('settings-profile.png');
  });

  step('3. add supervisee Sam (organisation, email, licence, notes), Alex, and my supervisor Priya', async () => {
    await addPerson(ORG, async () => {}, 'organisation');
    await addPerson(ALEX, async () => app.type('person-role', ALEX_ROLE));
    // The vault owner's own supervisor, so the list shows both sides.
    await addPerson(PRIYA, async () => {}, 'person', 'supervises_me');
    await addPerson(SAM, async () => {
      await app.type('person-email', EMAIL);
      const org = await app.waitFor('person-organisation');
      await org.selectByVisibleText(ORG);
      await app.type('person-role', SAM_ROLE);
      await app.type('person-licence-number', SAM_LICENCE);
      await app.type('person-notes', NOTE);
    });
    await app.screenshot('person.png');

    await app.click('nav-people');
    await app.waitFor('people-view');
    for (const name of [SAM, ALEX, PRIYA, ORG]) await personRow(name);
    await app.screenshot('people.png');
    await (await personRow(SAM)).click();
    await app.waitFor('person-page');
  });

  step('4. draft Sam’s agreement from the template; both acknowledge it', async () => {
    await app.click('agreement-start');
    await app.waitFor('agreement-editor');
    for (const name of [OWNER, SAM]) {
      await app.click('agreement-acknowledge');
      await app.waitFor('ack-dialog');
      const party = await app.waitFor('ack-party');
      const options = await party.$$('option');
      let chosen = false;
      for (const option of options) {
        if ((await option.getText()).includes(name)) {
          await party.selectByAttribute('value', await option.getValue());
          chosen = true;
        }
      }
      assert.ok(chosen, `no awaiting party named ${name}`);
      await app.type('ack-name', name);
      await app.click('ack-confirm');
      await app.waitGone('ack-dialog');
    }
    await app.waitFor('agreement-readonly');
    // The agreement from its title down, not the person details above it.
    const editor = await app.waitFor('agreement-editor');
    await app.browser.execute((node) => node.scrollIntoView({ block: 'start' }), editor);
    await app.screenshot('agreement.png');
    await app.click('agreement-close');
    await app.waitGone('agreement-editor');
  });

  step('5. Sam monthly for a year, Alex once; moving Alex onto Sam’s slot is a conflict', async () => {
    // Sam: monthly on the same weekday of the month as tomorrow (e.g. "4th
    // Thursday"), 10:00–11:00, 12 sessions.
    await scheduleFromPersonPage(TOMORROW, async () => {
      await setInput('schedule-date', TOMORROW);
      await choose('schedule-repeat', 'monthly_weekday');
      await choose('schedule-ends', 'count');
      await setInput('schedule-count', '12');
      await app.type('schedule-location', LOCATION);
    }, 'schedule-form.png');

    // Alex: once, the day after, 10:00–11:00 — no overlap yet.
    await app.click('nav-people');
    await app.waitFor('people-view');
    const row = await personRow(ALEX);
    assert.ok(row, 'Alex is not in the people list');
    await row.click();
    await app.waitFor('person-page');
    await scheduleFromPersonPage(DAY_AFTER, async () => setInput('schedule-date', DAY_AFTER));

    // Move Alex's session to tomorrow 10:00: the app warns of the overlap.
    await app.click('person-session');
    await app.waitFor('session-details');
    await app.click('session-move');
    await app.waitFor('session-move-form');
    await setInput('session-move-date', TOMORROW);
    await app.click('session-move-save');
    await app.waitFor('session-conflicts');
    await app.waitUntil(
      async () => (await app.text('session-conflicts')).includes(SAM),
      'the move did not warn about Sam’s session',
    );
    await app.screenshot('moved-conflict.png');
    await app.click('session-close');
  });

  step('6. the week view flags the conflict; month and Today render', async () => {
    await app.click('nav-calendar');
    await app.waitFor('calendar-view');
    await app.click('calendar-week');
    await app.waitFor('calendar-week-grid');
    // The sessions are tomorrow, which may be in next week.
    if (!(await app.$('conflict-flag').isExisting())) await app.click('calendar-next');
    await app.waitFor('conflict-flag');
    await app.screenshot('week.png');

    await app.click('calendar-month');
    await app.waitFor('calendar-month-grid');
    await app.screenshot('month.png');

    await app.click('nav-today');
    await app.waitFor('today-view');
    await app.screenshot('today-sessions.png');
  });

  step('7. while the app runs (its SQLite WAL live), no name, email, note or licence is on disk', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run through tests/e2e/run.sh');
    const db = await assertDataDirHoldsTheVault(dataDir, t);
    // Sessions were just moved: the write-ahead log holds pages not yet
    // checkpointed into the main file, so this scan covers the live WAL.
    const wal = path.join(dataDir, 'confidant.db-wal');
    const walSize = (await lstat(wal).catch(() => null))?.size;
    assert.ok(walSize > 0, `${wal} is missing or empty while the app runs: the live scan would not cover the WAL`);
    const { files, bytes, vanished, hits } = await scanWithControl(
      scanDirs(dataDir),
      NEEDLES,
      path.join(SCRATCH, 'scan-control'),
    );
    t.diagnostic(
      `live scan: ${files.length} files (${bytes} bytes; database ${db} bytes, WAL ${walSize} bytes), ` +
        `${vanished.length} vanished while scanning; positive control found every needle`,
    );
    assert.deepEqual(hits, [], `plaintext found on disk while the app runs:\n${describeHits(hits)}`);
  });

  step('8. after quitting, no name, email, note or licence is on disk', async (t) => {
    await app.quit();
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run through tests/e2e/run.sh');
    const db = await assertDataDirHoldsTheVault(dataDir, t);
    const { files, bytes, hits } = await scanWithControl(
      scanDirs(dataDir),
      NEEDLES,
      path.join(SCRATCH, 'scan-control'),
    );
    t.diagnostic(
      `searched ${files.length} files (${bytes} bytes; database ${db} bytes); positive control found every needle`,
    );
    assert.deepEqual(hits, [], `plaintext found on disk:\n${describeHits(hits)}`);
  });
});

/** The directories a scan covers (HOME, the data dir, TMPDIR, XDG_RUNTIME_DIR, logs). */
function scanDirs(dataDir) {
  const dirs = [SCRATCH, dataDir, process.env.HOME];
  if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
  return dirs;
}

/**
 * A scan of an empty data dir proves nothing: the database must exist and hold
 * data. Returns its size in bytes.
 */
async function assertDataDirHoldsTheVault(dataDir, t) {
  const dataFiles = await listFiles(dataDir);
  assert.ok(dataFiles.length > 0, `the data dir ${dataDir} holds no file: the search would prove nothing`);
  const db = await lstat(path.join(dataDir, 'confidant.db')).catch(() => null);
  assert.ok(db?.size > 0, `${dataDir}/confidant.db is missing or empty: the search would prove nothing`);
  let bytes = 0;
  for (const file of dataFiles) bytes += (await lstat(file).catch(() => ({ size: 0 }))).size;
  const names = dataFiles.map((f) => path.basename(f)).join(', ');
  t.diagnostic(`data dir: ${dataFiles.length} files, ${bytes} bytes (${names})`);
  return db.size;
}
