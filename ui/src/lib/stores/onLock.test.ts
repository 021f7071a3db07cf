import { describe, expect, it } from 'vitest';
import { FakeBackend } from '../../test/fakeBackend';
import { journal } from './journal.svelte';
import { nav } from './nav.svelte';
import { packets } from './packets.svelte';
import { people } from './people.svelte';

describe('locking', () => {
  it('forgets what every loaded store holds, shared items included', async () => {
    new FakeBackend('unlocked').install();
    people.list = [{ id: 'p1', name: 'Sam Okafor' } as (typeof people.list)[number]];
    packets.shared = [{ id: 's1' } as (typeof packets.shared)[number]];
    packets.personId = 'p1';

    await nav.lock();

    expect(nav.screen.kind).toBe('locked');
    expect(people.list).toEqual([]);
    expect(packets.shared).toEqual([]);
    expect(packets.personId).toBeNull();
  });

  it('saves the journal’s pending edit before the lock', async () => {
    const backend = new FakeBackend('unlocked').install();
    let saved = false;
    const flush = journal.flush.bind(journal);
    journal.flush = async () => {
      saved = backend.callsTo('lock').length === 0;
      return flush();
    };
    try {
      await nav.lock();
    } finally {
      journal.flush = flush;
    }
    expect(saved).toBe(true);
  });
});
