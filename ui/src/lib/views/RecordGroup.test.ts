import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { FakeRecords } from '../../test/fakeRecords';
import { FakeSchedule } from '../../test/fakeSchedule';
import { scheduleWorld, seriesInput } from '../../test/scheduleWorld';
import type { OccurrenceKey } from '../bindings';
import PersonRecords from '../components/PersonRecords.svelte';
import SessionDetails from '../components/SessionDetails.svelte';
import { groupRecords } from '../stores/groupRecords.svelte';
import { people } from '../stores/people.svelte';
import { emptyAgendaItem, records } from '../stores/records.svelte';
import RecordView from './RecordView.svelte';

vi.stubEnv('TZ', 'UTC');

let backend: FakeBackend;
let fake: FakeSchedule;
let fakeRecords: FakeRecords;
let sam: string;
let alex: string;
let group: string;

function session(personId: string, day: string): OccurrenceKey {
  const start = `${day}T10:00:00`;
  const id = fake.seed(seriesInput(personId, 'UTC', { start, end: `${day}T11:00:00`, kind: 'group' }));
  return { series_id: id, original_start: start };
}

beforeEach(async () => {
  ({ backend, fake, sam, alex } = scheduleWorld());
  records.reset();
  groupRecords.reset();
  group = backend.seedPerson({ name: 'Tuesday peer group', kind: 'group', members: [sam, alex] }).id;
  fakeRecords = new FakeRecords(backend, fake);
  await people.load();
});

const nameOf = (id: string) => people.summary(id)?.name ?? '?';

describe('a group record', () => {
  it("records attendance, shared notes and each member's own note, and keeps every note across saves", async () => {
    const user = userEvent.setup();
    const key = session(group, '2026-03-03');
    fakeRecords.hold(key);
    expect(await records.startForSession(key, 'person')).toBe(true);
    const view = render(RecordView, { record: records.opened!, backLabel: 'the group' });
    const editor = screen.getByTestId('record-editor');
    expect(within(editor).getByRole('heading', { name: 'Attendance' })).toBeTruthy();
    const [samAttendance, alexAttendance] = screen.getAllByTestId('record-attendance');
    await user.selectOptions(samAttendance, 'Present');
    await user.selectOptions(alexAttendance, 'Sent apologies');
    await user.type(screen.getByLabelText('Note for Sam Okafor only'), 'Sam: bring the genogram next time');
    await user.type(screen.getByLabelText('Note for Alex Rivera only'), 'Alex: catch up on the missed case');
    await user.click(screen.getByTestId('record-add-item'));
    expect(within(screen.getByTestId('record-item-raised-by')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'You (supervisor)',
      'Sam Okafor',
      'Alex Rivera',
    ]);
    expect(await records.flush()).toBe(true);
    expect(fakeRecords.stored[0].content.member_notes).toHaveLength(2);
    view.unmount();

    // Opened again: the group's own view leaves the notes out, so each member's is read.
    expect(await records.close()).toBe(true);
    expect(await records.open(fakeRecords.stored[0].record.id, 'person')).toBe(true);
    expect(records.content?.member_notes.map((n) => n.text)).toEqual([
      'Sam: bring the genogram next time',
      'Alex: catch up on the missed case',
    ]);
    records.content!.exploration = 'Changed';
    expect(await records.flush()).toBe(true);
    expect(fakeRecords.stored[0].content.member_notes).toHaveLength(2);
  });

  it("shows a member's own note only in that member's copy of a final record", async () => {
    const user = userEvent.setup();
    const key = session(group, '2026-03-03');
    const final = fakeRecords.seedFinal(key, {
      agenda_items: [{ ...emptyAgendaItem({ by: 'member', member_id: sam }), text: 'Lone working' }],
      exploration: 'Shared the new policy.',
      functions: {
        normative: { ticked: true, note: '' },
        formative: { ticked: false, note: '' },
        restorative: { ticked: false, note: '' },
      },
      attendance: [
        { member_id: sam, attendance: 'present' },
        { member_id: alex, attendance: 'present' },
      ],
      member_notes: [
        { member_id: sam, text: 'Sam only' },
        { member_id: alex, text: 'Alex only' },
      ],
    });
    expect(await records.open(final.id, 'person')).toBe(true);
    const view = render(RecordView, { record: records.opened!, backLabel: 'the group' });
    const doc = () => screen.getByTestId('record-document').textContent ?? '';
    expect(doc()).not.toContain('Sam only');
    expect(doc()).not.toContain('Alex only');
    expect(doc()).toContain('raised by sam okafor');
    await user.selectOptions(screen.getByTestId('record-viewer'), "Sam Okafor's copy");
    await waitFor(() => expect(records.opened?.viewer).toBe(sam));
    await view.rerender({ record: records.opened!, backLabel: 'the group' });
    expect(doc()).toContain('Sam only');
    expect(doc()).not.toContain('Alex only');

    // The PDF is of the copy shown: Sam's.
    await user.click(screen.getByTestId('record-save-pdf'));
    await waitFor(() => expect(screen.getByTestId('record-notice').textContent).toBe('Saved as PDF.'));
    expect(backend.callsTo('record_save_pdf')).toEqual([{ id: final.id, memberId: sam }]);
  });
});

describe("a member's page", () => {
  it("lists the group's final records and opens them in the member's own copy", async () => {
    const user = userEvent.setup();
    const done = fakeRecords.seedFinal(session(group, '2026-03-03'), {
      agenda_items: [{ ...emptyAgendaItem({ by: 'supervisor' }), text: 'Lone working' }],
      exploration: 'Shared the new policy.',
      functions: {
        normative: { ticked: true, note: '' },
        formative: { ticked: false, note: '' },
        restorative: { ticked: false, note: '' },
      },
      attendance: [
        { member_id: sam, attendance: 'present' },
        { member_id: alex, attendance: 'present' },
      ],
      member_notes: [
        { member_id: sam, text: 'Sam only' },
        { member_id: alex, text: 'Alex only' },
      ],
    });
    // A draft stays with the group.
    const draftKey = session(group, '2026-03-10');
    fakeRecords.hold(draftKey);
    expect(await records.startForSession(draftKey, 'session')).toBe(true);
    expect(await records.close()).toBe(true);

    render(PersonRecords, { personId: sam, name: 'Sam Okafor' });
    const rows = await screen.findAllByTestId('person-group-record');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('Tuesday peer group');
    await user.click(within(rows[0]).getByRole('button'));
    await waitFor(() => expect(records.opened?.id).toBe(done.id));
    expect(records.opened?.viewer).toBe(sam);
    const doc = await screen.findByTestId('record-document');
    expect(doc.textContent).toContain('Sam only');
    expect(doc.textContent).not.toContain('Alex only');
  });

  it('shows no group list for someone in no group', async () => {
    const other = backend.seedPerson({ name: 'Priya Raman' }).id;
    render(PersonRecords, { personId: other, name: 'Priya Raman' });
    await waitFor(() => expect(groupRecords.loaded).toBe(true));
    expect(screen.queryByTestId('person-group-records')).toBeNull();
  });
});

describe('a planned session', () => {
  it('opens its agenda from the session', async () => {
    const user = userEvent.setup();
    const key = session(sam, '2026-03-16');
    const occurrence = fake.all().find((o) => o.key.series_id === key.series_id)!;
    render(SessionDetails, { occurrence, nameOf, onClose: () => undefined });
    expect(screen.queryByTestId('session-record-open')).toBeNull();
    await user.click(screen.getByTestId('session-agenda'));
    expect(await screen.findByTestId('agenda-empty')).toBeTruthy();
    expect(screen.getByTestId('session-details').classList.contains('wide')).toBe(true);
  });
});
