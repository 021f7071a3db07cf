import { describe, expect, it } from 'vitest';

// The UI's source, as text (tests and the test folder left out).
const sources = Object.entries(
  import.meta.glob(['../**/*.svelte', '../**/*.ts', '!../**/*.test.ts', '!../test/**'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>,
);

const imports = (text: string): string[] =>
  Array.from(text.matchAll(/^\s*import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm), (m) => m[1]);

describe('architecture', () => {
  it('reads the source it checks', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some(([path]) => path.endsWith('components/SessionForm.svelte'))).toBe(true);
  });

  it('lets only stores and api/ reach IPC; components and views go through stores', () => {
    const offenders = sources
      .filter(([path]) => !path.startsWith('./api/') && !path.startsWith('./stores/'))
      .filter(([, text]) => imports(text).some((from) => /(^|\/)api(\/|$)|@tauri-apps\/api|@tauri-apps\/plugin/.test(from)))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it('invokes commands in one place only', () => {
    const invoking = sources
      .filter(([, text]) => imports(text).includes('@tauri-apps/api/core'))
      .map(([path]) => path);
    expect(invoking).toEqual(['./api/ipc.ts']);
  });

  it('spells command names and argument shapes only in the wrappers generated from Rust', () => {
    const generated = ['./api/ipc.ts', './api/commands.gen.ts'];
    expect(sources.some(([path]) => path === './api/commands.gen.ts')).toBe(true);
    const calling = sources
      .filter(([path]) => !generated.includes(path))
      .filter(([, text]) => /(^|[^.\w])call\s*[<(]/m.test(text))
      .map(([path]) => path);
    expect(calling).toEqual([]);
  });

  it('has every store that holds vault content forget it on lock (stores/onLock.ts)', () => {
    // Not vault content: the file check's progress (reset when its banner
    // goes) and the restore flow's own steps (reset when it starts).
    const exempt = ['./stores/fileCheck.svelte.ts', './stores/restore.svelte.ts'];
    const stores = sources.filter(([path]) => path.startsWith('./stores/') && !exempt.includes(path));
    const unregistered = stores
      .map(([path, text]) => ({
        path,
        resets: (text.match(/^ {2}reset\(\): void \{/gm) ?? []).length,
        registered: (text.match(/^forgetOnLock\(\(\) => \w+\.reset\(\)\);$/gm) ?? []).length,
      }))
      .filter(({ resets, registered }) => resets !== registered);
    expect(stores.filter(([, text]) => /^forgetOnLock\(/m.test(text)).length).toBeGreaterThan(20);
    expect(unregistered).toEqual([]);
    // Pending edits are saved before a lock where there can be any.
    for (const store of ['./stores/journal.svelte.ts', './stores/records.svelte.ts']) {
      expect(sources.find(([path]) => path === store)?.[1]).toMatch(/^saveBeforeLock\(\(\) => \w+\.flush\(\)\);$/m);
    }
  });

  it('opens no file dialog in the webview (Rust does; no path crosses IPC)', () => {
    const dialogs = sources
      .filter(([, text]) => /plugin-dialog|plugin:dialog/.test(text))
      .map(([path]) => path);
    expect(dialogs).toEqual([]);
  });

  it('keeps nothing in browser storage', () => {
    const storing = sources
      .filter(([, text]) => /\b(localStorage|sessionStorage|indexedDB)\b/.test(text))
      .map(([path]) => path);
    expect(storing).toEqual([]);
  });

  it('marks up a modal dialog only in Dialog.svelte', () => {
    const modal = sources
      .filter(([, text]) => /aria-modal|class="backdrop"/.test(text))
      .map(([path]) => path);
    expect(modal).toEqual(['./components/Dialog.svelte']);
  });
});
