// The agenda shows what was brought to supervision: flagged in your own
// journal, or shared by the supervisee in a packet, with the extract.
import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeRecords } from '../../test/fakeRecords';
import { scheduleWorld, seriesInput } from '../../test/scheduleWorld';
import type { Agenda, OccurrenceKey } from '../bindings';
import { records } from '../stores/records.svelte';
import { settings } from '../stores/settings.svelte';
import AgendaPanel from './AgendaPanel.svelte';

vi.stubEnv('TZ', 'UTC');

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let next: OccurrenceKey;
let brought: Agenda['brought'];

beforeEach(async () => {
  const { backend, fake, sam } = scheduleWorld();
  records.reset();
  backend.settings.preferences.date_order = 'dmy';
  const fakeRecords = new FakeRecords(backend, fake);
  const start = '2026-03-16T10:00:00';
  next = { series_id: fake.seed(seriesInput(sam, 'UTC', { start, end: '2026-03-16T11:00:00' })), original_start: start };
  brought = [];
  backend.on('agenda_get', (args) => ({ ...fakeRecords.agenda(args.key as OccurrenceKey), brought }));
  await settings.load();
});

describe('brought to supervision on the agenda', () => {
  it('lists flagged and shared items with their extract, who and when', async () => {
    brought = [
      { id: 'f1', origin: 'flagged', title: 'Lone working', text: 'I felt unsafe on the stairwell.', date: '2026-03-10' },
      { id: 's1', origin: 'shared', title: 'A hard home visit', text: '', date: '2026-03-12' },
    ];
    render(AgendaPanel, { occurrenceKey: next, when: 'Mon 16 Mar, 10:00', nameOf: () => 'Sam Okafor', onClose: () => undefined });
    const items = await screen.findAllByTestId('agenda-brought-item');
    expect(items.map(text)).toEqual([
      'Lone working I felt unsafe on the stairwell. Flagged by you on 10 March 2026',
      'A hard home visit Shared by Sam Okafor on 12 March 2026',
    ]);
    expect(screen.queryByTestId('agenda-empty')).toBeNull();
  });

  it('shows no such part when nothing was brought', async () => {
    render(AgendaPanel, { occurrenceKey: next, when: 'Mon 16 Mar, 10:00', nameOf: () => 'Sam Okafor', onClose: () => undefined });
    await screen.findByTestId('agenda-empty');
    expect(screen.queryByTestId('agenda-brought')).toBeNull();
  });
});
