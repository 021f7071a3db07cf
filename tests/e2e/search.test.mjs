// Search through the real app (issue 9, item 6): add (or reuse) supervisee
// Sam Okafor, press Ctrl+K from another section, type part of the name,
// see the result with the match highlighted (screenshot search.png), open
// it with the arrow keys and Enter, and come back with Esc.
//
// run.sh runs the files one at a time in one scratch world; if the vault
// exists this journey unlocks into it and reuses Sam Okafor when listed.

import assert from 'node:assert/strict';
import { after, describe } from 'node:test';
import { launchAsSupervisor } from './lib/app.mjs';
import { stepper } from './lib/journey.mjs';

const SAM = 'Sam Okafor';

describe('search journey: Ctrl+K, type, open', () => {
  /** @type {import('./lib/app.mjs').App | undefined} */
  let app;
  const step = stepper(() => app);

  after(async () => {
    if (app?.running) await app.quit().catch(() => {});
  });

  const personRow = async (name) => {
    for (const row of await app.all('person-row')) {
      const text = String(await row.getProperty('textContent')).normalize('NFC');
      if (text.includes(name)) return row;
    }
    return undefined;
  };

  step('1. start the app as a supervisor with supervisee Sam Okafor', async () => {
    app = await launchAsSupervisor();
    await app.click('nav-people');
    await app.waitFor('people-view');
    if (!(await personRow(SAM))) {
      await app.click('people-add');
      await app.waitFor('person-form');
      const kind = await app.waitFor('person-kind');
      await kind.selectByAttribute('value', 'person');
      const relation = await app.waitFor('person-relation');
      await relation.selectByAttribute('value', 'i_supervise');
      await app.type('person-name', SAM);
      await app.click('person-save');
      await app.waitFor('person-page');
    }
  });

  step('2. Ctrl+K from Settings opens Search with the box focused', async () => {
    await app.click('nav-settings');
    await app.waitFor('settings-view');
    await app.browser.keys(['Control', 'k']);
    const box = await app.waitFor('search-box');
    await app.waitUntil(async () => await box.isFocused(), 'the search box did not take the focus');
  });

  step('3. typing finds Sam with the match highlighted; screenshot', async () => {
    await app.browser.keys([...'okaf']);
    await app.waitUntil(
      async () => (await app.all('search-hit')).length > 0,
      'no result for "okaf"',
    );
    const hit = (await app.all('search-hit'))[0];
    const mark = await hit.$('mark');
    // FTS5 marks the whole word a prefix matched.
    assert.equal((await mark.getText()).toLowerCase(), 'okafor');
    await app.waitFor('search-count');
    await app.screenshot('search.png');
  });

  step('4. ArrowDown + Enter opens the person page; back with Ctrl+K and Esc', async () => {
    await app.browser.keys(['ArrowDown', 'Enter']);
    await app.waitFor('person-page');
    await app.browser.keys(['Control', 'k']);
    await app.waitFor('search-box');
    await app.browser.keys(['Escape']);
    await app.browser.keys(['Escape']);
    await app.waitGone('search-box');
  });
});
