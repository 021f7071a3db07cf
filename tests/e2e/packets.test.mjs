// Packets between two vaults (issue 9, scenarios S6/S7) in the real app,
// with two data folders on one machine, one app running at a time: Dana
// Whitfield (supervisor, this run's data folder) and Sam Okafor (supervisee,
// a second folder) exchange identity cards (each reads the card from
// Settings in one app and pastes it in the other, and both confirm the
// fingerprint); Sam writes a journal entry and sends it in a packet (the
// save dialog answered with xdotool); Dana imports it through the open
// dialog, sees the preview and then the entry under Sam's shared items;
// Dana finalises last week's session record and sends Sam a request to
// acknowledge it; Sam imports it and acknowledges by packet; Dana's record
// then shows Sam's own acknowledgement, received in a packet. Every
// screenshot is audited for accessibility, and nothing typed reaches the
// disk in the clear, in either data folder or in the packet files.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchApp, launchAppWithDataDir, openVault, SCRATCH } from './lib/app.mjs';
import { dialogWindow, saveAs } from './lib/dialog.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, listFiles, scanWithControl } from './lib/scan.mjs';

const DANA = 'Dana Whitfield';
const SAM = 'Sam Okafor';
/** The titles of the packet file dialogs (src-tauri's packet commands). */
const SAVE_TITLE = process.env.E2E_PACKET_SAVE_TITLE ?? 'Save the packet';
const OPEN_TITLE = process.env.E2E_PACKET_OPEN_TITLE ?? 'Open a packet';
const ENTRY =
  'A hard home visit\n\nI noticed my chest tighten on the stairwell before the visit to C-17. ' +
  'Afterwards I kept replaying the argument about the care plan, and I want to talk about how I hold my ground ' +
  'without getting defensive.';
const ENTRY_TITLE = 'A hard home visit';
const EXPLORATION = 'We looked at what the stairwell moment was telling Sam about lone working on the estate.';

/** Everything typed, and distinctive parts of it: none may reach the disk in the clear. */
const NEEDLES = [ENTRY_TITLE, 'chest tighten on the stairwell', 'hold my ground', EXPLORATION, 'lone working on the estate', SAM, 'Okafor', 'Whitfield'];

const SAM_DIR = SCRATCH ? path.join(SCRATCH, 'data-sam') : '';
const PACKETS = SCRATCH ? path.join(SCRATCH, 'packets') : '';

/** A local calendar date `days` from today, as "YYYY-MM-DD". */
const localDate = (days) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/**
 * Answers the open dialog titled `title` with `file`: focus it, open the
 * location field (Ctrl+L), type the path, press Return.
 */
async function openFile(title, file) {
  const win = await dialogWindow(title);
  execFileSync('xdotool', ['windowfocus', '--sync', win]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+l']);
  await new Promise((resolve) => setTimeout(resolve, 200));
  execFileSync('xdotool', ['type', '--delay', '20', file]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  execFileSync('xdotool', ['key', 'Return']);
  // GTK's location field may take the first Return to accept its
  // completion: press it again while the dialog is still there, and only then.
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    let open = '';
    try {
      open = execFileSync('xdotool', ['search', '--onlyvisible', '--name', title], { encoding: 'utf8' }).trim();
    } catch {
      return; // gone: the file was chosen
    }
    if (open === '') return;
    execFileSync('xdotool', ['windowfocus', '--sync', open.split('\n')[0]]);
    execFileSync('xdotool', ['key', 'Return']);
  }
}

describe('two vaults exchange packets: a shared entry, and an acknowledgement by packet', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);
  const cards = { dana: { card: '', fingerprint: '' }, sam: { card: '', fingerprint: '' } };
  const files = { entry: '', request: '', ack: '' };

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  const launchDana = async () => {
    app = await openVault(await launchApp(), 'supervisor');
  };
  const launchSam = async () => {
    app = await openVault(await launchAppWithDataDir(SAM_DIR), 'supervisee');
  };

  const setName = async (name) => {
    await app.click('nav-settings');
    await app.waitFor('settings-profile');
    await app.type('profile-name', name);
    await app.click('profile-save');
    await app.waitUntil(async () => (await app.text('settings-profile')).includes('Saved'), 'the profile was not saved');
  };

  /** This app's identity card and fingerprint, as Settings shows them. */
  const readCard = async () => {
    await app.click('nav-settings');
    const card = await (await app.waitFor('identity-card-text')).getValue();
    const fingerprint = (await app.text('identity-fingerprint')).replace(/\s+/g, ' ');
    assert.match(fingerprint, /^(\S{4} ){4}\S{4}$/, `the fingerprint reads ${JSON.stringify(fingerprint)}`);
    assert.ok(card.length > 40, `the card reads ${JSON.stringify(card)}`);
    return { card, fingerprint };
  };

  const addPerson = async (name, relation) => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await app.choose('person-kind', 'person');
    await app.choose('person-relation', relation);
    await app.type('person-name', name);
    await app.click('person-save');
    await app.waitFor('person-page');
  };

  const openPerson = async (name) => {
    await app.click('nav-people');
    // The People section keeps the person last opened: back to the list first.
    await app.waitUntil(
      async () => (await app.all('people-view')).length > 0 || (await app.all('person-back')).length > 0,
      'the People section did not open',
    );
    if ((await app.all('person-back')).length > 0) await app.click('person-back');
    await app.waitFor('people-view');
    let found;
    await app.waitUntil(
      async () => {
        for (const row of await app.all('person-row')) {
          if (String(await row.getProperty('textContent')).normalize('NFC').includes(name)) {
            found = row;
            return true;
          }
        }
        return false;
      },
      `${name} is not in the People list`,
    );
    await found.click();
    await app.waitFor('person-page');
    await app.waitFor('person-packets');
  };

  /** On the open person page: store their card, check the fingerprint against theirs, confirm. */
  const storeKey = async (theirs) => {
    await app.click('packet-peer-add');
    await app.waitFor('packet-peer-dialog');
    await app.type('packet-peer-card', theirs.card);
    await app.click('packet-peer-store');
    const shown = (await app.text('packet-peer-new-fingerprint')).replace(/\s+/g, ' ');
    assert.equal(shown, theirs.fingerprint, 'the stored key does not show the fingerprint their Settings shows');
    await app.click('packet-peer-compared');
    await app.click('packet-peer-confirm');
    await app.waitGone('packet-peer-dialog');
    assert.equal((await app.text('packet-peer-fingerprint')).replace(/\s+/g, ' '), theirs.fingerprint);
  };

  /** On the open person page: send the candidates whose text includes each of `titles`, saved as `file`. */
  const sendPacket = async (titles, file) => {
    await app.click('packet-send-open');
    const dialog = await app.waitFor('packet-send-dialog');
    await app.waitFor('packet-candidate');
    for (const title of titles) {
      const labels = Array.from(await dialog.$$('label'));
      let ticked = false;
      for (const label of labels) {
        if ((await label.getText()).includes(title)) {
          await (await label.$('input[type="checkbox"]')).click();
          ticked = true;
          break;
        }
      }
      assert.ok(ticked, `nothing to send named ${JSON.stringify(title)}: ${await dialog.getText()}`);
    }
    await app.click('packet-send');
    await saveAs(SAVE_TITLE, file);
    await app.waitUntil(
      async () => (await app.$('packet-sent').isExisting()) || (await app.$('error').isExisting()),
      'the packet was neither saved nor refused',
    );
    assert.ok(await app.$('packet-sent').isExisting(), `sending failed: ${await dialog.getText()}`);
    assert.ok(existsSync(file) && statSync(file).size > 0, `no packet at ${file}`);
    await (await dialog.$('button.primary')).click();
    await app.waitGone('packet-send-dialog');
  };

  /** Opens `file` for import from the People list and waits for its preview. */
  const openPacket = async (file) => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('packet-import-open');
    await openFile(OPEN_TITLE, file);
    await app.waitUntil(
      async () => (await app.$('packet-preview').isExisting()) || (await app.$('packet-nothing-imported').isExisting()) || (await app.$('packet-unknown-sender').isExisting()),
      'the packet was neither previewed nor refused',
    );
    assert.ok(await app.$('packet-preview').isExisting(), `the packet was refused: ${await app.text('packet-import-dialog')}`);
  };

  const importOpened = async () => {
    await app.click('packet-import');
    await app.waitFor('packet-outcome');
    const outcome = await app.text('packet-outcome');
    await (await (await app.waitFor('packet-import-dialog')).$('button.primary')).click();
    await app.waitGone('packet-import-dialog');
    return outcome;
  };

  step('1. Dana: a supervisor vault, her name, Sam as a supervisee with last week’s session held', async () => {
    assert.ok(SCRATCH, 'run through tests/e2e/run.sh');
    mkdirSync(PACKETS, { recursive: true });
    files.entry = path.join(PACKETS, 'from-sam-1.age');
    files.request = path.join(PACKETS, 'from-dana-1.age');
    files.ack = path.join(PACKETS, 'from-sam-2.age');
    await launchDana();
    await assertAxeFlagsKnownDefects(app.browser);
    await setName(DANA);
    await addPerson(SAM, 'i_supervise');
    await app.click('person-schedule');
    await app.waitFor('schedule-form');
    await app.setInput('schedule-date', localDate(-7));
    await app.choose('schedule-repeat', 'monthly_weekday');
    await app.choose('schedule-ends', 'count');
    await app.setInput('schedule-count', '3');
    await app.saveSchedule('3 sessions');
    await app.waitGone('schedule-form');
    const past = await app.waitFor('person-sessions-past');
    await (await past.$('[data-testid="person-session"]')).click();
    await app.waitFor('session-details');
    await app.click('session-held');
    await app.waitUntil(async () => (await app.text('session-record-open')) === 'Write record', 'no “Write record”');
    await app.click('session-close');
    await app.waitGone('session-details');
    cards.dana = await readCard();
    await app.screenshot('packet-identity.png');
    await app.quit();
  });

  step('2. Sam: a supervisee vault in a second folder; stores Dana’s card after comparing fingerprints', async () => {
    await launchSam();
    await setName(SAM);
    await addPerson(DANA, 'supervises_me');
    await storeKey(cards.dana);
    cards.sam = await readCard();
    assert.notEqual(cards.sam.fingerprint, cards.dana.fingerprint, 'two vaults show the same fingerprint');
  });

  step('3. Sam writes a journal entry and sends it to Dana in a packet', async () => {
    await app.click('nav-journal');
    await app.waitFor('journal-view');
    await app.click('journal-new');
    await app.type('journal-editor', ENTRY);
    await app.waitForText('save-status', 'Saved');
    await openPerson(DANA);
    await sendPacket([ENTRY_TITLE], files.entry);
    await app.waitUntil(async () => (await app.text('shared-items')).includes(ENTRY_TITLE), 'the sent entry is not under Shared items');
    await app.quit();
  });

  step('4. Dana stores Sam’s card, imports his packet after its preview, and sees the entry under Sam', async () => {
    await launchDana();
    await openPerson(SAM);
    await storeKey(cards.sam);
    await openPacket(files.entry);
    assert.equal(await app.text('packet-sender'), SAM);
    assert.equal((await app.text('packet-sender-fingerprint')).replace(/\s+/g, ' '), cards.sam.fingerprint);
    const items = await app.all('packet-preview-item');
    assert.equal(items.length, 1);
    assert.ok((await items[0].getText()).includes(ENTRY_TITLE), `the preview lists: ${await items[0].getText()}`);
    await app.screenshot('packet-preview.png');
    const outcome = await importOpened();
    assert.match(outcome, /1 item from Sam Okafor was added/);
    await openPerson(SAM);
    await app.waitUntil(async () => (await app.text('shared-items')).includes(ENTRY_TITLE), 'the entry is not under Sam’s shared items');
    assert.match(await app.text('shared-items'), /Shared by Sam Okafor on /);
  });

  step('5. Dana finalises last week’s record and sends Sam a request to acknowledge it', async () => {
    const past = await app.waitFor('person-sessions-past');
    await (await past.$('[data-testid="person-session"]')).click();
    await app.waitFor('session-details');
    await app.click('session-record-open');
    await app.waitFor('record-editor');
    await app.click('record-add-item');
    await app.type('record-item-text', 'Lone working on the estate');
    await app.type('record-exploration', EXPLORATION);
    await app.click('record-function-restorative');
    await app.type('record-function-restorative-note', 'Space to talk about the visit');
    await app.waitUntil(async () => (await app.text('record-save-status')) === 'Saved', 'the record was not saved');
    await app.click('record-finalise');
    await app.waitFor('record-finalise-dialog');
    await app.type('record-finalise-name', DANA);
    const confirm = await app.waitFor('record-finalise-confirm');
    await confirm.waitForEnabled({ timeout: 30_000 });
    await confirm.click();
    await app.waitGone('record-finalise-dialog');
    await app.waitFor('record-document');
    await app.click('record-close');
    await app.waitGone('record-view');
    await app.click('session-close');
    await app.waitGone('session-details');
    await sendPacket(['Session record, '], files.request);
    await app.quit();
  });

  step('6. Sam imports the request and acknowledges the record by packet', async () => {
    await launchSam();
    await openPacket(files.request);
    assert.equal(await app.text('packet-sender'), DANA);
    await importOpened();
    await openPerson(DANA);
    await app.waitUntil(async () => (await app.text('shared-items')).includes('Shared by Dana Whitfield'), 'the request is not under Dana’s shared items');
    await sendPacket(['My acknowledgement'], files.ack);
    await app.quit();
  });

  step('7. Dana imports the acknowledgement; her record shows it as Sam’s own, by packet', async () => {
    await launchDana();
    await openPacket(files.ack);
    await importOpened();
    await openPerson(SAM);
    await app.click('person-record-open');
    const ack = await app.waitFor('record-acknowledgement');
    assert.equal(await ack.getAttribute('data-by'), 'packet');
    const line = await app.text('record-acknowledgement');
    assert.match(line, /Acknowledged by Sam Okafor on .+ in their own app/);
    assert.ok(!line.includes('by hand'), `the acknowledgement still reads: ${line}`);
    await app.browser.execute((node) => node.scrollIntoView({ block: 'center' }), ack);
    await app.screenshot('packet-acknowledged.png');
  });

  step('8. nothing typed is on disk in the clear: both data folders and the packets, after quitting', async (t) => {
    await app.quit();
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    for (const dir of [dataDir, SAM_DIR]) {
      const found = await listFiles(dir);
      assert.ok(found.some((f) => path.basename(f) === 'confidant.db'), `no database in ${dir}: the scan would prove nothing`);
    }
    const dirs = [SCRATCH, process.env.HOME];
    if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
    const { files: scanned, bytes, hits } = await scanWithControl(dirs, NEEDLES, path.join(SCRATCH, 'scan-control'));
    t.diagnostic(`${scanned.length} files, ${bytes} bytes; the positive control found every needle`);
    assert.deepEqual(hits, [], `plaintext found on disk:\n${describeHits(hits)}`);
  });
});
