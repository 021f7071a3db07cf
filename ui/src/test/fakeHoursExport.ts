// A stand-in for the hours export commands (hours_save_pdf, hours_save_csv),
// plugged into `FakeBackend` with `extend`. It follows
// crates/core/src/hours_export/ and src-tauri/src/dialogs_hours.rs: a bad
// period or an unknown person is refused before any dialog; otherwise the
// "dialog" answers with `chooses` (the file name the person picks, or null
// when they cancel) and the saved file's name is returned.

import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

/** One file "written". */
export interface SavedHours {
  file: 'pdf' | 'csv';
  personId: string;
  from: string;
  to: string;
  name: string;
}

/** The name Rust offers (handle.rs's `period_stem`): whole months as
 * `hours-2026-01-to-2026-03` (one month: `hours-2026-02`), whole dates
 * otherwise; never a name. */
export function offeredName(file: 'pdf' | 'csv', from: string, to: string): string {
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const wholeMonths = from.endsWith('-01') && next.getUTCDate() === 1;
  const [a, b] = [from.slice(0, 7), to.slice(0, 7)];
  const stem = wholeMonths ? (a === b ? a : `${a}-to-${b}`) : `${from}-to-${to}`;
  return `hours-${stem}.${file}`;
}

export class FakeHoursExport {
  /** What the person does in the save dialog: the file name chosen, null to cancel, undefined to accept the offer. */
  chooses: string | null | undefined = undefined;
  /** Files written, in order. */
  saved: SavedHours[] = [];
  /** Dialogs opened (one per save that passed the checks). */
  dialogs = 0;
  #backend: FakeBackend;

  constructor(backend: FakeBackend) {
    this.#backend = backend;
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  #handle(cmd: string, args: Args): unknown {
    if (cmd !== 'hours_save_pdf' && cmd !== 'hours_save_csv') return UNHANDLED;
    const file = cmd === 'hours_save_pdf' ? 'pdf' : 'csv';
    const personId = args.personId as string;
    const from = args.from as string;
    const to = args.to as string;
    if (to < from) {
      throw {
        code: 'invalid_input',
        message: 'The period ends before it starts. Choose an end date on or after the start date.',
      };
    }
    const person = this.#backend.people.find((p) => p.id === personId);
    if (!person) throw { code: 'not_found', message: 'That person was not found. It may have been deleted.' };
    if (person.fields.kind !== 'person') {
      throw { code: 'invalid_input', message: 'Hours are kept for a person, not for a group or an organisation.' };
    }
    this.dialogs += 1;
    const name = this.chooses === undefined ? offeredName(file, from, to) : this.chooses;
    if (name === null) return null;
    this.saved.push({ file, personId, from, to, name });
    return name;
  }
}
