// Key changes and erasure in the real app (issue 10, items 3 and 4): Dana
// Whitfield, a supervisor, rotates her vault's keys from Settings — the new
// Emergency Kit is shown, confirmed and typed back — then locks and unlocks
// from the keychain as before; she erases a former supervisee, which shows
// a new Emergency Kit again and rotates the keys in the same step; the
// security log lists both, with its chain intact. Every screenshot is
// audited for accessibility, and nothing typed reaches the disk in the clear.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe } from 'node:test';
import { launchAsSupervisor, RECOVERY_CODE, SCRATCH } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, scanWithControl } from './lib/scan.mjs';

const PRIYA = 'Priya Natarajan';
const TOMAS = 'Tomas Reyes';
const NEEDLES = [PRIYA, TOMAS, 'Natarajan', 'Reyes'];

/** Adds a supervisee and stays on their page. */
async function addSupervisee(app, name) {
  await app.click('nav-people');
  await app.waitFor('people-view');
  await app.click('people-add');
  await app.waitFor('person-form');
  await app.choose('person-kind', 'person');
  await app.choose('person-relation', 'i_supervise');
  await app.type('person-name', name);
  await app.click('person-save');
  await app.waitFor('person-page');
}

/** The names in the people list's rows. */
async function listedNames(app) {
  const names = [];
  for (const row of await app.all('person-row')) names.push(String(await row.getProperty('textContent')));
  return names.join(' | ');
}

/** Reads the new code shown once, confirms the kit saved and types it back. */
async function typeBackNewKit(app) {
  const shown = (await app.text('new-recovery-code')).match(RECOVERY_CODE);
  assert.ok(shown, 'a new recovery code is shown');
  await app.click('new-kit-saved');
  await app.type('recovery-input', shown[0]);
  return shown[0];
}

describe('keys: rotate from Settings, erase a person with a rotation, the log lists both', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  step('1. a supervisor vault with two supervisees', async () => {
    assert.ok(SCRATCH, 'run through tests/e2e/run.sh (E2E_SCRATCH)');
    app = await launchAsSupervisor();
    await addSupervisee(app, PRIYA);
    await addSupervisee(app, TOMAS);
  });

  step('2. Settings: rotate keys, with the new Emergency Kit typed back', async () => {
    await app.click('nav-settings');
    await app.waitFor('key-settings');
    await app.click('rotate-keys');
    await app.waitFor('key-change-dialog');
    assert.match(await app.text('key-change-dialog'), /only with your old recovery code/);
    await app.click('key-change-continue');
    await app.waitFor('new-kit');
    await app.screenshot('key-change.png');
    await typeBackNewKit(app);
    await app.click('key-change-finish');
    await app.waitFor('key-change-done');
    assert.match(await app.text('key-change-done'), /New keys are in force: \d+ data keys were re-wrapped/);
    await app.waitFor('older-backups-none');
    await app.$('key-change-dialog').$('button.primary').click();
    await app.waitGone('key-change-dialog');
  });

  step('3. lock and unlock: the new device key is in the keychain', async () => {
    await app.click('lock-button');
    await app.waitFor('unlock-button');
    await app.click('unlock-button');
    await app.waitFor('app-shell');
    await app.click('nav-people');
    await app.waitUntil(async () => (await listedNames(app)).includes(PRIYA), 'Priya is not listed after unlocking');
  });

  step('4. erase Tomas: his name typed, then the new Emergency Kit typed back', async () => {
    let row;
    for (const r of await app.all('person-row')) {
      if (String(await r.getProperty('textContent')).includes(TOMAS)) row = r;
    }
    assert.ok(row, `${TOMAS} is listed`);
    await row.click();
    await app.waitFor('person-page');
    await app.click('erase-person');
    await app.waitFor('erase-dialog');
    await app.type('erase-confirm', TOMAS);
    await app.click('erase-continue');
    await app.waitFor('erase-kit');
    await typeBackNewKit(app);
    await app.click('erase-submit');
    await app.waitFor('erase-done');
    assert.match(await app.text('erase-done'), new RegExp(`${TOMAS} was erased, and the vault has new keys`));
    await app.$('erase-done').$('button.primary').click();
    await app.waitFor('people-view');
    await app.waitUntil(async () => (await listedNames(app)).includes(PRIYA), 'Priya is not listed');
    assert.doesNotMatch(await listedNames(app), new RegExp(TOMAS));
  });

  step('5. the security log lists the rotation and the erasure, its chain whole', async () => {
    await app.click('nav-settings');
    await app.waitFor('security-log-table');
    const log = await app.text('security-log');
    assert.match(log, /Keys rotated/);
    assert.match(log, /Person erased/);
    assert.match(log, /keys rotated/);
    await app.waitFor('security-log-whole');
  });

  step('6. nothing typed is in the clear anywhere', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    const dirs = [SCRATCH, dataDir, process.env.HOME];
    if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
    const { files, bytes, hits } = await scanWithControl(dirs, NEEDLES, path.join(SCRATCH, 'scan-control'));
    t.diagnostic(`searched ${files.length} files (${bytes} bytes)`);
    assert.deepEqual(hits, [], `plaintext found on disk:\n${describeHits(hits)}`);
    await app.quit();
  });
});
