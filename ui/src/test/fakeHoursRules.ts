// A stand-in for the hours rule-profile commands, plugged into
// `FakeBackend` with `extend`, as FakeTrail is. It stores profiles and each
// person's choice as crates/core/src/hours_rules does (examples keep their
// mark, a deleted profile's choice reads as none) and refuses a rule whose
// minimum is over its maximum with the core's message. It does not run the
// rule engine: a test gives the progress a (person, profile) pair returns
// with `setProgress`.

import type { AppError, Profile, Progress } from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

const invalid = (message: string): AppError => ({ code: 'invalid_input', message });
const notFound = (what: string): AppError => ({
  code: 'not_found',
  message: `${what} was not found. It may have been deleted.`,
});

function thousands(n: number): string {
  return n.toLocaleString('en-GB');
}

/** The core's check of one rule's minimum against its maximum (check.rs). */
function check(p: Profile): void {
  if (p.name.trim() === '') throw { code: 'empty', message: "The profile's name is empty. Write something first." };
  if (p.rules.length === 0) throw invalid('A profile needs at least one rule.');
  p.rules.forEach((r, i) => {
    const pair: [string, number | null, number | null] | null =
      r.kind === 'practice_total'
        ? ['practice hours', r.min_hours, r.max_hours]
        : r.kind === 'supervision_total'
          ? ['supervision hours', r.min_hours, r.max_hours]
          : r.kind === 'period_length'
            ? ['the period', r.min, r.max]
            : null;
    if (pair && pair[1] !== null && pair[2] !== null && pair[1] > pair[2]) {
      throw invalid(
        `Rule ${i + 1}: ${pair[0]}: the minimum (${thousands(pair[1])}) is more than the maximum (${thousands(pair[2])}).`,
      );
    }
    if (r.kind === 'share_cap' && r.max_percent !== null && r.max_percent > 100) {
      throw invalid(`Rule ${i + 1}: a share cannot be over 100 % (it says ${r.max_percent} %).`);
    }
  });
}

export class FakeHoursRules {
  profiles: Profile[] = [];
  choices = new Map<string, string>();
  #progress = new Map<string, Progress>();
  #next = 1;

  constructor(backend: FakeBackend) {
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  /** What `hours_progress` returns for this person and profile. */
  setProgress(personId: string, profileId: string, progress: Progress): void {
    this.#progress.set(`${personId}|${profileId}`, progress);
  }

  #get(id: unknown): Profile {
    const p = this.profiles.find((x) => x.id === id);
    if (!p) throw notFound('That hours profile');
    return p;
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'hours_profiles_list':
        return { profiles: structuredClone(this.profiles), damaged: 0 };
      case 'hours_profile_get':
        return structuredClone(this.#get(args.id));
      case 'hours_profile_save': {
        const input = structuredClone(args.profile as Profile);
        check(input);
        if (args.id === null || args.id === undefined) {
          const saved = { ...input, id: `0f0f0f0f-0000-4000-8000-${String(this.#next++).padStart(12, '0')}`, example: false };
          this.profiles.push(saved);
          return structuredClone(saved);
        }
        const old = this.#get(args.id);
        const saved = { ...input, id: old.id, example: old.example };
        this.profiles = this.profiles.map((p) => (p.id === old.id ? saved : p));
        return structuredClone(saved);
      }
      case 'hours_profile_delete':
        this.#get(args.id);
        this.profiles = this.profiles.filter((p) => p.id !== args.id);
        return null;
      case 'hours_person_profile': {
        const chosen = this.choices.get(String(args.personId));
        return chosen !== undefined && this.profiles.some((p) => p.id === chosen) ? chosen : null;
      }
      case 'hours_set_person_profile':
        if (args.profileId === null) this.choices.delete(String(args.personId));
        else {
          this.#get(args.profileId);
          this.choices.set(String(args.personId), String(args.profileId));
        }
        return null;
      case 'hours_progress': {
        const profileId = String(args.profileId ?? this.choices.get(String(args.personId)));
        this.#get(profileId);
        const p = this.#progress.get(`${String(args.personId)}|${profileId}`);
        if (!p) throw invalid('No progress was set for this person and profile in the test.');
        return structuredClone(p);
      }
      default:
        return UNHANDLED;
    }
  }
}
