// How Today and the calendar name the person or group a session is with:
// the name, or only initials when "show initials" is on (screen sharing).

import { people } from './stores/people.svelte';
import { settings } from './stores/settings.svelte';

/** "Sam Carter" → "S.C."; "Tuesday peer group" → "T.P.G.". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter((w) => w !== '');
  return words.map((w) => `${Array.from(w)[0].toLocaleUpperCase()}.`).join('');
}

/** The name to show on Today and in the calendar for `personId`. */
export function sessionName(personId: string): string {
  const summary = people.summary(personId);
  if (summary === undefined) return people.loaded ? 'Someone not in your list' : '…';
  if (summary.damaged) return 'Damaged record';
  return settings.preferences.show_initials ? initials(summary.name) : summary.name;
}
