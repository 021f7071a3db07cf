// The supervisor writes up a session (issue 7, scenario S5) in the real app:
// Dana Whitfield schedules Sam Okafor monthly from last week, marks last
// week's session held, writes its record (two agenda items, the focus
// "client resistant to care", a case consultation under "C-17", an ethical
// decision with its rationale, two action items due before the next
// session), finalises it, adds an addendum and records Sam's acknowledgement
// by hand; the next session's agenda shows both action items. Every
// screenshot is audited for accessibility, and nothing typed reaches the disk
// in the clear.
//
// Runs in its own scratch world or after the other journeys (run.sh runs the
// files one at a time): it creates the vault when there is none.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchAsSupervisor, SCRATCH } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, listFiles, scanWithControl } from './lib/scan.mjs';

const OWNER = 'Dana Whitfield';
const SAM = 'Sam Okafor';
const ITEMS = [
  ['Client resistant to care since discharge from hospital', 'client_issue'],
  ['Feeling stretched by the size of the caseload', 'workload'],
];
const EXPLORATION =
  'We traced the refusals back to the hospital stay and the loss of control it brought. ' +
  'Sam noticed he had started to argue for the visits rather than ask what would make them bearable.';
const DECISIONS = [
  'Offer the client a choice of visit times and who comes',
  'Bring the caseload numbers to the team manager before the next allocation meeting',
];
const KEY_LEARNING = 'Resistance eased when the client was given back small choices.';
const CASE = {
  reference: 'C-17',
  issue: 'Declines home visits since coming home from hospital',
  approaches: 'Motivational interviewing over two visits; a letter from the GP',
  guidance: 'Offer a joint visit with the district nurse and let the client set the time',
};
const ETHICS = {
  issue: 'Whether to tell the GP about the missed visits without the client’s consent',
  options: ['Tell the GP now', 'Ask the client first and agree what is shared'],
  decision: 'Ask the client first; share with the GP within a week if the risk rises',
  rationale: 'Consent first, as the code of ethics sets out (respect for autonomy); the safeguarding policy overrides it when there is serious risk',
  consulted: 'Team manager',
};
const WELLBEING = 'Tired after covering two vacancies; sleeping less in the week before supervision';
const ACTIONS = [
  ['Call the care coordinator about a joint visit', 'supervisee', 3],
  ['Send the lone-working policy and the caseload guidance', 'supervisor', 10],
];
const ADDENDUM = 'The client agreed to a joint visit on Thursday; the GP was not told, as agreed.';

/** Everything the journey types into the record, and distinctive parts of it. */
const NEEDLES = [
  ...ITEMS.map(([text]) => text),
  EXPLORATION,
  'loss of control it brought',
  ...DECISIONS,
  KEY_LEARNING,
  CASE.issue,
  CASE.approaches,
  CASE.guidance,
  ETHICS.issue,
  ...ETHICS.options,
  ETHICS.decision,
  ETHICS.rationale,
  'respect for autonomy',
  WELLBEING,
  ...ACTIONS.map(([text]) => text),
  ADDENDUM,
  'joint visit on Thursday',
  SAM,
  'Okafor',
];

/** A local calendar date `days` from today, as "YYYY-MM-DD". */
const localDate = (days) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const LAST_WEEK = localDate(-7);

describe('supervisor journey: a session record, finalised, with its agenda', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  /** Picks `value` in a <select> (the element, or its data-testid). */
  const choose = async (target, value) => {
    const el = typeof target === 'string' ? await app.waitFor(target) : target;
    await el.selectByAttribute('value', value);
  };

  /** Sets a date input as a person picking a day would (WebKitWebDriver cannot type into it). */
  const setInput = async (target, value) => {
    const el = typeof target === 'string' ? await app.waitFor(target) : target;
    await app.browser.execute(
      (node, v) => {
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(node), 'value').set;
        setter.call(node, v);
        node.dispatchEvent(new Event('input', { bubbles: true }));
        node.dispatchEvent(new Event('change', { bubbles: true }));
      },
      el,
      value,
    );
  };

  /** The `index`-th element with data-testid `id` (waiting until there are enough). */
  const nth = async (id, index) => {
    await app.waitUntil(async () => (await app.all(id)).length > index, `fewer than ${index + 1} [data-testid="${id}"]`);
    return (await app.all(id))[index];
  };

  /** Types into the `index`-th field with data-testid `id`. */
  const typeNth = async (id, index, text) => (await nth(id, index)).setValue(text);

  /** Scrolls so that `[data-testid=id]` starts at the top of what scrolls it. */
  const scrollToTop = async (id) => {
    const el = await app.waitFor(id);
    await app.browser.execute((node) => node.scrollIntoView({ block: 'start' }), el);
  };

  const waitForSaved = async () => {
    await app.waitUntil(
      async () => (await app.text('record-save-status')) === 'Saved',
      async () => `the record was not saved; it says: ${await app.$('record-view').getText().catch(() => '(no record)')}`,
    );
  };

  step('1. start the app as a supervisor, with my name in Settings', async () => {
    app = await launchAsSupervisor();
    await assertAxeFlagsKnownDefects(app.browser);
    await app.click('nav-settings');
    await app.waitFor('settings-profile');
    await app.type('profile-name', OWNER);
    await app.click('profile-save');
    await app.waitUntil(async () => (await app.text('settings-profile')).includes('Saved'), 'the profile was not saved');
  });

  step('2. Sam monthly from last week; last week’s session is held', async () => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    await app.click('people-add');
    await app.waitFor('person-form');
    await choose('person-kind', 'person');
    await choose('person-relation', 'i_supervise');
    await app.type('person-name', SAM);
    await app.click('person-save');
    await app.waitFor('person-page');

    await app.click('person-schedule');
    await app.waitFor('schedule-form');
    await setInput('schedule-date', LAST_WEEK);
    await choose('schedule-repeat', 'monthly_weekday');
    await choose('schedule-ends', 'count');
    await setInput('schedule-count', '3');
    // The core's preview of the series, worked out after a short pause, says how many sessions.
    await app.saveSchedule('3 sessions');
    await app.waitUntil(
      async () => !(await app.$('schedule-form').isExisting()),
      async () => `the schedule form did not close; it shows: ${await app.text('schedule-form')}`,
    );
    const past = await app.waitFor('person-sessions-past');
    await (await past.$('[data-testid="person-session"]')).click();
    await app.waitFor('session-details');
    await app.click('session-held');
    await app.waitUntil(
      async () => (await app.text('session-record-open')) === 'Write record',
      'the held session offers no “Write record”',
    );
  });

  step('3. write the record; it autosaves', async () => {
    await app.click('session-record-open');
    await app.waitFor('record-editor');
    for (const [index, [text, focus]] of ITEMS.entries()) {
      await app.click('record-add-item');
      await typeNth('record-item-text', index, text);
      await choose(await nth('record-item-focus', index), focus);
    }
    await app.type('record-exploration', EXPLORATION);
    for (const [index, decision] of DECISIONS.entries()) {
      await app.click('record-add-decision');
      await typeNth('record-decision', index, decision);
    }
    await app.type('record-key-learning', KEY_LEARNING);
    await app.click('record-function-formative');
    await app.type('record-function-formative-note', 'Working with ambivalence');
    await app.click('record-function-restorative');
    await app.type('record-function-restorative-note', 'Space to talk about the vacancies');

    await app.click('record-add-consultation');
    await app.type('record-case-reference', CASE.reference);
    await app.type('record-case-issue', CASE.issue);
    await app.type('record-case-approaches', CASE.approaches);
    await app.type('record-case-guidance', CASE.guidance);

    await app.click('record-add-ethical');
    await app.type('record-ethical-issue', ETHICS.issue);
    await choose('record-ethical-raised-by', 'supervisee');
    await setInput('record-ethical-date', LAST_WEEK);
    await typeNth('record-ethical-option', 0, ETHICS.options[0]);
    await app.click('record-ethical-add-option');
    await typeNth('record-ethical-option', 1, ETHICS.options[1]);
    await app.type('record-ethical-decision', ETHICS.decision);
    await app.type('record-ethical-rationale', ETHICS.rationale);
    await app.type('record-ethical-consulted', ETHICS.consulted);

    await app.type('record-wellbeing-reported', WELLBEING);
    await app.type('record-wellbeing-agreed', 'One protected admin afternoon a week');
    await app.type('record-feedback-strengths', 'Honest about where he felt stuck');

    for (const [index, [text, owner, days]] of ACTIONS.entries()) {
      await app.click('record-add-action');
      await typeNth('record-action-text', index, text);
      await choose(await nth('record-action-owner', index), owner);
      await setInput(await nth('record-action-due', index), localDate(days));
    }
    await waitForSaved();
    // No name-leak warning for a case reference or this text.
    for (const hint of await app.all('name-guard')) {
      assert.equal((await hint.getText()).trim(), '', `an unexpected name-leak warning: ${await hint.getText()}`);
    }
    await scrollToTop('record-view');
    await app.screenshot('record-draft.png');
  });

  step('4. finalise with my typed name; add an addendum; record Sam’s acknowledgement by hand', async () => {
    await app.click('record-finalise');
    await app.waitFor('record-finalise-dialog');
    await app.type('record-finalise-name', OWNER);
    const confirm = await app.waitFor('record-finalise-confirm');
    await confirm.waitForEnabled({ timeout: 30_000 });
    await confirm.click();
    await app.waitGone('record-finalise-dialog');
    await app.waitFor('record-document');
    const signature = await app.text('record-finalisation');
    assert.match(signature, new RegExp(`Finalised by ${OWNER}`));
    assert.match(await app.text('record-hash'), /^[0-9a-f]{64}$/);
    const doc = await app.text('record-document');
    for (const part of ['Case C-17', ETHICS.rationale, ACTIONS[0][0], ACTIONS[1][0], ITEMS[0][0]]) {
      assert.ok(doc.includes(part), `the final record does not show ${JSON.stringify(part)}`);
    }
    assert.equal(await app.$('record-editor').isExisting(), false, 'a final record still shows the editor');

    await app.click('record-add-addendum');
    await app.waitFor('record-addendum-dialog');
    await app.type('record-addendum-text', ADDENDUM);
    await app.click('record-addendum-confirm');
    await app.waitGone('record-addendum-dialog');
    await app.waitUntil(async () => (await app.text('record-addenda')).includes(ADDENDUM), 'the addendum is not shown');

    await app.click('record-acknowledge');
    await app.waitFor('record-ack-dialog');
    await app.click('record-ack-confirm');
    await app.waitGone('record-ack-dialog');
    await app.waitUntil(
      async () => (await app.text('record-acknowledgement')).includes('recorded by hand by the supervisor'),
      'the acknowledgement is not labelled as recorded by hand',
    );
    // The end of the document: the signature with its hash, the acknowledgement, the addendum.
    const signed = await app.waitFor('record-finalisation');
    await app.browser.execute((node) => node.scrollIntoView({ block: 'center' }), signed);
    await app.screenshot('record-final.png');
    await app.click('record-close');
    await app.waitGone('record-view');
    await app.click('session-close');
    await app.waitGone('session-details');
  });

  step('5. the next session’s agenda shows both action items', async () => {
    await app.click('person-next-agenda');
    await app.waitFor('agenda');
    await app.waitUntil(async () => (await app.all('agenda-action')).length === 2, 'the agenda does not list two open action items');
    const agenda = await app.text('agenda');
    for (const [text] of ACTIONS) assert.ok(agenda.includes(text), `the agenda does not show ${JSON.stringify(text)}`);
    await app.type('agenda-item-text', 'How the joint visit went');
    await app.click('agenda-item-add');
    await app.waitFor('agenda-item');
    await scrollToTop('agenda');
    await app.screenshot('agenda.png');
    await app.click('agenda-close');
  });

  step('6. the person page lists the final record and the open actions; Today has nothing left to write', async () => {
    await app.waitUntil(
      async () => (await app.all('person-record')).length === 1 && (await app.all('person-action')).length === 2,
      'the person page does not show one record and two open actions',
    );
    assert.equal(await (await app.waitFor('person-record')).getAttribute('data-status'), 'final');
    await scrollToTop('person-records');
    await app.screenshot('person-page.png');
    await app.click('nav-today');
    await app.waitFor('today-records-empty');
  });

  step('7. nothing of the record is on disk in the clear, while the app runs and after it quits', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run through tests/e2e/run.sh');
    const dirs = [SCRATCH, dataDir, process.env.HOME];
    if (process.env.E2E_DRIVER_LOG) dirs.push(path.dirname(process.env.E2E_DRIVER_LOG));
    for (const when of ['while running', 'after quitting']) {
      if (when === 'after quitting') await app.quit();
      const files = await listFiles(dataDir);
      assert.ok(files.some((f) => path.basename(f) === 'confidant.db'), `no database in ${dataDir}: the scan would prove nothing`);
      const { files: scanned, bytes, hits } = await scanWithControl(dirs, NEEDLES, path.join(SCRATCH, 'scan-control'));
      t.diagnostic(`${when}: ${scanned.length} files, ${bytes} bytes; the positive control found every needle`);
      assert.deepEqual(hits, [], `plaintext found on disk ${when}:\n${describeHits(hits)}`);
    }
  });
});
