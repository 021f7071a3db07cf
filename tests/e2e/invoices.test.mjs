// An external supervisor invoices a supervisee (issue 8, section 4) in the
// real app: Dana Whitfield sets a fee of GBP 85.00 per session (50% for a late
// cancellation) in Sam Okafor's agreement, acknowledges it for both, marks
// two weekly sessions held, previews and issues invoice 0001 for the period,
// and saves its PDF through the save dialog (driven with xdotool, as a person
// would type the path). The PDF is read back with pdftotext: the lines, the
// total, no clinical text; Settings → Security log lists the export with its
// chain whole (screenshot security-log.png). Screenshot invoice.png (in target/e2e/screenshots, like
// every journey's; docs/screenshots holds a reviewed copy).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchAsSupervisor, SCRATCH } from './lib/app.mjs';
import { saveAs } from './lib/dialog.mjs';
import { stepper } from './lib/journey.mjs';

const OWNER = 'Dana Whitfield';
const SAM = 'Sam Okafor';

const localDate = (days) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const TWO_WEEKS_AGO = localDate(-14);

describe('supervisor journey: an invoice from the agreed fee, saved as PDF', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  step('1. start as a supervisor, with my business details in Settings', async () => {
    app = await launchAsSupervisor();
    await assertAxeFlagsKnownDefects(app.browser);
    await app.click('nav-settings');
    await app.waitFor('settings-profile');
    await app.type('profile-name', OWNER);
    await app.click('profile-save');
    await app.waitUntil(async () => (await app.text('settings-profile')).includes('Saved'), 'the profile was not saved');
  });

  step('2. Sam, with an agreement setting GBP 85.00 per session, acknowledged by both', async () => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await app.choose('person-kind', 'person');
    await app.choose('person-relation', 'i_supervise');
    await app.type('person-name', SAM);
    await app.click('person-save');
    await app.waitFor('person-page');

    await app.click('agreement-start');
    await app.waitFor('agreement-editor');
    await app.type('agreement-fee-amount', '85');
    await app.type('agreement-fee-currency', 'GBP');
    await app.setInput('agreement-fee-late', '50');
    await app.click('agreement-save');
    await app.waitFor('agreement-notice');
    for (const name of [OWNER, SAM]) {
      await app.click('agreement-acknowledge');
      await app.waitFor('ack-dialog');
      await app.type('ack-name', name);
      await app.click('ack-confirm');
      await app.waitGone('ack-dialog');
    }
    await app.waitFor('agreement-readonly');
    assert.match(await app.text('agreement-value-fee'), /GBP 85\.00 per session/);
    await app.click('agreement-close');
    await app.waitFor('person-page');
  });

  step('3. weekly sessions from two weeks ago; the past two are held', async () => {
    await app.click('person-schedule');
    await app.waitFor('schedule-form');
    await app.setInput('schedule-date', TWO_WEEKS_AGO);
    await app.choose('schedule-repeat', 'weekly');
    await app.choose('schedule-ends', 'count');
    await app.setInput('schedule-count', '4');
    await app.saveSchedule('4 sessions');
    await app.waitUntil(async () => !(await app.$('schedule-form').isExisting()), 'the schedule form did not close');
    for (let i = 0; i < 2; i += 1) {
      const past = await app.waitFor('person-sessions-past');
      const sessions = await past.$$('[data-testid="person-session"]');
      assert.ok(sessions.length >= 2, 'two past sessions are listed');
      await sessions[i].click();
      await app.waitFor('session-details');
      await app.click('session-held');
      await app.waitUntil(
        async () => (await app.text('session-record-open')) === 'Write record',
        'the held session offers no “Write record”',
      );
      await app.click('session-close');
      await app.waitGone('session-details');
    }
  });

  step('4. preview and issue invoice 0001 for the period', async () => {
    await app.scrollToTop('person-invoices');
    await app.setInput('invoice-from', localDate(-20));
    await app.setInput('invoice-to', localDate(0));
    await app.click('invoice-preview');
    await app.waitFor('invoice-draft');
    await app.waitUntil(async () => (await app.all('invoice-line')).length === 2, 'the draft does not have two lines');
    assert.equal(await app.text('invoice-draft-lines-total'), 'GBP 170.00');
    await app.click('invoice-issue');
    await app.waitFor('invoice-item');
    assert.match(await app.text('invoice-notice'), /Invoice 0001 was issued/);
    // The issued invoice opens with its lines.
    await app.waitFor('invoice-lines');
    assert.equal(await app.text('invoice-lines-total'), 'GBP 170.00');
    await app.scrollToTop('person-invoices');
    await app.screenshot('invoice.png');
  });

  step('5. save the PDF through the save dialog, after the not-encrypted warning', async () => {
    assert.ok(SCRATCH, 'run through tests/e2e/run.sh');
    const target = path.join(SCRATCH, 'invoice-0001.pdf');
    await app.click('invoice-save-pdf');
    assert.match(await app.text('invoice-pdf-warning'), /not encrypted/);
    await app.click('invoice-pdf-confirm');
    await saveAs('Save the invoice as PDF', target);
    await app.waitUntil(async () => (await app.text('invoice-notice')).includes('saved as PDF'), 'the PDF was not saved');
    assert.ok(fs.existsSync(target), `no file at ${target}`);
    const text = execFileSync('pdftotext', [target, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const needle of ['Invoice 0001', OWNER, SAM, 'Supervision session, 60 min', 'GBP 85.00', 'Total: GBP 170.00', 'Unpaid']) {
      assert.ok(text.includes(needle), `${needle} is not in the PDF: ${text}`);
    }
  });

  step('6. the security log in Settings lists the PDF export, and its chain is whole; screenshot', async () => {
    await app.click('nav-settings');
    await app.scrollToTop('security-log');
    await app.waitFor('security-log-table');
    const rows = await app.all('security-log-table');
    assert.equal(rows.length, 1);
    const log = await app.text('security-log-table');
    assert.match(log, /Export written\s*invoice PDF/, log);
    assert.match(log, /Vault created/);
    assert.match(await app.text('security-log-whole'), /entries are intact and in order/);
    assert.ok(!log.includes(SAM) && !log.includes(OWNER), 'the log names no one');
    await app.screenshot('security-log.png');
    await app.quit();
  });
});
