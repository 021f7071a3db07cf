// Benchmark (not a test): how the month view renders in the real app with a
// realistic year — 30 supervisees and 5 groups with weekly, fortnightly and
// monthly sessions. Prints the time from clicking "Month" (and "next month")
// to the painted grid, and the longest frame seen meanwhile.
//
//   bash tests/e2e/run.sh tests/e2e/bench-month.mjs
//
// Seeding goes through the app's own commands (the same IPC the UI uses), so
// it exercises the real core; the measurement then drives the real UI.

import { launchApp, TIMEOUT_MS } from './lib/app.mjs';

const PEOPLE = 30;
const GROUPS = 5;
const RUNS = 5;

const app = await launchApp();
try {
  await app.waitUntil(
    async () => (await app.$('app-shell').isExisting()) || (await app.$('create-vault').isExisting()),
    'neither the app shell nor onboarding appeared',
  );
  if (await app.$('create-vault').isExisting()) {
    await app.click('role-supervisor');
    await app.click('create-vault');
    const code = (await app.text('recovery-code')).match(/[A-Z2-9]{4}(?:-[A-Z2-9]{4}){6}/);
    await app.click('kit-saved');
    await app.click('kit-continue');
    await app.type('recovery-input', code[0]);
    await app.click('confirm-recovery');
  }
  await app.waitFor('app-shell');

  const seeded = await app.browser.executeAsync(
    (people, groups, done) => {
      const invoke = window.__TAURI_INTERNALS__.invoke;
      const blank = {
        pronouns: '', email: '', phone: '', organisation_id: null, professional_role: '',
        licence_number: '', licence_body: '', licensure_plan: '', start_date: null, end_date: null,
        notes: '', members: [], facilitator_id: null,
      };
      const pad = (n) => String(n).padStart(2, '0');
      const day = new Date();
      const first = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-01`;
      const patterns = [
        { pattern: { type: 'weekly', weekdays: [] }, interval: 1 },
        { pattern: { type: 'weekly', weekdays: [] }, interval: 2 },
        { pattern: { type: 'monthly_by_weekday', week: 2, weekday: 'tuesday' }, interval: 1 },
        { pattern: { type: 'monthly_by_date', day: 15 }, interval: 1 },
      ];
      (async () => {
        const t0 = performance.now();
        let series = 0;
        for (let i = 0; i < people + groups; i += 1) {
          const group = i >= people;
          const person = await invoke('person_create', {
            input: { ...blank, kind: group ? 'group' : 'person', relation: 'i_supervise', name: `Bench ${i}` },
          });
          const hour = 8 + (i % 9);
          const p = patterns[i % patterns.length];
          await invoke('schedule_create', {
            input: {
              person_id: person.id,
              kind: group ? 'group' : 'individual',
              time_zone: 'Europe/London',
              start: `${first}T${pad(hour)}:00:00`,
              end: `${first}T${pad(hour + 1)}:00:00`,
              recurrence: { pattern: p.pattern, interval: p.interval, end: { type: 'count', count: 52 } },
              location: '',
              reminder: { type: 'default' },
              calendar_code: '',
            },
          });
          series += 1;
        }
        done({ series, ms: performance.now() - t0 });
      })().catch((e) => done({ error: String(e?.message ?? JSON.stringify(e)) }));
    },
    PEOPLE,
    GROUPS,
  );
  if (seeded.error) throw new Error(`seeding failed: ${seeded.error}`);

  await app.click('nav-calendar');
  await app.waitFor('calendar-view');

  /** Clicks `id`, then waits for the month grid and two frames; returns timings. */
  const measure = async (id) => {
    await app.browser.execute(() => {
      window.__bench = { frames: [], last: performance.now(), t0: performance.now(), running: true };
      const tick = (now) => {
        const b = window.__bench;
        b.frames.push(now - b.last);
        b.last = now;
        if (b.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await app.click(id);
    await app.waitFor('calendar-month-grid', TIMEOUT_MS);
    return app.browser.executeAsync((done) => {
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const b = window.__bench;
          b.running = false;
          const chips = document.querySelectorAll('[data-testid="session-chip"]').length;
          done({ ms: performance.now() - b.t0, longest: Math.max(0, ...b.frames), chips });
        }),
      );
    });
  };

  const rows = [];
  for (let i = 0; i < RUNS; i += 1) {
    await app.click('calendar-week');
    await app.waitFor('calendar-week-grid');
    rows.push({ what: 'Week → Month', ...(await measure('calendar-month')) });
    rows.push({ what: 'next month', ...(await measure('calendar-next')) });
    await app.click('calendar-today');
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\nMonth view with ${seeded.series} series (${PEOPLE} supervisees, ${GROUPS} groups), seeded in ${seeded.ms.toFixed(0)} ms`);
  for (const what of ['Week → Month', 'next month']) {
    const r = rows.filter((x) => x.what === what);
    const longest = Math.max(...r.map((x) => x.longest));
    console.log(
      `  ${what.padEnd(13)} click → painted: median ${median(r.map((x) => x.ms)).toFixed(1)} ms; ` +
        `longest frame ${longest.toFixed(1)} ms (target ≤ 100 ms: ${longest <= 100 ? 'PASS' : 'MISS'}); ` +
        `${median(r.map((x) => x.chips))} session chips`,
    );
  }
  console.log('  (includes WebDriver round trips; frames are requestAnimationFrame intervals in the webview)\n');
} finally {
  await app.quit();
}
