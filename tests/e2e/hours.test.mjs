// Hours through the real app (issue 8, the ledger and sign-off): a
// supervisee with a quarter of weekly sessions (thirteen), the five most
// recent marked held with final records (the person page lists the last
// five), the eight before them marked held from the Calendar's agenda, month
// by month, so the ledger covers the quarter; then in the Hours section one entry returned with a comment and
// approved, the month of the latest session signed off with a typed name
// (screenshot hours-ledger), the sign-off log; then the Texas LCSW example
// profile chosen on the Progress tab, its rules, totals and chart checked
// against each other (screenshot hours-progress); the signed-off month saved
// as the hours log PDF and as CSV through the system's save dialog (driven
// with xdotool) and read back with pdftotext and Python's csv module
// (screenshot hours-export); and a scan proving nothing typed reached the
// disk in the clear, while the app runs and after it quits. The saved
// files are the user's own exports (they hold the names by design); they
// are deleted once read, as the app advises, before the scans.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchAsSupervisor, SCRATCH } from './lib/app.mjs';
import { has, saveAs } from './lib/dialog.mjs';
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
// The months of the thirteen held sessions (LATEST and the twelve weeks before it).
const HELD_MONTHS = new Set(
  Array.from({ length: 13 }, (_, k) => day(new Date(LATEST.getFullYear(), LATEST.getMonth(), LATEST.getDate() - 7 * k)).slice(0, 7)),
);
// How many months the Calendar steps back from today's to the first session's.
const MONTHS_BACK = (() => {
  const first = new Date(`${FIRST}T12:00:00`);
  const now = new Date();
  return (now.getFullYear() - first.getFullYear()) * 12 + now.getMonth() - first.getMonth();
})();
/** "5", "1.5", "0.75" (hours as the Progress tab writes them) -> minutes. */
const minutesOf = (hours) => Math.round(Number(hours.replace(/,/g, '')) * 60);
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

  /** Sets a date or number input as a person would (WebKitWebDriver cannot type into a date input). */

  const rows = async (id) => app.all(id);
  /** The month's supervision total the ledger shows ("Supervision — 5 h"), in minutes. */
  let monthMinutes;
  const EXPORTS = SCRATCH ? path.join(SCRATCH, 'exports') : '';

  step('1. start the app as a supervisor', async () => {
    app = await launchAsSupervisor();
    await assertAxeFlagsKnownDefects(app.browser);
  });

  step('2. add Jordan and a weekly series of thirteen sessions ending three days ago', async () => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await app.choose('person-kind', 'person');
    await app.choose('person-relation', 'i_supervise');
    await app.type('person-name', PERSON);
    await app.click('person-save');
    await app.waitFor('person-page');
    await app.click('person-schedule');
    await app.waitFor('schedule-form');
    await app.setInput('schedule-date', FIRST);
    await app.choose('schedule-repeat', 'weekly');
    await app.choose('schedule-ends', 'count');
    await app.setInput('schedule-count', '13');
    await app.saveSchedule('13 sessions');
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

  step('3b. in the Calendar agenda, the eight earlier sessions are held, month by month', async (t) => {
    await app.click('nav-calendar');
    await app.waitFor('calendar-view');
    await app.click('calendar-agenda');
    await app.click('calendar-today');
    for (let i = 0; i < MONTHS_BACK; i++) await app.click('calendar-prev');
    let marked = 0;
    for (let m = 0; m <= MONTHS_BACK; m++) {
      if (m > 0) await app.click('calendar-next');
      await app.waitUntil(
        async () => (await app.$('calendar-agenda-list').isExisting()) || (await app.$('calendar-empty').isExisting()),
        'the agenda did not load',
      );
      for (;;) {
        let planned;
        for (const chip of await app.all('session-chip')) {
          if (!(await chip.getText()).includes('Held')) {
            planned = chip;
            break;
          }
        }
        if (!planned) break;
        await planned.click();
        await app.waitFor('session-details');
        await app.click('session-held');
        await app.waitUntil(async () => (await app.text('session-record-open')) === 'Write record', 'not marked held');
        await app.click('session-close');
        await app.waitGone('session-details');
        marked++;
        assert.ok(marked <= 8, 'more than eight sessions were left to mark held');
      }
    }
    t.diagnostic(`marked ${marked} sessions held over ${MONTHS_BACK + 1} months`);
    assert.equal(marked, 8, 'the eight earlier sessions were not all found in the agenda');
  });

  step('4. in Hours, one entry is returned with a comment, then approved', async () => {
    await app.click('nav-hours');
    await app.waitFor('hours-view');
    const person = await app.waitFor('hours-person');
    await app.waitUntil(async () => (await person.getText()).includes(PERSON), 'Jordan is not offered');
    await person.selectByVisibleText(PERSON);
    await app.choose('hours-month', MONTH);
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
    await app.setInput('hours-sign-off-from', `${MONTH}-01`);
    await app.setInput('hours-sign-off-to', MONTH_END);
    await app.type('hours-sign-off-name', SIGNER);
    await app.click('hours-sign-off-confirm');
    await app.waitUntil(
      async () => !(await app.$('hours-sign-off-dialog').isExisting()),
      async () => `the sign-off dialog did not close: ${await app.text('hours-sign-off-dialog')}`,
    );
    for (const row of await rows('hours-item')) {
      assert.ok((await row.getText()).includes('Signed off'), `not locked: ${await row.getText()}`);
    }
    const heading = await app.browser.$('//h2[starts-with(normalize-space(.), "Supervision —")]');
    const shown = (await heading.getText()).match(/Supervision — ([\d.]+) h$/);
    assert.ok(shown, `the ledger's month total reads: ${await heading.getText()}`);
    monthMinutes = minutesOf(shown[1]);
    assert.ok(monthMinutes > 0, 'the signed-off month shows no supervision');
    await app.screenshot('hours-ledger.png');
    await app.click('hours-tab-sign-offs');
    await app.waitUntil(async () => (await app.text('sign-off-log')).includes(`Signed off by ${SIGNER}`), 'no log line');
  });

  step('6. Progress: the Texas LCSW example profile; rules, totals and the chart agree', async () => {
    await app.click('hours-tab-progress');
    await app.waitFor('hours-progress');
    await app.waitFor('hours-empty');
    const select = await app.waitFor('hours-profile-select');
    await app.waitUntil(async () => (await select.getText()).includes('Texas LCSW (example)'), 'no Texas example profile');
    await select.selectByVisibleText('Texas LCSW (example)');
    await app.waitFor('hours-example-note');
    await app.waitFor('hours-rules');
    // Every rule shows a state and a title.
    const rules = await (await app.waitFor('hours-rules')).$$('li');
    assert.ok(rules.length >= 4, `only ${rules.length} rules are shown`);
    const states = [];
    for (const rule of rules) {
      const state = await rule.getAttribute('data-state');
      states.push(state);
      assert.ok(['met', 'not_yet', 'applied', 'exceeded'].includes(state), `rule state ${state}`);
      assert.match(await rule.getText(), /^(Met|Not yet|Limit applied|Over the maximum)\s+\S/);
    }
    // The practice total (3,000 hours) is not met by thirteen hours of supervision.
    assert.ok(states.includes('not_yet'), `thirteen hours of supervision meet every Texas rule: ${states.join(', ')}`);
    // Totals: the rows as label -> [logged, counted] minutes.
    const totals = new Map();
    for (const row of await (await app.waitFor('hours-totals')).$$('tbody tr')) {
      const label = await (await row.$('th')).getText();
      const cells = await row.$$('td');
      totals.set(label, [minutesOf(await cells[0].getText()), minutesOf(await cells[1].getText())]);
    }
    const sup = totals.get('All supervision');
    const practice = totals.get('All practice');
    assert.ok(sup && practice, `totals rows: ${[...totals.keys()].join(', ')}`);
    assert.equal(sup[0], 13 * 60, 'thirteen held hour-long sessions are logged');
    assert.equal(practice[0], 0, 'no practice week was logged');
    // The chart: one bar per month of the progress, the bars with hours in
    // the months of the held sessions, and its table adds up to the totals.
    const chart = await app.waitFor('hours-chart');
    const svg = await chart.$('svg');
    assert.ok(await svg.isExisting(), 'no chart');
    const title = await app.browser.execute((node) => node.querySelector('title')?.textContent ?? '', svg);
    const desc = await app.browser.execute((node) => node.querySelector('desc')?.textContent ?? '', svg);
    assert.match(title, /^Hours per month/);
    assert.match(desc, /^Counted hours per month from /);
    const bars = await svg.$$('rect.bar');
    const table = await chart.$('[data-testid="hours-chart-table"]');
    const tableRows = await table.$$('tbody tr');
    assert.equal(bars.length, tableRows.length, 'bars and table rows differ');
    const perMonth = [];
    for (const row of tableRows) {
      const cells = await row.$$('td');
      perMonth.push(minutesOf(await app.browser.execute((node) => node.textContent ?? '', cells[0])));
    }
    const heights = [];
    for (const bar of bars) heights.push(await bar.getAttribute('height'));
    const withHours = perMonth.filter((m) => m > 0).length;
    assert.equal(withHours, HELD_MONTHS.size, `months with hours ${perMonth.join(', ')}; held in ${[...HELD_MONTHS].join(', ')}`);
    assert.equal(heights.filter((h) => Number(h) > 0).length, withHours, `bar heights ${heights.join(', ')}`);
    assert.equal(
      perMonth.reduce((a, b) => a + b, 0),
      sup[1] + practice[1],
      'the chart table does not add up to the counted totals',
    );
    // The last month with hours is the signed-off month, as the ledger showed it.
    assert.equal(perMonth.filter((m) => m > 0).at(-1), monthMinutes);
    // The rules' end, the totals and the whole chart with its caption in view.
    await app.browser.execute((node) => node.scrollIntoView({ block: 'end' }), await app.waitFor('hours-chart'));
    await app.screenshot('hours-progress.png');
  });

  step('7. Export: the signed-off month saved as PDF and CSV through the save dialog, read back', async (t) => {
    if (!has('xdotool') || !has('pdftotext')) {
      t.skip('needs xdotool (to answer the GTK save dialog) and pdftotext (poppler-utils)');
      return;
    }
    assert.ok(EXPORTS, 'run through tests/e2e/run.sh');
    mkdirSync(EXPORTS, { recursive: true });
    await app.click('hours-tab-export');
    await app.waitFor('hours-export');
    await app.setInput('hours-export-from', `${MONTH}-01`);
    await app.setInput('hours-export-to', MONTH_END);

    const pdf = path.join(EXPORTS, `hours-log-${MONTH}.pdf`);
    await app.click('hours-save-pdf');
    await saveAs('Save the hours log as PDF', pdf);
    await app.waitUntil(
      async () => (await app.$('hours-export-saved').isExisting()) && (await app.text('hours-export-saved')).includes('PDF'),
      async () => `the PDF was not saved; the export shows: ${await app.text('hours-export')}`,
    );
    assert.ok(existsSync(pdf), `no file at ${pdf}`);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const needle of [
      'Hours log',
      PERSON,
      `Signed off in Confidant by ${SIGNER} on`,
      'Content hash',
      'Page 1 of',
      'Summary against Texas LCSW (example profile)',
    ]) {
      assert.ok(text.includes(needle), `${needle} is not in the PDF: ${text}`);
    }
    assert.ok(!text.includes('has not been signed off'), 'the signed-off month reads as not signed off');
    for (const clinical of [AGENDA, EXPLORATION, COMMENT]) {
      assert.ok(!text.includes(clinical), `${clinical} is in the hours log`);
    }

    const csv = path.join(EXPORTS, `hours-${MONTH}.csv`);
    await app.click('hours-save-csv');
    await saveAs('Save the hours as CSV', csv);
    await app.waitUntil(
      async () => (await app.$('hours-export-saved').isExisting()) && (await app.text('hours-export-saved')).includes('CSV'),
      async () => `the CSV was not saved; the export shows: ${await app.text('hours-export')}`,
    );
    assert.ok(existsSync(csv), `no file at ${csv}`);
    const python = process.env.CONFIDANT_PYTHON || 'python3';
    const read = `
import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.DictReader(f))
sup = [r for r in rows if r['kind'] == 'supervision']
print(json.dumps({'rows': len(rows), 'supervision': len(sup),
                  'minutes': sum(int(r['minutes']) for r in sup),
                  'months': sorted({r['date'][:7] for r in sup}),
                  'text': ' '.join(' '.join(r.values()) for r in rows)}))
`;
    const got = JSON.parse(execFileSync(python, ['-c', read, csv], { encoding: 'utf8' }));
    t.diagnostic(`CSV: ${got.rows} records, ${got.supervision} supervision, ${got.minutes} minutes; PDF ${text.length} characters`);
    assert.ok(got.supervision > 0, 'no supervision record in the CSV');
    assert.deepEqual(got.months, [MONTH], 'the CSV holds records outside the period');
    assert.equal(got.minutes, monthMinutes, 'the CSV minutes differ from the ledger’s month total');
    for (const clinical of [AGENDA, EXPLORATION, COMMENT]) {
      assert.ok(!got.text.includes(clinical), `${clinical} is in the CSV`);
    }
    await app.screenshot('hours-export.png');
    // The user's own exports, read; deleted before the scans, as the app advises.
    rmSync(EXPORTS, { recursive: true, force: true });
  });

  step('8. while the app runs, nothing typed is on disk', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run through tests/e2e/run.sh');
    const db = await dataDirSize(dataDir);
    const { files, bytes, hits } = await scanWithControl(scanDirs(dataDir), NEEDLES, path.join(SCRATCH, 'scan-control-hours'));
    t.diagnostic(`live scan: ${files.length} files (${bytes} bytes; database ${db} bytes); control found every needle`);
    assert.deepEqual(hits, [], `plaintext found on disk while the app runs:\n${describeHits(hits)}`);
  });

  step('9. after quitting, nothing typed is on disk', async (t) => {
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
