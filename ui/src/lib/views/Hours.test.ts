// The Hours section: choosing a supervisee, the ledger by month, an entry
// returned with a comment then approved, sign-off refused while returned,
// then a month signed off and locked.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeHours } from '../../test/fakeHours';
import { hours } from '../stores/hours.svelte';
import { people } from '../stores/people.svelte';
import Hours from './Hours.svelte';

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let backend: FakeBackend;
let fake: FakeHours;
let samId: string;

beforeEach(() => {
  people.reset();
  hours.reset();
  backend = new FakeBackend().install();
  fake = new FakeHours(backend);
  backend.settings.roles = ['supervisor'];
  samId = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
});

describe('Hours section', () => {
  it('asks for a supervisee first, and says when there is nobody to choose', async () => {
    render(Hours);
    expect(text(await screen.findByTestId('hours-choose'))).toMatch('Choose a supervisee to see their hours.');
  });

  it('returns an entry with a comment, refuses sign-off until it is approved, then locks the month', async () => {
    const user = userEvent.setup();
    fake.seedSession(samId, '2026-01-05');
    fake.seedSession(samId, '2026-01-12');
    render(Hours);
    await waitFor(() => expect(screen.getByRole('option', { name: 'Sam Okafor' })).toBeTruthy());
    await user.selectOptions(screen.getByTestId('hours-person'), samId);
    await user.selectOptions(await screen.findByTestId('hours-month'), '2026-01');
    const rows = await screen.findAllByTestId('hours-item');
    expect(rows).toHaveLength(2);
    expect(text(rows[0])).toMatch('1 h');
    await user.click(within(rows[1]).getByTestId('hours-return'));
    await user.click(screen.getByTestId('hours-return-dialog-confirm'));
    expect(text(screen.getByTestId('hours-return-dialog'))).toMatch('Comment is empty');
    await user.type(screen.getByTestId('hours-return-dialog-text'), 'Was this 50 minutes?');
    await user.click(screen.getByTestId('hours-return-dialog-confirm'));
    await waitFor(() => expect(text(screen.getAllByTestId('hours-item')[1])).toMatch('Returned'));
    expect(text(screen.getAllByTestId('hours-item')[1])).toMatch('Was this 50 minutes?');

    await user.click(screen.getByTestId('hours-sign-off'));
    await user.type(screen.getByTestId('hours-sign-off-name'), 'Dr Maya Lindqvist');
    await user.click(screen.getByTestId('hours-sign-off-confirm'));
    expect(text(await screen.findByRole('alert'))).toMatch('returned and are not yet approved: 2026-01-12');
    await user.click(screen.getByText('Cancel'));

    await user.click(within(screen.getAllByTestId('hours-item')[1]).getByTestId('hours-approve'));
    await waitFor(() => expect(text(screen.getAllByTestId('hours-item')[1])).toMatch('Approved'));
    await user.click(screen.getByTestId('hours-sign-off'));
    await user.type(screen.getByTestId('hours-sign-off-name'), 'Dr Maya Lindqvist');
    await user.click(screen.getByTestId('hours-sign-off-confirm'));
    await waitFor(() => expect(screen.queryByTestId('hours-sign-off-dialog')).toBeNull());
    for (const row of screen.getAllByTestId('hours-item')) {
      expect(text(row)).toMatch('Signed off');
      expect(within(row).queryByTestId('hours-return')).toBeNull();
    }
    await user.click(screen.getByTestId('hours-tab-sign-offs'));
    expect(text(screen.getByTestId('sign-off-log'))).toMatch('Signed off by Dr Maya Lindqvist');
  });

  it('adds supervision received elsewhere, showing the core’s error and keeping the dialog until it is right', async () => {
    const user = userEvent.setup();
    fake.seedSession(samId, '2026-01-05');
    render(Hours);
    await waitFor(() => expect(screen.getByRole('option', { name: 'Sam Okafor' })).toBeTruthy());
    await user.selectOptions(screen.getByTestId('hours-person'), samId);
    await user.click(await screen.findByTestId('hours-add-entry'));
    const dialog = screen.getByTestId('hours-entry-dialog');
    await user.clear(within(dialog).getByTestId('hours-entry-minutes'));
    await user.type(within(dialog).getByTestId('hours-entry-minutes'), '1500');
    await user.type(within(dialog).getByTestId('hours-entry-supervisor'), 'Dr Ines Alvarado');
    await user.click(within(dialog).getByTestId('hours-entry-confirm'));
    expect(text(await within(dialog).findByRole('alert'))).toMatch('A day has at most 1,440 minutes');
    await user.clear(within(dialog).getByTestId('hours-entry-minutes'));
    await user.type(within(dialog).getByTestId('hours-entry-minutes'), '90');
    await user.click(within(dialog).getByTestId('hours-entry-confirm'));
    await waitFor(() => expect(screen.queryByTestId('hours-entry-dialog')).toBeNull());
    const rows = screen.getAllByTestId('hours-item');
    const manual = rows.find((r) => text(r).includes('Manual: Dr Ines Alvarado'));
    expect(text(manual ?? null)).toMatch('1.5 h');
  });
});
