// Goals and development through the real app (issue 7, items 6 and 7): on a
// supervisee's page, set their development stage, set a goal linked to a
// skill, record a check-in with evidence by case reference and a rating of
// 3, read the goal's history (screenshot goal-timeline), see the goal in
// the Goals section, and prove that nothing typed reached the disk in the
// clear, while the app runs and after it quits.
//
// run.sh runs the files one at a time in one scratch world, in name order,
// so this journey usually starts before the others and creates the vault;
// if the vault exists it unlocks into it, and it reuses a supervisee named
// Sam Okafor when one is listed.

import assert from 'node:assert/strict';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { after, describe } from 'node:test';
import { assertAxeFlagsKnownDefects } from './lib/axe.mjs';
import { launchAsSupervisor, SCRATCH } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';
import { describeHits, listFiles, scanWithControl } from './lib/scan.mjs';

// Realistic invented details; each is also a scan needle.
const SAM = 'Sam Okafor';
const GOAL = 'Use de-escalation with escalating callers';
const DESCRIPTION = 'Slow the call down and name the feeling before problem-solving';
const NOTE = 'Paused and reflected the caller’s anger back on two night-shift calls';
const EVIDENCE = 'Case review of C-17';
const STAGE_NOTE = 'Second year on the crisis line';
const NEEDLES = [
  SAM,
  'Okafor',
  GOAL,
  'escalating callers',
  DESCRIPTION,
  'name the feeling',
  NOTE,
  'night-shift calls',
  EVIDENCE,
  STAGE_NOTE,
  'crisis line',
  // A seeded skill name, sealed at first use like every skill.
  'Trauma-informed care',
];

describe('goals journey: stage, goal, check-in, timeline', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  const choose = async (id, value) => {
    const el = await app.waitFor(id);
    await el.selectByAttribute('value', value);
  };

  /** The people list's row holding `name`, or undefined. */
  const personRow = async (name) => {
    for (const row of await app.all('person-row')) {
      const text = String(await row.getProperty('textContent')).normalize('NFC');
      if (text.includes(name)) return row;
    }
    return undefined;
  };

  step('1. start the app as a supervisor', async () => {
    app = await launchAsSupervisor();
    await assertAxeFlagsKnownDefects(app.browser);
  });

  step('2. the Goals section says what to do while it is empty of supervisee goals', async () => {
    await app.click('nav-goals');
    await app.waitFor('goals-view');
    await app.waitFor('skill-list');
    await app.waitUntil(
      async () => (await app.text('skill-list')).includes('De-escalation'),
      'the seeded skills were not listed',
    );
  });

  step('3. open (or add) supervisee Sam Okafor', async () => {
    await app.click('nav-people');
    await app.waitFor('people-view');
    let row = await personRow(SAM);
    if (!row) {
      await app.click('people-add');
      await app.waitFor('person-form');
      await choose('person-kind', 'person');
      await choose('person-relation', 'i_supervise');
      await app.type('person-name', SAM);
      await app.click('person-save');
    } else {
      await row.click();
    }
    await app.waitFor('person-page');
    await app.waitFor('person-goals');
  });

  step('4. set Sam’s development stage', async () => {
    await app.click('stage-set');
    await app.waitFor('stage-form');
    await choose('stage-select', 'developing');
    await app.type('stage-note', STAGE_NOTE);
    await app.click('stage-save');
    await app.waitGone('stage-form');
    await app.waitFor('stage-current');
    await app.waitUntil(
      async () => (await app.text('stage-current')).includes('Developing'),
      'the stage was not shown',
    );
  });

  step('5. set a goal linked to de-escalation', async () => {
    await app.click('person-goal-new');
    const form = await app.waitFor('goal-form');
    await app.type('goal-title', GOAL);
    await app.type('goal-description', DESCRIPTION);
    const skills = await form.$$('input[type="checkbox"]');
    let linked = false;
    for (const box of skills) {
      const label = await box.parentElement();
      if ((await label.getText()).trim() === 'De-escalation') {
        await box.click();
        linked = true;
      }
    }
    assert.ok(linked, 'no De-escalation skill to link');
    await app.click('goal-save');
    await app.waitGone('goal-form');
    await app.waitFor('goal-detail');
    await app.waitUntil(
      async () => (await app.text('goal-detail')).includes(GOAL),
      'the new goal did not open',
    );
  });

  step('6. record a check-in rated 3 with evidence “Case review of C-17”; screenshot its history', async () => {
    await app.click('goal-check-in');
    await app.waitFor('checkin-form');
    await app.type('checkin-note', NOTE);
    await app.click('evidence-add');
    await choose('evidence-kind-0', 'case_review');
    await app.type('evidence-reference-0', EVIDENCE);
    await app.click('rating-3');
    await app.click('checkin-save');
    await app.waitGone('checkin-form');
    await app.waitFor('timeline-check_in');
    const entry = await app.text('timeline-check_in');
    assert.ok(entry.includes('rated 3 of 5'), `the check-in reads: ${entry}`);
    assert.ok(entry.includes(EVIDENCE), `the evidence is not on the timeline: ${entry}`);
    const detail = await app.waitFor('goal-detail');
    await app.browser.execute((node) => node.scrollIntoView({ block: 'start' }), detail);
    await app.screenshot('goal-timeline.png');
  });

  step('7. the Goals section lists Sam’s active goal under Sam', async () => {
    await app.click('nav-goals');
    await app.waitFor('goals-view');
    await app.waitUntil(
      async () => {
        const text = await app.text('goals-view');
        return text.includes(SAM) && text.includes(GOAL);
      },
      async () => `the Goals section shows: ${await app.text('goals-view')}`,
    );
    await app.screenshot('goals.png');
  });

  step('8. while the app runs, nothing typed is on disk', async (t) => {
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    assert.ok(SCRATCH && dataDir, 'run through tests/e2e/run.sh');
    const db = await dataDirSize(dataDir);
    const { files, bytes, hits } = await scanWithControl(
      scanDirs(dataDir),
      NEEDLES,
      path.join(SCRATCH, 'scan-control-goals'),
    );
    t.diagnostic(`live scan: ${files.length} files (${bytes} bytes; database ${db} bytes); control found every needle`);
    assert.deepEqual(hits, [], `plaintext found on disk while the app runs:\n${describeHits(hits)}`);
  });

  step('9. after quitting, nothing typed is on disk', async (t) => {
    await app.quit();
    const dataDir = process.env.CONFIDANT_DATA_DIR;
    const db = await dataDirSize(dataDir);
    const { files, bytes, hits } = await scanWithControl(
      scanDirs(dataDir),
      NEEDLES,
      path.join(SCRATCH, 'scan-control-goals'),
    );
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
