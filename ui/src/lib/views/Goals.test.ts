// The Goals section: empty states, the owner's own goals, supervisees'
// active goals grouped by person, a goal's history, the check-in form
// (evidence, labelled 1–5 rating), status changes and the skills list.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeGoals, SEED_SKILLS } from '../../test/fakeGoals';
import { goals } from '../stores/goals.svelte';
import { people } from '../stores/people.svelte';
import Goals from './Goals.svelte';

/** An element's text with its white space collapsed. */
function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let backend: FakeBackend;
let fake: FakeGoals;
let samId: string;

beforeEach(() => {
  people.reset();
  goals.reset();
  backend = new FakeBackend().install();
  fake = new FakeGoals(backend);
  backend.settings.roles = ['supervisor'];
  samId = backend.seedPerson({ name: 'Sam Okafor', relation: 'i_supervise' }).id;
});

function calls(cmd: string): number {
  return backend.calls.filter((c) => c.cmd === cmd).length;
}

describe('Goals section', () => {
  it('says what to do when there are no goals, and lists the seeded skills', async () => {
    render(Goals);
    expect(text(await screen.findByTestId('own-goal-list-empty'))).toMatch(/No goals for your own development yet/);
    expect(text(screen.getByTestId('supervisee-goals-empty'))).toMatch(/Open a supervisee under People/);
    await waitFor(() => expect(screen.getAllByTestId('skill-row')).toHaveLength(SEED_SKILLS.length));
    expect(text(screen.getByTestId('skill-list'))).toMatch('De-escalation');
  });

  it("groups supervisees' active goals by person and leaves out the rest", async () => {
    const alexId = backend.seedPerson({ name: 'Alex Ng', relation: 'i_supervise' }).id;
    fake.seedGoal(samId, { title: 'Use de-escalation with escalating callers' });
    fake.seedGoal(alexId, { title: 'Lead a case review' });
    const done = fake.seedGoal(alexId, { title: 'Finished goal' });
    fake.goals.find((g) => g.id === done.goal.id)!.status = 'achieved';
    fake.seedGoal(null, { title: 'Finish the supervision course' });
    render(Goals);
    await waitFor(() => expect(screen.getAllByTestId('goal-group')).toHaveLength(2));
    const groups = screen.getAllByTestId('goal-group').map((h) => h.textContent);
    expect(groups).toEqual(['Alex Ng', 'Sam Okafor']);
    expect(text(screen.getByTestId(`person-goals-${samId}`))).toMatch('Use de-escalation with escalating callers');
    expect(text(screen.getByTestId(`person-goals-${alexId}`))).not.toMatch('Finished goal');
    expect(text(screen.getByTestId('own-goal-list'))).toMatch('Finish the supervision course');
  });

  it('names damaged goals apart and still lists the others', async () => {
    fake.seedGoal(null, { title: 'Finish the supervision course' });
    const broken = fake.seedGoal(samId, { title: 'Broken goal' });
    fake.damaged.add(broken.goal.id);
    render(Goals);
    expect(text(await screen.findByTestId('goals-damaged'))).toMatch('One goal is damaged and cannot be shown');
    expect(text(screen.getByTestId('own-goal-list'))).toMatch('Finish the supervision course');
    expect(screen.queryByText('Broken goal')).toBeNull();
  });

  it('sets an own goal, then refuses an empty title without sending it', async () => {
    const user = userEvent.setup();
    render(Goals);
    await user.click(await screen.findByTestId('own-goal-new'));
    const form = await screen.findByTestId('goal-form');
    await user.click(within(form).getByTestId('goal-save'));
    expect(text(within(form).getByTestId('error'))).toMatch("The goal's title is empty");
    expect(calls('goal_create')).toBe(0);

    await user.type(within(form).getByLabelText(/Title/), 'Finish the supervision course');
    await user.click(within(form).getByLabelText('Long-term'));
    await user.click(within(form).getByLabelText('Advocacy'));
    await user.click(within(form).getByTestId('goal-save'));
    const detail = await screen.findByTestId('goal-detail');
    expect(text(within(detail).getByRole('heading', { level: 2 }))).toMatch('Finish the supervision course');
    expect(text(detail)).toMatch('Long-term');
    expect(text(detail)).toMatch('Skills: Advocacy');
    expect(text(within(detail).getByTestId('timeline-created'))).toMatch('Goal set: Finish the supervision course');
    expect(fake.goals[0].person_id).toBeNull();
  });

  it('records a check-in with evidence and a labelled rating, shown on the history', async () => {
    const user = userEvent.setup();
    fake.seedGoal(samId, { title: 'Use de-escalation with escalating callers' }, '2026-01-05');
    render(Goals);
    await user.click(await screen.findByRole('button', { name: 'Use de-escalation with escalating callers' }));
    await user.click(await screen.findByTestId('goal-check-in'));
    const form = await screen.findByTestId('checkin-form');
    await user.type(within(form).getByLabelText(/Progress note/), 'Paused and named the feeling on two calls.');
    await user.click(within(form).getByTestId('evidence-add'));
    await user.selectOptions(within(form).getByLabelText('Kind of evidence 1'), 'case_review');
    await user.type(within(form).getByLabelText('Reference 1'), 'Case review of C-17');

    // No rating yet: refused in the form, nothing sent.
    await user.click(within(form).getByTestId('checkin-save'));
    expect(text(within(form).getByTestId('error'))).toMatch('Choose a rating from 1 to 5.');
    expect(calls('goal_check_in')).toBe(0);

    const rating = within(form).getByRole('group', { name: /Rating/ });
    expect(within(rating).getAllByRole('radio')).toHaveLength(5);
    await user.click(within(rating).getByLabelText('3 — partly there'));
    await user.click(within(form).getByTestId('checkin-save'));
    await waitFor(() => expect(screen.queryByTestId('checkin-form')).toBeNull());

    const entry = screen.getByTestId('timeline-check_in');
    expect(text(entry)).toMatch('Check-in, rated 3 of 5');
    expect(text(entry)).toMatch('Paused and named the feeling on two calls.');
    expect(text(entry)).toMatch('Case review: Case review of C-17');
  });

  it("saves a goal's history as PDF where the person chooses; a cancel says nothing, an error is shown", async () => {
    const user = userEvent.setup();
    const seeded = fake.seedGoal(samId, { title: 'Use de-escalation with escalating callers' }, '2026-01-05');
    render(Goals);
    await user.click(await screen.findByRole('button', { name: 'Use de-escalation with escalating callers' }));
    let answer: (saved: boolean) => void = () => {};
    backend.on('goal_save_pdf', () => new Promise<boolean>((resolve) => (answer = resolve)));
    const button = (await screen.findByTestId('goal-save-pdf')) as HTMLButtonElement;
    expect(text(button)).toBe('Save as PDF…');
    await user.click(button);
    await waitFor(() => expect(text(button)).toBe('Saving…'));
    expect(button.disabled).toBe(true);
    answer(true);
    await waitFor(() => expect(text(screen.getByTestId('goal-pdf-saved'))).toBe('Saved as PDF.'));
    expect(text(button)).toBe('Save as PDF…');
    expect(backend.callsTo('goal_save_pdf')).toEqual([{ id: seeded.goal.id }]);

    backend.on('goal_save_pdf', () => false);
    await user.click(button);
    await waitFor(() => expect(backend.callsTo('goal_save_pdf')).toHaveLength(2));
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(screen.queryByTestId('goal-pdf-saved')).toBeNull();
    expect(screen.queryByTestId('error')).toBeNull();

    backend.fail('goal_save_pdf', { code: 'io', message: 'The file could not be written: the disk is full.' });
    await user.click(button);
    await waitFor(() => expect(text(screen.getByTestId('error'))).toMatch('the disk is full'));
    expect(screen.queryByTestId('goal-pdf-saved')).toBeNull();
  });

  it('warns under the progress note and evidence when text looks like a client name, without blocking', async () => {
    backend.on('name_guard_check', (args) =>
      String(args.text).includes('Mary Jones')
        ? [{ kind: 'full_name', excerpt: 'Mary Jones', message: '“Mary Jones” looks like a full name.' }]
        : [],
    );
    const user = userEvent.setup();
    fake.seedGoal(samId, { title: 'Use de-escalation with escalating callers' }, '2026-01-05');
    render(Goals);
    await user.click(await screen.findByRole('button', { name: 'Use de-escalation with escalating callers' }));
    await user.click(await screen.findByTestId('goal-check-in'));
    const form = await screen.findByTestId('checkin-form');
    const note = within(form).getByLabelText(/Progress note/);
    await user.type(note, 'Called Mary Jones back');
    await user.click(within(form).getByTestId('evidence-add'));
    const reference = within(form).getByLabelText('Reference 1');
    await user.type(reference, 'Feedback from Mary Jones');
    await waitFor(() => expect(within(form).getAllByText('“Mary Jones” looks like a full name.')).toHaveLength(2));
    for (const field of [note, reference]) {
      const ids = (field.getAttribute('aria-describedby') ?? '').split(' ');
      const hint = ids.map((i) => document.getElementById(i)).find((el) => el?.dataset.testid === 'name-guard');
      expect(text(hint ?? null)).toMatch('looks like a full name');
    }
    await user.click(within(form).getByLabelText('4 — mostly there'));
    await user.click(within(form).getByTestId('checkin-save'));
    await waitFor(() => expect(screen.queryByTestId('checkin-form')).toBeNull());
    expect(fake.checkIns).toHaveLength(1);
  });

  it('changes status with a reason; a dropped goal offers no check-in', async () => {
    const user = userEvent.setup();
    fake.seedGoal(null, { title: 'Read the new practice standards' }, '2026-01-05');
    render(Goals);
    await user.click(await screen.findByRole('button', { name: 'Read the new practice standards' }));
    await user.click(await screen.findByTestId('goal-change-status'));
    const form = await screen.findByTestId('status-form');
    await user.selectOptions(within(form).getByLabelText('New status'), 'dropped');
    await user.type(within(form).getByLabelText(/Reason/), 'Replaced by the team plan');
    await user.click(within(form).getByTestId('status-save'));
    await waitFor(() => expect(screen.queryByTestId('status-form')).toBeNull());
    const detail = screen.getByTestId('goal-detail');
    expect(text(within(detail).getByTestId('goal-status'))).toMatch('Dropped');
    expect(text(within(detail).getByTestId('timeline-status_changed'))).toMatch('Active → Dropped');
    expect(text(within(detail).getByTestId('timeline-status_changed'))).toMatch('Replaced by the team plan');
    expect(within(detail).queryByTestId('goal-check-in')).toBeNull();
    expect(text(detail)).toMatch('Change its status back to active to check in on it.');
  });

  it('adds and retires a skill; a retired skill is marked, not removed', async () => {
    const user = userEvent.setup();
    render(Goals);
    await waitFor(() => expect(screen.getAllByTestId('skill-row')).toHaveLength(SEED_SKILLS.length));
    await user.type(screen.getByLabelText('New skill'), 'Safeguarding');
    await user.click(screen.getByTestId('skill-add'));
    await waitFor(() => expect(screen.getAllByTestId('skill-row')).toHaveLength(SEED_SKILLS.length + 1));
    await user.click(screen.getByRole('button', { name: 'Retire Advocacy' }));
    await user.click(await screen.findByTestId('confirm-retire'));
    await waitFor(() => expect(text(screen.getByTestId('skill-list'))).toMatch('Advocacy (retired)'));
    expect(screen.queryByRole('button', { name: 'Retire Advocacy' })).toBeNull();
    // A duplicate name is refused with the core's message.
    await user.type(screen.getByLabelText('New skill'), 'de-escalation');
    await user.click(screen.getByTestId('skill-add'));
    expect(await screen.findByText('There is already a skill with that name.')).toBeTruthy();
  });
});
