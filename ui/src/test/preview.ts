// Dev only, never built into the app (vite builds index.html alone): the app
// on the unit tests' fake backend with invented people, for looking at
// screens in a browser. `npx vite`, then open /preview.html with, e.g.,
//   ?state=unlocked&click=nav-calendar,calendar-month   (testids, or text:Label)
//   &initials=1&clock=h24&order=dmy&agreement=1&focus=<css selector>
//   ?state=no_vault | locked | damaged&message=...
import { mockWindows } from '@tauri-apps/api/mocks';
import { mount } from 'svelte';
import '../app.css';
import App from '../App.svelte';
import { nav } from '../lib/stores/nav.svelte';
import { FakeBackend } from './fakeBackend';
import { FakeSchedule } from './fakeSchedule';
import { FakeAgreements } from './fakeAgreements';
import { FakeTrail } from './fakeTrail';
import { FakeDataRights } from './fakeDataRights';
import { FakeWellbeing } from './fakeWellbeing';
import type { SeriesInput } from '../lib/bindings';

const params = new URLSearchParams(location.search);
mockWindows('main');
const backend = new FakeBackend((params.get('state') as 'unlocked') ?? 'locked');
backend.settings.roles = ['supervisor'];
backend.settings.profile.name = 'Dana Whitfield';
if (params.get('initials')) backend.settings.preferences.show_initials = true;
if (params.get('clock')) backend.settings.preferences.clock = params.get('clock') as 'h12';
if (params.get('order')) backend.settings.preferences.date_order = params.get('order') as 'dmy';
if (params.get('message')) backend.message = params.get('message');
const sam = backend.seedPerson({ name: 'Sam Okafor' }).id;
const alex = backend.seedPerson({ name: 'Alex Rivera' }).id;
const long = backend.seedPerson({ name: 'Maria-Christina Vandenberghe-Oyelaran' }).id;
const priya = backend.seedPerson({ name: 'Priya Shah' }).id;
const fake = new FakeSchedule();
backend.extend(fake.extension);
const agreements = new FakeAgreements(backend);
new FakeTrail(backend);
new FakeDataRights(backend);
new FakeWellbeing(backend);
if (params.get('agreement')) agreements.seedAcknowledged(sam);
const pad = (n: number) => String(n).padStart(2, '0');
const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const s = (person: string, offset: number, start: string, end: string, extra: Partial<SeriesInput> = {}) =>
  fake.seed({
    person_id: person, kind: 'individual', time_zone: 'UTC',
    start: `${day(offset)}T${start}:00`, end: `${day(offset)}T${end}:00`,
    recurrence: null, location: '', reminder: { type: 'default' }, calendar_code: '', ...extra,
  });
s(sam, 0, '21:00', '22:00');
s(alex, 0, '21:30', '22:30');
s(long, 1, '10:00', '11:00');
s(priya, 2, '15:00', '16:00', { kind: 'peer' });
s(sam, 1, '09:00', '10:00', {
  recurrence: { pattern: { type: 'weekly', weekdays: ['monday', 'wednesday', 'friday'] }, interval: 1, end: { type: 'count', count: 30 } },
});
s(long, 1, '11:00', '12:00', {
  recurrence: { pattern: { type: 'weekly', weekdays: ['monday', 'tuesday', 'friday'] }, interval: 1, end: { type: 'count', count: 30 } },
});
s(alex, 1, '13:00', '14:00', {
  recurrence: { pattern: { type: 'weekly', weekdays: ['monday', 'thursday'] }, interval: 1, end: { type: 'count', count: 30 } },
});
s(priya, 1, '16:00', '17:00', {
  recurrence: { pattern: { type: 'weekly', weekdays: ['monday', 'friday'] }, interval: 1, end: { type: 'count', count: 30 } },
});
backend.install();
mount(App, { target: document.getElementById('app')! });

if (params.get('offer')) setTimeout(() => (nav.offerPasscode = true), 500);

const clicks = (params.get('click') ?? '').split(',').filter(Boolean);
(async () => {
  for (const id of clicks) {
    for (let i = 0; i < 50; i++) {
      const el = id.startsWith('text:')
        ? Array.from(document.querySelectorAll<HTMLElement>('button, a')).find((b) => b.textContent?.includes(id.slice(5))) ?? null
        : document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (el) { el.click(); break; }
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const focus = params.get('focus');
  if (focus) document.querySelector<HTMLElement>(focus)?.focus();
  document.title = 'ready';
})();
