// Goals and development on a person's page: only for supervisees; the
// development stage and its history; a goal set there; coaching records,
// a follow-up scheduled, and a direct observation shown as evidence on the
// goal's history.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeGoals } from '../../test/fakeGoals';
import { goals } from '../stores/goals.svelte';
import { people } from '../stores/people.svelte';
import PersonGoals from './PersonGoals.svelte';

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

async function show(personId: string) {
  await people.open(personId);
  render(PersonGoals, { personId });
  return userEvent.setup();
}

describe('PersonGoals', () => {
  it('is not shown for an organisation or for my own supervisor', async () => {
    const orgId = backend.seedPerson({ name: 'Northside Crisis Line', kind: 'organisation', relation: 'none' }).id;
    await show(orgId);
    const bossId = backend.seedPerson({ name: 'Dana Whitfield', relation: 'supervises_me' }).id;
    await people.open(bossId);
    render(PersonGoals, { personId: bossId });
    expect(screen.queryByTestId('person-goals')).toBeNull();
    expect(backend.calls.some((c) => c.cmd === 'goals_list')).toBe(false);
  });

  it('says what to do when empty, then sets a development stage kept with its history', async () => {
    const user = await show(samId);
    const section = await screen.findByTestId('person-goals');
    expect(text(await within(section).findByTestId('stage-none'))).toMatch(/No development stage set/);
    expect(text(within(section).getByTestId('person-goal-list-empty'))).toMatch(/No goals yet/);
    expect(text(within(section).getByTestId('coaching-none'))).toMatch(/No coaching recorded/);

    for (const [stage, date] of [
      ['newly_qualified', '2026-01-05'],
      ['developing', '2026-09-01'],
    ]) {
      await user.click(within(section).getByTestId('stage-set'));
      const form = await screen.findByTestId('stage-form');
      await user.selectOptions(within(form).getByLabelText('Stage'), stage);
      const from = within(form).getByLabelText('From');
      await user.clear(from);
      await user.type(from, date);
      await user.click(within(form).getByTestId('stage-save'));
      await waitFor(() => expect(screen.queryByTestId('stage-form')).toBeNull());
    }
    expect(text(await within(section).findByTestId('stage-current'))).toMatch('Developing');
    expect(text(within(section).getByTestId('stage-history'))).toMatch('Newly qualified');
  });

  it('records a direct observation for a goal: evidence on its history, and a follow-up scheduled', async () => {
    fake.seedGoal(samId, { title: 'Use de-escalation with escalating callers' }, '2026-01-05');
    const user = await show(samId);
    const section = await screen.findByTestId('person-goals');
    await user.click(await within(section).findByTestId('coaching-new'));
    const form = await screen.findByTestId('coaching-form');
    await user.selectOptions(within(form).getByLabelText(/Skill/), fake.skillId('De-escalation'));
    await user.selectOptions(within(form).getByLabelText('Method'), 'direct_observation');
    await user.type(within(form).getByLabelText(/How it went/), 'Slowed the call down and named the anger.');
    await user.type(within(form).getByLabelText('Strengths noticed'), 'Calm voice');
    await user.selectOptions(
      within(form).getByLabelText('Goal it works towards'),
      fake.goals[0].id,
    );
    await user.click(within(form).getByLabelText(/Schedule a follow-up check-in/));
    await user.type(within(form).getByLabelText('Follow-up date'), '2026-12-14');
    await user.click(within(form).getByTestId('coaching-save'));
    await waitFor(() => expect(screen.queryByTestId('coaching-form')).toBeNull());

    expect(fake.followUps).toHaveLength(1);
    expect(fake.followUps[0]?.start).toBe('2026-12-14T10:00:00');
    const list = await within(section).findByTestId('coaching-list');
    expect(text(list)).toMatch('Direct observation');
    expect(text(list)).toMatch('Strengths: Calm voice');
    expect(text(list)).toMatch('Follow-up check-in scheduled on the calendar.');

    await user.click(within(section).getByRole('button', { name: 'Use de-escalation with escalating callers' }));
    const detail = await within(section).findByTestId('goal-detail');
    expect(text(within(detail).getByTestId('timeline-coaching'))).toMatch(
      'Evidence from coaching (Direct observation): De-escalation',
    );
  });

  it("shows the core's refusal and keeps the form open", async () => {
    const user = await show(samId);
    const section = await screen.findByTestId('person-goals');
    await user.click(await within(section).findByTestId('person-goal-new'));
    const form = await screen.findByTestId('goal-form');
    await user.type(within(form).getByLabelText(/Title/), 'Use de-escalation with escalating callers');
    await user.type(within(form).getByLabelText(/Target date/), '2020-01-01');
    await user.click(within(form).getByTestId('goal-save'));
    expect(text(await within(form).findByTestId('error'))).toMatch(
      'The target date is before the day the goal was set.',
    );
    expect(fake.goals).toHaveLength(0);
  });
});
