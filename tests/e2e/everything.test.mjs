// No plaintext anywhere, in one vault: a single run through the real app
// that puts a distinct marker into every feature a person types into — a
// supervisee's name and note, an agreement section, a session's location and
// its record (agenda item, exploration, the typed name that finalises it), a
// midpoint evaluation's comments, a goal, a contact note, an entry in the
// confidentiality-exception log, a packet sent to the supervisee (a session summary, encrypted to the
// card of a second vault), a journal entry with a tag, a wellbeing check-in note, a
// manual hours entry with its note, a search query — then a backup into a
// folder of the scratch world. Then every file of the scratch world (the data
// folder, HOME with the XDG data, config and cache folders where WebKit keeps
// its storage, TMPDIR, XDG_RUNTIME_DIR, the backup folder, the packet file)
// and the driver's log folder (the app's stdout and stderr) is searched for
// every marker, while the app runs and again after it quits: 0 hits. This run
// exports nothing in the clear (the packet and the backup are encrypted, and
// scanned); a plaintext export the user chose would be the only file left out
// of the scan, and listed.
//
// Each marker is a sentence holding a token found nowhere else (`qx7…`); the
// needles are the sentences and the tokens in lower, upper and typed case (a
// search index folds case). The steps reuse the other journeys' selectors and
// waits; what they check there (layouts, figures, screenshots) is not repeated.
//
// Not driven here: endings and invoices (an ending archives the supervisee,
// an invoice holds no free text, and their PDFs are plaintext exports by
// design: evaluations.test.mjs and invoices.test.mjs), key rotation and
// restore (nothing typed), and the packet's import on the other side
// (packets.test.mjs).

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { after, describe } from 'node:test';
import { appPids, descendants, launchAppWithDataDir, launchAsSupervisor, openVault, SCRATCH } from './lib/app.mjs';
import { chooseFolder, saveAs } from './lib/dialog.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, listFiles, scanWithControl } from './lib/scan.mjs';

/** One marker per feature: a realistic sentence holding a token found nowhere else. */
const M = {
  name: { feature: 'people: a supervisee’s name', token: 'Qx7name', text: 'Rowan Qx7name' },
  note: { feature: 'people: a note on them', token: 'qx7personnote', text: 'Prefers Tuesday mornings; finishing her qx7personnote portfolio this term' },
  agreement: { feature: 'agreements: the learning-goals section', token: 'qx7agreement', text: 'Build confidence with qx7agreement risk assessments in family homes' },
  location: { feature: 'scheduling: a session’s location', token: 'qx7location', text: 'Room 4, qx7location Quayside Row' },
  agenda: { feature: 'records: an agenda item', token: 'qx7agenda', text: 'Lone working on the qx7agenda estate after dark' },
  exploration: { feature: 'records: the exploration', token: 'qx7exploration', text: 'We traced the worry back to the qx7exploration stairwell and what it stirred up' },
  signer: { feature: 'records: the name typed to finalise', token: 'Qx7signer', text: 'Dana Qx7signer' },
  evaluation: { feature: 'evaluations: the supervisor’s comments', token: 'qx7evaluation', text: 'Steadier in qx7evaluation risk conversations since the autumn' },
  goal: { feature: 'goals: a goal', token: 'qx7goal', text: 'Name the feeling before qx7goal problem-solving on calls' },
  contact: { feature: 'paper trail: a contact note', token: 'qx7contact', text: 'Phoned about a qx7contact disclosure at the school gate' },
  exception: { feature: 'paper trail: a confidentiality-exception entry', token: 'qx7exception', text: 'Client C-23 described qx7exception leaving a child alone overnight' },
  journal: { feature: 'journal: an entry', token: 'qx7journal', text: 'Supervision left me thinking about the qx7journal rupture with the family' },
  tag: { feature: 'journal: a tag', token: 'qx7tag', text: 'qx7tag home visits' },
  wellbeing: { feature: 'wellbeing: a check-in note', token: 'qx7wellbeing', text: 'Tired after the qx7wellbeing court report week' },
  hoursWho: { feature: 'hours: the supervisor of a manual entry', token: 'Qx7hourssupervisor', text: 'Imogen Qx7hourssupervisor' },
  hours: { feature: 'hours: the entry’s note', token: 'qx7hoursnote', text: 'Group consultation on qx7hoursnote safeguarding thresholds' },
  query: { feature: 'search: the query typed', token: 'qx7query', text: 'qx7query' },
};
/** Every marker sentence and its token in three cases. */
const NEEDLES = [
  ...new Set(
    Object.values(M).flatMap(({ token, text }) => [text, token, token.toLowerCase(), token.toUpperCase()]),
  ),
];
for (const { token, text } of Object.values(M)) {
  if (!text.includes(token)) throw new Error(`the marker ${JSON.stringify(text)} does not hold its token ${token}`);
}

/** The second vault, whose identity card the packet is encrypted to. */
const PEER_DIR = SCRATCH ? path.join(SCRATCH, 'data-peer') : '';
const PACKET = SCRATCH ? path.join(SCRATCH, 'packets', 'to-rowan.age') : '';
const BACKUPS = SCRATCH ? path.join(SCRATCH, 'home', 'Documents', 'Confidant backups') : '';
const BACKUP_NAME = /^confidant-backup-\d{8}-\d{6}Z(?:-[2-9])?\.cfbackup$/;
/** Plaintext files the user chose to export in this run (left out of the scan, listed): none. */
const EXPORTS = [];

/** The dialog titles (src-tauri's backup and packet commands). */
const BACKUP_TITLE = 'Choose a folder for backups';
const PACKET_TITLE = process.env.E2E_PACKET_SAVE_TITLE ?? 'Save the packet';

/** A local calendar date `days` from today, as "YYYY-MM-DD". */
const localDate = (days) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** What the scans cover: the scratch world (HOME, data, TMPDIR, XDG_RUNTIME_DIR, backups, packets) and the logs. */
function scanDirs() {
  const dirs = [SCRATCH, process.env.CONFIDANT_DATA_DIR, process.env.HOME];
  if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
  return dirs;
}

describe('everything in one vault: a marker in every feature, then no plaintext anywhere', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);
  const peer = { card: '', fingerprint: '' };
  /** What was touched, feature by feature (printed at the end). */
  const touched = [];

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  /** Records that `key`'s marker was typed and the app shows it stored. */
  const done = (...keys) => touched.push(...keys.map((k) => `${M[k].feature} (${M[k].token})`));

  step('1. a second vault, only for its identity card (the packet is encrypted to it)', async () => {
    assert.ok(SCRATCH && process.env.CONFIDANT_DATA_DIR, 'run through tests/e2e/run.sh');
    app = await openVault(await launchAppWithDataDir(PEER_DIR), 'supervisee');
    await app.click('nav-settings');
    const card = await app.waitFor('identity-card-text');
    await app.waitUntil(async () => (await card.getValue()).length > 40, 'no identity card shown');
    peer.card = await card.getValue();
    peer.fingerprint = (await app.text('identity-fingerprint')).replace(/\s+/g, ' ');
    await app.quit();
  });

  step('2. the vault: a supervisee with a note; an agreement section', async () => {
    app = await launchAsSupervisor();
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await app.choose('person-kind', 'person');
    await app.choose('person-relation', 'i_supervise');
    await app.type('person-name', M.name.text);
    await app.type('person-notes', M.note.text);
    await app.click('person-save');
    await app.waitFor('person-page');
    done('name', 'note');

    await app.click('agreement-start');
    await app.waitFor('agreement-editor');
    await app.type('agreement-learning_goals', M.agreement.text);
    await app.click('agreement-save');
    await app.waitFor('agreement-notice');
    await app.click('agreement-close');
    await app.waitGone('agreement-editor');
    done('agreement');
  });

  step('3. last week’s session held, its record written and finalised', async () => {
    await app.click('person-schedule');
    await app.waitFor('schedule-form');
    await app.setInput('schedule-date', localDate(-7));
    await app.choose('schedule-repeat', 'none');
    await app.type('schedule-location', M.location.text);
    await app.click('schedule-save');
    await app.waitUntil(
      async () => !(await app.$('schedule-form').isExisting()),
      async () => `the schedule form did not close; it shows: ${await app.text('schedule-form')}`,
    );
    const past = await app.waitFor('person-sessions-past');
    await (await past.$('[data-testid="person-session"]')).click();
    await app.waitFor('session-details');
    await app.click('session-held');
    await app.waitUntil(async () => (await app.text('session-record-open')) === 'Write record', 'no “Write record”');
    await app.click('session-record-open');
    await app.waitFor('record-editor');
    await app.click('record-add-item');
    await (await app.waitFor('record-item-text')).setValue(M.agenda.text);
    await app.type('record-exploration', M.exploration.text);
    await app.click('record-function-formative');
    await app.waitUntil(async () => (await app.text('record-save-status')) === 'Saved', 'the record was not saved');
    await app.click('record-finalise');
    await app.waitFor('record-finalise-dialog');
    await app.type('record-finalise-name', M.signer.text);
    const confirm = await app.waitFor('record-finalise-confirm');
    await confirm.waitForEnabled({ timeout: 30_000 });
    await confirm.click();
    await app.waitGone('record-finalise-dialog');
    await app.waitFor('record-document');
    await app.click('record-close');
    await app.waitGone('record-view');
    await app.click('session-close');
    await app.waitGone('session-details');
    done('location', 'agenda', 'exploration', 'signer');
  });

  step('3b. a midpoint evaluation with the supervisor’s comments', async () => {
    await app.click('evaluation-new-midpoint');
    await app.waitFor('evaluation-form');
    await app.choose('rating-supervisor-0', '4');
    await app.type('evaluation-supervisor-comments', M.evaluation.text);
    // The supervision check taken with it needs one answer.
    await app.choose('check-supervisor-trust', '4');
    await app.click('evaluation-save');
    await app.waitGone('evaluation-form');
    await app.waitUntil(
      async () => (await app.text('evaluation-item')).includes(M.evaluation.text),
      async () => `the evaluation reads: ${await app.text('evaluation-item')}`,
    );
    done('evaluation');
  });

  step('4. a goal, a contact note and an exception-log entry on the supervisee’s page', async () => {
    await app.click('person-goal-new');
    await app.waitFor('goal-form');
    await app.type('goal-title', M.goal.text);
    await app.click('goal-save');
    await app.waitGone('goal-form');
    await app.waitUntil(async () => (await app.text('goal-detail')).includes(M.goal.text), 'the new goal did not open');
    await app.click('goal-back');
    await app.waitFor('person-page');
    done('goal');

    await app.click('contact-add');
    await app.waitFor('contact-dialog');
    await app.choose('contact-mode', 'phone');
    await app.type('contact-issue', M.contact.text);
    await app.click('contact-save');
    await app.waitGone('contact-dialog');
    await app.waitUntil(
      async () => (await app.text('contact-list')).includes(M.contact.text),
      async () => `the contact note never showed: ${await app.text('contact-list')}`,
    );
    done('contact');

    await app.click('exception-record');
    await app.waitFor('exception-dialog');
    await app.click('exception-kind-risk_of_harm');
    await app.type('exception-concern', M.exception.text);
    await app.type('exception-shared', 'The disclosure and the case reference');
    await app.type('exception-organisation', 'Children’s Services');
    await app.type('exception-role', 'duty social worker');
    await app.type('exception-basis', 'Safeguarding duty to a child at risk');
    await app.click('exception-discussed-yes');
    await app.type('exception-discussed-how', 'Phoned the supervisee first');
    await app.click('exception-save');
    await app.waitGone('exception-dialog');
    await app.waitUntil(
      async () => (await app.text('exception-list')).includes(M.exception.text),
      async () => `the log never showed the entry: ${await app.text('exception-list')}`,
    );
    done('exception');
  });

  step('5. a packet: the supervisee’s key stored, the session summary saved as a packet file', async () => {
    await app.click('packet-peer-add');
    await app.waitFor('packet-peer-dialog');
    await app.type('packet-peer-card', peer.card);
    await app.click('packet-peer-store');
    const shown = (await app.text('packet-peer-new-fingerprint')).replace(/\s+/g, ' ');
    assert.equal(shown, peer.fingerprint, 'the stored key does not show the fingerprint the other vault shows');
    await app.click('packet-peer-compared');
    await app.click('packet-peer-confirm');
    await app.waitGone('packet-peer-dialog');

    await app.click('packet-send-open');
    const dialog = await app.waitFor('packet-send-dialog');
    await app.waitFor('packet-candidate');
    let ticked = false;
    for (const label of Array.from(await dialog.$$('label'))) {
      if ((await label.getText()).includes('Summary of the session of')) {
        await (await label.$('input[type="checkbox"]')).click();
        ticked = true;
        break;
      }
    }
    assert.ok(ticked, `no session summary to send: ${await dialog.getText()}`);
    mkdirSync(path.dirname(PACKET), { recursive: true });
    await app.click('packet-send');
    await saveAs(PACKET_TITLE, PACKET);
    await app.waitUntil(
      async () => (await app.$('packet-sent').isExisting()) || (await app.$('error').isExisting()),
      'the packet was neither saved nor refused',
    );
    assert.ok(await app.$('packet-sent').isExisting(), `sending failed: ${await dialog.getText()}`);
    assert.ok(existsSync(PACKET) && statSync(PACKET).size > 0, `no packet at ${PACKET}`);
    await (await dialog.$('button.primary')).click();
    await app.waitGone('packet-send-dialog');
    touched.push(`packets: the session summary (${M.agenda.token}, ${M.exploration.token}) in ${PACKET}`);
  });

  step('6. a journal entry; a wellbeing check-in with a note', async () => {
    await app.click('nav-journal');
    await app.waitFor('journal-view');
    await app.click('journal-new');
    await app.type('journal-editor', M.journal.text);
    await app.type('journal-tag-input', `${M.tag.text}\n`);
    await app.waitFor('journal-tag');
    await app.waitForText('save-status', 'Saved');
    done('journal', 'tag');

    await app.click('nav-wellbeing');
    await app.waitFor('checkin-card');
    for (const key of ['stress', 'energy', 'workload', 'sleep', 'secondary_trauma']) {
      await (await (await app.waitFor(`checkin-${key}`)).$('input[type="radio"][value="3"]')).click();
    }
    await app.type('checkin-note', M.wellbeing.text);
    await app.click('checkin-save');
    await app.waitUntil(
      async () => (await app.all('checkin-row')).length === 1,
      'the check-in was not listed',
    );
    done('wellbeing');
  });

  step('7. hours: a manual entry with a note', async () => {
    await app.click('nav-hours');
    const person = await app.waitFor('hours-person');
    await app.waitUntil(async () => (await person.getText()).includes(M.name.text), 'the supervisee is not offered');
    await person.selectByVisibleText(M.name.text);
    await app.click('hours-add-entry');
    const dialog = await app.waitFor('hours-entry-dialog');
    await app.type('hours-entry-supervisor', M.hoursWho.text);
    await (await dialog.$('textarea')).setValue(M.hours.text);
    await app.click('hours-entry-confirm');
    await app.waitGone('hours-entry-dialog');
    await app.waitUntil(
      async () => {
        for (const row of await app.all('hours-item')) {
          if ((await row.getText()).includes(`Manual: ${M.hoursWho.text}`)) return true;
        }
        return false;
      },
      'the manual entry is not in the ledger',
    );
    done('hoursWho', 'hours');
  });

  step('8. search: a query typed after Ctrl+K', async () => {
    await app.browser.keys(['Control', 'k']);
    const box = await app.waitFor('search-box');
    await app.waitUntil(async () => await box.isFocused(), 'the search box did not take the focus');
    await app.browser.keys([...M.query.text]);
    await app.waitFor('search-count');
    await app.browser.keys(['Escape']);
    await app.browser.keys(['Escape']);
    await app.waitGone('search-box');
    done('query');
  });

  step('9. a backup into a folder chosen in the system dialog', async () => {
    mkdirSync(BACKUPS, { recursive: true });
    await app.click('nav-settings');
    await app.waitFor('backup-settings');
    await app.click('backup-choose-folder');
    await chooseFolder(BACKUP_TITLE, BACKUPS);
    await app.waitForText('backup-folder', BACKUPS);
    // With a folder set and no backup in it, the app's watcher makes the
    // scheduled backup at its next tick (every 5 s): that is this run's
    // backup (backup.test.mjs covers "Back up now").
    let made = [];
    await app.waitUntil(
      async () => {
        made = readdirSync(BACKUPS).filter((f) => BACKUP_NAME.test(f));
        return made.length > 0;
      },
      () => `no backup appeared in ${BACKUPS}: it holds ${JSON.stringify(readdirSync(BACKUPS))}`,
    );
    assert.equal(made.length, 1, `the backup folder holds ${JSON.stringify(made)}`);
    touched.push(`backups: everything above, in ${path.join(BACKUPS, made[0])}`);
  });

  /** One scan of everything, with every needle; prints the figures. */
  const scan = async (t, when) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    const db = await lstat(path.join(dataDir, 'confidant.db')).catch(() => null);
    assert.ok(db?.size > 0, `${dataDir}/confidant.db is missing or empty: the scan would prove nothing`);
    const wal = (await lstat(path.join(dataDir, 'confidant.db-wal')).catch(() => null))?.size ?? 0;
    const result = await scanWithControl(scanDirs(), NEEDLES, path.join(SCRATCH, 'scan-control'));
    const hits = result.hits.filter((h) => !EXPORTS.includes(h.file));
    const scanned = result.files.filter((f) => !EXPORTS.includes(f));
    for (const must of [PACKET, BACKUPS, PEER_DIR, path.join(SCRATCH, 'home', '.local', 'share'), dataDir]) {
      assert.ok(scanned.some((f) => f === must || f.startsWith(must + path.sep)), `nothing under ${must} was scanned`);
    }
    t.diagnostic(
      `${when}: ${scanned.length} files (${result.bytes} bytes; database ${db.size} bytes, WAL ${wal} bytes), ` +
        `${NEEDLES.length} needles in UTF-8 and UTF-16LE, ${hits.length} hits; ` +
        `${result.vanished.length} files vanished while scanning; the positive control found every needle`,
    );
    assert.deepEqual(hits, [], `plaintext found on disk ${when}:\n${describeHits(hits)}`);
  };

  step('10. while the app runs, no file holds any marker', async (t) => {
    await scan(t, 'while running');
  });

  step('10b. a crash would write no core dump: the app and every process it started have a core size limit of 0', async (t) => {
    const seen = [];
    for (const pid of appPids().flatMap((app) => [app, ...descendants(app)])) {
      let name;
      let limits;
      try {
        name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
      } catch {
        continue; // A short-lived helper that ended while we looked.
      }
      const line = limits.split('\n').find((l) => l.startsWith('Max core file size'));
      assert.match(line ?? '', /^Max core file size\s+0\s+0\s+bytes/, `${name} (${pid}): ${line}`);
      seen.push(name);
    }
    assert.ok(seen.includes('confidant'), `the app itself was not found (saw ${seen.join(', ')})`);
    assert.ok(seen.some((n) => n.startsWith('WebKitWebProces')), `no WebKit web process among ${seen.join(', ')}`);
    t.diagnostic(`core size limit 0 (soft and hard) in ${seen.length} processes: ${seen.join(', ')}`);
  });

  step('11. after quitting, no file holds any marker; what was touched', async (t) => {
    await app.quit();
    assert.ok((await listFiles(BACKUPS)).length === 1, 'the backup is gone');
    await scan(t, 'after quitting');
    t.diagnostic(`touched ${touched.length}: ${touched.join('; ')}`);
    t.diagnostic(
      EXPORTS.length === 0
        ? 'exports the user chose: none (the packet and the backup are encrypted, and were scanned)'
        : `exports the user chose: ${EXPORTS.join(', ')}`,
    );
  });
});
