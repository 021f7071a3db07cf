// The first journey through the real app: onboarding with the Emergency Kit,
// a private journal entry that autosaves, a silent unlock from the OS keychain on
// the next start, manual lock and unlock, a look at Settings and an unbuilt
// section, and finally proof that nothing typed reached the disk in the clear.
//
// Run with tests/e2e/run.sh (it provides tauri-driver, Xvfb, a D-Bus session with
// gnome-keyring, and a scratch HOME / CONFIDANT_DATA_DIR).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, describe } from 'node:test';
import { launchApp, SCRATCH } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';
import { listFiles, scanForStrings } from './lib/scan.mjs';


// Unique, greppable content: a marker and a fake person's name on the first line
// (which the list shows), another marker in the second paragraph.
const MARKER = `MARKER-${randomBytes(8).toString('hex')}`;
const DETAIL = `DETAIL-${randomBytes(8).toString('hex')}`;
const FAKE_NAME = 'Zebulon Quartermaine';
const ENTRY = [
  `${MARKER} Supervision with ${FAKE_NAME} went better than expected`,
  '',
  `We talked through the rupture from last week and agreed on a plan. ${DETAIL}`,
].join('\n');

// Seven groups of four from the recovery alphabet (docs/COMMANDS.md).
const RECOVERY_CODE = /[A-HJKMNP-TV-Z2-9]{4}(?:[-\s]+[A-HJKMNP-TV-Z2-9]{4}){6}/;

describe('journal journey', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  const openJournal = async () => {
    await app.click('nav-journal');
    await app.waitFor('journal-view');
  };

  /** Waits for the journal list item holding MARKER and returns it. */
  const findEntry = async () => {
    let match;
    let texts = [];
    await app.waitUntil(
      async () => {
        const seen = [];
        for (const item of await app.all('journal-item')) {
          // textContent, not the rendered text: a clipped first line (ellipsis)
          // may be left out of WebDriver's visible text.
          const text = await item.getProperty('textContent');
          seen.push(text);
          if (String(text).includes(MARKER)) {
            match = item;
            return true;
          }
        }
        texts = seen;
        return false;
      },
      () => `no journal-item contains ${MARKER} (items: ${JSON.stringify(texts)})`,
    );
    return match;
  };

  step('1. onboarding: create a vault, keep the Emergency Kit, confirm the code', async () => {
    app = await launchApp();
    await app.click('role-supervisee');
    await app.click('create-vault');

    const shown = await app.text('recovery-code');
    const found = shown.match(RECOVERY_CODE);
    assert.ok(found, `recovery-code does not show a recovery code: ${JSON.stringify(shown)}`);
    const code = found[0].replace(/\s+/g, '');
    await app.screenshot('onboarding-kit.png');

    await app.click('kit-saved');
    await app.click('kit-continue');
    await app.type('recovery-input', code);
    await app.click('confirm-recovery');

    await app.waitFor('app-shell');
    await app.waitFor('today-view');
    await app.screenshot('today.png');
  });

  step('2. journal: write an entry and see it autosave', async () => {
    await openJournal();
    await app.waitFor('journal-empty');
    await app.screenshot('journal-empty.png');

    await app.click('journal-new');
    await app.type('journal-editor', ENTRY);
    await app.waitForText('save-status', 'Saved');
    await app.screenshot('journal.png');
  });

  step('3. restart: the app unlocks silently from the keychain and the entry is there', async () => {
    await app.quit();
    app = await launchApp();
    await app.waitFor('app-shell');

    await openJournal();
    await (await findEntry()).click();
    let value;
    await app.waitUntil(async () => {
      value = await app.$('journal-editor').getValue();
      return value === ENTRY;
    }, 'the reopened entry does not hold the text that was typed');
    assert.equal(value, ENTRY);
  });

  step('4. lock: nothing of the entry stays on screen; unlock brings it back', async () => {
    await app.click('lock-button');
    await app.waitFor('locked-screen');
    await app.waitGone('app-shell');
    const source = await app.pageSource();
    for (const secret of [MARKER, DETAIL, FAKE_NAME]) {
      assert.ok(!source.includes(secret), `the locked page still contains ${JSON.stringify(secret)}`);
    }
    await app.screenshot('locked.png');

    await app.click('unlock-button');
    await app.waitFor('app-shell');
    await openJournal();
    await findEntry();
  });

  step('5. settings and an unbuilt section render', async () => {
    await app.click('nav-settings');
    await app.waitFor('settings-view');
    await app.screenshot('settings.png');

    // A section that is not built yet: its nav button becomes the current page
    // and the previous view goes away.
    await app.click('nav-goals');
    await app.waitUntil(
      async () => (await app.$('nav-goals').getAttribute('aria-current')) === 'page',
      'nav-goals never became the current page',
    );
    await app.waitGone('settings-view');
    await app.screenshot('goals.png');
  });

  step('6. after quitting, no file holds anything that was typed', async (t) => {
    await app.quit();
    assert.ok(SCRATCH, 'E2E_SCRATCH is not set: run the tests through tests/e2e/run.sh');
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(dataDir, 'CONFIDANT_DATA_DIR is not set: run the tests through tests/e2e/run.sh');

    const dataFiles = await listFiles(dataDir);
    assert.ok(dataFiles.length > 0, `the data dir ${dataDir} holds no file: the search would prove nothing`);

    // The scratch dir holds HOME (XDG data/config/cache: webview storage, caches,
    // logs, the keyring), CONFIDANT_DATA_DIR (db, -wal, -shm), TMPDIR and
    // XDG_RUNTIME_DIR; the driver's log holds the app's stdout and stderr.
    const [first, last] = FAKE_NAME.split(' ');
    const needles = [
      MARKER,
      MARKER.toLowerCase(),
      MARKER.slice('MARKER-'.length),
      DETAIL,
      DETAIL.slice('DETAIL-'.length),
      FAKE_NAME,
      FAKE_NAME.toLowerCase(),
      first,
      last,
      last.toLowerCase(),
    ];
    const dirs = [SCRATCH, dataDir, process.env.HOME];
    if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
    const { files, bytes, hits } = await scanForStrings(dirs, needles);
    t.diagnostic(`searched ${files.length} files (${bytes} bytes), ${dataFiles.length} in the data dir`);
    assert.deepEqual(
      hits,
      [],
      `plaintext found on disk:\n${hits.map((h) => `  ${h.file}: ${JSON.stringify(h.text)} (${h.encoding})`).join('\n')}`,
    );
  });
});
