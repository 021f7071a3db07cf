// Wellbeing and the ProQOL 5 through the real app (issue 9, item 3): three
// check-ins over two weeks with high stress, the trends chart drawn (and its
// table of the same figures), the gentle prompt, the full ProQOL answered
// item by item, its result with the three sums and bands and the credit
// (screenshots wellbeing-chart and proqol-result), and proof that the notes
// typed did not reach the disk in the clear, while the app runs and after
// it quits.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe } from 'node:test';
import { launchAsSupervisor, SCRATCH } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, scanWithControl } from './lib/scan.mjs';

const pad = (n) => String(n).padStart(2, '0');
const day = (offset) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

// Realistic invented check-ins; each note is also a scan needle.
const CHECK_INS = [
  {
    date: day(-12),
    ratings: { stress: 4, energy: 3, workload: 3, sleep: 4, secondary_trauma: 1 },
    note: 'Court report due and two home visits that overran',
  },
  {
    date: day(-6),
    ratings: { stress: 5, energy: 2, workload: 4, sleep: 2, secondary_trauma: 3 },
    note: 'Kept replaying the disclosure from Tuesday on the drive home',
  },
  {
    date: day(-1),
    ratings: { stress: 4, energy: 3, workload: 5, sleep: 3, secondary_trauma: 2 },
    note: 'Caseload review with the team lead helped a little',
  },
];
const NEEDLES = CHECK_INS.map((c) => c.note).concat(['replaying the disclosure']);

// A plausible set of ProQOL answers, item 1 first.
const ANSWERS = [4, 3, 4, 4, 2, 3, 3, 2, 3, 2, 3, 4, 2, 2, 4, 3, 3, 4, 4, 4, 4, 4, 2, 4, 2, 4, 3, 1, 5, 4];
const CS = [3, 6, 12, 16, 18, 20, 22, 24, 27, 30];
const BO = [1, 4, 8, 10, 15, 17, 19, 21, 26, 29];
const STS = [2, 5, 7, 9, 11, 13, 14, 23, 25, 28];
const REVERSED = [1, 4, 15, 17, 29];
const sum = (items) => items.reduce((s, n) => s + (REVERSED.includes(n) ? 6 - ANSWERS[n - 1] : ANSWERS[n - 1]), 0);
const band = (s) => (s <= 22 ? 'Low' : s <= 41 ? 'Moderate' : 'High');

describe('wellbeing journey: check-ins, chart, prompt, ProQOL', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  const pickIn = async (testId, value) => {
    const group = await app.waitFor(testId);
    const radio = await group.$(`input[type="radio"][value="${value}"]`);
    await radio.click();
  };

  step('1. start the app and open Wellbeing', async () => {
    app = await launchAsSupervisor();
    await app.click('nav-wellbeing');
    await app.waitFor('wellbeing');
    await app.waitFor('checkin-card');
  });

  step('2. record three check-ins over two weeks', async () => {
    for (const c of CHECK_INS) {
      await app.setInput('checkin-date', c.date);
      for (const [key, value] of Object.entries(c.ratings)) await pickIn(`checkin-${key}`, value);
      await app.type('checkin-note', c.note);
      const before = (await app.all('checkin-row')).length;
      await app.click('checkin-save');
      await app.waitUntil(
        async () => (await app.all('checkin-row')).length === before + 1,
        'the check-in was not listed',
      );
    }
    const list = await app.text('checkin-list');
    for (const c of CHECK_INS) assert.ok(list.includes(c.note), `missing from the list: ${c.note}`);
  });

  step('3. the chart is drawn, its table has the same weeks, and the gentle prompt shows', async () => {
    await app.waitFor('wellbeing-chart');
    await app.waitUntil(
      async () => (await app.browser.$('[data-testid="wellbeing-chart"] canvas').isExisting()),
      async () =>
        `no chart canvas was drawn: ${await app.browser.execute(() => {
          const plot = document.querySelector('[data-testid="wellbeing-chart"] .plot');
          return JSON.stringify({
            failure: plot?.getAttribute('data-failure'),
            drawn: plot?.getAttribute('data-drawn'),
            html: plot?.innerHTML.slice(0, 200),
            matchMedia: typeof window.matchMedia,
          });
        })}`,
    );
    const rows = await app.all('trend-row');
    assert.ok(rows.length >= 2 && rows.length <= 3, `trend rows: ${rows.length}`);
    const prompt = await app.text('wellbeing-prompt');
    assert.ok(prompt.includes('supervision') && prompt.includes('Based on 3 check-ins'), prompt);
    await app.scrollToTop('wellbeing-trends');
    await app.screenshot('wellbeing-chart.png');
  });

  step('4. answer the full ProQOL through the UI', async () => {
    await app.click('proqol-start');
    await app.waitFor('proqol-form');
    assert.equal(await app.text('proqol-progress'), '0 of 30 answered');
    const first = await app.text('proqol-item-1');
    assert.ok(first.includes('I am happy.'), first);
    for (let n = 1; n <= 30; n++) await pickIn(`proqol-item-${n}`, ANSWERS[n - 1]);
    await app.waitForText('proqol-progress', '30 of 30 answered');
    await app.click('proqol-submit');
    await app.waitFor('proqol-result');
  });

  step('5. the result shows the three sums, their bands and the credit', async () => {
    const expect = { cs: sum(CS), bo: sum(BO), sts: sum(STS) };
    for (const [key, s] of Object.entries(expect)) {
      const text = await app.text(`proqol-scale-${key}`);
      assert.ok(text.includes(`${s} — ${band(s)}`), `${key}: ${text}`);
    }
    const credit = await app.text('proqol-result-credit');
    assert.ok(credit.includes('Center for Victims of Torture') && credit.includes('ProQOL.org'), credit);
    await app.scrollToTop('proqol-result');
    await app.screenshot('proqol-result.png');
  });

  step('6. while the app runs, and after it quits, no note is on disk in the clear', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run through tests/e2e/run.sh');
    const dirs = [SCRATCH, dataDir, process.env.HOME];
    const control = path.join(SCRATCH, 'scan-control-wellbeing');
    let { files, hits } = await scanWithControl(dirs, NEEDLES, control);
    assert.deepEqual(hits, [], `plaintext found while the app runs:\n${describeHits(hits)}`);
    await app.quit();
    ({ files, hits } = await scanWithControl(dirs, NEEDLES, control));
    t.diagnostic(`searched ${files.length} files; the control found every needle`);
    assert.deepEqual(hits, [], `plaintext found after quitting:\n${describeHits(hits)}`);
  });
});
