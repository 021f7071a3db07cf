import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAgreements } from '../test/fakeAgreements';
import { FakeBackend } from '../test/fakeBackend';
import { agreementUpdate } from './api/agreements';
import type { Agreement } from './bindings';
import { agreements, checkContent, statusLine, todayIso } from './stores/agreements.svelte';

let backend: FakeBackend;
let fake: FakeAgreements;
let samId: string;

beforeEach(() => {
  agreements.reset();
  backend = new FakeBackend().install();
  fake = new FakeAgreements(backend);
  backend.settings.profile = {
    name: 'Dana Whitfield',
    professional_role: 'Clinical supervisor',
    organisation: 'Northside Family Services',
    licence_number: 'LCSW-1234',
    licence_body: 'State Board of Social Work',
  };
  samId = backend.seedPerson({ name: 'Sam Carter', licence_number: 'SW-991' }).id;
});

/** Starts a draft and waits for it to open. */
async function startDraft(personId: string) {
  agreements.start(personId);
  await vi.waitFor(() => expect(agreements.busy).toBe(false));
}

function ackInput(party_id: string, typed_name: string) {
  return { party_id, typed_name, date: fake.today };
}

describe('the agreement life cycle (store on the fake)', () => {
  it('drafts from the template with the owner and the supervisee as parties', async () => {
    await startDraft(samId);
    const draft = agreements.opened!;
    expect(draft.version).toBe(1);
    expect(draft.status).toBe('draft');
    expect(draft.content.parties.map((p) => [p.party_id, p.role, p.name, p.licence_number])).toEqual([
      ['owner', 'supervisor', 'Dana Whitfield', 'LCSW-1234'],
      [samId, 'supervisee', 'Sam Carter', 'SW-991'],
    ]);
    expect(draft.content.frequency).toBe('monthly');
    expect(draft.content.session_minutes).toBe(60);
    expect(draft.awaiting).toEqual(['owner', samId]);
    expect(agreements.versions.map((v) => [v.version, v.status])).toEqual([[1, 'draft']]);
    expect(agreements.editable).toBe(true);
    expect(agreements.dirty).toBe(false);
  });

  it('refuses a second draft for the same person', async () => {
    fake.seedDraft(samId);
    await startDraft(samId);
    expect(agreements.error?.message).toBe(
      'There is already a draft agreement with this person. Edit or discard it first.',
    );
  });

  it('withdraws acknowledgements when the text of a draft changes, not when it is saved unchanged', async () => {
    await startDraft(samId);
    expect(await agreements.acknowledge(ackInput('owner', 'Dana Whitfield'))).toBe(true);
    expect(agreements.opened!.awaiting).toEqual([samId]);

    expect(await agreements.save()).toBe(true);
    expect(agreements.opened!.acknowledgements).toHaveLength(1);
    expect(agreements.notice).toBe('Saved.');

    agreements.content!.learning_goals = 'Work with families in crisis.';
    expect(agreements.dirty).toBe(true);
    expect(await agreements.save()).toBe(true);
    expect(agreements.opened!.acknowledgements).toEqual([]);
    expect(agreements.opened!.awaiting).toEqual(['owner', samId]);
    expect(agreements.notice).toContain('acknowledgements already given were withdrawn');
    expect(agreements.dirty).toBe(false);
  });

  it('makes a version read-only once every party acknowledged, and supersedes it on revision', async () => {
    await startDraft(samId);
    await agreements.acknowledge(ackInput('owner', 'Dana Whitfield'));
    await agreements.acknowledge(ackInput(samId, 'Sam Carter'));
    const v1 = agreements.opened!;
    expect(v1.status).toBe('acknowledged');
    expect(v1.awaiting).toEqual([]);
    expect(agreements.content).toBeNull();
    expect(agreements.editable).toBe(false);

    // Rust refuses to change or discard it.
    await expect(
      agreementUpdate(v1.id, JSON.parse(JSON.stringify(v1.content)) as Agreement['content']),
    ).rejects.toMatchObject({ code: 'read_only' });
    expect(await agreements.discardDraft()).toBe(false);
    expect(agreements.error?.code).toBe('read_only');

    expect(await agreements.revise()).toBe(true);
    const v2 = agreements.opened!;
    expect([v2.version, v2.status, v2.acknowledgements.length]).toEqual([2, 'draft', 0]);
    expect(agreements.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'acknowledged'],
    ]);
    expect(agreements.inForce?.id).toBe(v1.id);

    await agreements.acknowledge(ackInput('owner', 'Dana Whitfield'));
    await agreements.acknowledge(ackInput(samId, 'Sam Carter'));
    expect(agreements.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'acknowledged'],
      [1, 'superseded'],
    ]);
  });

  it('needs every party named before anyone acknowledges', async () => {
    backend.settings.profile.name = '';
    await startDraft(samId);
    expect(await agreements.acknowledge(ackInput(samId, 'Sam Carter'))).toBe(false);
    expect(agreements.error?.message).toBe(
      'Fill in the name of every party before acknowledging the agreement.',
    );
  });

  it('discards a draft and lists nothing afterwards', async () => {
    await startDraft(samId);
    expect(await agreements.discardDraft()).toBe(true);
    expect(agreements.opened).toBeNull();
    expect(agreements.versions).toEqual([]);
    expect(fake.versions).toEqual([]);
  });

  it('checks lengths and notice before sending anything', async () => {
    await startDraft(samId);
    agreements.content!.session_minutes = 500;
    expect(await agreements.save()).toBe(false);
    expect(agreements.error?.message).toBe(
      'Enter a session length in whole minutes from 15 to 480.',
    );
    expect(backend.callsTo('agreement_update')).toEqual([]);
    const content = { ...agreements.opened!.content };
    expect(checkContent({ ...content, cancellation_notice_hours: 400 })?.message).toContain('0 to 336');
    expect(checkContent({ ...content, delivery: [] })?.message).toContain('at least one way');
    expect(checkContent(content)).toBeNull();
  });

  it('forgets every agreement on reset, and drops answers that arrive after it', async () => {
    await startDraft(samId);
    const pending = agreements.load(samId);
    agreements.reset();
    await pending;
    expect(agreements.opened).toBeNull();
    expect(agreements.content).toBeNull();
    expect(agreements.versions).toEqual([]);
    expect(agreements.latest).toBeNull();
    expect(agreements.personId).toBeNull();
  });
});

describe('statusLine', () => {
  function agreement(fields: Partial<Agreement>): Agreement {
    const content = structuredClone(fake.versions[0]?.content ?? fake.seedDraft(samId).content);
    return {
      id: 'x',
      person_id: samId,
      version: 1,
      status: 'draft',
      created_at: '2026-03-02T09:00:00Z',
      updated_at: '2026-03-02T09:00:00Z',
      content,
      acknowledgements: [],
      awaiting: ['owner', samId],
      ...fields,
    };
  }

  it('names who is still to acknowledge a draft', () => {
    expect(statusLine(agreement({ awaiting: [samId] }))).toBe(
      "Version 1 draft — awaiting Sam Carter's acknowledgement",
    );
    expect(statusLine(agreement({ awaiting: ['owner'] }))).toBe(
      'Version 1 draft — awaiting your acknowledgement',
    );
    expect(statusLine(agreement({}))).toBe(
      'Version 1 draft — awaiting acknowledgements from you and Sam Carter',
    );
  });

  it('says when both acknowledged, and that Sam\'s was recorded by you', () => {
    const ack = (party_id: string, date: string) => ({
      party_id,
      role: 'supervisor' as const,
      typed_name: 'x',
      date,
      recorded_at: '2026-03-02T09:00:00Z',
      recorded_by_owner: party_id !== 'owner',
      via_packet: null,
    });
    const line = statusLine(
      agreement({
        version: 2,
        status: 'acknowledged',
        awaiting: [],
        acknowledgements: [ack('owner', '2026-03-01'), ack(samId, '2026-03-03')],
      }),
    );
    // Issue 6: the other party's acknowledgement is one the owner recorded for them.
    expect(line).toMatch(/^Version 2 — in force: acknowledged by you on .+; recorded by you for Sam Carter on /);
    expect(line).not.toContain('every party');
    expect(line).toContain('2026');
    expect(line).toContain('3');
  });

  it("says plainly when Sam's acknowledgement came in a packet from Sam's own app", () => {
    const line = statusLine(
      agreement({
        version: 2,
        status: 'acknowledged',
        awaiting: [],
        acknowledgements: [
          { party_id: 'owner', role: 'supervisor', typed_name: 'x', date: '2026-03-01', recorded_at: '2026-03-02T09:00:00Z', recorded_by_owner: false, via_packet: null },
          { party_id: samId, role: 'supervisee', typed_name: 'Sam Carter', date: '2026-03-03', recorded_at: '2026-03-04T09:00:00Z', recorded_by_owner: false, via_packet: 'p-1' },
        ],
      }),
    );
    expect(line).toMatch(/; acknowledged by Sam Carter in their own app on .+, received in a packet\)?$/);
    expect(line).not.toContain('recorded by you for');
  });

  it('writes today as a local YYYY-MM-DD date', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('leaving unsaved edits', () => {
  it('asks before a new draft for someone else replaces the open one', async () => {
    const priya = backend.seedPerson({ name: 'Priya Shah' });
    await startDraft(samId);
    agreements.content!.fees = 'Changed, not saved.';
    agreements.start(priya.id);
    expect(agreements.pendingLeave).not.toBeNull();
    expect(backend.callsTo('agreement_start')).toHaveLength(1);
    agreements.keepEditing();
    expect(agreements.content!.fees).toBe('Changed, not saved.');

    agreements.start(priya.id);
    agreements.confirmLeave();
    await vi.waitFor(() => expect(agreements.opened?.person_id).toBe(priya.id));
    expect(backend.callsTo('agreement_start')).toHaveLength(2);
  });
});
