// Agreements due for review, in their slot on Today.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeAgreements } from '../../test/fakeAgreements';
import { FakeBackend } from '../../test/fakeBackend';
import { agreements } from '../stores/agreements.svelte';
import TodayReviews from './TodayReviews.svelte';

let backend: FakeBackend;
let fake: FakeAgreements;

function daysFromToday(days: number): string {
  const d = new Date(`${fake.today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

beforeEach(() => {
  agreements.reset();
  backend = new FakeBackend().install();
  fake = new FakeAgreements(backend);
  backend.settings.profile.name = 'Dana Whitfield';
});

describe('TodayReviews', () => {
  it('lists agreements due within 30 days or overdue, and opens one read-only', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter' });
    const priya = backend.seedPerson({ name: 'Priya Shah' });
    const later = backend.seedPerson({ name: 'Later Person' });
    const drafting = backend.seedPerson({ name: 'Draft Only' });
    fake.seedAcknowledged(sam.id, { effective_date: daysFromToday(-300), review_date: daysFromToday(10) });
    fake.seedAcknowledged(priya.id, { effective_date: daysFromToday(-400), review_date: daysFromToday(-3) });
    fake.seedAcknowledged(later.id, { effective_date: daysFromToday(-10), review_date: daysFromToday(90) });
    fake.seedDraft(drafting.id, { review_date: daysFromToday(5) });
    const user = userEvent.setup();
    render(TodayReviews);

    const section = await screen.findByTestId('today-reviews');
    const rows = within(section).getAllByTestId('today-review');
    expect(rows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Priya Shah — agreement version 1 review .*, overdue by 3 days$/),
      expect.stringMatching(/^Sam Carter — agreement version 1 review .*, due in 10 days$/),
    ]);
    expect(backend.callsTo('agreements_due_for_review')).toEqual([{ withinDays: 30 }]);

    await user.click(within(rows[1]).getByTestId('today-review-open'));
    const editor = await within(section).findByTestId('agreement-editor');
    expect(editor.dataset.status).toBe('acknowledged');
    expect(editor.querySelectorAll('input, textarea, select')).toHaveLength(0);
    expect(within(editor).getByTestId('agreement-revise')).toBeTruthy();

    await user.click(within(editor).getByTestId('agreement-close'));
    await waitFor(() => expect(within(section).queryByTestId('agreement-editor')).toBeNull());
    expect(within(section).getAllByTestId('today-review')).toHaveLength(2);
  });

  it('renders nothing when no review is due', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter' });
    fake.seedAcknowledged(sam.id, { review_date: daysFromToday(200) });
    const { container } = render(TodayReviews);
    await waitFor(() => expect(backend.callsTo('agreements_due_for_review')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId('today-reviews')).toBeNull();
    expect(container.textContent?.trim()).toBe('');
  });
});
