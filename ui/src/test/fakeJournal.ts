// The journal's fake commands (entries with templates, tags and links;
// flags brought to supervision), checked as Rust checks them. The
// FakeBackend holds one and routes every `journal_*` command here.

import {
  JOURNAL_TEMPLATES,
  LIMITS,
  type AppError,
  type JournalEntry,
  type JournalFlag,
  type JournalInput,
  type JournalSummary,
  type Person,
} from '../lib/bindings';

export type Args = Record<string, unknown>;

export const NOT_JOURNAL = Symbol('not journal');

const KEYS = new Set(JOURNAL_TEMPLATES.flatMap((t) => t.sections.map((s) => s.key)));

function invalid(message: string): AppError {
  return { code: 'invalid_input', message };
}

/** One free text, as the first journal stored it. */
export function freeInput(text: string): JournalInput {
  return {
    title: '',
    template: 'free_writing',
    sections: [{ key: 'free.text', text }],
    tags: [],
    links: { session: null, goal_id: null, case_reference: '' },
  };
}

function textOf(c: JournalInput): string {
  return c.sections
    .map((s) => s.text)
    .filter((t) => t.trim() !== '')
    .join('\n\n');
}

function firstLineOf(body: string): string {
  return body.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

/** Rust's `journal::entry::check`. */
export function checkInput(value: unknown): JournalInput {
  const c = structuredClone(value) as JournalInput;
  if (typeof c !== 'object' || c === null || !Array.isArray(c.sections)) {
    throw 'invalid args `input`: expected struct JournalInput';
  }
  const size = [c.title, ...c.sections.map((s) => s.text), ...c.tags, c.links.case_reference]
    .map((t) => new TextEncoder().encode(t).length)
    .reduce((a, b) => a + b, 0);
  if (size > LIMITS.journal_entry_bytes) {
    throw { code: 'too_large', message: 'The journal entry is too large.' };
  }
  c.title = c.title.trim();
  for (const s of c.sections) {
    if (!KEYS.has(s.key)) throw invalid('A section of this entry is not part of any template.');
  }
  c.sections = c.sections.filter((s) => s.text.trim() !== '');
  if (c.title === '' && c.sections.length === 0) {
    throw { code: 'empty', message: 'Journal entry is empty. Write something first.' };
  }
  const tags: string[] = [];
  c.tags.forEach((raw, i) => {
    const tag = raw.trim();
    if (tag === '') throw invalid(`Tag ${i + 1} is empty: type a word or remove it.`);
    if (Array.from(tag).length > LIMITS.journal_tag_chars) {
      throw invalid(`The tag “${tag.slice(0, 20)}…” is too long.`);
    }
    if (!tags.includes(tag)) tags.push(tag);
  });
  if (tags.length > LIMITS.journal_tags_max) throw invalid('An entry holds at most 20 tags.');
  c.tags = tags;
  return c;
}

export class FakeJournal {
  entries: JournalEntry[] = [];
  flags: JournalFlag[] = [];
  #nextId = 1;
  #nextFlag = 1;

  constructor(
    private readonly now: () => string,
    private readonly damaged: Set<string>,
    private readonly people: () => Person[],
  ) {}

  create(content: JournalInput): JournalEntry {
    const time = this.now();
    const entry = {
      id: `entry-${this.#nextId++}`,
      created_at: time,
      updated_at: time,
      content,
      body: textOf(content),
    };
    this.entries.push(entry);
    return structuredClone(entry);
  }

  summaries(entries: JournalEntry[]): JournalSummary[] {
    return [...entries]
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .map(({ id, created_at, updated_at, content }) => {
        const damaged = this.damaged.has(id);
        return {
          id,
          created_at,
          updated_at,
          first_line: damaged ? '' : firstLineOf(content.title || textOf(content)),
          template: content.template,
          tags: damaged ? [] : [...content.tags],
          damaged,
        };
      });
  }

  find(id: unknown): JournalEntry {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry) throw { code: 'not_found', message: 'Journal entry was not found.' };
    if (this.damaged.has(entry.id)) {
      throw {
        code: 'integrity',
        message: 'This journal entry is damaged and cannot be opened: it failed its integrity check.',
      };
    }
    return entry;
  }

  /** Answers a `journal_*` command, or `NOT_JOURNAL`. */
  handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'journal_list': {
        const offset = args.offset as number;
        const limit = args.limit as number;
        return {
          entries: this.summaries(this.entries).slice(offset, offset + limit),
          total: this.entries.length,
        };
      }
      case 'journal_search': {
        const query = String(args.query).toLowerCase();
        const hay = (e: JournalEntry) =>
          [e.content.title, textOf(e.content), ...e.content.tags].join('\n').toLowerCase();
        return this.summaries(this.entries.filter((e) => hay(e).includes(query)));
      }
      case 'journal_get':
        return structuredClone(this.find(args.id));
      case 'journal_create':
        return this.create(checkInput(args.input));
      case 'journal_update': {
        const entry = this.find(args.id);
        entry.content = checkInput(args.input);
        entry.body = textOf(entry.content);
        entry.updated_at = this.now();
        return structuredClone(entry);
      }
      case 'journal_delete':
        this.find(args.id);
        this.entries = this.entries.filter((entry) => entry.id !== args.id);
        this.flags = this.flags.filter((f) => f.entry_id !== args.id);
        return null;
      case 'journal_tags':
        return [...new Set(this.entries.flatMap((e) => e.content.tags))].sort();
      case 'journal_flags':
        return this.flags.filter((f) => f.entry_id === args.entryId).map((f) => ({ ...f }));
      case 'journal_flag': {
        const input = args.input as { entry_id: string; person_id: string; extract: string | null };
        this.find(input.entry_id);
        const person = this.people().find((p) => p.id === input.person_id);
        if (!person) throw { code: 'not_found', message: 'That supervisor was not found.' };
        if (person.fields.relation !== 'supervises_me') {
          throw invalid('Items can be brought only to someone who supervises you.');
        }
        const flag: JournalFlag = {
          id: `flag-${this.#nextFlag++}`,
          entry_id: input.entry_id,
          person_id: input.person_id,
          extract: input.extract,
          created_at: this.now(),
          discussed_at: null,
          damaged: false,
        };
        this.flags.push(flag);
        return { ...flag };
      }
      case 'journal_flag_discussed': {
        const flag = this.flags.find((f) => f.id === args.id);
        if (!flag) throw { code: 'not_found', message: 'That flag was not found.' };
        flag.discussed_at ??= this.now();
        return { ...flag };
      }
      case 'journal_unflag': {
        const before = this.flags.length;
        this.flags = this.flags.filter((f) => f.id !== args.id);
        if (this.flags.length === before) throw { code: 'not_found', message: 'That flag was not found.' };
        return null;
      }
      default:
        return NOT_JOURNAL;
    }
  }
}
