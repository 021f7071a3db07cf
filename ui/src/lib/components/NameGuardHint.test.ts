// The name-leak hint shows Rust's warnings for the text it is given, and
// nothing for text Rust finds harmless or when Rust cannot answer.
import { render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LeakWarning } from '../bindings';
import { FakeBackend } from '../../test/fakeBackend';
import NameGuardHint, { withGuard } from './NameGuardHint.svelte';

let backend: FakeBackend;

const nameWarning: LeakWarning = {
  kind: 'full_name',
  excerpt: 'Mary Jones',
  message:
    '“Mary Jones” looks like a full name. Notes should not identify a client: use a case reference such as C-17 instead.',
};

beforeEach(() => {
  backend = new FakeBackend().install();
  // Stands in for crates/core/src/nameguard.rs: one rule is enough here.
  backend.on('name_guard_check', (args) =>
    String(args.text).includes('Mary Jones') ? [nameWarning] : [],
  );
});

describe('NameGuardHint', () => {
  it('shows the warning Rust returns, as a polite status', async () => {
    render(NameGuardHint, { id: 'g1', text: 'Talked about Mary Jones today', delay: 0 });
    const hint = screen.getByTestId('name-guard');
    expect(hint.getAttribute('role')).toBe('status');
    await waitFor(() => expect(hint.textContent).toContain('looks like a full name'));
    expect(hint.querySelector('li')?.dataset.kind).toBe('full_name');
    expect(backend.calls.filter((c) => c.cmd === 'name_guard_check')).toHaveLength(1);
  });

  it('shows nothing for harmless text, and clears when the name is removed', async () => {
    const { rerender } = render(NameGuardHint, { id: 'g2', text: 'Mary Jones called', delay: 0 });
    const hint = screen.getByTestId('name-guard');
    await waitFor(() => expect(hint.querySelectorAll('li')).toHaveLength(1));
    await rerender({ id: 'g2', text: 'C-17 called', delay: 0 });
    await waitFor(() => expect(hint.querySelectorAll('li')).toHaveLength(0));
    expect(hint.textContent?.trim()).toBe('');
  });

  it('does not ask about blank text and stays quiet when Rust cannot answer', async () => {
    render(NameGuardHint, { id: 'g3', text: '  ', delay: 0 });
    await new Promise((r) => setTimeout(r, 10));
    expect(backend.calls.filter((c) => c.cmd === 'name_guard_check')).toHaveLength(0);
    backend.on('name_guard_check', () => {
      throw { code: 'internal', message: 'broken' };
    });
    render(NameGuardHint, { id: 'g4', text: 'Someone else entirely', delay: 0 });
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.getAllByTestId('name-guard')[1].textContent?.trim()).toBe('');
  });

  it("adds its id to a field's own descriptions, or leaves them alone without one", () => {
    expect(withGuard('hint-1 problem-1', 'g')).toBe('hint-1 problem-1 g');
    expect(withGuard(undefined, 'g')).toBe('g');
    expect(withGuard('hint-1', undefined)).toBe('hint-1');
    expect(withGuard(undefined, undefined)).toBeUndefined();
  });
});
