// Backups in the real app (issue 10, item 1): Dana Whitfield, a supervisor,
// adds a supervisee; Today warns that there is no backup; in Settings she
// chooses a folder in the system's folder dialog (GTK's own window, answered
// with xdotool), backs up now and sees what was checked; the folder then
// holds exactly one file named like a Confidant backup; Today shows the last
// backup without a warning. Every screenshot is audited for accessibility,
// and nothing typed reaches the disk in the clear — the backup folder
// included, since it is inside the scanned scratch world.

import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, describe } from 'node:test';
import { launchAsSupervisor, SCRATCH } from './lib/app.mjs';
import { chooseFolder } from './lib/dialog.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, scanWithControl } from './lib/scan.mjs';

const DANA = 'Dana Whitfield';
const PRIYA = 'Priya Natarajan';
/** The folder dialog's title (src-tauri/src/dialogs_backup.rs). */
const TITLE = 'Choose a folder for backups';
const NEEDLES = [DANA, PRIYA, 'Whitfield', 'Natarajan'];
const FOLDER = SCRATCH ? path.join(SCRATCH, 'home', 'Documents', 'Confidant backups') : '';
// A second backup in the same second (a scheduled one beside Back up now) ends Z-2.
const BACKUP_NAME = /^confidant-backup-\d{8}-\d{6}Z(?:-[2-9])?\.cfbackup$/;

describe('backups: choose a folder, back up now, Today shows it', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  /** The backup "Back up now" made (step 2). */
  let madeFile = '';
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  step('1. a supervisor vault with a supervisee; Today warns there is no backup', async () => {
    assert.ok(SCRATCH, 'run through tests/e2e/run.sh (E2E_SCRATCH)');
    mkdirSync(FOLDER, { recursive: true });
    app = await launchAsSupervisor();
    await app.click('nav-settings');
    await app.waitFor('settings-profile');
    await app.type('profile-name', DANA);
    await app.click('profile-save');
    await app.waitUntil(async () => (await app.text('settings-profile')).includes('Saved'), 'the profile was not saved');
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await app.choose('person-kind', 'person');
    await app.choose('person-relation', 'i_supervise');
    await app.type('person-name', PRIYA);
    await app.click('person-save');
    await app.waitFor('person-page');
    await app.click('nav-today');
    const none = await app.text('today-backup');
    assert.match(none, /No backup has been made yet/);
  });

  step('2. Settings: choose the folder in the system dialog, back up now', async () => {
    await app.click('nav-settings');
    await app.waitFor('backup-settings');
    await app.click('backup-choose-folder');
    await chooseFolder(TITLE, FOLDER);
    await app.waitForText('backup-folder', FOLDER);
    await app.click('backup-now');
    await app.waitFor('backup-report');
    const report = await app.text('backup-report');
    const made = /Backed up at .*\((confidant-backup-\d{8}-\d{6}Z(?:-[2-9])?\.cfbackup)\)/.exec(report);
    assert.ok(made, `the report names no backup file: ${report}`);
    madeFile = path.join(FOLDER, made[1]);
    assert.match(report, /your keys, its \d+ data keys and all \d+ sealed values in its \d+ tables opened, as many as in your vault/);
    // The backup just made, and perhaps the first scheduled one (the schedule
    // starts as soon as a folder is chosen, and may come first); nothing else.
    const files = readdirSync(FOLDER).sort();
    assert.ok(files.length >= 1 && files.length <= 2, `the folder holds ${JSON.stringify(files)}`);
    assert.ok(files.includes(made[1]), `${made[1]} is not in the folder: ${JSON.stringify(files)}`);
    for (const file of files) {
      assert.match(file, BACKUP_NAME);
      assert.ok(statSync(path.join(FOLDER, file)).size > 0);
    }
    const el = await app.waitFor('backup-settings');
    await el.scrollIntoView();
    await app.screenshot('backups.png');
  });

  step('3. Today shows the last backup without a warning', async () => {
    await app.click('nav-today');
    await app.waitFor('today-backup-last');
    const text = await app.text('today-backup');
    assert.match(text, /Last backup: /);
    assert.doesNotMatch(text, /more than a week old|No backup/);
  });

  step('4. nothing typed is in the clear anywhere, the backup folder included', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    const dirs = [SCRATCH, dataDir, process.env.HOME];
    if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
    const { files, bytes, hits } = await scanWithControl(dirs, NEEDLES, path.join(SCRATCH, 'scan-control'));
    // Every backup in the folder was scanned: the one step 2 made, and the
    // first scheduled one when the schedule came first (as step 2 allows).
    const inFolder = files.filter((f) => f.startsWith(FOLDER)).sort();
    const onDisk = readdirSync(FOLDER).map((f) => path.join(FOLDER, f)).sort();
    assert.ok(inFolder.includes(madeFile), `the backup itself was not scanned: ${JSON.stringify(inFolder)}`);
    assert.deepEqual(inFolder, onDisk, 'every file in the backup folder was scanned');
    t.diagnostic(`searched ${files.length} files (${bytes} bytes), the ${inFolder.length} in the backup folder among them`);
    assert.deepEqual(hits, [], `plaintext found on disk:\n${describeHits(hits)}`);
    await app.quit();
  });
});
