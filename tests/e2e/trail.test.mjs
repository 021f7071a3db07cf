// The paper trail through the real app (issue 7, items 5 and 8): on
// supervisee Sam Okafor's page, record a confidentiality exception (a risk of
// harm to a client, shared with Northside Children's Services' duty social
// worker, discussed with Sam first), add a correcting addendum, note a
// between-session phone call, take the `exception-log` screenshot (audited
// with axe, as every screenshot is), and prove none of the text reached the
// disk in the clear.
//
// Runs alone or after the other journeys in the same scratch world: it makes
// the vault and adds Sam only when they are not there yet.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchAsSupervisor, SCRATCH } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, scanWithControl } from './lib/scan.mjs';

const SAM = 'Sam Okafor';
const ORG = "Northside Children's Services";
const ROLE = 'duty social worker';
const CONCERN = 'Client C-23 described leaving a seven-year-old alone overnight several times this month';
const SHARED = 'That C-23 disclosed repeated overnight neglect of a young child, and the case reference';
const BASIS = 'Safeguarding duty to a child at risk; professional code, section on limits of confidentiality';
const HOW = 'Phoned Sam the same afternoon; agreed that Sam would make the referral with me on the line';
const RESPONSE = 'Sam was relieved and wanted support making the call';
const OUTCOME = 'Joint referral made; Sam keeps working with C-23 under the safety plan';
const ADDENDUM = 'Correction: the referral was made the next morning, not the same afternoon';
const ISSUE = 'Client disclosed self-harm during a home visit';
const ADVICE = 'Advised to follow the safety plan and book an urgent GP appointment';
const NEEDLES = [CONCERN, SHARED, ORG, 'Northside Children', BASIS, HOW, RESPONSE, OUTCOME, ADDENDUM, ISSUE, ADVICE];

describe('paper trail: confidentiality-exception log and contact notes', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  /** The people list's row holding `name`, or undefined. */
  const personRow = async (name) => {
    for (const row of await app.all('person-row')) {
      const text = String(await row.getProperty('textContent')).normalize('NFC');
      if (text.includes(name)) return row;
    }
    return undefined;
  };

  const entryText = async () => (await app.text('exception-list')).normalize('NFC');

  step('1. start the app as a supervisor', async () => {
    app = await launchAsSupervisor();
    await assertAxeFlagsKnownDefects(app.browser);
  });

  step('2. open supervisee Sam Okafor (added if not there yet)', async () => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    // The list loads after the view appears: give it a moment before deciding.
    await app.waitUntil(
      async () => (await app.$('person-row').isExisting()) || (await app.$('people-empty').isExisting()),
      'the people list never loaded',
    ).catch(() => {});
    let row = await personRow(SAM);
    if (!row) {
      await app.click('people-add');
      await app.waitFor('person-form');
      await (await app.waitFor('person-kind')).selectByAttribute('value', 'person');
      await (await app.waitFor('person-relation')).selectByAttribute('value', 'i_supervise');
      await app.type('person-name', SAM);
      await app.click('person-save');
    } else {
      await row.click();
    }
    await app.waitFor('person-page');
    await app.waitFor('person-exceptions');
    await app.waitFor('person-contacts');
  });

  step('3. record an exception: risk to a client, shared with the duty social worker, discussed with Sam first', async () => {
    await app.click('exception-record');
    await app.waitFor('exception-dialog');
    await app.click('exception-kind-risk_of_harm');
    await app.type('exception-concern', CONCERN);
    await app.type('exception-shared', SHARED);
    await app.type('exception-organisation', ORG);
    await app.type('exception-role', ROLE);
    await app.type('exception-basis', BASIS);
    await app.click('exception-discussed-yes');
    await app.type('exception-discussed-how', HOW);
    await app.type('exception-response', RESPONSE);
    await app.type('exception-outcome', OUTCOME);
    await app.screenshot('exception-record.png');
    await app.click('exception-save');
    await app.waitGone('exception-dialog');
    await app.waitUntil(
      async () => (await entryText()).includes(`${ORG}, ${ROLE}`),
      async () => `the log never showed the entry: ${await entryText()}`,
    );
    const text = await entryText();
    for (const part of [CONCERN, SHARED, BASIS, HOW, RESPONSE, OUTCOME]) {
      assert.ok(text.includes(part), `the entry does not show ${JSON.stringify(part)}`);
    }
  });

  step('4. add a correction as an addendum; the original stays', async () => {
    const entries = await app.all('exception-entry');
    const ours = [];
    for (const e of entries) if ((await e.getText()).includes(CONCERN)) ours.push(e);
    assert.equal(ours.length, 1, 'exactly one entry holds the concern');
    await (await ours[0].$('[data-testid="exception-add-addendum"]')).click();
    await app.waitFor('addendum-dialog');
    await app.type('addendum-text', ADDENDUM);
    await app.click('addendum-save');
    await app.waitGone('addendum-dialog');
    await app.waitUntil(
      async () => (await entryText()).includes(ADDENDUM),
      async () => `the addendum never showed: ${await entryText()}`,
    );
    const text = await entryText();
    assert.ok(text.includes(HOW), 'the original text is still shown');
    assert.match(text, /Addendum 1, .+: Correction: the referral/);
    // Nothing on the page offers to delete or edit an entry.
    for (const e of await app.all('exception-entry')) {
      for (const b of await e.$$('button')) {
        assert.equal((await b.getText()).trim(), 'Add an addendum');
      }
    }
  });

  step('5. note a between-session phone call', async () => {
    await app.click('contact-add');
    await app.waitFor('contact-dialog');
    await (await app.waitFor('contact-mode')).selectByAttribute('value', 'phone');
    await app.type('contact-issue', ISSUE);
    await app.type('contact-advice', ADVICE);
    await app.screenshot('contact-note.png');
    await app.click('contact-save');
    await app.waitGone('contact-dialog');
    await app.waitUntil(
      async () => (await app.text('contact-list')).includes(ADVICE),
      async () => `the contact note never showed: ${await app.text('contact-list')}`,
    );
    assert.ok((await app.text('contact-list')).includes('Phone'));
    // The end of the page: the contacts section under the exception log.
    const section = await app.waitFor('person-contacts');
    await app.browser.execute((node) => node.scrollIntoView({ block: 'end' }), section);
    await app.screenshot('contacts.png');
  });

  step('6. screenshot the exception log (axe audit)', async () => {
    const log = await app.waitFor('person-exceptions');
    await app.browser.execute((node) => node.scrollIntoView({ block: 'start' }), log);
    await app.screenshot('exception-log.png');
  });

  step('7. while the app runs and after quitting, none of the text is on disk', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run through tests/e2e/run.sh');
    const dirs = [SCRATCH, dataDir, process.env.HOME];
    for (const when of ['live', 'after quitting']) {
      if (when === 'after quitting') await app.quit();
      const { files, bytes, hits } = await scanWithControl(dirs, NEEDLES, path.join(SCRATCH, 'scan-control-trail'));
      t.diagnostic(`${when}: searched ${files.length} files (${bytes} bytes); the positive control found every needle`);
      assert.deepEqual(hits, [], `plaintext found on disk (${when}):\n${describeHits(hits)}`);
    }
  });
});
