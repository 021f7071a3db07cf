// Hours through the real app (issue 8, the ledger and sign-off): a
// supervisee with a quarter of weekly sessions (thirteen), the five most
// recent marked held with final records (the person page lists the last
// five), then in the Hours section one entry returned with a comment and
// approved, the month of the latest session signed off with a typed name
// (screenshot hours-ledger), the sign-off log, and a scan proving nothing
// typed reached the disk in the clear, while the app runs and after it
// quits.

import assert from 'node:assert/strict';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchAsSupervisor, SCRATCH } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, listFiles, scanWithControl } from './lib/scan.mjs';

// Realistic invented details; each is also a scan needle.
const PERSON = 'Jordan Reyes';
const AGENDA = 'Boundaries with a family asking for extra visits';
const EXPLORATION = 'Talked through what the team policy allows and how to say no kindly';
const COMMENT = 'Please check: the session ran 50 minutes';
const SIGNER = 'Dr Maya Lindqvist';
const NEEDLES = [PERSON, 'Reyes', AGENDA, 'extra visits', EXPLORATION, 'say no kindly', COMMENT, 'ran 50 minutes', SIGNER, 'Lindqvist'];

const pad = (n) => String(n).padStart(2, '0');
const day = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const daysFromToday = (n) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return d;
};
// Weekly for thirteen weeks; the last session three days ago.
const FIRST = day(daysFromToday(-(12 * 7 + 3)));
const LATEST = daysFromToday(-3);
const MONTH = day(LATEST).slice(0, 7);
const MONTH_END = (() => {
  const end = new Date(LATEST.getFullYear(), LATEST.getMonth() + 1, 0);
  return day(end < new Date() ? end : new Date());
})();

describe('hours journey: held sessions, return and approve, month sign-off', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  const choose = async (target, value) => {
    const el = typeof target === 'string' ? await app.waitFor(target) : target;
    await el.selectByAttribute('value', value);
  };

  /** Sets a date or number input as a person would (WebKitWebDriver cannot type into a date input). */
  const setInput = async (target, value) => {
    const el = typeof target === 'string' ? await app.waitFor(target) : target;
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

  const rows = async (id) => app.all(id);

  step('1. start the app as a supervisor', async () => {
    app = await launchAsSupervisor();
    await assertAxeFlagsKnownDefects(app.browser);
  });

  step('2. add Jordan and a weekly series of thirteen sessions ending three days ago', async () => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await choose('person-kind', 'person');
    await choose('person-relation', 'i_supervise');
    await app.type('person-name', PERSON);
    await app.click('person-save');
    await app.waitFor('person-page');
    await app.click('person-schedule');
    await app.waitFor('schedule-form');
    await setInput('schedule-date', FIRST);
    await choose('schedule-repeat', 'weekly');
    await choose('schedule-ends', 'count');
    await setInput('schedule-count', '13');
    await app.waitUntil(async () => (await app.text('schedule-preview')).length > 0, 'no preview of the series');
    await app.click('schedule-save');
    await app.waitUntil(
      async () => !(await app.$('schedule-form').isExisting()),
      async () => `the schedule form did not close; it shows: ${await app.text('schedule-form')}`,
    );
    await app.waitUntil(async () => (await rows('person-session')).length >= 5, 'the past sessions are not listed');
  });

  step('3. the five most recent sessions are held, each with a final record', async () => {
    for (let i = 0; i < 5; i++) {
      const past = await app.waitFor('person-sessions-past');
      const sessions = await past.$$('[data-testid="person-session"]');
      assert.ok(sessions.length >= 5, `only ${sessions.length} past sessions are listed`);
      await sessions[i].click();
      await app.waitFor('session-details');
      await app.click('session-held');
      await app.waitUntil(async () => (await app.text('session-record-open')) === 'Write record', 'no “Write record”');
      await app.click('session-record-open');
      await app.waitFor('record-editor');
      await app.click('record-add-item');
      await (await app.waitFor('record-item-text')).setValue(AGENDA);
      await app.type('record-exploration', EXPLORATION);
      await app.click('record-function-formative');
      await app.waitUntil(async () => (await app.text('record-save-status')) === 'Saved', 'the record was not saved');
      await app.click('record-finalise');
      await app.waitFor('record-finalise-dialog');
      await app.type('record-finalise-name', SIGNER);
      const confirm = await app.waitFor('record-finalise-confirm');
      await confirm.waitForEnabled({ timeout: 30_000 });
      await confirm.click();
      await app.waitGone('record-finalise-dialog');
      await app.waitFor('record-document');
      await app.click('record-close');
      await app.waitGone('record-view');
      await app.click('session-close');
      await app.waitGone('session-details');
    }
  });

  step('4. in Hours, one entry is returned with a comment, then approved', async () => {
    await app.click('nav-hours');
    await app.waitFor('hours-view');
    const person = await app.waitFor('hours-person');
    await app.waitUntil(async () => (await person.getText()).includes(PERSON), 'Jordan is not offered');
    await person.selectByVisibleText(PERSON);
    await choose('hours-month', MONTH);
    await app.waitUntil(async () => (await rows('hours-item')).length > 0, 'no held session in the ledger');
    const first = (await rows('hours-item'))[0];
    await (await first.$('[data-testid="hours-return"]')).click();
    await app.waitFor('hours-return-dialog');
    await app.type('hours-return-dialog-text', COMMENT);
    await app.click('hours-return-dialog-confirm');
    await app.waitGone('hours-return-dialog');
    await app.waitUntil(async () => (await (await rows('hours-item'))[0].getText()).includes('Returned'), 'not returned');
    assert.ok((await (await rows('hours-item'))[0].getText()).includes(COMMENT), 'the comment is not shown');
    await (await (await rows('hours-item'))[0].$('[data-testid="hours-approve"]')).click();
    await app.waitUntil(async () => (await (await rows('hours-item'))[0].getText()).includes('Approved'), 'not approved');
  });

  step('5. the month is signed off with my typed name; its entries are locked', async () => {
    await app.click('hours-sign-off');
    await app.waitFor('hours-sign-off-dialog');
    await setInput('hours-sign-off-from', `${MONTH}-01`);
    await setInput('hours-sign-off-to', MONTH_END);
    await app.type('hours-sign-off-name', SIGNER);
    await app.click('hours-sign-off-confirm');
    await app.waitUntil(
      async () => !(await app.$('hours-sign-off-dialog').isExisting()),
      async () => `the sign-off dialog did not close: ${await app.text('hours-sign-off-dialog')}`,
    );
    for (const row of await rows('hours-item')) {
      assert.ok((await row.getText()).includes('Signed off'), `not locked: ${await row.getText()}`);
    }
    await app.screenshot('hours-ledger.png');
    await app.click('hours-tab-sign-offs');
    await app.waitUntil(async () => (await app.text('sign-off-log')).includes(`Signed off by ${SIGNER}`), 'no log line');
  });

  step('6. while the app runs, nothing typed is on disk', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run through tests/e2e/run.sh');
    const db = await dataDirSize(dataDir);
    const { files, bytes, hits } = await scanWithControl(scanDirs(dataDir), NEEDLES, path.join(SCRATCH, 'scan-control-hours'));
    t.diagnostic(`live scan: ${files.length} files (${bytes} bytes; database ${db} bytes); control found every needle`);
    assert.deepEqual(hits, [], `plaintext found on disk while the app runs:\n${describeHits(hits)}`);
  });

  step('7. after quitting, nothing typed is on disk', async (t) => {
    await app.quit();
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    const db = await dataDirSize(dataDir);
    const { files, bytes, hits } = await scanWithControl(scanDirs(dataDir), NEEDLES, path.join(SCRATCH, 'scan-control-hours'));
    t.diagnostic(`searched ${files.length} files (${bytes} bytes; database ${db} bytes); control found every needle`);
    assert.deepEqual(hits, [], `plaintext found on disk:\n${describeHits(hits)}`);
  });
});

function scanDirs(dataDir) {
  const dirs = [SCRATCH, dataDir, process.env.HOME];
  if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
  return dirs;
}

/** The database's size; a scan of a missing or empty database would prove nothing. */
async function dataDirSize(dataDir) {
  const files = await listFiles(dataDir);
  assert.ok(files.length > 0, `the data dir ${dataDir} holds no file`);
  const db = await lstat(path.join(dataDir, 'confidant.db')).catch(() => null);
  assert.ok(db?.size > 0, `${dataDir}/confidant.db is missing or empty`);
  return db.size;
}
