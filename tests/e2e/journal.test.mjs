// The first journey through the real app: onboarding with the Emergency Kit,
// a private journal entry that autosaves (CodeMirror editor), a reflective
// entry with Gibbs' cycle and a tag, a silent unlock from the OS keychain on
// the next start, manual lock and unlock, a look at Settings and an unbuilt
// section, and proof that nothing typed reached the disk in the clear, both while
// the app runs and after it quits; every screen is audited for accessibility.
//
// Run with tests/e2e/run.sh (it provides tauri-driver, Xvfb, a D-Bus session with
// gnome-keyring, and a scratch HOME / CONFIDANT_DATA_DIR).

import assert from 'node:assert/strict';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchApp, SCRATCH } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, listFiles, scanWithControl } from './lib/scan.mjs';

// Realistic invented content (it appears on the screenshots in docs/): the
// supervisor's reflection after supervising Sam Okafor (whom the scheduling
// journey adds to People), his name on the first line (which the list shows)
// and distinctive phrases in the second paragraph. The scans look for the whole
// text, each paragraph, the name, and phrases from the start, middle and end; a
// fresh scratch world per run keeps them unique.
const FAKE_NAME = 'Sam Okafor';
const FIRST_LINE = `Supervision with ${FAKE_NAME} went better than I expected`;
const DETAIL =
  'We talked through the rupture with the Ashworth family after the missed appointment, ' +
  'and agreed that he would name it at the start of the next session rather than wait for ' +
  'them to raise it. I suggested he re-read Safran and Muran on repair before Thursday.';
const ENTRY = [FIRST_LINE, '', DETAIL].join('\n');
/** Every string the scans must not find on disk (each is part of ENTRY). */
const NEEDLES = [
  ENTRY,
  FIRST_LINE,
  FIRST_LINE.toLowerCase(),
  DETAIL,
  FAKE_NAME,
  FAKE_NAME.toLowerCase(),
  FAKE_NAME.toUpperCase(),
  'Okafor',
  'okafor',
  'better than I expected',
  'rupture with the Ashworth family',
  'Ashworth',
  'name it at the start of the next session',
  'Safran and Muran on repair',
];
for (const needle of NEEDLES) {
  if (!ENTRY.includes(needle) && !ENTRY.toLowerCase().includes(needle.toLowerCase())) {
    throw new Error(`needle ${JSON.stringify(needle)} is not part of what the journey types`);
  }
}

// A reflective entry with Gibbs' cycle (realistic invented text: its
// screenshot goes into the README as docs/screenshots/journal-gibbs.png).
const GIBBS_TITLE = 'Home visit that stayed with me';
const GIBBS = [
  ['journal-editor', 'Joint home visit with the duty social worker. The father became angry when we raised school attendance, and the visit ended early.'],
  ['journal-section-gibbs.feelings', 'I felt my chest tighten and I went quiet. Afterwards I was annoyed with myself for not naming what was happening in the room.'],
  ['journal-section-gibbs.evaluation', 'We kept everyone safe and left calmly. What went less well: I let my colleague carry the hard conversation alone.'],
  ['journal-section-gibbs.analysis', 'Raised voices still take me back to my first placement. Knowing that pattern helps me plan rather than freeze.'],
];
const GIBBS_TAG = 'home visits';
const ENTER = '\uE007';

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

  /** Waits for the journal list item holding FIRST_LINE and returns it. */
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
          if (String(text).includes(FIRST_LINE)) {
            match = item;
            return true;
          }
        }
        texts = seen;
        return false;
      },
      () => `no journal-item contains ${JSON.stringify(FIRST_LINE)} (items: ${JSON.stringify(texts)})`,
    );
    return match;
  };

  /** Types into a CodeMirror editor (a contenteditable: no value to set). */
  const typeInEditor = async (id, text) => {
    const el = await app.waitFor(id);
    await el.click();
    await el.addValue(text.replaceAll('\n', ENTER));
  };

  /** A CodeMirror editor's text, line by line. */
  const editorText = async (id) =>
    app.browser.execute(
      (node) => Array.from(node.querySelectorAll('.cm-line'), (line) => line.textContent).join('\n'),
      await app.waitFor(id),
    );

  step('1. onboarding: create a vault, keep the Emergency Kit, confirm the code', async () => {
    app = await launchApp();
    await app.waitFor('create-vault');
    // The audit must be able to fail: axe flags defects planted in this page.
    await assertAxeFlagsKnownDefects(app.browser);
    // Both roles: the supervisor's side is used by the scheduling journey.
    await app.click('role-supervisor');
    await app.click('role-supervisee');
    await app.screenshot('onboarding.png');
    await app.click('create-vault');

    const shown = await app.text('recovery-code');
    const found = shown.match(RECOVERY_CODE);
    assert.ok(found, `recovery-code does not show a recovery code: ${JSON.stringify(shown)}`);
    const code = found[0].replace(/\s+/g, '');
    await app.screenshot('onboarding-kit.png');

    await app.click('kit-saved');
    await app.click('kit-continue');
    await app.type('recovery-input', code);
    await app.screenshot('confirm-code.png');
    await app.click('confirm-recovery');

    await app.waitFor('app-shell');
    await app.waitFor('today-view');
    // Right after setup, Today offers an app passcode; this journey keeps
    // the silent keychain unlock (it restarts the app later), so it skips.
    await app.waitFor('passcode-offer');
    await app.screenshot('passcode-offer.png');
    await app.click('offer-passcode-skip');
    await app.waitGone('passcode-offer');
    await app.screenshot('today.png');
  });

  step('2. journal: write an entry and see it autosave', async () => {
    await openJournal();
    await app.waitFor('journal-empty');
    await app.screenshot('journal-empty.png');

    await app.click('journal-new');
    await typeInEditor('journal-editor', ENTRY);
    await app.waitForText('save-status', 'Saved');
    assert.equal(await editorText('journal-editor'), ENTRY);
    await app.screenshot('journal.png');
  });

  step('2b. while the app runs (its SQLite WAL live), no file holds the entry', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run the tests through tests/e2e/run.sh');
    // The entry was just saved: its pages sit in the write-ahead log, not yet
    // checkpointed into the main file, so this scan covers the live WAL.
    const wal = path.join(dataDir, 'confidant.db-wal');
    const walSize = (await lstat(wal).catch(() => null))?.size;
    assert.ok(walSize > 0, `${wal} is missing or empty while the app runs: the live scan would not cover the WAL`);
    const { files, bytes, vanished, hits } = await scanWithControl(
      scratchDirs(dataDir),
      NEEDLES,
      path.join(SCRATCH, 'scan-control'),
    );
    t.diagnostic(
      `live scan: ${files.length} files (${bytes} bytes; WAL ${walSize} bytes), ` +
        `${vanished.length} vanished while scanning; positive control found every needle`,
    );
    assert.deepEqual(hits, [], `plaintext found on disk while the app runs:\n${describeHits(hits)}`);
  });

  step('2c. a reflective entry with Gibbs\' cycle and a tag', async () => {
    await app.click('journal-new');
    await app.choose('journal-template', 'gibbs');
    await app.waitFor('journal-section-gibbs.action_plan');
    await app.type('journal-title', GIBBS_TITLE);
    for (const [id, text] of GIBBS) await typeInEditor(id, text);
    await app.type('journal-tag-input', GIBBS_TAG + ENTER);
    await app.waitFor('journal-tag');
    assert.match(await app.text('journal-tag'), /^home visits\s*×$/);
    await app.waitForText('save-status', 'Saved');
    for (const [id, text] of GIBBS) assert.equal(await editorText(id), text);
    // The picture shows the title, the template and the first sections.
    await app.browser.execute(() => /** @type {HTMLElement} */ (document.activeElement)?.blur());
    await app.scrollToTop('save-status');
    await app.screenshot('journal-gibbs.png');
  });

  step('3. restart: the app unlocks silently from the keychain and the entry is there', async () => {
    await app.quit();
    app = await launchApp();
    await app.waitFor('app-shell');

    await openJournal();
    await (await findEntry()).click();
    let value;
    await app.waitUntil(async () => {
      value = await editorText('journal-editor');
      return value === ENTRY;
    }, 'the reopened entry does not hold the text that was typed');
    assert.equal(value, ENTRY);
  });

  step('4. lock: nothing of the entry stays on screen; unlock brings it back', async () => {
    await app.click('lock-button');
    await app.waitFor('locked-screen');
    await app.waitGone('app-shell');
    const source = await app.pageSource();
    for (const secret of [FIRST_LINE, DETAIL, FAKE_NAME, 'Ashworth']) {
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
    const db = await lstat(path.join(dataDir, 'confidant.db')).catch(() => null);
    assert.ok(db?.size > 0, `${dataDir}/confidant.db is missing or empty: the search would prove nothing`);

    const { files, bytes, hits } = await scanWithControl(
      scratchDirs(dataDir),
      NEEDLES,
      path.join(SCRATCH, 'scan-control'),
    );
    t.diagnostic(
      `searched ${files.length} files (${bytes} bytes), ${dataFiles.length} in the data dir ` +
        `(database ${db.size} bytes); positive control found every needle`,
    );
    assert.deepEqual(hits, [], `plaintext found on disk:\n${describeHits(hits)}`);
  });
});

/**
 * The directories a scan covers: the scratch dir holds HOME (XDG data, config
 * and cache: webview storage, caches, logs, the keyring), CONFIDANT_DATA_DIR
 * (db, -wal, -shm), TMPDIR and XDG_RUNTIME_DIR; the driver's log holds the
 * app's stdout and stderr.
 */
function scratchDirs(dataDir) {
  const dirs = [SCRATCH, dataDir, process.env.HOME];
  if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
  return dirs;
}
