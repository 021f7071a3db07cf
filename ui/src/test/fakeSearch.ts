// A stand-in for the search commands, plugged into `FakeBackend` with
// `extend`. It follows crates/core/src/search/ in what the UI relies on:
// words matched ignoring case and accents (each word a prefix here, which
// the real index does for the last word only; the whole word is marked), filters by kind, person,
// dates and tag, best-or-newest order, a limit with the total matched,
// and an index that is "building" until `finishBuild()`.

import type { DocKind, Group, Hit, SearchQuery, SearchResults, SearchStatus, TextPart } from '../lib/bindings';
import { UNHANDLED, type Args, type FakeBackend } from './fakeBackend';

export interface FakeDoc {
  kind: DocKind;
  id: string;
  person_id: string | null;
  title: string;
  body: string;
  date: string | null;
  tags: string[];
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function mark(text: string, words: string[]): TextPart[] {
  const folded = fold(text);
  const hits = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    let at = folded.indexOf(w);
    while (at >= 0) {
      // Like FTS5's highlight(): the whole word a prefix matched.
      let end = at + w.length;
      while (end < text.length && /[\p{L}\p{N}]/u.test(folded[end])) end++;
      for (let i = at; i < end; i++) hits[i] = true;
      at = folded.indexOf(w, end);
    }
  }
  const parts: TextPart[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    if (last !== undefined && last.hit === hits[i]) last.text += text[i];
    else parts.push({ text: text[i], hit: hits[i] });
  }
  return parts;
}

export class FakeSearch {
  docs: FakeDoc[] = [];
  /** Until `finishBuild()`, searches answer "building". */
  ready = true;
  done = 0;
  total = 0;

  constructor(backend: FakeBackend) {
    backend.extend((cmd, args) => this.#handle(cmd, args));
  }

  add(doc: Partial<FakeDoc> & { title: string; body: string }): FakeDoc {
    const full: FakeDoc = {
      kind: 'journal',
      id: `doc-${this.docs.length + 1}`,
      person_id: null,
      date: null,
      tags: [],
      ...doc,
    };
    this.docs.push(full);
    return full;
  }

  startBuild(done: number, total: number): void {
    this.ready = false;
    this.done = done;
    this.total = total;
  }

  finishBuild(): void {
    this.ready = true;
    this.done = 0;
    this.total = 0;
  }

  status(): SearchStatus {
    return {
      state: this.ready ? 'ready' : 'building',
      updating: false,
      done: this.done,
      total: this.total,
    };
  }

  search(q: SearchQuery): SearchResults {
    if (!this.ready) {
      return { total_matched: 0, shown: 0, groups: [], state: 'building', updating: false };
    }
    const words = fold(q.text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '');
    if (words.length === 0) {
      return { total_matched: 0, shown: 0, groups: [], state: 'ready', updating: false };
    }
    let matched = this.docs.filter((d) => {
      const text = fold(`${d.title} ${d.body}`);
      return (
        words.every((w) => text.includes(w)) &&
        (q.kinds.length === 0 || q.kinds.includes(d.kind)) &&
        (q.person_id === null || d.person_id === q.person_id) &&
        (q.from === null || (d.date !== null && d.date >= q.from)) &&
        (q.to === null || (d.date !== null && d.date <= q.to)) &&
        (q.tag === null || d.tags.map(fold).includes(fold(q.tag)))
      );
    });
    if (q.sort === 'newest') {
      matched = [...matched].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
    }
    const shown = matched.slice(0, q.limit);
    const groups: Group[] = [];
    shown.forEach((d, key) => {
      const hit: Hit = {
        key,
        kind: d.kind,
        id: d.id,
        person_id: d.person_id,
        title: mark(d.title, words),
        snippet: mark(d.body, words),
        date: d.date,
      };
      let g = groups.find((x) => x.kind === d.kind);
      if (g === undefined) {
        g = { kind: d.kind, total: matched.filter((m) => m.kind === d.kind).length, hits: [] };
        groups.push(g);
      }
      g.hits.push(hit);
    });
    return {
      total_matched: matched.length,
      shown: shown.length,
      groups,
      state: 'ready',
      updating: false,
    };
  }

  #handle(cmd: string, args: Args): unknown {
    switch (cmd) {
      case 'search_status':
        return this.status();
      case 'search':
        return this.search(args.query as SearchQuery);
      default:
        return UNHANDLED;
    }
  }
}
