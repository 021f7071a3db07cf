// The schedule form takes its length and frequency from the agreement in force.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAgreements } from '../test/fakeAgreements';
import { FakeBackend } from '../test/fakeBackend';
import { addMinutesToTime, calendar } from './stores/calendar.svelte';

let backend: FakeBackend;
let fake: FakeAgreements;

beforeEach(() => {
  calendar.reset();
  calendar.closeForm();
  backend = new FakeBackend().install();
  backend.state = 'unlocked';
  fake = new FakeAgreements(backend);
  backend.settings.profile.name = 'Dana Whitfield';
});

describe('schedule defaults from the agreement', () => {
  it('uses the acknowledged agreement’s session length and frequency', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    fake.seedAcknowledged(sam.id, { session_minutes: 90, frequency: 'fortnightly' });

    calendar.startNew(sam.id);
    await vi.waitFor(() => expect(calendar.agreementNote).toContain('agreement'));
    const fields = calendar.form?.fields;
    expect(fields?.end).toBe(addMinutesToTime(fields?.start ?? '', 90));
    expect(fields?.repeat).toBe('weeks');
    expect(fields?.interval).toBe(2);
    expect(backend.callsTo('agreement_current')).toEqual([{ personId: sam.id }]);
  });

  it('ignores drafts and keeps the defaults when there is no agreement in force', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    fake.seedDraft(sam.id, { session_minutes: 90 });

    calendar.startNew(sam.id);
    await vi.waitFor(() => expect(backend.callsTo('agreement_current')).toHaveLength(1));
    await Promise.resolve();
    expect(calendar.form?.fields.end).toBe('11:00');
    expect(calendar.form?.fields.repeat).toBe('none');
    expect(calendar.agreementNote).toBe('');
  });

  it('does not overwrite what the user has already changed', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    fake.seedAcknowledged(sam.id, { session_minutes: 90, frequency: 'weekly' });

    calendar.startNew('');
    const fields = calendar.form?.fields;
    if (!fields) throw new Error('no form');
    fields.person_id = sam.id;
    fields.repeat = 'monthly_date';
    await calendar.applyAgreementDefaults(sam.id);
    expect(fields.repeat).toBe('monthly_date');
    expect(fields.end).toBe('11:00');
  });

  it('adds minutes within the day', () => {
    expect(addMinutesToTime('10:00', 90)).toBe('11:30');
    expect(addMinutesToTime('23:30', 60)).toBe('23:59');
  });
});
