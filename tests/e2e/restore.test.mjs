// Restore on a new machine (issue 10, item 2) in the real app: a vault is
// created in one data folder (Priya Raman's old computer: a supervisee and
// a journal entry), the app quits, and a backup of it is made with SQLite's
// `VACUUM INTO`, as the backup module makes them. The app then starts on
// this run's data folder with no vault, "Restore from a backup" picks the
// file in the native open dialog (answered with xdotool), the recovery code
// is typed, and the person and the entry are there. (Both folders share
// this machine's keychain here; the restore stores a newly drawn key under
// the vault's id, so the old folder's vault would now ask for its code.)

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, describe } from 'node:test';
import { launchApp, launchAppWithDataDir, RECOVERY_CODE, SCRATCH } from './lib/app.mjs';
import { openFile } from './lib/dialog.mjs';
import { stepper } from './lib/journey.mjs';

const OPEN_TITLE = 'Choose a backup to restore';
const PERSON = 'Tomás Ferreira';
const ENTRY = 'After supervision with Tomás I felt steadier about the child protection conference.';
const ENTER = '\uE007';

const OLD_DIR = SCRATCH ? path.join(SCRATCH, 'data-old-computer') : '';
const BACKUPS = SCRATCH ? path.join(SCRATCH, 'backups') : '';
const BACKUP = BACKUPS ? path.join(BACKUPS, 'confidant-backup-20261130-210000Z.cfbackup') : '';

describe('restore on a new machine from a backup file and the recovery code', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);
  let code = '';

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  step('1. the old computer: a vault with a person and a journal entry', async () => {
    assert.ok(SCRATCH, 'run the tests through tests/e2e/run.sh');
    app = await launchAppWithDataDir(OLD_DIR);
    await app.click('role-supervisee');
    await app.click('create-vault');
    const shown = (await app.text('recovery-code')).match(RECOVERY_CODE);
    assert.ok(shown, 'a recovery code is shown');
    code = shown[0];
    await app.click('kit-saved');
    await app.click('kit-continue');
    await app.type('recovery-input', code);
    await app.click('confirm-recovery');
    await app.waitFor('passcode-offer');
    await app.click('offer-passcode-skip');
    await app.waitFor('app-shell');

    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await app.choose('person-kind', 'person');
    await app.choose('person-relation', 'supervises_me');
    await app.type('person-name', PERSON);
    await app.click('person-save');
    await app.waitFor('person-page');

    await app.click('nav-journal');
    await app.click('journal-new');
    const editor = await app.waitFor('journal-editor');
    await editor.click();
    await editor.addValue(ENTRY.replaceAll('\n', ENTER));
    await app.waitForText('save-status', 'Saved');
    await app.quit();
  });

  step('2. a backup of the old vault, made with VACUUM INTO', async () => {
    mkdirSync(BACKUPS, { recursive: true });
    execFileSync('sqlite3', [path.join(OLD_DIR, 'confidant.db'), `VACUUM INTO '${BACKUP}'`]);
  });

  step('3. the new computer: restore from the backup with the recovery code', async () => {
    app = await launchApp();
    await app.waitFor('create-vault');
    await app.click('restore-start');
    await app.click('restore-choose');
    await openFile(OPEN_TITLE, BACKUP);
    await app.waitFor('restore-info');
    assert.match(await app.text('restore-info'), /confidant-backup-20261130-210000Z\.cfbackup/);
    await app.type('recovery-input', code);
    await app.screenshot('restore.png');
    await app.click('restore-confirm');
    await app.waitFor('app-shell');
  });

  step('4. the person and the journal entry are there', async () => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.waitUntil(
      async () => {
        const rows = await app.all('person-row');
        return rows.length === 1 && String(await rows[0].getProperty('textContent')).normalize('NFC').includes(PERSON);
      },
      `${PERSON} is not in the People list`,
    );
    await app.click('nav-journal');
    await app.waitUntil(
      async () => (await app.all('journal-item')).length === 1,
      'the restored journal has no entry',
    );
    const [item] = await app.all('journal-item');
    assert.match(String(await item.getProperty('textContent')), /felt steadier/);
  });
});
