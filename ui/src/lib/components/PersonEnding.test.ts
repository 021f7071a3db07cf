// Ending supervision on a person's page: the summary previewed (nothing
// written), the core's refusal of a date before the start, the ending
// confirmed (the person archived), then the verification letter saved with
// the not-encrypted warning; a cancelled save dialog says nothing.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeEvaluations } from '../../test/fakeEvaluations';
import { evaluations } from '../stores/evaluations.svelte';
import { todayDay } from '../stores/goals.svelte';
import { people } from '../stores/people.svelte';
import PersonEnding from './PersonEnding.svelte';

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let backend: FakeBackend;
let fake: FakeEvaluations;
let samId: string;

beforeEach(() => {
  people.reset();
  evaluations.reset();
  backend = new FakeBackend().install();
  fake = new FakeEvaluations(backend);
  fake.today = todayDay();
  fake.summary = {
    ...fake.summary,
    sessions_held: 6,
    hours_by_form: [{ form: 'individual', sessions: 6, minutes: 390 }],
    total_minutes: 390,
    goals_met: [{ id: 'g1', title: 'Lead a risk review', status: 'achieved' }],
    outstanding: [{ id: 'a1', text: 'Update the safety plan', due: null, session_date: '2026-02-02' }],
  };
  backend.settings.roles = ['supervisor'];
  samId = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
});

async function show() {
  await people.open(samId);
  await evaluations.load(samId);
  render(PersonEnding, { personId: samId });
  return userEvent.setup();
}

describe('PersonEnding', () => {
  it('previews the summary, then ends supervision and archives the person', async () => {
    const user = await show();
    await user.click(await screen.findByTestId('ending-start'));
    const dialog = await screen.findByTestId('ending-form');
    await user.type(within(dialog).getByTestId('ending-reason'), 'Licensure reached.');
    await user.click(within(dialog).getByTestId('referral-add'));
    await user.selectOptions(within(dialog).getByTestId('referral-kind-0'), 'peer_support');
    await user.type(within(dialog).getByTestId('referral-to-0'), 'North district peer group');
    await user.click(within(dialog).getByTestId('ending-preview'));
    const summary = await within(dialog).findByTestId('ending-summary');
    expect(text(within(summary).getByTestId('summary-sessions'))).toBe('6');
    expect(text(within(summary).getByTestId('summary-hours'))).toBe('6.50 in all: Individual 6.50');
    expect(text(within(summary).getByTestId('summary-outstanding'))).toBe('Update the safety plan');
    expect(backend.callsTo('ending_confirm')).toHaveLength(0);
    expect(backend.people.find((p) => p.id === samId)?.archived).toBe(false);

    await user.click(within(dialog).getByTestId('ending-confirm'));
    await waitFor(() => expect(screen.queryByTestId('ending-form')).toBeNull());
    expect(backend.people.find((p) => p.id === samId)?.archived).toBe(true);
    expect(people.person?.archived).toBe(true);
    expect(text(screen.getByTestId('ending-done'))).toContain('Licensure reached.');
    expect(text(screen.getByTestId('person-ending'))).toContain('Peer support: North district peer group');
    expect(text(screen.getByTestId('letter-warning'))).toBe(
      'The PDF file is not encrypted: anyone who can open the folder you save it in can read it.',
    );

    await user.click(screen.getByTestId('ending-save-letter'));
    expect(text(await screen.findByTestId('letter-saved'))).toBe('Saved the verification letter as PDF.');
    expect(fake.letters).toEqual([samId]);
  });

  it("shows the core's refusal of an ending before the start and writes nothing", async () => {
    fake.summary = { ...fake.summary, start_date: '2999-01-01' };
    const user = await show();
    await user.click(await screen.findByTestId('ending-start'));
    const dialog = await screen.findByTestId('ending-form');
    await user.click(within(dialog).getByTestId('ending-preview'));
    expect(text(await within(dialog).findByRole('alert'))).toBe(
      'The ending date is before supervision started (2999-01-01).',
    );
    expect(within(dialog).queryByTestId('ending-confirm')).toBeNull();
    expect(fake.endings).toHaveLength(0);
  });

  it('says nothing when the save dialog is cancelled', async () => {
    fake.letterAnswer = false;
    const user = await show();
    await user.click(await screen.findByTestId('ending-start'));
    const dialog = await screen.findByTestId('ending-form');
    await user.click(within(dialog).getByTestId('ending-preview'));
    await user.click(await within(dialog).findByTestId('ending-confirm'));
    await user.click(await screen.findByTestId('ending-save-letter'));
    await waitFor(() => expect(screen.getByTestId('ending-save-letter').textContent).toContain('Save verification letter'));
    expect(screen.queryByTestId('letter-saved')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
