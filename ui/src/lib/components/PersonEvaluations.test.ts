// Evaluations on a person's page: only for supervisees; the empty state; a
// midpoint evaluation with both sides' ratings, an action plan that sets
// goals and the supervision check; the core's refusal shown; a check taken
// on its own at an agreement review.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeEvaluations } from '../../test/fakeEvaluations';
import type { EvaluationInput } from '../bindings';
import { evaluations } from '../stores/evaluations.svelte';
import { todayDay } from '../stores/goals.svelte';
import { people } from '../stores/people.svelte';
import PersonEvaluations from './PersonEvaluations.svelte';

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
  backend.settings.roles = ['supervisor'];
  samId = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
});

async function show(personId: string) {
  await people.open(personId);
  render(PersonEvaluations, { personId });
  return userEvent.setup();
}

describe('PersonEvaluations', () => {
  it('is not shown for an organisation or for my own supervisor', async () => {
    const orgId = backend.seedPerson({ name: 'Northside Crisis Line', kind: 'organisation', relation: 'none' }).id;
    await show(orgId);
    const bossId = backend.seedPerson({ name: 'Dana Whitfield', relation: 'supervises_me' }).id;
    await people.open(bossId);
    render(PersonEvaluations, { personId: bossId });
    expect(screen.queryByTestId('person-evaluations')).toBeNull();
    expect(backend.calls.some((c) => c.cmd === 'evaluations_list')).toBe(false);
  });

  it('records a midpoint evaluation with both ratings, an action plan that sets goals and the check', async () => {
    const user = await show(samId);
    expect(text(await screen.findByTestId('evaluations-none'))).toContain('No evaluations yet');
    await user.click(screen.getByTestId('evaluation-new-midpoint'));
    const dialog = await screen.findByTestId('evaluation-form');
    // Nothing rated: refused before sending.
    await user.click(within(dialog).getByTestId('evaluation-save'));
    expect(text(dialog)).toContain('Rate at least one competency area.');
    expect(backend.callsTo('evaluation_create')).toHaveLength(0);

    await user.selectOptions(within(dialog).getByLabelText('Your rating for Ethics, standards and accountability'), '4');
    await user.selectOptions(
      within(dialog).getByLabelText("The supervisee's self-assessment for Ethics, standards and accountability"),
      '3',
    );
    await user.type(within(dialog).getByTestId('evaluation-supervisor-comments'), 'Growing confidence in risk conversations.');
    await user.click(within(dialog).getByTestId('plan-add'));
    await user.type(within(dialog).getByTestId('plan-title-0'), 'Lead a risk review with the team');
    await user.selectOptions(
      within(dialog).getByLabelText('Supervisee: Power is shared: neither of us holds all of it.'),
      '2',
    );
    await user.click(within(dialog).getByTestId('evaluation-save'));
    await waitFor(() => expect(screen.queryByTestId('evaluation-form')).toBeNull());

    const sent = backend.callsTo('evaluation_create')[0].input as EvaluationInput;
    expect(sent.ratings).toEqual([
      expect.objectContaining({ supervisor: 4, supervisee: 3 }),
    ]);
    expect(sent.action_plan).toEqual([{ title: 'Lead a risk review with the team', description: '', target_date: null }]);
    expect(sent.check?.supervisee.power_balance).toBe(2);

    expect(text(screen.getByTestId('evaluations-notice'))).toBe(
      'The midpoint evaluation was saved, and its action plan set 1 goal.',
    );
    const item = screen.getByTestId('evaluation-item');
    const cells = (row: Element) => Array.from(row.children).map((c) => text(c));
    const [ratingRow] = item.querySelectorAll('tbody tr');
    expect(cells(ratingRow)).toEqual(['Ethics, standards and accountability', '4 — Competent', '3 — Developing', '']);
    expect(text(within(item).getByTestId('evaluation-plan'))).toBe('Lead a risk review with the team Goal set');
    const checkRows = within(item).getByTestId('check-table').querySelectorAll('tbody tr');
    expect(cells(checkRows[2])).toEqual(['Power is shared: neither of us holds all of it.', 'Not answered', '2 — Disagree']);
  });

  it('retires an area from the form and adds one of its own', async () => {
    const user = await show(samId);
    await user.click(await screen.findByTestId('evaluation-new-midpoint'));
    const dialog = await screen.findByTestId('evaluation-form');
    await user.click(within(dialog).getByRole('button', { name: 'Retire “Knowledge and skills”' }));
    await waitFor(() => expect(within(dialog).queryByText('Knowledge and skills')).toBeNull());
    expect(fake.areas.find((a) => a.name === 'Knowledge and skills')?.retired).toBe(true);
    await user.type(within(dialog).getByLabelText('Add an area'), 'Working with interpreters');
    await user.click(within(dialog).getByTestId('area-add'));
    expect(await within(dialog).findByLabelText('Your rating for Working with interpreters')).toBeTruthy();
  });

  it("shows the core's refusal and keeps the form open", async () => {
    backend.fail('evaluation_create', {
      code: 'invalid_input',
      message: 'A midpoint evaluation cannot be made for someone archived: their supervision has ended.',
    });
    const user = await show(samId);
    await user.click(await screen.findByTestId('evaluation-new-midpoint'));
    const dialog = await screen.findByTestId('evaluation-form');
    await user.selectOptions(within(dialog).getByTestId('rating-supervisor-0'), '2');
    await user.click(within(dialog).getByTestId('evaluation-save'));
    expect(text(await within(dialog).findByRole('alert'))).toContain('cannot be made for someone archived');
    expect(screen.getByTestId('evaluation-form')).toBeTruthy();
  });

  it('takes a check on its own at an agreement review and lists it', async () => {
    const user = await show(samId);
    expect(text(await screen.findByTestId('checks-none'))).toContain('No checks outside evaluations');
    await user.click(screen.getByTestId('check-new'));
    const dialog = await screen.findByTestId('check-form');
    await user.click(within(dialog).getByTestId('check-save'));
    expect(text(dialog)).toContain('The supervision check has no answers');
    await user.selectOptions(within(dialog).getByTestId('check-supervisor-trust'), '4');
    await user.type(within(dialog).getByTestId('check-supervisee-comment'), 'Better since we share the agenda.');
    await user.click(within(dialog).getByTestId('check-save'));
    await waitFor(() => expect(screen.queryByTestId('check-form')).toBeNull());
    const item = screen.getByTestId('check-item');
    expect(text(item)).toContain('At an agreement review');
    expect(text(item)).toContain('Supervisee: Better since we share the agenda.');
    expect(backend.callsTo('supervision_check_create')[0].input).toEqual(
      expect.objectContaining({ occasion: 'agreement_review' }),
    );
  });

  it('offers no new evaluation once the person is archived', async () => {
    await people.open(samId);
    backend.people.find((p) => p.id === samId)!.archived = true;
    await people.open(samId);
    render(PersonEvaluations, { personId: samId });
    expect(text(await screen.findByTestId('evaluations-archived'))).toBe(
      'Supervision has ended. These are kept for the record.',
    );
    expect(screen.queryByTestId('evaluation-new-midpoint')).toBeNull();
  });
});
