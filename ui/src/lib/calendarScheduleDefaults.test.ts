// Who can be scheduled, and what a new series starts from, are the core's
// rules (`schedule_people`, `schedule_defaults`): the calendar store asks for
// them and puts the answers in the schedule form. The fake backend mirrors
// crates/core/src/schedule/who.rs.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAgreements } from '../test/fakeAgreements';
import { FakeBackend } from '../test/fakeBackend';
import { FakeSchedule } from '../test/fakeSchedule';
import type { ImportOptions } from './bindings';
import { addMinutesToTime, calendar } from './stores/calendar.svelte';

let backend: FakeBackend;
let fake: FakeAgreements;
let schedule: FakeSchedule;

beforeEach(() => {
  calendar.reset();
  backend = new FakeBackend().install();
  backend.state = 'unlocked';
  fake = new FakeAgreements(backend);
  schedule = new FakeSchedule();
  schedule.agreementInForce = (personId) => fake.current(personId);
  backend.extend(schedule.extension);
  backend.settings.profile.name = 'Dana Whitfield';
});

describe('schedule defaults from the agreement in force', () => {
  it('asks the core and shows the agreement’s session length and frequency', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    fake.seedAcknowledged(sam.id, { session_minutes: 90, frequency: 'fortnightly' });

    calendar.startNew(sam.id, '2026-03-10');
    await vi.waitFor(() => expect(calendar.agreementNote).toContain('agreement'));
    const fields = calendar.form?.fields;
    expect(fields?.end).toBe(addMinutesToTime(fields?.start ?? '', 90));
    expect(fields?.repeat).toBe('weeks');
    expect(fields?.interval).toBe(2);
    expect(calendar.agreementNote).toBe('Length and frequency from the agreement (version 1).');
    expect(backend.callsTo('schedule_defaults')).toEqual([{ personId: sam.id, firstDate: '2026-03-10' }]);
    expect(backend.callsTo('agreement_current')).toEqual([]);
  });

  it('repeats monthly on the core’s weekday of the month: a 5th Tuesday becomes the last', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    fake.seedAcknowledged(sam.id, { session_minutes: 60, frequency: 'monthly' });

    calendar.startNew(sam.id, '2026-03-31');
    await vi.waitFor(() => expect(calendar.form?.fields.repeat).toBe('monthly_weekday'));
    expect(calendar.form?.fields.week).toBe(-1);
    expect(calendar.form?.fields.weekday).toBe('tuesday');
  });

  it('follows a new first date while the form still shows the agreement’s rule', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    fake.seedAcknowledged(sam.id, { frequency: 'monthly' });
    calendar.startNew(sam.id, '2026-03-31');
    await vi.waitFor(() => expect(calendar.form?.fields.week).toBe(-1));

    const fields = calendar.form?.fields;
    if (!fields) throw new Error('no form');
    fields.date = '2026-03-10';
    await calendar.chooseDate();
    expect(fields.week).toBe(2);
    expect(backend.callsTo('schedule_defaults').map((a) => a.firstDate)).toEqual(['2026-03-31', '2026-03-10']);
  });

  it('ignores drafts and keeps the defaults when there is no agreement in force', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    fake.seedDraft(sam.id, { session_minutes: 90 });

    calendar.startNew(sam.id);
    await vi.waitFor(() => expect(backend.callsTo('schedule_defaults')).toHaveLength(1));
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
    await calendar.choosePerson(sam.id);
    expect(backend.callsTo('schedule_defaults')).toHaveLength(1);
    expect(fields.repeat).toBe('monthly_date');
    expect(fields.end).toBe('11:00');
  });

  it('drops the agreement’s length, repeat and note when someone without one is chosen instead', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    const alex = backend.seedPerson({ name: 'Alex Rivera', relation: 'i_supervise' });
    fake.seedAcknowledged(sam.id, { session_minutes: 90, frequency: 'weekly' });
    calendar.startNew(sam.id);
    await vi.waitFor(() => expect(calendar.form?.fields.repeat).toBe('weekly'));

    const fields = calendar.form?.fields;
    if (!fields) throw new Error('no form');
    fields.person_id = alex.id;
    await calendar.choosePerson(alex.id);
    expect(fields.repeat).toBe('none');
    expect(fields.end).toBe('11:00');
    expect(calendar.agreementNote).toBe('');
  });

  it('adds minutes within the day', () => {
    expect(addMinutesToTime('10:00', 90)).toBe('11:30');
    expect(addMinutesToTime('23:30', 60)).toBe('23:59');
  });
});

describe('who can be scheduled', () => {
  it('lists only those the core says can have sessions, with their kinds', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    const pat = backend.seedPerson({ name: 'Pat Lee', relation: 'supervises_me' });
    backend.seedPerson({ name: 'Casey Contact', relation: 'none' });
    backend.seedPerson({ name: 'Northside Clinic', kind: 'organisation' });
    backend.seedPerson({ name: 'Old Friend', relation: 'i_supervise' }, { archived: true });
    const broken = backend.seedPerson({ name: 'Broken Record', relation: 'i_supervise' });
    backend.damaged.add(broken.id);
    const group = backend.seedPerson({ name: 'Tuesday Group', kind: 'group' });

    await calendar.loadSchedulable();
    expect(backend.callsTo('schedule_people')).toHaveLength(1);
    expect(calendar.schedulable.map((p) => [p.name, p.session_kinds])).toEqual([
      ['Pat Lee', ['individual', 'peer', 'coaching']],
      ['Sam Carter', ['individual', 'peer', 'coaching']],
      ['Tuesday Group', ['group', 'peer']],
    ]);
    expect(calendar.kindsFor(sam.id)).toEqual(['individual', 'peer', 'coaching']);
    expect(calendar.kindsFor(pat.id)).toEqual(['individual', 'peer', 'coaching']);
    expect(calendar.kindsFor(group.id)).toEqual(['group', 'peer']);
  });

  it('gives a group its usual kind when the group is chosen', async () => {
    const group = backend.seedPerson({ name: 'Tuesday Group', kind: 'group' });
    calendar.startNew();
    await vi.waitFor(() => expect(calendar.schedulableLoaded).toBe(true));
    const fields = calendar.form?.fields;
    if (!fields) throw new Error('no form');
    expect(fields.kind).toBe('individual');
    fields.person_id = group.id;
    await calendar.choosePerson(group.id);
    expect(fields.kind).toBe('group');
  });

  it('forgets the list on lock', async () => {
    backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    await calendar.loadSchedulable();
    expect(calendar.schedulable).toHaveLength(1);
    calendar.reset();
    expect(calendar.schedulable).toEqual([]);
    expect(calendar.schedulableLoaded).toBe(false);
  });
});

describe('importing a previewed file', () => {
  const options: ImportOptions = { home_time_zone: 'Europe/London', default_duration_minutes: 60 };

  it('keeps the file after a refused commit, and drops it after the import', async () => {
    const sam = backend.seedPerson({ name: 'Sam Carter', relation: 'i_supervise' });
    const file = await calendar.previewImport(options);
    if (!file) throw new Error('no file');
    expect(file.preview.items).toHaveLength(1);

    const commit = { person_id: sam.id, kind: 'individual' as const, options, skip: [] };
    await expect(
      calendar.commitImport(file.token, { ...commit, options: { ...options, default_duration_minutes: 50 } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      calendar.commitImport(file.token, { ...commit, person_id: '00000000-0000-4000-8000-000000000099' }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const result = await calendar.commitImport(file.token, commit);
    expect(result.created.series).toHaveLength(1);
    await expect(calendar.commitImport(file.token, commit)).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'This calendar file is no longer open for import. Choose the file again.',
    });
  });

  it('resolves to null, and sends nothing more, when the file dialog is cancelled', async () => {
    backend.on('ics_import_preview', () => null);
    expect(await calendar.previewImport(options)).toBeNull();
    expect(backend.callsTo('ics_import_preview')).toEqual([{ options }]);
    expect(backend.callsTo('ics_import_commit')).toEqual([]);
  });
});
